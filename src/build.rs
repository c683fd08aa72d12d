//! The build: runs the stages in order and publishes the result atomically.
//!
//! config → content → stats → markdown (parallel) → link check → templates (parallel,
//! each page written as soon as it is rendered) → static files and data downloads →
//! publish stages (fingerprints, sitemap, feeds, search index, compression) → publish. Any error leaves the previous output untouched.

mod pass;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Language, Overrides};
use crate::content::{self, Content, Document};
use crate::deps::{self, Reads};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::markdown::{self, InternalLink, Rendered};
use crate::output::{self, Staging};
use crate::render::{Listings, Pages, Theme};
use crate::stats::{self, Stats};
use pass::{Done, Sink};

/// What the command line asks of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder.
    pub root: PathBuf,
    /// `--base-url`, `--output-dir`.
    pub overrides: Overrides,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Replace an output folder that profilegen did not make.
    pub force: bool,
    /// Skip writing `.gz` and `.br` beside text files (`--no-compress`).
    pub no_compress: bool,
    /// Keep CSS and JS at their plain names (no fingerprints): `serve` rewrites them in
    /// place as they are edited.
    pub plain_assets: bool,
}

/// Counts for one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageSummary {
    /// Language code.
    pub lang: String,
    /// Pages (not sections).
    pub pages: usize,
    /// Sections, home included.
    pub sections: usize,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Per-language counts, default language first.
    pub languages: Vec<LanguageSummary>,
    /// Files copied from `static/` and from `content/`.
    pub static_files: usize,
    /// Warnings (a page without its twin, …).
    pub warnings: Vec<Diagnostic>,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
}

/// The site read, checked and rendered up to the templates: everything the pages are
/// made from. [`build`] writes it once; `serve` keeps it and updates it edit by edit.
pub struct Model {
    /// The configuration.
    pub config: Arc<Config>,
    /// Every document and asset of `content/`.
    pub content: Content,
    /// Files of `static/`, relative to the project (`static/css/site.css`).
    pub static_files: Vec<PathBuf>,
    /// Fingerprinted names of its CSS and JS (`asset()` returns them).
    pub fingerprints: output::assets::Fingerprints,
    /// Links, UI strings, static files and statistics, shared with the templates.
    pub lookup: Arc<Lookup>,
    /// Each document's Markdown, rendered (same order as `content.docs`).
    pub rendered: Vec<Rendered>,
    /// What each document's Markdown read (same order as `content.docs`).
    pub reads: Vec<Reads>,
    /// The parsed templates.
    pub theme: Theme,
}

/// What every build reads before any Markdown is rendered.
struct Sources {
    config: Arc<Config>,
    content: Content,
    static_files: Vec<PathBuf>,
    fingerprints: output::assets::Fingerprints,
    lookup: Arc<Lookup>,
}

fn sources(opts: &BuildOptions) -> Result<Sources> {
    let config = Arc::new(Config::load(&opts.root, &opts.overrides)?);
    let content = content::load(&config, opts.drafts)?;
    let stats = load_stats(&config)?;
    let static_files = fsutil::walk_files(&config.root, Path::new("static"))?;
    let fingerprints = if opts.plain_assets {
        output::assets::Fingerprints::default()
    } else {
        output::assets::Fingerprints::compute(&config.root, &static_files)?
    };
    let lookup = Arc::new(
        Lookup::new(
            Arc::clone(&config),
            &content,
            static_names(&static_files),
            stats,
        )
        .with_fingerprints(&fingerprints),
    );
    Ok(Sources {
        config,
        content,
        static_files,
        fingerprints,
        lookup,
    })
}

/// The checks of a theme against the site: templates named in front matter, the search
/// pages, and two sources that would write one file.
fn check_theme(s: &Sources, theme: &Theme) -> Result<()> {
    check_templates(&s.content, theme)?;
    output::search::check(&s.config, &s.content, theme)?;
    output::check_plan(
        &s.config,
        &s.content,
        &s.static_files,
        s.lookup.stats.is_some(),
    )
}

/// Reads and checks everything, renders the Markdown; nothing is written.
pub fn load(opts: &BuildOptions) -> Result<Model> {
    let s = sources(opts)?;
    let (rendered, reads) = render_markdown(&s.config, &s.content, &s.lookup)?;
    check_anchors(&s.content, &rendered)?;
    let theme = Theme::load(&s.config.root, &s.lookup)?;
    check_theme(&s, &theme)?;
    Ok(Model {
        config: s.config,
        content: s.content,
        static_files: s.static_files,
        fingerprints: s.fingerprints,
        lookup: s.lookup,
        rendered,
        reads,
        theme,
    })
}

