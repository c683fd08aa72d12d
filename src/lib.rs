//! profilegen: a static site generator for bilingual regional industry profiles.
//!
//! The pipeline is the module list, in the order data flows:
//! [`config`] → [`content`] (walk, front matter, page tree, languages) → [`stats`] (typed
//! figures, locale formatting, charts) → [`markdown`] → [`render`] (Tera) → [`output`]
//! (staging and atomic publish). [`build`] runs them; [`diag`] is the one error type
//! every stage reports with; [`lookup`] holds the read-only indexes that Markdown and
//! templates share; [`deps`] records what each page reads, for incremental rebuilds.
//!
//! Beside the pipeline: [`serve`] (live preview with incremental rebuilds), [`check`]
//! (links, translations and editorial checks on a temporary build) and [`scaffold`]
//! (`new`: a starter site with the embedded default theme).

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod convert;
pub mod deps;
pub mod diag;
pub mod fsutil;
pub mod images;
pub mod lookup;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod stats;

pub use build::{BuildOptions, BuildReport, Model, build};
pub use diag::{Diagnostic, Diagnostics};
