//! The live site behind `serve`: the build's [`Model`] kept in memory, a dependency map,
//! and a rebuild that re-renders only what a set of changed files affects.
//!
//! A rebuild either succeeds and writes the affected files into the output folder, or
//! fails and writes nothing: the last good site stays served. Whatever a failed rebuild
//! could not finish stays *pending* (files to re-read, Markdown to re-render, outputs to
//! re-render, links to re-check) and is retried on the next change, so fixing the
//! mistake brings the output exactly up to date. A change to `config.toml` (or a folder
//! moved inside `content/`) rebuilds everything.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::changes::{self, Change};
use crate::build::{self, BuildOptions, Model};
use crate::content::{DocId, Document, Kind};
use crate::deps::{DepMap, Output, Reads, TemplateGraph};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::render::{self, Listings, Pages};

/// What one rebuild did, for the terminal, the browser and tests.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Counts rebuilds, the first build being 1.
    pub generation: u64,
    /// True when everything was rebuilt (first build, `config.toml`).
    pub full: bool,
    /// The changed files that started it, relative to the project.
    pub changed: Vec<PathBuf>,
    /// Content files whose Markdown was rendered again.
    pub markdown: Vec<PathBuf>,
    /// Output files rendered through a template (`tech/index.html`).
    pub rendered: Vec<PathBuf>,
    /// Output files copied from `static/` or `content/`.
    pub copied: Vec<PathBuf>,
    /// Output files removed.
    pub deleted: Vec<PathBuf>,
    /// Every error; when not empty the previous output was kept as it was.
    pub errors: Vec<Diagnostic>,
    /// Warnings (a page without its twin, …).
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the rebuild.
    pub elapsed: Duration,
}

