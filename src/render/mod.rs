//! Render: Tera templates from `templates/`, parsed once, and the per-page context.
//!
//! [`Theme`] owns the parsed templates and turns Tera's errors into located diagnostics
//! (its own caret is misaligned after CJK text, so we draw ours from its byte span).
//! [`Pages`] holds what contexts are made of — menus, listings as light summaries —
//! and builds one page's context on demand, so rendering can run in parallel and each
//! page is written as soon as it is rendered.

pub mod context;
mod functions;
mod listings;
mod publish;

pub use listings::Listings;

use crate::msg;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera};

use crate::config::{Config, LangCode, Language};
use crate::content::{Content, DocId, Document, Kind};
use crate::deps::{self, Reads};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::Rendered;
use crate::output::layout::{self, Generated};
use context::{LinkView, Translation};

/// The templates a theme must have.
pub const REQUIRED: [&str; 5] = [
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "404.html",
];

/// Parsed templates and their sources (for located errors).
pub struct Theme {
    tera: Tera,
    sources: HashMap<String, Arc<str>>,
}

impl Theme {
    /// Loads every file of `templates/` and registers the site's functions.
    pub fn load(root: &Path, lookup: &Arc<Lookup>) -> Result<Theme> {
        let dir = Path::new("templates");
        let mut sources = HashMap::new();
        for rel in fsutil::walk_files(root, dir)? {
            let name = rel
                .strip_prefix(dir)
                .unwrap_or(&rel)
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(name, fsutil::read_text(&root.join(&rel), &rel)?);
        }
        let missing: Vec<Diagnostic> = REQUIRED
            .iter()
            .filter(|n| !sources.contains_key(**n))
            .map(|n| {
                Diagnostic::error(msg!("template-missing", name = *n))
                    .with_hint(msg!("template-missing-hint"))
            })
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostics(missing));
        }
        let mut tera = Tera::new();
        functions::register(&mut tera, lookup);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), &**s)))
            .map_err(|e| tera_error(&e, &sources, None))?;
        Ok(Theme { tera, sources })
    }

    /// Every template's name and source text (for the dependency map).
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.iter().map(|(n, s)| (n.as_str(), &**s))
    }

    /// True if the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Renders `name` into `out`; `for_file` names the content file being rendered.
    pub fn render_to(
        &self,
        name: &str,
        ctx: &Context,
        out: impl Write,
        for_file: Option<&Path>,
    ) -> std::result::Result<(), Diagnostic> {
        self.tera
            .render_to(name, ctx, out)
            .map_err(|e| tera_error(&e, &self.sources, for_file))
    }
}

/// Renders listing page `pager` (1-based; always 1 unless the document is a paginated
/// section) of document `i` of `pages` through its template into `out` and returns what
/// the template read. `rendered` is its Markdown when `pages` does not hold it (the
/// streaming pass drops each page's HTML once it is written).
pub fn render_doc(
    theme: &Theme,
    pages: &Pages,
    (id, pager): (DocId, usize),
    rendered: Option<&Rendered>,
    out: impl Write,
) -> std::result::Result<Reads, Diagnostic> {
    let doc = &pages.content[id];
    let template = context::template_name(doc);
    let converter = doc
        .converted
        .then(|| pages.lookup.config.language(&doc.lang))
        .flatten()
        .and_then(|l| l.converted.as_ref())
        .map(|c| &c.converter);
    let (result, reads) = deps::record(|| {
        let ctx = match rendered {
            Some(r) => pages.pager_context(id, r, pager),
            None => pages.pager_context(id, &pages.rendered[id.index()], pager),
        };
        converted_to(converter, out, |out| {
            theme.render_to(template, &ctx, out, Some(&doc.path))
        })
    });
    result.map(|()| reads)
}

/// Renders through `render` into `out`, converted by `converter` when there is one (a
/// page of a converted edition: rendered whole, then converted).
fn converted_to<W: Write>(
    converter: Option<&crate::convert::Converter>,
    mut out: W,
    render: impl FnOnce(&mut dyn Write) -> std::result::Result<(), Diagnostic>,
) -> std::result::Result<(), Diagnostic> {
    let Some(converter) = converter else {
        return render(&mut out);
    };
    let mut page = Vec::with_capacity(16 * 1024);
    render(&mut page)?;
    out.write_all(&converter.html(&page))
        .map_err(|e| Diagnostic::error(msg!("template-convert-failed", detail = e.to_string())))
}

