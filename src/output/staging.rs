//! The staging folder: a build writes into `.NAME.staging-PID` beside the output and
//! swaps it in only when everything succeeded, so a failed build leaves the previous
//! output byte-identical and a reader never sees a half-written site.
//!
//! - **The swap.** On Linux the staging folder and the output are exchanged in one
//!   `renameat2(RENAME_EXCHANGE)`: there is no moment without a complete output. Where
//!   that is not available (other systems, file systems without it) the output is renamed
//!   aside to `.NAME.old-PID` and the staging folder renamed in its place: two renames,
//!   a moment without `NAME`.
//! - **Interrupted builds cost nothing.** A staging folder carries [`STAGING_MARKER`]
//!   from its creation; the next build removes every `.NAME.staging-PID` and
//!   `.NAME.old-PID` beside the output whose process is gone and that carries one of
//!   profilegen's markers, and never any other folder.
//! - **A disk fault is one error.** No space left, a read-only file system or a quota
//!   is reported once, naming the output's folder and the cause, not once per file.
//!
//! The output folder carries [`MARKER`]. A folder that is not ours, a symlinked output
//! and any output path that would overwrite the project itself (the root, `content/`,
//! `templates/`, `static/`, an ancestor, `/`) are refused before anything is written.

use crate::msg;
use std::fs::File;
use std::path::{Component, Path, PathBuf};

use crate::config::{Config, FILE};
use crate::diag::{Diagnostic, Result};
use crate::fsutil::io_error;

/// The file that marks an output folder as made by profilegen.
pub const MARKER: &str = ".profilegen-output";

/// The file that marks a staging folder as profilegen's while it is being filled.
pub const STAGING_MARKER: &str = ".profilegen-staging";

/// A folder being filled; removed on drop unless published.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
}

impl Staging {
    /// Checks the output path is safe to replace, removes what interrupted builds left
    /// beside it, and creates an empty staging folder there.
    pub fn create(config: &Config, force: bool) -> Result<Staging> {
        guard(config, force)?;
        let target = config.output_dir.clone();
        let parent = target.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent)
            .map_err(|e| io_error(e, parent, crate::fsutil::Action::Create))?;
        let name = output_name(&target);
        remove_stale(parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| io_error(e, &dir, crate::fsutil::Action::Clear))?;
        }
        std::fs::create_dir(&dir)
            .map_err(|e| disk_fault(e, parent, &dir, crate::fsutil::Action::Create))?;
        let staging = Staging {
            dir,
            target,
            published: false,
        };
        let pid = format!("{}\n", std::process::id());
        staging.write(Path::new(STAGING_MARKER), pid.as_bytes())?;
        Ok(staging)
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
            let d = Diagnostic::error(msg!(
                "output-not-plain-path",
                path = rel.display().to_string()
            ));
            return Err(d.with_hint(msg!("output-not-plain-path-hint")));
        }
        Ok(self.dir.join(rel))
    }

    /// Writes `bytes` to `rel`: whole, with no buffer between them and the file.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> std::result::Result<(), Diagnostic> {
        use std::io::Write;
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| self.fault(e, rel, crate::fsutil::Action::CreateFolderFor))?;
        }
        File::create(&path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| self.fault(e, rel, crate::fsutil::Action::Write))
    }

    /// Writes a generated file (`what`: `sitemap`, `feed`, `manifest` or `search`, the
    /// catalog's selector) to `rel`; a file of `static/` or `content/` already published
    /// there is an error rather than silently replaced. The file is created only if
    /// nothing is there (one call, no test of the path first), and its folders only when
    /// they are missing: the search index writes thousands of records into one folder.
    pub fn write_new(
        &self,
        rel: &Path,
        bytes: &[u8],
        what: &str,
    ) -> std::result::Result<(), Diagnostic> {
        use std::io::{ErrorKind, Write};
        let path = self.path_of(rel)?;
        let create = || File::options().write(true).create_new(true).open(&path);
        let created = match create() {
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| self.fault(e, rel, crate::fsutil::Action::CreateFolderFor))?;
                }
                create()
            }
            other => other,
        };
        match created {
            Ok(mut file) => file
                .write_all(bytes)
                .map_err(|e| self.fault(e, rel, crate::fsutil::Action::Write)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Diagnostic::error(msg!(
                "output-generated-taken",
                path = rel.display().to_string(),
                what = what
            ))
            .with_hint(msg!("output-generated-taken-hint"))),
            Err(e) => Err(self.fault(e, rel, crate::fsutil::Action::Write)),
        }
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
                .map_err(|e| self.fault(e, rel, crate::fsutil::Action::CreateFolderFor))?;
        }
        std::fs::copy(from, &path).map(drop).map_err(|e| {
            if is_disk_fault(&e) {
                self.fault(e, rel, crate::fsutil::Action::Copy)
            } else {
                io_error(e, shown, crate::fsutil::Action::Copy)
            }
        })
    }

    /// An error writing `rel` into the staging folder: a disk fault is one error about
    /// the output's folder (every file would fail the same way), anything else names
    /// the file.
    fn fault(&self, e: std::io::Error, rel: &Path, what: crate::fsutil::Action) -> Diagnostic {
        let parent = self.target.parent().unwrap_or(Path::new("/"));
        disk_fault(e, parent, rel, what)
    }

    /// Marks the staging folder as ours and swaps it in place of the output.
    pub fn publish(mut self) -> Result<PathBuf> {
        let marker = "This folder is written by profilegen. It is replaced on every build.\n";
        self.write(Path::new(MARKER), marker.as_bytes())?;
        let _ = std::fs::remove_file(self.dir.join(STAGING_MARKER));
        swap(&self.dir, &self.target)?;
        self.published = true;
        Ok(self.target.clone())
    }
}

