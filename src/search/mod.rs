//! The search index, built while pages are written: each page's HTML is read once, in
//! the page pass's worker that rendered it ([`Indexer::add`]); its words go into its
//! language's index as compact postings, its record is compressed at once, and the
//! index files are written in Pagefind's format (see [`format`]) when the pass is over
//! ([`Indexer::finish`]), for Pagefind's own browser client, taken from the pinned
//! `pagefind` crate ([`client`]).
//!
//! Why not the `pagefind` crate's indexer: it reads every page again from disk, keeps
//! every occurrence of every word as a record of its own and every page twice until the
//! end, indexes one page at a time under a lock and compresses every file on one thread.
//! On 2,000 pages per language that made the default build 30 times slower than one
//! without search (BENCHMARKS.md, issue 16). A test builds the same pages through both
//! and compares the decoded indexes word for word.

pub mod client;
pub mod format;
pub mod html;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use format::{
    Fragment, FragmentAnchor, MetaChunk, MetaIndex, MetaPage, PackedPage, PackedVariant,
    PackedWord, WordIndex,
};

/// The metadata fields the reader produces, in Pagefind's (sorted) order.
const FIELDS: [&str; 3] = ["image", "image_alt", "title"];

/// A chunk closes once its words' positions (and pages) add up to this many.
const CHUNK_SIZE: usize = 20_000;

/// One page's share, kept until the end.
#[derive(Clone)]
struct Page {
    /// Its place in the site's order (page numbers follow it).
    order: usize,
    /// SHA-256 of its record, hex.
    hash: String,
    /// Its record, compressed.
    fragment: Vec<u8>,
    word_count: usize,
    has_body: bool,
    has_words: bool,
    meta: Vec<usize>,
}

/// Where one word is on one page: ranges of the language's arenas.
#[derive(Clone, Copy)]
struct Posting {
    page: u32,
    locs: (u32, u32),
    meta: (u32, u32),
}

/// A language's index while pages arrive.
#[derive(Default)]
struct Language {
    pages: Vec<Page>,
    /// (word, diacritic form) → term number.
    terms: Terms,
    postings: Vec<Vec<Posting>>,
    /// Every posting's packed text positions, end to end.
    locs: Vec<i32>,
    /// Every posting's meta positions (field in [`FIELDS`], position), end to end.
    metas: Vec<(u8, u32)>,
}

/// The words of a language by term number: a word, or a word and a form of it with
/// diacritics (rare, so a map of its own: a word is looked up by `&str`, with no
/// allocation unless it is new).
#[derive(Default)]
struct Terms {
    words: rustc_hash::FxHashMap<Box<str>, u32>,
    forms: rustc_hash::FxHashMap<(Box<str>, Box<str>), u32>,
}

impl Terms {
    /// The number of (word, form), given `next` if it is new.
    fn number(&mut self, word: &str, form: Option<&str>, next: u32) -> u32 {
        match form {
            None => match self.words.get(word) {
                Some(&t) => t,
                None => *self.words.entry(word.into()).or_insert(next),
            },
            Some(form) => *self.forms.entry((word.into(), form.into())).or_insert(next),
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, Option<&str>, u32)> {
        let words = self.words.iter().map(|(w, &t)| (&**w, None, t));
        let forms = self.forms.iter().map(|((w, f), &t)| (&**w, Some(&**f), t));
        words.chain(forms)
    }
}

/// A word of one page: the word, its packed text positions and its meta positions.
type PageTerm = ((String, Option<String>), Vec<i32>, Vec<(u8, u32)>);

/// A page's words, packed in the worker that read it.
#[derive(Clone)]
struct Packed {
    language: String,
    page: Page,
    words: Vec<PageTerm>,
}

/// Builds the index as pages are written.
#[derive(Default)]
pub struct Indexer {
    /// Each language's index behind a lock of its own: pages of two languages are
    /// merged at the same time.
    languages: Mutex<BTreeMap<String, Arc<Mutex<Language>>>>,
    /// For `serve`: each page's packed words too, by file, so that an edit re-reads only
    /// the pages it re-rendered ([`Kept`]).
    keep: Option<Mutex<BTreeMap<String, Packed>>>,
}

/// Every page's packed words, by file (`tech/case/index.html`): what `serve` keeps to
/// write the index again after an edit without reading the other pages again.
#[derive(Default)]
pub struct Kept {
    pages: BTreeMap<String, Packed>,
    client: Option<client::Client>,
}

impl Kept {
    /// Reads one page again (after an edit re-rendered it).
    pub fn replace(&mut self, file: &str, html: &[u8]) {
        self.pages.insert(file.to_owned(), pack(0, file, html));
    }

