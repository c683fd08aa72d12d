//! The pipeline: runs the stages in order and publishes the result atomically. `build`,
//! `check` and `serve`'s full rebuilds all come here; they differ only in
//! [`BuildOptions`] and in whether they keep the [`Model`] ([`build_retained`]).
//!
//! config → content → stats → theme and plan checks → page pass (Markdown and templates
//! in parallel, each page written as soon as it is rendered: [`pass`]) → anchor check →
//! listing pages and generated pages (404, search) → static files, fingerprints, data
//! downloads → publish stages (sitemap, feeds, search index, compression) → the swap.
//! Any error leaves the previous output untouched.

mod pass;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Config, LangCode, Overrides};
use crate::content::{self, Content, DocId, Document, PerDoc};
use crate::deps::{self, Output, Reads};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::images;
use crate::lookup::Lookup;
use crate::markdown::{self, Rendered};
use crate::output::{self, Staging, layout};
use crate::render::{self, Listings, Pages, Theme};
use crate::stats::{self, Stats};
use pass::Sink;

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
    /// Write the search pages but not the search index (tests that compare outputs, and
    /// that do not search, save its cost).
    pub skip_search_index: bool,
    /// Show the progress of long stages on an interactive terminal (`build` does).
    pub progress: bool,
    /// The published output whose URL manifest this build is compared with (a URL it
    /// published that this build does not is a warning); by default the output folder.
    /// `check` and `serve`, which build elsewhere, name the site's real output folder.
    pub compare_urls_with: Option<PathBuf>,
}

/// Counts for one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageSummary {
    /// Language code.
    pub lang: LangCode,
    /// Pages (not sections).
    pub pages: usize,
    /// Sections, home included.
    pub sections: usize,
}

/// How many photos a build encoded and how many it took from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageCounts {
    /// Encoded now.
    pub processed: usize,
    /// Taken from the cache.
    pub reused: usize,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Per-language counts, default language first.
    pub languages: Vec<LanguageSummary>,
    /// Files copied from `static/` and from `content/`.
    pub static_files: usize,
    /// Warnings (a page without its twin, …), those of `lost_urls` included.
    pub warnings: Vec<Diagnostic>,
    /// The URLs the compared output published that this build does not (warnings).
    pub lost_urls: Vec<Diagnostic>,
    /// Photos encoded by this build and taken from the cache.
    pub images: ImageCounts,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
}

/// The site read, checked and rendered up to the templates: everything the pages are
/// made from. `serve` keeps it and updates it edit by edit; `check` reads it.
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
    /// Each document's Markdown, rendered.
    pub rendered: PerDoc<Rendered>,
    /// What each document's Markdown read.
    pub reads: PerDoc<Reads>,
    /// The parsed templates.
    pub theme: Theme,
}

/// What [`build_retained`] keeps beside its report: the model, and what every output's
/// template read (documents and generated pages), for `serve`'s dependency map and
/// `check`'s unused-figure report.
pub struct Retained {
    /// The model the site was rendered from.
    pub model: Model,
    /// Each rendered output and what its template read.
    pub template_reads: Vec<(Output, Reads)>,
    /// Every page's packed words, when the site has search: `serve` writes the index
    /// again after an edit from these and the pages it re-rendered.
    pub search: Option<crate::search::Kept>,
}

/// What every build reads before any Markdown is rendered.
struct Sources {
    config: Arc<Config>,
    content: Content,
    static_files: Vec<PathBuf>,
    fingerprints: output::assets::Fingerprints,
    lookup: Arc<Lookup>,
    images: Arc<images::Cache>,
}

fn sources(opts: &BuildOptions) -> Result<Sources> {
    use crate::progress::Stage;
    let config = Arc::new(Config::load(&opts.root, &opts.overrides)?);
    let content = content::load(&config, opts.drafts)?;
    let stats = load_stats(&config)?;
    let static_files = fsutil::walk_files(&config.root, Path::new("static"))?;
    let fingerprints = if opts.plain_assets {
        output::assets::Fingerprints::default()
    } else {
        output::assets::Fingerprints::compute(&config.root, &static_files)?
    };
    let names = static_files
        .iter()
        .map(|p| layout::static_name(p))
        .collect();
    let images = Arc::new(images::Cache::new(config.root.join(images::CACHE_DIR)));
    let to_process = photo_sources(&config, &content);
    let bar = Stage::new(opts.progress, "photos", to_process.len());
    let photos = Arc::new(images::process_all(&images, &to_process, &|| bar.inc()));
    bar.finish();
    let lookup = Arc::new(
        Lookup::new(Arc::clone(&config), &content, names, stats)
            .with_fingerprints(&fingerprints)
            .with_photos(photos, Arc::clone(&images)),
    );
    Ok(Sources {
        config,
        content,
        static_files,
        fingerprints,
        lookup,
        images,
    })
}

