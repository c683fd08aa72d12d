//! Content: walks `content/`, reads each Markdown file, parses its front matter and
//! places it in the site: which language, which section, which URL, which output file.
//!
//! `content/_index.md` is the home page, `content/<s>/_index.md` a section and
//! `content/<s>/<slug>.md` a page; `<name>.<lang>.md` is the twin of `<name>.md` in
//! another language. The result is a [`Content`]: documents in a stable order plus the
//! non-Markdown files that are published as they are.

pub mod front_matter;
mod path;

pub use path::alias_path;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, LangCode};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::msg;
pub use front_matter::FrontMatter;

/// Home, section or page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/_index.md`.
    Home,
    /// `content/<s>/_index.md`.
    Section,
    /// `content/<s>/<slug>.md`.
    Page,
}

/// One Markdown file, placed in the site.
#[derive(Debug, Clone)]
pub struct Document {
    /// Language-less key shared by twins: `tech/_index.md`, `tech/tongda.md`.
    pub key: String,
    /// Language code.
    pub lang: LangCode,
    /// Path shown in messages: `content/tech/_index.en.md`.
    pub path: PathBuf,
    /// The file's text (LF endings, no BOM).
    pub text: Arc<str>,
    /// Byte range of the Markdown body in `text`.
    pub body: Range<usize>,
    /// Parsed front matter.
    pub meta: FrontMatter,
    /// Home, section or page.
    pub kind: Kind,
    /// Key of the section this document belongs to (`_index.md` for top-level sections).
    pub parent: Option<String>,
    /// URL path below the base path, with a trailing slash: `en/tech/` (empty for home).
    pub url_path: String,
    /// Its `aliases`, as URL paths below the base path (`tech/old-name/`).
    pub aliases: Vec<String>,
    /// Made by conversion from its twin in the language its edition is converted from
    /// (`path` is then that twin's file): its page is converted as it is written.
    pub converted: bool,
}

impl Document {
    /// Output file below the output folder: `en/tech/index.html`.
    pub fn output_file(&self) -> PathBuf {
        PathBuf::from(&self.url_path).join("index.html")
    }
}

/// A non-Markdown file inside `content/`, published at the same relative path.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute source path.
    pub source: PathBuf,
    /// Path below the output folder.
    pub output: PathBuf,
}

/// A document's place in [`Content::docs`]: what every per-document table ([`PerDoc`])
/// is indexed by, so that a document's rendered Markdown and what it read are looked
/// up by an id the compiler tells apart from any other number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(usize);

impl DocId {
    /// The id of `docs[i]`.
    pub fn new(i: usize) -> DocId {
        DocId(i)
    }

    /// Its position in `docs` (and in every [`PerDoc`] of the same content).
    pub fn index(self) -> usize {
        self.0
    }
}

/// One value per document of a [`Content`], indexed by [`DocId`].
#[derive(Debug, Clone)]
pub struct PerDoc<T>(Vec<T>);

impl<T> Default for PerDoc<T> {
    fn default() -> Self {
        PerDoc(Vec::new())
    }
}

