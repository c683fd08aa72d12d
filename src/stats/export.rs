//! Data downloads: every figure as CSV (for spreadsheets, long format: one row per record
//! and year), as JSON (for programs, with each record's series and the units), and a
//! Frictionless Data package describing the CSV (for open-data portals).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use super::Stats;
use super::change;
use super::format::{self, Lang};
use super::model::{Point, Stat, Text, Unit, When};

/// The CSV header; `_zh` / `_en` columns are empty for a language the site lacks. A
/// converted edition adds its own four columns after these ([`csv_header`]).
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "year",
    "period",
    "value",
    "unit",
    "qualifier",
    "label_zh",
    "label_en",
    "display_zh",
    "display_en",
    "source_zh",
    "source_en",
    "derived_zh",
    "derived_en",
];

/// The whole JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    /// Every stat, in file order.
    pub stats: Vec<ExportStat>,
    /// Every group, in file order.
    pub groups: Vec<ExportGroup>,
    /// Every unit the stats use, by id order.
    pub units: Vec<ExportUnit>,
}

/// One stat in the JSON download; text maps are keyed by language code. `value`,
/// `qualifier`, `year`, `as_of`, `display`, `number` and `period` are the newest value's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportStat {
    /// The stat's id.
    pub id: String,
    /// The newest value in base units (integers are written without a decimal point).
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// The unit id, e.g. `yuan`.
    pub unit: String,
    /// The newest value's qualifier, e.g. `over`.
    pub qualifier: String,
    /// The year the newest value is for, if it is a yearly figure.
    pub year: Option<i32>,
    /// The year the newest value is as of, if it is a stock figure.
    pub as_of: Option<i32>,
    /// What the figure counts.
    pub label: BTreeMap<String, String>,
    /// The newest value, formatted.
    pub display: BTreeMap<String, String>,
    /// The newest value without its unit, formatted.
    pub number: BTreeMap<String, String>,
    /// The newest value's year as text.
    pub period: BTreeMap<String, String>,
    /// The source note.
    pub source: BTreeMap<String, String>,
    /// How a computed figure was derived.
    pub derived: Option<BTreeMap<String, String>>,
    /// Every value, oldest first (one for a single-value record).
    pub series: Vec<ExportPoint>,
}

/// One year of a stat in the JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportPoint {
    /// The year; none for a timeless figure.
    pub year: Option<i32>,
    /// True for a stock figure as of `year`.
    pub as_of: bool,
    /// The value in base units.
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// The qualifier key.
    pub qualifier: String,
    /// The value, formatted.
    pub display: BTreeMap<String, String>,
    /// This year's own source note, if it has one.
    pub source: Option<BTreeMap<String, String>>,
    /// The change from the series' previous year in percent, a derived figure (computed
    /// only between exact values).
    pub change_percent: Option<f64>,
}

/// One unit in the JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportUnit {
    /// The unit id.
    pub id: String,
    /// Its name per language: `平方公里` / `km²`.
    pub name: BTreeMap<String, String>,
    /// Whether 万/亿 and million/billion apply.
    pub scale: bool,
    /// The currency code, for money.
    pub currency: Option<String>,
    /// The kind of quantity.
    pub kind: String,
}

/// One group in the JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportGroup {
    /// The group's id.
    pub id: String,
    /// The heading.
    pub title: BTreeMap<String, String>,
    /// The optional longer text.
    pub description: Option<BTreeMap<String, String>>,
    /// The ids of the group's stats, in order.
    pub stats: Vec<String>,
}

fn number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// The site's languages and their formatting rules, in the site's order.
fn langs(stats: &Stats) -> Vec<(String, Lang)> {
    stats.rules().to_vec()
}

/// A map of `code -> f(rules)` for the site's languages.
fn per_lang(langs: &[(String, Lang)], f: impl Fn(Lang) -> String) -> BTreeMap<String, String> {
    langs
        .iter()
        .map(|(code, l)| (code.clone(), f(*l)))
        .collect()
}

fn text_map(text: &Text) -> BTreeMap<String, String> {
    text.0.clone()
}

/// The units the stats name, in id order.
fn used_units(stats: &Stats) -> Vec<&Unit> {
    let mut units: Vec<&Unit> = stats.stats().map(|s| &*s.unit).collect();
    units.sort_by(|a, b| a.id.cmp(&b.id));
    units.dedup_by(|a, b| a.id == b.id);
    units
}

/// The CSV header of `stats`: [`CSV_HEADER`], then `label_<code>`, `display_<code>`,
/// `source_<code>` and `derived_<code>` of each converted edition.
pub fn csv_header(stats: &Stats) -> Vec<String> {
    let mut out: Vec<String> = CSV_HEADER.iter().map(|h| (*h).to_owned()).collect();
    for (code, _, _) in stats.converted() {
        out.extend(["label", "display", "source", "derived"].map(|c| format!("{c}_{code}")));
    }
    out
}

