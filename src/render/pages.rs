//! [`Pages`]: what the contexts of every page are made of (menus, listings as light
//! summaries, each language's fixed entries), and each page's context built on demand,
//! so that pages render in parallel and each is written as soon as it is rendered.

use tera::Context;

use super::PrintPart;
use super::context::{self, LinkView, Translation};
use super::listings::Listings;
use crate::config::{Config, LangCode, Language};
use crate::content::{Content, DocId, Document, Kind};
use crate::lookup::Lookup;
use crate::markdown::Rendered;
use crate::output::layout::{self, Generated};

/// What the contexts of every page are made of.
pub struct Pages<'a> {
    pub(super) content: &'a Content,
    pub(super) rendered: &'a [Rendered],
    pub(super) lookup: &'a Lookup,
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
