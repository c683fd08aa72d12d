//! `new`: a scaffolded site builds with no warnings and passes `check` as it is; a
//! non-empty folder is refused and left alone.

use profilegen::check::{self, CheckOptions};
use profilegen::config::Overrides;
use profilegen::{BuildOptions, build};
use scraper::Html;
use snapbox::cmd::Command;

use crate::harness::{Page, broken_links};

fn new_cmd(dir: &std::path::Path) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("profilegen"))
        .arg("new")
        .arg(dir)
        .env("NO_COLOR", "1")
}

#[test]
fn a_new_site_builds_in_both_languages_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    new_cmd(&dir).assert().code(0);
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    let lines: Vec<&str> = ignored.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        lines.contains(&"/public") && lines.contains(&"/.profilegen-cache"),
        "{ignored}"
    );
    let report = build(&BuildOptions {
        root: dir.clone(),
        overrides: Overrides::default(),
        drafts: false,
        force: false,
        no_compress: true,
        plain_assets: false,
        skip_search_index: false,
        compare_urls_with: None,
        progress: false,
    })
    .unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let sections: Vec<usize> = report.languages.iter().map(|l| l.sections).collect();
    assert_eq!(
        sections,
        [4, 4, 4],
        "home and three sections in zh, zh-hant (converted) and en"
    );
    let public = dir.join("public");
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
    let read = |rel: &str| {
        Page(Html::parse_document(
            &std::fs::read_to_string(public.join(rel)).unwrap(),
        ))
    };
    for (rel, lang) in [
        ("tech/index.html", "zh-CN"),
        ("en/finance/index.html", "en"),
        ("en/talent/index.html", "en"),
    ] {
        assert_eq!(read(rel).attr("html", "lang"), lang, "{rel}");
    }
    let figures = read("index.html").all("[data-stat]").len();
    assert!(figures >= 2, "the home page shows the two starter figures");
    let checked = check::check(&CheckOptions::new(&dir)).unwrap();
    assert_eq!(checked.diagnostics.len(), 0, "{}", checked.render(false));
}

#[test]
fn a_non_empty_folder_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = new_cmd(tmp.path())
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("is not empty"), "{text}");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}
