//! What the publish stages add: the sitemap and robots.txt, Atom feeds, social and
//! structured metadata, fingerprinted assets, precompressed files and the search index.

use std::path::Path;

use profilegen::config::Overrides;
use profilegen::{BuildOptions, BuildReport};

use crate::harness::{Page, Site, tree_bytes};

/// The starter plus a news section: two dated items (one with `updated`) and an undated one.
fn news_site(base: &str) -> Site {
    let site = Site::with_base(base);
    let starter = Site::starter();
    for (rel, bytes) in tree_bytes(&starter.root().join("content")) {
        site.write_bytes(&format!("content/{}", rel.display()), &bytes);
    }
    site.write(
        "content/news/_index.md",
        "+++\ntitle = \"动态\"\ndescription = \"最新动态\"\nweight = 2\n+++\n",
    );
    site.write(
        "content/news/_index.en.md",
        "+++\ntitle = \"News\"\ndescription = \"Latest news\"\nweight = 2\n+++\n",
    );
    site.write("content/news/old.md", "+++\ntitle = \"旧闻 & <旧事>\"\ndescription = \"较早\"\ndate = 2025-03-01\nupdated = 2026-01-10\n+++\n见[科技](@/tech/_index.md)。\n");
    site.write(
        "content/news/old.en.md",
        "+++\ntitle = \"Old news\"\ndescription = \"Earlier\"\ndate = 2025-03-01\n+++\nOld.\n",
    );
    site.write(
        "content/news/new.md",
        "+++\ntitle = \"新闻\"\ndescription = \"最新\"\ndate = 2026-11-25\n+++\n新。\n",
    );
    site.write(
        "content/news/new.en.md",
        "+++\ntitle = \"New\"\ndescription = \"Newest\"\ndate = 2026-11-25\n+++\nNew.\n",
    );
    site.write(
        "content/news/undated.md",
        "+++\ntitle = \"无日期\"\n+++\n无。\n",
    );
    site.write(
        "content/news/undated.en.md",
        "+++\ntitle = \"Undated\"\n+++\nNone.\n",
    );
    site
}