impl RebuildReport {
    /// True when the rebuild succeeded and its output is served.
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Work a rebuild could not finish; retried on the next change.
#[derive(Debug, Default)]
pub(super) struct Pending {
    pub full: bool,
    pub sources: BTreeSet<PathBuf>,
    pub markdown: BTreeSet<Output>,
    pub outputs: BTreeSet<Output>,
    pub anchors: BTreeSet<Output>,
    pub check_templates: bool,
    /// Output path → source file to copy.
    pub copies: BTreeMap<PathBuf, PathBuf>,
    pub deletes: BTreeSet<PathBuf>,
    pub data: bool,
    /// Documents whose listing summary must be refreshed.
    pub summaries: BTreeSet<Output>,
    /// The tree changed shape: listings are rebuilt.
    pub relist: bool,
}

/// The live site: the model, what each output read, and pending work.
pub struct Session {
    pub(super) opts: BuildOptions,
    pub(super) model: Option<Model>,
    pub(super) deps: DepMap,
    pub(super) graph: TemplateGraph,
    pub(super) pending: Pending,
    listings: Option<Listings>,
    /// Every page's packed search words (when the site has search), to write the index
    /// again after an edit.
    search: Option<crate::search::Kept>,
    generation: u64,
}

impl Session {
    /// A session that builds with `opts` (whose `output_dir` override is the folder the
    /// site is written to). Nothing is built until the first [`Session::rebuild`].
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            model: None,
            deps: DepMap::default(),
            graph: TemplateGraph::default(),
            pending: Pending {
                full: true,
                ..Pending::default()
            },
            listings: None,
            search: None,
            generation: 0,
        }
    }

    /// The folder the site is written to.
    pub fn output_dir(&self) -> Option<&Path> {
        self.model.as_ref().map(|m| m.config.output_dir.as_path())
    }

    /// Brings the output up to date with `changed` files (absolute or relative to the
    /// project) and with whatever earlier rebuilds left pending. Paths that are not part
    /// of the site (editor backups, other folders) are ignored: when nothing else is
    /// left, nothing is done and the report's `generation` is 0.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let started = Instant::now();
        let mut rel: Vec<PathBuf> = changed
            .iter()
            .map(|p| changes::relative(&self.opts.root, p))
            .collect();
        if let Some(model) = &self.model {
            rel.retain(|p| changes::classify(model, p) != Change::Ignored);
            if rel.is_empty() {
                return RebuildReport::default();
            }
        }
        self.generation += 1;
        self.pending.sources.extend(rel.iter().cloned());
        let mut report = RebuildReport {
            generation: self.generation,
            changed: rel,
            ..RebuildReport::default()
        };
        let needs_full = self.pending.full
            || self.model.is_none()
            || self
                .pending
                .sources
                .iter()
                .any(|p| p == Path::new("config.toml"))
            || self.converted_edition_changed();
        if needs_full {
            self.full(&mut report);
        } else {
            self.incremental(&mut report);
        }
        report.elapsed = started.elapsed();
        report
    }

    /// A site with a converted edition (`zh-hant` from `zh`) rebuilds in full when a
    /// Markdown file or the overrides file changes: a page's converted twin, and whether
    /// a twin written by hand replaces it, are not tracked edit by edit.
    fn converted_edition_changed(&self) -> bool {
        let Some(model) = &self.model else {
            return false;
        };
        let converted: Vec<&Path> = model
            .config
            .languages
            .iter()
            .filter_map(|l| l.converted.as_ref().map(|c| c.overrides.as_path()))
            .collect();
        !converted.is_empty()
            && self.pending.sources.iter().any(|p| {
                converted.contains(&p.as_path())
                    || (p.starts_with("content") && p.extension().is_some_and(|e| e == "md"))
            })
    }

    /// Rebuilds everything: the watcher failed and what changed is unknown.
    pub fn rebuild_all(&mut self) -> RebuildReport {
        let started = Instant::now();
        self.generation += 1;
        let mut report = RebuildReport {
            generation: self.generation,
            ..RebuildReport::default()
        };
        self.full(&mut report);
        report.elapsed = started.elapsed();
        report
    }

    /// Builds everything from scratch, through the same pipeline as `build`, and swaps
    /// the output folder in one step.
    fn full(&mut self, report: &mut RebuildReport) {
        report.full = true;
        self.pending.full = true;
        match build::build_retained(&self.opts) {
            Ok((built, retained)) => {
                self.adopt(retained, report);
                report.warnings = built.warnings;
                self.pending = Pending::default();
            }
            Err(e) => report.errors = e.0,
        }
    }

    /// Takes a freshly built model: records every output's reads.
    fn adopt(&mut self, retained: build::Retained, report: &mut RebuildReport) {
        self.search = retained.search;
        let model = retained.model;
        let mut deps = DepMap::default();
        let docs = &model.content.docs;
        for (doc, md) in docs.iter().zip(model.reads.as_slice()) {
            deps.set_markdown(Output::doc(&doc.key, &doc.lang), md.clone());
        }
        for (out, reads) in retained.template_reads {
            report.rendered.extend(output_file(&model, &out));
            deps.set_template(out, reads);
        }
        report.markdown = docs.iter().map(|d| d.path.clone()).collect();
        self.graph = TemplateGraph::new(model.theme.sources());
        self.listings = Some(Listings::new(
            &model.content,
            model.rendered.as_slice(),
            &model.lookup,
        ));
        self.deps = deps;
        self.model = Some(model);
    }

    /// Applies the pending changes to the model and re-renders what they affect.
    fn incremental(&mut self, report: &mut RebuildReport) {
        let sources = std::mem::take(&mut self.pending.sources);
        let mut errors = Vec::new();
        let Some(model) = self.model.as_ref() else {
            return;
        };
        let classified: Vec<(PathBuf, Change)> = sources
            .into_iter()
            .map(|p| {
                let c = changes::classify(model, &p);
                (p, c)
            })
            .collect();
        if classified.iter().any(|(_, c)| *c == Change::Tree) {
            return self.full(report);
        }
        changes::apply(self, &classified, &mut errors);
        if errors.is_empty() {
            self.markdown(report, &mut errors);
        }
        if errors.is_empty() {
            self.check_links(&mut errors);
        }
        if errors.is_empty() {
            self.write(report, &mut errors);
        }
        report.errors = errors;
    }

    /// Re-renders the Markdown of pending documents; successes leave the pending set.
    fn markdown(&mut self, report: &mut RebuildReport, errors: &mut Vec<Diagnostic>) {
        let Some(model) = self.model.as_mut() else {
            return;
        };
        let targets: Vec<DocId> = self
            .pending
            .markdown
            .iter()
            .filter_map(|o| index_of(model, o))
            .collect();
        let results: Vec<_> = targets
            .par_iter()
            .map(|&i| build::render_doc(&model.config, &model.content[i], &model.lookup))
            .collect();
        for (i, (result, reads)) in targets.into_iter().zip(results) {
            let doc = &model.content[i];
            let out = Output::doc(&doc.key, &doc.lang);
            match result {
                Ok(rendered) => {
                    if rendered.reading_time != model.rendered[i].reading_time
                        || rendered.anchors != model.rendered[i].anchors
                    {
                        self.pending.outputs.extend(parent_output(doc));
                        self.pending
                            .anchors
                            .extend(self.deps.linking_to(&doc.key).cloned());
                    }
                    model.rendered[i] = rendered;
                    model.reads[i] = reads.clone();
                    self.deps.set_markdown(out.clone(), reads);
                    self.pending.markdown.remove(&out);
                    self.pending.summaries.insert(out.clone());
                    self.pending.anchors.insert(out.clone());
                    self.pending.outputs.insert(out);
                    report.markdown.push(doc.path.clone());
                }
                Err(e) => errors.extend(e.into_iter().filter(Diagnostic::is_error)),
            }
        }
    }

    /// Checks the `#anchor`s of pending documents and any `template = …` keys.
    fn check_links(&mut self, errors: &mut Vec<Diagnostic>) {
        let Some(model) = self.model.as_ref() else {
            return;
        };
        let mut found = Vec::new();
        for out in &self.pending.anchors {
            if let Some(i) = index_of(model, out) {
                let of = |t: DocId| {
                    let r = &model.rendered[t];
                    (r.anchors.as_slice(), r.links.as_slice())
                };
                found.extend(markdown::anchor_errors(&model.content, i, &of));
            }
        }
        if self.pending.check_templates
            && let Err(e) = render::check_templates(&model.content, &model.theme)
        {
            found.extend(e.0);
        }
        // Two sources for one file (a new page at a static file's URL, a renamed slug
        // onto another page's): checked after every edit, as a full build does.
        let stats = model.lookup.stats.is_some();
        let (config, content) = (&model.config, &model.content);
        if let Err(e) = crate::output::check_plan(config, content, &model.static_files, stats) {
            found.extend(e.0);
        }
        if found.is_empty() {
            self.pending.anchors.clear();
            self.pending.check_templates = false;
        }
        errors.extend(found);
    }

    /// Renders every pending output; only when all succeed is anything written.
    fn write(&mut self, report: &mut RebuildReport, errors: &mut Vec<Diagnostic>) {
        let Some(model) = self.model.as_ref() else {
            return;
        };
        let listings = match self.listings.take() {
            Some(mut l) if !self.pending.relist => {
                for i in self
                    .pending
                    .summaries
                    .iter()
                    .filter_map(|o| index_of(model, o))
                {
                    let rendered = model.rendered.as_slice();
                    l.update(i, &model.content, rendered, &model.lookup);
                }
                l
            }
            _ => Listings::new(&model.content, model.rendered.as_slice(), &model.lookup),
        };
        self.pending.relist = false;
        self.pending.summaries.clear();
        let listings = self.listings.insert(listings);
        let outputs: Vec<&Output> = self.pending.outputs.iter().collect();
        let pages = Pages::with_listings(
            &model.content,
            model.rendered.as_slice(),
            &model.lookup,
            listings,
        );
        let results: Vec<_> = outputs
            .par_iter()
            .filter_map(|o| render_output(model, &pages, o))
            .collect();
        let mut files = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(ok) => files.push(ok),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            *errors = crate::diag::collapse(std::mem::take(errors));
            return;
        }
        let published = self.opts.compare_urls_with.as_deref();
        match super::write::commit(model, &self.pending, &files, published) {
            Ok(lost) => {
                report.warnings.extend(lost);
                if let Some(search) = self.search.as_mut()
                    && let Err(e) = super::write::search_index(model, search, &files)
                {
                    errors.push(e);
                    return;
                }
                if !files.is_empty()
                    && let Err(e) = super::write::print_pages(model, &pages)
                {
                    errors.push(e);
                    return;
                }
                for (out, written, reads) in files {
                    self.deps.set_template(out, reads);
                    report
                        .rendered
                        .extend(written.into_iter().map(|(path, _)| path));
                }
                report.copied = self.pending.copies.keys().cloned().collect();
                report.deleted = self.pending.deletes.iter().cloned().collect();
                self.pending = Pending::default();
            }
            Err(e) => errors.push(e),
        }
    }
}

