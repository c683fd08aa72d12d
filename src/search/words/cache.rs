//! What a thread keeps between pages: the index words of each written word met so far
//! (per language, interned), and a page's words as they are collected.

use std::rc::Rc;
use std::sync::Arc;

use pagefind_stem::Stemmer;
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use super::segment::is_segmented_cluster;
use super::{Key, Keys, Positions, bigrams, dotted_tails, indexable_words, stem_word};

/// A word handed out by a thread's [`Cache`]: its number in that cache (equal words
/// have one; [`Cache::keys`] holds its key), by which a page's [`Collect`] finds it
/// without hashing, and whether it is a part of the written word (a compound's part, a
/// pair of characters). Small and inline, so that the words of a written word are one
/// read from memory.
#[derive(Clone, Copy)]
pub(super) struct Interned {
    pub(super) id: u32,
    /// The number of its stemmed form: words with one stemmed form (and other forms as
    /// written) share it, so they are told apart without comparing strings.
    pub(super) stem: u32,
    pub(super) part: bool,
}

/// A page's words as they are met, by their number in the thread's cache (kept in the
/// cache between pages, so its table is allocated once per thread).
#[derive(Default)]
pub(super) struct Collect {
    /// By word number: the word's place in `words`, plus one; 0 when not met yet.
    slots: Vec<u32>,
    /// The numbers of the words met, in the order first met, to clear their slots for
    /// the next page.
    met: Vec<u32>,
    words: Vec<Positions>,
    /// Emptied position lists for the page's words ([`recycle`]).
    spare: Vec<Vec<super::Occurrence>>,
}

thread_local! {
    /// Position lists given back after a page's words were packed, for the next page
    /// the thread splits: a page has hundreds of words, each with a list of its own.
    static SPARE_POSITIONS: std::cell::RefCell<Vec<Vec<super::Occurrence>>> =
        std::cell::RefCell::default();
}

/// The most position lists a thread keeps, and the longest.
const SPARE_LISTS: usize = 4096;
const SPARE_LIST_LEN: usize = 1024;

/// Gives position lists back to the thread, for the next page's words ([`Collect`]).
pub fn recycle(lists: impl Iterator<Item = Vec<super::Occurrence>>) {
    SPARE_POSITIONS.with(|spare| {
        let mut spare = spare.borrow_mut();
        for mut list in lists {
            if spare.len() >= SPARE_LISTS {
                break;
            }
            if list.capacity() > 0 && list.capacity() <= SPARE_LIST_LEN {
                list.clear();
                spare.push(list);
            }
        }
    });
}

impl Collect {
    pub(super) fn at(&mut self, id: u32) -> &mut Positions {
        let i = id as usize;
        if i >= self.slots.len() {
            self.slots.resize((i + 1).next_power_of_two(), 0);
        }
        let slot = self.slots[i] as usize;
        let at = if slot == 0 {
            self.words.push(Positions {
                text: self.spare.pop().unwrap_or_default(),
                meta: Vec::new(),
            });
            self.met.push(id);
            self.slots[i] = self.words.len() as u32;
            self.words.len() - 1
        } else {
            slot - 1
        };
        &mut self.words[at]
    }

    /// The page's words' positions, in the order first met, and their numbers; the
    /// collector is empty again.
    pub(super) fn take(&mut self) -> (Vec<Positions>, Vec<u32>) {
        for &id in &self.met {
            self.slots[id as usize] = 0;
        }
        let count = self.words.len();
        // Position lists not used by this page go back to the thread's; the next page
        // starts with room for as many words as this one had.
        recycle(self.spare.drain(..));
        (
            std::mem::replace(&mut self.words, Vec::with_capacity(count)),
            std::mem::replace(&mut self.met, Vec::with_capacity(count)),
        )
    }

    /// Takes the thread's spare position lists for the page about to be split.
    pub(super) fn start(&mut self) {
        SPARE_POSITIONS.with(|spare| std::mem::swap(&mut self.spare, &mut *spare.borrow_mut()));
    }
}

