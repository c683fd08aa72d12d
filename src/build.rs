//! The build: runs the stages in order and publishes the result atomically.
//!
//! config → content → stats → the page pass ([`pass`]: Markdown and templates in
//! parallel, each page written as soon as it is rendered; sections and the home page,
//! which list pages, after them) → link check → static files and data downloads →
//! publish. Any error leaves the previous output untouched.

mod pass;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, Content};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil;
use crate::lookup::Lookup;
use crate::output::Staging;
use crate::render::{Pages, Theme};
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
    let pages = Pages::new(&content, &lookup);
    let theme = Theme::load(&config.root, &lookup);
    let early = early_staging(&config, &content, &theme, opts.force);
    let sink = match (&theme, &early) {
        (Ok(theme), Some(staging)) => Some(Sink { theme, staging }),
        _ => None,
    };
    let first = pass::first_pass(&config, &content, &lookup, &pages, sink);
    if !first.markdown_errors.is_empty() {
        return Err(Diagnostics(first.markdown_errors));
    }
    check_anchors(&content, &first.done)?;
    let theme = theme?;
    check_templates(&content, &theme)?;
    let staging = match early {
        Some(staging) => staging,
        None => Staging::create(&config, opts.force)?,
    };
    let sink = Sink {
        theme: &theme,
        staging: &staging,
    };
    pass::second_pass(sink, &pages, &content, &config, first)?;
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

/// The staging folder, made before the page pass so that pages are written as they are
/// rendered: only when the theme, its templates and the output folder are all fine and
/// the output's parent exists (an error is then reported in its usual order, and a
/// failed build creates no folder). Otherwise every page waits for the second pass.
fn early_staging(
    config: &Config,
    content: &Content,
    theme: &Result<Theme>,
    force: bool,
) -> Option<Staging> {
    let theme = theme.as_ref().ok()?;
    check_templates(content, theme).ok()?;
    let parent = config.output_dir.parent()?;
    if !parent.is_dir() {
        return None;
    }
    Staging::create(config, force).ok()
}

/// Every `@/page.md#anchor` must name a heading that exists on that page.
fn check_anchors(content: &Content, done: &[Done]) -> Result<()> {
    let mut errors = Vec::new();
    for (doc, r) in content.docs.iter().zip(done) {
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
            if !done[t].anchors.iter().any(|a| a == anchor) {
                let close =
                    crate::diag::did_you_mean(anchor, done[t].anchors.iter().map(String::as_str));
                let hint = match close {
                    Some(c) => format!("did you mean `#{c}`?"),
                    None => format!("the page's anchors are: {}", done[t].anchors.join(", ")),
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
