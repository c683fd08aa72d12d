//! The page pass: every document's Markdown is rendered in parallel, and a document that
//! lists no pages goes straight on through its template into its output file, so its
//! HTML is dropped at once and memory stays flat however large the site. What later
//! steps need of it is kept: its anchors and links (the anchor check), its reading time
//! (the listings), what it read (for `serve` and `check`), and its HTML only if a feed
//! carries it or the build is retained. Documents that list pages (sections, the home
//! page) need every listed page's reading time, so they wait for a second, small pass,
//! which also renders each language's generated pages (404, search).

use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, DocId, PerDoc};
use crate::deps::{Output, Reads};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::lookup::Lookup;
use crate::markdown::{InternalLink, Rendered};
use crate::output::Staging;
use crate::render::{self, Pages, Theme};

/// Where rendered pages go: the parsed theme, the staging folder and, when the site has
/// search, the index that reads each document's page as it is written.
#[derive(Clone, Copy)]
pub(super) struct Sink<'s> {
    pub theme: &'s Theme,
    pub staging: &'s Staging,
    pub index: Option<&'s crate::search::Indexer>,
}

/// What the page pass learnt of one document.
pub(super) struct Done {
    /// Every id on the page, for `@/page.md#anchor` checks.
    pub anchors: Vec<String>,
    /// Its internal `@/` links.
    pub links: Vec<InternalLink>,
    /// Minutes, for the listings that show it.
    pub reading_time: usize,
    /// What its Markdown read.
    pub markdown_reads: Reads,
    /// What its template read (once written).
    pub template_reads: Reads,
    /// Written in the first pass.
    pub written: bool,
    /// Its rendered Markdown, when it waits for the second pass, a feed carries it or the
    /// build is retained (boxed: most documents have none, and one `Done` per document
    /// lives to the end).
    pub kept: Option<Box<Rendered>>,
}

impl Done {
    fn new(rendered: Rendered, markdown_reads: Reads, keep: bool) -> Done {
        if !keep {
            return Done {
                anchors: rendered.anchors,
                links: rendered.links,
                reading_time: rendered.reading_time,
                markdown_reads,
                template_reads: Reads::default(),
                written: false,
                kept: None,
            };
        }
        Done {
            anchors: rendered.anchors.clone(),
            links: rendered.links.clone(),
            reading_time: rendered.reading_time,
            markdown_reads,
            template_reads: Reads::default(),
            written: false,
            kept: Some(Box::new(rendered)),
        }
    }
}

/// The first pass over all documents.
pub(super) struct FirstPass {
    /// One per document (empty if the Markdown had errors).
    pub done: PerDoc<Done>,
    /// Errors in the Markdown: the build reports these before any other.
    pub markdown_errors: Vec<Diagnostic>,
    /// Errors rendering or writing pages, with their document.
    pub write_errors: Vec<(DocId, Diagnostic)>,
}

/// Renders every document's Markdown; with a `sink`, also renders and writes every
/// document that lists no pages. `pages` may not know reading times yet (only documents
/// that list no pages are rendered here); `keep[id]` keeps document `id`'s HTML, and
/// `retain` what each document read (for `serve` and `check`; a plain build drops it).
pub(super) fn first_pass(
    (config, content, lookup): (&Config, &Content, &Lookup),
    pages: &Pages,
    sink: Option<Sink>,
    (keep, retain): (&PerDoc<bool>, bool),
    bar: &crate::progress::Stage,
) -> FirstPass {
    type Outcome = std::result::Result<(Done, Option<Box<Diagnostic>>), Vec<Diagnostic>>;
    let results: Vec<Outcome> = content
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let id = DocId::new(i);
            bar.inc();
            let (rendered, reads) = super::render_doc(config, doc, lookup);
            let rendered = rendered?;
            let reads = if retain { reads } else { Reads::default() };
            match sink {
                Some(sink) if !pages.lists_pages(id) => {
                    let written = write_doc(sink, pages, id, Some(&rendered));
                    let mut done = Done::new(rendered, reads, keep[id]);
                    done.written = true;
                    match written {
                        Ok(template_reads) if retain => done.template_reads = template_reads,
                        Ok(_) => {}
                        Err(e) => return Ok((done, Some(Box::new(e)))),
                    }
                    Ok((done, None))
                }
                _ => Ok((Done::new(rendered, reads, true), None)),
            }
        })
        .collect();
    let mut pass = FirstPass {
        done: PerDoc::default(),
        markdown_errors: Vec::new(),
        write_errors: Vec::new(),
    };
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok((done, error)) => {
                pass.done.push(done);
                pass.write_errors.extend(error.map(|e| (DocId::new(i), *e)));
            }
            Err(errors) => pass.markdown_errors.extend(errors),
        }
    }
    if pass.markdown_errors.iter().any(Diagnostic::is_error) {
        pass.done = PerDoc::default();
    } else {
        pass.markdown_errors.clear();
    }
    pass
}

