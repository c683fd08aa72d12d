//! Where a content file lands: its language, its section, its URL.
//!
//! URLs come from ASCII file and folder names (never transliterated from Chinese
//! titles), lowercased, so `Tech.md` and `tech.md` collide visibly instead of silently on
//! a case-insensitive disk. Names are NFC-normalised first, so a file name typed on macOS
//! (NFD) maps to the same URL as on Linux.

use std::path::{Component, Path};
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use super::{FrontMatter, Kind};
use crate::config::Config;
use crate::diag::{Diagnostic, Result};
use crate::fsutil;

/// A file's place in the site, read from its path alone.
#[derive(Debug)]
pub struct Placed {
    pub key: String,
    pub lang: String,
    pub kind: Kind,
    pub parent: Option<String>,
    dirs: Vec<String>,
    stem: String,
}

/// Reads language, kind, key and section from `content/<dirs>/<name>[.<lang>].md`.
pub fn place(config: &Config, rel: &Path) -> Result<Placed> {
    let mut parts: Vec<String> = rel
        .components()
        .skip(1)
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().nfc().collect()),
            _ => None,
        })
        .collect();
    let file = parts.pop().unwrap_or_default();
    let name = file.strip_suffix(".md").unwrap_or(&file);
    let (stem, lang) = split_lang(config, name);
    for part in parts.iter().chain(std::iter::once(&stem.to_owned())) {
        check_name(part, rel)?;
    }
    let dirs: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let dir_key = |d: &[String]| {
        if d.is_empty() {
            "_index.md".to_owned()
        } else {
            format!("{}/_index.md", d.join("/"))
        }
    };
    let (kind, key, parent) = if stem == "_index" {
        let kind = if dirs.is_empty() {
            Kind::Home
        } else {
            Kind::Section
        };
        let parent = (!dirs.is_empty()).then(|| dir_key(&dirs[..dirs.len() - 1]));
        (kind, dir_key(&dirs), parent)
    } else {
        let key = if dirs.is_empty() {
            format!("{}.md", stem.to_ascii_lowercase())
        } else {
            format!("{}/{}.md", dirs.join("/"), stem.to_ascii_lowercase())
        };
        (Kind::Page, key, Some(dir_key(&dirs)))
    };
    Ok(Placed {
        key,
        lang,
        kind,
        parent,
        dirs,
        stem: stem.to_ascii_lowercase(),
    })
}

fn split_lang<'a>(config: &Config, name: &'a str) -> (&'a str, String) {
    for lang in config.languages.iter().skip(1) {
        if let Some(stem) = name.strip_suffix(&format!(".{}", lang.code)) {
            return (stem, lang.code.clone());
        }
    }
    (name, config.default_language().code.clone())
}

fn check_name(part: &str, rel: &Path) -> Result<()> {
    if part == "_index" || is_url_segment(part) {
        return Ok(());
    }
    let hint = if part.is_ascii() {
        "use only letters, digits, `-` and `_` in file and folder names (a language suffix is `.en.md`)".to_owned()
    } else {
        "name files in ASCII, e.g. `tongda-bonding-wire.md`; the Chinese title goes in the front matter's `title`".to_owned()
    };
    let d = Diagnostic::error(format!("`{part}` cannot be part of a URL")).in_file(rel);
    Err(d.with_hint(hint).into())
}

/// Letters, digits, `-` and `_`, ASCII only.
pub fn is_url_segment(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `en/tech/tongda/` for a page, `en/tech/` for a section, `en/` for the English home.
pub fn url_path(
    config: &Config,
    placed: &Placed,
    meta: &FrontMatter,
    text: &Arc<str>,
    rel: &Path,
) -> Result<String> {
    let prefix = config
        .language(&placed.lang)
        .map(|l| l.prefix.clone())
        .unwrap_or_default();
    let mut segments = placed.dirs.clone();
    if placed.kind == Kind::Page {
        let slug = match &meta.slug {
            Some(s) => checked_slug(s, text, rel)?,
            None => placed.stem.clone(),
        };
        segments.push(slug);
    } else if let Some(s) = &meta.slug {
        let d =
            Diagnostic::error("`slug` is for pages; a section's URL comes from its folder name");
        return Err(d
            .in_file(rel)
            .at(text, s.span())
            .with_hint("rename the folder instead")
            .into());
    }
    let mut url = prefix;
    for s in segments {
        url.push_str(&s);
        url.push('/');
    }
    Ok(url)
}

fn checked_slug(slug: &toml::Spanned<String>, text: &Arc<str>, rel: &Path) -> Result<String> {
    let raw = slug.get_ref();
    let why = fsutil::check_segment_chars(raw)
        .err()
        .or_else(|| (!is_url_segment(raw)).then(|| format!("`{raw}` is not a single URL segment")));
    match why {
        None => Ok(raw.to_ascii_lowercase()),
        Some(why) => {
            let d = Diagnostic::error(format!("invalid `slug`: {why}"))
                .in_file(rel)
                .at(text, slug.span());
            Err(d.with_hint("a slug is one segment of ASCII letters, digits, `-` or `_`, e.g. `slug = \"bonding-wire\"`").into())
        }
    }
}

/// The file name of `key`'s twin in `lang`, for hints: `content/tech/_index.en.md`.
pub fn twin_name(config: &Config, key: &str, lang: &str) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    if lang == config.default_language().code {
        format!("content/{stem}.md")
    } else {
        format!("content/{stem}.{lang}.md")
    }
}
