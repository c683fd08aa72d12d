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

use super::model::{EnUnit, Point, Qualifier, Stat, Unit, When};

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
    parts(value, lang, false, true)
}

/// [`number_parts`] for a figure qualified `qualifier`: an exact one keeps every digit;
/// `scale = false` keeps the number in full (no 万/亿, no million).
pub fn qualified_parts(value: f64, qualifier: Qualifier, lang: Lang, scale: bool) -> Parts {
    parts(value, lang, qualifier == Qualifier::Exact, scale)
}

fn parts(value: f64, lang: Lang, exact: bool, scale: bool) -> Parts {
    let tiers = match lang {
        Lang::Zh => &ZH_TIERS,
        Lang::En => &EN_TIERS,
    };
    let tiers = if scale { &tiers[..] } else { &tiers[..1] };
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
pub fn full(value: f64, unit: &Unit, qualifier: Qualifier, lang: Lang) -> String {
    let p = qualified_parts(value, qualifier, lang, unit.scale);
    match lang {
        Lang::Zh => zh_figure(&p, qualifier, &unit.zh),
        Lang::En => en_qualified(qualifier, &en_with_unit(&p, unit)),
    }
}

/// The number with its qualifier but without the unit (`400余万`, `more than 4 million`),
/// for prose where the writer supplies the noun.
pub fn number_only(value: f64, unit: &Unit, qualifier: Qualifier, lang: Lang) -> String {
    let p = qualified_parts(value, qualifier, lang, unit.scale);
    match lang {
        Lang::Zh => zh_figure(&p, qualifier, ""),
        Lang::En => en_qualified(qualifier, &format!("{}{}", p.digits, p.magnitude)),
    }
}

/// Chinese: `约` / `超过` / `近` / `不足` before the number, `余` between number and
/// magnitude.
fn zh_figure(p: &Parts, qualifier: Qualifier, classifier: &str) -> String {
    let (digits, mag) = (&p.digits, p.magnitude);
    match qualifier {
        Qualifier::Exact => format!("{digits}{mag}{classifier}"),
        Qualifier::Over => format!("{digits}余{mag}{classifier}"),
        Qualifier::About => format!("约{digits}{mag}{classifier}"),
        Qualifier::Exceeds => format!("超过{digits}{mag}{classifier}"),
        Qualifier::Nearly => format!("近{digits}{mag}{classifier}"),
        Qualifier::Under => format!("不足{digits}{mag}{classifier}"),
    }
}

/// English: the qualifier phrase in front of the whole figure.
fn en_qualified(qualifier: Qualifier, figure: &str) -> String {
    match qualifier {
        Qualifier::Exact => figure.to_owned(),
        Qualifier::Over => format!("more than {figure}"),
        Qualifier::About => format!("about {figure}"),
        Qualifier::Exceeds => format!("over {figure}"),
        Qualifier::Nearly => format!("nearly {figure}"),
        Qualifier::Under => format!("under {figure}"),
    }
}

/// English figure with its unit: the currency code before money, a noun in the singular
/// when the number shown is exactly `1`, a symbol attached or after a space.
fn en_with_unit(p: &Parts, unit: &Unit) -> String {
    let n = format!("{}{}", p.digits, p.magnitude);
    if let Some(code) = &unit.currency {
        return format!("{code} {n}");
    }
    match &unit.en {
        EnUnit::Symbol(s) if s.is_empty() => n,
        EnUnit::Symbol(s) if attaches(s) => format!("{n}{s}"),
        EnUnit::Symbol(s) => format!("{n} {s}"),
        EnUnit::Noun { one, .. } if n == "1" => format!("{n} {one}"),
        EnUnit::Noun { other, .. } => format!("{n} {other}"),
    }
}

/// A symbol that starts with neither a letter nor a digit attaches to the number (`%`,
/// `×`, `‰`); others (`km²`, `kWh`) follow a space.
fn attaches(symbol: &str) -> bool {
    symbol.chars().next().is_some_and(|c| !c.is_alphanumeric())
}

/// The unit's name in `lang`, for a table column or a chart's axis: `元` / `CNY`,
/// `平方公里` / `km²`, `家` / `enterprises`.
pub fn unit_name(unit: &Unit, lang: Lang) -> String {
    match lang {
        Lang::Zh => unit.zh.clone(),
        Lang::En => match (&unit.currency, &unit.en) {
            (Some(code), _) => code.clone(),
            (None, EnUnit::Symbol(s)) if !s.is_empty() => s.clone(),
            (None, EnUnit::Noun { other, .. }) => other.clone(),
            (None, EnUnit::Symbol(_)) => unit.id.replace('_', " "),
        },
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

/// The full display form of a stat's newest value in `lang`.
pub fn display(stat: &Stat, lang: Lang) -> String {
    point_display(stat, stat.latest(), lang)
}

/// The number-only form of a stat's newest value in `lang`.
pub fn number(stat: &Stat, lang: Lang) -> String {
    point_number(stat, stat.latest(), lang)
}

/// The full display form of one value of a stat.
pub fn point_display(stat: &Stat, point: &Point, lang: Lang) -> String {
    full(point.value, &stat.unit, point.qualifier, lang)
}

/// The number-only form of one value of a stat.
pub fn point_number(stat: &Stat, point: &Point, lang: Lang) -> String {
    number_only(point.value, &stat.unit, point.qualifier, lang)
}

/// A change in percent, one decimal at most, in words: `增长20.5%` / `up 20.5%`,
/// `下降3%` / `down 3%`, `持平` / `unchanged`.
pub fn change(percent: f64, lang: Lang) -> String {
    let text = rounded(percent.abs(), 1);
    let zero = text == "0";
    match (lang, zero, percent > 0.0) {
        (Lang::Zh, true, _) => "持平".to_owned(),
        (Lang::En, true, _) => "unchanged".to_owned(),
        (Lang::Zh, false, true) => format!("增长{text}%"),
        (Lang::Zh, false, false) => format!("下降{text}%"),
        (Lang::En, false, true) => format!("up {text}%"),
        (Lang::En, false, false) => format!("down {text}%"),
    }
}

/// A value as a machine-readable number: integers without a decimal point.
pub fn machine_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}
