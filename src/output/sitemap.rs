//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every page and section in every language. Each `<url>` carries an
//! `<xhtml:link rel="alternate" hreflang>` for every language version of that page (its
//! own included, as search engines ask) and one for `x-default` (the default-language
//! version), and `<lastmod>` from the front matter's `updated`, else `date`.
//! `robots.txt` allows everything and names the sitemap; a `static/robots.txt` replaces it.

use crate::msg;
use std::path::Path;

use super::xml::{Out, Xml};
use super::{Staging, urls};
use crate::config::Config;
use crate::content::front_matter::date_string;
use crate::content::{Content, Document};
use crate::diag::{Diagnostic, Result};

pub use super::layout::SITEMAP;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Writes `sitemap.xml`, and `robots.txt` unless the site has its own.
pub fn write(staging: &Staging, config: &Config, content: &Content) -> Result<()> {
    let xml = sitemap(config, content).map_err(|e| {
        Diagnostic::error(msg!(
            "output-write-failed",
            file = SITEMAP,
            detail = e.to_string()
        ))
    })?;
    staging.write_new(Path::new(SITEMAP), &xml, "sitemap")?;
    let robots = Path::new(super::layout::ROBOTS);
    if !staging.path_of(robots)?.exists() {
        staging.write(robots, robots_txt(config).as_bytes())?;
    }
    Ok(())
}

/// The text of `robots.txt`.
pub fn robots_txt(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink(SITEMAP)
    )
}

/// The sitemap document.
pub fn sitemap(config: &Config, content: &Content) -> std::io::Result<Vec<u8>> {
    let counts = urls::listed_counts(content);
    let pagers = |d: &Document| {
        let listed = counts.get(&(d.key.as_str(), d.lang.as_str()));
        urls::pager_count(d, listed.copied().unwrap_or(0))
    };
    let mut x = Xml::new()?;
    x.open("urlset", &[("xmlns", NS), ("xmlns:xhtml", XHTML_NS)], |x| {
        content.docs.iter().try_for_each(|doc| {
            (1..=pagers(doc)).try_for_each(|k| url(x, config, content, (doc, k), &pagers))
        })
    })?;
    Ok(x.finish())
}

/// Listing page `k` of `doc` (1 for the document itself), with its language versions:
/// each twin's listing page `k` where it has one.
fn url(
    x: &mut Xml,
    config: &Config,
    content: &Content,
    (doc, k): (&Document, usize),
    pagers: &dyn Fn(&Document) -> usize,
) -> Out {
    x.open("url", &[], |x| {
        x.text("loc", &[], &config.permalink(&urls::pager_path(doc, k)))?;
        if let Some(lastmod) = lastmod(doc) {
            x.text("lastmod", &[], &lastmod)?;
        }
        let mut links = alternates(config, content, &doc.key);
        if k > 1 {
            links = pager_alternates(config, content, &doc.key, k, pagers);
        }
        for (hreflang, href) in links {
            x.empty(
                "xhtml:link",
                &[
                    ("rel", "alternate"),
                    ("hreflang", &hreflang),
                    ("href", &href),
                ],
            )?;
        }
        Ok(())
    })
}

/// `updated`, else `date`, as `YYYY-MM-DD`.
pub fn lastmod(doc: &Document) -> Option<String> {
    let meta = &doc.meta;
    meta.updated
        .as_ref()
        .or(meta.date.as_ref())
        .and_then(date_string)
}

/// [`alternates`] for listing page `k`: the twins that have a listing page `k`.
fn pager_alternates(
    config: &Config,
    content: &Content,
    key: &str,
    k: usize,
    pagers: &dyn Fn(&Document) -> usize,
) -> Vec<(String, String)> {
    let at = |code: &str| {
        let twin = content.get(key, code).filter(|t| pagers(t) >= k)?;
        Some(config.permalink(&urls::pager_path(twin, k)))
    };
    let mut out: Vec<(String, String)> = config
        .languages
        .iter()
        .filter_map(|l| Some((l.html_lang.clone(), at(&l.code)?)))
        .collect();
    if let Some(default) = at(&config.default_language().code) {
        out.push(("x-default".to_owned(), default));
    }
    out
}

/// `(hreflang, permalink)` of every language version of `key`, then `x-default`.
pub fn alternates(config: &Config, content: &Content, key: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = config
        .languages
        .iter()
        .filter_map(|l| {
            let twin = content.get(key, &l.code)?;
            Some((l.html_lang.clone(), config.permalink(&twin.url_path)))
        })
        .collect();
    if let Some(default) = content.get(key, &config.default_language().code) {
        out.push(("x-default".to_owned(), config.permalink(&default.url_path)));
    }
    out
}
