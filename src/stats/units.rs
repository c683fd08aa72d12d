//! Units: the built-in ones (`units.toml` beside this file, shipped as defaults) and the
//! site's own `[[unit]]` records, which add units or replace a built-in one by id.

use crate::msg;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use super::load::Ctx;
use super::model::{EnUnit, RawEn, RawUnit, Unit};
use super::validate::{check_id, missing, who};

/// The built-in units, as `[[unit]]` records.
pub(crate) const BUILTIN: &str = include_str!("units.toml");

/// Every unit a stats file may name, by id.
pub(crate) type Units = BTreeMap<String, Arc<Unit>>;

/// Checks one `[[unit]]` record read by serde; `header` is its `[[unit]]` line.
pub(crate) fn check_unit_def(
    cx: &mut Ctx<'_>,
    raw: RawUnit,
    header: &Range<usize>,
) -> Option<Unit> {
    let id = check_id(cx, raw.id.as_ref(), header, "unit");
    let who = who("unit", id.as_deref());
    let zh = check_zh(cx, raw.zh, header, &who);
    let currency = raw.currency.map(|c| check_currency(cx, c)).transpose();
    let en = check_en(cx, raw.en, header, &who, matches!(currency, Ok(Some(_))));
    let kind = raw.kind.map(|k| check_kind(cx, k)).transpose();
    let (id, currency, kind) = (id?, currency.ok()?, kind.ok()?);
    let kind = kind.unwrap_or_else(|| match currency {
        Some(_) => "money".to_owned(),
        None => id.clone(),
    });
    Some(Unit {
        zh: zh?,
        en: en?,
        scale: raw.scale.is_some_and(|s| *s.get_ref()),
        currency,
        kind,
        id,
    })
}

fn check_zh(
    cx: &mut Ctx<'_>,
    zh: Option<Spanned<String>>,
    header: &Range<usize>,
    who: &str,
) -> Option<String> {
    let Some(zh) = zh else {
        missing(cx, header, who, "zh", msg!("unit-zh-missing-hint"));
        return None;
    };
    if zh.get_ref().trim().is_empty() {
        cx.error(
            zh.span(),
            msg!("unit-zh-empty", who = who),
            Some(msg!("unit-zh-empty-hint")),
        );
        return None;
    }
    Some(zh.into_inner().trim().to_owned())
}

/// `en`: a symbol (`""` for a bare number) or both noun forms; not needed for money.
fn check_en(
    cx: &mut Ctx<'_>,
    en: Option<Spanned<RawEn>>,
    header: &Range<usize>,
    who: &str,
    money: bool,
) -> Option<EnUnit> {
    let Some(en) = en else {
        if money {
            return Some(EnUnit::Symbol(String::new()));
        }
        missing(cx, header, who, "en", msg!("unit-en-missing-hint"));
        return None;
    };
    let span = en.span();
    match en.into_inner() {
        RawEn::Symbol(s) => Some(EnUnit::Symbol(s.trim().to_owned())),
        RawEn::Noun(n) if n.one.trim().is_empty() || n.other.trim().is_empty() => {
            cx.error(
                span,
                msg!("unit-en-empty-noun", who = who),
                Some(msg!("unit-en-empty-noun-hint")),
            );
            None
        }
        RawEn::Noun(n) => Some(EnUnit::Noun {
            one: n.one.trim().to_owned(),
            other: n.other.trim().to_owned(),
        }),
    }
}

/// An ISO 4217 code: three capital letters.
fn check_currency(cx: &mut Ctx<'_>, code: Spanned<String>) -> Result<String, ()> {
    let text = code.get_ref();
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(text.clone());
    }
    let msg = msg!("unit-currency", code = text.as_str());
    cx.error(code.span(), msg, Some(msg!("unit-currency-hint")));
    Err(())
}

fn check_kind(cx: &mut Ctx<'_>, kind: Spanned<String>) -> Result<String, ()> {
    let text = kind.get_ref().trim();
    if text.is_empty() {
        cx.error(
            kind.span(),
            msg!("unit-kind-empty"),
            Some(msg!("unit-kind-empty-hint")),
        );
        return Err(());
    }
    Ok(text.to_owned())
}

/// The ids of `units`, for hints.
pub(crate) fn list(units: &Units) -> String {
    units
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
