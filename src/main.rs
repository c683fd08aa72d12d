//! The `profilegen` command: parses arguments, runs a subcommand, maps errors to exit codes.
//!
//! Exit codes: 0 success, 1 an error in the site (content, config, templates, stats),
//! 2 a usage error (clap's own).

mod cli;

use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: the search indexer allocates a small record
/// per word occurrence and frees them in bulk, which glibc's allocator makes superlinear
/// (BENCHMARKS.md, issue 16: about half the time and memory of the default build).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match cli::choose_language(&argv) {
        Ok(lang) => profilegen::messages::set(lang),
        Err(code) => return code,
    }
    let args = match cli::parse(argv) {
        Ok(args) => args,
        Err(code) => return code,
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
