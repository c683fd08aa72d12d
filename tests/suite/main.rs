//! profilegen's integration tests: one binary, fixture sites built in temporary folders,
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! assertions on parsed HTML.

mod harness;
mod history;
mod photos;
mod urls;

mod bad_input;
mod bilingual;
mod build_order;
mod check;
mod cli;
mod content_lint;
mod converted;
mod diagnostics;
mod errors;
mod escaping;
mod faults;
mod figures;
mod new;
mod output;
mod pipeline;
mod portable;
mod print;
mod publish;
mod real_site;
mod search;
mod serve;
