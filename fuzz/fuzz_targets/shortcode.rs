//! Shortcode parsing: every `{{` of any text is parsed as a call. Must never panic; a
//! call's span must run from its `{{` to just past a `}}` on char boundaries, and an
//! error must point inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use profilegen::markdown::parse_shortcode;

fuzz_target!(|text: &str| {
    for (at, _) in text.match_indices("{{").take(256) {
        match parse_shortcode(text, at) {
            Ok(call) => {
                assert_eq!(call.span.start, at);
                let whole = text.get(call.span.clone()).expect("span on char boundaries");
                assert!(whole.starts_with("{{") && whole.ends_with("}}"), "{whole:?}");
                assert!(!call.name.is_empty());
            }
            Err((message, stop)) => {
                assert!(!message.is_empty());
                assert!(stop >= at && stop <= text.len(), "stop {stop} outside {at}..");
            }
        }
    }
});
