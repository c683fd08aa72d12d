//! The printable profile: one page per language (`/print/`, `/en/print/`) that holds the
//! whole profile in menu order, for printing or saving as PDF: a cover, the contents,
//! then each page's article as the build wrote it (the pages are read back from the
//! output, so the printed text is the published text, converted editions included).
//!
//! Within the page, every page becomes a part (`#p3`): links from one part to another
//! point to that part (`#p3`, `#p3-policy` for a heading), ids are prefixed with their
//! part so they stay unique, headings move one level down under the cover's `<h1>`, and
//! what the theme marks `data-print-omit` (breadcrumbs, reading time, tables of
//! contents, listings of pages that follow anyway) is left out. Links to anything else
//! become absolute, so the printed address can be typed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use rayon::prelude::*;

use crate::config::{Config, Language};
use crate::render::{Pages, PrintPart};

/// What the build needs to write a language's printable page: its parts' HTML.
pub fn body(
    pages: &Pages,
    config: &Config,
    lang: &Language,
    read: &(dyn Fn(&Path) -> Option<Vec<u8>> + Sync),
) -> String {
    let Some(per_section) = config.print else {
        return String::new();
    };
    let parts: Vec<PrintPart> = pages.print_parts(&lang.code, per_section);
    let mut anchors: HashMap<String, usize> = HashMap::new();
    for (n, part) in parts.iter().enumerate() {
        let doc = pages.doc(part.id);
        anchors.insert(config.url(&doc.url_path), n);
        anchors.insert(config.permalink(&doc.url_path), n);
    }
    let t = |key: &str| lang.strings.get(key).cloned().unwrap_or_default();
    // Each part read, parsed and rewritten in parallel; then joined in order.
    let done: Vec<Option<(String, String)>> = parts
        .par_iter()
        .enumerate()
        .map(|(n, part)| {
            let doc = pages.doc(part.id);
            let bytes = read(&doc.output_file())?;
            let (title, article) = article_of(&String::from_utf8_lossy(&bytes))?;
            let links = Links {
                part: n,
                anchors: &anchors,
                config,
            };
            let entry = format!(
                "<li class=\"print-depth-{}\"><a href=\"#p{n}\">{}</a></li>",
                part.depth,
                html_escape::encode_text(&title)
            );
            let mut html = format!(
                "<section class=\"print-part print-depth-{}\" id=\"p{n}\">\n",
                part.depth
            );
            html.push_str(&rewrite(&article, part.depth, &links));
            if part.left_out > 0 {
                let url = config.permalink(&doc.url_path);
                let note = t("print_left_out")
                    .replace("{n}", &part.left_out.to_string())
                    .replace("{url}", &url);
                html.push_str(&format!(
                    "<p class=\"print-more\">{}</p>\n",
                    html_escape::encode_text(&note)
                ));
            }
            html.push_str("</section>\n");
            Some((entry, html))
        })
        .collect();
    let mut contents = String::new();
    let mut parts_html = String::new();
    for (entry, html) in done.into_iter().flatten() {
        contents.push_str(&entry);
        parts_html.push_str(&html);
    }
    format!(
        "<nav class=\"print-contents\" aria-labelledby=\"print-contents-title\">\n<h2 id=\"print-contents-title\">{}</h2>\n<ol>{contents}</ol>\n</nav>\n{parts_html}",
        html_escape::encode_text(&t("print_contents"))
    )
}

/// A page's article (the first `<article>` of its `<main>`) and its `<h1>`'s text.
fn article_of(html: &str) -> Option<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let article = scraper::Selector::parse("main article").ok()?;
    let h1 = scraper::Selector::parse("h1").ok()?;
    let el = doc.select(&article).next()?;
    let title = el
        .select(&h1)
        .next()
        .map(|h| h.text().collect::<String>())
        .unwrap_or_default();
    Some((
        title.split_whitespace().collect::<Vec<_>>().join(" "),
        el.html(),
    ))
}

/// How the links of part `part` are rewritten.
struct Links<'a> {
    part: usize,
    anchors: &'a HashMap<String, usize>,
    config: &'a Config,
}

impl Links<'_> {
    /// An id of this part, made unique in the printable page.
    fn id(&self, id: &str) -> String {
        format!("p{}-{id}", self.part)
    }

    /// Where `href` points in the printable page: a part, a heading of a part, or (for
    /// anything the page does not hold) its absolute address.
    fn href(&self, href: &str) -> String {
        if let Some(fragment) = href.strip_prefix('#') {
            return format!("#{}", self.id(fragment));
        }
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        match self.anchors.get(path) {
            Some(&n) if fragment.is_empty() => format!("#p{n}"),
            Some(&n) => format!("#p{n}-{fragment}"),
            // A portable copy makes the site's own links relative afterwards.
            None if href.starts_with('/') && !href.starts_with("//") && !self.config.portable => {
                format!("{}{href}", self.config.base_url.origin)
            }
            None => href.to_owned(),
        }
    }
}

/// `article` with its ids, links and headings placed in the printable page, and what is
/// marked `data-print-omit` left out.
fn rewrite(article: &str, depth: usize, links: &Links) -> String {
    use lol_html::{HtmlRewriter, Settings, element};
    // Headings move down one level (two for a section's pages) under the cover's <h1>.
    let shift = if depth >= 2 { 2 } else { 1 };
    let out = Rc::new(RefCell::new(Vec::with_capacity(article.len())));
    let sink = Rc::clone(&out);
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("[data-print-omit]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("*", |el| {
            if el.removed() {
                return Ok(());
            }
            if let Some(id) = el.get_attribute("id") {
                el.set_attribute("id", &links.id(&id))?;
            }
            for name in ["for", "aria-labelledby", "aria-describedby", "headers"] {
                if let Some(ids) = el.get_attribute(name) {
                    let ids: Vec<String> = ids.split_whitespace().map(|i| links.id(i)).collect();
                    el.set_attribute(name, &ids.join(" "))?;
                }
            }
            if el.tag_name() == "a"
                && let Some(href) = el.get_attribute("href")
            {
                el.set_attribute("href", &links.href(&href))?;
            }
            let name = el.tag_name();
            if let Some(level) = name
                .strip_prefix('h')
                .and_then(|l| l.parse::<usize>().ok())
                .filter(|l| (1..=6).contains(l))
            {
                el.set_tag_name(&format!("h{}", (level + shift).min(6)))?;
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| {
        sink.borrow_mut().extend_from_slice(chunk)
    });
    // lol_html fails only on its memory limit; the article is then printed as written.
    if rewriter.write(article.as_bytes()).is_err() || rewriter.end().is_err() {
        return article.to_owned();
    }
    let bytes = out.take();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
