//! Output: where every file goes ([`layout`]), the staging folder a build fills and
//! swaps in only when the whole build succeeded ([`Staging`]), and the publish stages.
//!
//! Before the swap the publish stages fill in what makes the site findable and fast:
//! [`assets`] (fingerprinted CSS and JS, `asset-manifest.json`), [`sitemap`] (and
//! `robots.txt`), [`feed`] (Atom per language), [`search`] (the Pagefind index) and,
//! last, [`compress`] (`.gz` and `.br` beside every text file). Two sources that would
//! write one file are refused before anything is written ([`check_plan`]).

pub mod assets;
pub mod compress;
pub mod feed;
pub mod layout;
pub mod search;
pub mod sitemap;
mod staging;
mod xml;

pub use staging::{MARKER, STAGING_MARKER, Staging};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Result};

/// Generated files: each one's path below the output folder and its bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// What the publish stages read.
pub struct Publish<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The site's documents.
    pub content: &'a crate::content::Content,
    /// The rendered HTML of a document by index: the feeds carry it (at least the
    /// documents of [`feed::entry_docs`] must have it).
    pub html: &'a feed::HtmlOf<'a>,
    /// Write `.gz` and `.br` beside every text file (`build --no-compress` turns it off).
    pub compress: bool,
    /// Build the search index (when the site has search on).
    pub index_search: bool,
}

/// Runs the publish stages over the written site (pages, generated pages, files and
/// fingerprinted copies), in order: sitemap and robots.txt,
/// feeds, search index, and compression last (so it covers everything). Returns warnings.
pub fn finish(staging: &Staging, p: &Publish) -> Result<Vec<Diagnostic>> {
    sitemap::write(staging, p.config, p.content)?;
    let warnings = feed::write(staging, p.config, p.content, p.html)?;
    if p.config.search && p.index_search {
        search::index(staging, p.content)?;
    }
    if p.compress {
        compress::compress_dir(staging.dir())?;
    }
    Ok(warnings)
}

/// Copies `static/` and the non-Markdown files of `content/`; returns how many.
pub fn copy_files(
    staging: &Staging,
    config: &Config,
    static_files: &[PathBuf],
    content: &Content,
) -> Result<usize> {
    use rayon::prelude::*;
    let jobs: Vec<(PathBuf, &Path, PathBuf)> = static_files
        .iter()
        .map(|rel| {
            (
                config.root.join(rel),
                rel.as_path(),
                layout::static_output(rel),
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
        Err(Diagnostics(crate::diag::collapse(errors)))
    }
}

/// Writes the statistics downloads ([`layout::DATA_DOWNLOADS`]).
pub fn write_data(staging: &Staging, config: &Config, stats: &crate::stats::Stats) -> Result<()> {
    for (rel, bytes) in data_files(config, stats) {
        staging.write(Path::new(rel), bytes.as_bytes())?;
    }
    Ok(())
}

/// The statistics downloads and their text: CSV, JSON, then the data package.
pub fn data_files(config: &Config, stats: &crate::stats::Stats) -> [(&'static str, String); 3] {
    let language = config.default_language();
    let meta = crate::stats::PackageMeta {
        title: &language.title,
        description: &language.description,
        homepage: &config.permalink(""),
    };
    [
        (layout::STATS_CSV, stats.to_csv()),
        (layout::STATS_JSON, stats.to_json()),
        (layout::DATAPACKAGE, stats.to_datapackage(&meta)),
    ]
}

/// Refuses two sources that would write one output file: a page, a language's 404 page,
/// a file of `content/` or `static/`, or a statistics download. Checked before anything
/// is written, so a file in `static/` can never silently replace a generated page (or
/// race another copy). Paths compare case-insensitively, as on Windows and macOS hosts.
pub fn check_plan(
    config: &Config,
    content: &Content,
    static_files: &[PathBuf],
    with_stats: bool,
) -> Result<()> {
    let pages = content
        .docs
        .iter()
        .map(|d| (d.output_file(), d.path.clone()));
    let generated = crate::render::generated_pages(config).map(|(kind, lang)| {
        let template = Path::new("templates").join(kind.template());
        (kind.file(lang), template)
    });
    let assets = content.assets.iter().map(|a| {
        let shown = a.source.strip_prefix(&config.root).unwrap_or(&a.source);
        (a.output.clone(), shown.to_path_buf())
    });
    let statics = static_files
        .iter()
        .map(|rel| (layout::static_output(rel), rel.clone()));
    let downloads = layout::DATA_DOWNLOADS
        .into_iter()
        .filter(|_| with_stats)
        .map(|out| (PathBuf::from(out), config.stats.clone().unwrap_or_default()));
    let planned = pages
        .chain(generated)
        .chain(assets)
        .chain(statics)
        .chain(downloads);
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut errors = Vec::new();
    for (out, source) in planned {
        let key = out.to_string_lossy().to_lowercase();
        match seen.get(&key) {
            Some(first) => errors.push(collision(first, &source, &out)),
            None => drop(seen.insert(key, source)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

fn collision(first: &Path, second: &Path, out: &Path) -> Diagnostic {
    let d = Diagnostic::error(format!(
        "`{}` and `{}` would both be written to `/{}`",
        first.display(),
        second.display(),
        out.display()
    ));
    d.in_file(second)
        .with_hint("rename or remove one of them; a file in static/ or content/ may not replace a generated page or another file")
}
