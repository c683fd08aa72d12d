//! The core promise: one build writes the site in both languages, every page linked to
//! its twin, every internal link resolving, under a root or a sub-path base URL.

use std::collections::BTreeSet;

use profilegen::config::Overrides;

use crate::harness::{Site, broken_links};

const PAGES: [&str; 6] = [
    "index.html",
    "en/index.html",
    "tech/index.html",
    "en/tech/index.html",
    "tech/case/index.html",
    "en/tech/case/index.html",
];

#[test]
fn starter_builds_both_languages_with_html_lang() {
    let site = Site::starter();
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let counts: Vec<_> = report
        .languages
        .iter()
        .map(|l| (l.lang.as_str(), l.pages, l.sections))
        .collect();
    assert_eq!(counts, [("zh", 1, 2), ("en", 1, 2)]);
    for p in PAGES {
        let lang = if p.starts_with("en/") { "en" } else { "zh-CN" };
        assert_eq!(site.html(p).attr("html", "lang"), lang, "{p}");
    }
    assert_eq!(site.html("tech/case/index.html").text("h1"), "案例");
    assert_eq!(site.html("en/tech/case/index.html").text("h1"), "Case");
}

#[test]
fn charset_is_the_first_thing_in_head() {
    let site = Site::starter();
    site.build_ok();
    for p in PAGES.iter().chain(&["404.html", "en/404.html"]) {
        let page = site.html(p);
        let first = page
            .one("head")
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .next()
            .unwrap();
        assert_eq!(first.value().name(), "meta", "{p}");
        assert_eq!(first.value().attr("charset"), Some("utf-8"), "{p}");
    }
}

#[test]
fn switcher_goes_to_the_twin_of_the_same_page() {
    let site = Site::starter();
    site.build_ok();
    let pairs = [
        ("index.html", "/en/"),
        ("en/index.html", "/"),
        ("tech/case/index.html", "/en/tech/case/"),
        ("en/tech/case/index.html", "/tech/case/"),
    ];
    for (page, twin) in pairs {
        let p = site.html(page);
        let link = p.one(".lang-switch a");
        assert_eq!(link.value().attr("href"), Some(twin), "{page}");
        let target_lang = if twin.starts_with("/en/") {
            "en"
        } else {
            "zh-CN"
        };
        assert_eq!(link.value().attr("hreflang"), Some(target_lang), "{page}");
    }
}

#[test]
fn hreflang_alternates_are_symmetric_with_x_default() {
    let site = Site::starter();
    site.build_ok();
    for p in PAGES {
        let page = site.html(p);
        let alts: BTreeSet<(String, String)> = page
            .all("link[rel=alternate][hreflang]")
            .iter()
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_owned(),
                    e.value().attr("href").unwrap().to_owned(),
                )
            })
            .collect();
        let langs: BTreeSet<&str> = alts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, BTreeSet::from(["en", "x-default", "zh-CN"]), "{p}");
        let canonical = page.attr("link[rel=canonical]", "href");
        assert!(
            alts.iter().any(|(_, href)| *href == canonical),
            "{p}: its own URL is among its alternates"
        );
        for (lang, href) in &alts {
            let twin_file = format!(
                "{}index.html",
                href.trim_start_matches("https://example.org/")
            );
            let twin = site.html(&twin_file);
            let back: BTreeSet<(String, String)> = twin
                .all("link[rel=alternate][hreflang]")
                .iter()
                .map(|e| {
                    (
                        e.value().attr("hreflang").unwrap().to_owned(),
                        e.value().attr("href").unwrap().to_owned(),
                    )
                })
                .collect();
            assert_eq!(back, alts, "{p} -> {lang} {href}");
        }
    }
}

