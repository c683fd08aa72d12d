//! The printable profile (issue 17): one page per language holding the whole profile in
//! menu order, its links turned into references within the page.

use std::collections::HashSet;

use crate::harness::{Page, Site};

fn site() -> Site {
    let s = Site::starter();
    s.write("content/talent/_index.md", "+++\ntitle = \"人才驱动\"\ndescription = \"人才\"\nweight = 2\n+++\n人才正文，见[案例](@/tech/case.md)与[政策](@/tech/_index.md#policy)，以及[外部网站](https://example.com/x)。\n");
    s.write("content/talent/_index.en.md", "+++\ntitle = \"Talent\"\ndescription = \"Talent\"\nweight = 2\n+++\nTalent text; see [the case](@/tech/case.md) and [the policy](@/tech/_index.md#policy), and [a site](https://example.com/x).\n");
    s
}

fn ids_and_fragments(page: &Page) -> (Vec<String>, Vec<String>) {
    let ids = page
        .all("[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_owned())
        .collect();
    let fragments = page
        .hrefs()
        .into_iter()
        .filter_map(|h| h.strip_prefix('#').map(str::to_owned))
        .collect();
    (ids, fragments)
}

#[test]
fn each_language_prints_its_whole_profile_in_menu_order() {
    let s = site();
    s.build_ok();
    for (file, home, titles) in [
        (
            "print/index.html",
            "/",
            ["首页", "科技创新", "案例", "人才驱动"],
        ),
        (
            "en/print/index.html",
            "/en/",
            ["Home", "Tech innovation", "Case", "Talent"],
        ),
    ] {
        let page = s.html(file);
        assert_eq!(
            page.attr("meta[name=robots]", "content"),
            "noindex",
            "{file}"
        );
        // The cover's title is the one <h1>; each part's own title a level below.
        assert_eq!(page.all("h1").len(), 1, "{file}");
        let parts: Vec<String> = page
            .all("section.print-part")
            .iter()
            .map(|p| {
                let sel = scraper::Selector::parse("h2, h3").unwrap();
                p.select(&sel).next().unwrap().text().collect::<String>()
            })
            .collect();
        assert_eq!(parts, titles, "{file}");
        // The contents lead to every part.
        let contents: Vec<String> = page
            .all(".print-contents a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(contents, ["#p0", "#p1", "#p2", "#p3"], "{file}");
        // Ids are unique, every in-page link has its target, links between the pages
        // point into this one, and an outside link stays whole.
        let (ids, fragments) = ids_and_fragments(&page);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{file}: duplicate ids");
        for f in &fragments {
            assert!(unique.contains(f), "{file}: #{f} has no target");
        }
        let talent = page.all("section.print-part")[3];
        let hrefs: Vec<&str> = talent
            .select(&scraper::Selector::parse("a").unwrap())
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            hrefs,
            ["#p2", "#p1-policy", "https://example.com/x"],
            "{file}"
        );
        // Breadcrumbs, reading time and listings are left out.
        assert!(page.all(".print-part .crumbs").is_empty(), "{file}");
        assert!(page.all(".print-part .section-pages").is_empty(), "{file}");
        // Every page's footer leads to its language's printable profile.
        let case = s.html(&file.replace("print/", "tech/case/"));
        assert_eq!(
            case.attr(".site-footer__print a", "href"),
            format!("{home}print/"),
            "{file}"
        );
    }
}

#[test]
fn a_long_section_prints_its_first_pages_and_says_where_the_rest_are() {
    let s = site();
    for i in 0..3 {
        s.write(
            &format!("content/tech/more-{i}.md"),
            &format!(
                "+++\ntitle = \"更多{i}\"\ndescription = \"d\"\nweight = {}\n+++\n正文。\n",
                i + 10
            ),
        );
        s.write(
            &format!("content/tech/more-{i}.en.md"),
            &format!(
                "+++\ntitle = \"More {i}\"\ndescription = \"d\"\nweight = {}\n+++\nText.\n",
                i + 10
            ),
        );
    }
    s.replace(
        "config.toml",
        "pages_per_section = 30",
        "pages_per_section = 2",
    );
    s.build_ok();
    let page = s.html("en/print/index.html");
    let tech = page.all("section.print-part")[1];
    let more: String = tech
        .select(&scraper::Selector::parse(".print-more").unwrap())
        .flat_map(|e| e.text())
        .collect();
    assert!(
        more.contains("2 more articles") && more.contains("https://example.org/en/tech/"),
        "{more}"
    );
    assert_eq!(page.all("section.print-part.print-depth-2").len(), 2);
}

#[test]
fn print_can_be_switched_off() {
    let s = site();
    s.replace(
        "config.toml",
        "[print]\nenabled = true",
        "[print]\nenabled = false",
    );
    s.build_ok();
    assert!(!s.public().join("print/index.html").exists());
    assert!(
        s.html("tech/case/index.html")
            .all(".site-footer__print")
            .is_empty()
    );
}
