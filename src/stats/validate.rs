//! Field-by-field checks of `[[stat]]` and `[[group]]` records. Every check runs even when an
//! earlier one failed, so one build reports every mistake in the file.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use std::sync::Arc;

use super::load::{Ctx, Record, check_duplicates};
use super::model::{
    Group, Point, Qualifier, RawGroup, RawNumber, RawPoint, RawSeries, RawStat, RawText, Stat,
    Text, Unit, When,
};
use crate::diag::did_you_mean;
use crate::msg;

/// Checks one stat record read by serde; `header` is its `[[stat]]` line.
pub(crate) fn check_stat(cx: &mut Ctx<'_>, raw: RawStat, header: Range<usize>) -> Option<Stat> {
    let id = check_id(cx, raw.id.as_ref(), &header, "stat");
    let who = who("stat", id.as_deref());
    let unit = check_unit(cx, raw.unit, &header, &who);
    let qualifier = check_qualifier(cx, raw.qualifier);
    let is_series = raw.series.is_some();
    let points = match raw.series {
        Some(series) => {
            let single = (raw.value, raw.year, raw.as_of, raw.timeless);
            check_series(cx, series, single, qualifier, &who)
        }
        None => {
            let value = check_value(cx, raw.value, &header, &who);
            let when = check_when(cx, (raw.year, raw.as_of, raw.timeless), &header, &who);
            Some(vec![Point {
                when: when?,
                value: value?,
                qualifier: qualifier?,
                source: None,
            }])
        }
    };
    let label = check_text(cx, raw.label, "label", &header, &who);
    let source = check_text(cx, raw.source, "source", &header, &who);
    let derived = raw
        .derived
        .map(|d| check_text(cx, Some(d), "derived", &header, &who).ok_or(()));
    Some(Stat {
        id: id?,
        unit: unit?,
        points: points?,
        is_series,
        label: label?,
        source: source?,
        derived: derived.transpose().ok()?,
        line: cx.line_of(header.start),
    })
}

/// `value`, `year`, `as_of` and `timeless` as written beside a `series`.
type Single = (
    Option<Spanned<RawNumber>>,
    Option<Spanned<i64>>,
    Option<Spanned<i64>>,
    Option<Spanned<bool>>,
);

/// A `series`: at least one year, each a four-digit key with a value; nothing of a
/// single-value record beside it.
fn check_series(
    cx: &mut Ctx<'_>,
    series: Spanned<RawSeries>,
    (value, year, as_of, timeless): Single,
    qualifier: Option<Qualifier>,
    who: &str,
) -> Option<Vec<Point>> {
    let mut ok = true;
    let beside = [
        value.map(|v| ("value", v.span())),
        year.map(|v| ("year", v.span())),
        as_of.map(|v| ("as_of", v.span())),
        timeless.map(|v| ("timeless", v.span())),
    ];
    for (key, span) in beside.into_iter().flatten() {
        let msg = msg!("stats-series-and-single", who = who, key = key);
        let hint = msg!(
            "stats-series-and-single-hint",
            key = key,
            series_hint = msg!("stats-series-hint")
        );
        cx.error(span, msg, Some(hint));
        ok = false;
    }
    let span = series.span();
    let series = series.into_inner();
    if series.is_empty() {
        cx.error(
            span,
            msg!("stats-series-empty", who = who),
            Some(msg!("stats-series-hint")),
        );
        return None;
    }
    let mut points = Vec::new();
    for (key, point) in series {
        let year = check_series_year(cx, &key, who);
        let point = check_point(cx, point, qualifier, who);
        match (year, point) {
            (Some(y), Some((as_of, p))) => points.push(Point {
                when: if as_of { When::AsOf(y) } else { When::Year(y) },
                ..p
            }),
            _ => ok = false,
        }
    }
    points.sort_by_key(|p| p.when.year());
    (ok && qualifier.is_some()).then_some(points)
}

/// A series key: exactly four digits.
fn check_series_year(cx: &mut Ctx<'_>, key: &Spanned<String>, who: &str) -> Option<i32> {
    let text = key.get_ref();
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let msg = msg!("stats-series-year", key = text.as_str(), who = who);
    cx.error(key.span(), msg, Some(msg!("stats-series-year-hint")));
    None
}

