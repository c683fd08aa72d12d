//! Reading `stats.toml`: TOML syntax, the top-level shape, unknown keys and serde type
//! errors. Every problem becomes a located [`Diagnostic`]; the field-by-field checks of each
//! record are in [`super::validate`].

use crate::msg;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::format::Lang;
use super::model::{
    GROUP_KEYS, Group, RawGroup, RawStat, RawUnit, STAT_KEYS, Stat, TOP_KEYS, UNIT_KEYS,
};
use super::units::{self, Units};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean, line_col};

/// The records of a file that passed every check.
pub(crate) struct Loaded {
    pub languages: Vec<String>,
    /// The formatting rules of each.
    pub rules: Vec<(String, Lang)>,
    pub units: Units,
    pub stats: Vec<Stat>,
    pub groups: Vec<Group>,
}

/// Collects the diagnostics of one file while it is checked.
pub(crate) struct Ctx<'a> {
    file: &'a Path,
    text: &'a Arc<str>,
    /// The site's languages, all supported.
    pub languages: Vec<String>,
    /// Every unit a record may name: the built-in ones and the file's own.
    pub units: Units,
    /// Ids of the file's `[[unit]]` records that have errors (already reported).
    pub broken_units: std::collections::HashSet<String>,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Records an error at `span` with an optional hint.
    pub fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(message)
            .in_file(self.file)
            .at(self.text, span);
        d.hint = hint;
        self.diags.push(d);
    }

    /// The 1-based line of a byte offset, for messages that mention another place.
    pub fn line_of(&self, offset: usize) -> usize {
        line_col(self.text, offset).0
    }

    /// `{ zh = "…", en = "…" }` for the site's languages, for hints.
    pub fn text_example(&self) -> String {
        let entries: Vec<String> = self
            .languages
            .iter()
            .map(|l| format!("{l} = \"…\""))
            .collect();
        format!("{{ {} }}", entries.join(", "))
    }
}

/// Parses and checks the whole file; see [`super::load`].
pub(crate) fn load(
    file: &Path,
    text: &Arc<str>,
    languages: &[(&str, Option<Lang>)],
) -> Result<Loaded, Diagnostics> {
    let mut cx = Ctx {
        file,
        text,
        languages: languages.iter().map(|(l, _)| (*l).to_owned()).collect(),
        units: builtin_units()?,
        broken_units: Default::default(),
        diags: Vec::new(),
    };
    let rules = check_languages(&cx, languages)?;
    let root = DeTable::parse(text).map_err(|e| syntax_error(&cx, &e))?;
    let [stat_values, group_values, unit_values] = top_level(&mut cx, root.get_ref());
    unit_records(&mut cx, &unit_values);
    let stat_records: Vec<_> = stat_values
        .iter()
        .map(|v| stat_record(&mut cx, v))
        .collect();
    let known = super::validate::check_stat_ids(&mut cx, &stat_records);
    let group_records: Vec<_> = group_values
        .iter()
        .map(|v| group_record(&mut cx, v))
        .collect();
    let groups = super::validate::check_groups(&mut cx, group_records, &known);
    let stats: Vec<Stat> = stat_records.into_iter().filter_map(|r| r.stat).collect();
    if !cx.diags.is_empty() {
        cx.diags
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        return Err(Diagnostics(cx.diags));
    }
    Ok(Loaded {
        languages: cx.languages,
        rules,
        units: cx.units,
        stats,
        groups,
    })
}

/// The built-in units (`units.toml`), read by the same code as a site's `[[unit]]`
/// records.
pub(crate) fn builtin_units() -> Result<Units, Diagnostics> {
    let text: Arc<str> = Arc::from(units::BUILTIN);
    let mut cx = Ctx {
        file: Path::new("src/stats/units.toml"),
        text: &text,
        languages: Vec::new(),
        units: Units::new(),
        broken_units: Default::default(),
        diags: Vec::new(),
    };
    let root = DeTable::parse(&text).map_err(|e| syntax_error(&cx, &e))?;
    let [_, _, unit_values] = top_level(&mut cx, root.get_ref());
    unit_records(&mut cx, &unit_values);
    match cx.diags.is_empty() {
        true => Ok(cx.units),
        false => Err(Diagnostics(cx.diags)),
    }
}

