//! The search index's fast page reader against lol_html's: on any bytes, the fast reader
//! either leaves the page to lol_html or reads it exactly as the lol_html reader does
//! (the same text, metadata, anchors and language).
#![no_main]

use libfuzzer_sys::fuzz_target;
use profilegen::search::html;

fuzz_target!(|page: &[u8]| {
    if let Some(fast) = html::read_fast(page) {
        assert_eq!(fast, html::read_with_lol_html(page), "{:?}", String::from_utf8_lossy(page));
    }
});
