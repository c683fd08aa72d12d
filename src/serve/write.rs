//! Writes an incremental rebuild into the served folder: each file through a temporary
//! name and a rename, so a browser never reads half a page.

use std::path::{Component, Path, PathBuf};

use super::session::{Pending, RenderedFile};
use crate::build::Model;
use crate::diag::Diagnostic;
use crate::fsutil::io_error;

/// Writes rendered pages, copies and deletions, and the data downloads when the
/// statistics changed.
pub(super) fn commit(
    model: &Model,
    pending: &Pending,
    files: &[RenderedFile],
) -> Result<(), Diagnostic> {
    let dir = &model.config.output_dir;
    for (_, rel, bytes, _) in files {
        replace(dir, rel, bytes)?;
    }
    for (rel, source) in &pending.copies {
        let bytes = std::fs::read(source).map_err(|e| io_error(e, source, "cannot read"))?;
        replace(dir, rel, &bytes)?;
    }
    for rel in &pending.deletes {
        let path = inside(dir, rel)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(e, rel, "cannot remove"));
            }
            _ => {}
        }
    }
    if pending.data {
        write_data(model, dir)?;
    }
    Ok(())
}

fn write_data(model: &Model, dir: &Path) -> Result<(), Diagnostic> {
    let (csv, json) = (Path::new("data/stats.csv"), Path::new("data/stats.json"));
    match &model.lookup.stats {
        Some(stats) => {
            replace(dir, csv, stats.to_csv().as_bytes())?;
            replace(dir, json, stats.to_json().as_bytes())
        }
        None => {
            let _ = std::fs::remove_file(dir.join(csv));
            let _ = std::fs::remove_file(dir.join(json));
            Ok(())
        }
    }
}

/// `dir/rel`, refusing anything but a plain relative path.
fn inside(dir: &Path, rel: &Path) -> Result<PathBuf, Diagnostic> {
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || rel.as_os_str().is_empty() {
        return Err(Diagnostic::error(format!(
            "refusing to write `{}`: it is not a plain path inside the output",
            rel.display()
        )));
    }
    Ok(dir.join(rel))
}

/// Writes `bytes` to `dir/rel` atomically (temporary file in the same folder, renamed).
fn replace(dir: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = inside(dir, rel)?;
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| io_error(e, rel, "cannot create folder for"))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(e, rel, "cannot write"))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(e, rel, "cannot write")
    })
}
