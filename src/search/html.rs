//! Reads a rendered page as Pagefind reads it: the text inside `data-pagefind-body`
//! (or all of `<html>` when no element is marked), without what `data-pagefind-ignore`
//! marks and without `head`, `nav`, `footer`, `form`, `svg`, scripts and the like; block
//! elements end in a full stop so excerpts read as sentences; headings carry their
//! weight and elements with an `id` their anchor, as markers in the text that
//! [`super::words`] turns into weights and anchors.
//!
//! The attributes a theme can use are Pagefind's: `data-pagefind-body`,
//! `data-pagefind-ignore` (`""`/`index`, or `all`, which also drops the element's
//! metadata), `data-pagefind-weight` and `data-pagefind-title` (an anchor's title). The
//! page's `title` metadata is its first `<h1>` (else its `<title>`), `image` and
//! `image_alt` the first image after it. Filters, sorting and custom metadata are not read.
//!
//! Two tokenizers feed the same reading state: ours ([`read_fast`]) for the pages it can
//! read as lol_html does (every page a theme writes), and lol_html for the others
//! ([`read`]).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

use lol_html::{HtmlRewriter, Settings, doc_text, element};

mod fast;
mod text;

use text::ends_sentence;
pub use text::normalize_content;

/// Weight and anchor markers in a digest.
pub const ANCHOR: &str = "___PAGEFIND_ANCHOR___";
/// A `data-pagefind-weight` block starts.
pub const WEIGHT: &str = "___PAGEFIND_WEIGHT___";
/// A heading's weight starts (inside an explicitly weighted block it inherits that).
pub const AUTO_WEIGHT: &str = "___PAGEFIND_AUTO_WEIGHT___";
/// A weighted block ends.
pub const END_WEIGHT: &str = "___END_PAGEFIND_WEIGHT___";

const SENTENCE: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i",
    "img", "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select",
    "small", "span", "strong", "sub", "sup", "textarea", "time", "tt", "var",
];
const REMOVED: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];

/// What a page gives the index.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageText {
    /// `<html lang>`, lower-cased (`zh-cn`), or `unknown`.
    pub language: String,
    /// The text, whitespace-normalised, with weight and anchor markers.
    pub digest: String,
    /// `title`, `image`, `image_alt`.
    pub meta: BTreeMap<String, String>,
    /// Each anchor's text, by `counter:id`.
    pub anchor_content: BTreeMap<String, String>,
    /// Each anchor's `data-pagefind-title`, by `counter:id`.
    pub anchor_titles: BTreeMap<String, String>,
    /// The page marks its indexed part with `data-pagefind-body`.
    pub has_body: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Indexing,
    Ignored,
    Excluded,
    Body,
    ParentOfBody,
}

/// An element as Pagefind keeps it while reading: its text so far, linked to the element
/// it opened in. Closed elements stay where they are, as in Pagefind's tree: text that
/// lol_html hands over while a closed element is still the current one is kept by it,
/// and lost with it.
#[derive(Debug)]
struct Node {
    /// The element it opened in (the root's is itself).
    parent: usize,
    /// What its start tag was, as far as the reader cares.
    kind: Kind,
    value: String,
    status: Status,
    weight: Option<String>,
    anchors: Option<Vec<String>>,
}

impl Node {
    fn new(parent: usize, status: Status) -> Node {
        Node {
            parent,
            kind: Kind::Other,
            value: String::new(),
            status,
            weight: None,
            anchors: None,
        }
    }
}

/// The start tags the reader treats apart once their element is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Html,
    H1,
    Title,
    Other,
}

impl Kind {
    fn of(tag: &str) -> Kind {
        match tag {
            "html" => Kind::Html,
            "h1" => Kind::H1,
            "title" => Kind::Title,
            _ => Kind::Other,
        }
    }
}

#[derive(Default)]
struct State {
    /// Every element met, in order; the first is a virtual root above `<html>`.
    nodes: Vec<Node>,
    /// The element text goes to: the last one opened, or the parent of the last one
    /// closed.
    current: usize,
    meta: BTreeMap<String, String>,
    anchor_content: BTreeMap<String, String>,
    anchor_titles: BTreeMap<String, String>,
    language: Option<String>,
    anchors: usize,
    /// `<html>` elements open: Pagefind reads `html *` only, so elements and text
    /// outside every `<html>` are skipped.
    html_open: usize,
    /// Emptied strings for elements' text, kept by the thread between pages ([`Spare`]).
    strings: Vec<String>,
}

