//! The command line: exit codes 0, 1 and 2, the build summary, and the language of its
//! messages (the catalogs in `src/messages/`).

use std::process::Command;

use crate::harness::Site;

fn run(site: &Site, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_profilegen"))
        .env("PROFILEGEN_MESSAGES", "en")
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
        stdout.contains("zh: 1 page, 2 sections") && stdout.contains("en: 1 page, 2 sections"),
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
        .env("PROFILEGEN_MESSAGES", "en")
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

/// Runs the binary with only the given language variables set (none inherited).
fn run_in(site: &Site, args: &[&str], vars: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_profilegen"));
    cmd.args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1");
    for var in ["PROFILEGEN_MESSAGES", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Arguments, environment, the report's expected words.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[test]
fn messages_follow_the_flag_then_the_variable_then_the_locale() {
    let site = Site::starter();
    site.write("content/tech/case.md", "+++\ntitel = \"x\"\n+++\n");
    let chinese = "构建失败：1 个错误";
    let english = "build failed: 1 error";
    let cases: [Case; 6] = [
        (&["build"], &[], english),
        (&["build"], &[("LANG", "zh_CN.UTF-8")], chinese),
        (
            &["build"],
            &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")],
            english,
        ),
        (
            &["build"],
            &[("PROFILEGEN_MESSAGES", "zh"), ("LANG", "en_US.UTF-8")],
            chinese,
        ),
        (
            &["build", "--messages", "en"],
            &[("PROFILEGEN_MESSAGES", "zh")],
            english,
        ),
        (&["--messages=zh", "build"], &[], chinese),
    ];
    for (args, vars, expected) in cases {
        let (code, _, stderr) = run_in(&site, args, vars);
        assert_eq!(code, Some(1), "{args:?} {vars:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?} {vars:?}: {stderr}");
        // The report is all in one language: its labels too.
        let label = if expected == chinese {
            "错误: "
        } else {
            "error: "
        };
        assert!(stderr.starts_with(label), "{args:?} {vars:?}: {stderr}");
    }
    let (code, _, stderr) = run_in(&site, &["build", "--messages", "fr"], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("`zh`") && stderr.contains("`en`"),
        "{stderr}"
    );
}

/// Every command's `--help` in each language: from the catalog (no message id left
/// showing, which is what a missing entry would print), the Chinese one in Chinese, and
/// every option of the English help named in the Chinese one.
#[test]
fn help_is_in_the_chosen_language_for_every_command() {
    let site = Site::starter();
    for command in ["", "build", "check", "new", "redirects", "serve"] {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let (code, en, _) = run_in(&site, &args, &[("PROFILEGEN_MESSAGES", "en")]);
        assert_eq!(code, Some(0), "{command}");
        let (code, zh, _) = run_in(&site, &args, &[("PROFILEGEN_MESSAGES", "zh")]);
        assert_eq!(code, Some(0), "{command}");
        for text in [&en, &zh] {
            assert!(
                !text.contains("help-"),
                "an id shows for `{command}`:\n{text}"
            );
        }
        assert!(
            en.contains("Usage: profilegen") && !has_han(&en.replace("简体中文", "")),
            "{en}"
        );
        assert!(
            zh.contains("用法：profilegen") && zh.contains("选项"),
            "{zh}"
        );
        let options = |text: &str| -> Vec<String> {
            // The option each line of the list names (its head, before the help text).
            text.lines()
                .filter(|l| l.trim_start().starts_with('-'))
                .filter_map(|l| {
                    l.split_whitespace()
                        .find(|w| w.starts_with("--"))
                        .map(str::to_owned)
                })
                .collect()
        };
        assert_eq!(options(&en), options(&zh), "{command}: the same options");
        // Each option's line says what it does in Chinese.
        for line in zh.lines().filter(|l| l.trim_start().starts_with('-')) {
            assert!(has_han(line), "{command}: {line}");
        }
    }
}

#[test]
fn a_usage_error_is_explained_in_chinese() {
    let site = Site::starter();
    let zh = [("PROFILEGEN_MESSAGES", "zh")];
    let (code, _, stderr) = run_in(&site, &["bulid"], &zh);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("没有 `bulid` 这个命令"), "{stderr}");
    let (code, _, stderr) = run_in(&site, &["build", "--no-such-flag"], &zh);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("没有 `--no-such-flag` 这个选项"),
        "{stderr}"
    );
    assert!(stderr.contains("profilegen --help"), "{stderr}");
}

/// The editor's guide shows real reports: each block marked `<!-- 示例：CASE -->` is the
/// Chinese report of that bad-input case, as its snapshot (made by the binary) has it.
#[test]
fn the_editors_guide_quotes_the_binarys_own_reports() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/编辑指南.md")).unwrap();
    let mut shown = 0;
    for part in guide.split("<!-- 示例：").skip(1) {
        let (case, rest) = part.split_once(" -->").unwrap();
        let block = rest
            .split_once("```text\n")
            .and_then(|(_, b)| b.split_once("\n```"))
            .map(|(b, _)| b)
            .unwrap_or_else(|| panic!("{case}: no text block after the marker"));
        let snapshot = std::fs::read_to_string(
            root.join("tests/suite/snapshots/bad_input/zh")
                .join(format!("{case}.txt")),
        )
        .unwrap_or_else(|e| panic!("{case}: {e}"));
        let stderr = snapshot
            .split_once("--- stderr\n")
            .and_then(|(_, s)| s.split_once("--- stdout"))
            .map(|(s, _)| s.trim_end())
            .unwrap();
        assert_eq!(
            block, stderr,
            "the guide's example {case} is not what the binary prints"
        );
        shown += 1;
    }
    assert!(shown >= 3, "the guide shows real reports ({shown})");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let top: String = readme.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(
        top.contains("docs/编辑指南.md"),
        "the README's first lines link the guide"
    );
}
