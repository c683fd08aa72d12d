//! Command-line arguments (clap derive) and one small file per subcommand.

mod build;
mod check;
mod new;
mod redirects;
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use profilegen::messages::{self, Lang};
use profilegen::{Diagnostics, msg};

/// A static site generator for bilingual regional industry profiles.
#[derive(Debug, Parser)]
#[command(name = "profilegen", version, about)]
pub struct Cli {
    /// The project folder (where config.toml is).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// The language of profilegen's messages: zh (简体中文) or en. Default: the
    /// PROFILEGEN_MESSAGES variable, else the locale (LANG…), else English.
    #[arg(long, global = true, value_name = "zh|en")]
    messages: Option<String>,
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
    eprintln!("{}", msg!("build-failed", errors = errors));
    ExitCode::from(1)
}

/// The language of the messages, chosen before the arguments are parsed (the help
/// text is in it): `--messages` as written on the command line, else the environment.
/// A value that names no catalog is a usage error (exit code 2).
pub fn choose_language(args: &[std::ffi::OsString]) -> Result<Lang, ExitCode> {
    let mut flag = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--messages=") {
            flag = Some(value.to_owned());
        } else if arg == "--messages" {
            flag = it.next().map(|v| v.into_owned());
        }
    }
    messages::choose(flag.as_deref(), |name| std::env::var(name).ok()).map_err(|value| {
        eprintln!("{}", msg!("cli-bad-messages", value = value));
        ExitCode::from(2)
    })
}

/// The command line, its help text taken from the message catalog in the chosen
/// language (clap has no catalog of its own; the doc comments above are for Rust
/// readers and are replaced here).
pub fn command() -> clap::Command {
    let mut cmd = Cli::command()
        .disable_help_subcommand(true)
        .help_template(help_template())
        .subcommand_value_name(msg!("cli-command-placeholder"))
        .subcommand_help_heading(msg!("cli-heading-commands"));
    cmd.build();
    localize(cmd, "")
}

fn help_template() -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{}\n\n{{all-args}}{{after-help}}",
        msg!("cli-usage-line", usage = "{usage}")
    )
}

/// The help of one command and its arguments from the catalog: `help-<path>` for its
/// summary and `help-<path>-<argument>` for each argument (`help-build-base_url`).
fn localize(cmd: clap::Command, path: &str) -> clap::Command {
    let id = if path.is_empty() {
        "help-profilegen".to_owned()
    } else {
        format!("help-{path}")
    };
    let mut cmd = cmd
        .about(messages::text(&id, None))
        .help_template(help_template())
        .next_help_heading(msg!("cli-heading-options"));
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for arg in args {
        // Global arguments and clap's own flags read the same under every command.
        let shared = ["root", "messages", "help", "version"].contains(&arg.as_str());
        let key = if shared {
            format!("help-any-{arg}")
        } else {
            format!("{id}-{arg}")
        };
        let positional = cmd
            .get_arguments()
            .any(|a| a.get_id() == arg.as_str() && a.is_positional());
        let heading = if positional {
            msg!("cli-heading-arguments")
        } else {
            msg!("cli-heading-options")
        };
        cmd = cmd.mut_arg(arg.as_str(), |a| {
            // Defaults are written in the help text itself, in its language.
            a.help(messages::text(&key, None))
                .help_heading(heading)
                .hide_default_value(true)
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subcommands {
        let path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize(s, &path));
    }
    cmd
}

/// Parses the command line in the chosen language; usage errors are explained from
/// the catalog where clap's error kind is one an editor meets (exit code 2).
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, ExitCode> {
    use clap::error::{ContextKind, ErrorKind};
    let matches = command().try_get_matches_from(&args).map_err(|e| {
        let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
        let text = match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            ErrorKind::UnknownArgument => Some(msg!(
                "cli-unknown-argument",
                argument = context(ContextKind::InvalidArg)
            )),
            ErrorKind::InvalidSubcommand => Some(msg!(
                "cli-unknown-command",
                command = context(ContextKind::InvalidSubcommand)
            )),
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => Some(msg!(
                "cli-invalid-value",
                argument = context(ContextKind::InvalidArg),
                value = context(ContextKind::InvalidValue)
            )),
            ErrorKind::MissingRequiredArgument => Some(msg!(
                "cli-missing-argument",
                argument = context(ContextKind::InvalidArg)
            )),
            _ => None,
        };
        match text {
            Some(text) => eprintln!("{}", msg!("cli-usage-error", problem = text)),
            None => eprint!("{}", e.render()),
        }
        ExitCode::from(2)
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| {
        eprint!("{}", e.render());
        ExitCode::from(2)
    })
}
