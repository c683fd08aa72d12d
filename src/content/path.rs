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
use crate::config::{Config, LangCode};
use crate::diag::{Diagnostic, Result};
use crate::fsutil;
use crate::msg;

/// A file's place in the site, read from its path alone.
#[derive(Debug)]
pub struct Placed {
    pub key: String,
    pub lang: LangCode,
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

fn split_lang<'a>(config: &Config, name: &'a str) -> (&'a str, LangCode) {
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
        msg!("url-bad-part-hint-ascii")
    } else {
        msg!("url-bad-part-hint-chinese")
    };
    let d = Diagnostic::error(msg!("url-bad-part", part = part)).in_file(rel);
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
        let d = Diagnostic::error(msg!("slug-on-section"));
        return Err(d
            .in_file(rel)
            .at(text, s.span())
            .with_hint(msg!("slug-on-section-hint"))
            .into());
    }
    let mut url = prefix;
    for s in segments {
        url.push_str(&s);
        url.push('/');
    }
    Ok(url)
}

/// Checks `aliases` and `paginate_by`; returns the aliases as URL paths below the base
/// path (`old/url/`, or `old/page.html` as written).
pub fn moved_and_paged(
    placed: &Placed,
    meta: &FrontMatter,
    text: &Arc<str>,
    rel: &Path,
) -> Result<Vec<String>> {
    let mut errors = Vec::new();
    if let Some(n) = &meta.paginate_by {
        let (message, hint) = if placed.kind == Kind::Page {
            (msg!("paginate-on-page"), msg!("paginate-on-page-hint"))
        } else if *n.get_ref() < 1 {
            (
                msg!("paginate-zero", value = n.get_ref().to_string()),
                msg!("paginate-zero-hint"),
            )
        } else {
            (String::new(), String::new())
        };
        if !message.is_empty() {
            errors.push(
                Diagnostic::error(message)
                    .in_file(rel)
                    .at(text, n.span())
                    .with_hint(hint),
            );
        }
    }
    let mut aliases = Vec::new();
    for alias in &meta.aliases {
        match alias_path(alias.get_ref()) {
            Ok(path) => aliases.push(path),
            Err(why) => errors.push(
                Diagnostic::error(msg!(
                    "alias-invalid",
                    alias = alias.get_ref().as_str(),
                    why = why
                ))
                .in_file(rel)
                .at(text, alias.span())
                .with_hint(msg!("alias-invalid-hint")),
            ),
        }
    }
    if errors.is_empty() {
        Ok(aliases)
    } else {
        Err(crate::diag::Diagnostics(errors))
    }
}

/// An alias as a URL path below the base path: `/tech/old/` → `tech/old/`, `/old` →
/// `old/`, `/old.html` → `old.html`; an error says why it cannot be one of the site's
/// own paths.
pub fn alias_path(raw: &str) -> std::result::Result<String, String> {
    if raw.contains("://") || raw.starts_with("//") {
        return Err(msg!("alias-leaves-site"));
    }
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(msg!("alias-no-slash"));
    };
    if raw.contains(['?', '#', '\\']) || raw.chars().any(char::is_control) {
        return Err(msg!("alias-bad-characters"));
    }
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(msg!("alias-home"));
    }
    for seg in &segments {
        if *seg == "." || *seg == ".." {
            return Err(msg!("alias-escapes"));
        }
        fsutil::check_segment_chars(seg)?;
        if seg.starts_with('.') {
            return Err(msg!("alias-hidden"));
        }
    }
    let path = segments.join("/");
    if rest.ends_with('/') || !segments[segments.len() - 1].ends_with(".html") {
        Ok(format!("{path}/"))
    } else {
        Ok(path)
    }
}

