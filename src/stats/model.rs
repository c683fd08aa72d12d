//! The data model of `content/stats.toml`: the raw records as serde reads them (every field
//! optional and spanned, so validation can point at the exact place of each mistake) and the
//! validated types the rest of the generator uses.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Visitor};
use toml::Spanned;

/// Keys allowed in a `[[stat]]` record, in the order the docs list them.
pub(crate) const STAT_KEYS: [&str; 11] = [
    "id",
    "value",
    "series",
    "unit",
    "qualifier",
    "year",
    "as_of",
    "timeless",
    "label",
    "source",
    "derived",
];

/// Keys allowed in a `[[group]]` record.
pub(crate) const GROUP_KEYS: [&str; 4] = ["id", "title", "description", "stats"];

/// Keys allowed at the top level of the file.
pub(crate) const TOP_KEYS: [&str; 3] = ["stat", "group", "unit"];

/// Keys allowed in a `[[unit]]` record.
pub(crate) const UNIT_KEYS: [&str; 6] = ["id", "zh", "en", "scale", "currency", "kind"];

/// One text per language, as written: `{ zh = "…", en = "…" }`.
pub(crate) type RawText = BTreeMap<Spanned<String>, Spanned<String>>;

/// A `[[stat]]` record exactly as written; [`super::load`] checks it field by field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStat {
    pub id: Option<Spanned<String>>,
    pub value: Option<Spanned<RawNumber>>,
    pub series: Option<Spanned<RawSeries>>,
    pub unit: Option<Spanned<String>>,
    pub qualifier: Option<Spanned<String>>,
    pub year: Option<Spanned<i64>>,
    pub as_of: Option<Spanned<i64>>,
    pub timeless: Option<Spanned<bool>>,
    pub label: Option<Spanned<RawText>>,
    pub source: Option<Spanned<RawText>>,
    pub derived: Option<Spanned<RawText>>,
}

/// A `series` as written: year (a TOML key, so text) → value or table.
pub(crate) type RawSeries = BTreeMap<Spanned<String>, Spanned<RawPoint>>;

/// One year of a `series`: a number, or `{ value = …, qualifier = …, source = …, as_of = … }`.
#[derive(Debug)]
pub(crate) enum RawPoint {
    /// `2021 = 7000000000` (or a mistaken quoted string or boolean).
    Value(RawNumber),
    /// `2022 = { value = 8300000000, qualifier = "about" }`.
    Table(RawPointTable),
}

/// One year written as a table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPointTable {
    pub value: Option<Spanned<RawNumber>>,
    pub qualifier: Option<Spanned<String>>,
    pub source: Option<Spanned<RawText>>,
    pub as_of: Option<Spanned<bool>>,
}

impl<'de> Deserialize<'de> for RawPoint {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawPointVisitor)
    }
}

struct RawPointVisitor;

impl<'de> Visitor<'de> for RawPointVisitor {
    type Value = RawPoint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::msg!("expecting-point"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawPoint, E> {
        RawNumberVisitor.visit_i64(v).map(RawPoint::Value)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawPoint, E> {
        RawNumberVisitor.visit_u64(v).map(RawPoint::Value)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawPoint, E> {
        RawNumberVisitor.visit_f64(v).map(RawPoint::Value)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPoint, E> {
        RawNumberVisitor.visit_str(v).map(RawPoint::Value)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawPoint, E> {
        RawNumberVisitor.visit_bool(v).map(RawPoint::Value)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawPoint, A::Error> {
        RawPointTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawPoint::Table)
    }
}

/// A `[[unit]]` record exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    pub id: Option<Spanned<String>>,
    pub zh: Option<Spanned<String>>,
    pub en: Option<Spanned<RawEn>>,
    pub scale: Option<Spanned<bool>>,
    pub currency: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
}

/// `en` of a `[[unit]]`: a symbol, or `{ one = "…", other = "…" }`.
#[derive(Debug)]
pub(crate) enum RawEn {
    Symbol(String),
    Noun(RawNoun),
}

/// `{ one = "…", other = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNoun {
    pub one: String,
    pub other: String,
}

impl<'de> Deserialize<'de> for RawEn {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawEnVisitor)
    }
}

struct RawEnVisitor;

impl<'de> Visitor<'de> for RawEnVisitor {
    type Value = RawEn;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::msg!("expecting-en-unit"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEn, E> {
        Ok(RawEn::Symbol(v.to_owned()))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawEn, A::Error> {
        RawNoun::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawEn::Noun)
    }
}

/// A `[[group]]` record exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGroup {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<RawText>>,
    pub description: Option<Spanned<RawText>>,
    pub stats: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A `value` as written: a number, or the common mistake of a quoted string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawNumber {
    /// An integer or float.
    Number(f64),
    /// A quoted string such as `"430"` or `"6575.9万"`.
    Text(String),
    /// A boolean.
    Bool(bool),
}

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawNumberVisitor)
    }
}

struct RawNumberVisitor;

