//! The site's languages as `config.toml` gives them: the list in order (default first),
//! each one's UI strings and figure rules, the editions converted from another language,
//! and the check that every language has the same UI strings.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::{Converted, FILE, LangCode, Language, RawConfig, RawLanguage};
use crate::diag::{Diagnostic, Result};
use crate::msg;

/// Builds the language list, default first, and checks every language has the same UI keys.
pub(super) fn languages(raw: &RawConfig, source: &Arc<str>) -> Result<Vec<Language>> {
    let default = &raw.default_language;
    let mut langs = vec![make_language(
        default,
        raw.languages.get(default).map(|s| s.get_ref()),
        raw,
    )];
    for (code, lang) in &raw.languages {
        if code == default {
            continue;
        }
        if !code.chars().all(|c| c.is_ascii_lowercase() || c == '-') || code.is_empty() {
            let d = Diagnostic::error(msg!("config-language-code", code = code.as_str()));
            return Err(d
                .in_file(FILE)
                .at(source, lang.span())
                .with_hint(msg!("config-language-code-hint"))
                .into());
        }
        langs.push(make_language(code, Some(lang.get_ref()), raw));
    }
    for l in &mut langs {
        let Some(figures) = raw
            .languages
            .get(l.code.as_str())
            .and_then(|r| r.get_ref().figures.as_ref())
        else {
            continue;
        };
        match crate::stats::Lang::from_code(figures.get_ref()) {
            Some(rules) => l.figures = Some(rules),
            None => {
                return Err(Diagnostic::error(msg!(
                    "config-figures-unknown",
                    name = figures.get_ref().as_str()
                ))
                .in_file(FILE)
                .at(source, figures.span())
                .with_hint(msg!("config-figures-unknown-hint"))
                .into());
            }
        }
    }
    Ok(langs)
}

/// Fills in the editions converted from another language: their strings, title and
/// description converted from that language's (their own, where given, win), their
/// `<html lang>` from the variant.
pub(super) fn convert_languages(
    raw: &RawConfig,
    source: &Arc<str>,
    root: &Path,
    langs: &mut [Language],
) -> Result<()> {
    let err = |msg: String, span: std::ops::Range<usize>| {
        Diagnostic::error(msg).in_file(FILE).at(source, span)
    };
    for i in 0..langs.len() {
        let Some(own) = raw.languages.get(langs[i].code.as_str()) else {
            continue;
        };
        let own = own.get_ref();
        let (from, variant) = match (&own.convert_from, &own.variant) {
            (None, None) => continue,
            (None, Some(v)) => {
                return Err(err(
                    msg!(
                        "config-variant-without-source",
                        code = langs[i].code.as_str()
                    ),
                    v.span(),
                )
                .with_hint(msg!("config-variant-without-source-hint"))
                .into());
            }
            (Some(f), v) => (f, v),
        };
        let names = || {
            crate::convert::Variant::ALL
                .iter()
                .map(|(n, _)| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(&msg!("list-or"))
        };
        let Some(variant_raw) = variant else {
            return Err(err(
                msg!("config-variant-missing", code = langs[i].code.as_str()),
                from.span(),
            )
            .with_hint(msg!("config-variant-missing-hint", names = names()))
            .into());
        };
        let Some(variant) = crate::convert::Variant::parse(variant_raw.get_ref()) else {
            return Err(err(
                msg!(
                    "config-variant-unknown",
                    value = variant_raw.get_ref().as_str()
                ),
                variant_raw.span(),
            )
            .with_hint(msg!("config-variant-unknown-hint", names = names()))
            .into());
        };
        let source_lang = langs
            .iter()
            .find(|l| l.code == from.get_ref().as_str())
            .filter(|l| l.code != langs[i].code)
            .cloned();
        let Some(source_lang) = source_lang else {
            let known: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
            return Err(err(
                msg!(
                    "config-convert-from-unknown",
                    code = from.get_ref().as_str()
                ),
                from.span(),
            )
            .with_hint(msg!(
                "config-convert-from-unknown-hint",
                codes = known.join(", ")
            ))
            .into());
        };
        if raw
            .languages
            .get(source_lang.code.as_str())
            .is_some_and(|l| l.get_ref().convert_from.is_some())
        {
            return Err(err(
                msg!(
                    "config-convert-from-converted",
                    code = source_lang.code.as_str()
                ),
                from.span(),
            )
            .into());
        }
        let overrides = crate::convert::overrides_path(&langs[i].code);
        let table = crate::convert::read_overrides(root, &overrides, variant)?;
        let converter = crate::convert::Converter::new(variant, table, &source_lang.html_lang);
        let lang = &mut langs[i];
        let mut strings: BTreeMap<String, String> = source_lang
            .strings
            .iter()
            .map(|(k, v)| (k.clone(), converter.text(v)))
            .collect();
        strings.extend(own.translations.clone());
        lang.strings = strings;
        if own.title.is_none() {
            lang.title = converter.text(&source_lang.title);
        }
        if own.description.is_none() {
            lang.description = converter.text(&source_lang.description);
        }
        if own.html_lang.is_none() {
            lang.html_lang = variant.html_lang().to_owned();
        }
        if own.name.is_none() {
            lang.name = "繁體中文".to_owned();
        }
        lang.converted = Some(Converted {
            from: source_lang.code.clone(),
            converter,
            overrides,
        });
    }
    Ok(())
}

fn make_language(code: &str, raw: Option<&RawLanguage>, top: &RawConfig) -> Language {
    let is_default = code == top.default_language;
    let (known_tag, known_name) = known_language(code);
    let pick =
        |own: Option<&String>, fallback: &str| own.cloned().unwrap_or_else(|| fallback.to_owned());
    let mut strings = if is_default {
        top.translations.clone()
    } else {
        BTreeMap::new()
    };
    if let Some(r) = raw {
        strings.extend(r.translations.clone());
    }
    Language {
        code: LangCode::new(code),
        html_lang: pick(raw.and_then(|r| r.html_lang.as_ref()), known_tag),
        name: pick(raw.and_then(|r| r.name.as_ref()), known_name),
        title: pick(raw.and_then(|r| r.title.as_ref()), &top.title),
        description: pick(raw.and_then(|r| r.description.as_ref()), &top.description),
        strings,
        prefix: if is_default {
            String::new()
        } else {
            format!("{code}/")
        },
        converted: None,
        figures: None,
    }
}

fn known_language(code: &str) -> (&str, &str) {
    match code {
        "zh" => ("zh-CN", "中文"),
        "en" => ("en", "English"),
        "zh-hant" => ("zh-Hant", "繁體中文"),
        other => (other, other),
    }
}

/// A UI string defined in one language but not another is an error naming both.
pub(super) fn check_strings(langs: &[Language], source: &Arc<str>) -> Result<()> {
    let mut errors = Vec::new();
    for a in langs {
        for key in a.strings.keys() {
            for b in langs.iter().filter(|b| !b.strings.contains_key(key)) {
                let needle = format!("{key} =");
                let span = source.find(&needle).map_or(0..0, |i| i..i + key.len());
                let table = if b.prefix.is_empty() {
                    "[translations]".to_owned()
                } else {
                    format!("[languages.{}.translations]", b.code)
                };
                errors.push(
                    Diagnostic::error(msg!(
                        "config-string-missing",
                        key = key.as_str(),
                        defined = a.code.as_str(),
                        missing = b.code.as_str()
                    ))
                    .in_file(FILE)
                    .at(source, span)
                    .with_hint(msg!(
                        "config-string-missing-hint",
                        key = key.as_str(),
                        table = table
                    )),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}
