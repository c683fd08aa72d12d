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
    let rest = decoded.trim();
    let bytes = rest.as_bytes();
    let mut out = String::with_capacity(rest.len());
    // Text that stays as it is is copied a slice at a time: from `copied` up to the
    // next run of whitespace that changes.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if !MAY_START_SPACE[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        // A single space between words, the most common whitespace by far, stays.
        if bytes[at] == b' '
            && bytes
                .get(at + 1)
                .is_some_and(|&b| !MAY_START_SPACE[usize::from(b)])
        {
            at += 2;
            continue;
        }
        let Some(c) = rest[at..].chars().next() else {
            break;
        };
        if !c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let spaces = &rest[at..];
        let end = spaces
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(spaces.len());
        let run = &spaces[..end];
        if run.chars().nth(1).is_some() || run == "\n" {
            out.push_str(&rest[copied..at]);
            out.push(' ');
            copied = at + end;
        }
        at += end;
    }
    out.push_str(&rest[copied..]);
    out
}

/// The bytes a whitespace character's UTF-8 can start with: ASCII's few and 0xC2, 0xE1,
/// 0xE2, 0xE3 (the text is mostly Chinese, three bytes a character, and a byte outside
/// these is passed over without decoding).
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
        b += 1;
    }
    table
};

/// Where `s`'s first whitespace character starts (only the bytes of
/// [`MAY_START_SPACE`] are decoded).
#[cfg(test)]
fn next_space(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(i) = bytes[at..]
        .iter()
        .position(|&b| MAY_START_SPACE[usize::from(b)])
    {
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

    /// The normalisation as first written: every run of whitespace found and looked at.
    fn normalize_by_runs(text: &str) -> String {
        let decoded = html_escape::decode_html_entities(text);
        let mut rest = decoded.trim();
        let mut out = String::new();
        while let Some(start) = rest.find(char::is_whitespace) {
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

    proptest::proptest! {
        #[test]
        fn normalising_agrees_with_looking_at_every_run(
            text in "([ \t\n\r\u{a0}\u{85}\u{3000}\u{2028}\u{2029}\u{200b}\u{1680}。、中é&;a-z]|&amp;|&nbsp;){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize_content(&text), normalize_by_runs(&text));
        }
    }
}
