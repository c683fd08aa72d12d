//! Unit tests of the stats module; `fixture.toml` holds every figure of the source article.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_tests;
mod chart_tests;
mod export_tests;
mod format_tests;
mod load_tests;

use std::path::Path;
use std::sync::Arc;

use super::{Stats, load};
use crate::diag::{Diagnostic, Diagnostics};

/// The source article's figures.
pub(super) const FIXTURE: &str = include_str!("fixture.toml");

/// Loads `src` as `content/stats.toml` of a zh + en site.
pub(super) fn load_str(src: &str) -> Result<Stats, Diagnostics> {
    load(
        Path::new("content/stats.toml"),
        &Arc::from(src),
        &["zh", "en"],
    )
}

/// The fixture, loaded.
pub(super) fn fixture() -> Stats {
    match load_str(FIXTURE) {
        Ok(stats) => stats,
        Err(e) => panic!("fixture should load:\n{e}"),
    }
}

/// The diagnostics of a file that must fail.
pub(super) fn errors(src: &str) -> Vec<Diagnostic> {
    match load_str(src) {
        Ok(_) => panic!("expected errors for:\n{src}"),
        Err(d) => d.0,
    }
}