/// Renders and writes the documents that waited, then each language's generated pages;
/// the first pass's write errors are reported with these, in content order. Returns what
/// each generated page read.
pub(super) fn second_pass(
    sink: Sink,
    pages: &Pages,
    config: &Config,
    first: &mut FirstPass,
) -> Result<Vec<(Output, Reads)>> {
    let outcomes: Vec<(DocId, std::result::Result<Reads, Diagnostic>)> = first
        .done
        .as_slice()
        .par_iter()
        .enumerate()
        .filter(|(_, done)| !done.written)
        .filter_map(|(i, done)| {
            let rendered = done.kept.as_deref()?;
            let id = DocId::new(i);
            Some((id, write_doc(sink, pages, id, Some(rendered))))
        })
        .collect();
    let mut errors: Vec<(DocId, Diagnostic)> = std::mem::take(&mut first.write_errors);
    for (i, outcome) in outcomes {
        first.done[i].written = true;
        match outcome {
            Ok(reads) => first.done[i].template_reads = reads,
            Err(e) => errors.push((i, e)),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|(i, _)| *i);
        let errors = errors.into_iter().map(|(_, e)| e).collect();
        return Err(Diagnostics(crate::diag::collapse(errors)));
    }
    let mut reads = Vec::new();
    for (kind, lang) in render::generated_pages(config) {
        let file = kind.file(lang);
        let read = write_file(sink.staging, &file, |out| {
            render::render_generated(sink.theme, pages, kind, lang, out)
        })?;
        reads.push((Output::Generated(kind, lang.code.clone()), read));
    }
    if config.print.is_some() && sink.theme.has(render::PRINT_TEMPLATE) {
        for lang in &config.languages {
            let read = |file: &Path| std::fs::read(sink.staging.dir().join(file)).ok();
            let body = crate::output::print::body(pages, config, lang, &read);
            let bytes = render::render_print(sink.theme, pages, lang, &body)?;
            let file = Path::new(&crate::output::layout::print_path(lang)).join("index.html");
            sink.staging.write(&file, &bytes)?;
        }
    }
    Ok(reads)
}

/// Renders document `i` through its template into its output file (and, for a paginated
/// section, each further listing page into its own).
fn write_doc(
    sink: Sink,
    pages: &Pages,
    id: DocId,
    rendered: Option<&Rendered>,
) -> std::result::Result<Reads, Diagnostic> {
    let mut reads = Reads::default();
    for (k, file) in render::doc_files(pages, id) {
        let mut bytes = Vec::with_capacity(16 * 1024);
        reads.extend(&render::render_doc(
            sink.theme,
            pages,
            (id, k),
            rendered,
            &mut bytes,
        )?);
        sink.staging.write(&file, &bytes)?;
        // The document's own page is indexed (not its further listing pages).
        if let (Some(index), 1) = (sink.index, k) {
            index.queue(id.index(), crate::output::layout::url_of(&file), bytes);
        }
    }
    Ok(reads)
}

/// Renders into memory, then writes the file: a template error and a disk error are told
/// apart (a full disk is one error about the output's folder, not one per page).
fn write_file(
    staging: &Staging,
    file: &Path,
    render: impl FnOnce(&mut Vec<u8>) -> std::result::Result<Reads, Diagnostic>,
) -> std::result::Result<Reads, Diagnostic> {
    let mut bytes = Vec::with_capacity(16 * 1024);
    let reads = render(&mut bytes)?;
    staging.write(file, &bytes)?;
    Ok(reads)
}
