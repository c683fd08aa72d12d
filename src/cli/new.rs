//! `profilegen new DIR`: scaffold a new region's profile that builds as it is.

use std::path::PathBuf;
use std::process::ExitCode;

use profilegen::msg;

/// Options of `new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (it must not exist or be empty).
    dir: PathBuf,
}

/// Writes the new site and says what to do next.
pub fn run(args: Args) -> Result<(), ExitCode> {
    let files = profilegen::scaffold::create(&args.dir).map_err(|d| {
        eprintln!("{}", d.render(super::color()));
        ExitCode::from(1)
    })?;
    let dir = args.dir.display().to_string();
    println!(
        "{}",
        msg!("new-created", dir = dir.as_str(), files = files.len())
    );
    let guide = args.dir.join(profilegen::scaffold::GUIDE);
    println!(
        "{}",
        msg!(
            "new-next",
            dir = dir.as_str(),
            guide = guide.display().to_string()
        )
    );
    Ok(())
}
