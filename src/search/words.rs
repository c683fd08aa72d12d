//! The words of a page, as Pagefind's browser client looks them up: lower-cased and
//! stemmed with the same Snowball stemmer its WebAssembly uses for the language; Chinese,
//! Japanese and Thai text segmented into words with ICU4X's dictionary (which agrees with
//! the browser's `Intl.Segmenter` that splits a query), each word also indexed by its
//! pairs of characters, so a query the browser splits differently still meets it;
//! compound words (`new-materials`, `camelCase`, `a.b_c`) by their parts too. Each word
//! keeps its position and weight (headings weigh more), and the page's text for
//! excerpts is rebuilt from the same words.

use std::sync::Arc;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::html::{ANCHOR, AUTO_WEIGHT, END_WEIGHT, PageText, WEIGHT, normalize_content};

mod cache;
mod segment;

pub use cache::recycle;
use cache::{Cache, Collect};
pub use segment::word_breaks;
use segment::{is_segmented_cluster, segment, single_char_clusters};

/// Characters that are part of words (Unicode's connector punctuation).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

const MAX_KATAKANA_SUFFIX: usize = 16;
const MAX_DOTTED_TAIL: usize = 64;

/// One occurrence of a word on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The word's position in the page's text.
    pub position: u32,
    /// 24 for plain text, up to 240; 0 is never found.
    pub weight: u8,
}

/// One occurrence of a word in the page's metadata (its title).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaOccurrence {
    /// The metadata field's name.
    pub field: usize,
    /// The word's position in that field.
    pub position: u32,
}

/// Where a word (a stemmed form, and the form as written when that differs only in its
/// diacritics) occurs on a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Positions {
    /// In the text.
    pub text: Vec<Occurrence>,
    /// In the metadata.
    pub meta: Vec<MetaOccurrence>,
}

/// A heading or other element with an `id`, for results that point into the page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Anchor {
    /// Its tag name.
    pub element: String,
    /// Its `id`.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its `data-pagefind-title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The position of the first word after it.
    pub location: u32,
}

/// A page's words and the text its excerpts are cut from.
#[derive(Debug, Default)]
pub struct PageWords {
    /// The text, words separated as they were (with zero-width spaces between segmented
    /// words).
    pub content: String,
    /// Positions of each word, in the order first met (the word is `numbers`' at the
    /// same place).
    pub positions: Vec<Positions>,
    /// Each word's number in the thread's word cache that split the page, the cache
    /// being told by `cache`: equal numbers from one cache are one word, so a language's
    /// index can map them to its terms without hashing the words again.
    pub numbers: Vec<u32>,
    /// That cache's words by number (word, diacritic form when it differs).
    pub keys: Keys,
    /// The serial number of that cache.
    pub cache: u64,
    /// Its anchors.
    pub anchors: Vec<Anchor>,
    /// How many words.
    pub word_count: usize,
}

impl PageWords {
    /// Each word with its positions, in the order first met.
    pub fn words(&self) -> Vec<(Key, &Positions)> {
        let keys = self.keys.read();
        self.numbers
            .iter()
            .zip(&self.positions)
            .filter_map(|(&n, p)| Some((Arc::clone(keys.get(n as usize)?), p)))
            .collect()
    }
}

/// The stemmer Pagefind's client uses for a language (`en`, `fr-CA`), if it has one.
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// Languages whose text has no spaces between words.
pub fn is_segmented(lang: &str) -> bool {
    matches!(lang.split('-').next(), Some("zh" | "ja" | "th"))
}

/// A word as indexed: its stemmed form, and its form before diacritics were taken off
/// when that differs. Interned by the thread's cache (equal words are one `Arc`) and
/// kept, by number, in its table of words ([`Keys`]).
pub type Key = Arc<(String, Option<String>)>;

/// A thread's word cache's words by number ([`cache::Interned::id`]), shared with the
/// pages it split: the cache only ever adds to it, so a number read from a page finds
/// its word however much later it is looked up (by a language's index meeting the
/// number for the first time, or by `serve` after an edit). A page hands on its words'
/// numbers and this one handle, not a key per word.
#[derive(Debug, Clone, Default)]
pub struct Keys(Arc<std::sync::RwLock<Vec<Key>>>);

impl Keys {
    /// Read access to every word so far, by number.
    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Key>> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, key: Key) {
        self.0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(key);
    }
}

