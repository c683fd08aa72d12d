//! `config.toml`: the site's settings, parsed into typed values and validated once.
//!
//! Two phases: [`RawConfig`] is what serde reads (unknown keys are errors with a
//! did-you-mean); [`Config`] is what the rest of the pipeline uses, with the base URL
//! split into origin and path, the languages in order (default first) and the output
//! folder resolved against the project root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{self, Diagnostic, Result};
use crate::fsutil;
use crate::markdown;
use crate::msg;

mod languages;

use languages::{check_strings, convert_languages, languages};

/// `config.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: toml::Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    default_language: String,
    #[serde(default)]
    output_dir: Option<toml::Spanned<String>>,
    #[serde(default)]
    stats: Option<toml::Spanned<String>>,
    #[serde(default)]
    markdown: markdown::Options,
    #[serde(default)]
    translations: BTreeMap<String, String>,
    #[serde(default)]
    languages: BTreeMap<String, toml::Spanned<RawLanguage>>,
    // publish (issue 7): feeds and search
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    images: RawImages,
    #[serde(default)]
    print: RawPrint,
}

/// `[print]`: the printable profile, one page per language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawPrint {
    enabled: bool,
    pages_per_section: usize,
}

impl Default for RawPrint {
    fn default() -> Self {
        RawPrint {
            enabled: true,
            pages_per_section: 30,
        }
    }
}

/// `[images]`: photos published untouched.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawImages {
    originals: Vec<String>,
}

/// `[feeds]`: which section's pages make the Atom feeds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawFeeds {
    section: Option<toml::Spanned<String>>,
    limit: usize,
}

impl Default for RawFeeds {
    fn default() -> Self {
        RawFeeds {
            section: None,
            limit: 20,
        }
    }
}

/// `[search]`: whether the site gets a search index and search pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawSearch {
    enabled: bool,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch { enabled: true }
    }
}

/// The Atom feeds: one per language, of one section's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feeds {
    /// The section folder below `content/` (`news`); empty for no feeds.
    pub section: String,
    /// Where `section` was set in `config.toml`, if it was: a missing section is then an error.
    pub section_span: Option<std::ops::Range<usize>>,
    /// Entries per feed, newest first.
    pub limit: usize,
}

fn default_language() -> String {
    "zh".to_owned()
}

/// `[languages.<code>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    html_lang: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, String>,
    /// Made from another language's pages by conversion (`"zh"`).
    #[serde(default)]
    convert_from: Option<toml::Spanned<String>>,
    /// The conversion's variant (`"tw"`, `"hk"`).
    #[serde(default)]
    variant: Option<toml::Spanned<String>>,
    /// Whose formatting rules its figures follow (`"zh"`, `"en"`).
    #[serde(default)]
    figures: Option<toml::Spanned<String>>,
}

/// A site language's short code (`zh`, `en`): the key of a language everywhere a
/// document, an output or a lookup is per language. A type of its own, so that a content
/// key, a URL or an `html_lang` tag (`zh-CN`) cannot be passed where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(transparent)]
pub struct LangCode(String);

impl LangCode {
    /// The code as written in `config.toml`.
    pub fn new(code: &str) -> LangCode {
        LangCode(code.to_owned())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for LangCode {
    fn from(code: &str) -> LangCode {
        LangCode::new(code)
    }
}

impl std::ops::Deref for LangCode {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for LangCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0) // honours width and alignment, as `str` does
    }
}

impl PartialEq<str> for LangCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for LangCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<LangCode> for str {
    fn eq(&self, other: &LangCode) -> bool {
        self == other.0
    }
}

impl PartialEq<LangCode> for &str {
    fn eq(&self, other: &LangCode) -> bool {
        *self == other.0
    }
}

impl std::borrow::Borrow<str> for LangCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// Short code used in file names and URLs: `zh`, `en`.
    pub code: LangCode,
    /// BCP 47 tag for `<html lang>` and `hreflang`: `zh-CN`, `en`.
    pub html_lang: String,
    /// The language's own name, for the switcher: `中文`, `English`.
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// UI strings for templates' `t(key=…)`.
    pub strings: BTreeMap<String, String>,
    /// URL prefix below the base path: empty for the default language, `en/` otherwise.
    pub prefix: String,
    /// For an edition converted from another language (`zh-hant` from `zh`): that
    /// language and the converter.
    pub converted: Option<Converted>,
    /// `figures = "en"`: the formatting rules its figures follow, when not its code's.
    pub figures: Option<crate::stats::Lang>,
}

