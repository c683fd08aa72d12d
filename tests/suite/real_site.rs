//! The site in this repository, built like any fixture: no warning, every link resolves.

use crate::harness::{broken_links, repo, tree_bytes};
use profilegen::BuildOptions;
use profilegen::config::Overrides;

#[test]
fn the_real_site_builds_without_warnings_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let opts = BuildOptions {
        root: repo(),
        overrides: Overrides {
            base_url: None,
            output_dir: Some(public.clone()),
            portable: false,
        },
        drafts: false,
        force: false,
        no_compress: true,
        plain_assets: false,
        skip_search_index: false,
        compare_urls_with: None,
        progress: false,
    };
    let report = match profilegen::build(&opts) {
        Ok(r) => r,
        Err(d) => panic!("{d}"),
    };
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
    foreign_text_is_marked(&public);
    let files = tree_bytes(&public);
    for must in [
        "index.html",
        "en/index.html",
        "tech/index.html",
        "en/tech/index.html",
        "talent/index.html",
        "finance/index.html",
        "404.html",
        "en/404.html",
    ] {
        assert!(
            files.contains_key(std::path::Path::new(must)),
            "{must} missing"
        );
    }
}

/// WCAG 3.1.2: on every English page, each piece of Chinese text sits inside an element
/// whose `lang` is Chinese; on Chinese pages, the English phrases of the glossary sit
/// inside `lang="en"`.
fn foreign_text_is_marked(public: &std::path::Path) {
    let is_han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut checked = 0;
    for (rel, bytes) in tree_bytes(&public.join("en")) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        for node in page.root_element().descendants() {
            let Some(text) = node.value().as_text() else {
                continue;
            };
            if !text.chars().any(is_han) {
                continue;
            }
            let lang = node
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .find_map(|e| e.value().attr("lang"));
            let in_script = node
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|e| matches!(e.value().name(), "script" | "style" | "head"));
            if in_script {
                continue;
            }
            assert!(
                lang.is_some_and(|l| l.starts_with("zh")),
                "en/{}: `{}` is marked lang={lang:?}",
                rel.display(),
                &**text
            );
            checked += 1;
        }
    }
    assert!(
        checked > 10,
        "the English pages name places and firms in Chinese"
    );
    let about = std::fs::read_to_string(public.join("about/index.html")).unwrap();
    let page = scraper::Html::parse_document(&about);
    let sel = scraper::Selector::parse("table span[lang=\"en\"]").unwrap();
    let marked: Vec<String> = page.select(&sel).map(|e| e.text().collect()).collect();
    assert!(
        marked.iter().any(|t| t == "Beijing Stock Exchange"),
        "{marked:?}"
    );
}
