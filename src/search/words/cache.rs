//! What a thread keeps between pages: the index words of each written word met so far
//! (per language, interned), and a page's words as they are collected.

use std::rc::Rc;
use std::sync::Arc;

use pagefind_stem::Stemmer;
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use super::segment::is_segmented_cluster;
use super::{Indexable, Key, Positions, bigrams, dotted_tails, indexable_words, stem_word};

/// A page's words as they are met: each interned word (one [`Key`] per word in a
/// thread's [`Cache`]) is found by its address, not by hashing its text again.
#[derive(Default)]
pub(super) struct Collect {
    at: FxHashMap<*const (String, Option<String>), usize>,
    pub(super) words: Vec<(Key, Positions)>,
}

impl Collect {
    pub(super) fn at(&mut self, key: &Key) -> &mut Positions {
        let next = self.words.len();
        let i = *self.at.entry(Arc::as_ptr(key)).or_insert(next);
        if i == next {
            self.words.push((Arc::clone(key), Positions::default()));
        }
        &mut self.words[i].1
    }
}

thread_local! {
    static CACHE: std::cell::RefCell<Vec<Cache>> = std::cell::RefCell::default();
}

/// Written words a thread keeps the index words of, per language (a few tens of MiB at
/// most).
const CACHE_LIMIT: usize = 200_000;

/// The words to index for each written word met on a page (they depend on the word
/// alone): text repeats its words, and stemming and splitting them is most of the work.
/// Every word it hands out is interned: equal words are one [`Key`].
#[derive(Default)]
pub(super) struct Cache {
    /// The language whose stemmer made the entries.
    lang: String,
    plain: FxHashMap<String, Rc<Vec<(Indexable, Key)>>>,
    segmented: FxHashMap<String, Rc<Vec<(Indexable, Key)>>>,
    /// The pair of characters across two segments, by the pair.
    pairs: FxHashMap<String, Option<Key>>,
    /// The pair being looked up (one buffer, so that a known pair costs no allocation).
    pair: String,
    keys: rustc_hash::FxHashSet<Key>,
}

impl Cache {
    /// The thread's cache for `lang`: one per language, as the page pass interleaves the
    /// languages' pages; a fresh one when it has none yet or when it grew past
    /// [`CACHE_LIMIT`].
    pub(super) fn take(lang: &str) -> Cache {
        let kept = CACHE.with(|c| {
            let mut caches = c.borrow_mut();
            let at = caches.iter().position(|c| c.lang == lang)?;
            Some(caches.swap_remove(at))
        });
        match kept {
            Some(cache) if cache.len() <= CACHE_LIMIT => cache,
            _ => Cache {
                lang: lang.to_owned(),
                ..Cache::default()
            },
        }
    }

    /// Gives the cache back to the thread, for its next page of the language.
    pub(super) fn put_back(self) {
        CACHE.with(|c| c.borrow_mut().push(self));
    }

    fn len(&self) -> usize {
        self.plain.len() + self.segmented.len() + self.pairs.len() + self.keys.len()
    }

    pub(super) fn intern(&mut self, stemmed: &str, original: Option<&str>) -> Key {
        let probe = (stemmed.to_owned(), original.map(str::to_owned));
        if let Some(key) = self.keys.get(&probe) {
            return Arc::clone(key);
        }
        let key = Arc::new(probe);
        self.keys.insert(Arc::clone(&key));
        key
    }

    pub(super) fn words_of(
        &mut self,
        raw: &str,
        in_segment: bool,
        stemmer: Option<&Stemmer>,
    ) -> Rc<Vec<(Indexable, Key)>> {
        let map = if in_segment {
            &self.segmented
        } else {
            &self.plain
        };
        if let Some(words) = map.get(raw) {
            return Rc::clone(words);
        }
        let mut words = indexable_words(raw, stemmer);
        let tails = dotted_tails(raw, stemmer, &words);
        words.extend(tails);
        if in_segment {
            let pairs = bigrams(raw, stemmer, &words);
            words.extend(pairs);
        }
        let words: Rc<Vec<(Indexable, Key)>> = Rc::new(
            words
                .into_iter()
                .map(|w| {
                    let key = self.intern(&w.stemmed, w.original.as_deref());
                    (w, key)
                })
                .collect(),
        );
        let map = if in_segment {
            &mut self.segmented
        } else {
            &mut self.plain
        };
        map.insert(raw.to_owned(), Rc::clone(&words));
        words
    }

    /// The pair of characters across the boundary from the previous segment's last
    /// character (`previous`) to `word`'s first, if both are segmented script; `simple`
    /// when each character of `word` is a grapheme cluster of its own (no grapheme pass
    /// then).
    pub(super) fn cross_pair(
        &mut self,
        word: &str,
        previous: &str,
        simple: bool,
        stemmer: Option<&Stemmer>,
    ) -> Option<&Key> {
        if !is_segmented_cluster(previous) {
            return None;
        }
        let first = if simple {
            &word[..word.chars().next()?.len_utf8()]
        } else {
            word.graphemes(true).next()?
        };
        let mut pair = std::mem::take(&mut self.pair);
        pair.clear();
        pair.push_str(previous);
        pair.push_str(first);
        if !self.pairs.contains_key(&pair) {
            let key = is_segmented_cluster(first).then(|| {
                let w = stem_word(&pair, stemmer, true);
                self.intern(&w.stemmed, w.original.as_deref())
            });
            self.pairs.insert(pair.clone(), key);
        }
        self.pair = pair;
        self.pairs.get(&self.pair).and_then(Option::as_ref)
    }
}