#[test]
fn internal_links_resolve_in_the_pages_own_language() {
    let site = Site::starter();
    site.build_ok();
    let zh = site.html("tech/case/index.html");
    assert_eq!(zh.attr("main a[href*='policy']", "href"), "/tech/#policy");
    let en = site.html("en/tech/case/index.html");
    assert_eq!(
        en.attr("main a[href*='policy']", "href"),
        "/en/tech/#policy"
    );
    assert_eq!(broken_links(&site.public(), "/"), Vec::<String>::new());
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = Site::starter();
    site.write(
        "content/tech/img.md",
        "+++\ntitle = \"图\"\ndescription = \"d\"\n+++\n![图](/logo.svg) [首页](/)\n",
    );
    site.write(
        "content/tech/img.en.md",
        "+++\ntitle = \"Image\"\ndescription = \"d\"\n+++\n![logo](/logo.svg) [home](/en/)\n",
    );
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let report = site.build_with(
        Overrides {
            base_url: Some("https://example.org/renze/".into()),
            output_dir: None,
            portable: false,
        },
        false,
    );
    assert!(
        report.is_ok(),
        "{}",
        report.err().map(|d| d.to_string()).unwrap_or_default()
    );
    for p in PAGES {
        let page = site.html(p);
        for href in page.hrefs().iter().filter(|h| h.starts_with('/')) {
            assert!(href.starts_with("/renze/"), "{p}: {href}");
        }
    }
    assert_eq!(
        site.html("tech/img/index.html").attr("main img", "src"),
        "/renze/logo.svg"
    );
    assert_eq!(
        site.html("en/tech/case/index.html")
            .attr("link[rel=canonical]", "href"),
        "https://example.org/renze/en/tech/case/"
    );
    assert_eq!(
        broken_links(&site.public(), "/renze/"),
        Vec::<String>::new()
    );
}

#[test]
fn a_page_without_its_twin_warns_and_switches_to_the_other_home() {
    let site = Site::starter();
    site.write(
        "content/tech/only-zh.md",
        "+++\ntitle = \"仅中文\"\ndescription = \"d\"\n+++\n中文。\n",
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("content/tech/only-zh.md") && warnings[0].contains("only-zh.en.md"),
        "{}",
        warnings[0]
    );
    let page = site.html("tech/only-zh/index.html");
    assert_eq!(page.attr(".lang-switch a", "href"), "/en/");
    assert_eq!(page.all("link[rel=alternate][hreflang=en]").len(), 0);
}

#[test]
fn section_lists_pages_by_weight_then_newest_date() {
    let site = Site::starter();
    for (slug, weight, date) in [
        ("b", 2, "2024-01-01"),
        ("a", 1, "2023-01-01"),
        ("c", 2, "2024-06-01"),
    ] {
        for suffix in ["", ".en"] {
            site.write(&format!("content/tech/{slug}{suffix}.md"), &format!("+++\ntitle = \"{slug}\"\ndescription = \"d\"\nweight = {weight}\ndate = {date}\n+++\nx\n"));
        }
    }
    site.build_ok();
    let page = site.html("tech/index.html");
    let listed: Vec<String> = page
        .all("main .page-list a")
        .iter()
        .map(|a| a.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(listed, ["案例", "a", "c", "b"]);
}

#[test]
fn drafts_are_left_out() {
    let site = Site::starter();
    site.write(
        "content/tech/wip.md",
        "+++\ntitle = \"草稿\"\ndraft = true\n+++\nx\n",
    );
    site.build_ok();
    assert!(!site.public().join("tech/wip/index.html").exists());
}

#[test]
fn both_404_pages_are_translated() {
    let site = Site::starter();
    site.build_ok();
    assert_eq!(site.html("404.html").attr("html", "lang"), "zh-CN");
    assert_eq!(site.html("en/404.html").attr("html", "lang"), "en");
    assert_eq!(
        site.html("en/404.html").attr("main a[href='/en/']", "href"),
        "/en/"
    );
}

#[test]
fn chinese_line_breaks_vanish_but_english_ones_stay_spaces() {
    let site = Site::starter();
    site.write("content/tech/case.md", "+++\ntitle = \"案例\"\ndescription = \"d\"\n+++\n任泽区的新材料\n产业集群，\nwith English\nwords.\n");
    site.build_ok();
    let text = site.html("tech/case/index.html").text("main .prose p");
    assert_eq!(text, "任泽区的新材料产业集群，\nwith English\nwords.");
}

#[test]
fn reading_time_counts_chinese_characters() {
    let site = Site::starter();
    let body = "新材料产业。".repeat(400);
    site.write(
        "content/tech/case.md",
        &format!("+++\ntitle = \"案例\"\ndescription = \"d\"\n+++\n{body}\n"),
    );
    site.build_ok();
    let listed = site.html("tech/index.html");
    let item = listed.one("main .page-list li").text().collect::<String>();
    assert!(
        item.contains("阅读约需 5 分钟"),
        "2,000 characters (punctuation not counted) at about 400 a minute: {item}"
    );
}
