//! Character classes for Chinese, Japanese and Korean text: which characters count as
//! CJK for soft line breaks, and which count as one word each.

/// True for a Han, kana, hangul or bopomofo character: one "word" each.
pub(super) fn is_cjk_letter(c: char) -> bool {
    let u = c as u32;
    if (0x4E00..=0x9FFF).contains(&u) {
        return true; // the common case first
    }
    u >= 0x1100
        && matches!(u,
            0x1100..=0x11FF       // Hangul Jamo
            | 0x2E80..=0x2FDF     // CJK and Kangxi radicals
            | 0x3005 | 0x3007     // 々 〇
            | 0x3040..=0x30FF     // Hiragana, Katakana
            | 0x3100..=0x312F     // Bopomofo
            | 0x3130..=0x318F     // Hangul compatibility Jamo
            | 0x31A0..=0x31FF     // Bopomofo ext, strokes, Katakana ext
            | 0x3400..=0x4DBF     // CJK ext A
            | 0x4E00..=0x9FFF     // CJK unified ideographs
            | 0xA960..=0xA97F     // Hangul Jamo ext A
            | 0xAC00..=0xD7FF     // Hangul syllables, Jamo ext B
            | 0xF900..=0xFAFF     // CJK compatibility ideographs
            | 0xFF66..=0xFF9D     // halfwidth Katakana
            | 0x20000..=0x3FFFF // CJK ext B and later
        )
}

/// True for any CJK character, punctuation and fullwidth forms included.
pub(super) fn is_cjk(c: char) -> bool {
    is_cjk_letter(c)
        || matches!(c as u32,
            0x3000..=0x303F       // CJK symbols and punctuation: 、。「」《》
            | 0x3200..=0x33FF     // enclosed CJK, CJK compatibility
            | 0xFE10..=0xFE1F     // vertical forms
            | 0xFE30..=0xFE4F     // CJK compatibility forms
            | 0xFF00..=0xFFEF // fullwidth forms: ，：（）！
        )
}

/// Punctuation shared by Chinese and English text (curly quotes, ellipsis, dash, middle
/// dot): it takes the script of the character next to it.
fn is_shared_punct(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// The last character of `text` that decides its script, skipping shared punctuation.
pub(super) fn last_decisive(text: &str) -> Option<char> {
    text.chars().rev().find(|&c| !is_shared_punct(c))
}

/// The first character of `text` that decides its script, skipping shared punctuation.
pub(super) fn first_decisive(text: &str) -> Option<char> {
    text.chars().find(|&c| !is_shared_punct(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let cases = [
            ('中', true, true),
            ('の', true, true),
            ('한', true, true),
            ('〇', true, true),
            ('。', false, true),
            ('，', false, true),
            ('（', false, true),
            ('a', false, false),
            ('1', false, false),
            ('“', false, false),
            (' ', false, false),
        ];
        for (c, letter, cjk) in cases {
            assert_eq!(is_cjk_letter(c), letter, "{c}");
            assert_eq!(is_cjk(c), cjk, "{c}");
        }
    }

    #[test]
    fn decisive_characters_skip_shared_punctuation() {
        let cases = [
            ("他说：“好。”", Some('。'), Some('他')),
            ("“Hi”", Some('i'), Some('H')),
            ("……", None, None),
            ("", None, None),
        ];
        for (text, last, first) in cases {
            assert_eq!(last_decisive(text), last, "{text}");
            assert_eq!(first_decisive(text), first, "{text}");
        }
    }
}
