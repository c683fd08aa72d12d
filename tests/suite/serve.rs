//! `serve`: incremental rebuilds (what an edit re-renders, from the library's rebuild
//! reports) and the HTTP server over real loopback sockets (live reload, the error
//! overlay, the last good site, MIME types, 404 pages, ranges, and hostile requests).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use profilegen::BuildOptions;
use profilegen::serve::{RebuildReport, ServeOptions, Server, Session};
use scraper::Html;

use crate::harness::{Page, Site, build_options};

/// A session over `site` writing into `out`, after its first (full) build.
fn session(site: &Site, out: &std::path::Path) -> Session {
    let mut s = Session::new(BuildOptions {
        plain_assets: true,
        skip_search_index: true,
        ..build_options(site.root(), out)
    });
    let first = s.rebuild(&[]);
    assert!(first.ok() && first.full, "{:?}", first.errors);
    s
}

fn rendered(r: &RebuildReport) -> BTreeSet<String> {
    r.rendered
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn edit(site: &Site, s: &mut Session, rel: &str, text: &str) -> RebuildReport {
    site.write(rel, text);
    let r = s.rebuild(&[PathBuf::from(rel)]);
    assert!(!r.full, "an edit of {rel} rebuilt everything");
    r
}

const CASE: &str = "+++\ntitle = \"案例\"\ndescription = \"案例简介\"\n+++\n见[科技创新](@/tech/_index.md#policy)。\n";

#[test]
fn a_body_edit_re_renders_only_that_page() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let r = edit(
        &site,
        &mut s,
        "content/tech/case.md",
        &CASE.replace("。", "，很好。"),
    );
    assert!(r.ok(), "{:?}", r.errors);
    assert_eq!(rendered(&r), set(&["tech/case/index.html"]));
    assert_eq!(r.markdown, vec![PathBuf::from("content/tech/case.md")]);
    let html = std::fs::read_to_string(out.path().join("tech/case/index.html")).unwrap();
    assert!(
        Page(Html::parse_document(&html))
            .text(".prose")
            .contains("很好")
    );
}

#[test]
fn a_title_edit_re_renders_the_listing_and_the_twins_switcher() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let r = edit(
        &site,
        &mut s,
        "content/tech/case.md",
        &CASE.replace("\"案例\"", "\"新案例\""),
    );
    assert_eq!(
        rendered(&r),
        set(&[
            "tech/case/index.html",
            "tech/index.html",
            "en/tech/case/index.html"
        ])
    );
    let twin = std::fs::read_to_string(out.path().join("en/tech/case/index.html")).unwrap();
    let page = Page(Html::parse_document(&twin));
    let zh = page
        .one("link[hreflang=\"zh-CN\"]")
        .value()
        .attr("href")
        .unwrap_or("");
    assert!(zh.ends_with("/tech/case/"), "{zh}");
    let listing = std::fs::read_to_string(out.path().join("tech/index.html")).unwrap();
    assert!(
        Page(Html::parse_document(&listing))
            .text(".section-pages")
            .contains("新案例")
    );
}

#[test]
fn a_menu_section_title_re_renders_its_whole_language() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let text = "+++\ntitle = \"科技\"\ndescription = \"科技\"\nweight = 1\n+++\n## 政策 {#policy}\n\n科技。\n";
    let r = edit(&site, &mut s, "content/tech/_index.md", text);
    assert_eq!(
        rendered(&r),
        set(&[
            "index.html",
            "tech/index.html",
            "tech/case/index.html",
            "404.html",
            "search/index.html",
            "en/tech/index.html"
        ])
    );
}

#[test]
fn pages_linking_to_a_moved_page_are_re_rendered() {
    let site = Site::starter();
    site.write(
        "content/tech/other.md",
        "+++\ntitle = \"其他\"\ndescription = \"d\"\n+++\n见[案例](@/tech/case.md)。\n",
    );
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let moved = CASE.replace("+++\n见", "slug = \"moved\"\n+++\n见");
    let r = edit(&site, &mut s, "content/tech/case.md", &moved);
    assert!(r.ok(), "{:?}", r.errors);
    let got = rendered(&r);
    for want in [
        "tech/moved/index.html",
        "tech/other/index.html",
        "tech/index.html",
    ] {
        assert!(got.contains(want), "{want} not in {got:?}");
    }
    assert!(r.deleted.contains(&PathBuf::from("tech/case/index.html")));
    assert!(!out.path().join("tech/case/index.html").exists());
    let other = std::fs::read_to_string(out.path().join("tech/other/index.html")).unwrap();
    let hrefs = Page(Html::parse_document(&other)).hrefs();
    assert!(hrefs.iter().any(|h| h == "/tech/moved/"), "{hrefs:?}");
}