/// Builds the site and publishes it to the output folder.
///
/// Unlike [`load`] + [`write_site`] (what `serve` does), a page is written as soon as its
/// Markdown is rendered and its HTML dropped ([`pass`]); errors come in the same order.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let s = sources(opts)?;
    let theme = Theme::load(&s.config.root, &s.lookup);
    let early = early_staging(&s, &theme, opts.force);
    let sink = match (&theme, &early) {
        (Ok(theme), Some(staging)) => Some(Sink { theme, staging }),
        _ => None,
    };
    let mut keep = vec![false; s.content.docs.len()];
    for i in output::feed::entry_docs(&s.config, &s.content) {
        keep[i] = true;
    }
    // Reading times are known after the first pass, which renders no listing.
    let mut listings = Listings::from_reading_times(&s.content, |_| 0, &s.lookup);
    let pages = Pages::with_listings(&s.content, &[], &s.lookup, &listings);
    let site = (&*s.config, &s.content, &*s.lookup);
    let first = pass::first_pass(site, &pages, sink, &keep);
    drop(pages);
    if !first.markdown_errors.is_empty() {
        return Err(Diagnostics(first.markdown_errors));
    }
    check_anchors_of(&s.content, &first.done)?;
    let theme = theme?;
    check_theme(&s, &theme)?;
    let staging = match early {
        Some(staging) => staging,
        None => Staging::create(&s.config, opts.force)?,
    };
    let done = &first.done;
    listings.set_reading_times(|i| done[i].reading_time);
    let pages = Pages::with_listings(&s.content, &[], &s.lookup, &listings);
    let sink = Sink {
        theme: &theme,
        staging: &staging,
    };
    pass::second_pass(sink, &pages, &s.content, &s.config, &first)?;
    let copied = copy_files(&staging, &s.config, &s.static_files, &s.content)?;
    s.fingerprints.write(&staging)?;
    if s.config.search {
        output::search::write_pages(&staging, &theme, &pages, &s.config)?;
    }
    if let Some(stats) = &s.lookup.stats {
        write_data(&staging, stats)?;
    }
    let html = |i: usize| done.get(i)?.kept.as_deref().map(|r| r.html.as_str());
    let publish = output::Publish {
        config: &s.config,
        content: &s.content,
        html: &html,
        compress: !opts.no_compress,
    };
    let publish_warnings = output::finish(&staging, &publish)?;
    let output_dir = staging.publish()?;
    Ok(BuildReport {
        languages: summarize(&s.config, &s.content),
        static_files: copied,
        warnings: [s.content.warnings, publish_warnings].concat(),
        output_dir,
        elapsed: started.elapsed(),
    })
}

/// The staging folder, made before the page pass so that pages are written as they are
/// rendered: only when the theme and its checks pass, the output's parent exists and
/// the output folder may be replaced (otherwise each error is reported in its usual
/// order, and a failed build creates no folder). Without it every page waits for the
/// second pass.
fn early_staging(s: &Sources, theme: &Result<Theme>, force: bool) -> Option<Staging> {
    check_theme(s, theme.as_ref().ok()?).ok()?;
    if !s.config.output_dir.parent()?.is_dir() {
        return None;
    }
    Staging::create(&s.config, force).ok()
}

/// Renders every page into `staging` (search pages included), copies the files (and the
/// fingerprinted copies of CSS and JS) and writes the data downloads.
/// Returns how many files were copied and what each page's template read (documents in
/// `content.docs` order, then each language's 404 page).
pub fn write_site(staging: &Staging, model: &Model) -> Result<(usize, Vec<Reads>)> {
    let pages = Pages::new(&model.content, &model.rendered, &model.lookup);
    let reads = write_pages(staging, &model.theme, &pages, &model.content, &model.config)?;
    let copied = copy_files(staging, &model.config, &model.static_files, &model.content)?;
    model.fingerprints.write(staging)?;
    if model.config.search {
        output::search::write_pages(staging, &model.theme, &pages, &model.config)?;
    }
    if let Some(stats) = &model.lookup.stats {
        write_data(staging, stats)?;
    }
    Ok((copied, reads))
}

