//! `stat_change`: the change of a series between two of its years, a derived figure.
//! It is computed only from exact values: a change from a value reported as "over",
//! "about", "exceeds", "nearly" or "under" would state a precision the source does not
//! have.

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
        let msg = format!("stat `{}` has no two years to compare", stat.id);
        let hint = match years.as_slice() {
            [] => "a timeless figure has no change; use stat_change with a series".to_owned(),
            _ => format!(
                "it has only {listed}; give it a series of years: series = {{ {} = …, {listed} = … }}",
                years[0] - 1
            ),
        };
        return Err((msg, Some(hint)));
    }
    let year = |y: Option<i64>, default: i32| -> Result<i32, CallError> {
        let Some(y) = y else { return Ok(default) };
        match i32::try_from(y).ok().filter(|y| years.contains(y)) {
            Some(y) => Ok(y),
            None => Err((
                format!("stat `{}` has no value for {y}", stat.id),
                Some(format!("`{}` has the years {listed}", stat.id)),
            )),
        }
    };
    let to = year(to, years[years.len() - 1])?;
    let before = years.iter().rev().find(|&&y| y < to).copied();
    let from = match (from, before) {
        (Some(f), _) => year(Some(f), 0)?,
        (None, Some(b)) => b,
        (None, None) => {
            let msg = format!("stat `{}` has no year before {to}", stat.id);
            return Err((
                msg,
                Some(format!("its years are {listed}; give from= and to=")),
            ));
        }
    };
    if from >= to {
        let msg = format!("`from` ({from}) must be earlier than `to` ({to})");
        return Err((msg, Some(format!("`{}` has the years {listed}", stat.id))));
    }
    let (Some(a), Some(b)) = (stat.at(from), stat.at(to)) else {
        return Err((format!("stat `{}` lost a year (a bug)", stat.id), None));
    };
    for (y, p) in [(from, a), (to, b)] {
        if p.qualifier != Qualifier::Exact {
            let msg = format!(
                "the change of `{}` from {from} to {to} would be computed from a value qualified `{}` ({y})",
                stat.id,
                p.qualifier.key()
            );
            let hint = "a change computed from an approximate value would state a precision the source does not have; show the two figures with stat(id=…, year=…) instead";
            return Err((msg, Some(hint.to_owned())));
        }
    }
    if a.value == 0.0 {
        let msg = format!(
            "the change of `{}` from {from} cannot be computed: the {from} value is 0",
            stat.id
        );
        return Err((
            msg,
            Some("show the two figures with stat(id=…, year=…) instead".to_owned()),
        ));
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
