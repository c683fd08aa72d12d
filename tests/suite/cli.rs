//! The command line: exit codes 0, 1 and 2, and the build summary.

use std::process::Command;

use crate::harness::Site;

fn run(site: &Site, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_profilegen"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn build_succeeds_with_a_per_language_summary() {
    let site = Site::starter();
    let (code, stdout, stderr) = run(&site, &["build"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("zh: 1 pages, 2 sections") && stdout.contains("en: 1 pages, 2 sections"),
        "{stdout}"
    );
    assert!(stdout.contains("static files; site written to"), "{stdout}");
}

#[test]
fn a_site_error_exits_1_and_a_usage_error_exits_2() {
    let site = Site::starter();
    site.write("content/tech/case.md", "+++\ntitel = \"x\"\n+++\n");
    let (code, _, stderr) = run(&site, &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("content/tech/case.md:2:1") && stderr.contains("build failed: 1 error"),
        "{stderr}"
    );
    let (code, _, _) = run(&site, &["bulid"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = run(&site, &["build", "--no-such-flag"]);
    assert_eq!(code, Some(2));
}

#[test]
fn base_url_and_output_dir_flags_override_the_config() {
    let site = Site::starter();
    let out = site.root().join("elsewhere");
    let (code, _, stderr) = run(
        &site,
        &[
            "build",
            "--base-url",
            "http://127.0.0.1:8000/sub/",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let html = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    let page = crate::harness::Page(scraper::Html::parse_document(&html));
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "http://127.0.0.1:8000/sub/en/"
    );
    assert!(!site.public().exists());
}

/// On an interactive terminal (a pseudo-terminal made by `script`), a build shows its
/// progress: the stage, the count and the time; piped, it shows none (and never under
/// CI, which `CI` tells).
#[test]
fn progress_shows_on_a_terminal_only() {
    let site = Site::starter();
    let bin = env!("CARGO_BIN_EXE_profilegen");
    let root = site.root().display().to_string();
    let build = |out: &str| format!("{bin} --root {root} build --output-dir {root}/{out}");
    let on_terminal = Command::new("script")
        .args(["-qec", &build("tty"), "/dev/null"])
        .env_remove("CI")
        .output()
        .expect("script (util-linux) runs the build on a pseudo-terminal");
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(on_terminal.status.success(), "{shown}");
    let counts: Vec<(u32, u32)> = shown
        .split_whitespace()
        .filter_map(|t| {
            let (a, b) = t.split_once('/')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    assert!(
        shown.contains("pages ")
            && counts.first().is_some_and(|&(a, _)| a == 0)
            && counts.last().is_some_and(|&(a, b)| a == b && b > 0)
            && shown.contains("\u{1b}[2K"),
        "a bar with the stage and count, cleared when done: {shown:?}"
    );
    let piped = Command::new(bin)
        .args([
            "--root",
            &root,
            "build",
            "--output-dir",
            &format!("{root}/piped"),
        ])
        .env_remove("CI")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(piped.status.success());
    assert!(
        !stderr.contains("\u{1b}[") && !stderr.contains("/10 "),
        "{stderr:?}"
    );
    let under_ci = Command::new("script")
        .args(["-qec", &build("ci"), "/dev/null"])
        .env("CI", "true")
        .output()
        .unwrap();
    let quiet = String::from_utf8_lossy(&under_ci.stdout);
    assert!(!quiet.contains('\u{1b}'), "{quiet:?}");
}