/// How a converted edition is made.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The language its pages are made from.
    pub from: LangCode,
    /// The converter, with the edition's overrides.
    pub converter: crate::convert::Converter,
    /// The overrides file (`content/zh-hant.toml`), relative to the project.
    pub overrides: PathBuf,
}

/// The site's base URL, split so links can be made root-relative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org` (no trailing slash).
    pub origin: String,
    /// `/` or `/renze/` (always starts and ends with `/`).
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host[:port][/path/]`; the path gets its trailing slash.
    pub fn parse(raw: &str) -> std::result::Result<Self, String> {
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| msg!("config-base-url-scheme"))?;
        let scheme_len = raw.len() - rest.len();
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '@') {
            return Err(msg!("config-base-url-host"));
        }
        if path.contains(['?', '#', '\\']) || path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Err(msg!("config-base-url-path"));
        }
        let path = path.trim_matches('/');
        let path = if path.is_empty() {
            "/".to_owned()
        } else {
            format!("/{path}/")
        };
        Ok(BaseUrl {
            origin: raw[..scheme_len + host.len()].to_owned(),
            path,
        })
    }

    /// The full base URL with its trailing slash.
    pub fn full(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The project folder (where `config.toml` is).
    pub root: PathBuf,
    /// The site's base URL.
    pub base_url: BaseUrl,
    /// Languages, the default first.
    pub languages: Vec<Language>,
    /// Where the site is written, absolute.
    pub output_dir: PathBuf,
    /// Where `output_dir` was set (for located errors), if it came from the file.
    pub output_dir_span: Option<std::ops::Range<usize>>,
    /// The statistics file, relative to `root`, if the site has one.
    pub stats: Option<PathBuf>,
    /// Markdown extensions.
    pub markdown: markdown::Options,
    /// `[feeds]`.
    pub feeds: Feeds,
    /// `[search] enabled`: build the search index and the search pages.
    pub search: bool,
    /// `[images] originals`: photos (files or folders, relative to the project, such as
    /// `content/press/`) published untouched instead of processed.
    pub original_images: Vec<PathBuf>,
    /// `[print]`: how many pages of each section the printable profile holds at most
    /// (the newest first, as the section lists them); `None` when it is off.
    pub print: Option<usize>,
    /// The text of `config.toml`, for located errors.
    pub source: Arc<str>,
    /// `build --portable`: internal links, assets and feeds relative; search replaced by
    /// the list of sections (see [`crate::output::portable`]).
    pub portable: bool,
}

/// The config file's name inside the project.
pub const FILE: &str = "config.toml";

/// Overrides from the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--output-dir`, relative to the current directory.
    pub output_dir: Option<PathBuf>,
    /// `--portable`: a copy that opens from a folder (`file://`) or under any path.
    pub portable: bool,
}

impl Config {
    /// True when the photo at `rel` (relative to the project) is published untouched.
    pub fn keeps_original(&self, rel: &Path) -> bool {
        self.original_images.iter().any(|p| rel.starts_with(p))
    }

