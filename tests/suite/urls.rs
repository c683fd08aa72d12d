//! URLs kept for years: paginated sections, redirects for moved pages (`aliases`,
//! `_redirects`, nginx lines) and the URL manifest that warns about a URL lost.

use std::process::Command;

use crate::harness::{Page, Site};

/// The starter with a `news` section of `n` dated items in both languages, listed
/// `per` to a page.
fn news_site(n: usize, per: i64) -> Site {
    let site = Site::starter();
    site.write("content/news/_index.md", &format!("+++\ntitle = \"专题\"\ndescription = \"专题报道\"\nweight = 5\npaginate_by = {per}\n+++\n"));
    site.write("content/news/_index.en.md", &format!("+++\ntitle = \"Briefings\"\ndescription = \"Briefings\"\nweight = 5\npaginate_by = {per}\n+++\n"));
    for i in 1..=n {
        site.write(&format!("content/news/item-{i}.md"), &format!("+++\ntitle = \"专题{i}\"\ndescription = \"第{i}篇\"\nweight = {i}\n+++\n正文{i}。\n"));
        site.write(&format!("content/news/item-{i}.en.md"), &format!("+++\ntitle = \"Briefing {i}\"\ndescription = \"No. {i}\"\nweight = {i}\n+++\nText {i}.\n"));
    }
    site
}

fn listed(page: &Page) -> Vec<String> {
    page.all(".section-pages .page-list__title a")
        .iter()
        .map(|a| a.text().collect::<String>().trim().to_owned())
        .collect()
}

fn head_link(page: &Page, rel: &str) -> Option<String> {
    page.all(&format!("head link[rel={rel}]"))
        .first()
        .map(|l| l.value().attr("href").unwrap().to_owned())
}

