//! Locale formatting of figures: the number rules, unit table and qualifier table of the
//! stats spec, for Simplified Chinese (`zh`) and English (`en`).
//!
//! Chinese groups by 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²) with up to four decimals and no
//! digit separators; English uses thousands separators below a million and
//! million / billion / trillion above, with up to two decimals. Trailing zeros are trimmed.
//!
//! A figure qualified `exact` never loses a digit: it keeps as many decimals as its value
//! needs (`CNY 65.759 million`, not `65.76`); `over`, `about` and `exceeds` figures are
//! approximate already and round as above.

use super::model::{Qualifier, Stat, Unit, When};

/// A language whose formatting rules exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, Chinese first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language with code `code` (`"zh"` or `"en"`), if it is supported.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// One magnitude step: divisor, suffix, decimals allowed.
type Tier = (f64, &'static str, usize);

const ZH_TIERS: [Tier; 4] = [
    (1.0, "", 2),
    (1e4, "万", 4),
    (1e8, "亿", 4),
    (1e12, "万亿", 4),
];
const EN_TIERS: [Tier; 4] = [
    (1.0, "", 2),
    (1e6, " million", 2),
    (1e9, " billion", 2),
    (1e12, " trillion", 2),
];

/// A number split for display: sign and digits, then the magnitude word (`万`, ` million`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Sign and digits, e.g. `"6575.9"` or `"1,000"`.
    pub digits: String,
    /// Magnitude suffix, e.g. `"万"`, `" million"`, or `""`.
    pub magnitude: &'static str,
}

/// Decimals enough for any value written in `stats.toml` (up to 万亿 / trillion of a
/// base unit with cents), for figures that must print exactly.
const EXACT_DECIMALS: usize = 12;

/// Splits `value` into digits and magnitude by the rules of `lang`, rounding to the
/// decimals the magnitude allows.
pub fn number_parts(value: f64, lang: Lang) -> Parts {
    parts(value, lang, false)
}

/// [`number_parts`] for a figure qualified `qualifier`: an exact one keeps every digit.
pub fn qualified_parts(value: f64, qualifier: Qualifier, lang: Lang) -> Parts {
    parts(value, lang, qualifier == Qualifier::Exact)
}

fn parts(value: f64, lang: Lang, exact: bool) -> Parts {
    let tiers = match lang {
        Lang::Zh => &ZH_TIERS,
        Lang::En => &EN_TIERS,
    };
    let decimals = |t: &Tier| if exact { EXACT_DECIMALS } else { t.2 };
    let abs = value.abs();
    let mut i = tiers.iter().rposition(|t| abs >= t.0).unwrap_or(0);
    let mut text = rounded(abs / tiers[i].0, decimals(&tiers[i]));
    // Rounding may carry into the next magnitude (9999.99999万 -> 1亿).
    while let Some(next) = tiers.get(i + 1) {
        if text.parse::<f64>().unwrap_or(0.0) * tiers[i].0 < next.0 {
            break;
        }
        i += 1;
        text = rounded(abs / tiers[i].0, decimals(&tiers[i]));
    }
    if lang == Lang::En {
        text = group_thousands(&text);
    }
    let negative = value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b));
    let digits = if negative { format!("-{text}") } else { text };
    Parts {
        digits,
        magnitude: tiers[i].1,
    }
}

