//! A language's index: postings as pages arrive (term numbers, each term's postings as
//! compact bytes),
//! then the files: page records in page order, words sorted and cut into chunks, each
//! encoded and compressed as it is cut, and the meta file that lists them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::chunks::{chunk_ranges, chunk_size, cut};
use super::format::{self, MetaIndex, MetaPage};
use super::{FIELDS, Files, Packed, Page, hex};

mod chunk;

use chunk::{Group, Words};

/// A term's postings end to end, as compact bytes: for each page that has the word,
/// its arrival number, the count and values of its packed text positions (zigzag: a
/// weight change is negative) and the count and values of its meta positions (field,
/// position), every number in LEB128: mostly one byte a number where the records held
/// four (and twenty a posting), and appending never moves a large block. Peak RSS of
/// the 10,000-page benchmark build fell from 831 to 648 MiB (BENCHMARKS.md).
#[derive(Default)]
struct Postings(Vec<u8>);

/// One decoded posting: the page's arrival number, and where its positions are.
#[derive(Clone, Copy)]
struct Posting {
    page: u32,
    /// Byte offset and count of the text positions.
    locs: (usize, usize),
    /// Byte offset and count of the meta positions (two numbers each).
    meta: (usize, usize),
    /// Where its positions start and end (what [`encode_positions`] wrote).
    positions: (usize, usize),
}

/// Appends a posting's positions as [`Postings`] holds them (all but the page number):
/// what a worker encodes for each word of the page it read, outside the language's lock.
pub(super) fn encode_positions(out: &mut Vec<u8>, locs: &[i32], meta: &[(u8, u32)]) {
    put(out, locs.len() as u32);
    for &l in locs {
        put(out, ((l << 1) ^ (l >> 31)) as u32);
    }
    put(out, meta.len() as u32);
    for &(field, position) in meta {
        put(out, u32::from(field));
        put(out, position);
    }
}

impl Postings {
    /// Adds page `page`'s posting, its positions encoded by [`encode_positions`].
    fn push(&mut self, page: u32, positions: &[u8]) {
        put(&mut self.0, page);
        self.0.extend_from_slice(positions);
    }

    fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        let bytes = &self.0[..];
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            let page = get(bytes, &mut at);
            let start = at;
            let n = get(bytes, &mut at) as usize;
            let locs = (at, n);
            skip(bytes, &mut at, n);
            let m = get(bytes, &mut at) as usize;
            let meta = (at, m);
            skip(bytes, &mut at, 2 * m);
            Some(Posting {
                page,
                locs,
                meta,
                positions: (start, at),
            })
        })
    }

    fn locs(&self, p: &Posting) -> impl Iterator<Item = i32> + '_ {
        let mut at = p.locs.0;
        (0..p.locs.1).map(move |_| {
            let z = get(&self.0, &mut at);
            ((z >> 1) as i32) ^ -((z & 1) as i32)
        })
    }

    fn meta(&self, p: &Posting) -> impl Iterator<Item = (u8, u32)> + '_ {
        let mut at = p.meta.0;
        (0..p.meta.1).map(move |_| {
            let field = get(&self.0, &mut at) as u8;
            (field, get(&self.0, &mut at))
        })
    }
}

fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

fn skip(bytes: &[u8], at: &mut usize, count: usize) {
    for _ in 0..count {
        while bytes.get(*at).is_some_and(|b| b & 0x80 != 0) {
            *at += 1;
        }
        *at += 1;
    }
}

/// A language's index while pages arrive.
#[derive(Default)]
pub(super) struct Language {
    /// Each page's share, in the order they arrived.
    pub pages: Vec<Page>,
    /// (word, diacritic form) → term number.
    terms: Terms,
    /// By term number.
    postings: Vec<Postings>,
    /// By the serial of a worker's word cache, the term number of each of its words'
    /// numbers (`u32::MAX` when not met yet): a page's words find their terms by number
    /// rather than by hashing their text again.
    numbered: rustc_hash::FxHashMap<u64, Vec<u32>>,
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

impl Language {
    pub(super) fn push(&mut self, packed: Packed) {
        let page = u32::try_from(self.pages.len()).unwrap_or(u32::MAX);
        self.pages.push(packed.page);
        let numbered = self.numbered.entry(packed.cache).or_default();
        // The cache's words, read only for numbers this index has not met yet.
        let mut keys = None;
        for (number, positions) in &packed.words {
            let number = *number as usize;
            let known = numbered.get(number).copied().filter(|&t| t != u32::MAX);
            let term = match known {
                Some(term) => term,
                None => {
                    let keys = keys.get_or_insert_with(|| packed.keys.read());
                    // Every number a page holds is its cache's: always there.
                    let Some(key) = keys.get(number) else {
                        continue;
                    };
                    let (word, form) = &**key;
                    let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    let term = self.terms.number(word, form.as_deref(), next);
                    if term == next {
                        self.postings.push(Postings::default());
                    }
                    if number >= numbered.len() {
                        numbered.resize((number + 1).next_power_of_two(), u32::MAX);
                    }
                    numbered[number] = term;
                    term
                }
            };
            self.postings[term as usize].push(page, &packed.postings[positions.clone()]);
        }
    }