#[test]
fn a_removed_anchor_fails_at_the_linking_page_and_keeps_the_output() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let before = crate::harness::tree_bytes(out.path());
    let text =
        "+++\ntitle = \"科技创新\"\ndescription = \"科技\"\nweight = 1\n+++\n## 政策\n\n科技。\n";
    let r = edit(&site, &mut s, "content/tech/_index.md", text);
    assert!(!r.ok());
    let report = profilegen::Diagnostics(r.errors.clone()).to_string();
    assert!(report.contains("content/tech/case.md:5:"), "{report}");
    assert!(
        crate::harness::tree_bytes(out.path()) == before,
        "output changed on error"
    );
    site.write(
        "content/tech/_index.md",
        &text.replace("## 政策", "## 政策 {#policy}"),
    );
    let fixed = s.rebuild(&[PathBuf::from("content/tech/_index.md")]);
    assert!(fixed.ok(), "{:?}", fixed.errors);
    assert!(rendered(&fixed).contains("tech/index.html"));
}

#[test]
fn a_template_edit_re_renders_only_its_users() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let tpl = std::fs::read_to_string(site.root().join("templates/404.html")).unwrap();
    let r = edit(&site, &mut s, "templates/404.html", &format!("{tpl}\n"));
    assert_eq!(rendered(&r), set(&["404.html", "en/404.html"]));
    let base = std::fs::read_to_string(site.root().join("templates/base.html")).unwrap();
    let r = edit(&site, &mut s, "templates/base.html", &format!("{base}\n"));
    // Every document and each language's 404 and search page.
    assert_eq!(r.rendered.len(), 10, "{:?}", r.rendered);
}

#[test]
fn a_stats_edit_re_renders_the_pages_showing_the_changed_record() {
    let site = Site::starter();
    let stats = |a: u32| {
        format!(
            "[[stat]]\nid = \"firms\"\nvalue = {a}\nunit = \"enterprises\"\nyear = 2023\nlabel = {{ zh = \"企业\", en = \"Firms\" }}\nsource = {{ zh = \"来源\", en = \"Source\" }}\n\n[[stat]]\nid = \"jobs\"\nvalue = 900\nunit = \"people\"\nyear = 2023\nlabel = {{ zh = \"就业\", en = \"Jobs\" }}\nsource = {{ zh = \"来源\", en = \"Source\" }}\n"
        )
    };
    site.write("content/stats.toml", &stats(120));
    site.write(
        "content/tech/case.md",
        &format!("{CASE}\n企业{{{{ stat(id=\"firms\") }}}}。\n"),
    );
    site.write("content/tech/_index.en.md", "+++\ntitle = \"Tech innovation\"\ndescription = \"Tech\"\nweight = 1\n+++\n## Policy {#policy}\n\nJobs: {{ stat(id=\"jobs\") }}.\n");
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let r = edit(&site, &mut s, "content/stats.toml", &stats(130));
    assert!(r.ok(), "{:?}", r.errors);
    assert_eq!(rendered(&r), set(&["tech/case/index.html"]));
    let csv = std::fs::read_to_string(out.path().join("data/stats.csv")).unwrap();
    assert!(csv.contains("130"), "{csv}");
    let page = std::fs::read_to_string(out.path().join("tech/case/index.html")).unwrap();
    let page = Page(Html::parse_document(&page));
    assert!(page.text("[data-stat=\"firms\"]").contains("130"));
}

#[test]
fn added_and_removed_pages_update_listings_and_files() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let r = edit(
        &site,
        &mut s,
        "content/tech/new.md",
        "+++\ntitle = \"新页\"\ndescription = \"d\"\n+++\n正文。\n",
    );
    assert!(r.ok(), "{:?}", r.errors);
    assert_eq!(
        rendered(&r),
        set(&["tech/new/index.html", "tech/index.html"])
    );
    site.remove("content/tech/new.md");
    let r = s.rebuild(&[site.root().join("content/tech/new.md")]);
    assert!(r.ok(), "{:?}", r.errors);
    assert_eq!(r.deleted, vec![PathBuf::from("tech/new/index.html")]);
    assert!(!out.path().join("tech/new/index.html").exists());
}

#[test]
fn a_config_edit_rebuilds_everything() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    let config = std::fs::read_to_string(site.root().join("config.toml")).unwrap();
    site.write("config.toml", &format!("{config}\n"));
    let r = s.rebuild(&[PathBuf::from("config.toml")]);
    assert!(r.ok() && r.full, "{:?}", r.errors);
}