impl FromIterator<Key> for Keys {
    fn from_iter<I: IntoIterator<Item = Key>>(keys: I) -> Keys {
        Keys(Arc::new(std::sync::RwLock::new(keys.into_iter().collect())))
    }
}

/// A word to index for one written word.
#[derive(Debug, Clone, PartialEq)]
struct Indexable {
    stemmed: String,
    /// The form before its diacritics were taken off, when that differs.
    original: Option<String>,
    /// A part of a compound (or a pair of characters): it shares the word's weight.
    part: bool,
}

/// The words of `page`: its text's and, by field, its metadata's (`fields` is the order
/// of the metadata fields the positions refer to).
pub fn of_page(page: &PageText, fields: &[String]) -> PageWords {
    let stemmer = stemmer(&page.language);
    let segmented = is_segmented(&page.language);
    // Kept by the thread across pages: a word is split and stemmed once per thread
    // rather than once per page.
    let mut cache = Cache::take(&page.language);
    let mut page_words: Collect = std::mem::take(&mut cache.collect);
    page_words.start();
    let mut out = PageWords {
        // The text is about as long as the digest, with a zero-width space between
        // segmented words.
        content: String::with_capacity(page.digest.len() + page.digest.len() / 4),
        ..PageWords::default()
    };
    let mut weights: Vec<u8> = vec![24];
    let mut index: usize = 0;
    let mut last_index = 0;

    let mut track = |page_words: &mut Collect,
                     content: &mut String,
                     anchors: &mut Vec<Anchor>,
                     word: &str,
                     space_after: bool,
                     previous: Option<&str>,
                     in_segment: bool,
                     simple: bool| {
        if word.starts_with('_') {
            if let Some(rest) = word.strip_prefix(ANCHOR) {
                if let Some((element, anchor)) = rest.split_once(':')
                    && let Some((_, id)) = anchor.split_once(':')
                {
                    let text = page
                        .anchor_content
                        .get(anchor)
                        .map(|t| normalize_content(t))
                        .unwrap_or_default();
                    anchors.push(Anchor {
                        element: element.to_owned(),
                        id: id.to_owned(),
                        text: normalize_content(&text),
                        title: page.anchor_titles.get(anchor).cloned(),
                        location: index as u32,
                    });
                }
                return;
            }
            if let Some(w) = word.strip_prefix(WEIGHT) {
                let w = w.parse::<f32>().unwrap_or(1.0);
                weights.push(if w <= 0.0 {
                    0
                } else {
                    ((w.clamp(0.0, 10.0) * 24.0) as u8).max(1)
                });
                return;
            }
            if let Some(w) = word.strip_prefix(AUTO_WEIGHT) {
                let inherited = weights.last().copied().unwrap_or_default();
                weights.push(if weights.len() == 1 {
                    (w.parse::<f32>().unwrap_or(1.0).clamp(0.0, 10.0) * 24.0) as u8
                } else {
                    inherited
                });
                return;
            }
            if word.starts_with(END_WEIGHT) {
                weights.pop();
                return;
            }
        }
        // A zero-width space starts with 0xE2: most words have no such byte, and the
        // search for that byte is quicker than for the character.
        let base: std::borrow::Cow<str> =
            if word.as_bytes().contains(&0xE2) && word.contains('\u{200B}') {
                word.replace('\u{200B}', "").into()
            } else {
                word.into()
            };
        if base.is_empty() {
            return;
        }
        content.push_str(&base);
        if space_after {
            content.push(' ');
        }
        if segmented {
            content.push('\u{200B}');
        }
        let weight = weights.last().copied().unwrap_or(1);
        let words = cache.words_of(&base, in_segment, stemmer.as_ref());
        let cross = match previous {
            Some(previous) if in_segment => cache
                .cross_pair(&base, previous, simple, stemmer.as_ref())
                .filter(|p| !words.iter().any(|w| w.stem == p.stem)),
            _ => None,
        };
        let parts = words.iter().filter(|w| w.part).count() + usize::from(cross.is_some());
        let part_weight = if parts > 0 && weight > 0 {
            (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        let position = index as u32;
        for w in words.iter() {
            page_words.at(w.id).text.push(Occurrence {
                position,
                weight: if w.part { part_weight } else { weight },
            });
        }
        // The pair spanning two segments belongs to the word before.
        if let (Some(key), Some(before)) = (cross, position.checked_sub(1)) {
            let text = &mut page_words.at(key.id).text;
            // Positions only grow, so an occurrence at `before` is among the last ones.
            let known = text
                .iter()
                .rev()
                .take_while(|o| o.position >= before)
                .any(|o| o.position == before);
            if !known {
                text.push(Occurrence {
                    position: before,
                    weight: part_weight,
                });
            }
        }
        last_index = index;
        index += 1;
    };

    let mut pieces: Vec<&str> = Vec::new();
    for chunk in page.digest.split_whitespace() {
        if segmented && !chunk.starts_with("___") {
            let simple = single_char_clusters(chunk);
            pieces.clear();
            pieces.extend(segment(chunk, simple));
            let mut previous: Option<&str> = None;
            for (i, piece) in pieces.iter().enumerate() {
                track(
                    &mut page_words,
                    &mut out.content,
                    &mut out.anchors,
                    piece,
                    i + 1 == pieces.len(),
                    previous,
                    true,
                    simple,
                );
                previous = if simple {
                    piece.char_indices().next_back().map(|(i, _)| &piece[i..])
                } else {
                    piece.graphemes(true).next_back()
                };
            }
        } else {
            track(
                &mut page_words,
                &mut out.content,
                &mut out.anchors,
                chunk,
                true,
                None,
                false,
                false,
            );
        }
    }
    if out.content.ends_with('\u{200B}') {
        out.content.pop();
    }
    if out.content.ends_with(' ') {
        out.content.pop();
    }
    out.word_count = last_index + 1;
    for (field, name) in fields.iter().enumerate() {
        let Some(value) = page.meta.get(name) else {
            continue;
        };
        for (position, word) in value.split_whitespace().enumerate() {
            for w in indexable_words(word, stemmer.as_ref()) {
                let key = cache.intern(&w.stemmed, w.original.as_deref(), w.part);
                page_words.at(key.id).meta.push(MetaOccurrence {
                    field,
                    position: position as u32,
                });
            }
        }
    }
    (out.positions, out.numbers) = page_words.take();
    out.keys = cache.keys();
    out.cache = cache.serial;
    cache.collect = page_words;
    cache.put_back();
    out
}

/// The word itself, Japanese katakana suffixes, the parts of a compound, and emoji.
fn indexable_words(raw: &str, stemmer: Option<&Stemmer>) -> Vec<Indexable> {
    let mut out = Vec::new();
    let normalized = normalize_word(raw);
    if !normalized.is_empty() {
        out.push(stem_word(&normalized, stemmer, false));
    }
    for suffix in katakana_suffixes(raw) {
        let plain = strip_diacritics(suffix);
        out.push(Indexable {
            stemmed: plain.clone().unwrap_or_else(|| suffix.to_owned()),
            original: plain.map(|_| suffix.to_owned()),
            part: true,
        });
    }
    let compound =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if !compound {
        return out;
    }
    let parts = raw
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !normalized.is_empty()
        && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts))
    {
        for part in parts.split_whitespace().filter(|p| p.len() > 1) {
            let plain = strip_diacritics(part);
            let form = plain.as_deref().unwrap_or(part);
            out.push(Indexable {
                stemmed: match stemmer {
                    Some(s) => s.stem(form).into_owned(),
                    None => form.to_owned(),
                },
                original: plain.as_ref().map(|_| part.to_owned()),
                part: true,
            });
        }
    }
    for g in raw.graphemes(true) {
        if emojis::get(g).is_some() {
            out.push(Indexable {
                stemmed: g.to_owned(),
                original: None,
                part: false,
            });
        }
    }
    out
}

