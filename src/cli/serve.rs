//! `profilegen serve`: build into a temporary folder, serve on loopback, rebuild on save.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use profilegen::Diagnostic;
use profilegen::serve::{RebuildReport, ServeOptions, Server};

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
            let d = Diagnostic::error(format!(
                "refusing to serve on {} without --allow-remote",
                args.interface
            ))
            .with_hint("the draft site would be readable by anyone who can reach this machine; use --interface 127.0.0.1, or add --allow-remote if that is what you want");
            eprintln!("{}", d.render(super::color()));
            return Err(ExitCode::from(2));
        }
        let w = Diagnostic::warning(format!(
            "serving on {}: anyone who can reach this machine on port {} can read the site",
            args.interface, args.port
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
                println!("serving {} (Ctrl-C to stop)", server.url());
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
        eprintln!("rebuild failed; still serving the last good site");
        return;
    }
    let what = if report.full { "built" } else { "rebuilt" };
    println!(
        "{what}: {} page{} rendered, {} Markdown file{}, {} copied, {} removed in {} ms",
        report.rendered.len(),
        plural(report.rendered.len()),
        report.markdown.len(),
        plural(report.markdown.len()),
        report.copied.len(),
        report.deleted.len(),
        report.elapsed.as_millis()
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
