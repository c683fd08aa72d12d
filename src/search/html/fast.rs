//! A reader for well-formed pages, a few times faster than lol_html: the pages a theme
//! writes. It tokenizes as lol_html does (tags and their attributes, text as written,
//! comments, raw text in `<script>`, `<style>`, `<title>` and the like, SVG and MathML)
//! and hands the same start tags, text and end tags to the reader's [`State`], in the
//! same order. Where lol_html would have to recover from an error (an end tag that does
//! not close the element last opened, a comment or a raw text element left open, an
//! `<svg>` that HTML ends early, bytes that are not UTF-8) it gives up, and the page is
//! read by lol_html instead ([`super::read`]).
//!
//! Why: lol_html is a rewriter. It matches selectors and keeps its output up to date for
//! every element and piece of text, which the index does not need, and was half of what
//! reading a page cost (BENCHMARKS.md, sixteenth session).

use std::borrow::Cow;

use super::{Attrs, PageText, State, finish};

/// Where markup is: which elements have content, and where `<title>` or `<style>` hold
/// raw text, goes by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

/// An element open in the page, as lol_html keeps it: its name, and the reader's node
/// for it when the reader closes it on its end tag.
struct Open<'h> {
    name: Cow<'h, str>,
    node: Option<usize>,
}

/// Reads `html` if it is a page this reader reads as lol_html does; `None` otherwise.
pub fn read(html: &[u8]) -> Option<PageText> {
    let src = std::str::from_utf8(html).ok()?;
    let mut st = State::new();
    if Scanner::new(src).run(&mut st).is_some() {
        Some(finish(st))
    } else {
        st.keep_spare();
        None
    }
}

struct Scanner<'h> {
    src: &'h str,
    at: usize,
    open: Vec<Open<'h>>,
    ns: Vec<Ns>,
}

/// Whitespace in a tag, as lol_html has it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C')
}

/// Elements without content in HTML.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// How the text of an HTML element is tokenized, when not as markup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// `<title>`, `<textarea>` (RCDATA) and `<style>`, `<noscript>` and the like
    /// (RAWTEXT): up to the end tag.
    UpToEndTag,
    /// `<script>`: up to the end tag, unless a comment in it hides one.
    Script,
}

fn raw_text(name: &str) -> Option<Raw> {
    match name {
        "title" | "textarea" | "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => {
            Some(Raw::UpToEndTag)
        }
        "script" => Some(Raw::Script),
        _ => None,
    }
}

/// HTML elements that end SVG or MathML where they start.
fn leaves_foreign_content(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Elements inside SVG or MathML whose content is HTML again.
fn is_integration_point(ns: Ns, name: &str) -> bool {
    match ns {
        Ns::Svg => matches!(name, "desc" | "title"),
        Ns::MathMl => matches!(name, "mi" | "mo" | "mn" | "ms" | "mtext"),
        Ns::Html => false,
    }
}

/// A tag's name, lower-cased; `None` for names this reader leaves to lol_html: any but
/// ASCII letters, digits and `-`, and the elements whose handling in SVG or MathML
/// depends on their attributes or on names lol_html cannot tell apart.
fn tag_name(name: &str) -> Option<Cow<'_, str>> {
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let name = lower(name);
    match &*name {
        "font" | "annotation-xml" | "foreignobject" | "plaintext" => None,
        _ => Some(name),
    }
}

/// `name` in ASCII lower case, copied only when it has an upper-case letter.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

impl<'h> Scanner<'h> {
    fn new(src: &'h str) -> Scanner<'h> {
        Scanner {
            src,
            at: 0,
            open: Vec::new(),
            ns: vec![Ns::Html],
        }
    }

    fn bytes(&self) -> &'h [u8] {
        self.src.as_bytes()
    }

    fn ns(&self) -> Ns {
        self.ns.last().copied().unwrap_or(Ns::Html)
    }

