//! Raw HTML in content: the script policy (no `<script>`, no `on…=` handlers, no
//! `javascript:` or HTML `data:` URLs, no element left open that would swallow the rest
//! of the page), the ids it defines, and plain text of HTML fragments.
//!
//! The markup is read by html5ever's tokenizer, the HTML standard's state machine: tags,
//! attributes, comments, character references and the raw-text elements end exactly
//! where a browser ends them. What is ours is the policy, and finding where each token
//! sits in the source so a refusal points at its line and column: the input is fed to
//! the tokenizer in pieces that each end just after a `>`, so a tag or comment it emits
//! ends there, and it begins at the first `<` that can open it after the previous one.
//!
//! Editors are trusted with raw HTML otherwise; this is a policy, not a sanitizer.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::links::is_script_url;
use super::shortcode;
use crate::msg;

/// The hint of a refusal (its words are in the message catalog).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hint {
    /// Raw HTML that would run script.
    NoScript,
    /// A tag or comment that the raw HTML leaves open.
    Unclosed,
    /// An element left open whose content is raw text.
    Swallow,
    /// A `javascript:` URL.
    ScriptUrl,
    /// A `data:` URL that holds a document.
    DataUrl,
    /// A shortcode written inside raw HTML.
    ShortcodeInHtml,
}

impl Hint {
    /// The hint in the current language.
    pub(super) fn text(self) -> String {
        match self {
            Hint::NoScript => msg!("html-no-script-hint"),
            Hint::Unclosed => msg!("html-unclosed-hint"),
            Hint::Swallow => msg!("html-swallow-hint"),
            Hint::ScriptUrl => msg!("html-script-url-hint"),
            Hint::DataUrl => msg!("html-data-url-hint"),
            Hint::ShortcodeInHtml => msg!("html-shortcode-hint"),
        }
    }
}

/// Attributes whose value is a URL a browser may follow or load, or (SVG `<animate>`
/// and `<set>`: `to`, `from`, `values`) may set as one.
const URL_ATTRS: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "to",
    "from",
    "values",
];

/// Elements whose content a browser reads as raw text up to their own end tag: one left
/// open swallows the rest of the page (an `iframe`'s as fallback text, a `template`'s
/// as inert content).
const SWALLOWING: [&str; 10] = [
    "iframe",
    "textarea",
    "title",
    "style",
    "xmp",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
];

/// Something found in raw HTML.
#[derive(Debug, PartialEq)]
pub(super) enum Finding {
    /// A policy violation, with its byte range in the scanned text.
    Refused {
        message: String,
        hint: Hint,
        span: Range<usize>,
    },
    /// An `id` attribute's value: an anchor other pages may link to.
    Id(String),
    /// A well-formed shortcode call, which is not expanded inside raw HTML.
    Shortcode(Range<usize>),
    /// An element that swallows what follows until its end tag was opened here (the
    /// page's later HTML may close it).
    Opened { name: String, span: Range<usize> },
    /// Such an element's end tag.
    Closed(String),
}

impl Finding {
    /// The message and hint for a swallowing element that nothing closed.
    pub(super) fn left_open(name: &str) -> (String, Hint) {
        (msg!("html-not-closed", name = name), Hint::Swallow)
    }
}

/// A token as the scan needs it, with the offset where it ends in the input.
#[derive(Debug)]
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    Comment,
    Doctype,
    Text(String),
    /// The input ended inside a tag (`true`) or a comment (`false`).
    EofIn(bool),
}

