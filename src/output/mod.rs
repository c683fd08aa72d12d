//! Output: a staging folder beside the output, swapped in only when the whole build
//! succeeded, so a failed build leaves the previous site byte-identical.
//!
//! Before the swap the publish stages fill in what makes the site findable and fast:
//! [`assets`] (fingerprinted CSS and JS, `asset-manifest.json`), [`sitemap`] (and
//! `robots.txt`), [`feed`] (Atom per language), [`search`] (the Pagefind index and the
//! search pages) and, last, [`compress`] (`.gz` and `.br` beside every text file).
//!
//! The output folder carries a marker file saying profilegen made it. A folder that is
//! not ours, a symlinked output and any output path that would overwrite the project
//! itself (the root, `content/`, `templates/`, `static/`, an ancestor, `/`) are refused
//! before anything is written, and so are two sources that would write one file.

pub mod assets;
pub mod compress;
pub mod feed;
pub mod layout;
pub mod search;
pub mod sitemap;
mod xml;

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Component, Path, PathBuf};

use crate::config::{Config, FILE};
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil::io_error;

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
pub fn write_data(staging: &Staging, stats: &crate::stats::Stats) -> Result<()> {
    for (rel, bytes) in data_files(stats) {
        staging.write(Path::new(rel), bytes.as_bytes())?;
    }
    Ok(())
}

/// The statistics downloads and their text: CSV, then JSON.
pub fn data_files(stats: &crate::stats::Stats) -> [(&'static str, String); 2] {
    [
        (layout::STATS_CSV, stats.to_csv()),
        (layout::STATS_JSON, stats.to_json()),
    ]
}

/// The file that marks an output folder as made by profilegen.
pub const MARKER: &str = ".profilegen-output";

/// A folder being filled; removed on drop unless published.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
}

impl Staging {
    /// Checks the output path is safe to replace and creates an empty staging folder beside it.
    pub fn create(config: &Config, force: bool) -> Result<Staging> {
        guard(config, force)?;
        let target = config.output_dir.clone();
        let parent = target.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent).map_err(|e| io_error(e, parent, "cannot create"))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_error(e, &dir, "cannot clear"))?;
        }
        std::fs::create_dir(&dir).map_err(|e| io_error(e, &dir, "cannot create"))?;
        Ok(Staging {
            dir,
            target,
            published: false,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Path of `rel` inside the staging folder; refuses anything that would leave it.
    pub fn path_of(&self, rel: &Path) -> std::result::Result<PathBuf, Diagnostic> {
        let escapes = rel.components().any(|c| !matches!(c, Component::Normal(_)));
        if escapes || rel.as_os_str().is_empty() {
            let d = Diagnostic::error(format!(
                "refusing to write `{}`: it is not a plain path inside the output",
                rel.display()
            ));
            return Err(d.with_hint("this is a bug in a path check; please report it"));
        }
        Ok(self.dir.join(rel))
    }

    /// Creates `rel` (and its folders) for writing.
    pub fn create_file(&self, rel: &Path) -> std::result::Result<BufWriter<File>, Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io_error(e, rel, "cannot create folder for"))?;
        }
        let file = File::create(&path).map_err(|e| io_error(e, rel, "cannot write"))?;
        Ok(BufWriter::with_capacity(64 * 1024, file))
    }

    /// Writes `bytes` to `rel`.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> std::result::Result<(), Diagnostic> {
        use std::io::Write;
        let mut f = self.create_file(rel)?;
        f.write_all(bytes)
            .and_then(|_| f.flush())
            .map_err(|e| io_error(e, rel, "cannot write"))
    }

    /// Writes a generated file (`what`: "the sitemap") to `rel`; a file of `static/` or
    /// `content/` already published there is an error rather than silently replaced.
    pub fn write_new(
        &self,
        rel: &Path,
        bytes: &[u8],
        what: &str,
    ) -> std::result::Result<(), Diagnostic> {
        if self.path_of(rel)?.exists() {
            return Err(Diagnostic::error(format!(
                "`{}` is both a file of the site and {what}, which profilegen writes there",
                rel.display()
            ))
            .with_hint("rename or remove that file in static/ or content/"));
        }
        self.write(rel, bytes)
    }

    /// Copies a source file to `rel`.
    pub fn copy(
        &self,
        from: &Path,
        shown: &Path,
        rel: &Path,
    ) -> std::result::Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io_error(e, rel, "cannot create folder for"))?;
        }
        std::fs::copy(from, &path)
            .map(drop)
            .map_err(|e| io_error(e, shown, "cannot copy"))
    }

    /// Marks the staging folder as ours and swaps it in place of the output.
    pub fn publish(mut self) -> Result<PathBuf> {
        let marker = "This folder is written by profilegen. It is replaced on every build.\n";
        self.write(Path::new(MARKER), marker.as_bytes())?;
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map_or("public".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        let had_old = std::fs::symlink_metadata(&self.target).is_ok();
        if had_old {
            std::fs::rename(&self.target, &old)
                .map_err(|e| io_error(e, &self.target, "cannot move aside"))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(io_error(e, &self.target, "cannot publish to").into());
        }
        self.published = true;
        if had_old {
            remove_any(&old);
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn remove_any(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => drop(std::fs::remove_dir_all(p)),
        Ok(_) => drop(std::fs::remove_file(p)),
        Err(_) => {}
    }
}

/// Refuses output paths that would destroy the project or someone else's folder.
///
/// The project-destroying paths are checked twice: as written, and with the symlinks of
/// the output's existing ancestors resolved, so `alias/content` with `alias -> .` is
/// seen for what it is.
fn guard(config: &Config, force: bool) -> Result<()> {
    let out = &config.output_dir;
    let real_root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
    let stats = config.stats.as_deref();
    let fatal =
        destroys(out, &config.root, stats).or_else(|| destroys(&resolved(out), &real_root, stats));
    if let Some(what) = fatal {
        return Err(located(
            config,
            format!(
                "output folder `{}` is {what}; building there would destroy it",
                out.display()
            ),
        )
        .with_hint("set `output_dir` to a folder of its own, such as \"public\"")
        .into());
    }
    let meta = std::fs::symlink_metadata(out);
    if let Ok(m) = &meta {
        if m.file_type().is_symlink() && !force {
            return Err(located(config, format!("output folder `{}` is a symlink", out.display()))
                .with_hint("point `output_dir` at the real folder, or pass --force to replace the link with a folder")
                .into());
        }
        if m.is_file() {
            return Err(
                located(config, format!("output path `{}` is a file", out.display()))
                    .with_hint("choose a folder path")
                    .into(),
            );
        }
        if m.is_dir() && !force && !out.join(MARKER).exists() && !is_empty_dir(out) {
            return Err(located(config, format!("output folder `{}` has files that profilegen did not write", out.display()))
                .with_hint(format!("move them away or choose another `output_dir`; pass --force to replace the folder anyway (profilegen marks its own output with `{MARKER}`)"))
                .into());
        }
    }
    Ok(())
}

/// What `out` would destroy if it were replaced: the filesystem root, the project, an
/// ancestor of it, one of its source folders, or the folder of its statistics file.
fn destroys(out: &Path, root: &Path, stats: Option<&Path>) -> Option<String> {
    if out.parent().is_none() {
        return Some("the filesystem root".to_owned());
    }
    if root.starts_with(out) {
        return Some(if out == root {
            "the project folder itself".to_owned()
        } else {
            "an ancestor of the project".to_owned()
        });
    }
    let source = ["content", "templates", "static"]
        .into_iter()
        .find(|d| out.starts_with(root.join(d)))
        .map(|d| format!("inside the project's `{d}` folder"));
    source.or_else(|| {
        let stats = stats?;
        root.join(stats)
            .starts_with(out)
            .then(|| format!("the folder of the statistics file `{}`", stats.display()))
    })
}

/// `out` with the symlinks of its existing ancestors resolved; the last component is kept
/// as written, so a symlinked output folder is still seen as the link it is.
fn resolved(out: &Path) -> PathBuf {
    let (Some(mut existing), Some(name)) = (out.parent(), out.file_name()) else {
        return out.to_path_buf();
    };
    let mut missing = vec![name];
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return missing.iter().rev().fold(real, |p, n| p.join(n));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(up), Some(n)) => {
                missing.push(n);
                existing = up;
            }
            _ => return out.to_path_buf(),
        }
    }
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

