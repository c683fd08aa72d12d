//! The build: runs the stages in order and publishes the result atomically.
//!
//! config → content → stats → markdown (parallel) → link check → templates (parallel,
//! each page written as soon as it is rendered) → static files and data downloads →
//! publish stages (fingerprints, sitemap, feeds, search index, compression) → publish. Any error leaves the previous output untouched.

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
use crate::markdown::{self, Rendered};
use crate::output::{self, Staging};
use crate::render::{Pages, Theme};
use crate::stats::{self, Stats};

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

/// Reads and checks everything, renders the Markdown; nothing is written.
pub fn load(opts: &BuildOptions) -> Result<Model> {
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
    let (rendered, reads) = render_markdown(&config, &content, &lookup)?;
    check_anchors(&content, &rendered)?;
    let theme = Theme::load(&config.root, &lookup)?;
    check_templates(&content, &theme)?;
    output::search::check(&config, &content, &theme)?;
    output::check_plan(&config, &content, &static_files, lookup.stats.is_some())?;
    Ok(Model {
        config,
        content,
        static_files,
        fingerprints,
        lookup,
        rendered,
        reads,
        theme,
    })
}

/// Builds the site and publishes it to the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let model = load(opts)?;
    let staging = Staging::create(&model.config, opts.force)?;
    let (copied, _) = write_site(&staging, &model)?;
    let publish = output::Publish {
        config: &model.config,
        content: &model.content,
        rendered: &model.rendered,
        compress: !opts.no_compress,
    };
    let publish_warnings = output::finish(&staging, &publish)?;
    let output_dir = staging.publish()?;
    Ok(BuildReport {
        languages: summarize(&model.config, &model.content),
        static_files: copied,
        warnings: [model.content.warnings, publish_warnings].concat(),
        output_dir,
        elapsed: started.elapsed(),
    })
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

/// The `@/page.md#anchor` links of document `i` whose heading does not exist.
pub fn anchor_errors(content: &Content, rendered: &[Rendered], i: usize) -> Vec<Diagnostic> {
    let doc = &content.docs[i];
    let mut errors = Vec::new();
    for link in &rendered[i].links {
        let Some(anchor) = &link.anchor else { continue };
        let own = content
            .index
            .get(&(link.path.clone(), doc.lang.clone()))
            .copied();
        let Some(t) = own.or_else(|| content.docs.iter().position(|d| d.key == link.path)) else {
            continue;
        };
        if !rendered[t].anchors.iter().any(|a| a == anchor) {
            let close =
                crate::diag::did_you_mean(anchor, rendered[t].anchors.iter().map(String::as_str));
            let hint = match close {
                Some(c) => format!("did you mean `#{c}`?"),
                None => format!("the page's anchors are: {}", rendered[t].anchors.join(", ")),
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
