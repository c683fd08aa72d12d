//! Text as Pagefind treats it while reading a page: which character ends a sentence,
//! and how whitespace and entities are normalised.

/// Pagefind's `[\w'")$*]`: a block ending in one of these gets a full stop. The same
/// regular expression, so that `\w` is Unicode's word class as Pagefind's is (letters,
/// marks, decimal digits, connector punctuation and joiners; not `²` or `½`).
pub(super) fn ends_sentence(c: char) -> bool {
    // ASCII's `\w` is letters, digits and `_`: no expression needed for most blocks.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*');
    }
    static CLASS: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"^[\w'")$*]$"#).ok());
    CLASS
        .as_ref()
        .is_some_and(|class| class.is_match(c.encode_utf8(&mut [0; 4])))
}

/// Entities decoded, the ends trimmed, line breaks and runs of whitespace made one
/// space (a single tab or ideographic space stays as it is, as in Pagefind).
pub fn normalize_content(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    let mut rest = decoded.trim();
    let mut out = String::with_capacity(rest.len());
    // Text between whitespace is copied as it is, a slice at a time.
    while let Some(start) = next_space(rest) {
        out.push_str(&rest[..start]);
        let spaces = &rest[start..];
        let end = spaces
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(spaces.len());
        let run = &spaces[..end];
        if run.chars().nth(1).is_some() || run == "\n" {
            out.push(' ');
        } else {
            out.push_str(run);
        }
        rest = &spaces[end..];
    }
    out.push_str(rest);
    out
}

/// Where `s`'s first whitespace character starts. Only ASCII's few and characters whose
/// UTF-8 starts with 0xC2, 0xE1, 0xE2 or 0xE3 can be one: the bytes are scanned for
/// those, and only they are decoded (the text is mostly Chinese, three bytes a
/// character).
fn next_space(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let may_start = |b: u8| matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| may_start(b)) {
        let i = at + i;
        // A byte below 0x80 or a leading byte: always a character's start.
        if s[i..].chars().next().is_some_and(char::is_whitespace) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_in_a_full_stop_after_what_pagefind_calls_a_word_character() {
        for c in [
            'a', 'É', '中', '5', '٣', '_', '‿', '\u{301}', '\u{200D}', '\'', '"', ')', '$', '*',
            'Z', '0', '9',
        ] {
            assert!(ends_sentence(c), "{c:?}");
        }
        for c in [
            '.', '。', '!', '²', '½', '①', ' ', '(', '-', '🚀', '>', '`', '\0',
        ] {
            assert!(!ends_sentence(c), "{c:?}");
        }
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_expression() {
        let class = regex::Regex::new(r#"^[\w'")$*]$"#).unwrap();
        for c in (0u8..128).map(char::from) {
            let expected = class.is_match(c.encode_utf8(&mut [0; 4]));
            assert_eq!(ends_sentence(c), expected, "{c:?}");
        }
    }

    #[test]
    fn whitespace_is_found_where_char_finds_it() {
        // Every character up to U+FFFF alone between two letters, and after a
        // continuation byte of a multi-byte character.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for text in [format!("a{c}b"), format!("中{c}é"), format!("🚀{c}")] {
                assert_eq!(
                    next_space(&text),
                    text.find(char::is_whitespace),
                    "{c:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn whitespace_is_normalised_as_pagefind_does() {
        assert_eq!(
            normalize_content("  a\n\nb  c\td\u{3000}e "),
            "a b c\td\u{3000}e"
        );
        assert_eq!(normalize_content("a \n b"), "a b");
        assert_eq!(normalize_content("a\nb\rc\r\nd \u{3000}e"), "a b\rc d e");
        assert_eq!(normalize_content("&amp;lt; x&nbsp; y"), "&lt; x y");
        assert_eq!(
            normalize_content("中\u{a0}文\u{2028}\u{2029}é\u{85}x"),
            "中\u{a0}文 é\u{85}x"
        );
    }
}
