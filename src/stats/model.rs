//! The data model of `content/stats.toml`: the raw records as serde reads them (every field
//! optional and spanned, so validation can point at the exact place of each mistake) and the
//! validated types the rest of the generator uses.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Visitor};
use toml::Spanned;

/// Keys allowed in a `[[stat]]` record, in the order the docs list them.
pub(crate) const STAT_KEYS: [&str; 10] = [
    "id",
    "value",
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
pub(crate) const TOP_KEYS: [&str; 2] = ["stat", "group"];

/// One text per language, as written: `{ zh = "…", en = "…" }`.
pub(crate) type RawText = BTreeMap<Spanned<String>, Spanned<String>>;

/// A `[[stat]]` record exactly as written; [`super::load`] checks it field by field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStat {
    pub id: Option<Spanned<String>>,
    pub value: Option<Spanned<RawNumber>>,
    pub unit: Option<Spanned<String>>,
    pub qualifier: Option<Spanned<String>>,
    pub year: Option<Spanned<i64>>,
    pub as_of: Option<Spanned<i64>>,
    pub timeless: Option<Spanned<bool>>,
    pub label: Option<Spanned<RawText>>,
    pub source: Option<Spanned<RawText>>,
    pub derived: Option<Spanned<RawText>>,
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
        f.write_str("a number in base units")
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

/// The unit of a figure; decides the classifier in Chinese and the noun in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Money in yuan: `6575.9万元`, `CNY 65.759 million`.
    Yuan,
    /// Companies: `430家`, bare number in English.
    Enterprises,
    /// Innovation platforms: `23家`, bare number in English.
    Platforms,
    /// Items such as patent products: `40项`, bare number in English.
    Items,
    /// Manufactured pieces: `100亿件`, `10 billion pieces`.
    Pieces,
    /// A percentage: `20%`.
    Percent,
    /// Length: `1000米`, `1,000 metres`.
    Metres,
    /// Mass: `3克`, `3 grams` (`1 gram`).
    Grams,
    /// Duration: `26年`, `26 years`.
    Years,
    /// Persons: `68人`, bare number in English.
    People,
    /// Teams: `2个`, bare number in English.
    Teams,
    /// A multiple: `10倍`, `10 times`.
    Times,
    /// Optical magnification: `20倍`, `20×`.
    Magnification,
    /// Length per mass: `333米/克`, `333 metres per gram`.
    MetresPerGram,
}

impl Unit {
    /// Every unit, in the order of the spec's table.
    pub const ALL: [Unit; 14] = [
        Unit::Yuan,
        Unit::Enterprises,
        Unit::Platforms,
        Unit::Items,
        Unit::Pieces,
        Unit::Percent,
        Unit::Metres,
        Unit::Grams,
        Unit::Years,
        Unit::People,
        Unit::Teams,
        Unit::Times,
        Unit::Magnification,
        Unit::MetresPerGram,
    ];

    /// The name written in `stats.toml` (`unit = "yuan"`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Yuan => "yuan",
            Unit::Enterprises => "enterprises",
            Unit::Platforms => "platforms",
            Unit::Items => "items",
            Unit::Pieces => "pieces",
            Unit::Percent => "percent",
            Unit::Metres => "metres",
            Unit::Grams => "grams",
            Unit::Years => "years",
            Unit::People => "people",
            Unit::Teams => "teams",
            Unit::Times => "times",
            Unit::Magnification => "magnification",
            Unit::MetresPerGram => "metres_per_gram",
        }
    }

    /// The unit named `key` in `stats.toml`, if there is one.
    pub fn from_key(key: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.key() == key)
    }

    /// What kind of quantity this is; only figures of one kind can share a bar chart.
    pub fn quantity(self) -> &'static str {
        match self {
            Unit::Yuan => "money",
            Unit::Enterprises | Unit::Platforms | Unit::Items => "count",
            Unit::Pieces | Unit::People | Unit::Teams => "count",
            Unit::Percent => "percentage",
            Unit::Metres => "length",
            Unit::Grams => "mass",
            Unit::Years => "duration",
            Unit::Times | Unit::Magnification => "ratio",
            Unit::MetresPerGram => "length per mass",
        }
    }
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
}

impl Qualifier {
    /// Every qualifier, in the order of the spec's table.
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Exact,
        Qualifier::Over,
        Qualifier::About,
        Qualifier::Exceeds,
    ];

    /// The name written in `stats.toml` (`qualifier = "over"`).
    pub fn key(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Exceeds => "exceeds",
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

/// A validated `[[stat]]` record.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    /// Unique id, `[a-z0-9_]+`.
    pub id: String,
    /// The value in base units (yuan, pieces, metres …), finite.
    pub value: f64,
    /// The unit of `value`.
    pub unit: Unit,
    /// How exactly the value is known.
    pub qualifier: Qualifier,
    /// The year the figure is for, or as of.
    pub when: When,
    /// What the figure counts, per language.
    pub label: Text,
    /// A short source note, per language.
    pub source: Text,
    /// How a computed figure was derived, per language; `None` for reported figures.
    pub derived: Option<Text>,
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