/// One year's value: a number, or a table with `value` and optional `qualifier`,
/// `source` and `as_of = true`. Returns whether it is a stock figure, and the point
/// (its `when` set by the caller).
fn check_point(
    cx: &mut Ctx<'_>,
    point: Spanned<RawPoint>,
    qualifier: Option<Qualifier>,
    who: &str,
) -> Option<(bool, Point)> {
    let span = point.span();
    let placeholder = When::Timeless;
    match point.into_inner() {
        RawPoint::Value(v) => {
            let value = check_value(cx, Some(Spanned::new(span.clone(), v)), &span, who)?;
            Some((
                false,
                Point {
                    when: placeholder,
                    value,
                    qualifier: qualifier?,
                    source: None,
                },
            ))
        }
        RawPoint::Table(t) => {
            let value = check_value(cx, t.value, &span, who);
            let own = t.qualifier.map(|q| check_qualifier(cx, Some(q)));
            let source = t
                .source
                .map(|s| check_text(cx, Some(s), "source", &span, who).ok_or(()));
            let as_of = t.as_of.is_some_and(|a| *a.get_ref());
            Some((
                as_of,
                Point {
                    when: placeholder,
                    value: value?,
                    qualifier: own.unwrap_or(qualifier)?,
                    source: source.transpose().ok()?,
                },
            ))
        }
    }
}

/// `stat `x`` when the id is known, else `this [[stat]] record`.
pub(crate) fn who(kind: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => msg!("stats-who-id", kind = kind, id = id),
        None => msg!("stats-who-record", kind = kind),
    }
}

/// Reports a required field that is absent, at the record's header.
pub(crate) fn missing(
    cx: &mut Ctx<'_>,
    header: &Range<usize>,
    who: &str,
    field: &str,
    hint: String,
) {
    cx.error(
        header.clone(),
        msg!("stats-missing-field", who = who, field = field),
        Some(hint),
    );
}

/// The id must be present and `[a-z0-9_]+`.
pub(crate) fn check_id(
    cx: &mut Ctx<'_>,
    id: Option<&Spanned<String>>,
    header: &Range<usize>,
    kind: &str,
) -> Option<String> {
    let Some(id) = id else {
        let hint = msg!("stats-id-missing-hint", kind = kind);
        missing(cx, header, &who(kind, None), "id", hint);
        return None;
    };
    let text = id.get_ref();
    let valid = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        let msg = msg!("stats-id-invalid", kind = kind, id = text.as_str());
        cx.error(id.span(), msg, Some(id_hint(text)));
        return None;
    }
    Some(text.clone())
}

/// Suggests a valid id close to `text`.
fn id_hint(text: &str) -> String {
    let fixed: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '_' => Some(c),
            '-' | ' ' | '.' => Some('_'),
            _ => None,
        })
        .collect();
    if fixed.trim_matches('_').is_empty() {
        msg!("stats-id-hint-example")
    } else {
        msg!("stats-id-hint-fixed", fixed = fixed)
    }
}

/// The value must be a finite number.
fn check_value(
    cx: &mut Ctx<'_>,
    value: Option<Spanned<RawNumber>>,
    header: &Range<usize>,
    who: &str,
) -> Option<f64> {
    let Some(value) = value else {
        missing(cx, header, who, "value", msg!("stats-value-missing-hint"));
        return None;
    };
    let span = value.span();
    let (message, hint) = match value.into_inner() {
        RawNumber::Number(v) if v.is_finite() => return Some(v),
        RawNumber::Number(_) => (
            msg!("stats-value-not-finite"),
            msg!("stats-value-base-units-hint"),
        ),
        RawNumber::Text(text) => (msg!("stats-value-text"), number_hint(&text)),
        RawNumber::Bool(_) => (
            msg!("stats-value-bool"),
            msg!("stats-value-base-units-hint"),
        ),
    };
    cx.error(span, message, Some(hint));
    None
}

/// For `value = "6575.9万"`: the base-unit number to write instead, if it can be read.
fn number_hint(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    let end = clean
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(clean.len());
    let (digits, rest) = clean.split_at(end);
    let scale = if rest.starts_with("万亿") {
        1e12
    } else if rest.starts_with('亿') {
        1e8
    } else if rest.starts_with('万') {
        1e4
    } else {
        1.0
    };
    match digits.parse::<f64>() {
        Ok(n) => {
            let base = super::format::machine_number(n * scale);
            msg!("stats-value-text-hint", base = base)
        }
        Err(_) => msg!("stats-value-text-hint-example"),
    }
}

