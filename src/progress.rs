//! Progress of long stages (photos; pages, read for the search index as they are written) on an interactive terminal:
//! stage, count and elapsed time on one line of stderr, redrawn in place. Quiet when
//! stderr is not a terminal (piped, redirected), under CI (`CI` set) and in tests.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// One stage's bar; does nothing when progress is off.
#[derive(Debug, Clone)]
pub struct Stage(Option<ProgressBar>);

impl Stage {
    /// A bar for stage `name` (`pages` or `photos`, named from the message catalog)
    /// counting to `total`, shown when `wanted` and stderr is an interactive terminal
    /// outside CI.
    pub fn new(wanted: bool, name: &str, total: usize) -> Stage {
        use std::io::IsTerminal;
        let shown = wanted
            && total > 0
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        if !shown {
            return Stage(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix:>8} {bar:30} {pos}/{len} {elapsed}")
        {
            bar.set_style(style);
        }
        bar.set_prefix(crate::msg!("progress-stage", stage = name));
        Stage(Some(bar))
    }

    /// One more done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