impl<T> PerDoc<T> {
    /// The values in `docs` order.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// Appends the value of the next document.
    pub fn push(&mut self, value: T) {
        self.0.push(value);
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<T> for PerDoc<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PerDoc(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for PerDoc<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T> std::ops::Index<DocId> for PerDoc<T> {
    type Output = T;
    fn index(&self, id: DocId) -> &T {
        &self.0[id.0]
    }
}

impl<T> std::ops::IndexMut<DocId> for PerDoc<T> {
    fn index_mut(&mut self, id: DocId) -> &mut T {
        &mut self.0[id.0]
    }
}

impl std::ops::Index<DocId> for Content {
    type Output = Document;
    fn index(&self, id: DocId) -> &Document {
        &self.docs[id.0]
    }
}

impl std::ops::IndexMut<DocId> for Content {
    fn index_mut(&mut self, id: DocId) -> &mut Document {
        &mut self.docs[id.0]
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Documents sorted by key then language order.
    pub docs: Vec<Document>,
    /// Files published as they are.
    pub assets: Vec<Asset>,
    /// (key, lang) → the document's id.
    pub index: HashMap<(String, LangCode), DocId>,
    /// Problems that do not stop the build (e.g. a page without its twin).
    pub warnings: Vec<Diagnostic>,
}

impl Content {
    /// The id of the document with this key in this language.
    pub fn id(&self, key: &str, lang: &LangCode) -> Option<DocId> {
        self.index.get(&(key.to_owned(), lang.clone())).copied()
    }

    /// The document with this key in this language.
    pub fn get(&self, key: &str, lang: &str) -> Option<&Document> {
        self.id(key, &LangCode::new(lang)).map(|id| &self[id])
    }

    /// The id of every document, in `docs` order.
    pub fn ids(&self) -> impl Iterator<Item = DocId> + use<> {
        (0..self.docs.len()).map(DocId)
    }

    /// True if some language has a document with this key.
    pub fn has_key(&self, key: &str) -> bool {
        self.docs.iter().any(|d| d.key == key)
    }
}

/// The file a path written in a Markdown file of `content/` names, relative to the
/// project: relative to the file (`photo.jpg`, `../img/a.png`) or, starting with `/`,
/// below `content/`. `None` when it leaves `content/`.
pub fn resolve_from(from: &Path, written: &str) -> Option<PathBuf> {
    use std::path::Component;
    let joined = match written.strip_prefix('/') {
        Some(abs) => Path::new("content").join(abs),
        None => from.parent()?.join(written),
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::ParentDir if out.pop() => {}
            _ => return None,
        }
    }
    out.starts_with("content").then_some(out)
}

/// Reads `content/`. `drafts` keeps pages marked `draft = true`.
pub fn load(config: &Config, drafts: bool) -> Result<Content> {
    let root = &config.root;
    let files = fsutil::walk_files(root, Path::new("content"))?;
    let (markdown, other): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .filter(|p| Some(p.as_path()) != config.stats.as_deref())
        .filter(|p| {
            !config
                .languages
                .iter()
                .any(|l| l.converted.as_ref().is_some_and(|c| c.overrides == *p))
        })
        .partition(|p| p.extension().is_some_and(|e| e == "md"));
    let results: Vec<Result<Option<Document>>> = markdown
        .par_iter()
        .map(|rel| read_document(config, rel, drafts))
        .collect();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Some(doc)) => docs.push(doc),
            Ok(None) => {}
            Err(e) => errors.extend(e.0),
        }
    }
    let assets = other
        .into_iter()
        .map(|rel| Asset {
            source: root.join(&rel),
            output: rel.strip_prefix("content").unwrap_or(&rel).to_path_buf(),
        })
        .collect();
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    assemble(config, docs, assets)
}

/// Reads one Markdown file of `content/` (`rel` is relative to the project) and places it;
/// `None` for a draft when `drafts` is off. `serve` re-reads a single edited file with it.
pub fn read_document(config: &Config, rel: &Path, drafts: bool) -> Result<Option<Document>> {
    let path = config.root.join(rel);
    let size = std::fs::metadata(&path)
        .map_err(|e| fsutil::io_error(e, rel, crate::fsutil::Action::Read))?
        .len();
    if size > MAX_PAGE_BYTES {
        let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
        let d = Diagnostic::error(msg!(
            "page-too-large",
            path = rel.display().to_string(),
            size = format!("{:.1}", mib(size)),
            limit = format!("{:.0}", mib(MAX_PAGE_BYTES))
        ));
        return Err(d.in_file(rel).with_hint(msg!("page-too-large-hint")).into());
    }
    let text = fsutil::read_text(&path, rel)?;
    parse_document(config, rel, text, drafts)
}

/// The largest Markdown file a build reads: far above any real page, low enough that
/// rendering, indexing and compressing one stays quick and bounded.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Places one Markdown file in the site from its path below the project (`rel`, starting
/// with `content/`) and its text: front matter, language, kind and URL. `Ok(None)` for a
/// draft when `drafts` is false. Nothing is read from disk, so tests and the fuzzer can
/// feed any name and text; whatever they feed, a document's [`Document::output_file`]
/// is a plain relative path.
pub fn parse_document(
    config: &Config,
    rel: &Path,
    text: Arc<str>,
    drafts: bool,
) -> Result<Option<Document>> {
    let placed = path::place(config, rel)?;
    let split = front_matter::parse(&text, rel)?;
    if split.meta.draft && !drafts {
        return Ok(None);
    }
    let url_path = path::url_path(config, &placed, &split.meta, &text, rel)?;
    let aliases = path::moved_and_paged(&placed, &split.meta, &text, rel)?;
    Ok(Some(Document {
        aliases,
        key: placed.key,
        lang: placed.lang,
        path: rel.to_path_buf(),
        text,
        body: split.body,
        meta: split.meta,
        kind: placed.kind,
        parent: placed.parent,
        url_path,
        converted: false,
    }))
}