/// Collects tokens and does the one thing of the tree builder the tokenizer needs:
/// switching to raw text after `<textarea>`, `<iframe>` and the like (in HTML, not in
/// SVG or MathML).
#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<(Tok, usize)>>,
    /// Where the piece being fed ends: a tag or comment emitted now ends there.
    end: Cell<usize>,
    /// Depth of open `<svg>` / `<math>`.
    foreign: Cell<usize>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut result = TokenSinkResult::Continue;
        let tok = match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if matches!(name.as_str(), "svg" | "math") {
                    let depth = self.foreign.get();
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => self.foreign.set(depth + 1),
                        TagKind::EndTag => self.foreign.set(depth.saturating_sub(1)),
                        TagKind::StartTag => {}
                    }
                }
                if tag.kind == TagKind::EndTag {
                    Tok::End(name)
                } else {
                    if self.foreign.get() == 0 {
                        result = raw_state(&name);
                    }
                    let attrs = tag.attrs.iter();
                    let attrs = attrs.map(|a| (a.name.local.to_string(), a.value.to_string()));
                    Tok::Start {
                        name,
                        attrs: attrs.collect(),
                        self_closing: tag.self_closing,
                    }
                }
            }
            Token::CommentToken(_) => Tok::Comment,
            Token::DoctypeToken(_) => Tok::Doctype,
            Token::CharacterTokens(text) => Tok::Text(text.to_string()),
            Token::ParseError(msg) if msg.starts_with("Saw EOF in state") => {
                Tok::EofIn(!msg.contains("Comment"))
            }
            _ => return result,
        };
        self.tokens.borrow_mut().push((tok, self.end.get()));
        result
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

