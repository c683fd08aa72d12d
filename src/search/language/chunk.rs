//! A chunk of a language's words as Pagefind's client reads it: the CBOR that minicbor
//! writes for a [`WordIndex`](crate::search::format::WordIndex), written straight from
//! the postings (a test in the parent module compares the two).

use super::{Posting, Postings};

/// Meta positions: by field, `-(field) - 1` then differences; `positions` are sorted.
fn pack_meta(positions: &mut [(usize, u32)], out: &mut Vec<i32>) {
    positions.sort_unstable();
    out.clear();
    let (mut field, mut last) = (None, 0u32);
    for &(f, pos) in positions.iter() {
        if Some(f) != field {
            out.push(-(f as i32) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((pos - last) as i32);
        last = pos;
    }
}

/// The head of a CBOR item: its major type and argument, in the fewest bytes, as
/// minicbor writes them. Written here rather than through minicbor's encoder, which
/// copies each of the few bytes of a number with a call of its own: a chunk is mostly
/// small numbers, and that copying was a third of writing it.
fn head(out: &mut Vec<u8>, major: u8, v: u64) {
    let m = major << 5;
    if v < 24 {
        out.push(m | v as u8);
    } else if v < 0x100 {
        out.extend_from_slice(&[m | 24, v as u8]);
    } else if v < 0x1_0000 {
        out.push(m | 25);
        out.extend_from_slice(&(v as u16).to_be_bytes());
    } else if v < 0x1_0000_0000 {
        out.push(m | 26);
        out.extend_from_slice(&(v as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&v.to_be_bytes());
    }
}

/// CBOR's major types that chunks use.
const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

fn int(out: &mut Vec<u8>, v: i32) {
    if v >= 0 {
        head(out, UNSIGNED, v as u64);
    } else {
        head(out, NEGATIVE, (-1 - i64::from(v)) as u64);
    }
}

fn text(out: &mut Vec<u8>, s: &str) {
    head(out, TEXT, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A word of a language's index: its terms (the word, then its forms with diacritics).
#[derive(Clone, Copy)]
pub(super) struct Group {
    /// Where its terms are in the sorted terms.
    pub(super) at: usize,
    pub(super) end: usize,
    /// Its size as Pagefind counts it to cut chunks.
    pub(super) size: usize,
    /// The most bytes it can take in a chunk.
    pub(super) room: usize,
}

/// Postings with their pages' numbers in the index.
type Numbered = Vec<(usize, Posting)>;

/// Writes a chunk of words as minicbor encodes a `WordIndex` (every record a CBOR
/// array), straight from the postings: no word is decoded into records first, which
/// allocated two lists of positions for every page of every word.
pub(super) struct Words<'a> {
    /// The language's terms, sorted: (word, form, term number).
    terms: &'a [(&'a str, Option<&'a str>, u32)],
    postings: &'a [Postings],
    /// By arrival number, the page's number in the index (None: not indexed).
    number: &'a [Option<usize>],
    /// By field, its number among the fields present.
    field_of: &'a [usize],
    /// A word's postings with their page numbers, sorted by them.
    pages: Numbered,
    /// The forms with diacritics of a word: first page, form, term, postings.
    forms: Vec<(usize, &'a str, u32, Numbered)>,
    scratch: Scratch,
}

/// A posting's meta positions, and them packed.
#[derive(Default)]
struct Scratch {
    meta: Vec<(usize, u32)>,
    packed: Vec<i32>,
}

impl<'a> Words<'a> {
    pub(super) fn new(
        terms: &'a [(&'a str, Option<&'a str>, u32)],
        postings: &'a [Postings],
        number: &'a [Option<usize>],
        field_of: &'a [usize],
    ) -> Words<'a> {
        Words {
            terms,
            postings,
            number,
            field_of,
            pages: Vec::new(),
            forms: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Appends the chunk of words to `out`.
    pub(super) fn encode(&mut self, chunk: &[Group], out: &mut Vec<u8>) {
        let terms = self.terms;
        // WordIndex { words }
        head(out, ARRAY, 1);
        head(out, ARRAY, chunk.len() as u64);
        for &Group { at, end, .. } in chunk {
            let mut word = None;
            self.forms.clear();
            for &(_, form, term) in &terms[at..end] {
                let postings = &self.postings[term as usize];
                match form {
                    None => {
                        collect(postings, self.number, &mut self.pages);
                        word = Some(term);
                    }
                    Some(form) => {
                        let mut pages = Vec::new();
                        collect(postings, self.number, &mut pages);
                        if let Some(&(first, _)) = pages.first() {
                            self.forms.push((first, form, term, pages));
                        }
                    }
                }
            }
            // Forms in the order Pagefind meets them: by first page, then by form.
            self.forms.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            // PackedWord { word, pages, additional_variants }
            head(out, ARRAY, 3);
            text(out, terms[at].0);
            match word {
                Some(term) => write_pages(
                    out,
                    &self.postings[term as usize],
                    &self.pages,
                    self.field_of,
                    &mut self.scratch,
                ),
                None => head(out, ARRAY, 0),
            }
            head(out, ARRAY, self.forms.len() as u64);
            for (_, form, term, pages) in &self.forms {
                // PackedVariant { form, pages }
                head(out, ARRAY, 2);
                text(out, form);
                let postings = &self.postings[*term as usize];
                write_pages(out, postings, pages, self.field_of, &mut self.scratch);
            }
        }
    }
}

/// A term's postings on indexed pages, with their page numbers, sorted by them.
fn collect(postings: &Postings, number: &[Option<usize>], into: &mut Numbered) {
    into.clear();
    into.extend(
        postings
            .iter()
            .filter_map(|p| Some((number[p.page as usize]?, p))),
    );
    into.sort_unstable_by_key(|&(n, _)| n);
}

/// A word's (or form's) pages, from its term's postings: page numbers as differences
/// from the previous one.
fn write_pages(
    out: &mut Vec<u8>,
    postings: &Postings,
    pages: &[(usize, Posting)],
    field_of: &[usize],
    scratch: &mut Scratch,
) {
    head(out, ARRAY, pages.len() as u64);
    let mut last = 0;
    for (n, p) in pages {
        // PackedPage { page_number, locs, meta_locs }
        head(out, ARRAY, 3);
        head(out, UNSIGNED, (n - last) as u64);
        last = *n;
        head(out, ARRAY, p.locs.1 as u64);
        for l in postings.locs(p) {
            int(out, l);
        }
        scratch.meta.clear();
        scratch.meta.extend(
            postings
                .meta(p)
                .map(|(f, pos)| (field_of.get(usize::from(f)).copied().unwrap_or(0), pos)),
        );
        pack_meta(&mut scratch.meta, &mut scratch.packed);
        head(out, ARRAY, scratch.packed.len() as u64);
        for &m in &scratch.packed {
            int(out, m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_positions_pack_by_field() {
        let mut packed = vec![9];
        pack_meta(&mut [(2, 3), (0, 1), (2, 0)], &mut packed);
        assert_eq!(packed, [-1, 1, -3, 0, 3]);
    }
}