/// `sysconfig.is_python_build` also indexed as `is_python_build`.
fn dotted_tails(raw: &str, stemmer: Option<&Stemmer>, existing: &[Indexable]) -> Vec<Indexable> {
    let mut tails: Vec<Indexable> = Vec::new();
    if !raw.contains('.') {
        return tails;
    }
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(char::is_uppercase);
        if !compound {
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        let seen = existing
            .iter()
            .chain(&tails)
            .any(|w| w.stemmed == word.stemmed);
        if !seen {
            tails.push(word);
        }
    }
    tails
}

/// Each pair of adjacent characters of a segmented word not indexed already.
fn bigrams(raw: &str, stemmer: Option<&Stemmer>, existing: &[Indexable]) -> Vec<Indexable> {
    let mut seen: std::collections::HashSet<String> =
        existing.iter().map(|w| w.stemmed.clone()).collect();
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for cluster in raw.graphemes(true) {
        if !is_segmented_cluster(cluster) {
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            let pair = stem_word(&[p, cluster].concat(), stemmer, true);
            if seen.insert(pair.stemmed.clone()) {
                out.push(pair);
            }
        }
        previous = Some(cluster);
    }
    out
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word (ICU4X's dictionary has no katakana words, so a query
/// for a part finds it by prefix).
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut out: Vec<&str> = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && !out.contains(&suffix) {
            out.push(suffix);
        }
    }
    out
}