/// The unit must be built in or defined by a `[[unit]]` record.
fn check_unit(
    cx: &mut Ctx<'_>,
    unit: Option<Spanned<String>>,
    header: &Range<usize>,
    who: &str,
) -> Option<Arc<Unit>> {
    let Some(unit) = unit else {
        let hint = msg!(
            "stats-unit-missing-hint",
            units = super::units::list(&cx.units)
        );
        missing(cx, header, who, "unit", hint);
        return None;
    };
    if let Some(u) = cx.units.get(unit.get_ref()) {
        return Some(Arc::clone(u));
    }
    if cx.broken_units.contains(unit.get_ref()) {
        return None; // its [[unit]] record has an error of its own
    }
    let keys: Vec<String> = cx.units.keys().cloned().collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let msg = msg!("stats-unit-unknown", unit = unit.get_ref().as_str());
    let hint = msg!(
        "stats-unit-unknown-hint",
        choices = choice_hint(unit.get_ref(), &keys, "units")
    );
    cx.error(unit.span(), msg, Some(hint));
    None
}

/// The qualifier defaults to `exact` and must be one of the table's.
fn check_qualifier(cx: &mut Ctx<'_>, q: Option<Spanned<String>>) -> Option<Qualifier> {
    let Some(q) = q else {
        return Some(Qualifier::Exact);
    };
    if let Some(found) = Qualifier::from_key(q.get_ref()) {
        return Some(found);
    }
    let keys = Qualifier::ALL.map(Qualifier::key);
    let msg = msg!("stats-qualifier-unknown", qualifier = q.get_ref().as_str());
    cx.error(
        q.span(),
        msg,
        Some(choice_hint(q.get_ref(), &keys, "qualifiers")),
    );
    None
}

/// "did you mean `x`? units: a, b, c" (`what` is `units` or `qualifiers`).
fn choice_hint(word: &str, keys: &[&str], what: &str) -> String {
    msg!(
        "stats-choices",
        close = did_you_mean(word, keys.iter().copied()).unwrap_or("none"),
        what = what,
        list = keys.join(", ")
    )
}

/// `year`, `as_of` and `timeless` as written.
type RawWhen = (
    Option<Spanned<i64>>,
    Option<Spanned<i64>>,
    Option<Spanned<bool>>,
);

/// Exactly one of `year` and `as_of` (a four-digit year), or `timeless = true`.
fn check_when(
    cx: &mut Ctx<'_>,
    (year, as_of, timeless): RawWhen,
    header: &Range<usize>,
    who: &str,
) -> Option<When> {
    if let Some(t) = timeless {
        if let Some(dated) = year.as_ref().or(as_of.as_ref()) {
            let msg = msg!("stats-timeless-and-year", who = who);
            cx.error(dated.span(), msg, Some(msg!("stats-when-hint")));
            return None;
        }
        if !*t.get_ref() {
            let msg = msg!("stats-timeless-false", who = who);
            cx.error(t.span(), msg, Some(msg!("stats-timeless-false-hint")));
            return None;
        }
        return Some(When::Timeless);
    }
    let (y, make): (Spanned<i64>, fn(i32) -> When) = match (year, as_of) {
        (Some(y), None) => (y, When::Year),
        (None, Some(a)) => (a, When::AsOf),
        (None, None) => {
            let msg = msg!("stats-no-year", who = who);
            cx.error(header.clone(), msg, Some(msg!("stats-when-hint")));
            return None;
        }
        (Some(y), Some(a)) => {
            let later = if a.span().start > y.span().start {
                a.span()
            } else {
                y.span()
            };
            let msg = msg!("stats-year-and-as-of", who = who);
            cx.error(later, msg, Some(msg!("stats-when-hint")));
            return None;
        }
    };
    match i32::try_from(*y.get_ref()) {
        Ok(n) if (1000..=9999).contains(&n) => Some(make(n)),
        _ => {
            let msg = msg!("stats-not-a-year", year = y.get_ref().to_string());
            cx.error(y.span(), msg, Some(msg!("stats-when-hint")));
            None
        }
    }
}

/// A text with exactly the site's languages, none empty.
fn check_text(
    cx: &mut Ctx<'_>,
    text: Option<Spanned<RawText>>,
    field: &str,
    header: &Range<usize>,
    who: &str,
) -> Option<Text> {
    let Some(text) = text else {
        missing(
            cx,
            header,
            who,
            field,
            msg!(
                "stats-text-missing-hint",
                field = field,
                example = cx.text_example()
            ),
        );
        return None;
    };
    let span = text.span();
    let mut ok = true;
    let mut out = BTreeMap::new();
    for (lang, value) in text.into_inner() {
        ok &= check_text_entry(cx, field, &lang, &value);
        out.insert(lang.into_inner(), value.into_inner().trim().to_owned());
    }
    for lang in cx.languages.clone() {
        if !out.contains_key(&lang) {
            let msg = msg!(
                "stats-text-language-missing",
                who = who,
                lang = lang.as_str(),
                field = field
            );
            let hint = msg!(
                "stats-text-language-missing-hint",
                field = field,
                example = cx.text_example()
            );
            cx.error(span.clone(), msg, Some(hint));
            ok = false;
        }
    }
    ok.then_some(Text(out))
}

