//! Statistics: every figure of the profile, kept once in `content/stats.toml` and rendered
//! in each language by the rules of the stats spec.
//!
//! [`load`] reads and validates the file, reporting every mistake as a located
//! [`Diagnostic`](crate::diag::Diagnostic). The loaded [`Stats`] then serves:
//! - the `{{ stat(id=…) }}` shortcode ([`Stats::render_stat`]) and the `stat()` template
//!   function ([`Stats::display`]);
//! - the `stat_record`, `stats_group` and `stats_groups` template functions
//!   ([`Stats::record_view`], [`Stats::group_view`], [`Stats::group_views`]);
//! - `{{ chart(group=…) }}` ([`Stats::chart_svg`]);
//! - the data downloads ([`Stats::to_csv`], [`Stats::to_json`]).

mod change;
mod chart;
mod export;
pub mod format;
mod load;
pub mod model;
pub(crate) mod timechart;
mod units;
mod validate;
mod view;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub use change::Change;
pub use export::{ExportFile, ExportGroup, ExportPoint, ExportStat, ExportUnit, PackageMeta};
pub use format::Lang;
pub use model::{EnUnit, Group, Point, Qualifier, Stat, Text, Unit, When};
pub use view::{GroupView, PointView, RecordView};

use crate::diag::{Diagnostics, did_you_mean};

/// An error from a shortcode or template function: the message and an optional hint. The
/// caller adds the file and position of the call.
pub type CallError = (String, Option<String>);

/// How a converted edition's texts are made from its source's.
#[derive(Clone)]
pub struct Conversion(Arc<dyn Fn(&str) -> String + Send + Sync>);

impl Conversion {
    /// `text` converted.
    pub fn apply(&self, text: &str) -> String {
        (self.0)(text)
    }
}

impl std::fmt::Debug for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Conversion")
    }
}

/// Every figure and group of the site, validated.
#[derive(Debug, Clone)]
pub struct Stats {
    languages: Vec<String>,
    /// Each site language's formatting rules (`fr` may follow `en`'s).
    rules: Vec<(String, Lang)>,
    /// Converted editions (`zh-hant`) and the language whose rules and texts they use
    /// (`zh`): their pages are converted as they are written, their texts in the data
    /// downloads by the function.
    converted: Vec<(String, String, Conversion)>,
    stats: Vec<Stat>,
    index: HashMap<String, usize>,
    groups: Vec<Group>,
    units: units::Units,
}

/// What `stats_dataset()` returns to templates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dataset {
    /// `2023/2024`: the first and last year of any figure (ISO 8601 interval).
    pub temporal_coverage: String,
    /// Each figure as a schema.org `PropertyValue`.
    pub variables: Vec<Variable>,
    /// True when some figure is a series (the data page explains its change column).
    pub has_series: bool,
}

/// One figure as a schema.org `PropertyValue`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Variable {
    /// Always `PropertyValue`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The figure's label.
    pub name: String,
    /// The unit's name.
    #[serde(rename = "unitText")]
    pub unit_text: String,
    /// The figure's id.
    #[serde(rename = "propertyID")]
    pub property_id: String,
}

/// A figure whose newest year is older than its group's ([`Stats::behind`]).
#[derive(Debug, Clone, Copy)]
pub struct Behind<'a> {
    /// The figure.
    pub stat: &'a Stat,
    /// Its newest year.
    pub newest: i32,
    /// The group where others are newer.
    pub group: &'a Group,
    /// The group's newest year.
    pub group_newest: i32,
}

/// Reads and validates a stats file.
///
/// `file` is the path shown in messages (relative to the site), `text` the file's content and
/// `languages` the site's language codes (only `zh` and `en` are supported). Every problem
/// in the file is reported, each with its line and column and a hint.
pub fn load(file: &Path, text: &Arc<str>, languages: &[&str]) -> Result<Stats, Diagnostics> {
    let languages: Vec<(&str, Option<Lang>)> = languages.iter().map(|l| (*l, None)).collect();
    load_with_rules(file, text, &languages)
}

