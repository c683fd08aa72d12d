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

mod chart;
mod export;
pub mod format;
mod load;
pub mod model;
mod validate;
mod view;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub use export::{ExportFile, ExportGroup, ExportStat};
pub use format::Lang;
pub use model::{Group, Qualifier, Stat, Text, Unit, When};
pub use view::{GroupView, RecordView};

use crate::diag::{Diagnostics, did_you_mean};

/// An error from a shortcode or template function: the message and an optional hint. The
/// caller adds the file and position of the call.
pub type CallError = (String, Option<String>);

/// Every figure and group of the site, validated.
#[derive(Debug, Clone)]
pub struct Stats {
    languages: Vec<String>,
    stats: Vec<Stat>,
    index: HashMap<String, usize>,
    groups: Vec<Group>,
}

/// Reads and validates a stats file.
///
/// `file` is the path shown in messages (relative to the site), `text` the file's content and
/// `languages` the site's language codes (only `zh` and `en` are supported). Every problem
/// in the file is reported, each with its line and column and a hint.
pub fn load(file: &Path, text: &Arc<str>, languages: &[&str]) -> Result<Stats, Diagnostics> {
    let loaded = load::load(file, text, languages)?;
    let index = loaded
        .stats
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    Ok(Stats {
        languages: loaded.languages,
        stats: loaded.stats,
        index,
        groups: loaded.groups,
    })
}

impl Stats {
    /// The site languages the file was checked against.
    pub fn languages(&self) -> &[String] {
        &self.languages
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

    /// The known stat id closest to `unknown`, for "did you mean" hints.
    pub fn closest_id(&self, unknown: &str) -> Option<&str> {
        did_you_mean(unknown, self.ids())
    }

    /// The known group id closest to `unknown`, for "did you mean" hints.
    pub fn closest_group(&self, unknown: &str) -> Option<&str> {
        did_you_mean(unknown, self.group_ids())
    }

    /// `lang` if it is a site language with formatting rules.
    fn lang(&self, lang: &str) -> Option<Lang> {
        Lang::from_code(lang).filter(|_| self.languages.iter().any(|l| l == lang))
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
        Some(format::period(self.get(id)?.when, self.lang(lang)?))
    }

    /// What `stat_record(id=…)` returns to templates.
    pub fn record_view(&self, id: &str, lang: &str) -> Option<RecordView> {
        Some(view::record(self.get(id)?, self.lang(lang)?))
    }

    /// What `stats_group(id=…)` returns to templates.
    pub fn group_view(&self, id: &str, lang: &str) -> Option<GroupView> {
        let lang = self.lang(lang)?;
        Some(view::group(self.group(id)?, lang, |s| self.get(s)))
    }

    /// What `stats_groups()` returns: every group in file order (empty for a language the
    /// site does not have).
    pub fn group_views(&self, lang: &str) -> Vec<GroupView> {
        let Some(lang) = self.lang(lang) else {
            return Vec::new();
        };
        self.groups
            .iter()
            .map(|g| view::group(g, lang, |s| self.get(s)))
            .collect()
    }

    /// The HTML of `{{ stat(id=…) }}` / `{{ stat(id=…, form="number") }}`:
    /// `<span class="stat" data-stat="ID">figure</span>`, text escaped.
    pub fn render_stat(
        &self,
        id: &str,
        form: Option<&str>,
        lang: &str,
    ) -> Result<String, CallError> {
        let lang = self.call_lang(lang)?;
        let stat = self.get(id).ok_or_else(|| self.unknown_id(id))?;
        let text = match form {
            None => format::display(stat, lang),
            Some("number") => format::number(stat, lang),
            Some(other) => {
                let msg = format!("unknown stat form `{other}`");
                let hint = "use form=\"number\" for the figure without its unit, or leave form out";
                return Err((msg, Some(hint.to_owned())));
            }
        };
        Ok(format!(
            "<span class=\"stat\" data-stat=\"{}\">{}</span>",
            escape_html(&stat.id),
            escape_html(&text)
        ))
    }

    /// `{{ chart(group=…) }}`: a horizontal bar chart of the group as an inline SVG figure.
    /// Errors for an unknown group or a group mixing kinds of quantity.
    pub fn chart_svg(&self, group: &str, lang: &str) -> Result<String, CallError> {
        let lang = self.call_lang(lang)?;
        let Some(g) = self.group(group) else {
            let hint = self
                .closest_group(group)
                .map(|c| format!("did you mean `{c}`?"));
            return Err((format!("unknown stats group `{group}`"), hint));
        };
        let units: Vec<Unit> = g
            .stats
            .iter()
            .filter_map(|s| self.get(s))
            .map(|s| s.unit)
            .collect();
        chart::check_units(group, &units)?;
        Ok(chart::svg(&view::group(g, lang, |s| self.get(s)), lang))
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