    pub(super) fn build(mut self, lang: &str, custom_body: bool) -> Built {
        // Page numbers follow the site's order; pages outside a marked body, or
        // without words, are left out.
        let mut order: Vec<usize> = (0..self.pages.len())
            .filter(|&i| self.pages[i].indexed(custom_body))
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
        // Each field's number among those present (meta positions are numbered by them).
        let field_of: Vec<usize> = (0..FIELDS.len())
            .map(|f| present.iter().position(|&p| p == f).unwrap_or(0))
            .collect();

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
            let p = &mut self.pages[i];
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
                    // Moved, not copied: the records are most of the index's bytes.
                    files.push((
                        PathBuf::from(format!("{}/{s}.pf_fragment", super::RECORDS_DIR)),
                        std::mem::take(&mut p.fragment),
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
        // Each word's terms (the word, then its forms with diacritics), its size as
        // Pagefind counts it to close chunks, and the most bytes it can take in a chunk
        // (CBOR takes at most twice the bytes of the postings' numbers, and up to six of
        // heads a page), so that a chunk's buffer is never copied as it fills.
        let kept = |p: &Posting| number[p.page as usize].is_some();
        let mut groups: Vec<Group> = Vec::new();
        let mut at = 0;
        while at < terms.len() {
            let mut end = at;
            while end < terms.len() && terms[end].0 == terms[at].0 {
                end += 1;
            }
            let mut size = 0;
            let mut room = terms[at].0.len() + 18;
            let mut any = false;
            for &(_, form, term) in &terms[at..end] {
                let mut pages = 0;
                for p in self.postings[term as usize].iter().filter(|p| kept(p)) {
                    size += p.locs.1 + p.meta.1 + 1;
                    room += 2 * (p.positions.1 - p.positions.0) + 6;
                    pages += 1;
                }
                if pages > 0 {
                    any = true;
                    size += usize::from(form.is_some());
                    room += form.map_or(0, |f| f.len() + 18);
                }
            }
            if any {
                groups.push(Group {
                    at,
                    end,
                    size,
                    room,
                });
            }
            at = end;
        }
        let sizes: Vec<usize> = groups.iter().map(|g| g.size).collect();
        let words: Vec<&str> = groups.iter().map(|g| terms[g.at].0).collect();
        let target = chunk_size(sizes.iter().sum());
        let cuts = cut(&sizes, &words, target);
        meta.index_chunks = chunk_ranges(
            &cuts
                .iter()
                .map(|r| (words[r.start], words[r.end - 1]))
                .collect::<Vec<_>>(),
        );
        let chunks: Vec<&[Group]> = cuts.into_iter().map(|r| &groups[r]).collect();
        let encoded: Vec<(Vec<u8>, String)> = chunks
            .into_par_iter()
            .map(|chunk| {
                let room = chunk.iter().map(|g| g.room).sum::<usize>() + 9;
                let mut file = format::marked(room);
                let mut words = Words::new(&terms, &self.postings, &number, &field_of);
                words.encode(chunk, &mut file);
                // The room is a bound, not an estimate: checked in every test build.
                debug_assert!(file.len() <= format::MARKER.len() + room);
                // Named by the bytes written, as the records are.
                let bytes = format::compress_marked(&file, format::LEVEL);
                let hash = format!("{lang}_{}", hex(&Sha256::digest(&bytes)));
                (bytes, hash)
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
            files.push((
                PathBuf::from(format!("{}/{short}.pf_index", super::CHUNKS_DIR)),
                bytes,
            ));
        }
        let page_count = meta.pages.len();
        let bytes = format::cbor(&meta);
        let meta_hash = format!("{lang}_{}", &hex(&Sha256::digest(&bytes))[..lang.len() + 8]);
        files.push((
            PathBuf::from(format!("pagefind.{meta_hash}.pf_meta")),
            format::compress(&bytes, format::META_LEVEL),
        ));
        Built {
            files,
            meta_hash,
            page_count,
        }
    }
}

/// One language's files.
pub(super) struct Built {
    /// Its meta, chunk and record files.
    pub files: Files,
    /// The meta file's hash (`en_1a2b3c4d5e`).
    pub meta_hash: String,
    /// How many pages it indexes.
    pub page_count: usize,
}

/// Pages without `<html lang>` join the language with the most pages in the index (the
/// first by name of those with as many), if there is one.
pub(super) fn merge_unknown(languages: &mut BTreeMap<String, Language>, custom_body: bool) {
    let indexed = |l: &Language| l.pages.iter().filter(|p| p.indexed(custom_body)).count();
    let primary = languages
        .iter()
        .filter(|(k, l)| k.as_str() != "unknown" && indexed(l) > 0)
        .max_by(|(a, la), (b, lb)| indexed(la).cmp(&indexed(lb)).then(b.cmp(a)))
        .map(|(k, _)| k.clone());
    let Some(primary) = primary else {
        return;
    };
    let Some(unknown) = languages.remove("unknown") else {
        return;
    };
    if let Some(primary) = languages.get_mut(&primary) {
        let Language {
            pages,
            terms,
            postings,
            ..
        } = unknown;
        let mut by_term: Vec<(&str, Option<&str>, u32)> = terms.iter().collect();
        by_term.sort_by_key(|&(_, _, t)| t);
        let offset = u32::try_from(primary.pages.len()).unwrap_or(u32::MAX);
        primary.pages.extend(pages);
        for (word, form, t) in by_term {
            let next = u32::try_from(primary.postings.len()).unwrap_or(u32::MAX);
            let term = primary.terms.number(word, form, next);
            if term == next {
                primary.postings.push(Postings::default());
            }
            let from = &postings[t as usize];
            for p in from.iter() {
                let positions = &from.0[p.positions.0..p.positions.1];
                primary.postings[term as usize].push(p.page + offset, positions);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written() {
        let mut postings = Postings::default();
        let written = [
            (0, vec![-25, 0, 3, 1, -169, 4], vec![(2, 0), (0, 7)]),
            (70_000, vec![], vec![]),
            (5, vec![i32::MAX, i32::MIN, -1], vec![(1, u32::MAX)]),
        ];
        let mut positions = Vec::new();
        for (page, locs, meta) in &written {
            positions.clear();
            encode_positions(&mut positions, locs, meta);
            postings.push(*page, &positions);
        }
        type Read = (u32, Vec<i32>, Vec<(u8, u32)>);
        let read: Vec<Read> = postings
            .iter()
            .map(|p| {
                (
                    p.page,
                    postings.locs(&p).collect(),
                    postings.meta(&p).collect(),
                )
            })
            .collect();
        assert_eq!(read, written);
        // A posting's positions are the bytes they were encoded to (merged as they are).
        for (p, (_, locs, meta)) in postings.iter().zip(&written) {
            positions.clear();
            encode_positions(&mut positions, locs, meta);
            assert_eq!(&postings.0[p.positions.0..p.positions.1], &positions[..]);
        }
    }

    #[test]
    fn chunks_are_written_as_their_records_encode() {
        use format::{PackedPage, PackedVariant, PackedWord, WordIndex};
        // Three pages arriving out of the site's order; a word on two, its form with
        // diacritics on the third, a word known only by a form, meta positions, and
        // numbers of every size CBOR writes.
        type Word<'w> = (&'w str, Option<&'w str>, Vec<i32>, Vec<(u8, u32)>);
        let page = |order: usize, words: &[Word]| {
            let mut postings = Vec::new();
            let keys = words
                .iter()
                .map(|(word, form, _, _)| {
                    std::sync::Arc::new(((*word).to_owned(), form.map(str::to_owned)))
                })
                .collect();
            let words = words
                .iter()
                .enumerate()
                .map(|(number, (_, _, locs, meta))| {
                    let start = postings.len();
                    encode_positions(&mut postings, locs, meta);
                    (number as u32, start..postings.len())
                })
                .collect();
            Packed {
                language: "en".into(),
                page: Page {
                    order,
                    hash: format!("{order:064}"),
                    fragment: Vec::new(),
                    word_count: 3,
                    has_body: false,
                    has_words: true,
                    meta: vec![2],
                },
                words,
                keys,
                postings,
                cache: order as u64,
            }
        };
        let mut language = Language::default();
        language.push(page(
            2,
            &[
                (
                    "alpha",
                    None,
                    vec![-25, 4, 3, -1000, i32::MIN],
                    vec![(2, 1), (2, 0)],
                ),
                ("beta", Some("béta"), vec![7], vec![]),
            ],
        ));
        language.push(page(0, &[("alpha", None, vec![0], vec![])]));
        language.push(page(
            1,
            &[(
                "alpha",
                Some("álpha"),
                vec![1, 300, 70_000, i32::MAX],
                vec![(2, 5)],
            )],
        ));
        let built = language.build("en", false);
        let chunk = built
            .files
            .iter()
            .find(|(p, _)| p.extension().is_some_and(|e| e == "pf_index"))
            .map(|(_, bytes)| format::decompress(bytes).unwrap())
            .unwrap();
        let decoded: WordIndex = minicbor::decode(&chunk).unwrap();
        let page = |n, locs: &[i32], meta: &[i32]| PackedPage {
            page_number: n,
            locs: locs.to_vec(),
            meta_locs: meta.to_vec(),
        };
        assert_eq!(
            decoded.words,
            [
                PackedWord {
                    word: "alpha".into(),
                    // Page numbers as differences; the only meta field present is the
                    // first.
                    pages: vec![
                        page(0, &[0], &[]),
                        page(2, &[-25, 4, 3, -1000, i32::MIN], &[-1, 0, 1]),
                    ],
                    additional_variants: vec![PackedVariant {
                        form: "álpha".into(),
                        pages: vec![page(1, &[1, 300, 70_000, i32::MAX], &[-1, 5])],
                    }],
                },
                PackedWord {
                    word: "beta".into(),
                    pages: vec![],
                    additional_variants: vec![PackedVariant {
                        form: "béta".into(),
                        pages: vec![page(2, &[7], &[])],
                    }],
                },
            ]
        );
        assert_eq!(
            minicbor::to_vec(&decoded).unwrap(),
            chunk,
            "the bytes minicbor writes for the records"
        );
    }

    /// A packed page of `words` (numbered by cache `cache`), one position each.
    fn packed(cache: u64, words: &[(&str, u32)]) -> Packed {
        let mut postings = Vec::new();
        let mut keys: Vec<Option<crate::search::words::Key>> = Vec::new();
        let words = words
            .iter()
            .map(|&(word, number)| {
                let start = postings.len();
                encode_positions(&mut postings, &[0], &[]);
                let n = number as usize;
                if keys.len() <= n {
                    keys.resize(n + 1, None);
                }
                keys[n] = Some(std::sync::Arc::new((word.to_owned(), None)));
                (number, start..postings.len())
            })
            .collect();
        let table: crate::search::words::Keys =
            keys.into_iter().map(Option::unwrap_or_default).collect();
        Packed {
            language: "en".into(),
            page: Page {
                order: 0,
                hash: String::new(),
                fragment: Vec::new(),
                word_count: 1,
                has_body: false,
                has_words: true,
                meta: Vec::new(),
            },
            words,
            keys: table,
            postings,
            cache,
        }
    }

    #[test]
    fn words_find_their_terms_by_number_within_one_cache_only() {
        let mut language = Language::default();
        language.push(packed(7, &[("alpha", 0), ("beta", 1)]));
        // Another cache numbers other words from 0 too: they are other terms.
        language.push(packed(8, &[("gamma", 0), ("alpha", 1)]));
        // The first cache's numbers again: its terms, found by number.
        language.push(packed(7, &[("beta", 1), ("alpha", 0)]));
        let terms: BTreeMap<&str, u32> = language.terms.iter().map(|(w, _, t)| (w, t)).collect();
        assert_eq!(terms.len(), 3, "{terms:?}");
        let pages = |word: &str| -> Vec<u32> {
            language.postings[terms[word] as usize]
                .iter()
                .map(|p| p.page)
                .collect()
        };
        assert_eq!(pages("alpha"), [0, 1, 2]);
        assert_eq!(pages("beta"), [0, 2]);
        assert_eq!(pages("gamma"), [1]);
    }
}
