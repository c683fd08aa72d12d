//! Watching the sources: `content/`, `templates/`, `static/` (recursively), the project
//! folder itself (for `config.toml`) and the statistics file's folder, through
//! notify-debouncer-full, which folds an editor's write-rename-chmod burst into one event.

use crate::msg;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diag::Diagnostic;

/// A running watcher; dropping it stops it.
pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Batch {
    /// These paths changed.
    Changed(Vec<PathBuf>),
    /// The watcher failed (its event queue overflowed, a watched folder went away, …):
    /// what changed is unknown, so everything is rebuilt.
    Unknown,
}

/// Starts watching `root`; batches of changes arrive on the returned channel.
pub fn start(
    root: &Path,
    stats: Option<&Path>,
    debounce: Duration,
) -> Result<(Watcher, mpsc::Receiver<Batch>), Diagnostic> {
    let (tx, rx) = mpsc::channel::<Batch>();
    let handler = move |result: DebounceEventResult| {
        let batch = match result {
            Ok(events) => Batch::Changed(
                events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
            ),
            Err(_) => Batch::Unknown,
        };
        if batch != Batch::Changed(Vec::new()) {
            let _ = tx.send(batch);
        }
    };
    let mut watcher = new_debouncer(debounce, None, handler).map_err(|e| watch_error(root, e))?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    for dir in ["content", "templates", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&path, e))?;
        }
    }
    if let Some(parent) = stats.and_then(|s| root.join(s).parent().map(Path::to_path_buf))
        && !parent.starts_with(root.join("content"))
        && parent != root
        && parent.is_dir()
    {
        watcher
            .watch(&parent, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&parent, e))?;
    }
    Ok((watcher, rx))
}

/// Reads (the build's own) and metadata changes of folders are not edits.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Other)
}

fn watch_error(path: &Path, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(msg!(
        "serve-watch-failed",
        path = path.display().to_string(),
        detail = e.to_string()
    ))
    .with_hint(msg!("serve-watch-failed-hint"))
}

/// Waits for the next batch and merges any that are already queued behind it (an
/// unknown change among them makes the whole batch unknown).
pub fn next_batch(rx: &mpsc::Receiver<Batch>) -> Option<Batch> {
    let mut merged = rx.recv().ok()?;
    while let Ok(more) = rx.try_recv() {
        merged = match (merged, more) {
            (Batch::Changed(mut a), Batch::Changed(b)) => {
                a.extend(b);
                Batch::Changed(a)
            }
            _ => Batch::Unknown,
        };
    }
    if let Batch::Changed(paths) = &mut merged {
        paths.sort();
        paths.dedup();
    }
    Some(merged)
}
