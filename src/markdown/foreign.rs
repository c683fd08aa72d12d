//! Text in another language than the page's gets its own `lang` (WCAG 3.1.2, language of
//! parts): a run of Chinese characters in an English page (a name in parentheses, a
//! glossary term) is wrapped in `<span lang="zh-CN">`, and a run of English words in a
//! Chinese page (a translated term) in `<span lang="en">`, so screen readers switch voice
//! and browsers pick the right fonts and line breaking.
//!
//! Chinese runs are Han characters with the CJK punctuation between and around them. An
//! English run needs two words or more: a lone abbreviation (`CSV`, `SRDI`) or a name is
//! exempt under WCAG and left as it is. Code, image alt text and raw HTML are not touched.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The `lang` tags to mark foreign runs with; `None` leaves that script unmarked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForeignText<'a> {
    /// For runs of Chinese characters (the Chinese language's tag, in a page of another
    /// language).
    pub han: Option<&'a str>,
    /// For runs of English words (the English language's tag, in a Chinese page).
    pub latin: Option<&'a str>,
}

impl ForeignText<'_> {
    fn is_empty(&self) -> bool {
        self.han.is_none() && self.latin.is_none()
    }
}

/// `events` with every foreign run of their text wrapped in a `span` with its `lang`.
/// Runs over every text of every page: most pages have no foreign text, and they cost
/// one byte scan per text.
pub fn mark<'a>(events: Vec<Event<'a>>, foreign: ForeignText) -> Vec<Event<'a>> {
    let candidate = |e: &Event| matches!(e, Event::Text(t) if may_hold_runs(t, foreign));
    if foreign.is_empty() || !events.iter().any(candidate) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut opaque = 0usize; // inside code blocks and images
    for event in events {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => opaque += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => opaque = opaque.saturating_sub(1),
            Event::Text(text) if opaque == 0 && may_hold_runs(text, foreign) => {
                let runs = runs(text, foreign);
                if !runs.is_empty() {
                    push_marked(&mut out, text, &runs);
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// A cheap test that `text` may hold a foreign run: a byte that starts a character of
/// U+3000 or above (Han, CJK punctuation) for Chinese runs, or a space and a letter for
/// English ones.
fn may_hold_runs(text: &str, foreign: ForeignText) -> bool {
    let bytes = text.as_bytes();
    (foreign.han.is_some() && bytes.iter().any(|&b| b >= 0xE3))
        || (foreign.latin.is_some()
            && bytes.contains(&b' ')
            && bytes.iter().any(u8::is_ascii_alphabetic))
}

/// A foreign run: byte range in the text and its tag.
type Run<'t> = (std::ops::Range<usize>, &'t str);

fn push_marked<'a>(out: &mut Vec<Event<'a>>, text: &str, runs: &[Run]) {
    let mut at = 0;
    for (range, tag) in runs {
        if range.start > at {
            out.push(Event::Text(CowStr::from(text[at..range.start].to_owned())));
        }
        out.push(Event::InlineHtml(CowStr::from(format!(
            "<span lang=\"{}\">",
            attr_safe(tag)
        ))));
        out.push(Event::Text(CowStr::from(text[range.clone()].to_owned())));
        out.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_owned())));
    }
}

/// A language tag as written in `config.toml` is letters, digits and `-`; anything else
/// is dropped rather than let into an attribute.
fn attr_safe(tag: &str) -> String {
    tag.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// The foreign runs of `text`, in order.
fn runs<'t>(text: &str, foreign: ForeignText<'t>) -> Vec<Run<'t>> {
    let mut found = Vec::new();
    if let Some(tag) = foreign.han {
        found.extend(han_runs(text).into_iter().map(|r| (r, tag)));
    }
    if let Some(tag) = foreign.latin {
        found.extend(latin_runs(text).into_iter().map(|r| (r, tag)));
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '〇')
}

/// CJK punctuation and full-width forms: part of a Chinese run next to Han characters.
fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '·')
}

/// Runs of Han characters, with the CJK punctuation inside and around them.
fn han_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut has_han = false;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if is_han(c) || is_cjk_punct(c) {
            start.get_or_insert(i);
            has_han |= is_han(c);
            end = i + c.len_utf8();
            continue;
        }
        if let Some(s) = start.take()
            && has_han
        {
            out.push(s..end);
        }
        has_han = false;
    }
    if let Some(s) = start
        && has_han
    {
        out.push(s..end);
    }
    out
}

