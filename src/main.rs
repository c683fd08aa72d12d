//! The `profilegen` command: parses arguments, runs a subcommand, maps errors to exit codes.
//!
//! Exit codes: 0 success, 1 an error in the site (content, config, templates, stats),
//! 2 a usage error (clap's own).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
