//! What a changed file means for the live site: which part of the model it replaces and
//! which outputs that touches.
//!
//! - A page edited in place (same URL, same section) replaces its document; its own
//!   output is re-rendered, and so are the outputs whose *context* shows what changed:
//!   the section listing (title, description, date, weight, extra, reading time), the
//!   twins' language switchers (title), a section's pages (their breadcrumb), and every
//!   page of the language when a menu section changes.
//! - A page added, removed or moved re-assembles the content tree and the lookups; the
//!   pages that link to it are re-rendered (their link now resolves differently).
//! - The statistics file: only outputs that showed a record or group that changed.
//! - A template: only outputs whose template uses it (`extends`, `include`, `import`).
//! - A static file: copied; when one appears or disappears, the pages naming it with
//!   `asset()` are re-rendered.
//! - A photo (beside a page, or of `static/` shown by one): processed again or taken from
//!   the cache, its old copies removed, and the pages that showed it re-rendered.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::session::{Ids, Pending, Session, all_of_lang, in_menu, parent_output};
use crate::build::{self, Model};
use crate::content::{self, Asset, DocId, Document, Kind};
use crate::deps::{DepMap, Output, Reads, TemplateGraph};
use crate::diag::Diagnostic;
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::Rendered;
use crate::output::layout::{self, Generated};
use crate::render::context::template_name;
use crate::render::{self, Theme};
use crate::stats::Stats;

/// What kind of source a changed path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// `config.toml`: everything is rebuilt.
    Config,
    /// The statistics file.
    Stats,
    /// A file of `templates/`, by template name.
    Template(String),
    /// A file of `static/`.
    Static,
    /// A Markdown file of `content/`.
    Markdown,
    /// A photo that is published as processed copies (of `content/`, or of `static/`
    /// shown by a page).
    Photo,
    /// Another file of `content/` (an image next to a page).
    Asset,
    /// A folder appeared or disappeared: everything is rebuilt.
    Tree,
    /// Not part of the site (hidden files, the output folder, editor backups).
    Ignored,
}

/// `p` relative to the project (watchers report absolute, sometimes canonical, paths).
pub(super) fn relative(root: &Path, p: &Path) -> PathBuf {
    if let Ok(rel) = p.strip_prefix(root) {
        return rel.to_path_buf();
    }
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    p.strip_prefix(&canonical).unwrap_or(p).to_path_buf()
}

/// Sorts a changed path (relative to the project) into what it is.
pub(super) fn classify(model: &Model, rel: &Path) -> Change {
    if rel == Path::new(crate::config::FILE) {
        return Change::Config;
    }
    if Some(rel) == model.config.stats.as_deref() {
        return Change::Stats;
    }
    let hidden = rel.components().any(|c| match c {
        Component::Normal(n) => n.to_string_lossy().starts_with('.'),
        _ => true,
    });
    let top = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = top.filter(|t| ["content", "templates", "static"].contains(&t.as_ref())) else {
        return Change::Ignored;
    };
    if hidden {
        return Change::Ignored;
    }
    let abs = model.config.root.join(rel);
    if rel.components().count() == 1 && abs.is_dir() {
        return Change::Ignored;
    }
    if abs.is_dir() || (!abs.exists() && was_folder(model, rel)) {
        return Change::Tree;
    }
    match top.as_ref() {
        "templates" => Change::Template(
            rel.strip_prefix("templates")
                .unwrap_or(rel)
                .to_string_lossy()
                .replace('\\', "/"),
        ),
        _ if crate::images::is_photo(rel) && !model.config.keeps_original(rel) => Change::Photo,
        "static" => Change::Static,
        _ if rel.extension().is_some_and(|e| e == "md") => Change::Markdown,
        _ => Change::Asset,
    }
}

/// True when a path that no longer exists held files the model knows.
fn was_folder(model: &Model, rel: &Path) -> bool {
    let under = |p: &Path| p != rel && p.starts_with(rel);
    model.content.docs.iter().any(|d| under(&d.path))
        || model.static_files.iter().any(|p| under(p))
        || model
            .theme
            .sources()
            .any(|(n, _)| under(&Path::new("templates").join(n)))
}

