//! The page pass of a full build: every document's Markdown is rendered in parallel, and
//! a document that lists no pages goes straight on through its template into its output
//! file, so its HTML is dropped at once and memory stays flat however large the site.
//! What later steps need of it is kept: its anchors and links (the anchor check), its
//! reading time (the listings), and its HTML only if a feed carries it. Documents that
//! list pages (sections, the home page) need every listed page's reading time, so they
//! wait for a second, small pass.
//!
//! `serve` does not use this pass: it keeps every page's Markdown ([`super::Model`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, Document};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::{InternalLink, Rendered};
use crate::output::Staging;
use crate::render::{Pages, Theme, context};

/// Where rendered pages go: the parsed theme and the staging folder.
#[derive(Clone, Copy)]
pub(super) struct Sink<'s> {
    pub theme: &'s Theme,
    pub staging: &'s Staging,
}

/// What the first pass learnt of one document.
pub(super) struct Done {
    /// Every id on the page, for `@/page.md#anchor` checks.
    pub anchors: Vec<String>,
    /// Its internal `@/` links.
    pub links: Vec<InternalLink>,
    /// Minutes, for the listings that show it.
    pub reading_time: usize,
    /// Written in the first pass.
    pub written: bool,
    /// Its rendered Markdown, when it waits for the second pass or a feed carries it
    /// (boxed: most documents have none, and one `Done` per document lives to the end).
    pub kept: Option<Box<Rendered>>,
}

impl Done {
    fn new(rendered: Rendered, written: bool, keep: bool) -> Done {
        if !keep {
            return Done {
                anchors: rendered.anchors,
                links: rendered.links,
                reading_time: rendered.reading_time,
                written,
                kept: None,
            };
        }
        Done {
            anchors: rendered.anchors.clone(),
            links: rendered.links.clone(),
            reading_time: rendered.reading_time,
            written,
            kept: Some(Box::new(rendered)),
        }
    }
}

/// The first pass over all documents.
pub(super) struct FirstPass {
    /// One per document, in content order (empty if the Markdown had errors).
    pub done: Vec<Done>,
    /// Errors in the Markdown: the build reports these before any other.
    pub markdown_errors: Vec<Diagnostic>,
    /// Errors rendering or writing pages, with the index of their document.
    pub write_errors: Vec<(usize, Diagnostic)>,
}

/// Renders every document's Markdown; with a `sink`, also renders and writes every
/// document that lists no pages. `pages` may not know reading times yet (only documents
/// that list no pages are rendered here); `keep[i]` keeps document `i`'s HTML.
pub(super) fn first_pass(
    (config, content, lookup): (&Config, &Content, &Lookup),
    pages: &Pages,
    sink: Option<Sink>,
    keep: &[bool],
) -> FirstPass {
    type Outcome = std::result::Result<(Done, Option<Box<Diagnostic>>), Vec<Diagnostic>>;
    let results: Vec<Outcome> = content
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let rendered = super::render_doc(config, doc, lookup).0?;
            let keep = keep.get(i).copied().unwrap_or(false);
            match sink {
                Some(sink) if !pages.lists_pages(i) => {
                    let error = write_doc(sink, pages, doc, i, &rendered).err();
                    Ok((Done::new(rendered, true, keep), error.map(Box::new)))
                }
                _ => Ok((Done::new(rendered, false, true), None)),
            }
        })
        .collect();
    let mut pass = FirstPass {
        done: Vec::with_capacity(results.len()),
        markdown_errors: Vec::new(),
        write_errors: Vec::new(),
    };
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok((done, error)) => {
                pass.done.push(done);
                pass.write_errors.extend(error.map(|e| (i, *e)));
            }
            Err(errors) => pass.markdown_errors.extend(errors),
        }
    }
    if pass.markdown_errors.iter().any(Diagnostic::is_error) {
        pass.done.clear();
    } else {
        pass.markdown_errors.clear();
    }
    pass
}

/// Renders and writes the documents that waited, then each language's 404 page; the
/// first pass's write errors are reported with these, in content order.
pub(super) fn second_pass(
    sink: Sink,
    pages: &Pages,
    content: &Content,
    config: &Config,
    first: &FirstPass,
) -> Result<()> {
    let mut errors: Vec<(usize, Diagnostic)> = first
        .done
        .par_iter()
        .enumerate()
        .filter(|(_, done)| !done.written)
        .filter_map(|(i, done)| {
            let rendered = done.kept.as_deref()?;
            let doc = &content.docs[i];
            write_doc(sink, pages, doc, i, rendered)
                .err()
                .map(|e| (i, e))
        })
        .collect();
    errors.extend(first.write_errors.iter().cloned());
    if !errors.is_empty() {
        errors.sort_by_key(|(i, _)| *i);
        let errors = errors.into_iter().map(|(_, e)| e).collect();
        return Err(Diagnostics(crate::diag::collapse(errors)));
    }
    for lang in &config.languages {
        let file = PathBuf::from(format!("{}404.html", lang.prefix));
        write_file(sink.staging, &file, |out| {
            let ctx = pages.not_found_context(lang);
            sink.theme.render_to("404.html", &ctx, out, None)
        })?;
    }
    Ok(())
}

/// Renders document `i` through its template into its output file.
fn write_doc(
    sink: Sink,
    pages: &Pages,
    doc: &Document,
    i: usize,
    rendered: &Rendered,
) -> std::result::Result<(), Diagnostic> {
    let template = context::template_name(doc);
    write_file(sink.staging, &doc.output_file(), |out| {
        let ctx = pages.context_with(i, rendered);
        sink.theme.render_to(template, &ctx, out, Some(&doc.path))
    })
}

fn write_file(
    staging: &Staging,
    file: &Path,
    render: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::result::Result<(), Diagnostic>,
) -> std::result::Result<(), Diagnostic> {
    let mut out = staging.create_file(file)?;
    render(&mut out)?;
    out.flush()
        .map_err(|e| fsutil::io_error(e, file, "cannot write"))
}
