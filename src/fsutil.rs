//! Filesystem helpers that put the path into every error, and text decoding.
//!
//! Every read of a user's file goes through [`read_text`]: it names the file on failure,
//! strips a UTF-8 byte-order mark, turns CRLF into LF (so Windows and Unix editors give
//! byte-identical output), and explains a GBK or UTF-16 file instead of failing with a
//! bare "invalid UTF-8".

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Result};
use crate::msg;

/// Reads a text file; `shown` is the path to print (relative to the site).
pub fn read_text(path: &Path, shown: &Path) -> Result<Arc<str>> {
    let meta =
        std::fs::metadata(path).map_err(|e| io_error(e, shown, crate::fsutil::Action::Read))?;
    check_regular(meta.file_type(), shown)?;
    let bytes = std::fs::read(path).map_err(|e| io_error(e, shown, crate::fsutil::Action::Read))?;
    decode(bytes, shown)
}

/// Decodes a file's bytes as UTF-8 text with LF line endings.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<Arc<str>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let which = if bytes[0] == 0xFF {
            "UTF-16 LE"
        } else {
            "UTF-16 BE"
        };
        let d = Diagnostic::error(msg!("file-utf16", encoding = which));
        return Err(d.in_file(shown).with_hint(msg!("file-utf16-hint")).into());
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    // Validated in place: the only copy is the one into the shared `Arc<str>`.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            return Err(not_utf8(e.as_bytes(), valid_up_to, shown).into());
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    Ok(Arc::from(text))
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, shown: &Path) -> Diagnostic {
    let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
    let (line, col) = crate::diag::line_col(&lossy, valid_up_to);
    let rest = &bytes[valid_up_to..];
    let gbk_lead = |b: u8| (0x81..=0xFE).contains(&b);
    let gbk_like =
        rest.len() >= 2 && gbk_lead(rest[0]) && (0x40..=0xFE).contains(&rest[1]) && rest[1] != 0x7F;
    let gbk = if gbk_like { "yes" } else { "no" };
    let end = (valid_up_to + '\u{FFFD}'.len_utf8()).min(lossy.len());
    Diagnostic::error(msg!("file-not-utf8", line = line, column = col, gbk = gbk))
        .in_file(shown)
        .at(&lossy, valid_up_to..end)
        .with_hint(msg!("file-not-utf8-hint"))
}

/// An I/O error as a diagnostic naming the file.
pub fn io_error(e: std::io::Error, shown: &Path, what: Action) -> Diagnostic {
    let reason = io_reason(&e);
    Diagnostic::error(msg!(
        "io-error",
        action = what.key(),
        path = shown.display().to_string(),
        reason = reason,
        detail = e.to_string()
    ))
    .in_file(shown)
    .with_hint(msg!("io-error-hint", reason = reason))
}

/// What profilegen was doing with a file when the system refused (the catalog words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Reading a file or folder.
    Read,
    /// Moving the new output into place.
    Publish,
    /// Writing a file.
    Write,
    /// Creating a file or folder.
    Create,
    /// Moving the previous output aside.
    MoveAside,
    /// Reading a file's modification time.
    ReadTime,
    /// Copying a file.
    Copy,
    /// Writing a compressed copy.
    Compress,
    /// Opening the project folder.
    Open,
    /// Removing a file or folder.
    Remove,
    /// Creating the folder a file goes in.
    CreateFolderFor,
    /// Emptying a folder.
    Clear,
    /// Setting a file's modification time.
    SetTime,
    /// Creating a folder inside another (a temporary one).
    CreateFolderIn,
}

impl Action {
    /// The catalog's selector for it (`io-error`).
    pub fn key(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Publish => "publish",
            Action::Write => "write",
            Action::Create => "create",
            Action::MoveAside => "move-aside",
            Action::ReadTime => "read-time",
            Action::Copy => "copy",
            Action::Compress => "compress",
            Action::Open => "open",
            Action::Remove => "remove",
            Action::CreateFolderFor => "create-folder-for",
            Action::Clear => "clear",
            Action::SetTime => "set-time",
            Action::CreateFolderIn => "create-folder-in",
        }
    }
}

/// What went wrong with a file, as the catalog's selector: `permission`, `not-found`,
/// `exists`, `full`, `read-only` or `other` (which shows the system's own words).
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "permission",
        K::NotFound => "not-found",
        K::AlreadyExists => "exists",
        K::StorageFull | K::QuotaExceeded => "full",
        K::ReadOnlyFilesystem => "read-only",
        _ => "other",
    }
}

