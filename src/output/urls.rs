//! The site's URLs: every file a build publishes, by kind and source, so that pages of a
//! paginated section, redirects for moved pages and the URL manifest all come from one
//! plan.
//!
//! - A section with `paginate_by = N` is published at its own URL (the first N pages) and
//!   at `page/2/`, `page/3/`… below it; `page/1/` redirects to the section.
//! - Each of a document's `aliases` is a small redirect page at the old URL.
//! - Every build writes [`MANIFEST`] beside the ownership marker: the URLs it published.
//!   The next build reads the previous one and warns about a URL that was published
//!   before and now has neither a page nor an alias ([`lost`]).

use crate::msg;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::{Config, LangCode};
use crate::content::{Content, Document, Kind as DocKind};
use crate::diag::Diagnostic;

use super::layout;

/// The URL manifest, below the output folder.
pub const MANIFEST: &str = ".profilegen-urls";

/// What kind of file a planned URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A page or section of `content/`.
    Page,
    /// Page 2, 3… of a paginated section's listing.
    Pager,
    /// A redirect page: an alias, or `page/1/` of a paginated section.
    Redirect,
    /// A page the build makes in each language (404, search).
    Generated,
    /// A data download, a file of `static/` or `content/`.
    File,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Pager => "pager",
            Kind::Redirect => "redirect",
            Kind::Generated => "generated",
            Kind::File => "file",
        }
    }

    fn from_key(key: &str) -> Option<Kind> {
        [
            Kind::Page,
            Kind::Pager,
            Kind::Redirect,
            Kind::Generated,
            Kind::File,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// One file the build publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Its file below the output folder: `tech/page/2/index.html`.
    pub file: PathBuf,
    /// What it is.
    pub kind: Kind,
    /// The file that makes it, relative to the project: `content/tech/_index.md`,
    /// `templates/404.html`, `static/css/site.css`.
    pub source: PathBuf,
    /// For a redirect: the URL path it points to (`tech/new-name/`) and its language.
    pub redirect: Option<(String, LangCode)>,
}

impl Planned {
    /// Its URL path below the base path: `tech/page/2/` (a folder's `index.html` is
    /// published as the folder).
    pub fn url_path(&self) -> String {
        url_of_file(&self.file)
    }
}

/// `tech/x/index.html` → `tech/x/`, `404.html` → `404.html`.
pub fn url_of_file(file: &Path) -> String {
    let url = layout::url_of(file);
    match url.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir.to_owned(),
        _ => url,
    }
}

/// The file a URL path is published as: `tech/x/` → `tech/x/index.html`.
pub fn file_of_url(url: &str) -> PathBuf {
    if url.is_empty() || url.ends_with('/') {
        PathBuf::from(url).join("index.html")
    } else {
        PathBuf::from(url)
    }
}

/// How many pages a document's listing has: 1, or for a section with `paginate_by = N`
/// listing `n` pages, ⌈n / N⌉ (at least 1).
pub fn pager_count(doc: &Document, listed: usize) -> usize {
    match doc.meta.paginate_by.as_ref().map(|n| *n.get_ref()) {
        Some(per) if per >= 1 && doc.kind != DocKind::Page => listed
            .div_ceil(usize::try_from(per).unwrap_or(usize::MAX))
            .max(1),
        _ => 1,
    }
}

/// The URL path of listing page `k` (1-based) of `doc`: its own URL for 1, else
/// `<its URL>page/k/`.
pub fn pager_path(doc: &Document, k: usize) -> String {
    if k <= 1 {
        doc.url_path.clone()
    } else {
        format!("{}page/{k}/", doc.url_path)
    }
}

/// How many pages each section lists, by (section key, language).
pub fn listed_counts(content: &Content) -> HashMap<(&str, &str), usize> {
    let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
    for d in content.docs.iter().filter(|d| d.kind == DocKind::Page) {
        if let Some(parent) = &d.parent {
            *counts
                .entry((parent.as_str(), d.lang.as_str()))
                .or_default() += 1;
        }
    }
    counts
}

/// The pages of a document beyond its first, and its redirects: `page/2/`…, `page/1/`
/// (when paginated), then its aliases.
pub fn doc_extras(doc: &Document, listed: usize) -> Vec<Planned> {
    let mut out = Vec::new();
    let pagers = pager_count(doc, listed);
    for k in 2..=pagers {
        out.push(Planned {
            file: file_of_url(&pager_path(doc, k)),
            kind: Kind::Pager,
            source: doc.path.clone(),
            redirect: None,
        });
    }
    if doc.meta.paginate_by.is_some() && doc.kind != DocKind::Page {
        out.push(Planned {
            file: file_of_url(&format!("{}page/1/", doc.url_path)),
            kind: Kind::Redirect,
            source: doc.path.clone(),
            redirect: Some((doc.url_path.clone(), doc.lang.clone())),
        });
    }
    for alias in &doc.aliases {
        out.push(Planned {
            file: file_of_url(alias),
            kind: Kind::Redirect,
            source: doc.path.clone(),
            redirect: Some((doc.url_path.clone(), doc.lang.clone())),
        });
    }
    out
}