/// Runs of two or more English words (letters, with `'`, `’`, `-` or `&` inside),
/// separated by spaces and light punctuation.
fn latin_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let is_word_char = |c: char| c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '-' | '&');
    let is_joiner = |c: char| matches!(c, ' ' | ',');
    let mut out = Vec::new();
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |words: &mut Vec<std::ops::Range<usize>>, out: &mut Vec<std::ops::Range<usize>>| {
        if words.len() >= 2
            && let (Some(first), Some(last)) = (words.first(), words.last())
        {
            out.push(first.start..last.end);
        }
        words.clear();
    };
    let mut last_end = 0;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if word_start.is_none() {
                // A word continues the run only across joiners since the last word.
                let gap = &text[last_end..i];
                let joined = gap.chars().all(is_joiner) && gap.contains(' ');
                if !words.is_empty() && !joined {
                    flush(&mut words, &mut out);
                }
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            push_word(&mut words, text, s..i);
            last_end = i;
        }
    }
    if let Some(s) = word_start {
        push_word(&mut words, text, s..text.len());
    }
    flush(&mut words, &mut out);
    out
}

/// Keeps a word that starts with a letter (`-` and `&` alone are not words).
fn push_word(words: &mut Vec<std::ops::Range<usize>>, text: &str, range: std::ops::Range<usize>) {
    if text[range.clone()]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
    {
        words.push(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, foreign: ForeignText) -> String {
        let events = vec![
            Event::Start(Tag::Paragraph),
            Event::Text(CowStr::from(text.to_owned())),
            Event::End(TagEnd::Paragraph),
        ];
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, mark(events, foreign).into_iter());
        html
    }

    const EN_PAGE: ForeignText = ForeignText {
        han: Some("zh-CN"),
        latin: None,
    };
    const ZH_PAGE: ForeignText = ForeignText {
        han: None,
        latin: Some("en"),
    };

    #[test]
    fn chinese_in_an_english_page_is_marked() {
        assert_eq!(
            marked("Renze District (任泽区) lies in Xingtai (邢台).", EN_PAGE),
            "<p>Renze District (<span lang=\"zh-CN\">任泽区</span>) lies in Xingtai (<span lang=\"zh-CN\">邢台</span>).</p>\n"
        );
        assert_eq!(
            marked("the Ten Measures (《关于实施措施》)", EN_PAGE),
            "<p>the Ten Measures (<span lang=\"zh-CN\">《关于实施措施》</span>)</p>\n"
        );
        assert_eq!(
            marked("No Chinese here.", EN_PAGE),
            "<p>No Chinese here.</p>\n"
        );
    }

    #[test]
    fn english_phrases_in_a_chinese_page_are_marked_but_not_lone_abbreviations() {
        assert_eq!(
            marked(
                "专精特新（specialised, refined, distinctive and innovative）",
                ZH_PAGE
            ),
            "<p>专精特新（<span lang=\"en\">specialised, refined, distinctive and innovative</span>）</p>\n"
        );
        assert_eq!(
            marked("下载 CSV 或 JSON 格式，简称 SRDI。", ZH_PAGE),
            "<p>下载 CSV 或 JSON 格式，简称 SRDI。</p>\n"
        );
        assert_eq!(
            marked("R&D super-deduction", ZH_PAGE),
            "<p><span lang=\"en\">R&amp;D super-deduction</span></p>\n"
        );
    }

    #[test]
    fn code_and_alt_text_are_left_alone() {
        let events = vec![
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(
                "".into(),
            ))),
            Event::Text("任泽区".into()),
            Event::End(TagEnd::CodeBlock),
        ];
        assert_eq!(mark(events.clone(), EN_PAGE), events);
    }

    #[test]
    fn a_hostile_tag_cannot_leave_the_attribute() {
        let foreign = ForeignText {
            han: Some("zh\"><script>"),
            latin: None,
        };
        assert!(marked("任泽", foreign).contains("<span lang=\"zhscript\">"));
    }
}
