//! The single pass over pulldown-cmark's events that [`super::render`] makes: block and
//! inline tags, headings, links and raw HTML here; text runs, shortcodes and soft breaks
//! in [`inline`].

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::headings::{self, PendingHeading};
use super::html::{self, Finding, Hint};
use super::links;
use super::text::{Summary, WordCounter};
use super::{Input, InternalLink, Photo, Rendered, Resolver};
use crate::diag::Diagnostic;
use crate::msg;

mod inline;

/// Errors collected per file; the rest are counted, so a file of a million broken
/// shortcodes costs a bounded amount of memory.
pub(super) const MAX_FILE_ERRORS: usize = 1000;

/// A piece of scanned text and where it came from in the body.
struct Segment {
    /// Offset of the piece in the scanned text.
    text_start: usize,
    /// Its byte range in the body.
    source: Range<usize>,
    /// True when the piece is the source verbatim, so offsets inside it map exactly.
    exact: bool,
}

/// The renderer's state during the pass.
pub(super) struct Pass<'a, 'r> {
    input: &'r Input<'a>,
    /// The Markdown body; event ranges are offsets into it.
    body: &'a str,
    resolver: &'r dyn Resolver,
    /// The site's base path, normalised to `/…/`.
    base_path: String,
    /// The transformed events, rendered by `push_html` at the end.
    events: Vec<Event<'a>>,
    /// Adjacent text events not yet emitted, with their body ranges.
    run: Vec<(CowStr<'a>, Range<usize>)>,
    diagnostics: Vec<Diagnostic>,
    /// Errors past [`MAX_FILE_ERRORS`], counted but not collected.
    uncollected: usize,
    headings: Vec<PendingHeading>,
    /// Inside a heading: its text goes into the title.
    in_heading: bool,
    /// Inside a code block: its text is literal (no shortcodes).
    code_block: bool,
    /// Inside image alt text: shortcodes give plain text.
    image_depth: usize,
    /// Inside footnote definitions: paragraphs are not the summary.
    footnote_depth: usize,
    /// Index of the open paragraph's `Start` event.
    paragraph: Option<usize>,
    /// Index of the last shortcode's output event.
    shortcode_at: Option<usize>,
    /// A photo being read: the index of its `Start(Image)` event, its copies and title.
    photo: Option<(usize, Photo, String)>,
    /// A photo's `<figure>`, used when it is alone in its paragraph: index of its inline
    /// `<picture>` event, and the figure.
    photo_block: Option<(usize, String)>,
    /// Index of the open HTML block's first event, and its events' body ranges.
    html_block: usize,
    html_ranges: Vec<Range<usize>>,
    /// Last character of the text before a soft break, for the CJK rule.
    last_char: Option<char>,
    /// Index of a soft break between CJK text and what follows, awaiting the next text.
    pending_break: Option<usize>,
    /// Ids other than headings': footnote labels, raw HTML ids.
    ids: Vec<String>,
    /// Raw-text elements opened by raw HTML and not closed yet, with their body spans.
    swallowing: Vec<(String, Range<usize>)>,
    /// Where the page's first raw HTML is: the whole-page check reports there.
    first_raw_html: Option<Range<usize>>,
    links: Vec<InternalLink>,
    words: WordCounter,
    summary: Summary,
}

impl<'a, 'r> Pass<'a, 'r> {
    /// A pass over `body`, the Markdown part of `input.text`.
    pub fn new(input: &'r Input<'a>, body: &'a str, resolver: &'r dyn Resolver) -> Self {
        Pass {
            input,
            body,
            resolver,
            base_path: links::normalize_base(resolver.base_path()),
            // About one event per 24 bytes of body in prose-heavy pages: reserving more
            // made every page allocate (and fault in) a block of ~100 KB.
            events: Vec::with_capacity(body.len() / 24 + 16),
            run: Vec::new(),
            diagnostics: Vec::new(),
            uncollected: 0,
            headings: Vec::new(),
            in_heading: false,
            code_block: false,
            image_depth: 0,
            footnote_depth: 0,
            paragraph: None,
            shortcode_at: None,
            photo: None,
            photo_block: None,
            html_block: 0,
            html_ranges: Vec::new(),
            last_char: None,
            pending_break: None,
            ids: Vec::new(),
            swallowing: Vec::new(),
            first_raw_html: None,
            links: Vec::new(),
            words: WordCounter::default(),
            summary: Summary::default(),
        }
    }