#[test]
fn a_paginated_section_splits_its_listing_with_prev_next_links_in_both_languages() {
    let site = news_site(5, 2);
    site.build_ok();
    for (prefix, item) in [("", "专题"), ("en/", "Briefing ")] {
        let at = |k: &str| site.html(&format!("{prefix}news/{k}index.html"));
        let (first, second, third) = (at(""), at("page/2/"), at("page/3/"));
        assert_eq!(listed(&first), [format!("{item}1"), format!("{item}2")]);
        assert_eq!(listed(&second), [format!("{item}3"), format!("{item}4")]);
        assert_eq!(listed(&third), [format!("{item}5")]);
        assert_eq!(head_link(&first, "prev"), None);
        assert_eq!(
            head_link(&first, "next").unwrap(),
            format!("/{prefix}news/page/2/")
        );
        assert_eq!(
            head_link(&second, "prev").unwrap(),
            format!("/{prefix}news/")
        );
        assert_eq!(
            head_link(&second, "next").unwrap(),
            format!("/{prefix}news/page/3/")
        );
        assert_eq!(head_link(&third, "next"), None);
        // Each listing page is its own canonical URL, its language versions are the twins'
        // same listing page.
        assert_eq!(
            second.attr("head link[rel=canonical]", "href"),
            format!("https://example.org/{prefix}news/page/2/")
        );
        let alternates: Vec<String> = second
            .all("head link[rel=alternate][hreflang^=zh], head link[rel=alternate][hreflang=en]")
            .iter()
            .map(|l| l.value().attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(
            alternates,
            [
                "https://example.org/news/page/2/",
                "https://example.org/en/news/page/2/"
            ]
        );
        let current = second.one("nav.pager a[aria-current=page]");
        assert_eq!(current.text().collect::<String>(), "2");
        assert_eq!(second.all("nav.pager li").len(), 5, "prev, 1, 2, 3, next");
        assert_ne!(
            first.text("head title"),
            second.text("head title"),
            "listing pages have titles of their own"
        );
        // page/1/ redirects to the section.
        let one = at("page/1/");
        assert_eq!(
            one.attr("meta[http-equiv=refresh]", "content"),
            format!("0; url=/{prefix}news/")
        );
    }
}

#[test]
fn the_sitemap_lists_every_listing_page_with_its_alternates() {
    let site = news_site(5, 2);
    site.build_ok();
    let xml = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let loc = |u: &roxmltree::Node| {
        u.children()
            .find(|c| c.has_tag_name("loc"))
            .and_then(|c| c.text())
            .unwrap()
            .to_owned()
    };
    for k in 2..=3 {
        for prefix in ["", "en/"] {
            let want = format!("https://example.org/{prefix}news/page/{k}/");
            let url = urls
                .iter()
                .find(|u| loc(u) == want)
                .unwrap_or_else(|| panic!("{want}"));
            let alternates: Vec<&str> = url
                .children()
                .filter(|c| c.tag_name().name() == "link")
                .map(|c| c.attribute("href").unwrap())
                .collect();
            assert!(
                alternates.contains(&format!("https://example.org/en/news/page/{k}/").as_str())
            );
            assert!(alternates.contains(&format!("https://example.org/news/page/{k}/").as_str()));
        }
    }
    assert!(
        !xml.contains("page/4/") && !xml.contains("page/1/"),
        "{xml}"
    );
}

#[test]
fn templates_get_a_paginator() {
    let site = news_site(5, 2);
    site.write("templates/news.html", "{% extends \"base.html\" %}{% block content %}<main id=\"main\"><p id=\"p\">{{ paginator.current }}/{{ paginator.total }} of {{ paginator.items }} by {{ paginator.per_page }}; first {{ paginator.first }} last {{ paginator.last }} prev {% if paginator.previous %}{{ paginator.previous }}{% else %}-{% endif %} next {% if paginator.next %}{{ paginator.next }}{% else %}-{% endif %}; {{ section.pages | length }} here</p></main>{% endblock content %}");
    site.replace(
        "content/news/_index.md",
        "paginate_by",
        "template = \"news.html\"\npaginate_by",
    );
    site.replace(
        "content/news/_index.en.md",
        "paginate_by",
        "template = \"news.html\"\npaginate_by",
    );
    site.build_ok();
    assert_eq!(
        site.html("news/page/2/index.html").text("#p"),
        "2/3 of 5 by 2; first /news/ last /news/page/3/ prev /news/ next /news/page/3/; 2 here"
    );
    assert_eq!(
        site.html("en/news/index.html").text("#p"),
        "1/3 of 5 by 2; first /en/news/ last /en/news/page/3/ prev - next /en/news/page/2/; 2 here"
    );
}

#[test]
fn paginate_by_zero_or_on_a_page_is_a_located_error() {
    let site = news_site(3, 0);
    let report = site.build_err();
    assert!(
        report.contains("`paginate_by = 0` lists no pages"),
        "{report}"
    );
    assert!(report.contains("content/news/_index.md:5:15"), "{report}");
    assert!(report.contains("help: "), "{report}");
    let site = news_site(3, 2);
    site.replace(
        "content/news/item-1.md",
        "weight",
        "paginate_by = 3\nweight",
    );
    let report = site.build_err();
    assert!(report.contains("`paginate_by` is for sections"), "{report}");
    assert!(report.contains("content/news/item-1.md:4:"), "{report}");
}

/// The starter with a page that moved: `tech/new-name.md` (and its twin) naming old URLs.
fn moved_site() -> Site {
    let site = Site::starter();
    site.write("content/tech/new-name.md", "+++\ntitle = \"新名称\"\ndescription = \"改名后的页面\"\naliases = [\"/tech/old-name/\", \"/old.html\", \"/legacy\"]\n+++\n正文。\n");
    site.write("content/tech/new-name.en.md", "+++\ntitle = \"New name\"\ndescription = \"The renamed page\"\naliases = [\"/en/tech/old-name/\"]\n+++\nText.\n");
    site
}

#[test]
fn each_alias_is_a_redirect_page_in_the_language_of_its_file() {
    let site = moved_site();
    site.build_ok();
    for (file, lang, target) in [
        ("tech/old-name/index.html", "zh-CN", "/tech/new-name/"),
        ("old.html", "zh-CN", "/tech/new-name/"),
        ("legacy/index.html", "zh-CN", "/tech/new-name/"),
        ("en/tech/old-name/index.html", "en", "/en/tech/new-name/"),
    ] {
        let page = site.html(file);
        assert_eq!(page.attr("html", "lang"), lang, "{file}");
        assert_eq!(
            page.attr("meta[http-equiv=refresh]", "content"),
            format!("0; url={target}")
        );
        assert_eq!(
            page.attr("link[rel=canonical]", "href"),
            format!("https://example.org{target}")
        );
        assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
        assert_eq!(page.attr("main a", "href"), target);
        assert!(!page.text("main a").is_empty());
    }
    let redirects = std::fs::read_to_string(site.public().join("_redirects")).unwrap();
    let lines: Vec<&str> = redirects.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "/en/tech/old-name/ /en/tech/new-name/ 301",
            "/legacy/ /tech/new-name/ 301",
            "/old.html /tech/new-name/ 301",
            "/tech/old-name/ /tech/new-name/ 301",
        ]
    );
    // Redirect pages are not pages of the site: not in the sitemap, not searched.
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("old-name") && !sitemap.contains("legacy"));
}