/// Puts `staging` in place of `target`, then removes the previous output.
fn swap(staging: &Path, target: &Path) -> Result<()> {
    let had_old = std::fs::symlink_metadata(target).is_ok();
    if !had_old {
        return std::fs::rename(staging, target)
            .map_err(|e| io_error(e, target, crate::fsutil::Action::Publish).into());
    }
    if exchange(staging, target).is_ok() {
        // `staging` now holds the previous output.
        remove_any(staging);
        return Ok(());
    }
    let old = staging.with_file_name(format!(
        ".{}.old-{}",
        output_name(target),
        std::process::id()
    ));
    std::fs::rename(target, &old)
        .map_err(|e| io_error(e, target, crate::fsutil::Action::MoveAside))?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&old, target);
        return Err(io_error(e, target, crate::fsutil::Action::Publish).into());
    }
    remove_any(&old);
    Ok(())
}

/// Exchanges two paths atomically (Linux: `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The output folder's name, as staging and old folders beside it are named after it.
fn output_name(target: &Path) -> String {
    target
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned())
}

/// Removes the staging and old-output folders of builds of `name` that were interrupted:
/// `.NAME.staging-PID` and `.NAME.old-PID` in `parent` whose process is no longer
/// running and that carry a profilegen marker (or are empty: killed before marking).
/// Anything else is left alone, and so is a folder that cannot be removed (the build
/// goes on).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let path = entry.path();
        // Empty: killed between creating the folder and marking it; nothing to lose.
        let empty = std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        let ours = empty || path.join(STAGING_MARKER).is_file() || path.join(MARKER).is_file();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && ours && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// True while process `pid` exists (signal 0 is delivered or refused for permission).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

/// Without a way to ask, every process is taken as running: nothing is removed.
#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// True for errors that no file of the build would escape: the disk is full, read-only
/// or over quota.
fn is_disk_fault(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    matches!(e.kind(), StorageFull | ReadOnlyFilesystem | QuotaExceeded)
}

/// `e` as a diagnostic: a disk fault names the folder the site is written in (one
/// message for every file, so the report collapses to one), anything else the file.
fn disk_fault(
    e: std::io::Error,
    folder: &Path,
    shown: &Path,
    what: crate::fsutil::Action,
) -> Diagnostic {
    if !is_disk_fault(&e) {
        return io_error(e, shown, what);
    }
    Diagnostic::error(msg!(
        "output-disk-fault",
        folder = folder.display().to_string(),
        reason = crate::fsutil::io_reason(&e),
        detail = e.to_string()
    ))
    .with_hint(msg!("output-disk-fault-hint"))
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
    if let Some((what, folder)) = fatal {
        return Err(located(
            config,
            msg!(
                "output-destroys",
                path = out.display().to_string(),
                what = what,
                folder = folder
            ),
        )
        .with_hint(msg!("output-destroys-hint"))
        .into());
    }
    let meta = std::fs::symlink_metadata(out);
    if let Ok(m) = &meta {
        if m.file_type().is_symlink() && !force {
            let message = msg!("output-symlink", path = out.display().to_string());
            return Err(located(config, message)
                .with_hint(msg!("output-symlink-hint"))
                .into());
        }
        if m.is_file() {
            let message = msg!("output-is-file", path = out.display().to_string());
            return Err(located(config, message)
                .with_hint(msg!("output-is-file-hint"))
                .into());
        }
        if m.is_dir() && !force && !out.join(MARKER).exists() && !is_empty_dir(out) {
            let message = msg!("output-not-ours", path = out.display().to_string());
            return Err(located(config, message)
                .with_hint(msg!("output-not-ours-hint", marker = MARKER))
                .into());
        }
    }
    Ok(())
}

/// What `out` would destroy if it were replaced: the filesystem root, the project, an
/// ancestor of it, one of its source folders, or the folder of its statistics file (the
/// catalog's selector, and the folder or file it names).
fn destroys(out: &Path, root: &Path, stats: Option<&Path>) -> Option<(&'static str, String)> {
    if out.parent().is_none() {
        return Some(("root", String::new()));
    }
    if root.starts_with(out) {
        return Some((
            if out == root { "project" } else { "ancestor" },
            String::new(),
        ));
    }
    let source = ["content", "templates", "static"]
        .into_iter()
        .find(|d| out.starts_with(root.join(d)))
        .map(|d| ("source", d.to_owned()));
    source.or_else(|| {
        let stats = stats?;
        root.join(stats)
            .starts_with(out)
            .then(|| ("stats", stats.display().to_string()))
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