/// One `lang = "text"` entry: a site language, not empty.
fn check_text_entry(
    cx: &mut Ctx<'_>,
    field: &str,
    lang: &Spanned<String>,
    value: &Spanned<String>,
) -> bool {
    let code = lang.get_ref();
    if !cx.languages.contains(code) {
        let list = cx.languages.join(", ");
        let close = did_you_mean(code, cx.languages.iter().map(String::as_str))
            .map(str::to_owned)
            .unwrap_or_else(|| "none".to_owned());
        let hint = msg!(
            "stats-text-unknown-language-hint",
            close = close,
            list = list
        );
        let msg = msg!(
            "stats-text-unknown-language",
            field = field,
            code = code.as_str()
        );
        cx.error(lang.span(), msg, Some(hint));
        return false;
    }
    if value.get_ref().trim().is_empty() {
        let hint = msg!("stats-text-empty-hint", code = code.as_str());
        cx.error(
            value.span(),
            msg!("stats-text-empty", field = field, code = code.as_str()),
            Some(hint),
        );
        return false;
    }
    true
}

/// Reports duplicate stat ids; returns every id written (sorted), valid or not, so that
/// groups naming a broken record do not add a second error.
pub(crate) fn check_stat_ids(cx: &mut Ctx<'_>, records: &[Record<RawStat>]) -> Vec<String> {
    let seen = check_duplicates(cx, records.iter().filter_map(|r| r.id.as_ref()), "stat");
    let mut ids: Vec<String> = seen.into_keys().collect();
    ids.sort();
    ids
}

/// Checks every group record against the known stat ids.
pub(crate) fn check_groups(
    cx: &mut Ctx<'_>,
    records: Vec<Record<RawGroup>>,
    known: &[String],
) -> Vec<Group> {
    check_duplicates(cx, records.iter().filter_map(|r| r.id.as_ref()), "group");
    let mut groups = Vec::new();
    for rec in records {
        if let Some(raw) = rec.raw {
            groups.extend(check_group(cx, raw, &rec.span, known));
        }
    }
    groups
}

fn check_group(
    cx: &mut Ctx<'_>,
    raw: RawGroup,
    header: &Range<usize>,
    known: &[String],
) -> Option<Group> {
    let id = check_id(cx, raw.id.as_ref(), header, "group");
    let who = who("group", id.as_deref());
    let title = check_text(cx, raw.title, "title", header, &who);
    let description = raw
        .description
        .map(|d| check_text(cx, Some(d), "description", header, &who).ok_or(()));
    let stats = check_members(cx, raw.stats, header, &who, known);
    Some(Group {
        id: id?,
        title: title?,
        description: description.transpose().ok()?,
        stats: stats?,
    })
}

/// A group's `stats`: a non-empty list of known ids, each once.
fn check_members(
    cx: &mut Ctx<'_>,
    stats: Option<Spanned<Vec<Spanned<String>>>>,
    header: &Range<usize>,
    who: &str,
    known: &[String],
) -> Option<Vec<String>> {
    let Some(stats) = stats else {
        missing(cx, header, who, "stats", msg!("stats-members-missing-hint"));
        return None;
    };
    if stats.get_ref().is_empty() {
        let msg = msg!("stats-members-empty", who = who);
        cx.error(stats.span(), msg, Some(msg!("stats-members-empty-hint")));
        return None;
    }
    let mut ok = true;
    let mut out: Vec<String> = Vec::new();
    for id in stats.into_inner() {
        ok &= check_member(cx, &id, who, known, &out);
        out.push(id.into_inner());
    }
    ok.then_some(out)
}

fn check_member(
    cx: &mut Ctx<'_>,
    id: &Spanned<String>,
    who: &str,
    known: &[String],
    so_far: &[String],
) -> bool {
    let name = id.get_ref();
    if so_far.contains(name) {
        let msg = msg!("stats-member-twice", who = who, name = name.as_str());
        cx.error(id.span(), msg, Some(msg!("stats-member-twice-hint")));
        return false;
    }
    if known.contains(name) {
        return true;
    }
    let hint = match did_you_mean(name, known.iter().map(String::as_str)) {
        Some(close) => msg!("hint-did-you-mean", name = close),
        None => msg!("stats-member-unknown-hint"),
    };
    cx.error(
        id.span(),
        msg!("stats-member-unknown", name = name.as_str(), who = who),
        Some(hint),
    );
    false
}