fn checked_slug(slug: &toml::Spanned<String>, text: &Arc<str>, rel: &Path) -> Result<String> {
    let raw = slug.get_ref();
    let why = fsutil::check_segment_chars(raw)
        .err()
        .or_else(|| (!is_url_segment(raw)).then(|| msg!("slug-not-segment", slug = raw.as_str())));
    match why {
        None => Ok(raw.to_ascii_lowercase()),
        Some(why) => {
            let d = Diagnostic::error(msg!("slug-invalid", why = why))
                .in_file(rel)
                .at(text, slug.span());
            Err(d.with_hint(msg!("slug-invalid-hint")).into())
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

#[cfg(test)]
mod tests {
    use std::path::{Component, Path, PathBuf};
    use std::sync::{Arc, OnceLock};

    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use super::is_url_segment;
    use crate::config::Config;
    use crate::content::parse_document;

    fn config() -> &'static Config {
        static CONFIG: OnceLock<Config> = OnceLock::new();
        CONFIG.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            crate::config::for_tests(dir.path())
        })
    }

    /// Pieces of names, weighted towards the spellings that smuggle a path out.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "..", ".", "/", "\\", "%2e", "%2E%2e", "%2f", "%5c", "C:", "c:\\", "\0", "_index",
                ".en", "en", "~", " ", "é", "e\u{301}", "科技", "Tech",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z0-9_.%:/\\\\-]{1,8}",
            "\\PC{1,4}",
        ]
    }

    /// Names: half plausible (so many pages are accepted), half hostile.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9_-]{1,10}",
            prop::collection::vec(piece(), 1..4).prop_map(|v| v.concat()),
        ]
    }

    /// The page that `content/<dirs>/<file>[.en].md` with front matter `slug` becomes.
    fn output_of(dirs: &[String], file: &str, en: bool, slug: Option<&str>) -> Option<PathBuf> {
        let mut rel = PathBuf::from("content");
        rel.extend(dirs);
        rel.push(format!("{file}{}", if en { ".en.md" } else { ".md" }));
        let mut text = String::from("+++\ntitle = \"t\"\n");
        if let Some(slug) = slug {
            text.push_str(&format!("slug = {}\n", toml::Value::from(slug)));
        }
        text.push_str("+++\n");
        let doc = parse_document(config(), &rel, Arc::from(text), false).ok()??;
        Some(doc.output_file())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn no_file_name_or_slug_leads_out_of_the_output(
            dirs in prop::collection::vec(name(), 0..4),
            file in name(),
            en in any::<bool>(),
            slug in prop::option::of(name()),
        ) {
            if let Some(out) = output_of(&dirs, &file, en, slug.as_deref()) {
                prop_assert!(out.components().all(|c| matches!(c, Component::Normal(_))), "{out:?}");
                prop_assert_eq!(out.file_name(), Some("index.html".as_ref()));
                let folders = out.parent().map(Path::to_path_buf).unwrap_or_default();
                for c in folders.components() {
                    let seg = c.as_os_str().to_string_lossy();
                    prop_assert!(is_url_segment(&seg), "{out:?}: segment {seg:?}");
                    prop_assert!(seg.bytes().all(|b| !b.is_ascii_uppercase()), "{out:?}");
                }
            }
        }

        #[test]
        fn nfd_and_nfc_names_give_the_same_url(dirs in prop::collection::vec(name(), 0..3), file in name()) {
            let nfc: Vec<String> = dirs.iter().map(|d| d.nfc().collect()).collect();
            let nfd: Vec<String> = dirs.iter().map(|d| d.nfd().collect()).collect();
            let (file_nfc, file_nfd): (String, String) = (file.nfc().collect(), file.nfd().collect());
            prop_assert_eq!(
                output_of(&nfc, &file_nfc, false, None),
                output_of(&nfd, &file_nfd, false, None)
            );
        }
    }

    #[test]
    fn the_generators_reach_accepted_pages() {
        let dirs = vec!["Tech".to_owned()];
        assert_eq!(
            output_of(&dirs, "Case", true, None),
            Some(PathBuf::from("en/tech/case/index.html"))
        );
        assert_eq!(output_of(&dirs, "case", false, Some("../evil")), None);
        assert_eq!(output_of(&dirs, "case", false, Some("%2e%2e")), None);
        assert_eq!(output_of(&[], "c:", false, None), None);
    }
}
