//! The search index, built while pages are written: each page's HTML is read once, by
//! a page pass's worker, a batch of pages at a time ([`Indexer::queue`]); its words go
//! into its language's index as compact postings, its record is compressed at once,
//! and the index files are written in Pagefind's format (see [`format`]) when the pass
//! is over ([`Indexer::finish`]), for Pagefind's own browser client, taken from the
//! pinned `pagefind` crate ([`client`]).
//!
//! Why not the `pagefind` crate's indexer: it reads every page again from disk, keeps
//! every occurrence of every word as a record of its own and every page twice until the
//! end, indexes one page at a time under a lock and compresses every file on one thread.
//! On 2,000 pages per language that made the default build 30 times slower than one
//! without search (BENCHMARKS.md, issue 16). A test builds the same pages through both
//! and compares the decoded indexes word for word.

mod chunks;
pub mod client;
pub mod format;
pub mod html;
mod language;
pub mod words;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use format::{Fragment, FragmentAnchor};
use language::{Built, Language, merge_unknown};

/// The bundle's folder of page records.
pub const RECORDS_DIR: &str = "fragment";
/// The bundle's folder of word chunks.
pub const CHUNKS_DIR: &str = "index";

/// The bundle's folders whose every file is the index's own, gzip.
pub const GENERATED_DIRS: [&str; 2] = [RECORDS_DIR, CHUNKS_DIR];

/// The metadata fields the reader produces, in Pagefind's (sorted) order.
const FIELDS: [&str; 3] = ["image", "image_alt", "title"];

/// One page's share, kept until the end.
#[derive(Clone)]
pub(crate) struct Page {
    /// Its place in the site's order (page numbers follow it).
    order: usize,
    /// SHA-256 of its record as written (gzip, a third of the JSON's bytes to hash),
    /// hex: the file's name changes when its bytes do.
    hash: String,
    /// Its record, compressed.
    fragment: Vec<u8>,
    word_count: usize,
    has_body: bool,
    has_words: bool,
    meta: Vec<usize>,
}

impl Page {
    /// Whether the index holds the page: it has words, and a body if any page of the
    /// site marks one (`custom_body`).
    fn indexed(&self, custom_body: bool) -> bool {
        self.has_words && (self.has_body || !custom_body)
    }
}

/// A page's words, packed in the worker that read it.
#[derive(Clone)]
pub(crate) struct Packed {
    language: String,
    page: Page,
    /// Each word's number in the word cache that split the page
    /// ([`words::PageWords::numbers`]), and where its positions are in `postings`.
    words: Vec<(u32, std::ops::Range<usize>)>,
    /// That cache's words by number ([`words::Keys`]).
    keys: words::Keys,
    /// The serial of that cache ([`words::PageWords::cache`]).
    cache: u64,
    /// Every word's text and meta positions on this page, encoded as the language's
    /// postings hold them ([`language::encode_positions`]), end to end.
    postings: Vec<u8>,
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
    /// Pages [`Indexer::queue`]d and not read yet.
    queue: Mutex<Queue>,
}

/// Pages waiting to be read, with the bytes of their HTML.
#[derive(Default)]
struct Queue {
    pages: Vec<(usize, String, Vec<u8>)>,
    bytes: usize,
}

