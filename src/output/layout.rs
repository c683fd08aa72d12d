//! The output layout: the one place that answers "which file, which URL" for everything
//! a build writes besides a document's own `index.html` ([`crate::content::Document::output_file`]).
//!
//! Each language has its generated pages ([`Generated`]: the 404 page and the search
//! page) below its prefix (`""` for the default language, `en/` otherwise); the site has
//! its data downloads, sitemap and robots.txt at the top; files of `static/` keep their
//! path below `static/`. Paths are relative to the output folder and always use `/`, so
//! they are at once file paths and URL paths below the base path.

use std::path::{Path, PathBuf};

use crate::config::Language;

/// The statistics download as CSV.
pub const STATS_CSV: &str = "data/stats.csv";
/// The statistics download as JSON.
pub const STATS_JSON: &str = "data/stats.json";
/// The Frictionless Data package that describes the CSV.
pub const DATAPACKAGE: &str = "data/datapackage.json";
/// The statistics downloads, in the order they are written.
pub const DATA_DOWNLOADS: [&str; 3] = [STATS_CSV, STATS_JSON, DATAPACKAGE];
/// The sitemap, at the top of the output.
pub const SITEMAP: &str = "sitemap.xml";
/// robots.txt, at the top of the output.
pub const ROBOTS: &str = "robots.txt";
/// The folder that holds the search index.
pub const SEARCH_BUNDLE: &str = "pagefind";

/// A page every language has that no Markdown file makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Generated {
    /// The "page not found" page, `404.html` below the language's prefix.
    NotFound,
    /// The search page, `search/` below the language's prefix (when search is on).
    Search,
}

impl Generated {
    /// Every kind, in the order a build renders them.
    pub const ALL: [Generated; 2] = [Generated::NotFound, Generated::Search];

    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Generated::NotFound => "404.html",
            Generated::Search => "search.html",
        }
    }

    /// Its file below the output folder: `en/404.html`, `en/search/index.html`.
    pub fn file(self, lang: &Language) -> PathBuf {
        match self {
            Generated::NotFound => PathBuf::from(format!("{}404.html", lang.prefix)),
            Generated::Search => PathBuf::from(search_path(lang)).join("index.html"),
        }
    }
}

/// URL path of `lang`'s search page below the base path: `search/`, `en/search/`.
pub fn search_path(lang: &Language) -> String {
    format!("{}search/", lang.prefix)
}

/// URL path of `lang`'s printable profile below the base path: `print/`, `en/print/`.
pub fn print_path(lang: &Language) -> String {
    format!("{}print/", lang.prefix)
}

/// URL path of `lang`'s Atom feed below the base path: `atom.xml`, `en/atom.xml`.
pub fn feed_path(lang: &Language) -> String {
    format!("{}atom.xml", lang.prefix)
}

/// Where a file of `static/` (given relative to the project, `static/css/site.css`) is
/// published: `css/site.css`.
pub fn static_output(rel: &Path) -> PathBuf {
    rel.strip_prefix("static").unwrap_or(rel).to_path_buf()
}

/// The name `asset()` knows a file of `static/` by: `css/site.css`, with `/` separators.
pub fn static_name(rel: &Path) -> String {
    url_of(&static_output(rel))
}

/// A relative path as a URL path, with `/` separators on every platform.
pub fn url_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(prefix: &str) -> Language {
        Language {
            code: "x".into(),
            html_lang: "x".into(),
            name: String::new(),
            title: String::new(),
            description: String::new(),
            strings: Default::default(),
            prefix: prefix.into(),
            converted: None,
            figures: None,
        }
    }

    #[test]
    fn generated_pages_sit_below_their_language_prefix() {
        for (prefix, not_found, search) in [
            ("", "404.html", "search/index.html"),
            ("en/", "en/404.html", "en/search/index.html"),
        ] {
            let l = lang(prefix);
            assert_eq!(Generated::NotFound.file(&l), PathBuf::from(not_found));
            assert_eq!(Generated::Search.file(&l), PathBuf::from(search));
        }
        assert_eq!(feed_path(&lang("en/")), "en/atom.xml");
    }

    #[test]
    fn static_files_lose_their_folder() {
        assert_eq!(
            static_output(Path::new("static/css/site.css")),
            PathBuf::from("css/site.css")
        );
        assert_eq!(static_name(Path::new("static/img/a.png")), "img/a.png");
    }
}
