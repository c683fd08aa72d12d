//! Command-line arguments (clap derive) and one small file per subcommand.

mod build;
mod check;
mod new;
mod redirects;
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use profilegen::Diagnostics;

/// A static site generator for bilingual regional industry profiles.
#[derive(Debug, Parser)]
#[command(name = "profilegen", version, about)]
pub struct Cli {
    /// The project folder (where config.toml is).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(build::Args),
    /// Build into a temporary folder and report broken links, missing translations and more.
    Check(check::Args),
    /// Create a new site (config, starter content in both languages, the default theme) in DIR.
    New(new::Args),
    /// Print the redirects for moved pages (`aliases`), as nginx lines with --nginx.
    Redirects(redirects::Args),
    /// Serve the site on http://127.0.0.1:1111/ and rebuild it on every save.
    Serve(serve::Args),
}

/// Runs the chosen subcommand; an `Err` carries the exit code.
pub fn run(cli: Cli) -> Result<(), ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(&cli.root, args),
        Command::Serve(args) => serve::run(&cli.root, args),
        Command::Check(args) => check::run(&cli.root, args),
        Command::New(args) => new::run(args),
        Command::Redirects(args) => redirects::run(&cli.root, args),
    }
}

/// True when diagnostics on stderr should be coloured.
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// True when a report on stdout should be coloured.
fn stdout_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints diagnostics to stderr and returns exit code 1.
fn fail(diags: &Diagnostics) -> ExitCode {
    eprintln!("{}", diags.render(color()));
    let errors = diags.0.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "build failed: {errors} error{}; the previous output was left as it was",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}