    /// The `lang` tags for text in another language on a page in `lang`: Chinese runs
    /// on a page of another language get the site's Chinese language tag, English
    /// phrases on a Chinese page the site's English tag (when the site has that language).
    pub fn foreign_text(&self, lang: &str) -> crate::markdown::ForeignText<'_> {
        let tag = |prefix: &str| {
            let l = self
                .languages
                .iter()
                .find(|l| l.html_lang.starts_with(prefix));
            l.map(|l| l.html_lang.as_str())
        };
        let page = self.language(lang).map_or("", |l| l.html_lang.as_str());
        let chinese = page.starts_with("zh");
        crate::markdown::ForeignText {
            han: if chinese { None } else { tag("zh") },
            latin: if chinese { tag("en") } else { None },
        }
    }

    /// Reads and validates `<root>/config.toml`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = root.join(FILE);
        let source = fsutil::read_text(&path, Path::new(FILE))?;
        let raw: RawConfig = toml::from_str(&source)
            .map_err(|e| diag::from_toml(&e, Path::new(FILE), &source, 0))?;
        Self::validate(raw, root, source, overrides)
    }

    /// The default language.
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// The language with this code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// `/renze/` + `path` (without a leading slash): a root-relative URL.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.path, path.trim_start_matches('/'))
    }

    /// `https://host/renze/` + `path`: an absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url.origin, self.url(path))
    }

    fn validate(raw: RawConfig, root: &Path, source: Arc<str>, ov: &Overrides) -> Result<Config> {
        let err = |msg: String, span: std::ops::Range<usize>| {
            Diagnostic::error(msg).in_file(FILE).at(&source, span)
        };
        let base_raw = ov.base_url.as_deref().unwrap_or(raw.base_url.get_ref());
        let base_url = BaseUrl::parse(base_raw).map_err(|m| {
            let d = err(m, raw.base_url.span());
            d.with_hint(msg!("config-base-url-hint"))
        })?;
        let root = fsutil::absolute(root);
        let mut languages = languages(&raw, &source)?;
        convert_languages(&raw, &source, &root, &mut languages)?;
        check_strings(&languages, &source)?;
        let (output_dir, output_dir_span) = match (&ov.output_dir, &raw.output_dir) {
            (Some(dir), _) => (fsutil::absolute(dir), None),
            (None, Some(dir)) => (
                fsutil::normalize(&root.join(dir.get_ref())),
                Some(dir.span()),
            ),
            (None, None) => (root.join("public"), None),
        };
        let stats = match &raw.stats {
            Some(s) => Some(fsutil::relative_in_project(s.get_ref()).map_err(|m| {
                err(msg!("config-stats-path", problem = m), s.span())
                    .with_hint(msg!("config-stats-path-hint"))
            })?),
            None => Some(PathBuf::from("content/stats.toml")).filter(|p| root.join(p).is_file()),
        };
        let markdown = raw.markdown.clone();
        let feeds = Feeds {
            section: raw.feeds.section.as_ref().map_or("news".to_owned(), |s| {
                s.get_ref().trim_matches('/').to_owned()
            }),
            section_span: raw.feeds.section.as_ref().map(toml::Spanned::span),
            limit: raw.feeds.limit,
        };
        Ok(Config {
            root,
            base_url,
            languages,
            output_dir,
            output_dir_span,
            stats,
            markdown,
            feeds,
            search: raw.search.enabled,
            original_images: raw.images.originals.iter().map(PathBuf::from).collect(),
            print: raw.print.enabled.then_some(raw.print.pages_per_section),
            portable: ov.portable,
            source,
        })
    }
}

/// A two-language (zh, en) configuration in `root`, for unit and property tests.
#[cfg(test)]
pub(crate) fn for_tests(root: &Path) -> Config {
    let text = "base_url = \"https://example.org/\"\ntitle = \"t\"\n[languages.en]\n";
    std::fs::write(root.join(FILE), text).unwrap();
    Config::load(root, &Overrides::default()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_sub_path() {
        let cases = [
            ("https://example.org", "https://example.org", "/"),
            ("https://example.org/", "https://example.org", "/"),
            (
                "https://example.org/renze",
                "https://example.org",
                "/renze/",
            ),
            (
                "http://127.0.0.1:8000/a/b/",
                "http://127.0.0.1:8000",
                "/a/b/",
            ),
        ];
        for (raw, origin, path) in cases {
            let b = BaseUrl::parse(raw).unwrap();
            assert_eq!(
                (b.origin.as_str(), b.path.as_str()),
                (origin, path),
                "{raw}"
            );
        }
    }

    #[test]
    fn base_url_refuses_nonsense() {
        for raw in ["example.org", "https:///x", "https://h/../x", "ftp://h/"] {
            assert!(BaseUrl::parse(raw).is_err(), "{raw}");
        }
    }
}
