//! `profilegen build`: build the site once and publish it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use profilegen::config::Overrides;
use profilegen::{BuildOptions, build, msg};

/// Options of `build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Override `base_url` for this build, e.g. http://127.0.0.1:8000/
    #[arg(long)]
    base_url: Option<String>,
    /// Write the site here instead of `output_dir`.
    #[arg(long, short = 'o')]
    output_dir: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Replace an output folder that profilegen did not make (it is deleted).
    #[arg(long)]
    force: bool,
    /// Do not write `.gz` and `.br` copies of text files.
    #[arg(long)]
    no_compress: bool,
    /// Write a copy that opens from a folder, a zip or a USB stick (file://) and under any
    /// path: links relative, every folder link ending in index.html, search replaced by
    /// the list of sections.
    #[arg(long)]
    portable: bool,
}

/// Builds, prints warnings and the summary.
pub fn run(root: &Path, args: Args) -> Result<(), ExitCode> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides {
            base_url: args.base_url,
            output_dir: args.output_dir,
            portable: args.portable,
        },
        drafts: args.drafts,
        force: args.force,
        no_compress: args.no_compress,
        plain_assets: false,
        skip_search_index: false,
        compare_urls_with: None,
        progress: true,
    };
    let report = build(&opts).map_err(|d| super::fail(&d))?;
    for w in &report.warnings {
        eprintln!("{}", w.render(super::color()));
    }
    for l in &report.languages {
        let lang = format!("{:>4}", l.lang);
        println!(
            "{}",
            msg!(
                "build-language-summary",
                lang = lang,
                pages = l.pages,
                sections = l.sections
            )
        );
    }
    let images = report.images;
    if images.processed + images.reused > 0 {
        println!(
            "{}",
            msg!(
                "build-images-summary",
                processed = images.processed,
                reused = images.reused
            )
        );
    }
    println!(
        "{}",
        msg!(
            "build-done",
            files = report.static_files,
            dir = report.output_dir.display().to_string(),
            ms = report.elapsed.as_millis() as u64
        )
    );
    Ok(())
}
