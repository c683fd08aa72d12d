//! The functions templates call: `t`, `asset`, `link`, `image`, `stat`, `stat_record`,
//! `stats_group`, `stats_groups` and `chart`.
//!
//! Each reads the page's language from the template context (`lang`), so a template
//! never passes it; a miss (unknown key, file, id) fails the render with a message and a
//! hint that the build turns into a located diagnostic.

use crate::msg;
use std::sync::Arc;

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::lookup::{Lookup, Miss};

/// Registers every function on `tera`.
pub fn register(tera: &mut Tera, lookup: &Arc<Lookup>) {
    let l = Arc::clone(lookup);
    tera.register_function("t", move |kw: Kwargs, st: &State| -> TeraResult<String> {
        l.string(&kw.must_get::<String>("key")?, &lang(st)?)
            .map_err(miss)
    });
    let l = Arc::clone(lookup);
    tera.register_function(
        "asset",
        move |kw: Kwargs, _: &State| -> TeraResult<String> {
            l.asset(&kw.must_get::<String>("path")?).map_err(miss)
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "link",
        move |kw: Kwargs, st: &State| -> TeraResult<String> {
            let lang = match kw.get::<String>("lang")? {
                Some(l) => l,
                None => lang(st)?,
            };
            l.link(&kw.must_get::<String>("path")?, &lang).map_err(miss)
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function("stat", move |kw: Kwargs, st: &State| -> TeraResult<Value> {
        let form = kw.get::<String>("form")?;
        let year = kw.get::<i64>("year")?;
        let html = l
            .stat(
                &kw.must_get::<String>("id")?,
                form.as_deref(),
                year,
                &lang(st)?,
            )
            .map_err(miss)?;
        Ok(Value::safe_string(&html))
    });
    let l = Arc::clone(lookup);
    tera.register_function(
        "stat_change",
        move |kw: Kwargs, st: &State| -> TeraResult<Value> {
            let years = (kw.get::<i64>("from")?, kw.get::<i64>("to")?);
            let html = l
                .stat_change(&kw.must_get::<String>("id")?, years, &lang(st)?)
                .map_err(miss)?;
            Ok(Value::safe_string(&html))
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "chart",
        move |kw: Kwargs, st: &State| -> TeraResult<Value> {
            let kind = kw.get::<String>("kind")?;
            let svg = l
                .chart(
                    &kw.must_get::<String>("group")?,
                    kind.as_deref(),
                    &lang(st)?,
                )
                .map_err(miss)?;
            Ok(Value::safe_string(&svg))
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function("image", move |kw: Kwargs, _: &State| -> TeraResult<Value> {
        let t = transform(&kw)?;
        let view = l.image(&kw.must_get::<String>("path")?, t).map_err(miss)?;
        Ok(Value::from_serializable(&view))
    });
    register_data(tera, lookup);
    super::publish::register(tera, lookup); // feed_url, search_url, json_script, absolute, og_locale
}

/// The functions that hand templates whole records and groups.
fn register_data(tera: &mut Tera, lookup: &Arc<Lookup>) {
    let l = Arc::clone(lookup);
    tera.register_function(
        "stat_record",
        move |kw: Kwargs, st: &State| -> TeraResult<Value> {
            let id = kw.must_get::<String>("id")?;
            crate::deps::note(|r| {
                r.stats.insert(id.clone());
            });
            let stats = l.stats_data().map_err(miss)?;
            let view = stats
                .record_view(&id, &lang(st)?)
                .ok_or_else(|| unknown_id(stats.closest_id(&id), &id))?;
            Ok(Value::from_serializable(&view))
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "stats_group",
        move |kw: Kwargs, st: &State| -> TeraResult<Value> {
            let id = kw.must_get::<String>("id")?;
            crate::deps::note(|r| {
                r.groups.insert(id.clone());
            });
            let stats = l.stats_data().map_err(miss)?;
            let view = stats
                .group_view(&id, &lang(st)?)
                .ok_or_else(|| Error::message(msg!("template-group-unknown", id = id.as_str())))?;
            Ok(Value::from_serializable(&view))
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "stats_dataset",
        move |_: Kwargs, st: &State| -> TeraResult<Value> {
            crate::deps::note(|r| r.all_stats = true);
            let stats = l.stats_data().map_err(miss)?;
            Ok(Value::from_serializable(&stats.dataset(&lang(st)?)))
        },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "stats_groups",
        move |_: Kwargs, st: &State| -> TeraResult<Value> {
            crate::deps::note(|r| r.all_stats = true);
            let stats = l.stats_data().map_err(miss)?;
            let lang = lang(st)?;
            let views: Vec<_> = stats
                .group_ids()
                .filter_map(|id| stats.group_view(id, &lang))
                .collect();
            Ok(Value::from_serializable(&views))
        },
    );
}

/// `width`, `height`, `op` and `format` of `image()`.
fn transform(kw: &Kwargs) -> TeraResult<crate::images::Transform> {
    use crate::images::{Format, Op, Transform};
    let side = |key: &str| -> TeraResult<Option<u32>> {
        match kw.get::<i64>(key)? {
            None => Ok(None),
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|&n| (1..=crate::images::MAX_SIDE).contains(&n))
                .map(Some)
                .ok_or_else(|| {
                    Error::message(msg!(
                        "template-image-size",
                        key = key,
                        value = n.to_string(),
                        max = crate::images::MAX_SIDE
                    ))
                }),
        }
    };
    let op = match kw.get::<String>("op")?.as_deref() {
        None | Some("fit") => Op::Fit,
        Some("fill") => Op::Fill,
        Some(other) => {
            return Err(Error::message(msg!("template-image-op", op = other)));
        }
    };
    let format = match kw.get::<String>("format")?.as_deref() {
        None | Some("auto") => Format::Auto,
        Some("jpg" | "jpeg") => Format::Jpeg,
        Some("png") => Format::Png,
        Some("webp") => Format::Webp,
        Some(other) => {
            return Err(Error::message(msg!(
                "template-image-format",
                format = other
            )));
        }
    };
    let t = Transform {
        width: side("width")?,
        height: side("height")?,
        op,
        format,
    };
    if t.op == Op::Fill && (t.width.is_none() || t.height.is_none()) {
        return Err(Error::message(msg!("template-image-fill")));
    }
    Ok(t)
}

fn lang(state: &State) -> TeraResult<String> {
    state
        .get::<String>("lang")?
        .ok_or_else(|| Error::message(msg!("template-no-lang")))
}

fn miss((message, hint): Miss) -> Error {
    match hint {
        Some(h) => Error::message(msg!("template-hint-inline", message = message, hint = h)),
        None => Error::message(message),
    }
}

fn unknown_id(close: Option<&str>, id: &str) -> Error {
    miss((
        msg!("template-stat-unknown", id = id),
        close.map(|c| msg!("hint-did-you-mean", name = c)),
    ))
}