/// Builds like the command line does by default: with compression.
fn build_compressed(site: &Site) -> BuildReport {
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        overrides: Overrides::default(),
        ..Default::default()
    };
    profilegen::build(&opts).unwrap_or_else(|d| panic!("{d}"))
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `(hreflang, href)` of an element's `xhtml:link` / `link rel=alternate` children.
fn alternates(node: roxmltree::Node, tag: &str) -> Vec<(String, String)> {
    node.children()
        .filter(|c| c.tag_name().name() == tag && c.attribute("rel") == Some("alternate"))
        .filter_map(|c| {
            Some((
                c.attribute("hreflang")?.to_owned(),
                c.attribute("href")?.to_owned(),
            ))
        })
        .collect()
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> Option<&'a str> {
    node.children().find(|c| c.tag_name().name() == tag)?.text()
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates_and_lastmod() {
    let site = news_site("https://example.org/");
    site.build_ok();
    let text = read(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: Vec<&str> = urls.iter().filter_map(|u| child_text(*u, "loc")).collect();
    assert_eq!(locs.len(), 2 * 7, "{locs:#?}");
    for want in [
        "https://example.org/",
        "https://example.org/en/tech/case/",
        "https://example.org/news/old/",
    ] {
        assert!(locs.contains(&want), "{want} not in {locs:#?}");
    }
    let old = urls
        .iter()
        .find(|u| child_text(**u, "loc") == Some("https://example.org/news/old/"))
        .unwrap();
    assert_eq!(
        child_text(*old, "lastmod"),
        Some("2026-01-10"),
        "updated wins over date"
    );
    assert_eq!(
        alternates(*old, "link"),
        [
            (
                "zh-CN".to_owned(),
                "https://example.org/news/old/".to_owned()
            ),
            (
                "en".to_owned(),
                "https://example.org/en/news/old/".to_owned()
            ),
            (
                "x-default".to_owned(),
                "https://example.org/news/old/".to_owned()
            ),
        ]
    );
    let en_old = urls
        .iter()
        .find(|u| child_text(**u, "loc") == Some("https://example.org/en/news/old/"))
        .unwrap();
    assert_eq!(child_text(*en_old, "lastmod"), Some("2025-03-01"));
    let home = urls
        .iter()
        .find(|u| child_text(**u, "loc") == Some("https://example.org/"))
        .unwrap();
    assert_eq!(child_text(*home, "lastmod"), None, "no date, no lastmod");
    let robots = read(&site, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn under_a_sub_path_every_generated_url_keeps_it() {
    let site = news_site("https://example.org/renze/");
    site.build_ok();
    let sitemap = read(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    for loc in doc.descendants().filter(|n| n.has_tag_name("loc")) {
        assert!(
            loc.text()
                .unwrap()
                .starts_with("https://example.org/renze/"),
            "{loc:?}"
        );
    }
    assert!(read(&site, "robots.txt").contains("Sitemap: https://example.org/renze/sitemap.xml"));
    let page = site.html("en/tech/case/index.html");
    assert_eq!(
        page.attr("link[type='application/atom+xml']", "href"),
        "/renze/en/atom.xml"
    );
    assert_eq!(page.attr("form.site-search", "action"), "/renze/en/search/");
    assert_eq!(
        page.attr("meta[property='og:image']", "content"),
        "https://example.org/renze/img/share.png"
    );
    let feed = read(&site, "en/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let id = child_text(doc.root_element(), "id").unwrap();
    assert_eq!(id, "https://example.org/renze/en/atom.xml");
}

#[test]
fn each_language_has_a_feed_of_the_news_section_newest_first() {
    let site = news_site("https://example.org/");
    let report = site.build_ok();
    let undated: Vec<String> = report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| w.contains("left out of the feed"))
        .collect();
    assert_eq!(undated.len(), 2, "{undated:#?}");
    assert!(undated[0].contains("content/news/undated"), "{undated:#?}");
    for (rel, lang, titles) in [
        ("atom.xml", "zh-CN", ["新闻", "旧闻 & <旧事>"]),
        ("en/atom.xml", "en", ["New", "Old news"]),
    ] {
        let text = read(&site, rel);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let feed = doc.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        let got: Vec<&str> = entries
            .iter()
            .filter_map(|e| child_text(*e, "title"))
            .collect();
        assert_eq!(got, titles, "{rel}");
        let links = alternates(entries[1], "link");
        let langs: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["zh-CN", "en"], "{rel}: every language version");
        for e in &entries {
            for tag in ["id", "updated", "published", "content"] {
                assert!(child_text(*e, tag).is_some(), "{rel}: entry without {tag}");
            }
        }
        assert_eq!(child_text(feed, "updated"), Some("2026-11-25T00:00:00Z"));
    }
    let zh = read(&site, "atom.xml");
    let doc = roxmltree::Document::parse(&zh).unwrap();
    let old = doc
        .descendants()
        .find(|n| n.has_tag_name("entry") && child_text(*n, "title") == Some("旧闻 & <旧事>"))
        .unwrap();
    assert_eq!(child_text(old, "updated"), Some("2026-01-10T00:00:00Z"));
    assert_eq!(child_text(old, "published"), Some("2025-03-01T00:00:00Z"));
}

#[test]
fn every_page_links_its_languages_feed() {
    let site = news_site("https://example.org/");
    site.build_ok();
    for (rel, feed) in [
        ("index.html", "/atom.xml"),
        ("tech/case/index.html", "/atom.xml"),
        ("en/index.html", "/en/atom.xml"),
        ("en/news/new/index.html", "/en/atom.xml"),
        ("en/404.html", "/en/atom.xml"),
        ("search/index.html", "/atom.xml"),
    ] {
        let page = site.html(rel);
        assert_eq!(
            page.attr("link[rel=alternate][type='application/atom+xml']", "href"),
            feed,
            "{rel}"
        );
    }
}

#[test]
fn a_site_without_the_feed_section_has_no_feed_and_no_feed_link() {
    let site = Site::starter();
    site.build_ok();
    assert!(!site.public().join("atom.xml").exists());
    assert!(
        site.html("index.html")
            .all("link[type='application/atom+xml']")
            .is_empty()
    );
}

#[test]
fn a_feed_section_that_does_not_exist_is_an_error_at_its_key() {
    let site = news_site("https://example.org/");
    let cfg = read_project(&site, "config.toml");
    site.write(
        "config.toml",
        &cfg.replacen("[feeds]\n", "[feeds]\nsection = \"newz\"\n", 1),
    );
    let text = site.build_err();
    assert!(
        text.contains("the feed section `newz` does not exist"),
        "{text}"
    );
    assert!(
        text.contains("config.toml:") && text.contains("did you mean `news`?"),
        "{text}"
    );
    assert!(!site.public().exists());
}

fn read_project(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

#[test]
fn pages_carry_open_graph_twitter_and_locale_tags() {
    let site = news_site("https://example.org/");
    site.build_ok();
    let page = site.html("news/new/index.html");
    let meta = |p: &Page, prop: &str| {
        p.attr(
            &format!("meta[property='{prop}'], meta[name='{prop}']"),
            "content",
        )
    };
    assert_eq!(meta(&page, "og:type"), "article");
    assert_eq!(meta(&page, "og:locale"), "zh_CN");
    assert_eq!(meta(&page, "og:locale:alternate"), "en_US");
    assert_eq!(meta(&page, "og:url"), "https://example.org/news/new/");
    assert_eq!(
        meta(&page, "og:url"),
        page.attr("link[rel=canonical]", "href")
    );
    assert_eq!(meta(&page, "og:description"), "最新");
    assert_eq!(meta(&page, "twitter:card"), "summary_large_image");
    let image = meta(&page, "og:image");
    let rel = image.strip_prefix("https://example.org/").unwrap();
    let png = std::fs::read(site.public().join(rel)).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the share image is a PNG");
    let en = site.html("en/index.html");
    assert_eq!(meta(&en, "og:type"), "website");
    assert_eq!(meta(&en, "og:locale"), "en_US");
    assert_eq!(meta(&en, "og:locale:alternate"), "zh_CN");
}

fn json_ld(page: &Page) -> serde_json::Value {
    let text = page.one("script[type='application/ld+json']").inner_html();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn json_ld_is_a_website_on_home_an_article_on_pages_about_the_district() {
    let site = news_site("https://example.org/");
    site.build_ok();
    let home = json_ld(&site.html("index.html"));
    assert_eq!(home["@type"], "WebSite");
    assert_eq!(home["url"], "https://example.org/");
    assert_eq!(home["about"]["@type"], "Place");
    assert_eq!(home["about"]["name"], "任泽区");
    assert_eq!(
        home["potentialAction"]["target"],
        "https://example.org/search/?q={search_term_string}"
    );
    let article = json_ld(&site.html("en/news/old/index.html"));
    assert_eq!(article["@type"], "Article");
    assert_eq!(article["headline"], "Old news");
    assert_eq!(article["datePublished"], "2025-03-01");
    assert_eq!(article["inLanguage"], "en");
    assert_eq!(article["about"]["name"], "Renze District");
    assert_eq!(json_ld(&site.html("tech/index.html"))["@type"], "WebPage");
}

#[test]
fn a_title_with_a_closing_script_tag_cannot_break_out_of_json_ld() {
    let site = Site::starter();
    let evil = "</script><script>alert(1)</script> & <!--";
    site.write(
        "content/tech/case.md",
        &format!("+++\ntitle = \"{evil}\"\ndescription = \"x\"\n+++\n正文。\n"),
    );
    site.build_ok();
    let raw = read(&site, "tech/case/index.html");
    let ld_start = raw.find("application/ld+json").unwrap();
    let ld_end = ld_start + raw[ld_start..].find("</script>").unwrap();
    assert!(
        !raw[ld_start..ld_end].contains('<'),
        "{}",
        &raw[ld_start..ld_end]
    );
    let page = site.html("tech/case/index.html");
    assert_eq!(
        page.all("script").len(),
        1,
        "no script element was injected"
    );
    assert_eq!(json_ld(&page)["headline"], evil);
}

#[test]
fn css_and_js_are_fingerprinted_and_listed_in_the_manifest() {
    let site = Site::starter();
    site.build_ok();
    let href = site.html("index.html").attr("link[rel=stylesheet]", "href");
    let hash = href
        .strip_prefix("/css/site.")
        .and_then(|h| h.strip_suffix(".css"))
        .unwrap_or_else(|| panic!("{href}"));
    assert!(
        hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{href}"
    );
    let published = std::fs::read(site.public().join(&href[1..])).unwrap();
    assert_eq!(
        published,
        std::fs::read(site.root().join("static/css/site.css")).unwrap()
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&site, "asset-manifest.json")).unwrap();
    assert_eq!(manifest["css/site.css"], href[1..]);
    let script = site
        .html("en/search/index.html")
        .attr("script[type=module]", "src");
    assert_eq!(manifest["js/search.js"], script[1..]);
    assert!(site.public().join(&script[1..]).exists());
    let css = read_project(&site, "static/css/site.css");
    site.write("static/css/site.css", &format!("{css}\n.changed {{}}\n"));
    site.build_ok();
    let changed = site.html("index.html").attr("link[rel=stylesheet]", "href");
    assert_ne!(changed, href, "new bytes, new name");
}

#[test]
fn every_text_file_gets_gzip_and_brotli_with_its_mtime() {
    use std::io::Read;
    let site = news_site("https://example.org/");
    build_compressed(&site);
    let files = tree_bytes(&site.public());
    let mut checked = 0;
    for (rel, bytes) in &files {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        let gz = site.public().join(format!("{}.gz", rel.display()));
        let br = site.public().join(format!("{}.br", rel.display()));
        if !["html", "css", "js", "json", "xml", "svg", "txt"].contains(&ext) {
            assert!(
                !gz.exists() && !br.exists() || ext == "gz" || ext == "br",
                "{}",
                rel.display()
            );
            continue;
        }
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(&gz).unwrap()[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{}", gz.display());
        let mut back = Vec::new();
        brotli::Decompressor::new(&std::fs::read(&br).unwrap()[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{}", br.display());
        let mtime = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
        let original = mtime(&site.public().join(rel));
        assert_eq!(mtime(&gz), original, "{}", gz.display());
        assert_eq!(mtime(&br), original, "{}", br.display());
        checked += 1;
    }
    assert!(checked > 20, "only {checked} text files");
    // The search stage compresses its own text files, beside the rest: checked above too.
    for own in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
        assert!(files.contains_key(Path::new(own)), "{own}");
    }
    assert!(files.contains_key(Path::new("img/share.png")));
    assert!(!files.contains_key(Path::new("img/share.png.gz")));
}

#[test]
fn a_themes_text_file_in_the_index_folder_is_compressed_too() {
    // The index's folder is compressed by the search stage, beside the rest of the site:
    // a file a theme puts there is not left out.
    let site = Site::starter();
    site.write("static/pagefind/extra.css", "body { color: #123456; }\n");
    // The index's own folders of records and word chunks are not walked (thousands of
    // gzip files on a large site): a text file there is published as it is.
    site.write(
        "static/pagefind/fragment/odd.css",
        "body { color: #654321; }\n",
    );
    build_compressed(&site);
    let files = tree_bytes(&site.public());
    for rel in [
        "pagefind/extra.css.gz",
        "pagefind/extra.css.br",
        "pagefind/pagefind.js.br",
        "index.html.br",
    ] {
        assert!(files.contains_key(Path::new(rel)), "{rel}");
    }
    assert!(files.contains_key(Path::new("pagefind/fragment/odd.css")));
    assert!(!files.contains_key(Path::new("pagefind/fragment/odd.css.gz")));
    let fragments: Vec<&std::path::PathBuf> = files
        .keys()
        .filter(|p| p.starts_with("pagefind/fragment"))
        .collect();
    assert!(
        fragments
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "pf_fragment"))
    );
    assert!(
        fragments
            .iter()
            .all(|p| p.extension().is_none_or(|e| e != "gz" && e != "br")),
        "records are gzip already: no copies of them: {fragments:?}"
    );
}

#[test]
fn no_compress_on_the_command_line_skips_the_copies() {
    let site = Site::starter();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_profilegen"))
            .env("PROFILEGEN_MESSAGES", "en")
            .args(["build", "--root"])
            .arg(site.root())
            .args(extra)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["--no-compress"]);
    assert!(site.public().join("index.html").exists());
    assert!(!site.public().join("index.html.gz").exists());
    assert!(!site.public().join("index.html.br").exists());
    run(&[]);
    assert!(site.public().join("index.html.gz").exists());
    assert!(site.public().join("en/search/index.html.br").exists());
}

#[test]
fn the_search_index_covers_both_languages_and_each_has_a_search_page() {
    let site = news_site("https://example.org/");
    site.build_ok();
    let entry: serde_json::Value =
        serde_json::from_str(&read(&site, "pagefind/pagefind-entry.json")).unwrap();
    let langs = entry["languages"].as_object().unwrap();
    assert_eq!(langs["zh-cn"]["page_count"], 7, "{entry}");
    assert_eq!(langs["en"]["page_count"], 7, "{entry}");
    assert!(site.public().join("pagefind/pagefind.js").exists());
    assert!(
        !site.public().join("pagefind/pagefind-ui.js").exists(),
        "the unused UI is not published"
    );
    let zh = site.html("search/index.html");
    assert_eq!(zh.attr("html", "lang"), "zh-CN");
    assert_eq!(zh.attr("#search form", "action"), "/search/");
    assert_eq!(zh.attr(".lang-switch a", "href"), "/en/search/");
    assert_eq!(zh.attr("meta[name=robots]", "content"), "noindex");
    assert!(
        zh.all("main[data-pagefind-body]").is_empty(),
        "the search page is not indexed"
    );
    let en = site.html("en/search/index.html");
    assert_eq!(en.attr(".lang-switch a", "href"), "/search/");
    assert_eq!(
        en.attr("link[rel=canonical]", "href"),
        "https://example.org/en/search/"
    );
    let page = site.html("en/tech/case/index.html");
    assert_eq!(page.attr("form.site-search", "action"), "/en/search/");
    assert_eq!(
        page.attr("form.site-search input[type=search]", "name"),
        "q"
    );
    assert_eq!(page.all("main[data-pagefind-body]").len(), 1);
    // A section is indexed for its own text; its listing repeats its pages' titles and
    // descriptions, which are indexed on the pages themselves.
    let section = site.html("en/news/index.html");
    assert_eq!(section.all("main[data-pagefind-body]").len(), 1);
    let listed = section.all("main[data-pagefind-body] ul.page-list[data-pagefind-ignore] li");
    assert_eq!(
        listed.len(),
        3,
        "every listed page sits in the ignored list"
    );
    assert!(
        section
            .all("ul.page-list:not([data-pagefind-ignore])")
            .is_empty()
    );
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::starter();
    let cfg = read_project(&site, "config.toml").replace("enabled = true", "enabled = false");
    site.write("config.toml", &cfg);
    site.build_ok();
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.public().join("search/index.html").exists());
    assert!(site.html("index.html").all("form.site-search").is_empty());
}

#[test]
fn content_at_the_search_pages_url_is_an_error() {
    let site = Site::starter();
    site.write("content/search/_index.md", "+++\ntitle = \"搜索\"\n+++\n");
    site.write(
        "content/search/_index.en.md",
        "+++\ntitle = \"Search\"\n+++\n",
    );
    let text = site.build_err();
    assert!(
        text.contains("content/search/_index.md` maps to `/search/`, the search page's URL"),
        "{text}"
    );
}

#[test]
fn a_static_file_in_place_of_a_generated_one_is_an_error_but_robots_txt_is_yours() {
    let site = Site::starter();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.build_ok();
    assert_eq!(
        read(&site, "robots.txt"),
        "User-agent: *\nDisallow: /private/\n"
    );
    site.write("static/sitemap.xml", "<urlset/>");
    let text = site.build_err();
    assert!(
        text.contains("`sitemap.xml` is both a file of the site and the sitemap"),
        "{text}"
    );
}

/// The search index's record of each page (`pagefind/fragment/*.pf_fragment`: gzip of
/// `pagefind_dcd` and the page's JSON), by URL.
fn search_records(site: &Site) -> std::collections::BTreeMap<String, serde_json::Value> {
    use std::io::Read;
    let mut out = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(site.public().join("pagefind/fragment")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pf_fragment") {
            continue;
        }
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let json = bytes
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's marker");
        let record: serde_json::Value = serde_json::from_slice(json).unwrap();
        out.insert(record["url"].as_str().unwrap().to_owned(), record);
    }
    out
}

#[test]
fn a_search_excerpt_is_the_pages_own_text_and_markup_in_it_stays_text() {
    let site = news_site("https://example.org/");
    site.write(
        "content/news/new.en.md",
        "+++\ntitle = \"New\"\ndescription = \"Newest\"\ndate = 2026-11-25\n+++\n## Plant\n\nThe string `<b>x</b>` is shown as typed.\n\n## Staff\n\nMore.\n",
    );
    site.build_ok();
    let records = search_records(&site);
    let new = &records["/en/news/new/"];
    let content = new["content"].as_str().unwrap();
    assert!(
        content.starts_with("New. Newest. Plant. The string"),
        "the excerpt starts with the page's title and text, not its breadcrumb, date or reading time: {content:?}"
    );
    assert!(
        !content.contains("min read") && !content.contains("Home"),
        "{content:?}"
    );
    assert!(
        content.contains("<b>x</b>"),
        "text that looks like markup is kept as text: {content:?}"
    );
    assert_eq!(new["meta"]["title"], "New");
    let zh = &records["/news/old/"];
    assert_eq!(zh["meta"]["title"], "旧闻 & <旧事>");
    // Chinese text carries zero-width spaces between the words it was segmented into.
    let zh_content = zh["content"].as_str().unwrap().replace('\u{200b}', "");
    assert!(zh_content.starts_with("旧闻 & <旧事>"), "{zh_content:?}");
    assert!(!zh_content.contains("阅读"), "{zh_content:?}");
}

/// A converted edition (zh-hant) has its own feed: converted titles, links in the
/// edition, every language's alternates; its pages left out for want of a date are
/// warned about once, at their source file.
#[test]
fn a_converted_edition_has_its_own_feed() {
    let site = news_site("https://example.org/");
    let config = std::fs::read_to_string(site.root().join("config.toml")).unwrap();
    site.write(
        "config.toml",
        &format!("{config}{}", crate::harness::CONVERTED_EDITION),
    );
    let report = site.build_ok();
    let undated = report
        .warnings
        .iter()
        .filter(|w| w.to_string().contains("left out of the feed"))
        .count();
    assert_eq!(undated, 2, "{:#?}", report.warnings);
    let text = read(&site, "zh-hant/atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("zh-Hant-TW")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let titles: Vec<&str> = entries
        .iter()
        .filter_map(|e| child_text(*e, "title"))
        .collect();
    assert_eq!(titles, ["新聞", "舊聞 & <舊事>"]);
    assert_eq!(
        child_text(entries[0], "id"),
        Some("https://example.org/zh-hant/news/new/")
    );
    let langs: Vec<String> = alternates(entries[1], "link")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(langs, ["zh-CN", "en", "zh-Hant-TW"]);
}
