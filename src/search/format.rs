//! Pagefind's index format (version 1.6.0, the client this site publishes): CBOR
//! records, each file gzip-compressed after the `pagefind_dcd` marker.
//!
//! - `pagefind.<hash>.pf_meta`: [`MetaIndex`], loaded when search starts;
//! - `index/<hash>.pf_index`: [`WordIndex`], one chunk of the sorted words, loaded when a
//!   query needs a word between its `from` and `to`;
//! - `fragment/<hash>.pf_fragment`: a page's JSON record ([`Fragment`]), loaded for
//!   each result shown.

use minicbor::{Decode, Encode};

/// The marker each compressed file starts with once decompressed.
pub const MARKER: &[u8] = b"pagefind_dcd";

/// The version the client checks the index against.
pub const VERSION: &str = "1.6.0";

/// All a search needs before it loads any word.
#[derive(Encode, Decode, Debug, PartialEq)]
pub struct MetaIndex {
    /// [`VERSION`].
    #[n(0)]
    pub version: String,
    /// Each page, by page number.
    #[n(1)]
    pub pages: Vec<MetaPage>,
    /// The word chunks, in order.
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    /// Filters (none).
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    /// Sort orders (none).
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    /// The metadata fields that meta positions number.
    #[n(5)]
    pub meta_fields: Vec<String>,
}

/// Which chunk holds the words from `from` to `to`.
#[derive(Encode, Decode, Debug, PartialEq, Clone)]
pub struct MetaChunk {
    /// The first word (shortened to what tells it from the previous chunk's last).
    #[n(0)]
    pub from: String,
    /// The last word (shortened likewise).
    #[n(1)]
    pub to: String,
    /// Its file's hash.
    #[n(2)]
    pub hash: String,
}

/// A page: its fragment's hash and its number of words (for ranking).
#[derive(Encode, Decode, Debug, PartialEq)]
pub struct MetaPage {
    /// Its fragment's hash.
    #[n(0)]
    pub hash: String,
    /// Its number of words.
    #[n(1)]
    pub word_count: u32,
    /// Fragment groups are not used: empty.
    #[n(2)]
    pub group_hash: String,
}

/// A filter's file (unused).
#[derive(Encode, Decode, Debug, PartialEq)]
pub struct MetaFilter {
    /// The filter's name.
    #[n(0)]
    pub filter: String,
    /// Its file's hash.
    #[n(1)]
    pub hash: String,
}

/// A sort order (unused).
#[derive(Encode, Decode, Debug, PartialEq)]
pub struct MetaSort {
    /// Its name.
    #[n(0)]
    pub sort: String,
    /// Page numbers in order.
    #[n(1)]
    pub pages: Vec<usize>,
}

/// One chunk of words.
#[derive(Encode, Decode, Debug, PartialEq)]
pub struct WordIndex {
    /// Its words, sorted.
    #[n(0)]
    pub words: Vec<PackedWord>,
}

/// A word and the pages it is on.
#[derive(Encode, Decode, Debug, PartialEq, Clone)]
pub struct PackedWord {
    /// The word (stemmed, diacritics taken off).
    #[n(0)]
    pub word: String,
    /// Pages, page numbers as differences from the previous one.
    #[n(1)]
    pub pages: Vec<PackedPage>,
    /// The forms with diacritics, each with its pages.
    #[n(2)]
    pub additional_variants: Vec<PackedVariant>,
}

/// A word's form with diacritics (`café` of `cafe`).
#[derive(Encode, Decode, Debug, PartialEq, Clone)]
pub struct PackedVariant {
    /// The form.
    #[n(0)]
    pub form: String,
    /// Its pages.
    #[n(1)]
    pub pages: Vec<PackedPage>,
}

