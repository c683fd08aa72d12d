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
mod pages;
mod publish;

pub use listings::Listings;
pub use pages::Pages;

use crate::msg;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera};

use crate::config::{Config, Language};
use crate::content::{Content, DocId};
use crate::deps::{self, Reads};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::Rendered;
use crate::output::layout::Generated;

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
