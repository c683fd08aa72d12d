//! `check`: fixture sites with each problem, through the binary (exit code and the
//! located report, snapshotted) and through the library (external links against a local
//! server).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use profilegen::check::{self, CheckOptions};
use snapbox::cmd::Command;

use crate::harness::Site;

fn check_cmd(site: &Site) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("profilegen"))
        .arg("--root")
        .arg(site.root())
        .arg("check")
        .env("NO_COLOR", "1")
}

const STATS: &str = "[[stat]]\nid = \"firms\"\nvalue = 120\nunit = \"enterprises\"\nyear = 2023\nlabel = { zh = \"企业\", en = \"Firms\" }\nsource = { zh = \"来源\", en = \"Source\" }\n\n[[stat]]\nid = \"jobs\"\nvalue = 900\nunit = \"people\"\nyear = 2023\nlabel = { zh = \"就业\", en = \"Jobs\" }\nsource = { zh = \"来源\", en = \"Source\" }\n";

/// The starter with one of every problem `check` reports.
fn troubled() -> Site {
    let site = Site::starter();
    site.write("content/stats.toml", STATS);
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\ndescription = \"案例简介\"\nupdated = 2026-06-01\n+++\n见[科技创新](@/tech/_index.md#policy)和[旧栏目](/old/)、[锚点](/tech/#nope)。\n\n**历经10年发展，**年度产值{{ stat(id=\"firms\") }}。\n\n![](/favicon.svg)\n",
    );
    site.write(
        "content/tech/case.en.md",
        "+++\ntitle = \"Case\"\ndescription = \"A case\"\nupdated = 2026-01-01\n+++\nSee [tech innovation](@/tech/_index.md#policy): {{ stat(id=\"firms\") }}.\n",
    );
    site.write(
        "content/tech/solo.md",
        "+++\ntitle = \"独页\"\n+++\n只有中文。\n",
    );
    site
}

#[test]
fn every_problem_is_reported_at_its_file_and_line() {
    let site = troubled();
    check_cmd(&site)
        .assert()
        .code(1)
        .stdout_eq(snapbox::file!["snapshots/check_report.txt"]);
}

#[test]
fn warnings_pass_unless_denied() {
    let site = Site::starter();
    site.write(
        "content/tech/solo.md",
        "+++\ntitle = \"独页\"\ndescription = \"d\"\n+++\n只有中文。\n",
    );
    let out = check_cmd(&site)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("`content/tech/solo.md` has no `en` version"),
        "{text}"
    );
    assert!(
        text.contains("check: 0 errors, 1 warning in 1 file"),
        "{text}"
    );
    check_cmd(&site).arg("--deny-warnings").assert().code(1);
}

#[test]
fn a_clean_site_has_no_problems() {
    let site = Site::starter();
    check_cmd(&site)
        .assert()
        .code(0)
        .stdout_eq("check: no problems found\n");
}

#[test]
fn unknown_figures_and_template_links_are_errors() {
    let site = Site::starter();
    site.write("content/stats.toml", STATS);
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\ndescription = \"d\"\n+++\n{{ stat(id=\"firm\") }}\n",
    );
    let out = check_cmd(&site)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("content/tech/case.md:5:1"), "{text}");
    assert!(text.contains("did you mean `firms`?"), "{text}");
    let site = Site::starter();
    let footer =
        std::fs::read_to_string(site.root().join("templates/partials/footer.html")).unwrap();
    site.write(
        "templates/partials/footer.html",
        &format!("{footer}<a href=\"/gone/\">x</a>\n"),
    );
    let out = check_cmd(&site)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    // 10 pages: the 6 of the starter, the two 404 pages and the two search pages (the
    // printable profiles repeat their parts' links and are not counted again)
    assert!(text.contains("== templates and generated pages"), "{text}");
    assert!(
        text.contains("link `/gone/` on `404.html` and 9 other pages does not resolve"),
        "{text}"
    );
}

/// A loopback server: `/ok` answers 200, `/gone` 404, `/slow` never.
fn local_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 2048];
                let n = stream.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]);
                let status = if req.contains(" /ok ") {
                    "200 OK"
                } else if req.contains(" /gone ") {
                    "404 Not Found"
                } else {
                    std::thread::sleep(Duration::from_secs(5));
                    return;
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let port = local_server();
    let site = Site::starter();
    let body = format!(
        "+++\ntitle = \"案例\"\ndescription = \"d\"\n+++\n[好](http://127.0.0.1:{port}/ok)、[坏](http://127.0.0.1:{port}/gone)、[慢](http://127.0.0.1:{port}/slow)\n"
    );
    site.write("content/tech/case.md", &body);
    let mut opts = CheckOptions::new(site.root());
    let quiet = check::check(&opts).unwrap();
    assert!(quiet.external.is_none());
    assert_eq!(quiet.errors(), 0, "{}", quiet.render(false));
    opts.external = true;
    opts.timeout = Duration::from_secs(1);
    let report = check::check(&opts).unwrap();
    let summary = report.external.unwrap();
    assert_eq!(
        (
            summary.checked,
            summary.ok,
            summary.broken,
            summary.timed_out
        ),
        (3, 1, 1, 1)
    );
    let text = report.render(false);
    assert!(
        text.contains("external link `http://127.0.0.1:")
            && text.contains("/gone` is broken: HTTP 404"),
        "{text}"
    );
    assert!(text.contains("content/tech/case.md:5:"), "{text}");
    assert!(
        text.contains("external links: 3 checked, 1 ok, 1 broken, 1 timed out"),
        "{text}"
    );
    assert!(check::fails(&report, false));
}

/// The site must work offline and inside China: what a page loads from another host
/// when it opens is a warning; a link to another site (loaded only when followed) is not.
#[test]
fn embeds_and_images_from_another_host_are_warnings() {
    let site = Site::starter();
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\ndescription = \"d\"\n+++\n[官网](https://example.com/)\n\n![图](https://cdn.example.com/x.png)\n\n<iframe src=\"//player.example.com/v\" title=\"v\"></iframe>\n",
    );
    let report = check::check(&CheckOptions::new(site.root())).unwrap();
    let remote: Vec<(String, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("from another host"))
        .map(|d| (d.message.clone(), d.location().map_or(0, |(line, _)| line)))
        .collect();
    assert_eq!(
        remote,
        vec![
            (
                "the page loads an image `https://cdn.example.com/x.png` from another host"
                    .to_owned(),
                7
            ),
            (
                "the page loads an `<iframe>` `//player.example.com/v` from another host"
                    .to_owned(),
                9
            ),
        ]
    );
    assert_eq!(report.errors(), 0, "{}", report.render(false));
}