    /// Consumes the parser's events and renders the page.
    pub fn run(
        mut self,
        events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        for (event, range) in events {
            match event {
                Event::Text(text) if !self.code_block => self.run.push((text, range)),
                event => {
                    self.flush_text();
                    self.event(event, range);
                }
            }
        }
        self.flush_text();
        self.finish()
    }

    /// Handles one event other than a text run's.
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                self.words.feed(&text);
                self.events.push(Event::Text(text));
            }
            Event::Code(code) => {
                self.text_like(&code);
                self.events.push(Event::Code(code));
            }
            Event::SoftBreak => self.soft_break(),
            Event::HardBreak => {
                self.opaque();
                self.line_gap();
                self.events.push(Event::HardBreak);
            }
            Event::Html(html) => {
                self.first_raw_html.get_or_insert(range.clone());
                self.html_ranges.push(range);
                self.events.push(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                self.first_raw_html.get_or_insert(range.clone());
                self.opaque();
                self.check_inline_html(&html, range);
                self.events.push(Event::InlineHtml(html));
            }
            other => {
                self.opaque();
                self.events.push(other);
            }
        }
    }

    // ----- block and inline tags -----

    /// Handles a start tag: block state, heading bookkeeping, link destinations.
    fn start(&mut self, mut tag: Tag<'a>, range: Range<usize>) {
        if !is_inline(&tag) {
            self.opaque();
            self.words.gap();
        }
        match &mut tag {
            Tag::Paragraph => {
                self.paragraph = Some(self.events.len());
                if self.footnote_depth == 0 {
                    self.summary.start();
                }
            }
            Tag::Heading {
                level, id, attrs, ..
            } => self.start_heading(*level, id.as_deref(), attrs, range),
            Tag::CodeBlock(_) => self.code_block = true,
            Tag::HtmlBlock => {
                self.html_block = self.events.len() + 1;
                self.html_ranges.clear();
            }
            Tag::FootnoteDefinition(label) => {
                self.footnote_depth += 1;
                self.ids.push(label.to_string());
            }
            Tag::Link { dest_url, .. } => self.rewrite_destination(dest_url, range),
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image_depth += 1;
                match self.resolver.photo(dest_url, self.input.file) {
                    Some(Ok(photo)) if self.image_depth == 1 => {
                        self.photo = Some((self.events.len(), photo, title.to_string()));
                    }
                    Some(Err((message, hint))) => {
                        let span = links::dest_span(self.body, range.clone(), dest_url);
                        self.error(span, message, hint);
                    }
                    _ => {}
                }
                self.rewrite_destination(dest_url, range);
            }
            _ => {}
        }
        self.events.push(Event::Start(tag));
    }

    /// Handles an end tag (an unwrapped shortcode-only paragraph has none).
    fn end(&mut self, tag: TagEnd) {
        if !is_inline_end(tag) {
            self.opaque();
            self.words.gap();
        }
        if tag == TagEnd::Paragraph && self.end_paragraph() {
            return;
        }
        match tag {
            TagEnd::Heading(_) => self.in_heading = false,
            TagEnd::CodeBlock => self.code_block = false,
            TagEnd::HtmlBlock => self.check_html_block(),
            TagEnd::FootnoteDefinition => {
                self.footnote_depth = self.footnote_depth.saturating_sub(1)
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0
                    && let Some((start, photo, title)) = self.photo.take()
                {
                    return self.push_photo(start, &photo, &title);
                }
            }
            _ => {}
        }
        self.events.push(Event::End(tag));
    }

    /// Replaces the image events from `start` with the photo's `<picture>` (alt text from
    /// them); alone in its paragraph it becomes a `<figure>` with the title as caption.
    fn push_photo(&mut self, start: usize, photo: &Photo, title: &str) {
        let alt: String = self.events[start + 1..]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        self.events.truncate(start);
        let first = self.paragraph == Some(0) && start == 1;
        let picture = picture_html(photo, &alt, title, first);
        let index = self.events.len();
        self.shortcode_at = Some(index);
        let caption = match title.trim() {
            "" => String::new(),
            t => format!("<figcaption>{}</figcaption>", escape(t)),
        };
        let figure = format!("<figure class=\"photo\">{picture}{caption}</figure>");
        self.photo_block = Some((index, figure));
        self.events.push(Event::InlineHtml(picture.into()));
    }

    /// Closes a paragraph; a paragraph holding only one shortcode loses its `<p>` (the
    /// shortcode may be a block such as a chart's `<figure>`). True if unwrapped.
    fn end_paragraph(&mut self) -> bool {
        let start = self.paragraph.take();
        let alone =
            start.is_some_and(|s| self.events.len() == s + 2 && self.shortcode_at == Some(s + 1));
        self.summary.end(!alone);
        if !alone {
            return false;
        }
        if let Some(Event::InlineHtml(output)) = self.events.pop() {
            self.events.pop();
            let block = match self.photo_block.take() {
                Some((i, figure)) if Some(i) == start.map(|s| s + 1) => figure.into(),
                _ => output,
            };
            self.events.push(Event::Html(block));
        }
        true
    }

    /// Checks a heading's `{…}` attributes and records it; its id comes at the end.
    fn start_heading(
        &mut self,
        level: HeadingLevel,
        explicit: Option<&str>,
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        range: Range<usize>,
    ) {
        for (name, value) in attrs {
            if let Some((message, hint)) = html::check_attribute(name, value.as_deref()) {
                self.error(range.clone(), message, Some(hint.text()));
            }
        }
        self.headings.push(PendingHeading {
            index: self.events.len(),
            level: level as u8,
            explicit: explicit.map(str::to_owned),
            title: String::new(),
            span: range,
            id: String::new(),
        });
        self.in_heading = true;
    }

    // ----- links -----

    /// Replaces a link or image destination with the URL to emit.
    fn rewrite_destination(&mut self, dest: &mut CowStr<'a>, range: Range<usize>) {
        let written = std::mem::replace(dest, CowStr::Borrowed(""));
        *dest = self.destination(written, range);
    }

    /// The URL to emit for a link or image destination.
    fn destination(&mut self, dest: CowStr<'a>, range: Range<usize>) -> CowStr<'a> {
        if links::is_script_url(&dest) {
            let span = links::dest_span(self.body, range, &dest);
            let message = msg!("link-script-url", url = dest.trim());
            self.error(span, message, Some(Hint::ScriptUrl.text()));
            return CowStr::Borrowed("#");
        }
        if html::is_document_data_url(&dest) {
            let span = links::dest_span(self.body, range, &dest);
            let message = msg!("link-data-url");
            self.error(span, message, Some(Hint::DataUrl.text()));
            return CowStr::Borrowed("#");
        }
        if let Some((path, anchor)) = links::split_internal(&dest) {
            let span = links::dest_span(self.body, range, &dest);
            return self.internal_link(path, anchor, span).unwrap_or(dest);
        }
        if links::is_root_relative(&dest) {
            return links::under_base(&self.base_path, &dest).into();
        }
        dest
    }

    /// Resolves `@/path#anchor`; None (after reporting) if there is no such page.
    fn internal_link(
        &mut self,
        path: &str,
        anchor: Option<&str>,
        span: Range<usize>,
    ) -> Option<CowStr<'a>> {
        match self.resolver.link(path, self.input.lang) {
            Ok(mut url) => {
                if let Some(anchor) = anchor {
                    url.push('#');
                    url.push_str(anchor);
                }
                let (path, anchor) = (path.to_owned(), anchor.map(str::to_owned));
                let span = self.absolute(span);
                self.links.push(InternalLink { path, anchor, span });
                Some(url.into())
            }
            Err((reason, hint)) => {
                let message = match reason {
                    r if r.is_empty() => msg!("link-unknown-page", key = path),
                    r if r.contains(path) => r,
                    r => msg!("link-unknown-page-because", key = path, reason = r),
                };
                self.error(span, message, hint);
                None
            }
        }
    }

    // ----- raw HTML -----

    /// Scans one inline HTML tag.
    fn check_inline_html(&mut self, html: &str, range: Range<usize>) {
        let exact = self.body.get(range.clone()) == Some(html);
        let segments = [Segment {
            text_start: 0,
            source: range,
            exact,
        }];
        self.apply(html::scan(html), &segments);
    }

    /// Scans the HTML block that just ended, its lines joined.
    fn check_html_block(&mut self) {
        let events = self.events.get(self.html_block..).unwrap_or(&[]);
        let mut text = Cow::Borrowed("");
        let mut segments = Vec::with_capacity(events.len());
        // An indented block also holds `Text` events (the indentation); only the `Html`
        // events have ranges in `html_ranges`, so pair those alone.
        let lines = events.iter().filter_map(|e| match e {
            Event::Html(line) => Some(line),
            _ => None,
        });
        for (line, source) in lines.zip(self.html_ranges.drain(..)) {
            let exact = self.body.get(source.clone()) == Some(&**line);
            segments.push(Segment {
                text_start: text.len(),
                source,
                exact,
            });
            match &mut text {
                Cow::Borrowed("") => text = Cow::Borrowed(&**line),
                text => text.to_mut().push_str(line),
            }
        }
        let findings = html::scan(&text);
        self.apply(findings, &segments);
    }

    /// Reports raw-HTML findings at their place in the body and records its ids.
    fn apply(&mut self, findings: Vec<Finding>, segments: &[Segment]) {
        let to_body =
            |span: Range<usize>| to_source(segments, span.start)..to_source(segments, span.end);
        for finding in findings {
            match finding {
                Finding::Refused {
                    message,
                    hint,
                    span,
                } => {
                    self.error(to_body(span), message, Some(hint.text()));
                }
                Finding::Id(id) => self.ids.push(id),
                Finding::Shortcode(span) => {
                    let message = msg!("html-shortcode");
                    self.error(to_body(span), message, Some(Hint::ShortcodeInHtml.text()));
                }
                Finding::Opened { name, span } => self.swallowing.push((name, to_body(span))),
                Finding::Closed(name) => {
                    if let Some(i) = self.swallowing.iter().rposition(|(n, _)| *n == name) {
                        self.swallowing.remove(i);
                    }
                }
            }
        }
    }

    /// Raw-text elements (`<iframe>`, `<textarea>`, …) that the page's raw HTML opened
    /// and never closed: each would swallow the rest of the page, footer included.
    fn report_swallowing(&mut self) {
        for (name, span) in std::mem::take(&mut self.swallowing) {
            let (message, hint) = Finding::left_open(&name);
            self.error(span, message, Some(hint.text()));
        }
    }

    // ----- diagnostics and the end of the pass -----

    /// A body range as a range of the whole file text.
    fn absolute(&self, span: Range<usize>) -> Range<usize> {
        let base = self.input.body.start;
        span.start + base..span.end + base
    }

    /// Reports an error at `span` of the body.
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: Option<String>) {
        let span = self.absolute(span);
        self.error_at(span, message, hint);
    }

    /// Reports an error at `span` of the whole file text.
    fn error_at(&mut self, span: Range<usize>, message: impl Into<String>, hint: Option<String>) {
        if self.diagnostics.len() >= MAX_FILE_ERRORS {
            self.uncollected += 1;
            return;
        }
        let mut diagnostic = Diagnostic::error(message)
            .in_file(self.input.file)
            .at(self.input.text, span);
        diagnostic.hint = hint;
        self.diagnostics.push(diagnostic);
    }

    /// Assigns heading ids, renders the HTML and gathers the page's facts.
    fn finish(mut self) -> Result<Rendered, Vec<Diagnostic>> {
        self.report_swallowing();
        self.assign_heading_ids();
        if self.uncollected > 0 {
            let message = msg!(
                "markdown-too-many-errors",
                errors = self.uncollected + MAX_FILE_ERRORS,
                shown = MAX_FILE_ERRORS
            );
            let d = Diagnostic::error(message).in_file(self.input.file);
            let hint = msg!("markdown-too-many-errors-hint");
            self.diagnostics.insert(0, d.with_hint(hint));
        }
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(self.diagnostics);
        }
        let mut html = String::with_capacity(self.body.len() + self.body.len() / 2 + 64);
        let events = super::foreign::mark(std::mem::take(&mut self.events), self.input.foreign);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if let Some(first) = self.first_raw_html.clone()
            && let Some(what) = html::page_runs_script(&html)
        {
            let message = msg!("html-page-runs-script", what = what);
            self.error(first, message, Some(msg!("html-page-runs-script-hint")));
            return Err(self.diagnostics);
        }
        let toc = headings::build_toc(&self.headings);
        let mut anchors: Vec<String> = self.headings.into_iter().map(|h| h.id).collect();
        anchors.append(&mut self.ids);
        Ok(Rendered {
            html,
            toc,
            anchors,
            links: self.links,
            word_count: self.words.total(),
            reading_time: self.words.reading_minutes(),
            summary: self.summary.finish(),
        })
    }

    /// Gives every heading its final id and writes it into its start event.
    fn assign_heading_ids(&mut self) {
        for head in &mut self.headings {
            head.title.truncate(head.title.trim_end().len());
            head.title
                .drain(..head.title.len() - head.title.trim_start().len());
        }
        let reserved = self.ids.iter().map(String::as_str);
        let duplicates = headings::assign_ids(&mut self.headings, reserved);
        for i in duplicates {
            let Some(head) = self.headings.get(i) else {
                continue;
            };
            let message = msg!("heading-duplicate-id", id = head.id.as_str());
            let hint = Some(msg!("heading-duplicate-id-hint"));
            self.error(head.span.clone(), message, hint);
        }
        for head in &self.headings {
            if let Some(Event::Start(Tag::Heading { id, .. })) = self.events.get_mut(head.index) {
                *id = Some(CowStr::from(head.id.clone()));
            }
        }
    }
}

