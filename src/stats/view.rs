//! What templates receive from `stat_record`, `stats_group` and `stats_groups`: plain
//! serialisable structs with every text already in the page's language.

use serde::Serialize;

use super::change;
use super::format::{self, Lang};
use super::model::{Group, Stat, When};

/// One figure for a template (`stat_record(id=…)`), texts in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordView {
    /// The stat's id.
    pub id: String,
    /// The value in base units, for sorting or computing.
    pub value: f64,
    /// The full figure: `6575.9万元` / `CNY 65.759 million`.
    pub display: String,
    /// The figure without unit: `6575.9万` / `65.759 million`.
    pub number: String,
    /// What the figure counts.
    pub label: String,
    /// The unit's name for a table column: `元` / `CNY`, `家` / `enterprises`.
    pub unit: String,
    /// The qualifier key: `exact`, `over`, `about` or `exceeds`.
    pub qualifier: String,
    /// The year the figure is for (or as of); none for a timeless figure.
    pub year: Option<i32>,
    /// True when the figure is a stock "as of" `year`.
    pub as_of: bool,
    /// The year as text: `2023年` / `2023`, `截至2024年` / `as of 2024`.
    pub period: String,
    /// The source note.
    pub source: String,
    /// How a computed figure was derived; `None` for reported figures.
    pub derived: Option<String>,
    /// True when the record is a series of years.
    pub is_series: bool,
    /// Every value, oldest year first (one for a single-value record).
    pub series: Vec<PointView>,
}

/// One year of a figure, for a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointView {
    /// The year; none for a timeless figure.
    pub year: Option<i32>,
    /// True for a stock figure "as of" `year`.
    pub as_of: bool,
    /// The value in base units.
    pub value: f64,
    /// The full figure: `100亿元` / `CNY 10 billion`.
    pub display: String,
    /// The figure without unit.
    pub number: String,
    /// The qualifier key.
    pub qualifier: String,
    /// The year as text.
    pub period: String,
    /// This year's source (its own, else the record's).
    pub source: String,
    /// The change from the series' previous year, a derived figure (`增长20.5%` /
    /// `up 20.5%`); none for the first year, or when either value is not exact.
    pub change: Option<String>,
}

/// A group for a template (`stats_group(id=…)`), texts in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    /// The group's id.
    pub id: String,
    /// The heading.
    pub title: String,
    /// The optional longer text.
    pub description: Option<String>,
    /// The group's figures, in the file's order for the group.
    pub records: Vec<RecordView>,
}

/// The view of `stat` in the language `code`, formatted by its rules `lang`; texts the
/// file lacks come out empty (load prevents that for site languages).
pub(crate) fn record(stat: &Stat, lang: Lang, code: &str) -> RecordView {
    let latest = stat.latest();
    let changes = change::steps(stat);
    let series = stat
        .points
        .iter()
        .zip(changes)
        .map(|(p, c)| PointView {
            year: p.when.year(),
            as_of: matches!(p.when, When::AsOf(_)),
            value: p.value,
            display: format::point_display(stat, p, lang),
            number: format::point_number(stat, p, lang),
            qualifier: p.qualifier.key().to_owned(),
            period: format::period(p.when, lang),
            source: stat.source_of(p, code).to_owned(),
            change: c.map(|c| format::change(c.percent, lang)),
        })
        .collect();
    RecordView {
        id: stat.id.clone(),
        value: latest.value,
        display: format::display(stat, lang),
        number: format::number(stat, lang),
        label: stat.label.get(code).unwrap_or_default().to_owned(),
        unit: format::unit_name(&stat.unit, lang),
        qualifier: latest.qualifier.key().to_owned(),
        year: latest.when.year(),
        as_of: matches!(latest.when, When::AsOf(_)),
        period: format::period(latest.when, lang),
        source: stat.source_of(latest, code).to_owned(),
        derived: stat
            .derived
            .as_ref()
            .and_then(|d| d.get(code))
            .map(str::to_owned),
        is_series: stat.is_series,
        series,
    }
}

/// The view of `group` in the language `code` with its rules `lang`, its records looked
/// up with `find`.
pub(crate) fn group<'a>(
    group: &Group,
    (lang, code): (Lang, &str),
    find: impl Fn(&str) -> Option<&'a Stat>,
) -> GroupView {
    GroupView {
        id: group.id.clone(),
        title: group.title.get(code).unwrap_or_default().to_owned(),
        description: group
            .description
            .as_ref()
            .and_then(|d| d.get(code))
            .map(str::to_owned),
        records: group
            .stats
            .iter()
            .filter_map(|id| find(id))
            .map(|s| record(s, lang, code))
            .collect(),
    }
}
