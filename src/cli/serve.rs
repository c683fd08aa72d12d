//! `profilegen serve`: build into a temporary folder, serve on loopback, rebuild on save.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use profilegen::serve::{RebuildReport, ServeOptions, Server};
use profilegen::{Diagnostic, msg};

/// Options of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, short = 'i', default_value = "127.0.0.1")]
    interface: IpAddr,
    /// The port (0 picks a free one).
    #[arg(long, short = 'p', default_value_t = 1111)]
    port: u16,
    /// Allow an --interface other than loopback (anyone on the network can read the site).
    #[arg(long)]
    allow_remote: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

/// Serves until Ctrl-C, printing each rebuild.
pub fn run(root: &Path, args: Args) -> Result<(), ExitCode> {
    if !args.interface.is_loopback() {
        if !args.allow_remote {
            let d = Diagnostic::error(msg!(
                "serve-remote-refused",
                interface = args.interface.to_string()
            ))
            .with_hint(msg!("serve-remote-refused-hint"));
            eprintln!("{}", d.render(super::color()));
            return Err(ExitCode::from(2));
        }
        let w = Diagnostic::warning(msg!(
            "serve-remote-warning",
            interface = args.interface.to_string(),
            port = args.port
        ));
        eprintln!("{}", w.render(super::color()));
    }
    let mut opts = ServeOptions::new(root);
    opts.interface = args.interface;
    opts.port = args.port;
    opts.drafts = args.drafts;
    let server = Server::start(opts).map_err(|d| super::fail(&d))?;
    let mut first = true;
    while !server.stopped() {
        if let Some(report) = server.next_report(Duration::from_millis(200)) {
            print_report(&report);
            if first {
                println!("{}", msg!("serve-serving", url = server.url().to_string()));
                first = false;
            }
        }
    }
    Ok(())
}

fn print_report(report: &RebuildReport) {
    let color = super::color();
    for w in &report.warnings {
        eprintln!("{}", w.render(color));
    }
    if !report.ok() {
        eprintln!(
            "{}",
            profilegen::Diagnostics(report.errors.clone()).render(color)
        );
        eprintln!("{}", msg!("serve-rebuild-failed"));
        return;
    }
    let what = if report.full { "full" } else { "incremental" };
    println!(
        "{}",
        msg!(
            "serve-rebuilt",
            kind = what,
            rendered = report.rendered.len(),
            markdown = report.markdown.len(),
            copied = report.copied.len(),
            removed = report.deleted.len(),
            ms = report.elapsed.as_millis() as u64
        )
    );
}
