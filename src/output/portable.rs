//! `build --portable`: a copy that opens from a folder, a zip or a USB stick (`file://`)
//! and under any path, without setting `base_url`.
//!
//! After every page is written, each HTML file's links to the site's own pages and
//! files (`/renze/tech/`, `/renze/css/site.css`) become relative to that file
//! (`../tech/index.html`, `../css/site.css`), and every link to a folder ends in
//! `index.html` (a browser shows a folder's listing under `file://`, not its index). What
//! a standard needs absolute stays absolute: the canonical URL, `hreflang` alternates,
//! Open Graph, the sitemap and the feeds' contents, all full `https://` URLs already.
//! The search page says why search is not available in such a copy and lists the
//! sections instead (the browser refuses its index's requests under `file://`).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil::io_error;

/// The attributes that hold a link.
const LINKS: [&str; 4] = ["href", "src", "action", "poster"];

/// Makes the site's own links of every HTML file under `dir` relative.
pub fn relativize(dir: &Path, config: &Config) -> Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|file| {
            let rel = file.strip_prefix(dir).unwrap_or(file);
            let shown = rel.to_path_buf();
            let run = || -> std::result::Result<(), Diagnostic> {
                let html = std::fs::read(file)
                    .map_err(|e| io_error(e, &shown, crate::fsutil::Action::Read))?;
                let out = rewrite(&html, rel, &config.base_url.path);
                std::fs::write(file, out)
                    .map_err(|e| io_error(e, &shown, crate::fsutil::Action::Write))
            };
            run().err()
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// `html` (the file `rel` below the output) with its links below `base` (`/`, `/renze/`)
/// relative to it.
pub fn rewrite(html: &[u8], rel: &Path, base: &str) -> Vec<u8> {
    use lol_html::{HtmlRewriter, Settings, element};
    let depth = rel.components().count().saturating_sub(1);
    let relative = |url: &str| relative_url(url, depth, base);
    let out = RefCell::new(Vec::with_capacity(html.len()));
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            for name in LINKS {
                if let Some(url) = el.get_attribute(name)
                    && let Some(new) = relative(&url)
                {
                    el.set_attribute(name, &new)?;
                }
            }
            if let Some(set) = el.get_attribute("srcset") {
                let new: Vec<String> = set
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, size) = candidate.split_once(' ').unwrap_or((candidate, ""));
                        let url = relative(url).unwrap_or_else(|| url.to_owned());
                        if size.is_empty() {
                            url
                        } else {
                            format!("{url} {size}")
                        }
                    })
                    .collect();
                el.set_attribute("srcset", &new.join(", "))?;
            }
            // A redirect page: `<meta http-equiv="refresh" content="0; url=/about/">`.
            if el.tag_name() == "meta"
                && el
                    .get_attribute("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
                && let Some(content) = el.get_attribute("content")
                && let Some((delay, url)) = content.split_once("url=")
                && let Some(new) = relative(url)
            {
                el.set_attribute("content", &format!("{delay}url={new}"))?;
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| {
        out.borrow_mut().extend_from_slice(chunk)
    });
    // lol_html fails only on its memory limit: the page is then left as it was.
    if rewriter.write(html).is_err() || rewriter.end().is_err() {
        return html.to_vec();
    }
    out.into_inner()
}

/// `url` relative from a file `depth` folders below the output, when it is one of the
/// site's own (below `base`, not protocol-relative); a folder gets its `index.html`.
fn relative_url(url: &str, depth: usize, base: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let path = url.strip_prefix(base)?;
    let (path, rest) = match path.find(['?', '#']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut target = "../".repeat(depth);
    target.push_str(path);
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    Some(format!("{target}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_links_become_relative_and_folders_get_their_index() {
        let at = |url: &str, depth: usize| relative_url(url, depth, "/renze/");
        assert_eq!(at("/renze/", 0).as_deref(), Some("index.html"));
        assert_eq!(at("/renze/", 2).as_deref(), Some("../../index.html"));
        assert_eq!(at("/renze/tech/", 1).as_deref(), Some("../tech/index.html"));
        assert_eq!(
            at("/renze/tech/#policy", 1).as_deref(),
            Some("../tech/index.html#policy")
        );
        assert_eq!(
            at("/renze/css/site.3f.css", 2).as_deref(),
            Some("../../css/site.3f.css")
        );
        assert_eq!(
            at("/renze/search/?q=a", 0).as_deref(),
            Some("search/index.html?q=a")
        );
        for outside in [
            "https://example.org/renze/",
            "//cdn/x",
            "/other/",
            "#top",
            "mailto:a@b",
        ] {
            assert_eq!(at(outside, 1), None, "{outside}");
        }
    }

    #[test]
    fn a_page_keeps_what_a_standard_needs_absolute() {
        let page = br#"<html><head><link rel="canonical" href="https://example.org/tech/"><link rel="stylesheet" href="/css/a.css"><meta http-equiv="refresh" content="0; url=/about/"></head><body><a href="/">Home</a><img src="/tech/a.400.webp" srcset="/tech/a.400.webp 400w, /tech/a.800.webp 800w"><form action="/search/"></form></body></html>"#;
        let out = String::from_utf8(rewrite(page, Path::new("tech/index.html"), "/")).unwrap();
        for want in [
            r#"href="https://example.org/tech/""#,
            r#"href="../css/a.css""#,
            r#"content="0; url=../about/index.html""#,
            r#"href="../index.html""#,
            r#"src="../tech/a.400.webp""#,
            r#"srcset="../tech/a.400.webp 400w, ../tech/a.800.webp 800w""#,
            r#"action="../search/index.html""#,
        ] {
            assert!(out.contains(want), "{want} in {out}");
        }
    }
}