/// `map` with each converted edition's text made from its source's.
fn with_converted(stats: &Stats, mut map: BTreeMap<String, String>) -> BTreeMap<String, String> {
    for (code, from, convert) in stats.converted() {
        if let Some(text) = map.get(from) {
            let converted = convert.apply(text);
            map.insert(code.clone(), converted);
        }
    }
    map
}

/// The JSON download as a value.
pub(crate) fn file(stats: &Stats) -> ExportFile {
    let mut file = file_of_own_languages(stats);
    let conv = |m: &mut BTreeMap<String, String>| *m = with_converted(stats, std::mem::take(m));
    for s in &mut file.stats {
        for m in [
            &mut s.label,
            &mut s.display,
            &mut s.number,
            &mut s.period,
            &mut s.source,
        ] {
            conv(m);
        }
        if let Some(d) = s.derived.as_mut() {
            conv(d);
        }
        for p in &mut s.series {
            conv(&mut p.display);
            if let Some(src) = p.source.as_mut() {
                conv(src);
            }
        }
    }
    for g in &mut file.groups {
        conv(&mut g.title);
        if let Some(d) = g.description.as_mut() {
            conv(d);
        }
    }
    for u in &mut file.units {
        conv(&mut u.name);
    }
    file
}

fn file_of_own_languages(stats: &Stats) -> ExportFile {
    let langs = langs(stats);
    ExportFile {
        stats: stats.stats().map(|s| export_stat(s, &langs)).collect(),
        groups: stats
            .groups()
            .map(|g| ExportGroup {
                id: g.id.clone(),
                title: text_map(&g.title),
                description: g.description.as_ref().map(text_map),
                stats: g.stats.clone(),
            })
            .collect(),
        units: used_units(stats)
            .into_iter()
            .map(|u| ExportUnit {
                id: u.id.clone(),
                name: per_lang(&langs, |l| format::unit_name(u, l)),
                scale: u.scale,
                currency: u.currency.clone(),
                kind: u.kind.clone(),
            })
            .collect(),
    }
}

fn export_stat(s: &Stat, langs: &[(String, Lang)]) -> ExportStat {
    let latest = s.latest();
    let (year, as_of) = match latest.when {
        When::Year(y) => (Some(y), None),
        When::AsOf(y) => (None, Some(y)),
        When::Timeless => (None, None),
    };
    let series = s
        .points
        .iter()
        .zip(change::steps(s))
        .map(|(p, c)| ExportPoint {
            year: p.when.year(),
            as_of: matches!(p.when, When::AsOf(_)),
            value: p.value,
            qualifier: p.qualifier.key().to_owned(),
            display: per_lang(langs, |l| format::point_display(s, p, l)),
            source: p.source.as_ref().map(text_map),
            change_percent: c.map(|c| (c.percent * 10.0).round() / 10.0),
        })
        .collect();
    ExportStat {
        id: s.id.clone(),
        value: latest.value,
        unit: s.unit.id.clone(),
        qualifier: latest.qualifier.key().to_owned(),
        year,
        as_of,
        label: text_map(&s.label),
        display: per_lang(langs, |l| format::display(s, l)),
        number: per_lang(langs, |l| format::number(s, l)),
        period: per_lang(langs, |l| format::period(latest.when, l)),
        source: text_map(&s.source),
        derived: s.derived.as_ref().map(text_map),
        series,
    }
}

/// The JSON download, pretty-printed.
pub(crate) fn json(stats: &Stats) -> String {
    // Serialising plain strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(&file(stats)).unwrap_or_default()
}

/// The CSV download: BOM, header, one CRLF-terminated row per record and year.
pub(crate) fn csv(stats: &Stats) -> String {
    let langs = langs(stats);
    let mut out = String::from('\u{feff}');
    push_row(&mut out, csv_header(stats).into_iter());
    for s in stats.stats() {
        for p in &s.points {
            let mut row: Vec<String> = csv_row(s, p, &langs).collect();
            // A converted edition's columns: its source's four, converted.
            for (_, from, convert) in stats.converted() {
                let of = |column: &str| {
                    CSV_HEADER
                        .iter()
                        .position(|h| *h == format!("{column}_{from}"))
                        .and_then(|i| row.get(i))
                        .map(|t| convert.apply(t))
                        .unwrap_or_default()
                };
                let extra = ["label", "display", "source", "derived"].map(of);
                row.extend(extra);
            }
            push_row(&mut out, row.into_iter());
        }
    }
    out
}

/// `year`, `as_of` or `timeless`: how the `year` column is meant.
fn period_kind(when: When) -> &'static str {
    match when {
        When::Year(_) => "year",
        When::AsOf(_) => "as_of",
        When::Timeless => "timeless",
    }
}

