//! Text as Pagefind treats it while reading a page: which character ends a sentence,
//! and how whitespace and entities are normalised.

/// Pagefind's `[\w'")$*]`: a block ending in one of these gets a full stop. The same
/// regular expression, so that `\w` is Unicode's word class as Pagefind's is (letters,
/// marks, decimal digits, connector punctuation and joiners; not `²` or `½`).
pub(super) fn ends_sentence(c: char) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_in_a_full_stop_after_what_pagefind_calls_a_word_character() {
        for c in [
            'a', 'É', '中', '5', '٣', '_', '‿', '\u{301}', '\u{200D}', '\'', '"', ')', '$', '*',
        ] {
            assert!(ends_sentence(c), "{c:?}");
        }
        for c in ['.', '。', '!', '²', '½', '①', ' ', '(', '-', '🚀'] {
            assert!(!ends_sentence(c), "{c:?}");
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