// ---- over real sockets ----------------------------------------------------------------

/// A server on an ephemeral loopback port, building into `scratch/www`.
struct Running {
    site: Site,
    server: Server,
    scratch: tempfile::TempDir,
}

fn start(site: Site) -> Running {
    let scratch = tempfile::tempdir().unwrap();
    let mut opts = ServeOptions::new(site.root());
    opts.port = 0;
    opts.scratch = Some(scratch.path().to_path_buf());
    let server = Server::start(opts).unwrap_or_else(|d| panic!("{d}"));
    let first = server
        .next_report(Duration::from_secs(30))
        .expect("first build");
    assert!(first.ok(), "{:?}", first.errors);
    Running {
        site,
        server,
        scratch,
    }
}

/// A raw HTTP/1.1 exchange: status, lower-cased head, body.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim() == name).then(|| v.trim().to_owned())
        })
    }
}

fn raw(addr: SocketAddr, request: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = bytes.get(split + 4..).unwrap_or_default().to_vec();
    Reply { status, head, body }
}

fn get(addr: SocketAddr, path: &str, extra: &str) -> Reply {
    let host = format!("127.0.0.1:{}", addr.port());
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"),
    )
}

/// An open event stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr, path: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            addr.port()
        );
        stream.write_all(req.as_bytes()).unwrap();
        Events(BufReader::new(stream))
    }

    /// The data of the next event named `name`, waiting until `deadline`.
    fn next(&mut self, name: &str, deadline: Instant) -> String {
        let mut current = String::new();
        while Instant::now() < deadline {
            let mut line = String::new();
            match self.0.read_line(&mut line) {
                Ok(0) => panic!("event stream closed"),
                Ok(_) => {}
                Err(_) => continue,
            }
            let line = line.trim_end();
            if let Some(ev) = line.strip_prefix("event:") {
                current = ev.trim().to_owned();
            } else if let Some(data) = line.strip_prefix("data:")
                && current == name
            {
                return data.trim().to_owned();
            }
        }
        panic!("no `{name}` event before the deadline");
    }
}

fn soon() -> Instant {
    Instant::now() + Duration::from_secs(30)
}

#[test]
fn pages_have_charset_the_reload_script_head_ranges_and_404s() {
    let r = start(Site::starter());
    let addr = r.server.addr();
    let home = get(addr, "/", "");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.header("access-control-allow-origin").is_none());
    let page = Page(Html::parse_document(&home.text()));
    assert_eq!(
        page.attr("script[src$=\"live-reload.js\"]", "src"),
        "/__profilegen/live-reload.js"
    );
    let head = raw(
        addr,
        &format!(
            "HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            addr.port()
        ),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(home.body.len().to_string())
    );
    let css = get(addr, "/css/site.css", "Range: bytes=0-9\r\n");
    assert_eq!(css.status, 206);
    assert_eq!(css.body.len(), 10);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let missing_en = get(addr, "/en/nowhere/", "");
    assert_eq!(missing_en.status, 404);
    assert_eq!(
        Page(Html::parse_document(&missing_en.text())).attr("html", "lang"),
        "en"
    );
    let missing_zh = get(addr, "/nowhere/", "");
    assert_eq!(missing_zh.status, 404);
    assert_eq!(
        Page(Html::parse_document(&missing_zh.text())).attr("html", "lang"),
        "zh-CN"
    );
    let script = get(addr, "/__profilegen/live-reload.js", "");
    assert_eq!(
        script.header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert!(!r.site.public().exists(), "serve wrote public/");
}