/// A queue this long (pages, or bytes of HTML) is read at once by the worker that
/// filled it. Reading many pages in a row keeps the word cache, ICU4X's dictionary and
/// the language's tables in the CPU's caches, where one page between two renderings
/// found them pushed out by the templates' work: about a tenth of the index's CPU time
/// at 10,000 pages per language (BENCHMARKS.md, "Seventeenth session"). A full queue
/// holds a few MiB.
const QUEUE_PAGES: usize = 128;
const QUEUE_BYTES: usize = 4 << 20;

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

    /// Queues one page whose HTML the caller is done with, to be read with others
    /// ([`QUEUE_PAGES`]); whatever is still queued is read before the index is asked
    /// for anything ([`Indexer::languages`], [`Indexer::kept`], [`Indexer::finish`]).
    /// What the index holds is the same as with [`Indexer::add`]: a page's number
    /// follows `order`, not the order pages are read in.
    pub fn queue(&self, order: usize, file: String, html: Vec<u8>) {
        let full = match self.queue.lock() {
            Ok(mut queue) => {
                queue.bytes += html.len();
                queue.pages.push((order, file, html));
                if queue.pages.len() < QUEUE_PAGES && queue.bytes < QUEUE_BYTES {
                    return;
                }
                std::mem::take(&mut *queue)
            }
            Err(_) => return,
        };
        self.read(full);
    }

    /// Reads what is queued.
    fn flush(&self) {
        let queued = self
            .queue
            .lock()
            .map(|mut queue| std::mem::take(&mut *queue))
            .unwrap_or_default();
        self.read(queued);
    }

    fn read(&self, queue: Queue) {
        for (order, file, html) in queue.pages {
            self.add(order, &file, &html);
        }
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
        self.flush();
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
        self.flush();
        self.languages
            .lock()
            .map(|l| l.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The index files (without the client's): `pagefind-entry.json` and, per language,
    /// its meta, word chunks and page records.
    pub fn finish(self, client: &client::Client) -> Files {
        self.flush();
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
        let custom_body = languages
            .values()
            .flat_map(|l| &l.pages)
            .any(|p| p.has_body);
        merge_unknown(&mut languages, custom_body);
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
    // Room for the text and the rest of the record, so that writing it copies it once,
    // after the marker of Pagefind's files, so that compressing it copies it no more.
    let mut file = format::marked(record.content.len() + 512);
    if serde_json::to_writer(&mut file, &record).is_err() {
        file.truncate(format::MARKER.len());
    }
    let has_words = words.positions.iter().any(|p| !p.text.is_empty());
    let fragment = format::compress_marked(&file, format::LEVEL);
    let page = Page {
        order,
        hash: hex(&Sha256::digest(&fragment)),
        fragment,
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
    let mut postings = Vec::new();
    let mut locs = Vec::new();
    let mut meta = Vec::new();
    let cache = words.cache;
    let mut lists = Vec::with_capacity(words.positions.len());
    let packed = words
        .positions
        .into_iter()
        .zip(words.numbers)
        .map(|(mut p, number)| {
            let start = postings.len();
            pack_locs(&mut p.text, &mut locs);
            meta.clear();
            meta.extend(p.meta.iter().map(|m| (m.field as u8, m.position)));
            language::encode_positions(&mut postings, &locs, &meta);
            lists.push(p.text);
            (number, start..postings.len())
        })
        .collect();
    // The position lists serve the thread's next page.
    words::recycle(lists.into_iter());
    Packed {
        language: text.language,
        page,
        words: packed,
        keys: words.keys,
        postings,
        cache,
    }
}

/// Text positions as Pagefind packs them: sorted by weight (24 first) and position;
/// a weight change is `-(weight) - 1` and an absolute position, else a difference.
/// `out` is cleared first (one buffer serves every word of a page); `occurrences` are
/// left sorted.
fn pack_locs(occurrences: &mut [words::Occurrence], out: &mut Vec<i32>) {
    // Pagefind's "common weight" is 25; plain text weighs 24, which therefore sorts by
    // its value like any other weight. Kept as is: it is the format.
    occurrences.sort_by_key(|o| (if o.weight == 25 { 0 } else { o.weight }, o.position));
    out.clear();
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The languages `pagefind-entry.json` lists once `index` is finished.
    fn languages_of(index: Indexer) -> serde_json::Map<String, serde_json::Value> {
        let files = index.finish(&client::Client::default());
        let entry = files
            .iter()
            .find(|(p, _)| p == std::path::Path::new(client::ENTRY));
        let mut entry: serde_json::Value = serde_json::from_slice(&entry.unwrap().1).unwrap();
        match entry["languages"].take() {
            serde_json::Value::Object(languages) => languages,
            other => panic!("languages: {other}"),
        }
    }

    #[test]
    fn pages_without_a_language_join_the_largest_and_unmarked_pages_are_left_out() {
        let page = |lang: &str, body: &str| {
            format!(
                "<html{lang}><body><main{body}><h1>Title</h1><p>Words here</p></main></body></html>"
            )
        };
        let index = Indexer::new();
        let body = " data-pagefind-body";
        let pages = [
            (" lang=\"en\"", body),
            (" lang=\"en\"", body),
            ("", body),
            (" lang=\"zh-cn\"", body),
            (" lang=\"en\"", ""),
        ];
        for (i, (lang, marked)) in pages.into_iter().enumerate() {
            index.add(
                i,
                &format!("p{i}/index.html"),
                page(lang, marked).as_bytes(),
            );
        }
        let langs = languages_of(index);
        assert_eq!(langs.keys().collect::<Vec<_>>(), ["en", "zh-cn"]);
        assert_eq!(
            langs["en"]["page_count"], 3,
            "two English pages and the one without a language; not the unmarked one"
        );
        assert_eq!(langs["zh-cn"]["page_count"], 1);
    }

    #[test]
    fn pages_without_a_language_join_the_language_with_most_pages_in_the_index() {
        let index = Indexer::new();
        let pages = [
            "<html lang=\"en\"><body><p>One</p></body></html>",
            "<html lang=\"en\"><body><p>Two</p></body></html>",
            "<html lang=\"fr\"><body><main data-pagefind-body><p>Un</p></main></body></html>",
            "<html><body><main data-pagefind-body><p>Sans</p></main></body></html>",
        ];
        for (i, page) in pages.into_iter().enumerate() {
            index.add(i, &format!("p{i}/index.html"), page.as_bytes());
        }
        let langs = languages_of(index);
        // The English pages have no body where others have one: not in the index, so
        // French, with one page, is the language the page without one joins.
        assert_eq!(langs.keys().collect::<Vec<_>>(), ["fr"]);
        assert_eq!(langs["fr"]["page_count"], 2);
    }

    #[test]
    fn queued_pages_read_from_any_thread_in_any_order_index_as_pages_added_in_order() {
        use rayon::prelude::*;
        let pages: Vec<(String, String)> = (0..3 * QUEUE_PAGES + 7)
            .map(|i| {
                let (lang, text) = if i % 3 == 0 {
                    ("zh-cn", format!("新材料产业第{i}页，键合铜丝与石墨烯"))
                } else {
                    (
                        "en",
                        format!("Page {i} bonds wires; bonding {} materials", i % 7),
                    )
                };
                let html = format!(
                    "<html lang=\"{lang}\"><body><main data-pagefind-body>\
                     <h1 id=\"t{i}\">Title {i}</h1><p>{text}</p></main></body></html>"
                );
                (format!("p{i}/index.html"), html)
            })
            .collect();
        let added = Indexer::new();
        for (i, (file, html)) in pages.iter().enumerate() {
            added.add(i, file, html.as_bytes());
        }
        let queued = Indexer::new();
        pages
            .par_iter()
            .enumerate()
            .rev()
            .for_each(|(i, (file, html))| queued.queue(i, file.clone(), html.clone().into_bytes()));
        assert_eq!(
            queued.languages(),
            ["en", "zh-cn"],
            "what is queued is read first"
        );
        let client = client::Client::default();
        let (added, queued) = (added.finish(&client), queued.finish(&client));
        assert_eq!(added.len(), queued.len());
        for ((path_a, bytes_a), (path_b, bytes_b)) in added.iter().zip(&queued) {
            assert_eq!(path_a, path_b);
            let decoded = |b: &[u8]| format::decompress(b).unwrap_or_else(|| b.to_vec());
            assert_eq!(decoded(bytes_a), decoded(bytes_b), "{}", path_a.display());
        }
    }

    #[test]
    fn pages_still_queued_are_kept_for_serve() {
        let index = Indexer::keeping();
        index.queue(
            0,
            "a/index.html".into(),
            b"<html lang=\"en\"><p>Alpha</p></html>".to_vec(),
        );
        let mut kept = index.kept();
        let files = kept
            .files(|f| (f == "a/index.html").then_some(0))
            .unwrap_or_default();
        assert!(
            files
                .iter()
                .any(|(p, _)| p.to_string_lossy().ends_with(".pf_fragment")),
            "the queued page has its record: {:?}",
            files.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
    }

    #[test]
    fn positions_pack_as_pagefind_packs_them() {
        let o = |position, weight| words::Occurrence { position, weight };
        let mut out = vec![7];
        pack_locs(&mut [o(5, 24), o(0, 168), o(9, 24), o(2, 12)], &mut out);
        assert_eq!(out, [-13, 2, -25, 5, 4, -169, 0]);
    }

    #[test]
    fn hashes_are_lower_case_hex() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn urls_drop_index_html_and_encode_what_a_path_cannot_hold() {
        assert_eq!(page_url("index.html"), "/");
        assert_eq!(page_url("en/tech/case/index.html"), "/en/tech/case/");
        assert_eq!(page_url("a b/index.html"), "/a%20b/");
    }
}