/// The photos of `content/` that are processed (not kept original): absolute path, and
/// path relative to the project.
pub fn photo_sources(config: &Config, content: &Content) -> Vec<(PathBuf, PathBuf)> {
    content
        .assets
        .iter()
        .filter_map(|a| {
            let rel = a.source.strip_prefix(&config.root).ok()?.to_path_buf();
            let processed = images::is_photo(&rel) && !config.keeps_original(&rel);
            processed.then(|| (a.source.clone(), rel))
        })
        .collect()
}

/// The photos that cannot be published and that no page showed (a page that shows one
/// reports it at its image).
fn photo_errors(lookup: &Lookup) -> Result<()> {
    let errors: Vec<Diagnostic> = lookup
        .photos
        .iter()
        .filter_map(|(rel, r)| {
            let e = r.as_ref().err()?;
            Some(
                Diagnostic::error(e.message.clone())
                    .in_file(rel)
                    .with_hint(e.hint.clone()),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The checks of a theme against the site: templates named in front matter, the search
/// pages, and two sources that would write one file.
pub fn check_theme(
    config: &Config,
    content: &Content,
    static_files: &[PathBuf],
    lookup: &Lookup,
    theme: &Theme,
) -> Result<()> {
    render::check_templates(content, theme)?;
    output::search::check(config, content, theme)?;
    output::check_plan(config, content, static_files, lookup.stats.is_some())
}

/// Builds the site and publishes it to the output folder. A page is written as soon as
/// its Markdown is rendered and its HTML dropped ([`pass`]), so memory stays flat.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    run(opts, false).map(|(report, _)| report)
}

/// [`build`], keeping every page's rendered Markdown and what every output read: the
/// same stages, the same bytes written.
pub fn build_retained(opts: &BuildOptions) -> Result<(BuildReport, Retained)> {
    let (report, retained) = run(opts, true)?;
    let retained = retained
        .ok_or_else(|| Diagnostics::from(Diagnostic::error(crate::msg!("build-no-model"))))?;
    Ok((report, retained))
}

fn run(opts: &BuildOptions, retain: bool) -> Result<(BuildReport, Option<Retained>)> {
    let started = Instant::now();
    let s = sources(opts)?;
    let theme = Theme::load(&s.config.root, &s.lookup);
    let early = early_staging(&s, &theme, opts.force);
    let indexer = (s.config.search && !opts.skip_search_index).then(|| {
        if retain {
            crate::search::Indexer::keeping()
        } else {
            crate::search::Indexer::new()
        }
    });
    let sink = match (&theme, &early) {
        (Ok(theme), Some(staging)) => Some(Sink {
            theme,
            staging,
            index: indexer.as_ref(),
        }),
        _ => None,
    };
    let mut keep: PerDoc<bool> = s.content.ids().map(|_| retain).collect();
    for id in output::feed::entry_docs(&s.config, &s.content) {
        keep[id] = true;
    }
    // Reading times are known after the first pass, which renders no listing.
    let mut listings = Listings::from_reading_times(&s.content, |_| 0, &s.lookup);
    let pages = Pages::with_listings(&s.content, &[], &s.lookup, &listings);
    let site = (&*s.config, &s.content, &*s.lookup);
    let bar = crate::progress::Stage::new(opts.progress, "pages", s.content.docs.len());
    let mut first = pass::first_pass(site, &pages, sink, (&keep, retain), &bar);
    bar.finish();
    drop(pages);
    if !first.markdown_errors.is_empty() {
        return Err(Diagnostics(first.markdown_errors));
    }
    markdown::check_anchors(&s.content, |i| {
        (&first.done[i].anchors, &first.done[i].links)
    })?;
    photo_errors(&s.lookup)?;
    let theme = theme?;
    check_theme(&s.config, &s.content, &s.static_files, &s.lookup, &theme)?;
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
        index: indexer.as_ref(),
    };
    let generated_reads = pass::second_pass(sink, &pages, &s.config, &mut first)?;
    drop(pages);
    let copied = output::copy_files(&staging, &s.config, &s.static_files, &s.content)?;
    output::write_photos(&staging, &s.lookup.photos, &s.images)?;
    output::write_made_images(&staging, &s.lookup.made_images())?;
    s.fingerprints.write(&staging)?;
    let with_stats = s.lookup.stats.is_some();
    if let Some(stats) = &s.lookup.stats {
        output::write_data(&staging, &s.config, stats)?;
    }
    let plan = output::urls::plan(&s.config, &s.content, &s.static_files, with_stats);
    let previous = opts
        .compare_urls_with
        .as_deref()
        .unwrap_or(&s.config.output_dir);
    let lost = output::write_urls(&staging, &s.config, &s.content, plan, previous)?;
    let done = &first.done;
    let html = |id: DocId| {
        done.as_slice()
            .get(id.index())?
            .kept
            .as_deref()
            .map(|r| &*r.html)
    };
    let publish = output::Publish {
        config: &s.config,
        content: &s.content,
        html: &html,
        compress: !opts.no_compress,
    };
    let kept_index = indexer.as_ref().filter(|_| retain).map(|i| i.kept());
    let publish_warnings = output::finish(&staging, &publish, indexer)?;
    let output_dir = staging.publish()?;
    s.images.prune();
    let (processed, reused) = s.images.counts();
    let report = BuildReport {
        languages: summarize(&s.config, &s.content),
        static_files: copied,
        warnings: [s.content.warnings.clone(), publish_warnings, lost.clone()].concat(),
        lost_urls: lost,
        images: ImageCounts { processed, reused },
        output_dir,
        elapsed: started.elapsed(),
    };
    let retained = retain.then(|| {
        let mut r = retained(s, theme, first, generated_reads);
        r.search = kept_index;
        r
    });
    Ok((report, retained))
}

/// The model and reads of a retained build, taken from what the page pass kept.
fn retained(
    s: Sources,
    theme: Theme,
    first: pass::FirstPass,
    generated_reads: Vec<(Output, Reads)>,
) -> Retained {
    let mut rendered = PerDoc::default();
    let mut reads = PerDoc::default();
    let mut template_reads = Vec::with_capacity(first.done.len() + generated_reads.len());
    for (doc, done) in s.content.docs.iter().zip(first.done) {
        rendered.push(done.kept.map(|r| *r).unwrap_or_default());
        reads.push(done.markdown_reads);
        template_reads.push((Output::doc(&doc.key, &doc.lang), done.template_reads));
    }
    template_reads.extend(generated_reads);
    Retained {
        model: Model {
            config: s.config,
            content: s.content,
            static_files: s.static_files,
            fingerprints: s.fingerprints,
            lookup: s.lookup,
            rendered,
            reads,
            theme,
        },
        template_reads,
        search: None,
    }
}

/// The staging folder, made before the page pass so that pages are written as they are
/// rendered: only when the theme and its checks pass, the output's parent exists and
/// the output folder may be replaced (otherwise each error is reported in its usual
/// order, and a failed build creates no folder). Without it every page waits for the
/// second pass.
fn early_staging(s: &Sources, theme: &Result<Theme>, force: bool) -> Option<Staging> {
    let theme = theme.as_ref().ok()?;
    check_theme(&s.config, &s.content, &s.static_files, &s.lookup, theme).ok()?;
    if !s.config.output_dir.parent()?.is_dir() {
        return None;
    }
    Staging::create(&s.config, force).ok()
}

/// The site's redirects (aliases and the first pages of paginated sections) as nginx
/// `location` lines (`nginx`) or in the `_redirects` format: what `profilegen redirects`
/// prints. Reads the config and the content only; a site whose URLs collide is refused
/// as a build would refuse it.
pub fn redirect_rules(root: &Path, nginx: bool) -> Result<String> {
    let config = Config::load(root, &Overrides::default())?;
    let content = content::load(&config, false)?;
    let static_files = fsutil::walk_files(&config.root, Path::new("static"))?;
    let with_stats = config.stats.is_some();
    output::check_plan(&config, &content, &static_files, with_stats)?;
    let plan = output::urls::plan(&config, &content, &static_files, with_stats);
    Ok(if nginx {
        output::redirects::nginx(&config, &plan)
    } else {
        output::redirects::netlify(&config, &plan)
    })
}

/// Reads the statistics file named in the config, if the site has one.
pub fn load_stats(config: &Config) -> Result<Option<Arc<Stats>>> {
    let Some(rel) = &config.stats else {
        return Ok(None);
    };
    let text = fsutil::read_text(&config.root.join(rel), rel)?;
    let langs: Vec<(&str, Option<stats::Lang>)> = config
        .languages
        .iter()
        .filter(|l| l.converted.is_none())
        .map(|l| (l.code.as_str(), l.figures))
        .collect();
    let mut stats = stats::load_with_rules(rel, &text, &langs)?;
    for l in &config.languages {
        if let Some(c) = &l.converted {
            let converter = c.converter.clone();
            stats = stats.with_converted(&l.code, &c.from, move |t| converter.text(t));
        }
    }
    Ok(Some(Arc::new(stats)))
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
        foreign: config.foreign_text(&doc.lang),
    };
    deps::record(|| markdown::render(&input, &config.markdown, lookup))
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