#[test]
fn redirects_print_as_nginx_lines() {
    let site = moved_site();
    let out = Command::new(env!("CARGO_BIN_EXE_profilegen"))
        .env("PROFILEGEN_MESSAGES", "en")
        .args(["redirects", "--nginx", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l == "location = /tech/old-name/ { return 301 /tech/new-name/; }"),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("location = "))
            .count(),
        4
    );
}

#[test]
fn an_alias_that_collides_or_leaves_the_site_is_an_error_naming_both_files() {
    let cases = [
        (
            "[\"/tech/case/\"]",
            "an alias in `content/tech/new-name.md`",
            "`content/tech/case.md`",
        ),
        (
            "[\"/tech/\"]",
            "an alias in `content/tech/new-name.md`",
            "`content/tech/_index.md`",
        ),
        (
            "[\"/x/\", \"/x\"]",
            "an alias in `content/tech/new-name.md` and an alias in `content/tech/new-name.md`",
            "/x/",
        ),
        (
            "[\"https://example.com/x/\"]",
            "leaves the site",
            "content/tech/new-name.md:4:",
        ),
        (
            "[\"/a/../../x/\"]",
            "escapes the site",
            "content/tech/new-name.md:4:",
        ),
        (
            "[\"tech/x/\"]",
            "does not start with /",
            "content/tech/new-name.md:4:",
        ),
    ];
    for (aliases, message, place) in cases {
        let site = moved_site();
        site.replace(
            "content/tech/new-name.md",
            "[\"/tech/old-name/\", \"/old.html\", \"/legacy\"]",
            aliases,
        );
        let report = site.build_err();
        assert!(report.contains(message), "{aliases}: {report}");
        assert!(report.contains(place), "{aliases}: {report}");
        assert!(report.contains("help: "), "{aliases}: {report}");
    }
    // Another file's alias at the same old URL.
    let site = moved_site();
    site.write(
        "content/tech/other.md",
        "+++\ntitle = \"其他\"\naliases = [\"/legacy/\"]\n+++\n",
    );
    let report = site.build_err();
    assert!(
        report.contains("an alias in `content/tech/new-name.md` and an alias in `content/tech/other.md` would both be written to `/legacy/`"),
        "{report}"
    );
}

fn lost_warnings(report: &profilegen::BuildReport) -> Vec<String> {
    report
        .warnings
        .iter()
        .filter(|w| w.message.contains("was published by the previous build"))
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn a_url_published_before_and_lost_now_is_a_warning_until_an_alias_keeps_it() {
    let site = Site::starter();
    let first = site.build_ok();
    assert!(
        lost_warnings(&first).is_empty(),
        "a first build warns about nothing"
    );
    assert!(site.public().join(".profilegen-urls").is_file());
    site.replace(
        "content/tech/case.md",
        "title = \"案例\"",
        "title = \"案例\"\nslug = \"renamed\"",
    );
    let second = site.build_ok();
    let lost = lost_warnings(&second);
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(
        lost[0].contains("`/tech/case/` was published by the previous build"),
        "{}",
        lost[0]
    );
    assert!(
        lost[0].contains("`content/tech/case.md` is now at `/tech/renamed/`"),
        "{}",
        lost[0]
    );
    assert!(
        lost[0].contains("aliases = [\"/tech/case/\"]"),
        "{}",
        lost[0]
    );
    // `check` compares with the published output too, and --deny-warnings fails on it.
    let check = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_profilegen"))
            .env("PROFILEGEN_MESSAGES", "en")
            .args(["check", "--root"])
            .arg(site.root())
            .args(extra)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // The second build published the new URL: the old one is lost only against the
    // first output. Restore it, then check a renamed tree against it.
    site.replace("content/tech/case.md", "slug = \"renamed\"", "");
    site.build_ok();
    site.replace(
        "content/tech/case.md",
        "title = \"案例\"",
        "title = \"案例\"\nslug = \"renamed\"",
    );
    let out = check(&["--deny-warnings"]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("`/tech/case/` was published by the previous build"),
        "{text}"
    );
    // An alias keeps the old URL: no warning.
    site.replace(
        "content/tech/case.md",
        "slug = \"renamed\"",
        "slug = \"renamed\"\naliases = [\"/tech/case/\"]",
    );
    let out = check(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("was published by the previous build"),
        "{text}"
    );
    assert!(lost_warnings(&site.build_ok()).is_empty());
    assert!(site.public().join("tech/case/index.html").is_file());
}
