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