/// A rendered output: what it is, the files it is written to (a paginated section has
/// one per listing page) with their bytes, and what it read.
pub(super) type RenderedFile = (Output, Vec<(PathBuf, Vec<u8>)>, Reads);

fn render_output(
    model: &Model,
    pages: &Pages,
    out: &Output,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let render = |file: PathBuf, f: &dyn Fn(&mut Vec<u8>) -> Result<Reads, Diagnostic>| {
        let mut bytes = Vec::with_capacity(16 * 1024);
        f(&mut bytes).map(|reads| ((file, bytes), reads))
    };
    let result = match out {
        Output::Doc { .. } => {
            let i = index_of(model, out)?;
            let mut files = Vec::new();
            let mut reads = Reads::default();
            for (k, file) in render::doc_files(pages, i) {
                let one = render(file, &|b| {
                    render::render_doc(&model.theme, pages, (i, k), None, b)
                });
                match one {
                    Ok((f, r)) => {
                        files.push(f);
                        reads.extend(&r);
                    }
                    Err(e) => return Some(Err(e)),
                }
            }
            Ok((files, reads))
        }
        Output::Generated(kind, code) => {
            let lang = model.config.language(code)?;
            render(kind.file(lang), &|b| {
                render::render_generated(&model.theme, pages, *kind, lang, b)
            })
            .map(|(f, r)| (vec![f], r))
        }
    };
    Some(result.map(|(files, reads)| (out.clone(), files, reads)))
}