impl Visitor<'_> for RawNumberVisitor {
    type Value = RawNumber;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::msg!("expecting-number"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
        Ok(RawNumber::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
        Ok(RawNumber::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNumber, E> {
        Ok(RawNumber::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNumber, E> {
        Ok(RawNumber::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNumber, E> {
        Ok(RawNumber::Bool(v))
    }
}

/// How a unit is written in English after (or around) the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnUnit {
    /// A symbol: `"km²"` follows a space (`12 km²`), a symbol that starts with neither a
    /// letter nor a digit attaches (`20%`, `20×`), and `""` leaves the number bare
    /// (counts, where the prose supplies the noun).
    Symbol(String),
    /// A noun with its singular and plural: `1 metre`, `2 metres`.
    Noun {
        /// After exactly 1.
        one: String,
        /// After any other number.
        other: String,
    },
}

/// A unit: built in (`src/stats/units.toml`) or defined by the site's `[[unit]]` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The name written in `unit = "…"`.
    pub id: String,
    /// What Chinese writes after the number: a measure word (`家`) or a unit (`平方公里`).
    pub zh: String,
    /// What English writes: a symbol or a noun; ignored for money (`currency`).
    pub en: EnUnit,
    /// Whether 万/亿 and million/billion apply (money and counts) or the number prints in
    /// full (areas, rates, lengths).
    pub scale: bool,
    /// For money: the currency code English shows before the number (`CNY 4 million`).
    pub currency: Option<String>,
    /// The kind of quantity (`money`, `count`, `area`): only one kind shares a chart.
    pub kind: String,
}

/// How exactly a figure is known; rendered around the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// The exact figure: `430家` / `430`.
    #[default]
    Exact,
    /// "More than": `430余家` / `more than 430`.
    Over,
    /// "About": `约430家` / `about 430`.
    About,
    /// "Exceeds": `超过100亿元` / `over CNY 10 billion`.
    Exceeds,
    /// "Nearly": `近430家` / `nearly 430`.
    Nearly,
    /// "Under": `不足430家` / `under 430`.
    Under,
}

impl Qualifier {
    /// Every qualifier, in the order of the spec's table.
    pub const ALL: [Qualifier; 6] = [
        Qualifier::Exact,
        Qualifier::Over,
        Qualifier::About,
        Qualifier::Exceeds,
        Qualifier::Nearly,
        Qualifier::Under,
    ];

    /// The name written in `stats.toml` (`qualifier = "over"`).
    pub fn key(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Exceeds => "exceeds",
            Qualifier::Nearly => "nearly",
            Qualifier::Under => "under",
        }
    }

    /// The qualifier named `key` in `stats.toml`, if there is one.
    pub fn from_key(key: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.key() == key)
    }
}

/// When a figure applies: a flow for one year, or a stock as of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    /// `year = 2023`: the figure is for that year.
    Year(i32),
    /// `as_of = 2024`: a stock figure as of that year.
    AsOf(i32),
    /// `timeless = true`: a property that does not date, such as a product's
    /// specification (a reel's length, a microscope's magnification).
    Timeless,
}

impl When {
    /// The year number; none for a timeless figure.
    pub fn year(self) -> Option<i32> {
        match self {
            When::Year(y) | When::AsOf(y) => Some(y),
            When::Timeless => None,
        }
    }
}

/// One text per site language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, if the file has one.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }
}

/// One value of a figure: for a year, as of a year, or timeless.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The year the value is for, or as of.
    pub when: When,
    /// The value in base units (yuan, pieces, metres …), finite.
    pub value: f64,
    /// How exactly the value is known.
    pub qualifier: Qualifier,
    /// This year's own source note, when it differs from the record's.
    pub source: Option<Text>,
}

/// A validated `[[stat]]` record: one value (`value` with `year`, `as_of` or `timeless`)
/// or a series of values by year (`series`).
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    /// Unique id, `[a-z0-9_]+`.
    pub id: String,
    /// The unit of every value.
    pub unit: Arc<Unit>,
    /// The values, oldest year first; never empty. A single-value record has one.
    pub points: Vec<Point>,
    /// True when the record was written as a `series` (even of one year).
    pub is_series: bool,
    /// What the figure counts, per language.
    pub label: Text,
    /// A short source note, per language.
    pub source: Text,
    /// How a computed figure was derived, per language; `None` for reported figures.
    pub derived: Option<Text>,
    /// The 1-based line of the record's `[[stat]]` header, for warnings.
    pub line: usize,
}

impl Stat {
    /// The newest value (what `{{ stat(id=…) }}` shows).
    pub fn latest(&self) -> &Point {
        // Validation never makes a record without values.
        &self.points[self.points.len() - 1]
    }

    /// The value for `year`, if the record has one.
    pub fn at(&self, year: i32) -> Option<&Point> {
        self.points.iter().find(|p| p.when.year() == Some(year))
    }

    /// The years the record has, oldest first.
    pub fn years(&self) -> Vec<i32> {
        self.points.iter().filter_map(|p| p.when.year()).collect()
    }

    /// The source note of `point` in `lang`: its own, else the record's.
    pub fn source_of<'a>(&'a self, point: &'a Point, lang: &str) -> &'a str {
        point
            .source
            .as_ref()
            .and_then(|s| s.get(lang))
            .or_else(|| self.source.get(lang))
            .unwrap_or_default()
    }
}

/// A validated `[[group]]` record: an ordered selection of stats for a table or chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Unique id, `[a-z0-9_]+`.
    pub id: String,
    /// Heading, per language.
    pub title: Text,
    /// Optional longer text, per language.
    pub description: Option<Text>,
    /// Ids of the stats in the group, in order; every one exists.
    pub stats: Vec<String>,
}