/// What a thread keeps between pages: the element table and emptied strings for their
/// text. A page has hundreds of elements; allocating their table and text anew for every
/// page (and faulting in fresh memory for them) was a fifth of the reading.
#[derive(Default)]
struct Spare {
    nodes: Vec<Node>,
    strings: Vec<String>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// The most strings, and the largest, a thread keeps ([`Spare`]).
const SPARE_STRINGS: usize = 1024;
const SPARE_STRING_BYTES: usize = 64 << 10;

impl State {
    /// A page's state, with the buffers the thread kept ([`Spare`]).
    fn new() -> State {
        let Spare { mut nodes, strings } = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
        nodes.clear();
        let mut st = State {
            nodes,
            strings,
            ..State::default()
        };
        let root = st.node(0, Status::Indexing);
        st.nodes.push(root);
        st
    }

    /// A new element's node, its text's string from the spare ones.
    fn node(&mut self, parent: usize, status: Status) -> Node {
        Node {
            value: self.strings.pop().unwrap_or_default(),
            ..Node::new(parent, status)
        }
    }

    /// Keeps an element's string, emptied, for the next element.
    fn give(&mut self, mut text: String) {
        if self.strings.len() < SPARE_STRINGS
            && text.capacity() > 0
            && text.capacity() <= SPARE_STRING_BYTES
        {
            text.clear();
            self.strings.push(text);
        }
    }

    /// Gives the thread its buffers back for the next page.
    fn keep_spare(mut self) {
        for i in 0..self.nodes.len() {
            let text = std::mem::take(&mut self.nodes[i].value);
            self.give(text);
        }
        self.nodes.clear();
        let spare = Spare {
            nodes: self.nodes,
            strings: self.strings,
        };
        SPARE.with(|s| *s.borrow_mut() = spare);
    }

    /// Closes element `at` on its end tag (named `end`, which need not be its own: an
    /// element closed by an ancestor's end tag is given that one): its text goes to its
    /// parent as Pagefind folds it. Whether it is a sentence or a heading goes by the end
    /// tag's name, as in Pagefind; whether it is the page's `<h1>` or `<title>` by its own.
    fn close(&mut self, at: usize, end: &str) {
        let text = self.fold_closed(at, end);
        self.give(text);
    }

