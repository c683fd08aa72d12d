//! `profilegen redirects`: the site's redirects for moved pages, for a web server.

use std::path::Path;
use std::process::ExitCode;

/// Options of `redirects`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print nginx `location` lines (the default is the `_redirects` format of Netlify and
    /// Cloudflare Pages, which the build also writes into the output).
    #[arg(long)]
    nginx: bool,
}

/// Prints the rules to stdout.
pub fn run(root: &Path, args: Args) -> Result<(), ExitCode> {
    match profilegen::build::redirect_rules(root, args.nginx) {
        Ok(text) => {
            print!("{text}");
            Ok(())
        }
        Err(d) => Err(super::fail(&d)),
    }
}