/// The file an output is written to, if it still exists.
fn output_file(model: &Model, out: &Output) -> Option<PathBuf> {
    match out {
        Output::Doc { .. } => Some(model.content[index_of(model, out)?].output_file()),
        Output::Generated(kind, code) => Some(kind.file(model.config.language(code)?)),
    }
}

/// The index of a document output in `model.content.docs`.
pub(super) fn index_of(model: &Model, out: &Output) -> Option<DocId> {
    match out {
        Output::Doc { key, lang } => model.content.id(key, lang),
        Output::Generated(..) => None,
    }
}

/// The section listing a document appears in.
pub(super) fn parent_output(doc: &Document) -> Option<Output> {
    doc.parent.as_ref().map(|p| Output::doc(p, &doc.lang))
}

/// Every output of one language, generated pages included (the menu is on all of them).
pub(super) fn all_of_lang(model: &Model, lang: &str) -> Vec<Output> {
    let generated = render::generated_pages(&model.config)
        .filter(|(_, l)| l.code == lang)
        .map(|(kind, l)| Output::Generated(kind, l.code.clone()));
    model
        .content
        .docs
        .iter()
        .filter(|d| d.lang == lang)
        .map(|d| Output::doc(&d.key, &d.lang))
        .chain(generated)
        .collect()
}

/// True for a section directly under the home page (it is in every page's menu).
pub(super) fn in_menu(doc: &Document) -> bool {
    doc.kind == Kind::Section && doc.parent.as_deref() == Some("_index.md")
}

/// Keeps the set type the callers use for changed ids.
pub(super) type Ids = HashSet<String>;

impl From<RebuildReport> for Diagnostics {
    fn from(r: RebuildReport) -> Diagnostics {
        Diagnostics(r.errors)
    }
}
