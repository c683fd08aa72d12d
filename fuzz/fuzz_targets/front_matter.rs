//! Front-matter splitting: any bytes, decoded as a content file is (BOM, CRLF, GBK and
//! UTF-16 detection), then split and parsed. Must never panic; a failure must render as
//! a report; a success must leave a body range that slices the text.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use profilegen::content::front_matter;
use profilegen::fsutil;

fuzz_target!(|bytes: &[u8]| {
    let file = Path::new("content/tech/a.md");
    let text: Arc<str> = match fsutil::decode(bytes.to_vec(), file) {
        Ok(text) => text,
        Err(report) => {
            assert!(!report.to_string().is_empty());
            return;
        }
    };
    match front_matter::parse(&text, file) {
        Ok(split) => {
            assert!(text.get(split.body.clone()).is_some(), "body range {:?}", split.body);
            for s in [&split.meta.slug, &split.meta.template].into_iter().flatten() {
                assert_eq!(text.get(s.span()).map(|_| ()), Some(()), "span {:?}", s.span());
            }
        }
        Err(report) => {
            let shown = report.to_string();
            assert!(shown.contains("content/tech/a.md"), "{shown}");
        }
    }
});