fn csv_row(s: &Stat, p: &Point, langs: &[(String, Lang)]) -> impl Iterator<Item = String> {
    let year = p.when.year().map(|y| y.to_string()).unwrap_or_default();
    let text =
        |t: Option<&Text>, code: &str| guard(t.and_then(|t| t.get(code)).unwrap_or_default());
    let display = |code: &str| {
        let lang = langs.iter().find(|(c, _)| c == code).map(|(_, l)| *l);
        guard(
            &lang
                .map(|l| format::point_display(s, p, l))
                .unwrap_or_default(),
        )
    };
    let source = |code: &str| guard(s.source_of(p, code));
    let mut row = vec![guard(&s.id), year, period_kind(p.when).to_owned()];
    row.extend([format::machine_number(p.value), s.unit.id.clone()]);
    row.push(p.qualifier.key().to_owned());
    row.extend([text(Some(&s.label), "zh"), text(Some(&s.label), "en")]);
    row.extend([display("zh"), display("en")]);
    row.extend([source("zh"), source("en")]);
    row.extend([
        text(s.derived.as_ref(), "zh"),
        text(s.derived.as_ref(), "en"),
    ]);
    row.into_iter()
}

/// What the data package says of the site.
pub struct PackageMeta<'a> {
    /// The site's title (default language).
    pub title: &'a str,
    /// The site's description.
    pub description: &'a str,
    /// The permalink of the site's home page.
    pub homepage: &'a str,
}

/// `data/datapackage.json`: a Frictionless Data (v1) tabular data package describing the
/// CSV download: its fields, their types, the units and qualifiers.
pub(crate) fn datapackage(stats: &Stats, meta: &PackageMeta<'_>) -> String {
    let langs = langs(stats);
    let units = used_units(stats);
    let unit_names: Vec<serde_json::Value> = units
        .iter()
        .map(|u| {
            let names = per_lang(&langs, |l| format::unit_name(u, l));
            serde_json::json!({ "value": u.id, "label": names.values().cloned().collect::<Vec<_>>().join(" / "), "kind": u.kind, "currency": u.currency, "scale": u.scale })
        })
        .collect();
    let unit_ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let qualifiers: Vec<&str> = super::Qualifier::ALL.iter().map(|q| q.key()).collect();
    let text_field = |name: &str, description: &str| serde_json::json!({ "name": name, "type": "string", "description": description });
    let fields = vec![
        serde_json::json!({ "name": "id", "type": "string", "description": "The figure's id; with `year`, one row", "constraints": { "required": true, "pattern": "[a-z0-9_]+" } }),
        serde_json::json!({ "name": "year", "type": "year", "description": "The year the value is for (period = year) or as of (period = as_of); empty for a timeless figure" }),
        serde_json::json!({ "name": "period", "type": "string", "description": "How `year` is meant: a figure for the year, a stock as of the year, or timeless", "constraints": { "required": true, "enum": ["year", "as_of", "timeless"] } }),
        serde_json::json!({ "name": "value", "type": "number", "description": "The value in base units of `unit` (yuan, not 万元)", "constraints": { "required": true } }),
        serde_json::json!({ "name": "unit", "type": "string", "description": "The unit's id; see `units` of this package for each unit's names", "constraints": { "required": true, "enum": unit_ids } }),
        serde_json::json!({ "name": "qualifier", "type": "string", "description": "How exactly the value is known: exact, over (余, more than), about (约), exceeds (超过), nearly (近), under (不足)", "constraints": { "required": true, "enum": qualifiers } }),
        text_field("label_zh", "What the figure counts, Simplified Chinese"),
        text_field("label_en", "What the figure counts, English"),
        text_field(
            "display_zh",
            "The value as the site shows it, Simplified Chinese",
        ),
        text_field("display_en", "The value as the site shows it, English"),
        text_field("source_zh", "Source note, Simplified Chinese"),
        text_field("source_en", "Source note, English"),
        text_field(
            "derived_zh",
            "For a computed figure: how it was derived (Chinese); empty for reported figures",
        ),
        text_field(
            "derived_en",
            "For a computed figure: how it was derived (English); empty for reported figures",
        ),
    ];
    let mut fields = fields;
    for (code, from, _) in stats.converted() {
        for (column, what) in [
            ("label", "What the figure counts"),
            ("display", "The value as the site shows it"),
            ("source", "Source note"),
            ("derived", "For a computed figure: how it was derived"),
        ] {
            fields.push(text_field(
                &format!("{column}_{code}"),
                &format!("{what}, the `{code}` edition (converted from `{column}_{from}`)"),
            ));
        }
    }
    let package = serde_json::json!({
        "profile": "tabular-data-package",
        "name": "stats",
        "title": meta.title,
        "description": meta.description,
        "homepage": meta.homepage,
        "resources": [{
            "profile": "tabular-data-resource",
            "name": "stats",
            "path": "stats.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true },
            "schema": {
                "fields": fields,
                "missingValues": [""]
            }
        }],
        "units": unit_names
    });
    serde_json::to_string_pretty(&package).unwrap_or_default()
}

/// Prefixes `'` to text a spreadsheet would run as a formula (`= + - @`, tab, CR).
pub(crate) fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// Quotes a cell per RFC 4180 when it holds a comma, quote or line break.
pub(crate) fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let row: Vec<String> = cells.map(|c| quote(&c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}
