//! What the order of the build's stages guarantees, whichever way a faster build may
//! interleave them: a section lists each page with the reading time the page shows; the
//! site does not depend on where it is written; a Markdown error is reported before a
//! broken template; a failed build leaves no folder behind.

use profilegen::config::Overrides;

use crate::harness::{Site, tree_bytes};

/// The starter plus a section whose pages differ in length (so reading times differ).
fn site_with_listing() -> Site {
    let site = Site::starter();
    for (slug, weight, paragraphs) in [("short", 1, 1), ("long", 2, 300)] {
        let zh = "新材料产业集群的发展情况。".repeat(60);
        let en = "The cluster grew steadily over the year. ".repeat(40);
        let body = |p: &str| vec![p; paragraphs].join("\n\n");
        site.write(
            &format!("content/tech/{slug}.md"),
            &format!(
                "+++\ntitle = \"{slug}\"\nweight = {weight}\n+++\n{}\n",
                body(&zh)
            ),
        );
        site.write(
            &format!("content/tech/{slug}.en.md"),
            &format!(
                "+++\ntitle = \"{slug}\"\nweight = {weight}\n+++\n{}\n",
                body(&en)
            ),
        );
    }
    site
}

/// (reading time shown in the section's listing, reading time shown on the page itself)
/// for every page listed by `section`.
fn listed_and_own_minutes(site: &Site, section: &str) -> Vec<(String, String)> {
    let listing = site.html(section);
    let text = |e: &scraper::ElementRef| e.text().collect::<String>();
    let (anchor, meta) = (
        scraper::Selector::parse("a").unwrap(),
        scraper::Selector::parse(".meta span").unwrap(),
    );
    listing
        .all(".page-list__item")
        .iter()
        .map(|item| {
            let link = item.select(&anchor).next().unwrap();
            let href = link.value().attr("href").unwrap().trim_start_matches('/');
            let listed = item.select(&meta);
            let own = site.html(&format!("{href}index.html"));
            (
                text(&listed.last().unwrap()),
                text(&own.all(".page-header .meta span")[0]),
            )
        })
        .collect()
}

#[test]
fn section_listings_show_the_reading_time_each_page_shows() {
    let site = site_with_listing();
    site.build_ok();
    for section in ["tech/index.html", "en/tech/index.html"] {
        let pairs = listed_and_own_minutes(&site, section);
        assert_eq!(pairs.len(), 3, "{section}");
        for (listed, own) in &pairs {
            assert_eq!(listed, own, "{section}");
        }
        assert_ne!(
            pairs[1].0, pairs[2].0,
            "short and long pages read alike in {section}"
        );
    }
}

#[test]
fn the_site_is_the_same_in_a_new_nested_output_folder() {
    let site = site_with_listing();
    site.build_ok();
    let here = site.snapshot();
    let nested = site.root().join("new/folder/public");
    let overrides = Overrides {
        base_url: None,
        output_dir: Some(nested.clone()),
        portable: false,
    };
    site.build_with(overrides, false).unwrap();
    assert!(here.len() > 10);
    assert_eq!(tree_bytes(&nested), here);
}

#[test]
fn a_markdown_error_is_reported_before_a_broken_template() {
    let site = site_with_listing();
    site.write(
        "content/tech/long.md",
        "+++\ntitle = \"x\"\n+++\n[a](@/nowhere.md)\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.title\n",
    );
    let text = site.build_err();
    assert!(text.contains("content/tech/long.md:4:"), "{text}");
    assert!(!text.contains("templates/page.html"), "{text}");
}

#[test]
fn a_failed_build_creates_no_output_folder() {
    let site = site_with_listing();
    site.write(
        "content/tech/long.md",
        "+++\ntitle = \"x\"\n+++\n[a](@/nowhere.md)\n",
    );
    let out = site.root().join("new/folder/public");
    let overrides = Overrides {
        base_url: None,
        output_dir: Some(out),
        portable: false,
    };
    assert!(site.build_with(overrides, false).is_err());
    assert!(!site.root().join("new").exists());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