    /// [`State::close`]'s work; returns the element's string for the next element.
    fn fold_closed(&mut self, at: usize, end: &str) -> String {
        let parent = self.nodes[at].parent;
        self.current = parent;
        if self.nodes[at].kind == Kind::Html {
            self.html_open = self.html_open.saturating_sub(1);
        }
        let node = Node {
            value: std::mem::take(&mut self.nodes[at].value),
            weight: self.nodes[at].weight.take(),
            anchors: None,
            ..self.nodes[at]
        };
        if node.status == Status::Excluded {
            return node.value;
        }
        if node.kind == Kind::H1
            && !self.meta.contains_key("auto_title")
            && !node.value.trim().is_empty()
        {
            self.meta
                .insert("auto_title".into(), normalize_content(&node.value));
        }
        if node.kind == Kind::Title && !self.meta.contains_key("auto_page_title") {
            self.meta
                .insert("auto_page_title".into(), normalize_content(&node.value));
        }
        if node.status == Status::Ignored {
            return node.value;
        }
        // A block's text is set off by spaces, with a full stop after a word; a weighted
        // block's (or a heading's) goes between weight markers. Folded in pieces: the
        // text is copied once, into the parent.
        let (lead, tail) = if !SENTENCE.contains(&end) {
            ("", "")
        } else if node.value.chars().next_back().is_some_and(ends_sentence) {
            (" ", ". ")
        } else {
            (" ", " ")
        };
        let auto = match end {
            "h1" => Some("7"),
            "h2" => Some("6"),
            "h3" => Some("5"),
            "h4" => Some("4"),
            "h5" => Some("3"),
            "h6" => Some("2"),
            _ => None,
        };
        let weight = match (&node.weight, auto) {
            (Some(weight), _) => Some((WEIGHT, weight.as_str())),
            (None, Some(weight)) => Some((AUTO_WEIGHT, weight)),
            (None, None) => None,
        };
        let parent = &mut self.nodes[parent];
        match weight {
            Some((marker, weight)) => fold(
                parent,
                node.status,
                &[
                    " ",
                    marker,
                    weight,
                    " ",
                    lead,
                    &node.value,
                    tail,
                    " ",
                    END_WEIGHT,
                    " ",
                ],
            ),
            None => fold(parent, node.status, &[lead, &node.value, tail]),
        }
        node.value
    }
}

/// Adds a closed element's text (`pieces`, end to end) to its parent's, as Pagefind
/// does: a body replaces what came before it (unless its parent already holds a body),
/// and nothing outside a body is added once one was seen.
fn fold(parent: &mut Node, status: Status, pieces: &[&str]) {
    let body = |s: Status| matches!(s, Status::Body | Status::ParentOfBody);
    if parent.status == Status::ParentOfBody && !body(status) {
        return;
    }
    match status {
        Status::Ignored | Status::Excluded => {}
        Status::Indexing => pieces.iter().for_each(|p| parent.value.push_str(p)),
        Status::Body | Status::ParentOfBody => {
            if parent.status != Status::ParentOfBody {
                parent.value.clear();
            }
            pieces.iter().for_each(|p| parent.value.push_str(p));
            parent.status = Status::ParentOfBody;
        }
    }
}

/// The attributes the reader looks at, found in one pass over an element's (most
/// elements have none, and each of lol_html's lookups by name allocates). The first of
/// two equal names counts, as lol_html's lookups and browsers take it.
#[derive(Default)]
struct Attrs {
    lang: Option<String>,
    ignore: Option<String>,
    body: bool,
    id: Option<String>,
    title: Option<String>,
    weight: Option<String>,
    src: Option<String>,
    alt: Option<String>,
}

impl Attrs {
    fn of(el: &lol_html::html_content::Element) -> Attrs {
        let mut attrs = Attrs::default();
        for attr in el.attributes() {
            attrs.add(&attr.name(), || attr.value());
        }
        attrs
    }

    /// Notes one attribute (its name lower-cased; its value as written) if the reader
    /// looks at it and has not met it on the element yet.
    fn add(&mut self, name: &str, value: impl FnOnce() -> String) {
        let slot = match name {
            "lang" => &mut self.lang,
            "data-pagefind-ignore" => &mut self.ignore,
            "data-pagefind-body" => {
                self.body = true;
                return;
            }
            "id" => &mut self.id,
            "data-pagefind-title" => &mut self.title,
            "data-pagefind-weight" => &mut self.weight,
            "src" => &mut self.src,
            "alt" => &mut self.alt,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value());
        }
    }
}

impl State {
    /// An element starts: its tag's name, lower-cased, its attributes, and whether it
    /// can have content (lol_html's `can_have_content`: not a void element, nor a
    /// self-closing one in SVG or MathML). Returns the element's node when its end tag
    /// is to close it ([`State::close`]).
    fn open(&mut self, tag: &str, attrs: Attrs, can_have_content: bool) -> Option<usize> {
        if tag == "html" {
            if let Some(lang) = &attrs.lang {
                self.language = Some(lang.to_lowercase());
            }
        } else if self.html_open == 0 {
            return None;
        }
        let ignore = attrs
            .ignore
            .as_ref()
            .map(|v| match v.to_ascii_lowercase().as_str() {
                "" | "index" | "true" => Status::Ignored,
                _ => Status::Excluded,
            });
        let status = if attrs.body {
            Status::Body
        } else {
            ignore.unwrap_or(Status::Indexing)
        };
        let parent = self.current;
        let mut anchor = None;
        if !matches!(status, Status::Excluded | Status::Ignored)
            && let Some(id) = &attrs.id
        {
            let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
            let counter = self.anchors;
            let outside = self.nodes[parent].status == Status::ParentOfBody
                && !matches!(status, Status::Body | Status::ParentOfBody);
            if !outside {
                let value = &mut self.nodes[parent].value;
                let _ = write!(value, " {ANCHOR}{tag}:{counter}:{id} ");
                anchor = Some(format!("{counter}:{id}"));
                self.anchors += 1;
            }
        }
        if let (Some(anchor), Some(title)) = (
            &anchor,
            attrs
                .title
                .as_deref()
                .map(normalize_content)
                .filter(|t| !t.is_empty()),
        ) {
            self.anchor_titles.insert(anchor.clone(), title);
        }
        if status != Status::Excluded && tag == "br" {
            self.nodes[parent].value.push(' ');
        }
        let mut anchors = match &self.nodes[parent].anchors {
            Some(a) if INLINE.contains(&tag) => Some(a.clone()),
            _ => None,
        };
        if let Some(a) = anchor {
            anchors.get_or_insert_with(Vec::new).push(a);
        }
        let status = if self.nodes[parent].status == Status::Excluded {
            Status::Excluded
        } else {
            status
        };
        let mut node = self.node(parent, status);
        node.weight = attrs.weight;
        node.anchors = anchors;
        node.kind = Kind::of(tag);
        let at = self.nodes.len();
        let excluded = node.status == Status::Excluded;
        self.nodes.push(node);
        self.current = at;
        let close = if can_have_content {
            if tag == "html" {
                self.html_open += 1;
            }
            Some(at)
        } else {
            // An element without content (`<img>`, `<br>`, `<svg/>`): the text goes back
            // to its parent at once.
            self.current = parent;
            let titled = self.meta.contains_key("auto_title");
            if !excluded
                && tag == "img"
                && titled
                && !self.meta.contains_key("auto_image")
                && let Some(src) = &attrs.src
            {
                self.meta
                    .insert("auto_image".into(), normalize_content(src));
                if let Some(alt) = &attrs.alt {
                    self.meta
                        .insert("auto_image_alt".into(), normalize_content(alt));
                }
            }
            None
        };
        if REMOVED.contains(&tag) {
            // Pagefind marks whatever element is current when it meets one of these:
            // the element itself, or its parent when it has no content.
            let current = self.current;
            self.nodes[current].status = Status::Ignored;
        }
        close
    }