/// The next cache's serial number.
static SERIALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

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
    /// Tells this cache from every other of the process: its words' numbers are its own.
    pub(super) serial: u64,
    plain: FxHashMap<String, Rc<[Interned]>>,
    segmented: FxHashMap<String, Rc<[Interned]>>,
    /// The pair of characters across two segments, by the pair: its place in
    /// `pair_words`.
    pairs: FxHashMap<String, u32>,
    /// The same places, by the pair's two characters, for pairs of characters that are
    /// each a grapheme cluster (most Chinese text): no string to build or compare.
    char_pairs: FxHashMap<u64, u32>,
    pair_words: Vec<Option<Interned>>,
    /// The pair being looked up (one buffer, so that a known pair costs no allocation).
    pair: String,
    /// Every word handed out, by key, with its number.
    keys: FxHashMap<Key, u32>,
    /// Every word handed out, by number (shared with the pages split).
    by_number: Keys,
    /// Every stemmed form handed out, with its number ([`Interned::stem`]).
    stems: FxHashMap<String, u32>,
    /// The collector of the page being read (taken by it, and given back).
    pub(super) collect: Collect,
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
                serial: SERIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                ..Cache::default()
            },
        }
    }

    /// Gives the cache back to the thread, for its next page of the language.
    pub(super) fn put_back(self) {
        CACHE.with(|c| c.borrow_mut().push(self));
    }

    fn len(&self) -> usize {
        self.plain.len()
            + self.segmented.len()
            + self.pairs.len()
            + self.char_pairs.len()
            + self.keys.len()
            + self.stems.len()
    }

    /// A handle to the table of every word's key, by its number ([`Interned::id`]):
    /// the pages this cache splits carry it.
    pub(super) fn keys(&self) -> Keys {
        self.by_number.clone()
    }

    pub(super) fn intern(&mut self, stemmed: &str, original: Option<&str>, part: bool) -> Interned {
        let probe = (stemmed.to_owned(), original.map(str::to_owned));
        let id = match self.keys.get(&probe) {
            Some(&id) => id,
            None => {
                let key = Arc::new(probe);
                let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
                self.keys.insert(Arc::clone(&key), id);
                self.by_number.push(key);
                id
            }
        };
        let stem = match self.stems.get(stemmed) {
            Some(&stem) => stem,
            None => {
                let stem = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
                self.stems.insert(stemmed.to_owned(), stem);
                stem
            }
        };
        Interned { id, stem, part }
    }

    pub(super) fn words_of(
        &mut self,
        raw: &str,
        in_segment: bool,
        stemmer: Option<&Stemmer>,
    ) -> Rc<[Interned]> {
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
        let words: Rc<[Interned]> = words
            .into_iter()
            .map(|w| self.intern(&w.stemmed, w.original.as_deref(), w.part))
            .collect();
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
    ) -> Option<Interned> {
        if !is_segmented_cluster(previous) {
            return None;
        }
        let first = if simple {
            &word[..word.chars().next()?.len_utf8()]
        } else {
            word.graphemes(true).next()?
        };
        // `simple`: `previous` and `first` are a character each.
        let chars = simple
            .then(|| Some((previous.chars().next()?, first.chars().next()?)))
            .flatten()
            .map(|(a, b)| (u64::from(a) << 32) | u64::from(b));
        if let Some(&at) = chars.and_then(|c| self.char_pairs.get(&c)) {
            return self.pair_words[at as usize];
        }
        let mut pair = std::mem::take(&mut self.pair);
        pair.clear();
        pair.push_str(previous);
        pair.push_str(first);
        let at = match self.pairs.get(&pair) {
            Some(&at) => at,
            None => {
                let word = is_segmented_cluster(first).then(|| {
                    let w = stem_word(&pair, stemmer, true);
                    self.intern(&w.stemmed, w.original.as_deref(), true)
                });
                let at = u32::try_from(self.pair_words.len()).unwrap_or(u32::MAX);
                self.pair_words.push(word);
                self.pairs.insert(pair.clone(), at);
                at
            }
        };
        if let Some(c) = chars {
            self.char_pairs.insert(c, at);
        }
        self.pair = pair;
        self.pair_words[at as usize]
    }
}