/// Every file a build of this site publishes besides the publish stages' own (sitemap,
/// feeds, search index, compressed copies): pages and their extras, generated pages,
/// files of `content/` and `static/`, data downloads. Two entries may share a file only
/// in a site [`super::check_plan`] refuses.
pub fn plan(
    config: &Config,
    content: &Content,
    static_files: &[PathBuf],
    with_stats: bool,
) -> Vec<Planned> {
    let counts = listed_counts(content);
    let mut out = Vec::new();
    for doc in &content.docs {
        out.push(Planned {
            file: doc.output_file(),
            kind: Kind::Page,
            source: doc.path.clone(),
            redirect: None,
        });
        let listed = counts
            .get(&(doc.key.as_str(), doc.lang.as_str()))
            .copied()
            .unwrap_or(0);
        out.extend(doc_extras(doc, listed));
    }
    for (kind, lang) in crate::render::generated_pages(config) {
        out.push(Planned {
            file: kind.file(lang),
            kind: Kind::Generated,
            source: Path::new("templates").join(kind.template()),
            redirect: None,
        });
    }
    if config.print.is_some() {
        for lang in &config.languages {
            out.push(Planned {
                file: Path::new(&layout::print_path(lang)).join("index.html"),
                kind: Kind::Generated,
                source: Path::new("templates").join(crate::render::PRINT_TEMPLATE),
                redirect: None,
            });
        }
    }
    for a in content
        .assets
        .iter()
        .filter(|a| !super::processed_photo(config, a))
    {
        let shown = a.source.strip_prefix(&config.root).unwrap_or(&a.source);
        out.push(file(a.output.clone(), shown.to_path_buf()));
    }
    for rel in static_files {
        out.push(file(layout::static_output(rel), rel.clone()));
    }
    if with_stats {
        for d in layout::DATA_DOWNLOADS {
            out.push(file(
                PathBuf::from(d),
                config.stats.clone().unwrap_or_default(),
            ));
        }
    }
    if out.iter().any(|p| p.kind == Kind::Redirect) {
        out.push(file(
            PathBuf::from(super::redirects::NETLIFY),
            PathBuf::from("content"),
        ));
    }
    out
}

/// What the URL manifest records: the [`plan`], the sitemap and each language's feed.
pub fn published(config: &Config, content: &Content, plan: Vec<Planned>) -> Vec<Planned> {
    let mut out = plan;
    let generated = |path: String| Planned {
        file: PathBuf::from(path),
        kind: Kind::Generated,
        source: PathBuf::from(crate::config::FILE),
        redirect: None,
    };
    out.push(generated(layout::SITEMAP.to_owned()));
    if let Ok(Some(_)) = super::feed::section_key(config, content) {
        out.extend(
            config
                .languages
                .iter()
                .map(|l| generated(layout::feed_path(l))),
        );
    }
    out
}

fn file(path: PathBuf, source: PathBuf) -> Planned {
    Planned {
        file: path,
        kind: Kind::File,
        source,
        redirect: None,
    }
}

/// The manifest's text: a header line, then one `url TAB kind TAB source` line per URL,
/// sorted.
pub fn manifest(plan: &[Planned]) -> String {
    let mut lines: Vec<String> = plan
        .iter()
        .map(|p| {
            format!(
                "{}\t{}\t{}",
                p.url_path(),
                p.kind.key(),
                layout::url_of(&p.source)
            )
        })
        .collect();
    lines.sort();
    lines.dedup();
    let mut text =
        String::from("# profilegen: the URLs this output publishes (url, kind, source)\n");
    for l in lines {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

/// One line of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The URL path below the base path.
    pub url: String,
    /// What it was.
    pub kind: Kind,
    /// The file that made it.
    pub source: String,
}

/// The manifest of the output folder `dir`, if it has one (a first build, or an output
/// written by an older profilegen, has none).
pub fn read_manifest(dir: &Path) -> Option<Vec<Recorded>> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let recorded = lines
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let url = parts.next()?.to_owned();
            let kind = Kind::from_key(parts.next()?)?;
            let source = parts.next().unwrap_or_default().to_owned();
            Some(Recorded { url, kind, source })
        })
        .collect();
    Some(recorded)
}

/// A warning for each URL of `previous` that `now` publishes no more (neither a page nor
/// a redirect). Listing pages beyond the first come and go as a section grows, so they
/// are not counted; files of `static/` and `content/` are.
pub fn lost(config: &Config, previous: &[Recorded], now: &[Planned]) -> Vec<Diagnostic> {
    let published: HashMap<String, &Planned> = now
        .iter()
        .map(|p| (p.url_path().to_lowercase(), p))
        .collect();
    let mut by_source: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in now
        .iter()
        .filter(|p| matches!(p.kind, Kind::Page | Kind::File))
    {
        by_source
            .entry(layout::url_of(&p.source))
            .or_default()
            .push(p.url_path());
    }
    let mut out = Vec::new();
    for r in previous {
        if r.kind == Kind::Pager || published.contains_key(&r.url.to_lowercase()) {
            continue;
        }
        let old = config.url(&r.url);
        let mut d = Diagnostic::warning(msg!("url-gone", old = old.as_str()));
        let moved = by_source.get(&r.source).and_then(|urls| urls.first());
        let is_doc = r.source.ends_with(".md");
        d = match (moved, is_doc) {
            (Some(new), true) => d.in_file(Path::new(&r.source)).with_hint(msg!(
                "url-gone-moved-hint",
                source = r.source.as_str(),
                new = config.url(new),
                url = r.url.as_str()
            )),
            (None, true) => d.with_hint(msg!(
                "url-gone-removed-hint",
                source = r.source.as_str(),
                url = r.url.as_str()
            )),
            (_, false) => d.with_hint(msg!("url-gone-file-hint", source = r.source.as_str())),
        };
        out.push(d);
    }
    out
}
