//! Text runs of the pass: shortcode expansion, CJK soft breaks, and the statistics
//! (words, summary, heading titles) of visible text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Pass;
use crate::markdown::Shortcode;
use crate::markdown::cjk::{first_decisive, is_cjk, last_decisive};
use crate::markdown::html;
use crate::markdown::shortcode::{self, expected_form};

impl<'a> Pass<'a, '_> {
    /// Emits the pending text run, expanding shortcodes in it.
    pub(super) fn flush_text(&mut self) {
        let (Some(first), Some(last)) = (self.run.first(), self.run.last()) else {
            return;
        };
        let span = first.1.start..last.1.end;
        let mut pieces = std::mem::take(&mut self.run);
        if self
            .body
            .get(span.clone())
            .is_some_and(|s| s.contains("{{"))
        {
            self.expand_shortcodes(&pieces, span);
        } else {
            for (text, _) in pieces.drain(..) {
                self.push_text(text);
            }
        }
        pieces.clear();
        self.run = pieces;
    }

    /// Emits a piece of text.
    fn push_text(&mut self, text: CowStr<'a>) {
        self.text_like(&text);
        self.events.push(Event::Text(text));
    }

    /// Bookkeeping for visible text: soft breaks, words, summary, heading title.
    pub(super) fn text_like(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.resolve_break(first_decisive(text));
        if let Some(c) = last_decisive(text) {
            self.last_char = Some(c);
        }
        self.words.feed(text);
        self.summary.push(text);
        if self.in_heading
            && let Some(head) = self.headings.last_mut()
        {
            head.title.push_str(text);
        }
    }

    /// A soft break renders as nothing between CJK characters, so it waits for the next text.
    pub(super) fn soft_break(&mut self) {
        self.words.gap();
        if self.last_char.is_some_and(is_cjk) {
            self.pending_break = Some(self.events.len());
        } else {
            self.line_gap();
        }
        self.last_char = None;
        self.events.push(Event::SoftBreak);
    }

    /// Decides a pending soft break by the first character of the text after it.
    fn resolve_break(&mut self, next: Option<char>) {
        let Some(index) = self.pending_break.take() else {
            return;
        };
        if next.is_some_and(is_cjk) {
            if let Some(event) = self.events.get_mut(index) {
                *event = Event::InlineHtml(CowStr::Borrowed(""));
            }
        } else {
            self.line_gap();
        }
    }

    /// Something that is not text (a tag, HTML, a break): soft breaks around it stay.
    pub(super) fn opaque(&mut self) {
        self.resolve_break(None);
        self.last_char = None;
    }

    /// A line break that shows as a space: in the summary and heading titles.
    pub(super) fn line_gap(&mut self) {
        self.words.gap();
        self.summary.space();
        if self.in_heading
            && let Some(head) = self.headings.last_mut()
        {
            head.title.push(' ');
        }
    }

    // ----- shortcodes -----

    /// Emits the text run spanning `span` in the body, replacing each `{{ … }}` call.
    fn expand_shortcodes(&mut self, pieces: &[(CowStr<'a>, Range<usize>)], span: Range<usize>) {
        let body = self.body;
        let bounded = body.get(..span.end).unwrap_or(body);
        let (mut emitted, mut search, mut piece) = (span.start, span.start, 0);
        while let Some(rel) = bounded.get(search..).and_then(|s| s.find("{{")) {
            let at = search + rel;
            search = at + 2;
            if is_escaped(body, at) {
                continue;
            }
            match shortcode::parse(bounded, at) {
                Ok(call) => {
                    piece = self.emit_source(pieces, piece, emitted..at);
                    (emitted, search) = (call.end, call.end);
                    let span = self.absolute(at..call.end);
                    let (name, args) = (call.name, call.args);
                    self.call_shortcode(Shortcode { name, args, span });
                }
                Err(e) => {
                    let hint = Some(expected_form());
                    self.error(at..e.at.max(at + 2), e.message, hint);
                }
            }
        }
        self.emit_source(pieces, piece, emitted..span.end);
    }

    /// Emits the text of `pieces` (from index `first`) that lies in `span` of the body;
    /// returns the index of the first piece not wholly emitted.
    fn emit_source(
        &mut self,
        pieces: &[(CowStr<'a>, Range<usize>)],
        mut first: usize,
        span: Range<usize>,
    ) -> usize {
        while let Some((text, range)) = pieces.get(first) {
            if range.start >= span.end {
                break;
            }
            if range.start >= span.start && range.end <= span.end {
                self.push_text(text.clone());
            } else if let Some(part) = self.part_of(text, range, &span) {
                self.push_text(part);
            }
            if range.end > span.end {
                break;
            }
            first += 1;
        }
        first
    }

    /// The part of a verbatim piece inside `span` (escapes and entities are never split
    /// by a shortcode, as `{{` and `}}` are plain characters).
    fn part_of(&self, text: &str, range: &Range<usize>, span: &Range<usize>) -> Option<CowStr<'a>> {
        let body = self.body;
        if body.get(range.clone()) != Some(text) {
            return None;
        }
        let part = body.get(range.start.max(span.start)..range.end.min(span.end))?;
        (!part.is_empty()).then_some(CowStr::Borrowed(part))
    }

    /// Expands a call through the resolver; its refusal is an error at the call.
    fn call_shortcode(&mut self, call: Shortcode) {
        match self.resolver.shortcode(&call, self.input.lang) {
            Ok(output) => self.push_shortcode(output),
            Err((message, hint)) => self.error_at(call.span, message, hint),
        }
    }

    /// Emits a shortcode's HTML (as plain text inside image alt text).
    fn push_shortcode(&mut self, output: String) {
        let plain = html::plain_text(&output);
        self.text_like(&plain);
        self.last_char = last_decisive(&plain);
        if self.image_depth > 0 {
            self.events.push(Event::Text(plain.into()));
        } else {
            self.shortcode_at = Some(self.events.len());
            self.events.push(Event::InlineHtml(output.into()));
        }
    }
}

/// True if the byte at `at` is escaped by an odd number of backslashes before it.
fn is_escaped(body: &str, at: usize) -> bool {
    let before = body.get(..at).unwrap_or("");
    before.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}
