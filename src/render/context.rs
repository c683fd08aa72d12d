//! What a template sees: plain serialisable views of the page, its section, the menu and
//! the language switcher (documented in the README's "Template context").
//!
//! Listings get light [`Summary`] values, never whole pages: a section of 10,000 pages
//! costs 10,000 small structs, not 10,000 rendered bodies in every context.

use serde::Serialize;

use crate::config::LangCode;
use crate::content::front_matter::date_string;
use crate::content::{Document, Kind};
use crate::markdown::{Heading, Rendered};

/// A page or section as its template sees it.
#[allow(missing_docs)] // the fields are the template API, documented in the README
#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub content: &'a str,
    /// The Markdown stage's headings, serialised as they are: `{level, id, title, children}`.
    pub toc: &'a [Heading],
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub date_display: Option<String>,
    pub weight: i64,
    pub extra: serde_json::Value,
    pub word_count: usize,
    pub reading_time: usize,
    pub lang: &'a str,
    pub parent: Option<LinkView>,
    pub pages: Vec<Summary>,
    pub subsections: Vec<LinkView>,
    /// Front matter `image`, as a path below `content/` for `image(path=…)`.
    pub image: Option<String>,
}

/// A page in a listing.
#[allow(missing_docs)] // template API, see the README
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub title: String,
    pub description: String,
    pub url: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub weight: i64,
    pub reading_time: usize,
    pub extra: serde_json::Value,
}

/// The listing pages of a section with `paginate_by`, for its template (`paginator`).
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// The pages listed on this listing page (also `section.pages`).
    pub pages: Vec<Summary>,
    /// This listing page's number, from 1.
    pub current: usize,
    /// How many listing pages there are.
    pub total: usize,
    /// `paginate_by`.
    pub per_page: usize,
    /// How many pages the section lists in all.
    pub items: usize,
    /// URL of the first listing page (the section's own URL).
    pub first: String,
    /// URL of the last listing page.
    pub last: String,
    /// URL of the previous listing page; none on the first.
    pub previous: Option<String>,
    /// URL of the next listing page; none on the last.
    pub next: Option<String>,
    /// URL of every listing page, in order.
    pub urls: Vec<String>,
}

/// A titled link: a parent section, a subsection, a menu entry.
#[allow(missing_docs)] // template API, see the README
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub description: String,
    pub url: String,
    pub active: bool,
}

/// One language's version of the current page, for the switcher and `hreflang`.
#[allow(missing_docs)] // template API, see the README
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: LangCode,
    pub html_lang: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub title: String,
    pub exists: bool,
    pub current: bool,
}

/// Builds a summary of a document for listings; `reading_time` comes from its Markdown.
pub fn summary(doc: &Document, reading_time: usize, url: String) -> Summary {
    let date = doc.meta.date.as_ref().and_then(date_string);
    Summary {
        title: doc.meta.title.clone(),
        description: doc.meta.description.clone(),
        url,
        date_display: date.as_deref().map(|d| display_date(d, &doc.lang)),
        date,
        weight: doc.meta.weight,
        reading_time,
        extra: table_to_json(&doc.meta.extra),
    }
}

/// The view of a document; `pages` and `subsections` are filled by the caller for sections.
pub fn doc_view<'a>(
    doc: &'a Document,
    rendered: &'a Rendered,
    url: String,
    permalink: String,
) -> DocView<'a> {
    let date = doc.meta.date.as_ref().and_then(date_string);
    DocView {
        title: &doc.meta.title,
        description: &doc.meta.description,
        content: &rendered.html,
        toc: &rendered.toc,
        url,
        permalink,
        date_display: date.as_deref().map(|d| display_date(d, &doc.lang)),
        date,
        updated: doc.meta.updated.as_ref().and_then(date_string),
        weight: doc.meta.weight,
        extra: table_to_json(&doc.meta.extra),
        word_count: rendered.word_count,
        reading_time: rendered.reading_time,
        lang: &doc.lang,
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        image: doc
            .meta
            .image
            .as_ref()
            .map(|i| image_path(doc, i.get_ref())),
    }
}

/// A front-matter image path (relative to the Markdown file, or `/…` below `content/`)
/// as a path below `content/`; as written when it leaves `content/` (`image()` then
/// reports it missing).
fn image_path(doc: &Document, image: &str) -> String {
    crate::content::resolve_from(&doc.path, image)
        .and_then(|p| {
            p.strip_prefix("content")
                .ok()
                .map(crate::output::layout::url_of)
        })
        .unwrap_or_else(|| image.to_owned())
}

/// The template for a document: its `template` or the default for its kind.
pub fn template_name(doc: &Document) -> &str {
    match (&doc.meta.template, doc.kind) {
        (Some(t), _) => t.get_ref(),
        (None, Kind::Home) => "index.html",
        (None, Kind::Section) => "section.html",
        (None, Kind::Page) => "page.html",
    }
}

/// `2024-07-01` as `2024年7月1日` or `1 July 2024`.
pub fn display_date(date: &str, lang: &str) -> String {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    let (y, m, d) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        "zh" => format!("{y}年{m}月{d}日"),
        _ => format!("{d} {} {y}", MONTHS[(m.clamp(1, 12) - 1) as usize]),
    }
}

/// `[extra]` for templates (TOML dates become `YYYY-MM-DD…` strings).
pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}

/// A TOML table (front matter `[extra]`) as JSON, without copying it first.
pub fn table_to_json(t: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        t.iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        assert_eq!(display_date("2026-11-25", "zh"), "2026年11月25日");
        assert_eq!(display_date("2026-11-05", "en"), "5 November 2026");
    }
}