/// Writes the statistics downloads, `data/stats.csv` and `data/stats.json`.
pub fn write_data(staging: &Staging, stats: &Stats) -> Result<()> {
    staging.write(Path::new("data/stats.csv"), stats.to_csv().as_bytes())?;
    staging.write(Path::new("data/stats.json"), stats.to_json().as_bytes())?;
    Ok(())
}

/// Reads the statistics file named in the config, if the site has one.
pub fn load_stats(config: &Config) -> Result<Option<Arc<Stats>>> {
    let Some(rel) = &config.stats else {
        return Ok(None);
    };
    let text = fsutil::read_text(&config.root.join(rel), rel)?;
    let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    Ok(Some(Arc::new(stats::load(rel, &text, &langs)?)))
}

/// Files of `static/` as `asset()` names them: `css/site.css`.
pub fn static_names(files: &[PathBuf]) -> HashSet<String> {
    files
        .iter()
        .map(|p| {
            p.strip_prefix("static")
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Renders every document's Markdown in parallel, collecting every error.
fn render_markdown(
    config: &Config,
    content: &Content,
    lookup: &Lookup,
) -> Result<(Vec<Rendered>, Vec<Reads>)> {
    let results: Vec<_> = content
        .docs
        .par_iter()
        .map(|d| render_doc(config, d, lookup))
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    let mut reads = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            (Ok(r), read) => {
                rendered.push(r);
                reads.push(read);
            }
            (Err(e), _) => errors.extend(e),
        }
    }
    if errors.iter().any(Diagnostic::is_error) {
        Err(Diagnostics(errors))
    } else {
        Ok((rendered, reads))
    }
}

/// Renders one document's Markdown, recording what it read (links, figures).
pub fn render_doc(
    config: &Config,
    doc: &Document,
    lookup: &Lookup,
) -> (std::result::Result<Rendered, Vec<Diagnostic>>, Reads) {
    let input = markdown::Input {
        file: &doc.path,
        text: &doc.text,
        body: doc.body.clone(),
        lang: &doc.lang,
    };
    deps::record(|| markdown::render(&input, &config.markdown, lookup))
}

/// Every `@/page.md#anchor` must name a heading that exists on that page.
fn check_anchors(content: &Content, rendered: &[Rendered]) -> Result<()> {
    let errors: Vec<Diagnostic> = (0..content.docs.len())
        .flat_map(|i| anchor_errors(content, rendered, i))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// [`check_anchors`] over what the page pass kept of each document.
fn check_anchors_of(content: &Content, done: &[Done]) -> Result<()> {
    let anchors = |t: usize| done[t].anchors.as_slice();
    let errors: Vec<Diagnostic> = (0..content.docs.len())
        .flat_map(|i| link_errors(content, i, &done[i].links, anchors))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The `@/page.md#anchor` links of document `i` whose heading does not exist.
pub fn anchor_errors(content: &Content, rendered: &[Rendered], i: usize) -> Vec<Diagnostic> {
    let anchors = |t: usize| rendered[t].anchors.as_slice();
    link_errors(content, i, &rendered[i].links, anchors)
}

/// The `links` of document `i` to a heading that does not exist; `anchors(t)` are the
/// ids on document `t`.
fn link_errors<'r>(
    content: &Content,
    i: usize,
    links: &[InternalLink],
    anchors: impl Fn(usize) -> &'r [String],
) -> Vec<Diagnostic> {
    let doc = &content.docs[i];
    let mut errors = Vec::new();
    for link in links {
        let Some(anchor) = &link.anchor else { continue };
        let own = content
            .index
            .get(&(link.path.clone(), doc.lang.clone()))
            .copied();
        let Some(t) = own.or_else(|| content.docs.iter().position(|d| d.key == link.path)) else {
            continue;
        };
        let ids = anchors(t);
        if !ids.iter().any(|a| a == anchor) {
            let close = crate::diag::did_you_mean(anchor, ids.iter().map(String::as_str));
            let hint = match close {
                Some(c) => format!("did you mean `#{c}`?"),
                None => format!("the page's anchors are: {}", ids.join(", ")),
            };
            errors.push(
                Diagnostic::error(format!("`@/{}` has no heading `#{anchor}`", link.path))
                    .in_file(&doc.path)
                    .at(&doc.text, link.span.clone())
                    .with_hint(hint),
            );
        }
    }
    errors
}

/// A `template = "…"` that the theme does not have is an error at that key.
pub fn check_templates(content: &Content, theme: &Theme) -> Result<()> {
    let errors: Vec<Diagnostic> = content
        .docs
        .iter()
        .filter_map(|d| {
            let t = d.meta.template.as_ref()?;
            (!theme.has(t.get_ref())).then(|| {
                Diagnostic::error(format!("template `{}` does not exist", t.get_ref()))
                    .in_file(&d.path)
                    .at(&d.text, t.span())
                    .with_hint("templates are files in templates/, e.g. `template = \"data.html\"`")
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Renders and writes every page in parallel, then each language's 404 page; returns
/// what each template read (documents in order, then the 404 pages).
fn write_pages(
    staging: &Staging,
    theme: &Theme,
    pages: &Pages,
    content: &Content,
    config: &Config,
) -> Result<Vec<Reads>> {
    let results: Vec<_> = content
        .docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            render_one(staging, &doc.output_file(), |out| {
                render_page(theme, pages, content, i, out)
            })
        })
        .collect();
    let mut reads = Vec::with_capacity(results.len() + config.languages.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(read) => reads.push(read),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(crate::diag::collapse(errors)));
    }
    for lang in &config.languages {
        let file = PathBuf::from(format!("{}404.html", lang.prefix));
        reads.push(render_one(staging, &file, |out| {
            render_not_found(theme, pages, lang, out)
        })?);
    }
    Ok(reads)
}

/// Renders document `i` through its template into `out`, recording what it read.
pub fn render_page(
    theme: &Theme,
    pages: &Pages,
    content: &Content,
    i: usize,
    out: impl Write,
) -> std::result::Result<Reads, Diagnostic> {
    let doc = &content.docs[i];
    let template = crate::render::context::template_name(doc);
    let (result, reads) =
        deps::record(|| theme.render_to(template, &pages.context(i), out, Some(&doc.path)));
    result.map(|()| reads)
}

/// Renders a language's 404 page into `out`, recording what it read.
pub fn render_not_found(
    theme: &Theme,
    pages: &Pages,
    lang: &Language,
    out: impl Write,
) -> std::result::Result<Reads, Diagnostic> {
    let (result, reads) =
        deps::record(|| theme.render_to("404.html", &pages.not_found_context(lang), out, None));
    result.map(|()| reads)
}

fn render_one(
    staging: &Staging,
    file: &Path,
    render: impl FnOnce(
        &mut std::io::BufWriter<std::fs::File>,
    ) -> std::result::Result<Reads, Diagnostic>,
) -> std::result::Result<Reads, Diagnostic> {
    let mut out = staging.create_file(file)?;
    let reads = render(&mut out)?;
    out.flush()
        .map_err(|e| fsutil::io_error(e, file, "cannot write"))?;
    Ok(reads)
}

/// Copies `static/` and the non-Markdown files of `content/`.
pub fn copy_files(
    staging: &Staging,
    config: &Config,
    static_files: &[PathBuf],
    content: &Content,
) -> Result<usize> {
    let jobs: Vec<(PathBuf, &Path, PathBuf)> = static_files
        .iter()
        .map(|rel| {
            (
                config.root.join(rel),
                rel.as_path(),
                rel.strip_prefix("static").unwrap_or(rel).to_path_buf(),
            )
        })
        .chain(content.assets.iter().map(|a| {
            (
                a.source.clone(),
                a.source.strip_prefix(&config.root).unwrap_or(&a.source),
                a.output.clone(),
            )
        }))
        .collect();
    let errors: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|(from, shown, to)| staging.copy(from, shown, to).err())
        .collect();
    if errors.is_empty() {
        Ok(jobs.len())
    } else {
        Err(Diagnostics(errors))
    }
}

fn summarize(config: &Config, content: &Content) -> Vec<LanguageSummary> {
    config
        .languages
        .iter()
        .map(|l| {
            let docs = content.docs.iter().filter(|d| d.lang == l.code);
            let (pages, sections) = docs.fold((0, 0), |(p, s), d| {
                if d.kind == content::Kind::Page {
                    (p + 1, s)
                } else {
                    (p, s + 1)
                }
            });
            LanguageSummary {
                lang: l.code.clone(),
                pages,
                sections,
            }
        })
        .collect()
}