    /// The index files, and the client's, for the pages whose file `order_of` still knows
    /// (its place in the site); pages it does not know are forgotten.
    pub fn files(&mut self, order_of: impl Fn(&str) -> Option<usize>) -> Result<Files, String> {
        self.pages.retain(|file, _| order_of(file).is_some());
        let index = Indexer::new();
        for (file, packed) in &self.pages {
            let mut packed = packed.clone();
            packed.page.order = order_of(file).unwrap_or(usize::MAX);
            index.push(packed);
        }
        let languages = index.languages();
        let client = match self.client.take() {
            Some(c) if c.covers(&languages) => c,
            _ => client::Client::for_languages(&languages)?,
        };
        let mut files = index.finish(&client);
        files.extend(client.files.iter().cloned());
        self.client = Some(client);
        Ok(files)
    }
}

/// The index's files: path below the bundle folder, bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

impl Indexer {
    /// An empty index.
    pub fn new() -> Indexer {
        Indexer::default()
    }

    /// An empty index that also keeps each page's packed words for [`Indexer::kept`].
    pub fn keeping() -> Indexer {
        Indexer {
            keep: Some(Mutex::default()),
            ..Indexer::default()
        }
    }

    /// Reads one page (`order` is its place in the site: page numbers follow it; `file`
    /// its path below the output, `tech/case/index.html`).
    pub fn add(&self, order: usize, file: &str, html: &[u8]) {
        let packed = pack(order, file, html);
        if let Some(Ok(mut kept)) = self.keep.as_ref().map(Mutex::lock) {
            kept.insert(file.to_owned(), packed.clone());
        }
        self.push(packed);
    }

    fn push(&self, packed: Packed) {
        let language = match self.languages.lock() {
            Ok(mut languages) => Arc::clone(languages.entry(packed.language.clone()).or_default()),
            Err(_) => return,
        };
        if let Ok(mut language) = language.lock() {
            language.push(packed);
        }
    }

    /// What [`Indexer::keeping`] kept, for `serve`.
    pub fn kept(&self) -> Kept {
        let pages = self
            .keep
            .as_ref()
            .and_then(|k| k.lock().ok().map(|k| k.clone()))
            .unwrap_or_default();
        Kept {
            pages,
            client: None,
        }
    }

