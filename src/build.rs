//! The build: runs the stages in order and publishes the result atomically.
//!
//! config → content → stats → markdown (parallel) → link check → templates (parallel,
//! each page written as soon as it is rendered) → static files and data downloads →
//! publish. Any error leaves the previous output untouched.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, Content};
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

/// Builds the site and publishes it to the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Arc::new(Config::load(&opts.root, &opts.overrides)?);
    let content = content::load(&config, opts.drafts)?;
    let stats = load_stats(&config)?;
    let static_files = fsutil::walk_files(&config.root, Path::new("static"))?;
    let lookup = Arc::new(Lookup::new(
        Arc::clone(&config),
        &content,
        static_names(&static_files),
        stats,
    ));
    let rendered = render_markdown(&config, &content, &lookup)?;
    check_anchors(&content, &rendered)?;
    let theme = Theme::load(&config.root, &lookup)?;
    check_templates(&content, &theme)?;
    output::check_plan(&config, &content, &static_files, lookup.stats.is_some())?;
    let staging = Staging::create(&config, opts.force)?;
    write_pages(
        &staging,
        &theme,
        &Pages::new(&content, &rendered, &lookup),
        &content,
        &config,
    )?;
    let copied = copy_files(&staging, &config, &static_files, &content)?;
    if let Some(stats) = &lookup.stats {
        staging.write(Path::new("data/stats.csv"), stats.to_csv().as_bytes())?;
        staging.write(Path::new("data/stats.json"), stats.to_json().as_bytes())?;
    }
    let output_dir = staging.publish()?;
    Ok(BuildReport {
        languages: summarize(&config, &content),
        static_files: copied,
        warnings: content.warnings,
        output_dir,
        elapsed: started.elapsed(),
    })
}

fn load_stats(config: &Config) -> Result<Option<Arc<Stats>>> {
    let Some(rel) = &config.stats else {
        return Ok(None);
    };
    let text = fsutil::read_text(&config.root.join(rel), rel)?;
    let langs: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    Ok(Some(Arc::new(stats::load(rel, &text, &langs)?)))
}

fn static_names(files: &[PathBuf]) -> HashSet<String> {
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
fn render_markdown(config: &Config, content: &Content, lookup: &Lookup) -> Result<Vec<Rendered>> {
    let results: Vec<_> = content
        .docs
        .par_iter()
        .map(|d| {
            let input = markdown::Input {
                file: &d.path,
                text: &d.text,
                body: d.body.clone(),
                lang: &d.lang,
            };
            markdown::render(&input, &config.markdown, lookup)
        })
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(r) => rendered.push(r),
            Err(e) => errors.extend(e),
        }
    }
    if errors.iter().any(Diagnostic::is_error) {
        Err(Diagnostics(errors))
    } else {
        Ok(rendered)
    }
}

/// Every `@/page.md#anchor` must name a heading that exists on that page.
fn check_anchors(content: &Content, rendered: &[Rendered]) -> Result<()> {
    let mut errors = Vec::new();
    for (doc, r) in content.docs.iter().zip(rendered) {
        for link in &r.links {
            let Some(anchor) = &link.anchor else { continue };
            let own = content
                .index
                .get(&(link.path.clone(), doc.lang.clone()))
                .copied();
            let Some(t) = own.or_else(|| content.docs.iter().position(|d| d.key == link.path))
            else {
                continue;
            };
            if !rendered[t].anchors.iter().any(|a| a == anchor) {
                let close = crate::diag::did_you_mean(
                    anchor,
                    rendered[t].anchors.iter().map(String::as_str),
                );
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
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// A `template = "…"` that the theme does not have is an error at that key.
fn check_templates(content: &Content, theme: &Theme) -> Result<()> {
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

/// Renders and writes every page in parallel, then each language's 404 page.
fn write_pages(
    staging: &Staging,
    theme: &Theme,
    pages: &Pages,
    content: &Content,
    config: &Config,
) -> Result<()> {
    let errors: Vec<Diagnostic> = content
        .docs
        .par_iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let template = crate::render::context::template_name(doc);
            render_one(staging, &doc.output_file(), |out| {
                theme.render_to(template, &pages.context(i), out, Some(&doc.path))
            })
            .err()
        })
        .collect();
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    for lang in &config.languages {
        let file = PathBuf::from(format!("{}404.html", lang.prefix));
        render_one(staging, &file, |out| {
            theme.render_to("404.html", &pages.not_found_context(lang), out, None)
        })?;
    }
    Ok(())
}

fn render_one(
    staging: &Staging,
    file: &Path,
    render: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::result::Result<(), Diagnostic>,
) -> std::result::Result<(), Diagnostic> {
    let mut out = staging.create_file(file)?;
    render(&mut out)?;
    out.flush()
        .map_err(|e| fsutil::io_error(e, file, "cannot write"))
}

/// Copies `static/` and the non-Markdown files of `content/`.
fn copy_files(
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