/// The tokenizer state a start tag switches to, as the tree builder sets it ("in body").
fn raw_state(name: &str) -> TokenSinkResult<()> {
    match name {
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Every token of `html`, each with the offset where it ends.
fn tokens(html: &str) -> Vec<(Tok, usize)> {
    let tokenizer = Tokenizer::new(
        Sink::default(),
        TokenizerOpts {
            discard_bom: false,
            ..TokenizerOpts::default()
        },
    );
    let queue = BufferQueue::default();
    let mut at = 0;
    for piece in html.split_inclusive('>') {
        at += piece.len();
        tokenizer.sink.end.set(at);
        queue.push_back(StrTendril::from_slice(piece));
        while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    }
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

/// Scans a fragment of raw HTML (a whole HTML block, or one inline tag).
pub(super) fn scan(html: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut cursor = 0;
    for (tok, end) in tokens(html) {
        let opener = |c: &[u8]| -> bool {
            match tok {
                Tok::Start { .. } => c.first().is_some_and(u8::is_ascii_alphabetic),
                Tok::End(_) => c.first() == Some(&b'/'),
                Tok::Comment | Tok::Doctype => matches!(c.first(), Some(b'!' | b'?' | b'/')),
                _ => false,
            }
        };
        let start = match &tok {
            Tok::Text(_) => continue,
            // A comment cut off by the end is emitted as a comment, checked below.
            Tok::EofIn(false) => continue,
            Tok::EofIn(true) => {
                findings.push(open_at_end(html, cursor));
                continue;
            }
            Tok::End(name) => find_end_tag(html, cursor, name),
            _ => find_opener(html, cursor, opener),
        };
        let start = start.unwrap_or(cursor).min(end);
        check_token(&tok, html, start..end, &mut findings);
        cursor = end;
    }
    for (at, _) in html.match_indices("{{") {
        if let Ok(call) = shortcode::parse(html, at) {
            findings.push(Finding::Shortcode(at..call.end));
        }
    }
    findings
}

/// The first `<` at or after `from` whose next byte `opens` accepts.
fn find_opener(html: &str, from: usize, opens: impl Fn(&[u8]) -> bool) -> Option<usize> {
    let bytes = html.as_bytes();
    (from..bytes.len()).find(|&i| bytes[i] == b'<' && opens(&bytes[i + 1..]))
}

/// The first `</name` at or after `from` (the only end tag raw text can end with, and in
/// data the first end tag).
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    (from..bytes.len()).find(|&i| {
        bytes[i..].starts_with(b"</")
            && bytes
                .get(i + 2..i + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// The policy for one token at `span` of `html`.
fn check_token(tok: &Tok, html: &str, span: Range<usize>, findings: &mut Vec<Finding>) {
    let source = &html[span.clone()];
    match tok {
        Tok::Start {
            name,
            attrs,
            self_closing,
        } => {
            // The tokenizer's name may differ in length from the source's (a NUL becomes
            // U+FFFD): clamp to the tag and to a character boundary.
            let name_end = floor_boundary(html, (span.start + 1 + name.len()).min(span.end));
            let name_span = span.start..name_end.max(span.start);
            if name == "script" {
                findings.push(Finding::Refused {
                    message: msg!("html-script-element"),
                    hint: Hint::NoScript,
                    span: name_span.clone(),
                });
            }
            for (attr, value) in attrs {
                if let Some((message, hint)) = check_attribute(attr, Some(value)) {
                    let at = attribute_span(source, attr)
                        .map_or(span.clone(), |r| span.start + r.start..span.start + r.end);
                    findings.push(Finding::Refused {
                        message,
                        hint,
                        span: at,
                    });
                }
                if attr == "id" {
                    findings.push(Finding::Id(value.clone()));
                }
            }
            if SWALLOWING.contains(&name.as_str()) && !(*self_closing && name == "template") {
                findings.push(Finding::Opened {
                    name: name.clone(),
                    span: name_span,
                });
            }
        }
        Tok::End(name) if SWALLOWING.contains(&name.as_str()) => {
            findings.push(Finding::Closed(name.clone()));
        }
        Tok::Comment | Tok::Doctype if !source.ends_with('>') => {
            let message = if source.starts_with("<!--") {
                msg!("html-comment-not-closed")
            } else {
                msg!("html-markup-not-closed")
            };
            let len = if source.starts_with("<!--") { 4 } else { 2 };
            findings.push(unclosed(
                &message,
                span.start..span.start + len.min(source.len()),
            ));
        }
        _ => {}
    }
}

/// The refusal for input that ended inside a tag after `cursor`.
fn open_at_end(html: &str, cursor: usize) -> Finding {
    let tag = |c: &[u8]| {
        c.first().is_some_and(u8::is_ascii_alphabetic)
            || (c.first() == Some(&b'/') && c.get(1).is_some_and(u8::is_ascii_alphabetic))
    };
    let Some(at) = find_opener(html, cursor, tag) else {
        let message = msg!("html-end-not-closed");
        return unclosed(&message, cursor..html.len());
    };
    let rest = &html[at + 1..];
    let name_len = rest
        .find(|c: char| {
            c.is_ascii_whitespace() || c == '>' || (c == '/' && rest.find(c) != Some(0))
        })
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let message = msg!("html-tag-not-closed", name = name);
    unclosed(&message, at..at + 1 + name_len)
}

/// Where attribute `name` (as the tokenizer reports it: lowercase) sits in a tag's
/// source, its value included: only to point at it; the decision was the tokenizer's.
fn attribute_span(tag: &str, name: &str) -> Option<Range<usize>> {
    let lower = tag.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut from = 1;
    while let Some(i) = lower.get(from..)?.find(name).map(|i| from + i) {
        from = i + 1;
        let before = bytes.get(i.wrapping_sub(1)).copied().unwrap_or(b' ');
        let after = bytes.get(i + name.len()).copied().unwrap_or(b'>');
        let starts = before.is_ascii_whitespace() || matches!(before, b'/' | b'"' | b'\'');
        let ends = after.is_ascii_whitespace() || matches!(after, b'=' | b'/' | b'>');
        if starts && ends {
            return Some(i..value_end(tag, i + name.len()));
        }
    }
    None
}

/// The end of the attribute value (if any) that follows a name ending at `pos`.
fn value_end(tag: &str, pos: usize) -> usize {
    let rest = &tag[pos..];
    let trimmed = rest.trim_start();
    let Some(value) = trimmed.strip_prefix('=') else {
        return pos;
    };
    let value_at = tag.len() - value.trim_start().len();
    let value = value.trim_start();
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..]
            .find(q)
            .map_or(tag.len(), |i| value_at + 1 + i + 1),
        _ => value
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .map_or(tag.len(), |i| value_at + i),
    }
}

/// `i`, or the start of the character it falls inside.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn unclosed(message: &str, span: Range<usize>) -> Finding {
    Finding::Refused {
        message: message.to_owned(),
        hint: Hint::Unclosed,
        span,
    }
}

/// The policy for one attribute (raw HTML or a heading's `{…}` attributes): a message
/// and hint if it is refused.
pub(super) fn check_attribute(name: &str, value: Option<&str>) -> Option<(String, Hint)> {
    let bytes = name.as_bytes();
    if bytes.len() > 2 && bytes[..2].eq_ignore_ascii_case(b"on") {
        let message = msg!("html-event-handler", name = name);
        return Some((message, Hint::NoScript));
    }
    let value = value?;
    let is_url = URL_ATTRS.iter().any(|a| a.eq_ignore_ascii_case(name));
    // `values` is a `;`-separated list of values an animation sets in turn; in any
    // other attribute a `;` is part of the URL.
    let list = if name.eq_ignore_ascii_case("values") {
        ';'
    } else {
        '\0'
    };
    if is_url && value.split(list).any(is_script_url) {
        let message = msg!("html-script-url", name = name);
        return Some((message, Hint::ScriptUrl));
    }
    if is_url && value.split(list).any(is_document_data_url) {
        let message = msg!("html-data-url", name = name);
        return Some((message, Hint::DataUrl));
    }
    // srcdoc is a document of its own: a tag left open there stays there.
    let refused =
        |f: &Finding| matches!(f, Finding::Refused { hint, .. } if *hint != Hint::Unclosed);
    if name.eq_ignore_ascii_case("srcdoc") && scan(value).iter().any(refused) {
        let message = msg!("html-srcdoc-script");
        return Some((message, Hint::NoScript));
    }
    None
}

/// True for a `data:` URL whose content a browser runs as a document (HTML, XHTML, SVG),
/// written as browsers read it (any case, leading spaces, tabs and newlines ignored).
pub(super) fn is_document_data_url(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    let Some(rest) = url.strip_prefix("data:") else {
        return false;
    };
    let mime = rest.trim_start();
    [
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
    ]
    .iter()
    .any(|m| mime.starts_with(m))
}

/// What a browser would run in a whole rendered page, read by html5ever's tree builder:
/// the page-level net behind the per-block scan. Each HTML block is scanned alone, but a
/// browser reads the page as one document, where an element one block leaves open (an
/// `<svg>`, where `<![CDATA[` hides markup that a `<span>` would bring back) changes how
/// it reads the next. Run only on pages that have raw HTML.
pub(super) fn page_runs_script(html: &str) -> Option<String> {
    let dom = scraper::Html::parse_fragment(html);
    for node in dom.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.name().eq_ignore_ascii_case("script") {
            return Some(msg!("html-runs-script-element"));
        }
        for (name, value) in el.attrs() {
            if name.eq_ignore_ascii_case("srcdoc") {
                if let Some(inner) = page_runs_script(value) {
                    return Some(msg!("html-runs-srcdoc", inner = inner));
                }
                continue;
            }
            if let Some((message, _)) = check_attribute(name, Some(value)) {
                return Some(message);
            }
        }
    }
    None
}

/// The visible text of an HTML fragment: tags removed, character references decoded,
/// as the tokenizer reads them.
pub(super) fn plain_text(html: &str) -> String {
    if !html.contains(['<', '&', '\0', '\r']) {
        return html.to_owned(); // no markup: the text is the HTML
    }
    let mut text = String::with_capacity(html.len());
    for (tok, _) in tokens(html) {
        if let Tok::Text(t) = tok {
            text.push_str(&t);
        }
    }
    text
}

#[cfg(test)]
mod tests;