/// Reads the `[[unit]]` records into `cx.units`, each replacing a built-in unit of its id;
/// an id defined twice in the file is an error.
fn unit_records(cx: &mut Ctx<'_>, values: &Values<'_, '_>) {
    let records: Vec<Record<RawUnit>> = values
        .iter()
        .map(|v| read_record::<RawUnit>(cx, v, &UNIT_KEYS, "unit"))
        .collect();
    check_duplicates(cx, records.iter().filter_map(|r| r.id.as_ref()), "unit");
    for rec in records {
        let unit = rec
            .raw
            .and_then(|raw| units::check_unit_def(cx, raw, &rec.span));
        match (unit, rec.id) {
            (Some(u), _) => {
                cx.units.insert(u.id.clone(), Arc::new(u));
            }
            (None, Some(id)) => {
                cx.broken_units.insert(id.into_inner());
            }
            (None, None) => {}
        }
    }
}

/// Each language's formatting rules: its own (`figures = "en"` in its config table), or
/// those of its code (`zh`, `en`); a language with neither is a configuration error.
fn check_languages(
    cx: &Ctx<'_>,
    languages: &[(&str, Option<Lang>)],
) -> Result<Vec<(String, Lang)>, Diagnostics> {
    let mut rules = Vec::new();
    for (code, own) in languages {
        match own.or_else(|| Lang::from_code(code)) {
            Some(lang) => rules.push(((*code).to_owned(), lang)),
            None => {
                let hint = msg!("stats-language-rules-hint", code = *code);
                return Err(
                    Diagnostic::error(msg!("stats-language-rules", code = *code))
                        .in_file(cx.file)
                        .with_hint(hint)
                        .into(),
                );
            }
        }
    }
    if rules.is_empty() {
        return Err(Diagnostic::error(msg!("stats-no-language"))
            .in_file(cx.file)
            .into());
    }
    Ok(rules)
}

/// A TOML syntax error, located by toml's own span.
fn syntax_error(cx: &Ctx<'_>, e: &toml::de::Error) -> Diagnostics {
    let msg = e.message();
    let hint = if msg.contains("duplicate key") {
        msg!("stats-duplicate-key-hint")
    } else if msg.contains("recurs") {
        msg!("stats-too-deep-hint", depth = crate::diag::TOML_MAX_DEPTH)
    } else {
        msg!("stats-syntax-hint")
    };
    let mut d = Diagnostic::error(msg!(
        "stats-invalid-toml",
        detail = crate::diag::toml_message(msg)
    ))
    .in_file(cx.file)
    .with_hint(hint);
    if let Some(span) = e.span() {
        d = d.at(cx.text, span);
    }
    d.into()
}

type Values<'a, 'i> = Vec<&'a Spanned<DeValue<'i>>>;

/// Splits the root table into `[[stat]]`, `[[group]]` and `[[unit]]` records, reporting
/// anything else.
fn top_level<'a, 'i>(cx: &mut Ctx<'_>, root: &'a DeTable<'i>) -> [Values<'a, 'i>; 3] {
    let [mut stats, mut groups, mut units] = [Vec::new(), Vec::new(), Vec::new()];
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "stat" => stats = records(cx, "stat", value),
            "group" => groups = records(cx, "group", value),
            "unit" => units = records(cx, "unit", value),
            other => unknown_key(cx, key.span(), other, &TOP_KEYS, "top"),
        }
    }
    [stats, groups, units]
}

/// The records of an array of tables, or an error if `stat`/`group` is not one.
fn records<'a, 'i>(cx: &mut Ctx<'_>, key: &str, value: &'a Spanned<DeValue<'i>>) -> Values<'a, 'i> {
    match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        _ => {
            let msg = msg!("stats-not-records", key = key);
            let hint = msg!("stats-not-records-hint", key = key);
            cx.error(value.span(), msg, Some(hint));
            Vec::new()
        }
    }
}

/// Reports an unknown key with the closest allowed one; `place` is `top` (the file's
/// top level) or the kind of record it is in (`stat`).
pub(crate) fn unknown_key(
    cx: &mut Ctx<'_>,
    span: Range<usize>,
    key: &str,
    allowed: &[&str],
    place: &str,
) {
    let list = allowed.join(", ");
    let hint = match (key, did_you_mean(key, allowed.iter().copied())) {
        ("period", _) => msg!("stats-period-hint"),
        (_, close) => msg!(
            "stats-allowed-keys-hint",
            close = close.unwrap_or("none"),
            list = list
        ),
    };
    let message = msg!("stats-unknown-key", key = key, place = place);
    cx.error(span, message, Some(hint));
}

