//! The page pass: every document's Markdown is rendered in parallel, and a document that
//! lists no pages goes straight on through its template into its output file, so its
//! HTML is dropped at once and memory stays flat however large the site. What later
//! steps need of it (anchors and links for the anchor check, its reading time for
//! listings) is kept. Documents that list pages (sections, the home page) need every
//! listed page's reading time, so they wait for a second, small pass.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, Document};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::{self, InternalLink, Rendered};
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
    /// Its rendered Markdown, when it was not written in the first pass (boxed: most
    /// documents have none, and one `Done` per document lives until the end).
    pub waiting: Option<Box<Rendered>>,
}

impl Done {
    /// A document already written: its HTML is dropped here.
    fn written(rendered: Rendered) -> Done {
        Done {
            anchors: rendered.anchors,
            links: rendered.links,
            reading_time: rendered.reading_time,
            waiting: None,
        }
    }

    /// A document to render in the second pass.
    fn waiting(rendered: Rendered) -> Done {
        Done {
            anchors: rendered.anchors.clone(),
            links: rendered.links.clone(),
            reading_time: rendered.reading_time,
            waiting: Some(Box::new(rendered)),
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
/// document that lists no pages.
pub(super) fn first_pass(
    config: &Config,
    content: &Content,
    lookup: &Lookup,
    pages: &Pages,
    sink: Option<Sink>,
) -> FirstPass {
    type Outcome = std::result::Result<(Done, Option<Box<Diagnostic>>), Vec<Diagnostic>>;
    let results: Vec<Outcome> = content
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let rendered = render_markdown(config, doc, lookup)?;
            match sink {
                Some(sink) if !pages.lists_pages(i) => {
                    let error = write_doc(sink, pages, doc, i, &rendered, None).err();
                    let error = error.map(Box::new);
                    Ok((Done::written(rendered), error))
                }
                _ => Ok((Done::waiting(rendered), None)),
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

fn render_markdown(
    config: &Config,
    doc: &Document,
    lookup: &Lookup,
) -> std::result::Result<Rendered, Vec<Diagnostic>> {
    let input = markdown::Input {
        file: &doc.path,
        text: &doc.text,
        body: doc.body.clone(),
        lang: &doc.lang,
    };
    markdown::render(&input, &config.markdown, lookup)
}

/// Renders and writes the documents still waiting, then each language's 404 page;
/// `earlier` are the first pass's write errors, reported with these in content order.
pub(super) fn second_pass(
    sink: Sink,
    pages: &Pages,
    content: &Content,
    config: &Config,
    first: FirstPass,
) -> Result<()> {
    let reading_times: Vec<usize> = first.done.iter().map(|d| d.reading_time).collect();
    let mut errors: Vec<(usize, Diagnostic)> = first
        .done
        .into_par_iter()
        .enumerate()
        .filter_map(|(i, done)| {
            let rendered = done.waiting?;
            let doc = &content.docs[i];
            write_doc(sink, pages, doc, i, &rendered, Some(&reading_times))
                .err()
                .map(|e| (i, e))
        })
        .collect();
    errors.extend(first.write_errors);
    if !errors.is_empty() {
        errors.sort_by_key(|(i, _)| *i);
        return Err(Diagnostics(errors.into_iter().map(|(_, e)| e).collect()));
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
    reading_times: Option<&[usize]>,
) -> std::result::Result<(), Diagnostic> {
    let template = context::template_name(doc);
    write_file(sink.staging, &doc.output_file(), |out| {
        let ctx = pages.context(i, rendered, reading_times);
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
