//! Where segmented text (Chinese, Japanese, Thai…) breaks into words: ICU4X's dictionary
//! segmenter, never inside a grapheme cluster, with a short cut for text whose characters
//! are each a cluster of their own.

use unicode_segmentation::UnicodeSegmentation;

/// ICU4X's dictionary word segmenter (its data is compiled in).
fn segmenter() -> icu_segmenter::WordSegmenterBorrowed<'static> {
    static SEGMENTER: std::sync::OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
        std::sync::OnceLock::new();
    *SEGMENTER.get_or_init(|| icu_segmenter::WordSegmenter::new_dictionary(Default::default()))
}

/// Where ICU4X's dictionary segmenter breaks `text` into words (byte offsets, from 0
/// to its length).
pub fn word_breaks(text: &str) -> Vec<usize> {
    segmenter().segment_str(text).collect()
}

/// Whether every character of `text` is a grapheme cluster of its own: no character
/// in it joins its neighbours (combining marks, joiners, variation selectors, Hangul
/// jamo, regional indicators, CR LF). True of most Chinese text; checked by character
/// ranges known to hold none (a test compares them with the grapheme rules).
pub(super) fn single_char_clusters(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(u32::from(c),
            0x20..=0x7E
            | 0xA0..=0x2FF
            | 0x2010..=0x2027
            | 0x2030..=0x205F
            | 0x3000..=0x3029
            | 0x3030..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF01..=0xFF5E
        )
    })
}

/// Splits a run of text into words with ICU4X's dictionary segmenter, never inside a
/// grapheme cluster (`simple`: every character is a cluster of its own).
pub(super) fn segment(input: &str, simple: bool) -> impl Iterator<Item = &str> {
    // Lazily, break by break: a page has a run for every sentence, and collecting each
    // run's breaks first allocated for every one.
    let mut starts = input.grapheme_indices(true).map(|(i, _)| i).peekable();
    let mut start = 0;
    segmenter()
        .segment_str(input)
        .skip(1)
        .filter(move |&end| {
            simple || {
                while starts.next_if(|&g| g < end).is_some() {}
                end == input.len() || starts.peek() == Some(&end)
            }
        })
        .map(move |end| {
            let word = &input[start..end];
            start = end;
            word
        })
}

/// Whether a grapheme cluster is of a script written without spaces (Chinese, Japanese
/// kana, Thai, Lao, Myanmar, Khmer).
pub(super) fn is_segmented_cluster(cluster: &str) -> bool {
    matches!(
        cluster.chars().next().map(u32::from),
        Some(
            0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0x20000..=0x2FA1F
            | 0x30000..=0x323AF
            | 0x3041..=0x30FF
            | 0x31F0..=0x31FF
            | 0xFF66..=0xFF9F
            | 0x0E00..=0x0EFF
            | 0x1000..=0x109F
            | 0x1780..=0x17FF,
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_taken_as_clusters_of_their_own_are_so_by_the_grapheme_rules() {
        let simple: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| single_char_clusters(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert!(simple.len() > 20_000, "CJK ideographs are among them");
        // Beside each other and beside a letter, an ideograph, a combining mark's base:
        // every character stays a cluster of its own.
        for &c in &simple {
            for other in ['a', '中', c] {
                for text in [format!("{c}{other}"), format!("{other}{c}")] {
                    assert_eq!(text.graphemes(true).count(), 2, "{:?}", text);
                }
            }
        }
        for joining in [
            "e\u{301}",
            "\u{1F1E8}\u{1F1F3}",
            "\r\n",
            "한",
            "👩\u{200D}🔬",
        ] {
            assert!(!single_char_clusters(joining), "{joining:?}");
        }
    }

    #[test]
    fn a_run_of_segmented_text_breaks_alike_with_and_without_the_short_cut() {
        let text = "河北通达电子材料有限公司研发高性能铜丝，打破技术壁垒。2024年ABC";
        assert!(single_char_clusters(text));
        let fast: Vec<&str> = segment(text, true).collect();
        let slow: Vec<&str> = segment(text, false).collect();
        assert_eq!(fast, slow);
        assert_eq!(fast.concat(), text);
    }
}