/// Makes a path absolute against the current directory, without touching the disk.
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    normalize(&joined)
}

/// Removes `.` and resolves `..` lexically.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Checks a path written by a user is relative and stays inside the project.
pub fn relative_in_project(raw: &str) -> std::result::Result<PathBuf, String> {
    check_segment_chars(raw)?;
    let p = Path::new(raw);
    if p.is_absolute() || raw.starts_with(['/', '\\']) {
        return Err(msg!("path-absolute", path = raw));
    }
    if p.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(msg!("path-parent", path = raw));
    }
    Ok(normalize(p))
}

/// Refuses the spellings that smuggle a path out: `..`, percent-encoded dots and
/// slashes, drive letters, NUL; the drive letter, `..` and NUL also when they are only
/// visible after percent-decoding (`%43:`), as a web server would decode them.
pub fn check_segment_chars(raw: &str) -> std::result::Result<(), String> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") {
        return Err(msg!("path-percent-encoded", path = raw));
    }
    let decoded = percent_decoded(raw);
    for form in [raw, decoded.as_str()] {
        if form.contains('\0') {
            return Err(msg!("path-nul", path = raw));
        }
        let b = form.as_bytes();
        if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
            return Err(msg!("path-drive-letter", path = raw));
        }
        if form.split(['/', '\\']).any(|s| s == "..") {
            return Err(msg!("path-dot-dot", path = raw));
        }
    }
    Ok(())
}

/// `raw` with each `%XX` replaced by its byte (invalid UTF-8 shown as U+FFFD).
fn percent_decoded(raw: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    decoded.into_owned()
}

/// Every file below `root/dir`, as paths relative to `root`, sorted.
///
/// Hidden files (`.DS_Store`, editor swap files) are left out. A symlink is followed only
/// when it points to a file inside the project; one that leads outside, loops or dangles
/// is an error naming it, and so is any error of the walk itself: nothing is skipped
/// silently.
pub fn walk_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let start = root.join(dir);
    if !start.is_dir() {
        return Ok(Vec::new());
    }
    let canonical_root =
        std::fs::canonicalize(root).map_err(|e| io_error(e, root, crate::fsutil::Action::Open))?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(&start)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
    {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                let checked = if e.path_is_symlink() {
                    check_symlink(e.path(), &rel, &canonical_root)
                } else {
                    check_regular(e.file_type(), &rel)
                };
                match checked {
                    Ok(()) => files.push(rel),
                    Err(d) => errors.push(d),
                }
            }
            Err(err) => errors.push(walk_error(err, root)),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(crate::diag::Diagnostics(errors))
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn check_symlink(path: &Path, rel: &Path, root: &Path) -> std::result::Result<(), Diagnostic> {
    let target = std::fs::canonicalize(path).map_err(|e| {
        let path = rel.display().to_string();
        let message = if e.raw_os_error() == Some(40) {
            msg!("symlink-loop", path = path)
        } else {
            msg!("symlink-dangling", path = path)
        };
        Diagnostic::error(message)
            .in_file(rel)
            .with_hint(msg!("symlink-fix-hint"))
    })?;
    if !target.starts_with(root) {
        let d = Diagnostic::error(msg!(
            "symlink-outside",
            path = rel.display().to_string(),
            target = target.display().to_string()
        ));
        return Err(d.in_file(rel).with_hint(msg!("symlink-outside-hint")));
    }
    if target.is_dir() {
        let d = Diagnostic::error(msg!("symlink-folder", path = rel.display().to_string()));
        return Err(d.in_file(rel).with_hint(msg!("symlink-folder-hint")));
    }
    match std::fs::metadata(&target) {
        Ok(m) => check_regular(m.file_type(), rel),
        Err(e) => Err(io_error(e, rel, crate::fsutil::Action::Read)),
    }
}

/// Only regular files are read or published: reading a named pipe would block the build
/// forever, and a socket or device file is never part of a site.
fn check_regular(kind: std::fs::FileType, rel: &Path) -> std::result::Result<(), Diagnostic> {
    if kind.is_file() {
        return Ok(());
    }
    let d = Diagnostic::error(msg!(
        "not-regular-file",
        path = rel.display().to_string(),
        kind = special_kind(kind)
    ));
    Err(d.in_file(rel).with_hint(msg!("not-regular-file-hint")))
}