/// Where a word is on one page.
#[derive(Encode, Decode, Debug, PartialEq, Clone)]
pub struct PackedPage {
    /// The page number (as a difference, in a chunk).
    #[n(0)]
    pub page_number: usize,
    /// Positions in the text: differences, and `-(weight) - 1` followed by an absolute
    /// position where the weight changes (24 is plain text, and comes first).
    #[n(1)]
    pub locs: Vec<i32>,
    /// Positions in the metadata: `-(field) - 1` starts a field, then differences.
    #[n(2)]
    pub meta_locs: Vec<i32>,
}

/// A page's record, as JSON: what a result shows.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
pub struct Fragment {
    /// Its URL, from the site's root (`/en/tech/`).
    pub url: String,
    /// Its text (excerpts are cut from it).
    pub content: String,
    /// Its number of words.
    pub word_count: usize,
    /// Filters (none).
    pub filters: std::collections::BTreeMap<String, Vec<String>>,
    /// `title`, `image`, `image_alt`.
    pub meta: std::collections::BTreeMap<String, String>,
    /// Headings and other elements with an `id`.
    pub anchors: Vec<FragmentAnchor>,
}

/// An anchor in a [`Fragment`].
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Clone)]
pub struct FragmentAnchor {
    /// Tag name.
    pub element: String,
    /// Its `id`.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its `data-pagefind-title`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// The position of the word after it.
    pub location: u32,
}

/// libdeflate's level for the word chunks and the page records, which grow with the
/// site: level 1. A first query downloads the client (about 170 KB), the meta file, a
/// small chunk per word ([`super::chunks`]) and up to 20 records; with chunks and
/// records at level 1 and the meta file at [`META_LEVEL`] that is 0.4–0.5 % more bytes
/// than with everything at level 6 (the real site, the 2,000-page benchmark site), still
/// 6–25 % less than from Pagefind's own index of the same pages, and the
/// chunks and records of the 2,000-page site compress in 0.22 s instead of 0.45 s at
/// level 6 and 0.94 s at level 8 (one thread; BENCHMARKS.md).
pub const LEVEL: i32 = 1;

/// libdeflate's level for a language's meta file, which every first query downloads
/// whole and which there is one of: its densest.
pub const META_LEVEL: i32 = 12;

/// `bytes` as Pagefind stores a file: gzip at libdeflate's `level` of the marker and the
/// bytes.
pub fn compress(bytes: &[u8], level: i32) -> Vec<u8> {
    let mut file = marked(bytes.len());
    file.extend_from_slice(bytes);
    compress_marked(&file, level)
}

/// A buffer for a file's bytes that starts with the marker, with room for `size` bytes
/// after it: what is written there is compressed by [`compress_marked`] without being
/// copied first (a page's record, a word chunk).
pub fn marked(size: usize) -> Vec<u8> {
    let mut file = Vec::with_capacity(MARKER.len() + size);
    file.extend_from_slice(MARKER);
    file
}

/// A buffer made by [`marked`] and filled, as Pagefind stores the bytes after the
/// marker: [`compress`] of them.
pub fn compress_marked(file: &[u8], level: i32) -> Vec<u8> {
    debug_assert!(file.starts_with(MARKER));
    crate::output::compress::gzip_level(file, level)
}

/// The bytes of a file written by [`compress`] (None if it is not one).
pub fn decompress(file: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .ok()?;
    out.strip_prefix(MARKER).map(<[u8]>::to_vec)
}

/// A CBOR record's bytes (none if it cannot be encoded).
pub fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    minicbor::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_files_are_gzip_of_the_marker_and_the_bytes() {
        for bytes in [
            Vec::new(),
            b"{}".to_vec(),
            "任泽区 new materials ".repeat(20_000).into_bytes(),
        ] {
            let packed = compress(&bytes, LEVEL);
            assert_eq!(&packed[..2], &[0x1f, 0x8b]);
            assert_eq!(decompress(&packed), Some(bytes.clone()));
            assert_eq!(
                compress(&bytes, LEVEL),
                packed,
                "a reused compressor starts afresh"
            );
            let mut file = marked(bytes.len());
            file.extend_from_slice(&bytes);
            assert_eq!(compress_marked(&file, LEVEL), packed, "marked, then filled");
        }
    }
}