#[test]
fn hostile_requests_are_refused() {
    let r = start(Site::starter());
    let addr = r.server.addr();
    let secret = "SENTINEL-7f3a9c";
    std::fs::write(r.scratch.path().join("sentinel.txt"), secret).unwrap();
    std::fs::write(r.server.www().join("..").join("hostname"), secret).unwrap();
    let lines = [
        "/../sentinel.txt",
        "/%2e%2e/sentinel.txt",
        "/%2e%2e%2fsentinel.txt",
        "/..%5csentinel.txt",
        "/..%2f..%2fsentinel.txt",
        "//etc/hostname",
        "/c:/x",
        "/%00",
        "/tech/%00../../sentinel.txt",
        "/.profilegen-output",
        "../sentinel.txt",
    ];
    let host = format!("127.0.0.1:{}", addr.port());
    for path in lines {
        let reply = raw(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert!([400, 404].contains(&reply.status), "{path}: {}", reply.head);
        assert!(!reply.text().contains(secret), "{path} leaked the sentinel");
        assert!(reply.header("access-control-allow-origin").is_none());
    }
    let evil = raw(
        addr,
        "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(evil.status, 403);
    let rebound = raw(
        addr,
        &format!(
            "GET / HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n",
            addr.port()
        ),
    );
    assert_eq!(rebound.status, 403);
    let cross = get(
        addr,
        "/__profilegen/events",
        "Origin: http://evil.example\r\n",
    );
    assert_eq!(cross.status, 403);
    let post = raw(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(post.status, 405);
}

#[test]
fn a_sub_path_site_is_served_under_its_path() {
    let site = Site::with_base("https://example.org/renze/");
    let starter = Site::starter();
    for rel in [
        "content/_index.md",
        "content/_index.en.md",
        "content/tech/_index.md",
        "content/tech/_index.en.md",
        "content/tech/case.md",
        "content/tech/case.en.md",
    ] {
        site.write(
            rel,
            &std::fs::read_to_string(starter.root().join(rel)).unwrap(),
        );
    }
    let r = start(site);
    let addr = r.server.addr();
    assert!(r.server.url().ends_with("/renze/"), "{}", r.server.url());
    let home = get(addr, "/renze/", "");
    assert_eq!(home.status, 200);
    let page = Page(Html::parse_document(&home.text()));
    assert_eq!(
        page.attr("script[src$=\"live-reload.js\"]", "src"),
        "/renze/__profilegen/live-reload.js"
    );
    let css = page.attr("link[rel=stylesheet]", "href");
    assert_eq!(get(addr, &css, "").status, 200, "{css}");
    assert_eq!(
        get(addr, "/renze/__profilegen/live-reload.js", "").status,
        200
    );
    let root = get(addr, "/", "");
    assert_eq!(root.header("location").as_deref(), Some("/renze/"));
    let dir = get(addr, "/renze/tech", "");
    assert!(
        dir.header("location")
            .is_some_and(|l| l.starts_with("/renze/tech/")),
        "{}",
        dir.head
    );
    assert_eq!(get(addr, "/renze/en/nowhere", "").status, 404);
}

#[test]
fn an_edit_reloads_the_page_and_a_bad_edit_shows_the_overlay_until_fixed() {
    let r = start(Site::starter());
    let addr = r.server.addr();
    let mut events = Events::open(addr, "/__profilegen/events");
    let hello = events.next("hello", soon());
    assert!(hello.contains("\"error\":null"), "{hello}");
    r.site.write(
        "content/tech/case.md",
        &CASE.replace("\"案例\"", "\"改过的案例\""),
    );
    let reload = events.next("reload", soon());
    assert!(reload.contains("tech/case/index.html"), "{reload}");
    let page = Page(Html::parse_document(&get(addr, "/tech/case/", "").text()));
    assert_eq!(page.text("h1"), "改过的案例");
    r.site.write(
        "content/tech/case.md",
        "+++\ntitle = \"坏\"\ndescripton = \"<b>x</b>\"\n+++\n",
    );
    let failed = events.next("failed", soon());
    assert!(failed.contains("content/tech/case.md:3:1"), "{failed}");
    let page = Page(Html::parse_document(&get(addr, "/tech/case/", "").text()));
    assert_eq!(
        page.text("h1"),
        "改过的案例",
        "the last good page is served"
    );
    let overlay = page.text("#profilegen-overlay");
    assert!(overlay.contains("content/tech/case.md:3:1"), "{overlay}");
    assert!(overlay.contains("did you mean `description`?"), "{overlay}");
    assert!(overlay.contains("<b>x</b>"), "{overlay}");
    assert!(
        page.all("#profilegen-overlay b").is_empty(),
        "overlay text not escaped"
    );
    r.site.write("content/tech/case.md", CASE);
    events.next("reload", soon());
    let page = Page(Html::parse_document(&get(addr, "/tech/case/", "").text()));
    assert_eq!(page.text("h1"), "案例");
    assert!(page.all("#profilegen-overlay").is_empty());
}

#[test]
fn files_outside_the_site_change_nothing() {
    let site = Site::starter();
    let out = tempfile::tempdir().unwrap();
    let mut s = session(&site, out.path());
    site.write("notes.md", "mine");
    site.write("content/tech/.case.md.swp", "swap");
    let r = s.rebuild(&[
        site.root().join("notes.md"),
        site.root().join("content/tech/.case.md.swp"),
        site.root().join("public/index.html"),
    ]);
    assert_eq!((r.generation, r.rendered.len()), (0, 0));
    let r = s.rebuild(&[site.root().join("content/tech/case.md")]);
    assert_eq!(r.generation, 2, "a real change is a new generation");
}

#[test]
fn a_new_item_shifts_a_paginated_listing_and_an_alias_appears_on_save() {
    let site = Site::starter();
    site.replace(
        "content/tech/_index.md",
        "weight = 1",
        "weight = 1\npaginate_by = 1",
    );
    site.replace(
        "content/tech/_index.en.md",
        "weight = 1",
        "weight = 1\npaginate_by = 1",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut s = session(&site, &out);
    assert!(!out.join("tech/page/2/index.html").exists());
    let r = edit(
        &site,
        &mut s,
        "content/tech/b.md",
        "+++\ntitle = \"乙\"\nweight = -1\n+++\n乙。\n",
    );
    assert!(r.ok(), "{:?}", r.errors);
    // The new page sorts first: page 1 lists it, page 2 the old case.
    let listed = |rel: &str| -> Vec<String> {
        let page = Page(Html::parse_document(
            &std::fs::read_to_string(out.join(rel)).unwrap(),
        ));
        page.all(".section-pages .page-list__title a")
            .iter()
            .map(|a| a.text().collect::<String>().trim().to_owned())
            .collect()
    };
    assert_eq!(listed("tech/index.html"), ["乙"]);
    assert_eq!(listed("tech/page/2/index.html"), ["案例"]);
    site.remove("content/tech/b.md");
    let r = s.rebuild(&[PathBuf::from("content/tech/b.md")]);
    assert!(r.ok() && !r.full, "{:?}", r.errors);
    assert!(
        !out.join("tech/page/2/index.html").exists(),
        "a vanished listing page is removed"
    );
    let r = edit(
        &site,
        &mut s,
        "content/tech/case.md",
        &CASE.replace("+++\n见", "aliases = [\"/old-case/\"]\n+++\n见"),
    );
    assert!(r.ok(), "{:?}", r.errors);
    let alias = std::fs::read_to_string(out.join("old-case/index.html")).unwrap();
    assert!(alias.contains("url=/tech/case/"), "{alias}");
    let r = edit(&site, &mut s, "content/tech/case.md", CASE);
    assert!(r.ok(), "{:?}", r.errors);
    assert!(
        !out.join("old-case/index.html").exists(),
        "a removed alias is removed"
    );
}

#[test]
fn an_added_or_replaced_photo_shows_on_save() {
    let site = Site::starter();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut s = session(&site, &out);
    let photo = |w: u32| crate::harness::png(w, w / 2, [10, 120, 200]);
    let src = |out: &std::path::Path| -> String {
        let html = std::fs::read_to_string(out.join("tech/case/index.html")).unwrap();
        Page(Html::parse_document(&html)).attr("main figure.photo img", "src")
    };
    site.write_bytes("content/tech/plan.png", &photo(640));
    site.write(
        "content/tech/case.md",
        &CASE.replace("见[", "![厂区](plan.png)\n\n见["),
    );
    let r = s.rebuild(&[
        PathBuf::from("content/tech/plan.png"),
        PathBuf::from("content/tech/case.md"),
    ]);
    assert!(r.ok(), "{:?}", r.errors);
    let first = src(&out);
    assert!(
        first.ends_with(".640.png") || first.ends_with(".640.jpg"),
        "{first}"
    );
    assert!(out.join(first.trim_start_matches('/')).is_file());
    site.write_bytes("content/tech/plan.png", &photo(320));
    let r = s.rebuild(&[PathBuf::from("content/tech/plan.png")]);
    assert!(r.ok() && !r.full, "{:?}", r.errors);
    assert_eq!(
        rendered(&r),
        set(&["tech/case/index.html"]),
        "only the page showing the photo (from the dependency map)"
    );
    let second = src(&out);
    assert_ne!(first, second, "a replaced photo gets new URLs");
    assert!(second.contains(".320."), "{second}");
    assert!(out.join(second.trim_start_matches('/')).is_file());
    assert!(
        !out.join(first.trim_start_matches('/')).exists(),
        "the old copies are removed"
    );
    site.remove("content/tech/plan.png");
    let r = s.rebuild(&[PathBuf::from("content/tech/plan.png")]);
    assert!(!r.full, "a removed photo is not a full rebuild");
    let error = r
        .errors
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        error.contains("image `plan.png` not found") && error.contains("content/tech/case.md"),
        "the page showing it fails at its image: {error}"
    );
}
