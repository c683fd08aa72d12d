//! The diagnostics' text, through the binary: snapshots of each kind of user error (paths
//! are relative to the project, so nothing needs normalising but the temporary folder in
//! I/O errors), the caret's place after CJK text, and the exit codes 0, 1 and 2.

use snapbox::cmd::Command;

use crate::harness::Site;

fn profilegen(site: &Site) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("profilegen"))
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
}

/// `build` on the starter after `edit`: exit 1 and the stderr snapshot `name`.
fn build_fails(edit: impl FnOnce(&Site), snapshot: snapbox::Data) {
    let site = Site::starter();
    edit(&site);
    profilegen(&site)
        .arg("build")
        .assert()
        .code(1)
        .stdout_eq("")
        .stderr_eq(snapshot);
}

#[test]
fn front_matter_typo() {
    build_fails(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"案例：通达\"\ndescripton = \"键合铜丝\"\n+++\n",
            );
        },
        snapbox::file!["snapshots/diag_front_matter_typo.txt"],
    );
}

#[test]
fn full_width_quotes() {
    build_fails(
        |s| {
            s.write("content/tech/case.md", "+++\ntitle = “案例”\n+++\n");
        },
        snapbox::file!["snapshots/diag_full_width_quotes.txt"],
    );
}

#[test]
fn gbk_and_utf16_files() {
    build_fails(
        |s| {
            s.write_bytes(
                "content/tech/case.md",
                b"+++\ntitle = \"\xB0\xB8\xC0\xFD\"\n+++\n",
            );
        },
        snapbox::file!["snapshots/diag_gbk.txt"],
    );
    build_fails(
        |s| {
            s.write_bytes(
                "content/tech/case.md",
                &[0xFF, 0xFE, b'+', 0, b'+', 0, b'+', 0],
            );
        },
        snapbox::file!["snapshots/diag_utf16.txt"],
    );
}

#[test]
fn missing_front_matter() {
    build_fails(
        |s| {
            s.write("content/tech/case.md", "# 案例\n\n正文。\n");
        },
        snapbox::file!["snapshots/diag_missing_fence.txt"],
    );
}

#[test]
fn unknown_stat_after_chinese_text() {
    build_fails(
        |s| {
            s.write("content/stats.toml", "[[stat]]\nid = \"firms\"\nvalue = 120\nunit = \"enterprises\"\nyear = 2023\nlabel = { zh = \"企业\", en = \"Firms\" }\nsource = { zh = \"来源\", en = \"Source\" }\n");
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"案例\"\n+++\n全区共有企业{{ stat(id=\"frims\") }}家。\n",
            );
        },
        snapbox::file!["snapshots/diag_unknown_stat.txt"],
    );
}

#[test]
fn config_typo() {
    build_fails(
        |s| {
            let cfg = std::fs::read_to_string(s.root().join("config.toml")).unwrap();
            s.write(
                "config.toml",
                &cfg.replacen("default_language =", "default_langauge =", 1),
            );
        },
        snapbox::file!["snapshots/diag_config_typo.txt"],
    );
}

/// Tera's own caret drifts after CJK text; ours is drawn from its byte span.
const CJK_TEMPLATE: &str = "{% extends \"base.html\" %}\n{% block content %}\n<h1>标题：《{{ page.title }}》{{ page.nothing.deeper }}</h1>\n{% endblock content %}\n";

#[test]
fn template_error_after_cjk_text() {
    build_fails(
        |s| {
            s.write("templates/page.html", CJK_TEMPLATE);
            s.remove("content/tech/case.en.md");
        },
        snapbox::file!["snapshots/diag_template_cjk.txt"],
    );
}

#[test]
fn the_caret_is_under_the_character_after_cjk_text() {
    let site = Site::starter();
    site.write("templates/page.html", CJK_TEMPLATE);
    let text = site.build_err();
    let lines: Vec<&str> = text.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("<h1>标题"))
        .expect("source line");
    let (gutter, code) = lines[src].split_once('|').expect("gutter");
    let caret = lines[src + 1].find('^').expect("caret") - gutter.len() - 1;
    let before = &code[..code.find("nothing").expect("span")];
    let width: usize = before
        .chars()
        .map(|c| {
            if ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FF60}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum();
    assert_eq!(caret, width, "caret not under `nothing`:\n{text}");
    let column = before.chars().count();
    assert!(
        text.contains(&format!("templates/page.html:3:{column}")),
        "{text}"
    );
}

#[test]
fn exit_codes() {
    let site = Site::starter();
    profilegen(&site).arg("build").assert().code(0);
    profilegen(&site).arg("frobnicate").assert().code(2);
    profilegen(&site)
        .args(["build", "--bogus"])
        .assert()
        .code(2);
    profilegen(&site)
        .args(["serve", "--interface", "0.0.0.0", "--port", "0"])
        .assert()
        .code(2)
        .stderr_eq(snapbox::file!["snapshots/diag_serve_remote.txt"]);
    site.write("content/tech/case.md", "+++\ntitle = 1\n+++\n");
    profilegen(&site).arg("build").assert().code(1);
    profilegen(&site).arg("check").assert().code(1);
}

#[test]
fn absolute_paths_are_normalised_in_snapshots() {
    let site = Site::starter();
    site.write("public", "not a folder");
    let mut redactions = snapbox::Redactions::new();
    redactions
        .insert("[ROOT]", site.root().to_path_buf())
        .unwrap();
    profilegen(&site)
        .arg("build")
        .with_assert(
            snapbox::Assert::new()
                .action_env("SNAPSHOTS")
                .redact_with(redactions),
        )
        .assert()
        .code(1)
        .stderr_eq(snapbox::file!["snapshots/diag_output_is_a_file.txt"]);
}
