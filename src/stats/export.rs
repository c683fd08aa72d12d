//! Data downloads: every figure as CSV (for spreadsheets) and as JSON (for programs).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use super::Stats;
use super::format::{self, Lang};
use super::model::{Stat, Text, When};

/// The CSV header; `_zh` / `_en` columns are empty for a language the site lacks.
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "value",
    "unit",
    "qualifier",
    "year",
    "as_of",
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
}

/// One stat in the JSON download; text maps are keyed by language code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportStat {
    /// The stat's id.
    pub id: String,
    /// The value in base units (integers are written without a decimal point).
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// The unit key, e.g. `yuan`.
    pub unit: String,
    /// The qualifier key, e.g. `over`.
    pub qualifier: String,
    /// The year the figure is for, if it is a yearly figure.
    pub year: Option<i32>,
    /// The year a stock figure is as of.
    pub as_of: Option<i32>,
    /// What the figure counts.
    pub label: BTreeMap<String, String>,
    /// The full figure, formatted.
    pub display: BTreeMap<String, String>,
    /// The figure without its unit, formatted.
    pub number: BTreeMap<String, String>,
    /// The year as text.
    pub period: BTreeMap<String, String>,
    /// The source note.
    pub source: BTreeMap<String, String>,
    /// How a computed figure was derived.
    pub derived: Option<BTreeMap<String, String>>,
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

/// The site's languages that have formatting rules, in the site's order.
fn langs(stats: &Stats) -> Vec<Lang> {
    stats
        .languages()
        .iter()
        .filter_map(|l| Lang::from_code(l))
        .collect()
}

/// A map of `lang -> f(lang)` for the site's languages.
fn per_lang(langs: &[Lang], f: impl Fn(Lang) -> String) -> BTreeMap<String, String> {
    langs.iter().map(|&l| (l.code().to_owned(), f(l))).collect()
}

fn text_map(text: &Text) -> BTreeMap<String, String> {
    text.0.clone()
}

/// The JSON download as a value.
pub(crate) fn file(stats: &Stats) -> ExportFile {
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
    }
}

fn export_stat(s: &Stat, langs: &[Lang]) -> ExportStat {
    let (year, as_of) = match s.when {
        When::Year(y) => (Some(y), None),
        When::AsOf(y) => (None, Some(y)),
        When::Timeless => (None, None),
    };
    ExportStat {
        id: s.id.clone(),
        value: s.value,
        unit: s.unit.key().to_owned(),
        qualifier: s.qualifier.key().to_owned(),
        year,
        as_of,
        label: text_map(&s.label),
        display: per_lang(langs, |l| format::display(s, l)),
        number: per_lang(langs, |l| format::number(s, l)),
        period: per_lang(langs, |l| format::period(s.when, l)),
        source: text_map(&s.source),
        derived: s.derived.as_ref().map(text_map),
    }
}

/// The JSON download, pretty-printed.
pub(crate) fn json(stats: &Stats) -> String {
    // Serialising plain strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(&file(stats)).unwrap_or_default()
}

/// The CSV download: BOM, header, one CRLF-terminated row per stat.
pub(crate) fn csv(stats: &Stats) -> String {
    let langs = langs(stats);
    let mut out = String::from('\u{feff}');
    push_row(&mut out, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for s in stats.stats() {
        push_row(&mut out, csv_row(s, &langs));
    }
    out
}

fn csv_row(s: &Stat, langs: &[Lang]) -> impl Iterator<Item = String> {
    let (year, as_of) = match s.when {
        When::Year(y) => (y.to_string(), String::new()),
        When::AsOf(y) => (String::new(), y.to_string()),
        When::Timeless => (String::new(), String::new()),
    };
    let numeric = [format::machine_number(s.value), s.unit.key().to_owned()];
    let text =
        |t: Option<&Text>, code: &str| guard(t.and_then(|t| t.get(code)).unwrap_or_default());
    let display = |code: &str| {
        let lang = Lang::from_code(code).filter(|l| langs.contains(l));
        guard(&lang.map(|l| format::display(s, l)).unwrap_or_default())
    };
    let mut row = vec![guard(&s.id)];
    row.extend(numeric);
    row.extend([s.qualifier.key().to_owned(), year, as_of]);
    row.extend([text(Some(&s.label), "zh"), text(Some(&s.label), "en")]);
    row.extend([display("zh"), display("en")]);
    row.extend([text(Some(&s.source), "zh"), text(Some(&s.source), "en")]);
    row.extend([
        text(s.derived.as_ref(), "zh"),
        text(s.derived.as_ref(), "en"),
    ]);
    row.into_iter()
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