/// The documents of the converted editions (`zh-hant` from `zh`): one per document of
/// the source language that has no twin written by hand in the edition. Its page is the
/// source's, placed in the edition (URL, aliases) and converted when written.
fn converted_docs(config: &Config, docs: &[Document]) -> Result<Vec<Document>> {
    let mut out = Vec::new();
    for lang in &config.languages {
        let Some(conv) = &lang.converted else {
            continue;
        };
        let written: std::collections::HashSet<&str> = docs
            .iter()
            .filter(|d| d.lang == lang.code)
            .map(|d| d.key.as_str())
            .collect();
        for doc in docs
            .iter()
            .filter(|d| d.lang == conv.from && !written.contains(d.key.as_str()))
        {
            let mut placed = path::place(config, &doc.path)?;
            placed.lang = lang.code.clone();
            let url_path = path::url_path(config, &placed, &doc.meta, &doc.text, &doc.path)?;
            let aliases = doc
                .aliases
                .iter()
                .map(|a| format!("{}{a}", lang.prefix))
                .collect();
            out.push(Document {
                lang: lang.code.clone(),
                url_path,
                aliases,
                converted: true,
                ..doc.clone()
            });
        }
    }
    Ok(out)
}

/// Orders documents, indexes them and checks the site's shape: unique URLs, a home page,
/// a section for every page, twins in every language. `serve` re-assembles the documents
/// it already holds when a file is added, removed or moved.
pub fn assemble(config: &Config, mut docs: Vec<Document>, assets: Vec<Asset>) -> Result<Content> {
    docs.retain(|d| !d.converted);
    let converted = converted_docs(config, &docs)?;
    docs.extend(converted);
    let lang_pos = |code: &str| {
        config
            .languages
            .iter()
            .position(|l| l.code == code)
            .unwrap_or(usize::MAX)
    };
    docs.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(lang_pos(&a.lang).cmp(&lang_pos(&b.lang)))
    });
    let mut errors = duplicate_urls(&docs, &assets);
    let index: HashMap<(String, LangCode), DocId> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.key.clone(), d.lang.clone()), DocId(i)))
        .collect();
    for d in &docs {
        if let Some(parent) = &d.parent
            && !index.contains_key(&(parent.clone(), d.lang.clone()))
        {
            let folder = parent.trim_end_matches("_index.md");
            errors.push(
                Diagnostic::error(msg!(
                    "page-without-section",
                    path = d.path.display().to_string()
                ))
                .in_file(&d.path)
                .with_hint(msg!(
                    "page-without-section-hint",
                    folder = folder,
                    index = index_name(config, &d.lang)
                )),
            );
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let warnings = missing_twins(config, &docs, &index);
    Ok(Content {
        docs,
        assets,
        index,
        warnings,
    })
}

fn index_name(config: &Config, lang: &str) -> String {
    if lang == config.default_language().code {
        "_index.md".to_owned()
    } else {
        format!("_index.{lang}.md")
    }
}

/// Two sources that would write the same output file are reported before anything is written.
fn duplicate_urls(docs: &[Document], assets: &[Asset]) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &std::path::Path> = HashMap::new();
    let mut errors = Vec::new();
    let outputs = docs
        .iter()
        .map(|d| (d.output_file(), d.path.as_path()))
        .chain(
            assets
                .iter()
                .map(|a| (a.output.clone(), a.source.as_path())),
        );
    for (out, src) in outputs {
        let key = out.to_string_lossy().to_lowercase();
        if let Some(first) = seen.insert(key, src) {
            errors.push(
                Diagnostic::error(msg!(
                    "duplicate-url",
                    first = first.display().to_string(),
                    second = src.display().to_string(),
                    url = out.display().to_string()
                ))
                .in_file(src)
                .with_hint(msg!("duplicate-url-hint")),
            );
        }
    }
    errors
}

fn missing_twins(
    config: &Config,
    docs: &[Document],
    index: &HashMap<(String, LangCode), DocId>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for d in docs {
        for lang in &config.languages {
            if !index.contains_key(&(d.key.clone(), lang.code.clone())) {
                warnings.push(
                    Diagnostic::warning(msg!(
                        "missing-twin",
                        path = d.path.display().to_string(),
                        lang = lang.code.as_str()
                    ))
                    .in_file(&d.path)
                    .with_hint(msg!(
                        "missing-twin-hint",
                        twin = path::twin_name(config, &d.key, &lang.code),
                        lang = lang.code.as_str()
                    )),
                );
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_written_in_a_page_resolve_inside_content_only() {
        let page = Path::new("content/tech/case.md");
        let at = |w: &str| resolve_from(page, w).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(at("photo.jpg").as_deref(), Some("content/tech/photo.jpg"));
        assert_eq!(at("./a/../b.png").as_deref(), Some("content/tech/b.png"));
        assert_eq!(at("../img/x.jpg").as_deref(), Some("content/img/x.jpg"));
        assert_eq!(
            at("/finance/y.jpg").as_deref(),
            Some("content/finance/y.jpg")
        );
        assert_eq!(at("../../secret.jpg"), None, "leaves content/");
        assert_eq!(at("/../x.jpg"), None);
    }
}