/// `x` with at most `decimals` decimals, trailing zeros (and a bare point) trimmed.
fn rounded(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// Inserts `,` between groups of three digits of the integer part.
fn group_thousands(s: &str) -> String {
    let (int, frac) = s.split_at(s.find('.').unwrap_or(s.len()));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// The plain number in `lang` without unit or qualifier: `6575.9万`, `65.759 million`.
pub fn plain_number(value: f64, lang: Lang) -> String {
    let p = number_parts(value, lang);
    format!("{}{}", p.digits, p.magnitude)
}

/// The full figure: qualifier, number and unit (`400余万元`, `more than CNY 4 million`).
pub fn full(value: f64, unit: Unit, qualifier: Qualifier, lang: Lang) -> String {
    let p = qualified_parts(value, qualifier, lang);
    match lang {
        Lang::Zh => zh_figure(&p, qualifier, zh_classifier(unit)),
        Lang::En => en_qualified(qualifier, &en_with_unit(&p, unit)),
    }
}

/// The number with its qualifier but without the unit (`400余万`, `more than 4 million`),
/// for prose where the writer supplies the noun.
pub fn number_only(value: f64, qualifier: Qualifier, lang: Lang) -> String {
    let p = qualified_parts(value, qualifier, lang);
    match lang {
        Lang::Zh => zh_figure(&p, qualifier, ""),
        Lang::En => en_qualified(qualifier, &format!("{}{}", p.digits, p.magnitude)),
    }
}

/// Chinese: `约` / `超过` before the number, `余` between number and magnitude.
fn zh_figure(p: &Parts, qualifier: Qualifier, classifier: &str) -> String {
    let (digits, mag) = (&p.digits, p.magnitude);
    match qualifier {
        Qualifier::Exact => format!("{digits}{mag}{classifier}"),
        Qualifier::Over => format!("{digits}余{mag}{classifier}"),
        Qualifier::About => format!("约{digits}{mag}{classifier}"),
        Qualifier::Exceeds => format!("超过{digits}{mag}{classifier}"),
    }
}

/// English: the qualifier phrase in front of the whole figure.
fn en_qualified(qualifier: Qualifier, figure: &str) -> String {
    match qualifier {
        Qualifier::Exact => figure.to_owned(),
        Qualifier::Over => format!("more than {figure}"),
        Qualifier::About => format!("about {figure}"),
        Qualifier::Exceeds => format!("over {figure}"),
    }
}

/// English figure with its unit, singular when the number shown is exactly `1`.
fn en_with_unit(p: &Parts, unit: Unit) -> String {
    let n = format!("{}{}", p.digits, p.magnitude);
    let one = n == "1";
    match unit {
        Unit::Yuan => format!("CNY {n}"),
        Unit::Percent => format!("{n}%"),
        Unit::Magnification => format!("{n}×"),
        Unit::Enterprises | Unit::Platforms | Unit::Items | Unit::People | Unit::Teams => n,
        _ => format!("{n} {}", en_noun(unit, one)),
    }
}

/// The English noun after a number, for units that take one.
fn en_noun(unit: Unit, singular: bool) -> &'static str {
    match (unit, singular) {
        (Unit::Pieces, true) => "piece",
        (Unit::Metres, true) => "metre",
        (Unit::Grams, true) => "gram",
        (Unit::Years, true) => "year",
        (Unit::Times, true) => "time",
        (Unit::MetresPerGram, true) => "metre per gram",
        _ => en_unit_name(unit),
    }
}

/// The Chinese classifier or unit suffix (`元`, `家`, `米/克`).
pub fn zh_classifier(unit: Unit) -> &'static str {
    match unit {
        Unit::Yuan => "元",
        Unit::Enterprises | Unit::Platforms => "家",
        Unit::Items => "项",
        Unit::Pieces => "件",
        Unit::Percent => "%",
        Unit::Metres => "米",
        Unit::Grams => "克",
        Unit::Years => "年",
        Unit::People => "人",
        Unit::Teams => "个",
        Unit::Times | Unit::Magnification => "倍",
        Unit::MetresPerGram => "米/克",
    }
}

/// The English name of a unit, as for a table's unit column (`CNY`, `enterprises`).
pub fn en_unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Yuan => "CNY",
        Unit::Percent => "%",
        Unit::Magnification => "×",
        Unit::MetresPerGram => "metres per gram",
        other => other.key(),
    }
}

/// The unit's name in `lang`, for a table column.
pub fn unit_name(unit: Unit, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => zh_classifier(unit),
        Lang::En => en_unit_name(unit),
    }
}

/// The year or period as text: `2023年` / `2023`, `截至2024年` / `as of 2024`.
pub fn period(when: When, lang: Lang) -> String {
    match (when, lang) {
        (When::Year(y), Lang::Zh) => format!("{y}年"),
        (When::Year(y), Lang::En) => y.to_string(),
        (When::AsOf(y), Lang::Zh) => format!("截至{y}年"),
        (When::AsOf(y), Lang::En) => format!("as of {y}"),
        (When::Timeless, Lang::Zh) => "不适用".to_owned(),
        (When::Timeless, Lang::En) => "not applicable".to_owned(),
    }
}

/// The full display form of a stat in `lang`.
pub fn display(stat: &Stat, lang: Lang) -> String {
    full(stat.value, stat.unit, stat.qualifier, lang)
}

/// The number-only form of a stat in `lang`.
pub fn number(stat: &Stat, lang: Lang) -> String {
    number_only(stat.value, stat.qualifier, lang)
}

/// A value as a machine-readable number: integers without a decimal point.
pub fn machine_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}