/// Maps an offset in scanned text back to the body through its segments.
fn to_source(segments: &[Segment], offset: usize) -> usize {
    let i = segments
        .partition_point(|s| s.text_start <= offset)
        .saturating_sub(1);
    segments.get(i).map_or(0, |s| {
        if s.exact {
            (s.source.start + offset - s.text_start).min(s.source.end)
        } else {
            s.source.start
        }
    })
}

/// Inline formatting tags: soft breaks and words carry across them.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
    )
}

/// End tags of [`is_inline`] tags.
fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
    )
}

/// The `<picture>` of a photo: WebP copies for browsers that take them, the fallback
/// with the displayed size (no layout shift), loaded lazily unless it opens the page.
fn picture_html(photo: &Photo, alt: &str, title: &str, first: bool) -> String {
    let loading = if first { "" } else { " loading=\"lazy\"" };
    let title_attr = match title.trim() {
        "" => String::new(),
        t => format!(" title=\"{}\"", escape(t)),
    };
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{srcset}\" sizes=\"{sizes}\">\
         <img src=\"{src}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{title_attr}{loading} decoding=\"async\"></picture>",
        srcset = escape(&photo.webp_srcset),
        sizes = super::PHOTO_SIZES,
        src = escape(&photo.fallback),
        w = photo.width,
        h = photo.height,
        alt = escape(alt),
    )
}

/// Escapes text for an HTML attribute or text node.
fn escape(text: &str) -> String {
    crate::stats::escape_html(text)
}