/// Each listing page of document `id` and the file it is written to: its own page, then
/// for a paginated section `page/2/`, `page/3/`…
pub fn doc_files(pages: &Pages, id: DocId) -> Vec<(usize, PathBuf)> {
    let doc = &pages.content[id];
    (1..=pages.pager_count(id))
        .map(|k| {
            (
                k,
                crate::output::urls::file_of_url(&crate::output::urls::pager_path(doc, k)),
            )
        })
        .collect()
}

/// Renders a language's generated page (404, search) into `out`; returns what it read.
pub fn render_generated(
    theme: &Theme,
    pages: &Pages,
    kind: Generated,
    lang: &Language,
    out: impl Write,
) -> std::result::Result<Reads, Diagnostic> {
    let converter = lang.converted.as_ref().map(|c| &c.converter);
    let (result, reads) = deps::record(|| {
        let ctx = pages.generated_context(kind, lang);
        converted_to(converter, out, |out| {
            theme.render_to(kind.template(), &ctx, out, None)
        })
    });
    result.map(|()| reads)
}

/// Renders `lang`'s printable profile, whose parts are `body` (read from pages already
/// written, so already converted in a converted edition: only the template's own text is
/// converted here).
pub fn render_print(
    theme: &Theme,
    pages: &Pages,
    lang: &Language,
    body: &str,
) -> std::result::Result<Vec<u8>, Diagnostic> {
    const MARK: &str = "<!--profilegen:print-body-->";
    let converter = lang.converted.as_ref().map(|c| &c.converter);
    let ctx = pages.print_context(lang, MARK);
    let mut page = Vec::with_capacity(body.len() + 16 * 1024);
    converted_to(converter, &mut page, |out| {
        theme.render_to(PRINT_TEMPLATE, &ctx, out, None)
    })?;
    let page = String::from_utf8_lossy(&page);
    Ok(page.replacen(MARK, body, 1).into_bytes())
}

/// The template of the printable profile.
pub const PRINT_TEMPLATE: &str = "print.html";

/// One document of the printable profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintPart {
    /// The document.
    pub id: DocId,
    /// 0 for the home page, 1 for a section of the menu, 2 for its pages…
    pub depth: usize,
    /// How many of a section's pages the profile leaves out (`[print] pages_per_section`).
    pub left_out: usize,
}

/// The generated pages a site has in each language: the 404 page, and the search page
/// when search is on.
pub fn generated_pages(config: &Config) -> impl Iterator<Item = (Generated, &Language)> {
    let kinds = Generated::ALL
        .into_iter()
        .filter(|k| *k != Generated::Search || config.search);
    kinds.flat_map(|k| config.languages.iter().map(move |l| (k, l)))
}

