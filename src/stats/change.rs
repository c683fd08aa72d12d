//! `stat_change`: the change of a series between two of its years, a derived figure.
//! It is computed only from exact values: a change from a value reported as "over",
//! "about", "exceeds", "nearly" or "under" would state a precision the source does not
//! have.

use crate::msg;
use serde::Serialize;

use super::CallError;
use super::format::Lang;
use super::model::{Qualifier, Stat};

/// A change between two years of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// The earlier year.
    pub from: i32,
    /// The later year.
    pub to: i32,
    /// `(to − from) ÷ from × 100`.
    pub percent: f64,
}

/// The change of `stat` from year `from` to year `to`; by default `to` is the newest year
/// and `from` the year before it in the series.
pub(crate) fn between(
    stat: &Stat,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Change, CallError> {
    let years = stat.years();
    let listed = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if years.len() < 2 {
        let msg = msg!("change-too-few-years", id = stat.id.as_str());
        let hint = match years.as_slice() {
            [] => msg!("change-timeless-hint"),
            _ => msg!(
                "change-one-year-hint",
                listed = listed.as_str(),
                before = (years[0] - 1).to_string()
            ),
        };
        return Err((msg, Some(hint)));
    }
    let year = |y: Option<i64>, default: i32| -> Result<i32, CallError> {
        let Some(y) = y else { return Ok(default) };
        match i32::try_from(y).ok().filter(|y| years.contains(y)) {
            Some(y) => Ok(y),
            None => Err((
                msg!(
                    "change-no-such-year",
                    id = stat.id.as_str(),
                    year = y.to_string()
                ),
                Some(msg!(
                    "change-years-hint",
                    id = stat.id.as_str(),
                    listed = listed.as_str()
                )),
            )),
        }
    };
    let to = year(to, years[years.len() - 1])?;
    let before = years.iter().rev().find(|&&y| y < to).copied();
    let from = match (from, before) {
        (Some(f), _) => year(Some(f), 0)?,
        (None, Some(b)) => b,
        (None, None) => {
            let msg = msg!(
                "change-no-year-before",
                id = stat.id.as_str(),
                to = to.to_string()
            );
            return Err((
                msg,
                Some(msg!("change-no-year-before-hint", listed = listed.as_str())),
            ));
        }
    };
    if from >= to {
        let msg = msg!(
            "change-from-after-to",
            from = from.to_string(),
            to = to.to_string()
        );
        let hint = msg!(
            "change-years-hint",
            id = stat.id.as_str(),
            listed = listed.as_str()
        );
        return Err((msg, Some(hint)));
    }
    let (Some(a), Some(b)) = (stat.at(from), stat.at(to)) else {
        return Err((msg!("change-lost-year", id = stat.id.as_str()), None));
    };
    for (y, p) in [(from, a), (to, b)] {
        if p.qualifier != Qualifier::Exact {
            let msg = msg!(
                "change-inexact",
                id = stat.id.as_str(),
                from = from.to_string(),
                to = to.to_string(),
                qualifier = p.qualifier.key(),
                year = y.to_string()
            );
            return Err((msg, Some(msg!("change-inexact-hint"))));
        }
    }
    if a.value == 0.0 {
        let msg = msg!(
            "change-from-zero",
            id = stat.id.as_str(),
            from = from.to_string()
        );
        return Err((msg, Some(msg!("change-show-both-hint"))));
    }
    Ok(Change {
        from,
        to,
        percent: (b.value - a.value) / a.value.abs() * 100.0,
    })
}

/// The change of each exact value from the exact value of the year before it, by year
/// (what the data page's change column shows); none after a gap in the series.
pub(crate) fn steps(stat: &Stat) -> Vec<Option<Change>> {
    let mut out = vec![None];
    for pair in stat.points.windows(2) {
        let (Some(from), Some(to)) = (pair[0].when.year(), pair[1].when.year()) else {
            out.push(None);
            continue;
        };
        if to != from + 1 {
            out.push(None);
            continue;
        }
        out.push(between(stat, Some(i64::from(from)), Some(i64::from(to))).ok());
    }
    out.truncate(stat.points.len());
    out
}

/// What a derived change says of itself: from which values it was computed.
pub(crate) fn note(c: &Change, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("派生数据：由{}年与{}年的数值计算", c.from, c.to),
        Lang::En => format!(
            "Derived figure: computed from the {} and {} values",
            c.from, c.to
        ),
    }
}
