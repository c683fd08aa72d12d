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
        },
        drafts: false,
        force: false,
        no_compress: true,
        plain_assets: false,
        skip_search_index: false,
    };
    let report = match profilegen::build(&opts) {
        Ok(r) => r,
        Err(d) => panic!("{d}"),
    };
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
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
