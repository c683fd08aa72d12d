//! `build --portable` (issue 17): a copy whose every internal link resolves to one of its
//! own files, from wherever the folder is opened.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use profilegen::BuildOptions;
use profilegen::config::Overrides;

use crate::harness::{Page, build_options, repo, tree_bytes};

fn portable_copy(base_url: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("copy");
    profilegen::build(&BuildOptions {
        overrides: Overrides {
            base_url: Some(base_url.to_owned()),
            output_dir: Some(public.clone()),
            portable: true,
        },
        no_compress: false,
        ..build_options(&repo(), &public)
    })
    .unwrap_or_else(|d| panic!("{d}"));
    (out, public)
}

/// Every link of the copy's pages to one of its own files: (page, link as written).
fn internal_links(public: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for (rel, bytes) in tree_bytes(public) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = Page(scraper::Html::parse_document(
            std::str::from_utf8(&bytes).unwrap(),
        ));
        for el in page.all("[href], [src], [srcset], form[action]") {
            let v = el.value();
            let mut urls: Vec<String> = ["href", "src", "action"]
                .iter()
                .filter_map(|a| v.attr(a).map(str::to_owned))
                .collect();
            if let Some(set) = v.attr("srcset") {
                urls.extend(
                    set.split(',')
                        .filter_map(|c| c.split_whitespace().next().map(str::to_owned)),
                );
            }
            let standard = v
                .attr("rel")
                .is_some_and(|r| r == "canonical" || r == "alternate")
                && v.attr("type").is_none_or(|t| t != "application/atom+xml");
            for url in urls {
                let external =
                    url.contains("://") || url.starts_with("mailto:") || url.starts_with("data:");
                if !external && !url.starts_with('#') && !standard {
                    out.push((rel.clone(), url));
                }
            }
        }
    }
    out
}

#[test]
fn every_internal_link_of_a_portable_copy_resolves_to_one_of_its_files() {
    for base in ["https://example.org/", "https://example.org/renze/"] {
        let (_dir, public) = portable_copy(base);
        let links = internal_links(&public);
        assert!(links.len() > 500, "{base}: only {} links", links.len());
        for (page, url) in &links {
            assert!(
                !url.starts_with('/'),
                "{base}: {} links to {url}, not relative",
                page.display()
            );
            let path = url.split(['#', '?']).next().unwrap();
            assert!(
                !path.is_empty() && !path.ends_with('/'),
                "{base}: {} links to the folder {url}, not its index.html",
                page.display()
            );
            let decoded = percent_decode_str(path).decode_utf8().unwrap();
            let target = public.join(page).parent().unwrap().join(decoded.as_ref());
            assert!(
                target.is_file(),
                "{base}: {} links to {url}: no file",
                page.display()
            );
        }
        // Search says why it is not there and lists the sections; nothing is compressed.
        let search = Page(scraper::Html::parse_document(
            &std::fs::read_to_string(public.join("en/search/index.html")).unwrap(),
        ));
        assert!(search.text(".search-status").contains("portable copy"));
        assert!(search.all(".not-found__links a").len() >= 5);
        assert!(search.all("script[src]").is_empty());
        assert!(!public.join("index.html.gz").exists());
        // What a standard needs absolute stays absolute.
        let home = Page(scraper::Html::parse_document(
            &std::fs::read_to_string(public.join("en/index.html")).unwrap(),
        ));
        assert!(home.attr("link[rel=canonical]", "href").starts_with(base));
        assert!(
            home.attr("meta[property='og:url']", "content")
                .starts_with(base)
        );
    }
}