/// [`load`] for languages that may follow another's formatting rules (`fr` with `en`'s:
/// `figures = "en"` in its config table); `None` takes the rules of the code.
pub fn load_with_rules(
    file: &Path,
    text: &Arc<str>,
    languages: &[(&str, Option<Lang>)],
) -> Result<Stats, Diagnostics> {
    let loaded = load::load(file, text, languages)?;
    let index = loaded
        .stats
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    Ok(Stats {
        languages: loaded.languages,
        rules: loaded.rules,
        converted: Vec::new(),
        stats: loaded.stats,
        index,
        groups: loaded.groups,
        units: loaded.units,
    })
}

impl Stats {
    /// The site languages the file was checked against.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Every unit the file may name (built in and its own), by id.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.values().map(|u| &**u)
    }

    /// The stat with this id.
    pub fn get(&self, id: &str) -> Option<&Stat> {
        self.index.get(id).and_then(|&i| self.stats.get(i))
    }

    /// Every stat, in file order.
    pub fn stats(&self) -> impl Iterator<Item = &Stat> {
        self.stats.iter()
    }

    /// Every stat id, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.stats.iter().map(|s| s.id.as_str())
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Every group, in file order.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter()
    }

    /// Every group id, in file order.
    pub fn group_ids(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|g| g.id.as_str())
    }

    /// Figures that look forgotten in a yearly update: in a group that holds a series,
    /// each dated figure whose newest year is older than the newest year of the group.
    pub fn behind(&self) -> Vec<Behind<'_>> {
        let mut out: Vec<Behind<'_>> = Vec::new();
        for group in &self.groups {
            let members: Vec<&Stat> = group.stats.iter().filter_map(|s| self.get(s)).collect();
            if !members.iter().any(|s| s.is_series) {
                continue;
            }
            let newest = |s: &Stat| s.latest().when.year();
            let Some(group_newest) = members.iter().filter_map(|s| newest(s)).max() else {
                continue;
            };
            for stat in members {
                let seen = out.iter().any(|b| b.stat.id == stat.id);
                match newest(stat) {
                    Some(y) if y < group_newest && !seen => out.push(Behind {
                        stat,
                        newest: y,
                        group,
                        group_newest,
                    }),
                    _ => {}
                }
            }
        }
        out
    }

    /// The known stat id closest to `unknown`, for "did you mean" hints.
    pub fn closest_id(&self, unknown: &str) -> Option<&str> {
        did_you_mean(unknown, self.ids())
    }

    /// The known group id closest to `unknown`, for "did you mean" hints.
    pub fn closest_group(&self, unknown: &str) -> Option<&str> {
        did_you_mean(unknown, self.group_ids())
    }

    /// Shows the figures of the converted edition `code` as those of `from` (its pages
    /// are converted when written: 万 becomes 萬); the data downloads carry its texts too,
    /// converted by `convert`.
    pub fn with_converted(
        mut self,
        code: &str,
        from: &str,
        convert: impl Fn(&str) -> String + Send + Sync + 'static,
    ) -> Stats {
        self.converted.push((
            code.to_owned(),
            from.to_owned(),
            Conversion(Arc::new(convert)),
        ));
        self
    }

    /// The language whose texts `lang` shows: itself, or the one it is converted from.
    fn source_of<'a>(&'a self, lang: &'a str) -> &'a str {
        self.converted
            .iter()
            .find(|(c, _, _)| c == lang)
            .map_or(lang, |(_, from, _)| from.as_str())
    }

    /// `lang` if it is a site language with formatting rules (a converted edition has
    /// those of its source).
    fn lang(&self, lang: &str) -> Option<Lang> {
        let lang = self.source_of(lang);
        self.rules
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, rules)| *rules)
    }

    /// The converted editions: code, source language, conversion.
    pub(crate) fn converted(&self) -> &[(String, String, Conversion)] {
        &self.converted
    }

    /// Each site language's code and formatting rules, in the site's order.
    pub fn rules(&self) -> &[(String, Lang)] {
        &self.rules
    }

    /// The full figure in `lang`: `6575.9万元` / `CNY 65.759 million`.
    pub fn display(&self, id: &str, lang: &str) -> Option<String> {
        Some(format::display(self.get(id)?, self.lang(lang)?))
    }

    /// The figure without its unit (`form="number"`): `6575.9万` / `65.759 million`.
    pub fn number(&self, id: &str, lang: &str) -> Option<String> {
        Some(format::number(self.get(id)?, self.lang(lang)?))
    }

    /// The year or period as text: `2023年` / `2023`, `截至2024年` / `as of 2024`.
    pub fn period(&self, id: &str, lang: &str) -> Option<String> {
        Some(format::period(
            self.get(id)?.latest().when,
            self.lang(lang)?,
        ))
    }

    /// What `stat_record(id=…)` returns to templates.
    pub fn record_view(&self, id: &str, lang: &str) -> Option<RecordView> {
        Some(view::record(
            self.get(id)?,
            self.lang(lang)?,
            self.source_of(lang),
        ))
    }

    /// What `stats_group(id=…)` returns to templates.
    pub fn group_view(&self, id: &str, lang: &str) -> Option<GroupView> {
        let code = self.source_of(lang);
        let lang = self.lang(lang)?;
        Some(view::group(self.group(id)?, (lang, code), |s| self.get(s)))
    }

    /// What `stats_groups()` returns: every group in file order (empty for a language the
    /// site does not have).
    pub fn group_views(&self, lang: &str) -> Vec<GroupView> {
        let code = self.source_of(lang);
        let Some(lang) = self.lang(lang) else {
            return Vec::new();
        };
        self.groups
            .iter()
            .map(|g| view::group(g, (lang, code), |s| self.get(s)))
            .collect()
    }

    /// What `stats_dataset()` gives the data page's schema.org `Dataset`: the years the
    /// figures cover and each figure as a `PropertyValue`, in `lang`.
    pub fn dataset(&self, lang: &str) -> Dataset {
        let years: Vec<i32> = self.stats.iter().flat_map(|s| s.years()).collect();
        let temporal_coverage = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}/{b}"),
            _ => String::new(),
        };
        let variables = match self.lang(lang) {
            Some(l) => self
                .stats
                .iter()
                .map(|s| Variable {
                    kind: "PropertyValue",
                    name: s
                        .label
                        .get(self.source_of(lang))
                        .unwrap_or_default()
                        .to_owned(),
                    unit_text: format::unit_name(&s.unit, l),
                    property_id: s.id.clone(),
                })
                .collect(),
            None => Vec::new(),
        };
        Dataset {
            temporal_coverage,
            variables,
            has_series: self.stats.iter().any(|s| s.is_series),
        }
    }

    /// The HTML of `{{ stat(id=…) }}` / `{{ stat(id=…, form="number") }}` /
    /// `{{ stat(id=…, year=2021) }}`: `<span class="stat" data-stat="ID">figure</span>`,
    /// text escaped. Without `year`, the newest value.
    pub fn render_stat(
        &self,
        id: &str,
        form: Option<&str>,
        year: Option<i64>,
        lang: &str,
    ) -> Result<String, CallError> {
        let lang = self.call_lang(lang)?;
        let stat = self.get(id).ok_or_else(|| self.unknown_id(id))?;
        let point = match year {
            None => stat.latest(),
            Some(y) => point_at(stat, y)?,
        };
        let text = match form {
            None => format::point_display(stat, point, lang),
            Some("number") => format::point_number(stat, point, lang),
            Some(other) => {
                let msg = format!("unknown stat form `{other}`");
                let hint = "use form=\"number\" for the figure without its unit, or leave form out";
                return Err((msg, Some(hint.to_owned())));
            }
        };
        let year_attr = match (year, point.when.year()) {
            (Some(_), Some(y)) => format!(" data-year=\"{y}\""),
            _ => String::new(),
        };
        Ok(format!(
            "<span class=\"stat\" data-stat=\"{}\"{year_attr}>{}</span>",
            escape_html(&stat.id),
            escape_html(&text)
        ))
    }

    /// The change of a series between two years (`from`, `to`; by default the newest year
    /// and the one before it in the series).
    pub fn change(
        &self,
        id: &str,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<Change, CallError> {
        let stat = self.get(id).ok_or_else(|| self.unknown_id(id))?;
        change::between(stat, from, to)
    }

    /// The HTML of `{{ stat_change(id=…) }}`: the change in words, marked as derived
    /// (`data-derived`, and a `title` saying from which two values it was computed).
    pub fn render_change(
        &self,
        id: &str,
        from: Option<i64>,
        to: Option<i64>,
        lang: &str,
    ) -> Result<String, CallError> {
        let lang = self.call_lang(lang)?;
        let c = self.change(id, from, to)?;
        Ok(format!(
            "<span class=\"stat-change\" data-stat=\"{}\" data-derived=\"change\" data-from=\"{}\" data-to=\"{}\" title=\"{}\">{}</span>",
            escape_html(id),
            c.from,
            c.to,
            escape_html(&change::note(&c, lang)),
            escape_html(&format::change(c.percent, lang)),
        ))
    }

    /// `{{ chart(group=…) }}`: a horizontal bar chart of the group, or, when it holds a
    /// series, a chart over the years (`kind`: `"columns"`, the default, or `"line"`), as
    /// an inline SVG figure. Errors for an unknown group, a group mixing kinds of
    /// quantity, or an unknown kind.
    pub fn chart_svg(
        &self,
        group: &str,
        kind: Option<&str>,
        lang: &str,
    ) -> Result<String, CallError> {
        let code = self.source_of(lang);
        let lang = self.call_lang(lang)?;
        let Some(g) = self.group(group) else {
            let hint = self
                .closest_group(group)
                .map(|c| format!("did you mean `{c}`?"));
            return Err((format!("unknown stats group `{group}`"), hint));
        };
        let members: Vec<&Stat> = g.stats.iter().filter_map(|s| self.get(s)).collect();
        let units: Vec<&Unit> = members.iter().map(|s| &*s.unit).collect();
        chart::check_units(group, &units)?;
        let view = view::group(g, (lang, code), |s| self.get(s));
        if members.iter().any(|s| s.is_series) {
            let kind = timechart::Kind::parse(kind)?;
            return Ok(timechart::svg(&view, kind, lang));
        }
        match kind {
            None | Some("bars") => Ok(chart::svg(&view, lang)),
            Some(other) => Err((
                format!("chart kind `{other}` needs a group with a series"),
                Some("a group of single figures is drawn as bars; leave `kind` out".to_owned()),
            )),
        }
    }

    /// Every stat as CSV for spreadsheet users: UTF-8 with BOM, CRLF, RFC 4180 quoting,
    /// text cells guarded against formula injection.
    pub fn to_csv(&self) -> String {
        export::csv(self)
    }

    /// Every stat and group as pretty JSON: `{ "stats": [...], "groups": [...] }`, with the
    /// texts of every site language (see [`ExportFile`]).
    pub fn to_json(&self) -> String {
        export::json(self)
    }

    /// `data/datapackage.json`: a Frictionless Data package describing the CSV.
    pub fn to_datapackage(&self, meta: &PackageMeta<'_>) -> String {
        export::datapackage(self, meta)
    }

    /// The export structure behind [`Stats::to_json`].
    pub fn export(&self) -> ExportFile {
        export::file(self)
    }

    fn call_lang(&self, lang: &str) -> Result<Lang, CallError> {
        self.lang(lang).ok_or_else(|| {
            let msg = format!("stats cannot be shown in language `{lang}`");
            (
                msg,
                Some(format!("site languages: {}", self.languages.join(", "))),
            )
        })
    }

    fn unknown_id(&self, id: &str) -> CallError {
        let hint = match self.closest_id(id) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "stat ids are defined by [[stat]] records in content/stats.toml".to_owned(),
        };
        (format!("unknown stat id `{id}`"), Some(hint))
    }
}

/// The value of `stat` for `year`, or an error naming the years it has.
fn point_at(stat: &Stat, year: i64) -> Result<&Point, CallError> {
    let found = i32::try_from(year).ok().and_then(|y| stat.at(y));
    found.ok_or_else(|| {
        let years: Vec<String> = stat.years().iter().map(i32::to_string).collect();
        let hint = match years.as_slice() {
            [] => "this figure is timeless; leave `year` out".to_owned(),
            _ => format!("`{}` has the years {}", stat.id, years.join(", ")),
        };
        (
            format!("stat `{}` has no value for {year}", stat.id),
            Some(hint),
        )
    })
}

/// Escapes `& < > " '` for HTML text and attribute values (and XML).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