/// Applies every change to the session's model and records the affected outputs in its
/// pending work. Failures go to `errors` and their paths stay pending.
pub(super) fn apply(s: &mut Session, changes: &[(PathBuf, Change)], errors: &mut Vec<Diagnostic>) {
    let Some(model) = s.model.as_mut() else {
        return;
    };
    let (pending, deps) = (&mut s.pending, &s.deps);
    let of = |want: fn(&Change) -> bool| -> Vec<PathBuf> {
        changes
            .iter()
            .filter(|(_, c)| want(c))
            .map(|(p, _)| p.clone())
            .collect()
    };
    let markdown = of(|c| *c == Change::Markdown);
    let mut relink = content_changes(model, pending, deps, &markdown, s.opts.drafts, errors);
    asset_changes(model, pending, &of(|c| *c == Change::Asset));
    let photos = of(|c| *c == Change::Photo);
    let (from_static, _): (Vec<PathBuf>, Vec<PathBuf>) = photos
        .iter()
        .cloned()
        .partition(|p| p.starts_with("static"));
    let statics = [of(|c| *c == Change::Static), from_static].concat();
    relink |= static_changes(model, pending, deps, &statics, errors);
    let mut processed = None;
    if !photos.is_empty() {
        processed = Some(Arc::new(photo_changes(
            model, pending, deps, &photos, errors,
        )));
        relink = true;
    }
    let mut stats = None;
    if changes.iter().any(|(_, c)| *c == Change::Stats) {
        stats = stats_change(model, pending, deps, errors);
        relink |= stats.is_some();
    }
    let templates: HashSet<String> = changes
        .iter()
        .filter_map(|(_, c)| match c {
            Change::Template(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    if relink {
        let stats = stats.unwrap_or_else(|| model.lookup.stats.clone());
        let mut lookup = Lookup::new(
            Arc::clone(&model.config),
            &model.content,
            model
                .static_files
                .iter()
                .map(|p| layout::static_name(p))
                .collect(),
            stats,
        );
        if let Some(cache) = model.lookup.image_cache() {
            let photos = processed.unwrap_or_else(|| Arc::clone(&model.lookup.photos));
            lookup = lookup
                .with_photos(photos, Arc::clone(cache))
                .with_made_by(&model.lookup, &pending.deletes);
        }
        model.lookup = Arc::new(lookup);
    }
    if relink || !templates.is_empty() {
        reload_theme(model, pending, &mut s.graph, &templates, errors);
    }
}

/// Re-parses the templates (a new lookup needs new template functions too) and marks
/// the outputs whose templates changed.
fn reload_theme(
    model: &mut Model,
    pending: &mut Pending,
    graph: &mut TemplateGraph,
    changed: &HashSet<String>,
    errors: &mut Vec<Diagnostic>,
) {
    match Theme::load(&model.config.root, &model.lookup) {
        Ok(theme) => {
            model.theme = theme;
            *graph = TemplateGraph::new(model.theme.sources());
        }
        Err(e) => {
            errors.extend(e.0);
            pending.full = true;
            return;
        }
    }
    if changed.is_empty() {
        return;
    }
    pending.check_templates = true;
    for doc in &model.content.docs {
        if graph.uses_any(template_name(doc), changed) {
            pending.outputs.insert(Output::doc(&doc.key, &doc.lang));
        }
    }
    for (kind, lang) in render::generated_pages(&model.config) {
        if graph.uses_any(kind.template(), changed) {
            pending
                .outputs
                .insert(Output::Generated(kind, lang.code.clone()));
        }
    }
}

/// Re-reads changed Markdown files; returns true when the tree changed shape (links and
/// lookups must be rebuilt).
fn content_changes(
    model: &mut Model,
    pending: &mut Pending,
    deps: &DepMap,
    paths: &[PathBuf],
    drafts: bool,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let mut moved: Vec<(PathBuf, Option<Document>)> = Vec::new();
    for rel in paths {
        let new = if model.config.root.join(rel).is_file() {
            content::read_document(&model.config, rel, drafts)
        } else {
            Ok(None)
        };
        let new = match new {
            Ok(n) => n,
            Err(e) => {
                errors.extend(e.0);
                pending.sources.insert(rel.clone());
                continue;
            }
        };
        let old = model
            .content
            .ids()
            .find(|&id| model.content[id].path == *rel);
        match (old, new) {
            (Some(i), Some(doc)) if same_place(&model.content[i], &doc) => {
                update_in_place(model, pending, i, doc)
            }
            (None, None) => {}
            (_, new) => moved.push((rel.clone(), new)),
        }
    }
    !moved.is_empty() && restructure(model, pending, deps, moved, errors)
}

fn same_place(a: &Document, b: &Document) -> bool {
    a.key == b.key
        && a.lang == b.lang
        && a.url_path == b.url_path
        && a.kind == b.kind
        && a.parent == b.parent
}

fn update_in_place(model: &mut Model, pending: &mut Pending, i: DocId, doc: Document) {
    let old = std::mem::replace(&mut model.content[i], doc);
    let new = &model.content[i];
    let out = Output::doc(&new.key, &new.lang);
    pending.markdown.insert(out.clone());
    pending.summaries.insert(out.clone());
    pending.outputs.insert(out);
    pending.outputs.extend(context_effects(model, &old, new));
    if old.meta.template != new.meta.template {
        pending.check_templates = true;
    }
}

/// Outputs whose context shows a field that differs between `old` and `new`.
fn context_effects(model: &Model, old: &Document, new: &Document) -> Vec<Output> {
    let (m, n) = (&old.meta, &new.meta);
    let title = m.title != n.title;
    let face = title || m.description != n.description || m.weight != n.weight;
    let mut out = Vec::new();
    if face || m.date != n.date || m.extra != n.extra {
        out.extend(parent_output(new));
    }
    if title {
        out.extend(twins(model, new));
    }
    if face && new.kind != Kind::Page {
        out.extend(children(model, new));
    }
    if face && in_menu(new) {
        out.extend(all_of_lang(model, &new.lang));
    }
    out
}

/// The other languages' versions of `doc` (their switchers show its title), and for the
/// home page the 404 pages (their switchers point at it).
fn twins(model: &Model, doc: &Document) -> Vec<Output> {
    let mut out: Vec<Output> = model
        .config
        .languages
        .iter()
        .filter(|l| l.code != doc.lang && model.content.get(&doc.key, &l.code).is_some())
        .map(|l| Output::doc(&doc.key, &l.code))
        .collect();
    if doc.kind == Kind::Home {
        let langs = model.config.languages.iter();
        out.extend(langs.map(|l| Output::Generated(Generated::NotFound, l.code.clone())));
    }
    out
}

/// The pages and subsections of a section in its language (their breadcrumb shows it).
fn children(model: &Model, doc: &Document) -> Vec<Output> {
    model
        .content
        .docs
        .iter()
        .filter(|d| d.lang == doc.lang && d.parent.as_deref() == Some(doc.key.as_str()))
        .map(|d| Output::doc(&d.key, &d.lang))
        .collect()
}

/// Everything a document's presence shows on: itself, its listing, its twins, the menu,
/// and the pages that link to it.
fn presence_effects(model: &Model, deps: &DepMap, doc: &Document, pending: &mut Pending) {
    pending.outputs.insert(Output::doc(&doc.key, &doc.lang));
    pending.outputs.extend(parent_output(doc));
    pending.outputs.extend(twins(model, doc));
    if in_menu(doc) {
        pending.outputs.extend(all_of_lang(model, &doc.lang));
    }
    for linker in deps.linking_to(&doc.key) {
        pending.markdown.insert(linker.clone());
        pending.outputs.insert(linker.clone());
    }
}

/// Files added, removed or moved: the documents are re-assembled (URLs re-checked) and
/// the rendered Markdown of untouched documents is carried over.
fn restructure(
    model: &mut Model,
    pending: &mut Pending,
    deps: &DepMap,
    moved: Vec<(PathBuf, Option<Document>)>,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let paths: HashSet<&PathBuf> = moved.iter().map(|(p, _)| p).collect();
    let old_docs: Vec<Document> = model
        .content
        .docs
        .iter()
        .filter(|d| paths.contains(&d.path))
        .cloned()
        .collect();
    let mut docs: Vec<Document> = model
        .content
        .docs
        .iter()
        .filter(|d| !paths.contains(&d.path))
        .cloned()
        .collect();
    let added: Vec<Document> = moved.iter().filter_map(|(_, d)| d.clone()).collect();
    docs.extend(added.iter().cloned());
    let new_content = match content::assemble(&model.config, docs, model.content.assets.clone()) {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0);
            pending.sources.extend(paths.into_iter().cloned());
            return false;
        }
    };
    for old in &old_docs {
        presence_effects(model, deps, old, pending);
    }
    carry_over(model, new_content, &paths, pending);
    pending.relist = true;
    for old in &old_docs {
        let still = model
            .content
            .docs
            .iter()
            .any(|d| d.output_file() == old.output_file());
        if !still {
            pending.deletes.insert(old.output_file());
        }
    }
    for doc in &added {
        pending.markdown.insert(Output::doc(&doc.key, &doc.lang));
        presence_effects(model, deps, doc, pending);
    }
    true
}

/// Installs the re-assembled content, moving each untouched document's rendered Markdown
/// and reads to its new index.
fn carry_over(
    model: &mut Model,
    content: content::Content,
    changed: &HashSet<&PathBuf>,
    pending: &mut Pending,
) {
    let mut old: HashMap<PathBuf, (Rendered, Reads)> = HashMap::new();
    let rendered = std::mem::take(&mut model.rendered);
    let reads = std::mem::take(&mut model.reads);
    for ((doc, r), rd) in model.content.docs.iter().zip(rendered).zip(reads) {
        if !changed.contains(&doc.path) {
            old.insert(doc.path.clone(), (r, rd));
        }
    }
    for doc in &content.docs {
        let (r, rd) = old.remove(&doc.path).unwrap_or_else(|| {
            pending.markdown.insert(Output::doc(&doc.key, &doc.lang));
            (placeholder(), Reads::default())
        });
        model.rendered.push(r);
        model.reads.push(rd);
    }
    model.content = content;
}

/// Stands in for Markdown not rendered yet; never written (the rebuild renders it first).
fn placeholder() -> Rendered {
    Rendered {
        html: String::new(),
        toc: Vec::new(),
        anchors: Vec::new(),
        links: Vec::new(),
        word_count: 0,
        reading_time: 1,
        summary: String::new(),
    }
}

/// Files of `content/` that are not Markdown: copied or removed.
fn asset_changes(model: &mut Model, pending: &mut Pending, paths: &[PathBuf]) {
    for rel in paths {
        let source = model.config.root.join(rel);
        let output = rel.strip_prefix("content").unwrap_or(rel).to_path_buf();
        model.content.assets.retain(|a| a.source != source);
        if source.is_file() {
            pending.copies.insert(output.clone(), source.clone());
            model.content.assets.push(Asset { source, output });
        } else {
            pending.deletes.insert(output);
        }
    }
}

/// Photos published as processed copies. A photo of `content/` is processed again (or
/// taken from the cache) and its copies replace the old ones; the copies `image()` made
/// from any changed photo are removed, and the outputs that showed it are re-rendered
/// (with their Markdown when it shows the photo), which makes them again. Returns the
/// photos of `content/` as they now are.
fn photo_changes(
    model: &mut Model,
    pending: &mut Pending,
    deps: &DepMap,
    paths: &[PathBuf],
    errors: &mut Vec<Diagnostic>,
) -> crate::images::Photos {
    use crate::images;
    let mut photos = (*model.lookup.photos).clone();
    let cache = model.lookup.image_cache().cloned();
    let mut gone = Vec::new();
    for rel in paths {
        let key = layout::url_of(rel);
        let users: Vec<Output> = deps.using_photo(&key).cloned().collect();
        for out in &users {
            if deps
                .markdown_reads(out)
                .is_some_and(|r| r.photos.contains(&key))
            {
                pending.markdown.insert(out.clone());
            }
            pending.outputs.insert(out.clone());
        }
        gone.extend(model.lookup.made_from(rel));
        if rel.starts_with("static") {
            continue;
        }
        let abs = model.config.root.join(rel);
        if let Some(Ok(old)) = photos.remove(rel) {
            gone.extend(
                images::published_files(rel, &old)
                    .into_iter()
                    .map(|(o, _)| o.into()),
            );
        }
        model.content.assets.retain(|a| a.source != abs);
        let (Some(cache), true) = (&cache, abs.is_file()) else {
            continue;
        };
        let output = rel.strip_prefix("content").unwrap_or(rel).to_path_buf();
        model.content.assets.push(Asset {
            source: abs.clone(),
            output,
        });
        let result = cache.process_file(&abs, rel);
        match &result {
            Ok(p) => {
                for (out, v) in images::published_files(rel, p) {
                    pending.copies.insert(out.into(), cache.file(v));
                }
            }
            // A page that shows it reports it at its image; else the photo's own file.
            Err(e) if users.is_empty() => errors.push(
                Diagnostic::error(e.message.clone())
                    .in_file(rel)
                    .with_hint(e.hint.clone()),
            ),
            Err(_) => {}
        }
        photos.insert(rel.clone(), result);
    }
    pending
        .deletes
        .extend(gone.into_iter().filter(|o| !pending.copies.contains_key(o)));
    photos
}

/// Files of `static/`: copied or removed; returns true when the set of files changed.
fn static_changes(
    model: &mut Model,
    pending: &mut Pending,
    deps: &DepMap,
    paths: &[PathBuf],
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let mut names = Vec::new();
    for rel in paths {
        let name = layout::static_output(rel);
        let known = model.static_files.contains(rel);
        let source = model.config.root.join(rel);
        if source.is_file() {
            pending.copies.insert(name.clone(), source);
        } else {
            pending.deletes.insert(name.clone());
        }
        if known != model.config.root.join(rel).is_file() {
            names.push(layout::url_of(&name));
        }
    }
    if names.is_empty() {
        return false;
    }
    match fsutil::walk_files(&model.config.root, Path::new("static")) {
        Ok(files) => model.static_files = files,
        Err(e) => {
            errors.extend(e.0);
            pending.sources.extend(paths.iter().cloned());
            return false;
        }
    }
    for name in &names {
        pending.outputs.extend(deps.using_asset(name).cloned());
    }
    true
}

/// Reloads the statistics; marks the outputs that showed a changed record or group.
fn stats_change(
    model: &Model,
    pending: &mut Pending,
    deps: &DepMap,
    errors: &mut Vec<Diagnostic>,
) -> Option<Option<Arc<Stats>>> {
    let new = match build::load_stats(&model.config) {
        Ok(s) => s,
        Err(e) => {
            errors.extend(e.0);
            pending.sources.extend(model.config.stats.clone());
            return None;
        }
    };
    let (ids, groups) = stats_diff(model.lookup.stats.as_deref(), new.as_deref());
    for out in deps.using_stats(&ids, &groups) {
        if deps
            .markdown_reads(&out)
            .is_some_and(|r| reads_any(r, &ids, &groups))
        {
            pending.markdown.insert(out.clone());
        }
        pending.outputs.insert(out);
    }
    pending.data = true;
    Some(new)
}

fn reads_any(r: &Reads, ids: &Ids, groups: &Ids) -> bool {
    r.all_stats
        || r.stats.iter().any(|s| ids.contains(s))
        || r.groups.iter().any(|g| groups.contains(g))
}

/// The stat ids and group ids whose records differ between two versions of the file (a
/// group also differs when one of its records does).
pub(super) fn stats_diff(old: Option<&Stats>, new: Option<&Stats>) -> (Ids, Ids) {
    let ids_of = |s: Option<&Stats>| -> Vec<String> {
        s.map(|s| s.ids().map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let stat = |s: Option<&Stats>, id: &str| s.and_then(|s| s.get(id)).cloned();
    let mut ids = Ids::new();
    for id in ids_of(old).into_iter().chain(ids_of(new)) {
        if stat(old, &id) != stat(new, &id) {
            ids.insert(id);
        }
    }
    let group_ids = |s: Option<&Stats>| -> Vec<String> {
        s.map(|s| s.group_ids().map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let group = |s: Option<&Stats>, id: &str| s.and_then(|s| s.group(id)).cloned();
    let mut groups = Ids::new();
    for id in group_ids(old).into_iter().chain(group_ids(new)) {
        let (a, b) = (group(old, &id), group(new, &id));
        let member_changed = b
            .iter()
            .chain(a.iter())
            .any(|g| g.stats.iter().any(|s| ids.contains(s)));
        if a != b || member_changed {
            groups.insert(id);
        }
    }
    (ids, groups)
}
