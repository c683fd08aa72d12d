//! `profilegen check`: build into a temporary folder and report what to fix, by file.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use profilegen::check::{self, CheckOptions};
use profilegen::msg;

/// Options of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also request every external (http/https) link.
    #[arg(long)]
    external: bool,
    /// Seconds to wait for one external link.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    timeout: u64,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

/// Checks and prints the report; exit 1 on errors (or warnings with --deny-warnings).
pub fn run(root: &Path, args: Args) -> Result<(), ExitCode> {
    let mut opts = CheckOptions::new(root);
    opts.external = args.external;
    opts.timeout = Duration::from_secs(args.timeout.max(1));
    opts.drafts = args.drafts;
    let report = check::check(&opts).map_err(|d| {
        eprintln!("{}", d.render(super::color()));
        eprintln!("{}", msg!("check-unreadable"));
        ExitCode::from(1)
    })?;
    print!("{}", report.render(super::stdout_color()));
    if check::fails(&report, args.deny_warnings) {
        Err(ExitCode::from(1))
    } else {
        Ok(())
    }
}