    /// The languages of the pages read so far (`<html lang>`, lower-cased).
    pub fn languages(&self) -> Vec<String> {
        self.languages
            .lock()
            .map(|l| l.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The index files (without the client's): `pagefind-entry.json` and, per language,
    /// its meta, word chunks and page records.
    pub fn finish(self, client: &client::Client) -> Files {
        let mut languages: BTreeMap<String, Language> = self
            .languages
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|(lang, l)| {
                let l = Arc::try_unwrap(l).map_or_else(
                    |shared| std::mem::take(&mut *shared.lock().unwrap_or_else(|e| e.into_inner())),
                    |m| m.into_inner().unwrap_or_else(|e| e.into_inner()),
                );
                (lang, l)
            })
            .collect();
        merge_unknown(&mut languages);
        let custom_body = languages
            .values()
            .flat_map(|l| &l.pages)
            .any(|p| p.has_body);
        let built: Vec<(String, Built)> = languages
            .into_par_iter()
            .map(|(lang, l)| {
                let built = l.build(&lang, custom_body);
                (lang, built)
            })
            .filter(|(_, b)| b.page_count > 0)
            .collect();
        let mut files = Files::new();
        let mut entry = BTreeMap::new();
        for (lang, b) in built {
            entry.insert(
                lang.clone(),
                serde_json::json!({
                    "hash": b.meta_hash,
                    "wasm": client.wasm_for(&lang),
                    "page_count": b.page_count,
                }),
            );
            files.extend(b.files);
        }
        let entry = serde_json::json!({
            "version": format::VERSION,
            "languages": entry,
            "include_characters": words::WORD_SYMBOLS,
        });
        files.push((
            PathBuf::from(client::ENTRY),
            serde_json::to_vec(&entry).unwrap_or_default(),
        ));
        files
    }
}

/// Reads and packs one page: its record compressed, its words with their positions.
fn pack(order: usize, file: &str, html: &[u8]) -> Packed {
    let text = html::read(html);
    let fields: Vec<String> = FIELDS.iter().map(|f| (*f).to_owned()).collect();
    let words = words::of_page(&text, &fields);
    let record = Fragment {
        url: page_url(file),
        content: words.content,
        word_count: words.word_count,
        filters: BTreeMap::new(),
        meta: text.meta.clone(),
        anchors: words
            .anchors
            .into_iter()
            .map(|a| FragmentAnchor {
                element: a.element,
                id: a.id,
                text: a.text,
                title: a.title,
                location: a.location,
            })
            .collect(),
    };
    let json = serde_json::to_vec(&record).unwrap_or_default();
    let has_words = words.words.values().any(|p| !p.text.is_empty());
    let page = Page {
        order,
        hash: hex(&Sha256::digest(&json)),
        fragment: format::compress(&json),
        word_count: words.word_count,
        has_body: text.has_body,
        has_words,
        meta: FIELDS
            .iter()
            .enumerate()
            .filter(|(_, f)| text.meta.contains_key(**f))
            .map(|(i, _)| i)
            .collect(),
    };
    Packed {
        language: text.language,
        page,
        words: words
            .words
            .into_iter()
            .map(|(key, p)| {
                let key = Rc::try_unwrap(key).unwrap_or_else(|rc| (*rc).clone());
                let meta = p.meta.iter().map(|m| (m.field as u8, m.position)).collect();
                (key, pack_locs(p.text), meta)
            })
            .collect(),
    }
}

impl Language {
    fn push(&mut self, packed: Packed) {
        let page = u32::try_from(self.pages.len()).unwrap_or(u32::MAX);
        self.pages.push(packed.page);
        for ((word, form), locs, meta) in packed.words {
            let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            let term = self.terms.number(&word, form.as_deref(), next);
            if term == next {
                self.postings.push(Vec::new());
            }
            let at = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
            let posting = Posting {
                page,
                locs: (at(self.locs.len()), at(locs.len())),
                meta: (at(self.metas.len()), at(meta.len())),
            };
            self.locs.extend(locs);
            self.metas.extend(meta);
            self.postings[term as usize].push(posting);
        }
    }

    fn build(self, lang: &str, custom_body: bool) -> Built {
        // Page numbers follow the site's order; pages outside a marked body, or
        // without words, are left out.
        let mut order: Vec<usize> = (0..self.pages.len())
            .filter(|&i| {
                let p = &self.pages[i];
                p.has_words && (p.has_body || !custom_body)
            })
            .collect();
        order.sort_by_key(|&i| self.pages[i].order);
        let mut number: Vec<Option<usize>> = vec![None; self.pages.len()];
        for (n, &i) in order.iter().enumerate() {
            number[i] = Some(n);
        }
        let present: Vec<usize> = FIELDS
            .iter()
            .enumerate()
            .filter(|(f, _)| order.iter().any(|&i| self.pages[i].meta.contains(f)))
            .map(|(f, _)| f)
            .collect();
        let field_of = |f: u8| present.iter().position(|&p| p == f as usize).unwrap_or(0);

        let mut files = Files::new();
        let mut meta = MetaIndex {
            version: format::VERSION.to_owned(),
            pages: Vec::with_capacity(order.len()),
            index_chunks: Vec::new(),
            filters: Vec::new(),
            sorts: Vec::new(),
            meta_fields: present.iter().map(|&f| FIELDS[f].to_owned()).collect(),
        };
        let mut shorts: HashMap<String, String> = HashMap::new();
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        for &i in &order {
            let p = &self.pages[i];
            let full = format!("{lang}_{}", p.hash);
            let short = match shorts.get(&full) {
                Some(s) => s.clone(),
                None => {
                    let mut len = lang.len() + 8;
                    while taken.contains(&full[..len]) && len < full.len() {
                        len += 1;
                    }
                    let s = full[..len].to_owned();
                    taken.insert(s.clone());
                    shorts.insert(full.clone(), s.clone());
                    files.push((
                        PathBuf::from(format!("fragment/{s}.pf_fragment")),
                        p.fragment.clone(),
                    ));
                    s
                }
            };
            meta.pages.push(MetaPage {
                hash: short,
                word_count: u32::try_from(p.word_count).unwrap_or(u32::MAX),
                group_hash: String::new(),
            });
        }

        // Words sorted; each word's pages, then its forms with diacritics.
        let mut terms: Vec<(&str, Option<&str>, u32)> = self.terms.iter().collect();
        terms.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let packed_pages = |term: u32| -> Vec<PackedPage> {
            let mut pages: Vec<PackedPage> = self.postings[term as usize]
                .iter()
                .filter_map(|p| {
                    let n = number[p.page as usize]?;
                    let locs = &self.locs[p.locs.0 as usize..(p.locs.0 + p.locs.1) as usize];
                    let metas = &self.metas[p.meta.0 as usize..(p.meta.0 + p.meta.1) as usize];
                    Some(PackedPage {
                        page_number: n,
                        locs: locs.to_vec(),
                        meta_locs: pack_meta(metas.iter().map(|&(f, pos)| (field_of(f), pos))),
                    })
                })
                .collect();
            pages.sort_by_key(|p| p.page_number);
            pages
        };
        // Each word's terms (the word, then its forms with diacritics), and its size as
        // Pagefind counts it to close chunks; a word is materialised only when its chunk
        // is encoded, so no more than a chunk per thread is ever held decoded.
        let kept = |p: &Posting| number[p.page as usize].is_some();
        let mut groups: Vec<(usize, usize, usize)> = Vec::new();
        let mut at = 0;
        while at < terms.len() {
            let mut end = at;
            while end < terms.len() && terms[end].0 == terms[at].0 {
                end += 1;
            }
            let mut size = 0;
            let mut any = false;
            for &(_, form, term) in &terms[at..end] {
                let mut pages = 0;
                for p in self.postings[term as usize].iter().filter(|p| kept(p)) {
                    size += (p.locs.1 + p.meta.1) as usize + 1;
                    pages += 1;
                }
                if pages > 0 {
                    any = true;
                    size += usize::from(form.is_some());
                }
            }
            if any {
                groups.push((at, end, size));
            }
            at = end;
        }
        let mut chunks: Vec<&[(usize, usize, usize)]> = Vec::new();
        let (mut first, mut size) = (0, 0);
        for (i, g) in groups.iter().enumerate() {
            size += g.2;
            if size >= CHUNK_SIZE {
                chunks.push(&groups[first..=i]);
                first = i + 1;
                size = 0;
            }
        }
        if first < groups.len() {
            chunks.push(&groups[first..]);
        }
        let word_of = |&(at, end, _): &(usize, usize, usize)| -> PackedWord {
            let mut packed = PackedWord {
                word: terms[at].0.to_owned(),
                pages: Vec::new(),
                additional_variants: Vec::new(),
            };
            for &(_, form, term) in &terms[at..end] {
                let pages = packed_pages(term);
                if pages.is_empty() {
                    continue;
                }
                match form {
                    None => packed.pages = pages,
                    Some(form) => packed.additional_variants.push(PackedVariant {
                        form: form.to_owned(),
                        pages,
                    }),
                }
            }
            // Forms in the order Pagefind meets them: by first page, then by form.
            packed.additional_variants.sort_by(|a, b| {
                (a.pages[0].page_number, &a.form).cmp(&(b.pages[0].page_number, &b.form))
            });
            packed
        };
        meta.index_chunks = chunk_ranges(
            &chunks
                .iter()
                .map(|c| {
                    let first = c.first().map(|g| terms[g.0].0).unwrap_or_default();
                    let last = c.last().map(|g| terms[g.0].0).unwrap_or_default();
                    (first.to_owned(), last.to_owned())
                })
                .collect::<Vec<_>>(),
        );
        let encoded: Vec<(Vec<u8>, String)> = chunks
            .into_par_iter()
            .map(|chunk| {
                let bytes = format::cbor(&WordIndex {
                    words: chunk.iter().map(word_of).map(delta_pages).collect(),
                });
                let hash = format!("{lang}_{}", hex(&Sha256::digest(&bytes)));
                (format::compress(&bytes), hash)
            })
            .collect();
        let mut chunk_names: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (i, (bytes, hash)) in encoded.into_iter().enumerate() {
            let mut len = lang.len() + 8;
            while chunk_names.contains(&hash[..len]) && len < hash.len() {
                len += 1;
            }
            let short = hash[..len].to_owned();
            chunk_names.insert(short.clone());
            meta.index_chunks[i].hash = short.clone();
            files.push((PathBuf::from(format!("index/{short}.pf_index")), bytes));
        }
        let page_count = meta.pages.len();
        let bytes = format::cbor(&meta);
        let meta_hash = format!("{lang}_{}", &hex(&Sha256::digest(&bytes))[..lang.len() + 8]);
        files.push((
            PathBuf::from(format!("pagefind.{meta_hash}.pf_meta")),
            format::compress(&bytes),
        ));
        Built {
            files,
            meta_hash,
            page_count,
        }
    }
}

/// One language's files.
struct Built {
    files: Files,
    meta_hash: String,
    page_count: usize,
}

/// Pages without `<html lang>` join the language with the most pages, if there is one.
fn merge_unknown(languages: &mut BTreeMap<String, Language>) {
    if languages.len() < 2 {
        return;
    }
    let Some(unknown) = languages.remove("unknown") else {
        return;
    };
    let primary = languages
        .iter()
        .max_by(|(a, la), (b, lb)| la.pages.len().cmp(&lb.pages.len()).then(b.cmp(a)))
        .map(|(k, _)| k.clone());
    if let Some(primary) = primary.and_then(|k| languages.get_mut(&k)) {
        let Language {
            pages,
            terms,
            postings,
            locs,
            metas,
        } = unknown;
        let mut by_term: Vec<(&str, Option<&str>, u32)> = terms.iter().collect();
        by_term.sort_by_key(|&(_, _, t)| t);
        let offset = u32::try_from(primary.pages.len()).unwrap_or(u32::MAX);
        primary.pages.extend(pages);
        let (loc_base, meta_base) = (primary.locs.len() as u32, primary.metas.len() as u32);
        primary.locs.extend(locs);
        primary.metas.extend(metas);
        for (word, form, t) in by_term {
            let next = u32::try_from(primary.postings.len()).unwrap_or(u32::MAX);
            let term = primary.terms.number(word, form, next);
            if term == next {
                primary.postings.push(Vec::new());
            }
            for p in &postings[t as usize] {
                primary.postings[term as usize].push(Posting {
                    page: p.page + offset,
                    locs: (p.locs.0 + loc_base, p.locs.1),
                    meta: (p.meta.0 + meta_base, p.meta.1),
                });
            }
        }
    }
}

/// Text positions as Pagefind packs them: sorted by weight (24 first) and position;
/// a weight change is `-(weight) - 1` and an absolute position, else a difference.
fn pack_locs(mut occurrences: Vec<words::Occurrence>) -> Vec<i32> {
    // Pagefind's "common weight" is 25; plain text weighs 24, which therefore sorts by
    // its value like any other weight. Kept as is: it is the format.
    occurrences.sort_by_key(|o| (if o.weight == 25 { 0 } else { o.weight }, o.position));
    let mut out = Vec::with_capacity(occurrences.len());
    let (mut weight, mut last) = (25u8, 0u32);
    for o in occurrences {
        if o.weight != weight {
            out.push(-i32::from(o.weight) - 1);
            out.push(o.position as i32);
            weight = o.weight;
        } else {
            out.push((o.position - last) as i32);
        }
        last = o.position;
    }
    out
}

/// Meta positions: by field, `-(field) - 1` then differences.
fn pack_meta(positions: impl Iterator<Item = (usize, u32)>) -> Vec<i32> {
    let mut positions: Vec<(usize, u32)> = positions.collect();
    positions.sort_unstable();
    let mut out = Vec::with_capacity(positions.len() + 2);
    let (mut field, mut last) = (None, 0u32);
    for (f, pos) in positions {
        if Some(f) != field {
            out.push(-(f as i32) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((pos - last) as i32);
        last = pos;
    }
    out
}

/// Page numbers as differences from the previous page (per word and per form).
fn delta_pages(mut word: PackedWord) -> PackedWord {
    let delta = |pages: &mut Vec<PackedPage>| {
        let mut last = 0;
        for p in pages {
            let n = p.page_number;
            p.page_number = n - last;
            last = n;
        }
    };
    delta(&mut word.pages);
    for v in &mut word.additional_variants {
        delta(&mut v.pages);
    }
    word
}

/// Each chunk's range of words, shortened to the prefixes that tell neighbours apart.
fn chunk_ranges(chunks: &[(String, String)]) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = chunks
        .iter()
        .map(|(from, to)| MetaChunk {
            from: from.clone(),
            to: to.clone(),
            hash: String::new(),
        })
        .collect();
    for i in 1..ranges.len() {
        let (a, b) = (ranges[i - 1].to.clone(), ranges[i].from.clone());
        let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
        let a_prefix: String = a.chars().take(common + 1).collect();
        let b_prefix: String = b.chars().take(common + 1).collect();
        if a_prefix >= ranges[i - 1].from {
            ranges[i - 1].to = a_prefix;
        }
        ranges[i].from = b_prefix;
    }
    ranges
}

/// A page's URL as Pagefind records it: `/` and the file's path without `index.html`,
/// percent-encoded where a path needs it.
pub fn page_url(file: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let path = if file == "index.html" {
        ""
    } else {
        file.strip_suffix("index.html").unwrap_or(file)
    };
    format!("/{}", utf8_percent_encode(path, PATH))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_without_a_language_join_the_largest_and_unmarked_pages_are_left_out() {
        let page = |lang: &str, body: &str| {
            format!(
                "<html{lang}><body><main{body}><h1>Title</h1><p>Words here</p></main></body></html>"
            )
        };
        let index = Indexer::new();
        index.add(
            0,
            "a/index.html",
            page(" lang=\"en\"", " data-pagefind-body").as_bytes(),
        );
        index.add(
            1,
            "b/index.html",
            page(" lang=\"en\"", " data-pagefind-body").as_bytes(),
        );
        index.add(
            2,
            "c/index.html",
            page("", " data-pagefind-body").as_bytes(),
        );
        index.add(
            3,
            "d/index.html",
            page(" lang=\"zh-cn\"", " data-pagefind-body").as_bytes(),
        );
        index.add(4, "e/index.html", page(" lang=\"en\"", "").as_bytes());
        let files = index.finish(&client::Client::default());
        let entry = files
            .iter()
            .find(|(p, _)| p == std::path::Path::new(client::ENTRY));
        let entry: serde_json::Value = serde_json::from_slice(&entry.unwrap().1).unwrap();
        let langs = entry["languages"].as_object().unwrap();
        assert_eq!(langs.keys().collect::<Vec<_>>(), ["en", "zh-cn"]);
        assert_eq!(
            langs["en"]["page_count"], 3,
            "two English pages and the one without a language; not the unmarked one"
        );
        assert_eq!(langs["zh-cn"]["page_count"], 1);
    }

    #[test]
    fn positions_pack_as_pagefind_packs_them() {
        let o = |position, weight| words::Occurrence { position, weight };
        assert_eq!(
            pack_locs(vec![o(5, 24), o(0, 168), o(9, 24), o(2, 12)]),
            [-13, 2, -25, 5, 4, -169, 0]
        );
        assert_eq!(
            pack_meta([(2, 3), (0, 1), (2, 0)].into_iter()),
            [-1, 1, -3, 0, 3]
        );
    }

    #[test]
    fn urls_drop_index_html_and_encode_what_a_path_cannot_hold() {
        assert_eq!(page_url("index.html"), "/");
        assert_eq!(page_url("en/tech/case/index.html"), "/en/tech/case/");
        assert_eq!(page_url("a b/index.html"), "/a%20b/");
    }

    #[test]
    fn chunk_ranges_are_the_shortest_prefixes_that_part_them() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let ranges = chunk_ranges(&[pair("apple", "banana"), pair("bandit", "cat")]);
        assert_eq!(
            (ranges[0].from.as_str(), ranges[0].to.as_str()),
            ("apple", "bana")
        );
        assert_eq!(
            (ranges[1].from.as_str(), ranges[1].to.as_str()),
            ("band", "cat")
        );
    }
}