    /// Reads the page into `st`; `None` where it gives up.
    fn run(&mut self, st: &mut State) -> Option<()> {
        let b = self.bytes();
        let mut text_from = 0;
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'<', &b[from..]) {
            let lt = from + i;
            match *b.get(lt + 1)? {
                b'a'..=b'z' | b'A'..=b'Z' => {
                    text(st, &self.src[text_from..lt]);
                    self.at = lt + 1;
                    self.start_tag(st)?;
                }
                b'/' => {
                    text(st, &self.src[text_from..lt]);
                    self.at = lt + 2;
                    self.end_tag(st)?;
                }
                b'!' => {
                    text(st, &self.src[text_from..lt]);
                    self.at = lt + 2;
                    self.declaration()?;
                }
                b'?' => return None,
                // `<` and anything else is text.
                _ => {
                    from = lt + 1;
                    continue;
                }
            }
            text_from = self.at;
            from = self.at;
        }
        text(st, &self.src[text_from..]);
        Some(())
    }

    /// A comment or the doctype; anything else (CDATA, bogus comments) is left to
    /// lol_html.
    fn declaration(&mut self) -> Option<()> {
        let b = self.bytes();
        let rest = &b[self.at..];
        if let Some(comment) = rest.strip_prefix(b"--") {
            // `<!-->` and `<!--->` end where they start.
            if comment.starts_with(b">") || comment.starts_with(b"->") {
                return None;
            }
            let end = memchr::memmem::find(comment, b"-->")?;
            // `--!>` ends a comment too.
            if memchr::memmem::find(&comment[..end + 3], b"--!>").is_some() {
                return None;
            }
            self.at += 2 + end + 3;
            return Some(());
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            let end = memchr::memchr(b'>', rest)?;
            if rest[..end].iter().any(|&c| c == b'"' || c == b'\'') {
                return None;
            }
            self.at += end + 1;
            return Some(());
        }
        None
    }

    /// A start tag, its name's first letter at `self.at`.
    fn start_tag(&mut self, st: &mut State) -> Option<()> {
        let b = self.bytes();
        let start = self.at;
        let len = b[start..]
            .iter()
            .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
        let name = tag_name(&self.src[start..start + len])?;
        self.at = start + len;
        let mut attrs = Attrs::default();
        let self_closing = self.attributes(&mut attrs)?;

        // Where the element is, as lol_html's tree builder simulation tells it.
        let before = self.ns();
        let mut raw = None;
        match &*name {
            "svg" => self.ns.push(Ns::Svg),
            "math" => self.ns.push(Ns::MathMl),
            _ if before != Ns::Html => {
                if leaves_foreign_content(&name) {
                    self.ns.pop();
                    if self.ns.is_empty() {
                        return None;
                    }
                } else if is_integration_point(before, &name) && !self_closing {
                    self.ns.push(Ns::Html);
                }
            }
            _ => raw = raw_text(&name),
        }
        let can_have_content = if self.ns() == Ns::Html {
            !is_void(&name)
        } else {
            !self_closing
        };
        let node = st.open(&name, attrs, can_have_content);
        if !can_have_content {
            return Some(());
        }
        let raw = raw.map(|raw| (raw, name.clone()));
        self.open.push(Open { name, node });
        if let Some((raw, name)) = raw {
            self.raw_text(st, raw, &name)?;
        }
        Some(())
    }

    /// The text of a raw text element named `name` and its end tag, which must come
    /// before the page ends and be written `</name>`.
    fn raw_text(&mut self, st: &mut State, raw: Raw, name: &str) -> Option<()> {
        let b = self.bytes();
        let from = self.at;
        let mut search = from;
        let end = loop {
            let i = search + memchr::memmem::find(&b[search..], b"</")?;
            let after = i + 2 + name.len();
            if b.len() > after
                && b[i + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && (is_space(b[after]) || b[after] == b'/' || b[after] == b'>')
            {
                if b[after] != b'>' {
                    return None;
                }
                break i;
            }
            search = i + 2;
        };
        if raw == Raw::Script && memchr::memmem::find(&b[from..end], b"<!--").is_some() {
            return None;
        }
        text(st, &self.src[from..end]);
        self.at = end + 2;
        self.end_tag(st)
    }

    /// The attributes of a start tag, from its name's end to its `>` (after which
    /// `self.at` is left); whether it ends in `/>`. Each goes to `attrs`, its name
    /// lower-cased, its value as written.
    fn attributes(&mut self, attrs: &mut Attrs) -> Option<bool> {
        let b = self.bytes();
        let mut at = self.at;
        loop {
            // Before an attribute's name.
            while is_space(*b.get(at)?) {
                at += 1;
            }
            match *b.get(at)? {
                b'>' => {
                    self.at = at + 1;
                    return Some(false);
                }
                b'/' => {
                    if *b.get(at + 1)? == b'>' {
                        self.at = at + 2;
                        return Some(true);
                    }
                    at += 1;
                    continue;
                }
                _ => {}
            }
            // Its name: a first `=` is part of it.
            let name_start = at;
            at += 1;
            while !matches!(*b.get(at)?, b'=' | b'/' | b'>') && !is_space(b[at]) {
                at += 1;
            }
            let name = &self.src[name_start..at];
            while is_space(*b.get(at)?) {
                at += 1;
            }
            if b[at] != b'=' {
                attrs.add(&lower(name), String::new);
                continue;
            }
            at += 1;
            while is_space(*b.get(at)?) {
                at += 1;
            }
            let value = match b[at] {
                quote @ (b'"' | b'\'') => {
                    let len = memchr::memchr(quote, &b[at + 1..])?;
                    let value = &self.src[at + 1..at + 1 + len];
                    at += len + 2;
                    value
                }
                // `=` and no value: lol_html ends the tag, but then reads what follows
                // as markup even in `<title>` or `<script>`.
                b'>' => return None,
                _ => {
                    let start = at;
                    while !is_space(*b.get(at)?) && b[at] != b'>' {
                        at += 1;
                    }
                    &self.src[start..at]
                }
            };
            attrs.add(&lower(name), || value.to_owned());
        }
    }

    /// An end tag, after its `</`: it must close the element opened last.
    fn end_tag(&mut self, st: &mut State) -> Option<()> {
        let b = self.bytes();
        let start = self.at;
        if !b.get(start)?.is_ascii_alphabetic() {
            return None;
        }
        let len = b[start..]
            .iter()
            .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
        let name = tag_name(&self.src[start..start + len])?;
        let mut at = start + len;
        while is_space(*b.get(at)?) {
            at += 1;
        }
        if b[at] != b'>' {
            return None;
        }
        self.at = at + 1;
        match self.ns() {
            Ns::Html
                if self.ns.len() >= 2
                    && is_integration_point(self.ns[self.ns.len() - 2], &name) =>
            {
                self.ns.pop();
            }
            Ns::Html => {}
            Ns::Svg if name == "svg" => {
                self.ns.pop();
            }
            Ns::MathMl if name == "math" => {
                self.ns.pop();
            }
            _ if matches!(&*name, "p" | "br") => return None,
            _ => {}
        }
        let top = self.open.pop()?;
        if top.name != name {
            return None;
        }
        if let Some(at) = top.node {
            st.close(at, &name);
        }
        Some(())
    }
}