    /// Text (a piece of a text node; its entities as written).
    fn text(&mut self, chunk: &str) {
        if self.html_open == 0 {
            return;
        }
        let node = &mut self.nodes[self.current];
        node.value.push_str(chunk);
        let ignored = matches!(node.status, Status::Ignored | Status::Excluded);
        if !ignored && let Some(ids) = &node.anchors {
            for id in ids {
                match self.anchor_content.get_mut(id) {
                    Some(text) => text.push_str(chunk),
                    None => {
                        self.anchor_content.insert(id.clone(), chunk.to_owned());
                    }
                }
            }
        }
    }
}

/// Reads `html` (a whole page): with [`read_fast`] where it can, else with lol_html
/// ([`read_with_lol_html`]). The two agree on every page the first reads (tested on
/// random markup and on every page of the project's site).
pub fn read(html: &[u8]) -> PageText {
    fast::read(html).unwrap_or_else(|| read_with_lol_html(html))
}

/// Reads `html` with the fast reader (`html::fast`, a tokenizer of our own), if it is a
/// page that reader reads as lol_html does; `None` for the others.
pub fn read_fast(html: &[u8]) -> Option<PageText> {
    fast::read(html)
}

/// Reads `html` with lol_html, as Pagefind does: any markup at all.
pub fn read_with_lol_html(html: &[u8]) -> PageText {
    let state = Rc::new(RefCell::new(State::new()));
    let el_handler = element!("*", |el| {
        let tag = el.tag_name();
        let attrs = Attrs::of(el);
        let close = state.borrow_mut().open(&tag, attrs, el.can_have_content());
        if let (Some(at), Some(handlers)) = (close, el.end_tag_handlers()) {
            let state = Rc::clone(&state);
            let close: lol_html::EndTagHandler<'static> = Box::new(move |end| {
                state.borrow_mut().close(at, &end.name());
                Ok(())
            });
            handlers.push(close);
        }
        Ok(())
    });
    let text_handler = doc_text!(|t| {
        state.borrow_mut().text(t.as_str());
        Ok(())
    });
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(el_handler)
        .append_document_content_handler(text_handler);
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // lol_html only fails on memory limits and strict-mode errors, neither of which
    // applies; a page it cannot read is indexed as far as it was read.
    let _ = rewriter.write(html);
    let _ = rewriter.end();
    let state = Rc::try_unwrap(state).map_or_else(|rc| rc.take(), RefCell::into_inner);
    finish(state)
}

