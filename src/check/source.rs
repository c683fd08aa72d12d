//! What `check` reads from each Markdown source: its links (to check against the built
//! site), images without alt text, and bold or italic markers that CommonMark leaves
//! unclosed next to Chinese punctuation.

use crate::msg;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::Document;
use crate::diag::Diagnostic;
use crate::markdown;

/// A link or image written in a Markdown file.
#[derive(Debug, Clone)]
pub struct SourceLink {
    /// The destination as written.
    pub url: String,
    /// Its byte range in the file's text.
    pub span: Range<usize>,
}

/// What a scan of one file found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every link and image destination.
    pub links: Vec<SourceLink>,
    /// Images without alt text, unclosed emphasis.
    pub findings: Vec<Diagnostic>,
}

/// Scans one document's Markdown body.
pub fn scan(doc: &Document, opts: &markdown::Options) -> Scan {
    let Some(body) = doc.text.get(doc.body.clone()) else {
        return Scan::default();
    };
    let at = doc.body.start;
    let mut scan = Scan::default();
    let mut image: Option<(Range<usize>, String)> = None;
    let mut in_code = false;
    let mut runs = Vec::new();
    for (event, range) in Parser::new_ext(body, opts.pulldown()).into_offset_iter() {
        let span = range.start + at..range.end + at;
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                scan.links.push(link(body, &range, &dest_url, at));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let written = link(body, &range, &dest_url, at);
                if is_remote(&dest_url) {
                    scan.findings
                        .push(remote_load(doc, "image", &dest_url, written.span.clone()));
                }
                scan.links.push(written);
                image = Some((span, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((span, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    scan.findings.push(no_alt(doc, span));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::Text(_) if !in_code => emphasis(doc, span, &mut runs, &mut scan.findings),
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_images(doc, &h, span.clone(), &mut scan.findings);
                raw_remote_loads(doc, &h, span, &mut scan.findings);
            }
            _ => {}
        }
    }
    scan
}

/// The link's destination located inside the link's own text when it is written inline.
fn link(body: &str, range: &Range<usize>, url: &str, at: usize) -> SourceLink {
    let text = body.get(range.clone()).unwrap_or("");
    let found = text
        .rfind(&format!("]({url}"))
        .map(|i| i + 2)
        .or_else(|| (!url.is_empty()).then(|| text.rfind(url)).flatten());
    let span = match found {
        Some(i) => range.start + i + at..range.start + i + url.len() + at,
        None => range.start + at..range.end + at,
    };
    SourceLink {
        url: url.to_owned(),
        span,
    }
}

fn no_alt(doc: &Document, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(msg!("check-no-alt"))
        .in_file(&doc.path)
        .at(&doc.text, span)
        .with_hint(msg!("check-no-alt-hint"))
}

/// `<img>` tags in raw HTML without an `alt` attribute (an empty `alt=""` marks a
/// decorative image on purpose and is accepted).
fn raw_images(doc: &Document, html: &str, span: Range<usize>, out: &mut Vec<Diagnostic>) {
    let fragment = scraper::Html::parse_fragment(html);
    let Ok(sel) = scraper::Selector::parse("img:not([alt])") else {
        return;
    };
    if fragment.select(&sel).next().is_some() {
        out.push(no_alt(doc, span).with_hint(msg!("check-no-alt-html-hint")));
    }
}

/// True for a URL on another host: `http:`, `https:` or protocol-relative `//`.
fn is_remote(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// A page that loads `element` (`image` for a Markdown image, else the raw HTML
/// element's name) from another host: it breaks offline and, for many hosts, inside
/// China.
fn remote_load(doc: &Document, element: &str, url: &str, span: Range<usize>) -> Diagnostic {
    let what = if element == "image" {
        "image"
    } else {
        "element"
    };
    Diagnostic::warning(msg!(
        "check-remote-load",
        what = what,
        element = element,
        url = url
    ))
    .in_file(&doc.path)
    .at(&doc.text, span)
    .with_hint(msg!("check-remote-load-hint"))
}

/// Elements of raw HTML that load something from another host when the page opens
/// (a link to another site is fine: it loads only when followed).
fn raw_remote_loads(doc: &Document, html: &str, span: Range<usize>, out: &mut Vec<Diagnostic>) {
    const LOADS: [(&str, &str); 10] = [
        ("iframe", "src"),
        ("embed", "src"),
        ("img", "src"),
        ("script", "src"),
        ("video", "src"),
        ("audio", "src"),
        ("source", "src"),
        ("track", "src"),
        ("object", "data"),
        ("link", "href"),
    ];
    let fragment = scraper::Html::parse_fragment(html);
    for (element, attr) in LOADS {
        let Ok(sel) = scraper::Selector::parse(&format!("{element}[{attr}]")) else {
            continue;
        };
        for e in fragment.select(&sel) {
            let url = e.value().attr(attr).unwrap_or_default();
            if is_remote(url) {
                out.push(remote_load(doc, element, url, span.clone()));
            }
        }
    }
}

/// Literal `*` or `_` runs (emphasis CommonMark did not close) next to punctuation.
/// pulldown-cmark may split a run over several text events, so the run is measured in
/// the source and reported once.
fn emphasis(doc: &Document, span: Range<usize>, seen: &mut Vec<usize>, out: &mut Vec<Diagnostic>) {
    let Some(text) = doc.text.get(span.clone()) else {
        return;
    };
    for (i, c) in text.char_indices().filter(|(_, c)| matches!(c, '*' | '_')) {
        let (start, end) = run_around(&doc.text, span.start + i, c);
        if seen.contains(&start) {
            continue;
        }
        seen.push(start);
        let before = doc.text[..start].chars().next_back();
        let after = doc.text[end..].chars().next();
        let next_to_punct = is_punct(before) || is_punct(after);
        if before == Some('\\') || !next_to_punct || !(is_cjk_side(before) || is_cjk_side(after)) {
            continue;
        }
        let run = &doc.text[start..end];
        out.push(
            Diagnostic::warning(msg!("check-emphasis", run = run))
                .in_file(&doc.path)
                .at(&doc.text, start..end)
                .with_hint(msg!("check-emphasis-hint", run = run)),
        );
    }
}

/// The byte range of the run of `c` around byte `at` of `text`.
fn run_around(text: &str, at: usize, c: char) -> (usize, usize) {
    let start = at - text[..at].chars().rev().take_while(|&x| x == c).count();
    let end = at + text[at..].chars().take_while(|&x| x == c).count();
    (start, end)
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_punctuation() || is_cjk_punct(c))
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// CJK text or punctuation: the side of the run where the trouble comes from.
fn is_cjk_side(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        is_cjk_punct(c) || matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::content::{FrontMatter, Kind};

    fn doc(body: &str) -> Document {
        let text: Arc<str> = Arc::from(format!("+++\ntitle = \"t\"\n+++\n{body}"));
        Document {
            key: "a.md".into(),
            lang: "zh".into(),
            path: PathBuf::from("content/a.md"),
            body: 20..text.len(),
            text,
            meta: FrontMatter::default(),
            kind: Kind::Page,
            parent: Some("_index.md".into()),
            url_path: "a/".into(),
            converted: false,
            aliases: Vec::new(),
        }
    }

    fn findings(body: &str) -> Vec<String> {
        scan(&doc(body), &markdown::Options::default())
            .findings
            .iter()
            .map(|d| format!("{}: {}", d.locus(), d.message))
            .collect()
    }

    #[test]
    fn unclosed_emphasis_next_to_chinese_punctuation() {
        let cases: [(&str, usize); 6] = [
            ("**历经10年发展，**年度产值\n", 1),
            ("**历经10年发展**，年度产值\n", 0),
            ("*强调*的文字\n", 0),
            ("3 * 4 = 12\n", 0),
            ("\\*注：不是强调\n", 0),
            ("`**代码，**里`\n", 0),
        ];
        for (body, n) in cases {
            assert_eq!(findings(body).len(), n, "{body:?}: {:?}", findings(body));
        }
        assert_eq!(
            findings("**历经10年发展，**年度\n")[0],
            "content/a.md:4:11: `**` next to punctuation is not closed by CommonMark: it shows as `**`"
        );
    }

    #[test]
    fn images_need_alt_text() {
        assert_eq!(findings("![](a.png)\n").len(), 1);
        assert_eq!(findings("![工厂](a.png)\n").len(), 0);
        assert_eq!(findings("<img src=\"a.png\">\n").len(), 1);
        assert_eq!(findings("<img src=\"a.png\" alt=\"\">\n").len(), 0);
    }

    #[test]
    fn links_are_located_at_their_destination() {
        let d = doc("见[这里](/tech/)和![图](img/a.png)。\n");
        let links = scan(&d, &markdown::Options::default()).links;
        let spans: Vec<&str> = links.iter().map(|l| &d.text[l.span.clone()]).collect();
        assert_eq!(spans, ["/tech/", "img/a.png"]);
    }
}