fn text(st: &mut State, chunk: &str) {
    if !chunk.is_empty() {
        st.text(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wraps `body` in a page.
    fn page(body: &str) -> Vec<u8> {
        format!("<!doctype html><html lang=\"en\"><body>{body}</body></html>").into_bytes()
    }

    #[test]
    fn well_formed_pages_are_read_as_lol_html_reads_them() {
        for body in [
            "<main data-pagefind-body><h1 id=t>Title</h1><p>Text &amp; more</p></main>",
            "<P ID='a b'>upper <BR/>case</p><img src=x.png alt='X'>",
            "<p a=\"1\"b='2'id=c>no spaces</p><p/ id=q>slash</p>",
            "a < b <3 <!-- <p>hidden</p> --><!---->",
            "<script>if (a<b) x=\"</p>\"</script><style>p>a{}</style>",
            "<title>T &amp; </b> x</title><textarea><p>in</p></textarea>",
            "<svg><title>t</title><path d=\"M0\"/><text id=s>in svg</text></svg>",
            "<math><mi>x</mi><mtext><b>t</b></mtext></math>",
        ] {
            let html = page(body);
            let fast = read(&html);
            assert!(fast.is_some(), "{body}");
            assert_eq!(
                fast.unwrap(),
                super::super::read_with_lol_html(&html),
                "{body}"
            );
        }
    }

    #[test]
    fn pages_that_need_recovery_are_left_to_lol_html() {
        for body in [
            "<b>bold<i>misnested</b> tail</i>",
            "<p>stray</div></p>",
            "<p>closed by its parent</body>",
            "<!-- never closed",
            "<!-- ends --!> early -->",
            "<!-->",
            "<script><!-- <script> --></script>",
            "<script>never closed",
            "<title>x</title >",
            "<p>a</p x>",
            "</>",
            "<![CDATA[x]]>",
            "<?php ?>",
            "<svg><p>ends the svg</svg>",
            "<svg><foreignObject><p>f</p></foreignObject></svg>",
            "<font color=red>x</font>",
            "<plaintext>x",
            "<a href=\"never closed",
            // lol_html reads `<b>` here as markup, not as the title's text.
            "<title a=>x<b>y</b></title>",
        ] {
            assert!(read(&page(body)).is_none(), "{body}");
        }
        assert!(
            read(b"<html><body>\xff</body></html>").is_none(),
            "not UTF-8"
        );
    }
}