/// A record after serde: the raw fields if they had the right types, and the id if any.
pub(crate) struct Record<R> {
    /// The `[[stat]]` header (or inline table) of the record.
    pub span: Range<usize>,
    /// The id as written, even when the rest failed to read, so groups do not cascade.
    pub id: Option<Spanned<String>>,
    /// The fields, if serde could read them.
    pub raw: Option<R>,
    /// The validated record, filled in by [`super::validate`].
    pub stat: Option<Stat>,
}

fn stat_record(cx: &mut Ctx<'_>, value: &Spanned<DeValue<'_>>) -> Record<RawStat> {
    let mut rec = read_record::<RawStat>(cx, value, &STAT_KEYS, "stat");
    if let Some(raw) = rec.raw.take() {
        rec.stat = super::validate::check_stat(cx, raw, rec.span.clone());
    }
    rec
}

fn group_record(cx: &mut Ctx<'_>, value: &Spanned<DeValue<'_>>) -> Record<RawGroup> {
    read_record::<RawGroup>(cx, value, &GROUP_KEYS, "group")
}

/// Checks the keys of one record, then reads the known ones with serde.
fn read_record<R>(
    cx: &mut Ctx<'_>,
    value: &Spanned<DeValue<'_>>,
    allowed: &[&str],
    kind: &str,
) -> Record<R>
where
    R: for<'de> Deserialize<'de>,
{
    let span = value.span();
    let mut rec = Record {
        span: span.clone(),
        id: None,
        raw: None,
        stat: None,
    };
    let DeValue::Table(table) = value.get_ref() else {
        let hint = msg!("stats-not-a-table-hint", kind = kind);
        cx.error(span, msg!("stats-not-a-table", kind = kind), Some(hint));
        return rec;
    };
    rec.id = raw_id(table);
    let mut known = table.clone();
    for (key, _) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        if !allowed.contains(&name) {
            unknown_key(cx, key.span(), name, allowed, kind);
            known.remove(name);
        }
    }
    let de = ValueDeserializer::from(Spanned::new(span.clone(), DeValue::Table(known)));
    match R::deserialize(de) {
        Ok(raw) => rec.raw = Some(raw),
        Err(e) => type_error(cx, &e, table, span),
    }
    rec
}

/// The `id` of a record if it is a string, read straight from the TOML tree.
fn raw_id(table: &DeTable<'_>) -> Option<Spanned<String>> {
    let value = table.get("id")?;
    let id = value.get_ref().as_str()?;
    Some(Spanned::new(value.span(), id.to_owned()))
}

/// A serde error (a value of the wrong type), with a hint for the field it is in.
fn type_error(cx: &mut Ctx<'_>, e: &toml::de::Error, table: &DeTable<'_>, record: Range<usize>) {
    let span = e.span().unwrap_or(record);
    let field = table
        .iter()
        .find(|(_, v)| v.span().start <= span.start && span.end <= v.span().end)
        .map(|(k, _)| k.get_ref().to_string());
    let (message, hint) = match field.as_deref() {
        Some(f) => (
            msg!(
                "stats-wrong-type-field",
                field = f,
                detail = crate::diag::toml_message(e.message())
            ),
            field_hint(cx, f),
        ),
        None => (
            msg!(
                "stats-wrong-type",
                detail = crate::diag::toml_message(e.message())
            ),
            Some(msg!("stats-wrong-type-hint")),
        ),
    };
    cx.error(span, message, hint);
}

/// How to write each field, for type errors.
fn field_hint(cx: &Ctx<'_>, field: &str) -> Option<String> {
    let kind = match field {
        "year" | "as_of" | "value" | "series" | "en" | "scale" | "stats" => field,
        "zh" | "currency" | "kind" | "id" | "unit" | "qualifier" => "quoted",
        "label" | "source" | "derived" | "title" | "description" => "text",
        _ => return None,
    };
    Some(msg!(
        "stats-field-hint",
        field = kind,
        name = field,
        example = cx.text_example()
    ))
}

/// Remembers the first place of each id and reports later duplicates.
pub(crate) fn check_duplicates<'a>(
    cx: &mut Ctx<'_>,
    ids: impl Iterator<Item = &'a Spanned<String>>,
    kind: &str,
) -> HashMap<String, Range<usize>> {
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.get_ref()) {
            let line = cx.line_of(first.start);
            let msg = msg!(
                "stats-duplicate-id",
                kind = kind,
                id = id.get_ref().as_str()
            );
            let hint = msg!(
                "stats-duplicate-id-hint",
                id = id.get_ref().as_str(),
                line = line,
                kind = kind
            );
            cx.error(id.span(), msg, Some(hint));
        } else {
            seen.insert(id.get_ref().clone(), id.span());
        }
    }
    seen
}