fn located(config: &Config, message: String) -> Diagnostic {
    let d = Diagnostic::error(message);
    match &config.output_dir_span {
        Some(span) => d.in_file(FILE).at(&config.source, span.clone()),
        None => d,
    }
}

fn is_empty_dir(p: &Path) -> bool {
    std::fs::read_dir(p)
        .map(|mut r| r.next().is_none())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;

    use super::*;
    use crate::fsutil::normalize;

    fn rel_path() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "..",
                ".",
                "/",
                "//",
                "\\",
                "C:",
                "c:\\",
                "%2e%2e",
                "en",
                "index.html",
                "~",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z0-9_.%:/\\\\-]{1,8}",
            "\\PC{1,3}",
        ];
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    #[test]
    fn a_staged_path_is_always_inside_the_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&crate::config::for_tests(dir.path()), false).unwrap();
        let mut runner = TestRunner::new(ProptestConfig::with_cases(4000));
        let result = runner.run(&rel_path(), |rel| {
            if let Ok(path) = staging.path_of(Path::new(&rel)) {
                let inside = normalize(&path);
                prop_assert!(inside.starts_with(staging.dir()), "{rel:?} -> {path:?}");
                prop_assert!(
                    inside != staging.dir(),
                    "{rel:?} is the staging folder itself"
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }

    #[test]
    fn path_of_refuses_what_is_not_a_plain_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::create(&crate::config::for_tests(dir.path()), false).unwrap();
        for bad in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "./x",
            "a/./../b",
            ".",
        ] {
            assert!(staging.path_of(Path::new(bad)).is_err(), "{bad:?}");
        }
        assert_eq!(
            staging.path_of(Path::new("en/tech/index.html")).unwrap(),
            staging.dir().join(PathBuf::from("en/tech/index.html"))
        );
    }
}
