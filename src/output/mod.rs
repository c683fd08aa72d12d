//! Output: where every file goes ([`layout`]), the staging folder a build fills and
//! swaps in only when the whole build succeeded ([`Staging`]), and the publish stages.
//!
//! Before the swap the publish stages fill in what makes the site findable and fast:
//! [`assets`] (fingerprinted CSS and JS, `asset-manifest.json`), [`sitemap`] (and
//! `robots.txt`), [`feed`] (Atom per language), then side by side [`search`] (the
//! Pagefind index, whose text files it compresses itself) and [`compress`] (`.gz` and
//! `.br` beside every other text file). Two sources that would write one file are
//! refused before anything is written ([`check_plan`]).

pub mod assets;
pub mod compress;
pub mod feed;
pub mod layout;
pub mod portable;
pub mod print;
pub mod redirects;
pub mod search;
pub mod sitemap;
mod staging;
pub mod urls;
mod xml;

pub use staging::{MARKER, STAGING_MARKER, Staging};

use crate::msg;
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
}

/// Runs the publish stages over the written site (pages, generated pages, files and
/// fingerprinted copies): sitemap and robots.txt, feeds, then the search index (from
/// `index`, built while the pages were written) beside the compression of everything
/// else, so that the index's last steps, partly on one thread, share the cores with it.
/// Returns warnings.
pub fn finish(
    staging: &Staging,
    p: &Publish,
    index: Option<crate::search::Indexer>,
) -> Result<Vec<Diagnostic>> {
    sitemap::write(staging, p.config, p.content)?;
    let warnings = feed::write(staging, p.config, p.content, p.html)?;
    if p.config.portable {
        portable::relativize(staging.dir(), p.config)?;
    }
    // A portable copy is read from files: no server to send its .gz or .br.
    let compress = p.compress && !p.config.portable;
    let bundle = index.is_some().then_some(Path::new(search::BUNDLE_DIR));
    let (searched, compressed) = rayon::join(
        || index.map_or(Ok(()), |index| search::write(staging, index, compress)),
        || {
            if compress {
                compress::compress_dir(staging.dir(), bundle).map(drop)
            } else {
                Ok(())
            }
        },
    );
    match (searched, compressed) {
        (Err(Diagnostics(mut a)), Err(Diagnostics(b))) => {
            a.extend(b);
            Err(Diagnostics(a))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(warnings),
    }
}

/// Writes the redirect pages (aliases, `page/1/`) and `_redirects`, then the URL
/// manifest; returns a warning for each URL the output at `previous` published that this
/// build does not (none when it has no manifest).
pub fn write_urls(
    staging: &Staging,
    config: &Config,
    content: &Content,
    plan: Vec<urls::Planned>,
    previous: &Path,
) -> Result<Vec<Diagnostic>> {
    for (rel, bytes) in redirects::files(config, content, &plan) {
        staging.write(&rel, &bytes)?;
    }
    let published = urls::published(config, content, plan);
    staging.write(
        Path::new(urls::MANIFEST),
        urls::manifest(&published).as_bytes(),
    )?;
    Ok(urls::read_manifest(previous)
        .map(|before| urls::lost(config, &before, &published))
        .unwrap_or_default())
}

/// Writes the processed copies of every photo beside where its source is
/// (`content/tech/photo.jpg` → `tech/photo.3f9a1c2b7d.800.webp`, …), from the cache.
pub fn write_photos(
    staging: &Staging,
    photos: &crate::images::Photos,
    cache: &crate::images::Cache,
) -> Result<()> {
    let jobs: Vec<(PathBuf, &Path, PathBuf)> = photos
        .iter()
        .filter_map(|(rel, r)| Some((rel, r.as_ref().ok()?)))
        .flat_map(|(rel, p)| {
            crate::images::published_files(rel, p)
                .into_iter()
                .map(move |(out, v)| (cache.file(v), rel.as_path(), PathBuf::from(out)))
        })
        .collect();
    copy_all(staging, &jobs).map(|_| ())
}

/// Writes the copies templates' `image()` made (output path, cached file).
pub fn write_made_images(staging: &Staging, made: &[(PathBuf, PathBuf)]) -> Result<()> {
    let jobs: Vec<(PathBuf, &Path, PathBuf)> = made
        .iter()
        .map(|(out, cached)| (cached.clone(), cached.as_path(), out.clone()))
        .collect();
    copy_all(staging, &jobs).map(|_| ())
}

/// Copies each (source, path shown in messages, output path) in parallel; returns how
/// many. Every failure is reported (a full disk once).
fn copy_all(staging: &Staging, jobs: &[(PathBuf, &Path, PathBuf)]) -> Result<usize> {
    use rayon::prelude::*;
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

/// True for a photo of `content/` that is published as processed copies, not as itself.
pub fn processed_photo(config: &Config, asset: &crate::content::Asset) -> bool {
    let rel = asset
        .source
        .strip_prefix(&config.root)
        .unwrap_or(&asset.source);
    crate::images::is_photo(rel) && !config.keeps_original(rel)
}

/// Copies `static/` and the non-Markdown files of `content/`; returns how many.
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
                layout::static_output(rel),
            )
        })
        .chain(
            content
                .assets
                .iter()
                .filter(|a| !processed_photo(config, a))
                .map(|a| {
                    (
                        a.source.clone(),
                        a.source.strip_prefix(&config.root).unwrap_or(&a.source),
                        a.output.clone(),
                    )
                }),
        )
        .collect();
    copy_all(staging, &jobs)
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
    let planned = urls::plan(config, content, static_files, with_stats);
    let mut seen: HashMap<String, &urls::Planned> = HashMap::new();
    let mut errors = Vec::new();
    for p in &planned {
        let key = p.file.to_string_lossy().to_lowercase();
        match seen.get(&key) {
            Some(first) => errors.push(collision(content, first, p)),
            None => drop(seen.insert(key, p)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

fn collision(content: &Content, first: &urls::Planned, second: &urls::Planned) -> Diagnostic {
    use urls::Kind;
    let name = |p: &urls::Planned| {
        let kind = match p.kind {
            Kind::Redirect if p.file.ends_with("page/1/index.html") => "first-page",
            Kind::Redirect => "alias",
            Kind::Pager => "pager",
            _ => "file",
        };
        msg!(
            "output-collision-part",
            kind = kind,
            source = p.source.display().to_string()
        )
    };
    let d = Diagnostic::error(msg!(
        "output-collision",
        first = name(first),
        second = name(second),
        url = second.url_path()
    ));
    let hint = if first.redirect.is_some() || second.redirect.is_some() {
        msg!("output-collision-alias-hint")
    } else {
        msg!("output-collision-hint")
    };
    // Point at the alias that names the URL, when one does.
    let alias = [second, first].into_iter().find_map(|p| {
        let doc = content.docs.iter().find(|d| d.path == p.source)?;
        let url = p.url_path();
        let a = doc
            .meta
            .aliases
            .iter()
            .find(|a| crate::content::alias_path(a.get_ref()).is_ok_and(|path| path == url))?;
        Some((doc, a.span()))
    });
    match alias {
        Some((doc, span)) => d.in_file(&doc.path).at(&doc.text, span),
        None => d.in_file(&second.source),
    }
    .with_hint(hint)
}