/// The kind of a file that is not a regular one, as the catalog's selector.
#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "folder"
    } else if kind.is_fifo() {
        "fifo"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "device"
    } else {
        "special"
    }
}

#[cfg(not(unix))]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() { "folder" } else { "special" }
}

fn walk_error(err: walkdir::Error, root: &Path) -> Diagnostic {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_default();
    if err.loop_ancestor().is_some() {
        return Diagnostic::error(msg!("symlink-loop", path = path.display().to_string()))
            .in_file(&path);
    }
    match err.into_io_error() {
        Some(io) => io_error(io, &path, crate::fsutil::Action::Read),
        None => {
            Diagnostic::error(msg!("walk-failed", path = path.display().to_string())).in_file(&path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_decode_to_the_same_text() {
        let plain = decode(b"+++\ntitle = \"x\"\n+++\n".to_vec(), Path::new("a.md")).unwrap();
        let windows = decode(
            b"\xEF\xBB\xBF+++\r\ntitle = \"x\"\r\n+++\r\n".to_vec(),
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(plain, windows);
    }

    #[test]
    fn gbk_is_named_with_position() {
        // "标题" in GBK is B1 EA CC E2.
        let err = decode(
            b"+++\nt = \"\xB1\xEA\xCC\xE2\"\n".to_vec(),
            Path::new("a.md"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("not UTF-8 at 2:6 (looks like GBK?)"),
            "{text}"
        );
        assert!(text.contains("save as UTF-8"), "{text}");
    }

    #[test]
    fn utf16_is_recognised_by_its_bom() {
        let err = decode(vec![0xFF, 0xFE, b'a', 0], Path::new("a.md")).unwrap_err();
        assert!(err.to_string().contains("UTF-16 LE"));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("static")).unwrap();
        let _socket =
            std::os::unix::net::UnixListener::bind(dir.path().join("static/a.sock")).unwrap();
        let err = walk_files(dir.path(), Path::new("static")).unwrap_err();
        assert!(
            err.to_string()
                .contains("`static/a.sock` is a socket, not a regular file"),
            "{err}"
        );
        let err = read_text(&dir.path().join("static"), Path::new("static")).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    #[test]
    fn escaping_paths_are_refused() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "%2e%2e/x",
            "c:/x",
            "C:\\x",
            "a\\..\\b",
            "x\0y",
            "%43:/x",
            "x%00y",
        ] {
            assert!(relative_in_project(bad).is_err(), "{bad}");
        }
        assert_eq!(
            relative_in_project("content/stats.toml").unwrap(),
            PathBuf::from("content/stats.toml")
        );
    }

    /// Raw paths as users write them, weighted towards the spellings that escape.
    fn raw_path() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            prop::sample::select(vec![
                "..",
                ".",
                "/",
                "\\",
                "%2e",
                "%2E",
                "%2f",
                "%5C",
                "%252e",
                "%43:",
                "%7a",
                "%00",
                "C:",
                "z:",
                "\0",
                "~",
                "content",
                "stats.toml",
                "．．",
                "\u{2025}",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z0-9_.%:/\\\\-]{1,8}",
            "\\PC{1,3}",
        ];
        prop::collection::vec(piece, 1..6).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]

        #[test]
        fn an_accepted_project_path_stays_in_the_project(raw in raw_path()) {
            if let Ok(p) = relative_in_project(&raw) {
                proptest::prop_assert!(
                    p.components().all(|c| matches!(c, Component::Normal(_))),
                    "{raw:?} -> {p:?}"
                );
                let root = Path::new("/project");
                proptest::prop_assert!(normalize(&root.join(&p)).starts_with(root), "{raw:?}");
            }
        }

        #[test]
        fn accepted_segments_have_no_dot_dot_even_decoded(raw in raw_path()) {
            if check_segment_chars(&raw).is_ok() {
                let decoded = percent_decoded(&raw);
                proptest::prop_assert!(
                    !decoded.split(['/', '\\']).any(|s| s == ".."),
                    "{raw:?} decodes to {decoded:?}"
                );
                let b = decoded.as_bytes();
                proptest::prop_assert!(
                    !(b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'),
                    "{raw:?} decodes to a drive letter"
                );
            }
        }
    }
}