fn finish(mut st: State) -> PageText {
    // Elements left open fold into their parents, from the current one up to the root
    // (as Pagefind does: open elements off that line are lost).
    let mut at = st.current;
    while at != 0 {
        let parent = st.nodes[at].parent;
        let mut node = std::mem::replace(&mut st.nodes[at], Node::new(parent, Status::Excluded));
        let up = &mut st.nodes[parent];
        if up.status != Status::ParentOfBody {
            match node.status {
                Status::Ignored | Status::Excluded => {}
                Status::Indexing => up.value.push_str(&node.value),
                Status::Body | Status::ParentOfBody => {
                    std::mem::swap(&mut up.value, &mut node.value);
                    up.status = Status::ParentOfBody;
                }
            }
        }
        st.give(node.value);
        at = parent;
    }
    let root = std::mem::replace(&mut st.nodes[0], Node::new(0, Status::Indexing));
    let digest = normalize_content(&root.value);
    st.give(root.value);
    let mut meta = BTreeMap::new();
    if let Some(image) = st.meta.remove("auto_image") {
        meta.insert("image".to_owned(), image);
        meta.insert(
            "image_alt".to_owned(),
            st.meta.remove("auto_image_alt").unwrap_or_default(),
        );
    }
    if let Some(title) = st
        .meta
        .remove("auto_title")
        .or_else(|| st.meta.remove("auto_page_title"))
    {
        meta.insert("title".to_owned(), title);
    }
    // Markers that an element's text carried into a value (an `<h1>` holding an element
    // with an `id`) are taken out, as Pagefind takes them out: by its pattern, which
    // leaves the end of a weighted block (`___END_PAGEFIND_WEIGHT___`) in, as it does.
    static MARKER: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"___PAGEFIND_\S+\s?").ok());
    if let Some(marker) = MARKER.as_ref() {
        for value in meta.values_mut() {
            if let std::borrow::Cow::Owned(tidy) = marker.replace_all(value, "") {
                *value = tidy;
            }
        }
    }
    let page = PageText {
        language: st
            .language
            .take()
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "unknown".into()),
        digest,
        meta,
        anchor_content: std::mem::take(&mut st.anchor_content),
        anchor_titles: std::mem::take(&mut st.anchor_titles),
        has_body: root.status == Status::ParentOfBody,
    };
    st.keep_spare();
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_read_without_what_is_ignored() {
        let page = read(
            br#"<!doctype html><html lang="zh-CN"><head><title>T</title></head><body>
            <nav>menu</nav><main data-pagefind-body><p class="crumbs" data-pagefind-ignore>Home</p>
            <h1 id="top">Title &amp; more</h1><p>Text <code>&lt;b&gt;</code> here</p>
            <div data-pagefind-ignore="all"><h1>Not</h1></div></main><footer>f</footer></body></html>"#,
        );
        assert_eq!(page.language, "zh-cn");
        assert!(page.has_body);
        assert_eq!(page.meta["title"], "Title & more");
        assert_eq!(
            page.digest,
            "___PAGEFIND_ANCHOR___h1:0:top ___PAGEFIND_AUTO_WEIGHT___7 Title & more. ___END_PAGEFIND_WEIGHT___ Text <b> here."
        );
        assert_eq!(page.anchor_content["0:top"], "Title &amp; more");
    }

    #[test]
    fn only_what_is_inside_html_is_read() {
        let page = read(
            br#"<p id="a">before</p><h1>Early</h1>text<html lang="en"><body><h1 id="b">In</h1>
            <p>inside</p></body></html><p>after</p><img src="x.png">tail"#,
        );
        assert_eq!(page.language, "en");
        assert_eq!(page.meta["title"], "In");
        assert!(!page.meta.contains_key("image"));
        assert_eq!(
            page.digest,
            "___PAGEFIND_ANCHOR___h1:0:b ___PAGEFIND_AUTO_WEIGHT___7 In. ___END_PAGEFIND_WEIGHT___ inside."
        );
        let nothing = read(b"<body><h1>No html element</h1><p>text</p></body>");
        assert_eq!((nothing.digest.as_str(), nothing.meta.len()), ("", 0));
    }

    #[test]
    fn a_title_holds_no_markers_of_what_is_inside_its_heading() {
        let page =
            read(br#"<html lang="en"><body><h1>Title <span id="x">part</span></h1></body></html>"#);
        assert_eq!(page.meta["title"], "Title part");
        assert!(page.digest.contains("___PAGEFIND_ANCHOR___span:0:x"));
    }
}