/// A `template = "…"` that the theme does not have is an error at that key.
pub fn check_templates(content: &Content, theme: &Theme) -> Result<()> {
    let errors: Vec<Diagnostic> = content
        .docs
        .iter()
        .filter_map(|d| {
            let t = d.meta.template.as_ref()?;
            (!theme.has(t.get_ref())).then(|| {
                Diagnostic::error(msg!("template-unknown", name = t.get_ref().as_str()))
                    .in_file(&d.path)
                    .at(&d.text, t.span())
                    .with_hint(msg!("template-unknown-hint"))
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// A Tera error as a diagnostic in the template file, drawn from Tera's byte span.
fn tera_error(
    err: &tera::Error,
    sources: &HashMap<String, Arc<str>>,
    for_file: Option<&Path>,
) -> Diagnostic {
    let mut message = err.to_string();
    let mut diag = None;
    if let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = err.kind() {
        message = r.message().to_owned();
        let file = PathBuf::from("templates").join(r.filename());
        let mut d = Diagnostic::error(message.clone()).in_file(file);
        if let Some(src) = sources.get(r.filename()) {
            d = d.at(src, r.span().range.clone());
        }
        diag = Some(d);
    }
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message = format!("{message}: {s}");
        source = s.source();
    }
    let mut d = diag.unwrap_or_else(|| Diagnostic::error(message.clone()));
    d.message = msg!("template-error", detail = message);
    match for_file {
        Some(f) => d.with_hint(msg!(
            "template-while-rendering",
            file = f.display().to_string()
        )),
        None => d,
    }
}

/// What the contexts of every page are made of.
pub struct Pages<'a> {
    content: &'a Content,
    rendered: &'a [Rendered],
    lookup: &'a Lookup,
    listings: std::borrow::Cow<'a, Listings>,
    /// The part of every context that depends on the language only, made once.
    per_language: Vec<(&'a str, Context)>,
}

impl<'a> Pages<'a> {
    /// Indexes listings and summaries once for the whole site.
    pub fn new(content: &'a Content, rendered: &'a [Rendered], lookup: &'a Lookup) -> Self {
        let listings = std::borrow::Cow::Owned(Listings::new(content, rendered, lookup));
        Pages {
            content,
            rendered,
            lookup,
            listings,
            per_language: per_language(lookup),
        }
    }

    /// Contexts over listings kept from an earlier build (`serve`).
    pub fn with_listings(
        content: &'a Content,
        rendered: &'a [Rendered],
        lookup: &'a Lookup,
        listings: &'a Listings,
    ) -> Self {
        Pages {
            content,
            rendered,
            lookup,
            listings: std::borrow::Cow::Borrowed(listings),
            per_language: per_language(lookup),
        }
    }

    /// The documents of `lang`'s printable profile, in menu order: the home page, then
    /// each section of the menu followed by its pages (at most `per_section`, in the
    /// section's order) and its subsections; with each, how deep it sits (0 for home)
    /// and how many of its pages were left out.
    pub fn print_parts(&self, lang: &str, per_section: usize) -> Vec<PrintPart> {
        let mut out = Vec::new();
        let Some(home) = self.content.id("_index.md", &LangCode::new(lang)) else {
            return out;
        };
        self.print_section(home.index(), 0, per_section, &mut out);
        out
    }

    fn print_section(&self, i: usize, depth: usize, per_section: usize, out: &mut Vec<PrintPart>) {
        let d = &self.content.docs[i];
        let (pages, subs) = self
            .listings
            .children
            .get(&(d.key.clone(), d.lang.clone()))
            .cloned()
            .unwrap_or_default();
        out.push(PrintPart {
            id: DocId::new(i),
            depth,
            left_out: pages.len().saturating_sub(per_section),
        });
        for &p in pages.iter().take(per_section) {
            out.push(PrintPart {
                id: DocId::new(p),
                depth: depth + 1,
                left_out: 0,
            });
        }
        for &sub in &subs {
            self.print_section(sub, depth + 1, per_section, out);
        }
    }

    /// The context of `lang`'s printable profile, whose parts are `body` (HTML).
    pub fn print_context(&self, lang: &Language, body: &str) -> Context {
        let mut ctx = self.language_page_context(lang, "print", layout::print_path);
        ctx.insert("print_body", body);
        ctx
    }

    /// True if document `i` lists pages: its context shows each listed page's reading time.
    pub fn lists_pages(&self, id: DocId) -> bool {
        let doc = &self.content[id];
        let key = (doc.key.clone(), doc.lang.clone());
        self.listings
            .children
            .get(&key)
            .is_some_and(|(pages, _)| !pages.is_empty())
    }

    /// The context of document `i`.
    pub fn context(&self, id: DocId) -> Context {
        self.context_with(id, &self.rendered[id.index()])
    }

    /// The context of document `i` whose Markdown is `rendered` (for a build that keeps
    /// no page's HTML longer than it takes to write it).
    pub fn context_with(&self, id: DocId, rendered: &Rendered) -> Context {
        self.pager_context(id, rendered, 1)
    }

    /// How many pages the listing of document `id` is split into (1 unless it is a
    /// section with `paginate_by`).
    pub fn pager_count(&self, id: DocId) -> usize {
        let doc = &self.content[id];
        crate::output::urls::pager_count(doc, self.listed(doc).len())
    }

    /// The pages document `doc` lists, in order.
    fn listed(&self, doc: &Document) -> &[usize] {
        self.listings
            .children
            .get(&(doc.key.clone(), doc.lang.clone()))
            .map_or(&[], |(pages, _)| pages.as_slice())
    }

    /// The context of listing page `pager` (1-based) of document `i`: for a paginated
    /// section, `section.pages` holds that page's share of the listing, `paginator`
    /// describes the pages, and `current_url`, `permalink` and the language versions
    /// point at listing page `pager`.
    pub fn pager_context(&self, id: DocId, rendered: &Rendered, pager: usize) -> Context {
        use crate::output::urls::pager_path;
        let doc = &self.content[id];
        let config = &self.lookup.config;
        let total = self.pager_count(id);
        let pager = pager.clamp(1, total);
        let here = pager_path(doc, pager);
        let url = config.url(&here);
        let permalink = config.permalink(&here);
        let mut ctx = self.common(&doc.lang, &url, &permalink, kind_name(doc.kind));
        let mut view = context::doc_view(
            doc,
            rendered,
            config.url(&doc.url_path),
            config.permalink(&doc.url_path),
        );
        view.parent = doc
            .parent
            .as_ref()
            .and_then(|p| self.link_view(p, &doc.lang));
        let listed = self
            .listings
            .children
            .get(&(doc.key.clone(), doc.lang.clone()));
        if let Some((pages, subs)) = listed {
            let per = doc
                .meta
                .paginate_by
                .as_ref()
                .and_then(|n| usize::try_from(*n.get_ref()).ok())
                .filter(|_| doc.kind != Kind::Page);
            let share = match per {
                Some(per) => {
                    let start = (pager - 1).saturating_mul(per).min(pages.len());
                    &pages[start..(start.saturating_add(per)).min(pages.len())]
                }
                None => pages.as_slice(),
            };
            view.pages = share
                .iter()
                .map(|&j| self.listings.summaries[j].clone())
                .collect();
            view.subsections = subs.iter().map(|&j| self.link_of(j)).collect();
            if let Some(per) = per {
                let at = |k: usize| config.url(&pager_path(doc, k));
                let paginator = context::Paginator {
                    pages: view.pages.clone(),
                    current: pager,
                    total,
                    per_page: per,
                    items: pages.len(),
                    first: at(1),
                    last: at(total),
                    previous: (pager > 1).then(|| at(pager - 1)),
                    next: (pager < total).then(|| at(pager + 1)),
                    urls: (1..=total).map(at).collect(),
                };
                ctx.insert("paginator", &paginator);
            }
        }
        let mut translations = self.translations(&doc.key, &doc.lang);
        if pager > 1 {
            for tr in translations.iter_mut().filter(|t| t.exists) {
                let twin = self.content.id(&doc.key, &tr.lang);
                if let Some(twin) = twin.filter(|&t| self.pager_count(t) >= pager) {
                    let path = pager_path(&self.content[twin], pager);
                    tr.url = config.url(&path);
                    tr.permalink = config.permalink(&path);
                }
            }
        }
        ctx.insert("menu", &self.menu(&doc.lang, &top_key(&doc.key)));
        ctx.insert("translations", &translations);
        ctx.insert("x_default", &self.x_default(&doc.key));
        ctx.insert(
            if doc.kind == Kind::Page {
                "page"
            } else {
                "section"
            },
            &view,
        );
        ctx
    }

    /// Document `i` of the site.
    pub fn doc(&self, id: DocId) -> &'a Document {
        &self.content[id]
    }

    /// The context of a language's generated page (404 or search).
    pub fn generated_context(&self, kind: Generated, lang: &Language) -> Context {
        match kind {
            Generated::NotFound => self.not_found_context(lang),
            Generated::Search => self.search_context(lang),
        }
    }

    /// The context of a language's 404 page.
    pub fn not_found_context(&self, lang: &Language) -> Context {
        let path = layout::url_of(&Generated::NotFound.file(lang));
        let (url, permalink) = (
            self.lookup.config.url(&path),
            self.lookup.config.permalink(&path),
        );
        let mut ctx = self.common(&lang.code, &url, &permalink, "404");
        ctx.insert("menu", &self.menu(&lang.code, ""));
        ctx.insert("translations", &self.translations("_index.md", &lang.code));
        ctx.insert("x_default", &self.x_default("_index.md"));
        ctx
    }

    /// The search page's context: the 404 page's, with its URL, and a switcher that goes
    /// to the other languages' search pages.
    pub fn search_context(&self, lang: &Language) -> Context {
        self.language_page_context(lang, "search", layout::search_path)
    }

    /// The context of a page every language has once, at `path_of(language)` (the
    /// search page, the printable profile): the 404 page's, with its own URL, and a
    /// switcher to the same page in the other languages.
    fn language_page_context(
        &self,
        lang: &Language,
        kind: &str,
        path_of: fn(&Language) -> String,
    ) -> Context {
        let config = &self.lookup.config;
        let mut ctx = self.not_found_context(lang);
        let path = path_of(lang);
        ctx.insert("kind", kind);
        ctx.insert("current_url", &config.url(&path));
        ctx.insert("permalink", &config.permalink(&path));
        let translations: Vec<Translation> = config
            .languages
            .iter()
            .map(|l| Translation {
                lang: l.code.clone(),
                html_lang: l.html_lang.clone(),
                name: l.name.clone(),
                url: config.url(&path_of(l)),
                permalink: config.permalink(&path_of(l)),
                title: l.title.clone(),
                exists: true,
                current: l.code == lang.code,
            })
            .collect();
        ctx.insert("translations", &translations);
        let default = path_of(config.default_language());
        ctx.insert("x_default", &config.permalink(&default));
        ctx
    }

    fn common(&self, lang: &str, url: &str, permalink: &str, kind: &str) -> Context {
        let mut ctx = match self.per_language.iter().find(|(code, _)| *code == lang) {
            Some((_, base)) => base.clone(),
            None => language_context(&self.lookup.config, lang, self.lookup.stats.is_some()),
        };
        ctx.insert("kind", kind);
        ctx.insert("current_url", url);
        ctx.insert("permalink", permalink);
        ctx
    }

    fn link_of(&self, i: usize) -> LinkView {
        let d = &self.content.docs[i];
        LinkView {
            title: d.meta.title.clone(),
            description: d.meta.description.clone(),
            url: self.listings.summaries[i].url.clone(),
            active: false,
        }
    }

    fn link_view(&self, key: &str, lang: &str) -> Option<LinkView> {
        self.content
            .id(key, &LangCode::new(lang))
            .map(|id| self.link_of(id.index()))
    }

    /// Top-level sections in weight order; `active` marks the one `top` belongs to.
    fn menu(&self, lang: &str, top: &str) -> Vec<LinkView> {
        let home = ("_index.md".to_owned(), LangCode::new(lang));
        let Some((_, subs)) = self.listings.children.get(&home) else {
            return Vec::new();
        };
        subs.iter()
            .map(|&i| LinkView {
                active: self.content.docs[i].key == top,
                ..self.link_of(i)
            })
            .collect()
    }

    fn translations(&self, key: &str, current: &str) -> Vec<Translation> {
        let config = &self.lookup.config;
        config
            .languages
            .iter()
            .map(|l| {
                let twin = self.content.get(key, &l.code);
                let target = twin.map_or(l.prefix.clone(), |d| d.url_path.clone());
                Translation {
                    lang: l.code.clone(),
                    html_lang: l.html_lang.clone(),
                    name: l.name.clone(),
                    url: config.url(&target),
                    permalink: config.permalink(&target),
                    title: twin.map_or(l.title.clone(), |d| d.meta.title.clone()),
                    exists: twin.is_some(),
                    current: l.code == current,
                }
            })
            .collect()
    }

    fn x_default(&self, key: &str) -> String {
        let config = &self.lookup.config;
        let default = &config.default_language().code;
        let path = self
            .content
            .get(key, default)
            .map_or(String::new(), |d| d.url_path.clone());
        config.permalink(&path)
    }
}

/// Each language's [`language_context`].
fn per_language(lookup: &Lookup) -> Vec<(&str, Context)> {
    let config = &lookup.config;
    config
        .languages
        .iter()
        .map(|l| {
            let base = language_context(config, &l.code, lookup.stats.is_some());
            (l.code.as_str(), base)
        })
        .collect()
}

/// The entries of a context that depend on the language only: `lang`, `html_lang`,
/// `site`, `config`, `home_url` and (with a stats file) `downloads`.
fn language_context(config: &Config, lang: &str, stats: bool) -> Context {
    let language = config.language(lang).unwrap_or(config.default_language());
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("html_lang", &language.html_lang);
    ctx.insert(
        "site",
        &serde_json::json!({ "title": language.title, "description": language.description }),
    );
    ctx.insert("config", &serde_json::json!({ "base_url": config.base_url.full(), "default_language": config.default_language().code, "title": language.title }));
    ctx.insert("home_url", &config.url(&language.prefix));
    ctx.insert("portable", &config.portable);
    if config.print.is_some() {
        ctx.insert("print_url", &config.url(&layout::print_path(language)));
    }
    if stats {
        ctx.insert("downloads", &serde_json::json!({ "csv": config.url(layout::STATS_CSV), "json": config.url(layout::STATS_JSON), "datapackage": config.url(layout::DATAPACKAGE), "csv_permalink": config.permalink(layout::STATS_CSV), "json_permalink": config.permalink(layout::STATS_JSON) }));
    }
    ctx
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home",
        Kind::Section => "section",
        Kind::Page => "page",
    }
}

/// The top-level section key a document belongs to: `tech/x.md` → `tech/_index.md`.
fn top_key(key: &str) -> String {
    match key.split_once('/') {
        Some((first, _)) => format!("{first}/_index.md"),
        None => String::new(),
    }
}
