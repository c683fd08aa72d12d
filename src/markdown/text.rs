//! Reading statistics of a page: word count, reading time and the summary.

use super::cjk::is_cjk_letter;

/// Longest summary, in characters, the closing "…" included.
const SUMMARY_CHARS: usize = 160;

/// Counts words as text streams by: each CJK character is one word, other words are
/// runs of letters and digits (joined by `'`, `’`, `-`, `.`, `,` as in "don't",
/// "1,000.5", "state-of-the-art").
#[derive(Debug, Default)]
pub(super) struct WordCounter {
    cjk: usize,
    words: usize,
    in_word: bool,
    joiner: bool,
}

impl WordCounter {
    /// Counts the words of `text`, continuing a word from the previous text.
    pub fn feed(&mut self, text: &str) {
        for c in text.chars() {
            self.push(c);
        }
    }

    fn push(&mut self, c: char) {
        let alphanumeric = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else if is_cjk_letter(c) {
            self.cjk += 1;
            self.gap();
            return;
        } else {
            // CJK and general punctuation are common and never alphanumeric.
            !matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF01..=0xFF0F)
                && c.is_alphanumeric()
        };
        if alphanumeric {
            self.words += usize::from(!self.in_word);
            self.in_word = true;
            self.joiner = false;
        } else if self.in_word && !self.joiner && matches!(c, '\'' | '’' | '-' | '.' | ',') {
            self.joiner = true;
        } else {
            self.gap();
        }
    }

    /// Ends the current word (a line break, a block boundary).
    pub fn gap(&mut self) {
        self.in_word = false;
        self.joiner = false;
    }

    /// CJK characters plus other words.
    pub fn total(&self) -> usize {
        self.cjk + self.words
    }

    /// Minutes to read, at least 1: 400 CJK characters or 200 other words a minute.
    pub fn reading_minutes(&self) -> usize {
        (self.cjk + 2 * self.words).div_ceil(400).max(1)
    }
}

/// Collects the plain text of the first paragraph with text in it.
#[derive(Debug, Default)]
pub(super) struct Summary {
    text: String,
    chars: usize,
    space: bool,
    active: bool,
    done: bool,
}

impl Summary {
    /// A paragraph starts: collect it unless a summary was already found.
    pub fn start(&mut self) {
        if self.done {
            return;
        }
        self.active = true;
        self.text.clear();
        self.chars = 0;
        self.space = false;
    }

    /// Adds text, collapsing whitespace; stops growing past the length limit.
    pub fn push(&mut self, text: &str) {
        if !self.active {
            return;
        }
        for c in text.chars() {
            if self.chars > SUMMARY_CHARS {
                return;
            }
            if c.is_whitespace() {
                self.space = !self.text.is_empty();
                continue;
            }
            if std::mem::take(&mut self.space) {
                self.text.push(' ');
                self.chars += 1;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }

    /// Adds a word-separating space (a line break).
    pub fn space(&mut self) {
        if self.active && !self.text.is_empty() {
            self.space = true;
        }
    }

    /// The paragraph ends; `keep` is false for paragraphs that must not be the summary.
    pub fn end(&mut self, keep: bool) {
        if self.active {
            self.done = keep && !self.text.is_empty();
            self.active = false;
        }
    }

    /// The summary: the paragraph's text, cut to the limit with "…" if longer.
    pub fn finish(mut self) -> String {
        if !self.done {
            return String::new();
        }
        if self.chars > SUMMARY_CHARS {
            let cut = self.text.char_indices().nth(SUMMARY_CHARS - 1);
            self.text.truncate(cut.map_or(self.text.len(), |(i, _)| i));
            self.text.truncate(self.text.trim_end().len());
            self.text.push('…');
        }
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts() {
        let cases: [(&[&str], usize, usize); 10] = [
            (&["仁泽区新材料产业"], 8, 1),
            (&["Bonding wire, 2023."], 3, 1),
            (&["don't stop state-of-the-art 1,000.5 items"], 5, 1),
            (&["仁泽区有430余家企业，占比20%。"], 12, 1),
            (&["键合丝 bonding wire 用于芯片"], 9, 1),
            (&["hel", "lo world"], 2, 1),
            (&["a -- b", " - c"], 3, 1),
            (&["。，！？…… —— ", "  "], 0, 1),
            (&[""], 0, 1),
            (&["한국어 日本語です"], 8, 1),
        ];
        for (texts, count, minutes) in cases {
            let mut wc = WordCounter::default();
            texts.iter().for_each(|t| wc.feed(t));
            assert_eq!(
                (wc.total(), wc.reading_minutes()),
                (count, minutes),
                "{texts:?}"
            );
        }
    }

    #[test]
    fn reading_time_sums_scripts() {
        let cases = [
            (400, 0, 1),
            (401, 0, 2),
            (0, 200, 1),
            (0, 201, 2),
            (400, 200, 2),
            (1000, 500, 5),
        ];
        for (cjk, words, minutes) in cases {
            let wc = WordCounter {
                cjk,
                words,
                ..WordCounter::default()
            };
            assert_eq!(wc.reading_minutes(), minutes, "{cjk} {words}");
        }
    }

    #[test]
    fn summaries() {
        let long_zh = "很".repeat(200);
        let long_en = "word ".repeat(100);
        let exact = "x".repeat(160);
        let cases: [(&[&[&str]], String); 5] = [
            (&[&["第一段", "。"], &["第二段"]], "第一段。".to_owned()),
            (
                &[&[], &["  spaced   out  ", " text "]],
                "spaced out text".to_owned(),
            ),
            (&[&[&long_zh]], format!("{}…", "很".repeat(159))),
            (
                &[&[&long_en]],
                format!("{}…", "word ".repeat(32).trim_end()),
            ),
            (&[&[&exact]], exact.clone()),
        ];
        for (paragraphs, expected) in cases {
            let mut s = Summary::default();
            for texts in paragraphs {
                s.start();
                texts.iter().for_each(|t| s.push(t));
                s.end(true);
            }
            let out = s.finish();
            assert!(out.chars().count() <= SUMMARY_CHARS);
            assert_eq!(out, expected);
        }
    }
}