/// Letters, digits and word symbols, lower-cased.
fn normalize_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, part: bool) -> Indexable {
    let plain = strip_diacritics(normalized);
    let form = plain.as_deref().unwrap_or(normalized);
    Indexable {
        stemmed: match stemmer {
            Some(s) => s.stem(form).into_owned(),
            None => form.to_owned(),
        },
        original: plain.map(|_| normalized.to_owned()),
        part,
    }
}

/// `café` → `cafe` (the kana voicing marks stay: they tell words apart); None when
/// nothing changes.
fn strip_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |p| decomposes |= p != c);
            decomposes
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(lang: &str, digest: &str) -> PageWords {
        let page = PageText {
            language: lang.into(),
            digest: digest.into(),
            ..PageText::default()
        };
        of_page(&page, &[])
    }

    #[test]
    fn english_words_are_stemmed_and_compounds_split() {
        let w = words_of("en", "Bonding wires for new-materials.");
        let words = w.words();
        let keys: Vec<&str> = words.iter().map(|(k, _)| k.0.as_str()).collect();
        for want in ["bond", "wire", "for", "newmateri", "new", "materi"] {
            assert!(keys.contains(&want), "{want} in {keys:?}");
        }
        assert_eq!(w.content, "Bonding wires for new-materials.");
        assert_eq!(w.word_count, 4);
    }

    #[test]
    fn recycled_position_lists_come_back_empty() {
        let stale = vec![
            Occurrence {
                position: 99,
                weight: 7
            };
            8
        ];
        recycle(std::iter::repeat_n(stale, 64));
        for _ in 0..2 {
            let w = words_of("en", "alpha beta alpha");
            let words = w.words();
            let positions = |word: &str| {
                let (_, p) = words.iter().find(|(k, _)| k.0 == word).unwrap();
                p.text
                    .iter()
                    .map(|o| (o.position, o.weight))
                    .collect::<Vec<_>>()
            };
            assert_eq!(positions("alpha"), [(0, 24), (2, 24)]);
            assert_eq!(positions("beta"), [(1, 24)]);
            drop(words);
            recycle(w.positions.into_iter().map(|p| p.text));
        }
    }

    #[test]
    fn chinese_is_segmented_with_pairs_and_zero_width_spaces() {
        let w = words_of("zh-cn", "键合铜丝打破壁垒");
        let words = w.words();
        let keys: Vec<&str> = words.iter().map(|(k, _)| k.0.as_str()).collect();
        assert!(keys.contains(&"键合"), "{keys:?}");
        assert!(keys.contains(&"铜丝"), "{keys:?}");
        assert!(
            keys.contains(&"合铜"),
            "the pair across two words: {keys:?}"
        );
        assert!(w.content.contains('\u{200B}'));
        assert_eq!(w.content.replace('\u{200B}', ""), "键合铜丝打破壁垒");
    }

    #[test]
    fn headings_weigh_more_and_diacritics_keep_their_form() {
        let w = words_of(
            "fr",
            "___PAGEFIND_AUTO_WEIGHT___7 Café ___END_PAGEFIND_WEIGHT___ texte",
        );
        let words = w.words();
        let cafe = words
            .iter()
            .find(|(k, _)| **k == ("caf".to_owned(), Some("café".to_owned())))
            .map(|(_, p)| p)
            .unwrap();
        assert_eq!(
            cafe.text,
            [Occurrence {
                position: 0,
                weight: 168
            }]
        );
        assert_eq!(w.word_count, 2);
    }
}
