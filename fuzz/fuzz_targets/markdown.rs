//! The whole Markdown stage on any body: pulldown-cmark, heading ids, `@/` links,
//! shortcodes, the raw-HTML script policy. Must never panic; errors must render as
//! reports; the HTML may never carry a `<script` that the page did not refuse.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use profilegen::markdown::{self, Input, Options, Resolver, Shortcode};

struct Stub;

impl Resolver for Stub {
    fn link(&self, path: &str, _lang: &str) -> Result<String, (String, Option<String>)> {
        if path == "tech/_index.md" {
            Ok("/tech/".to_owned())
        } else {
            Err((format!("no page `{path}`"), None))
        }
    }

    fn shortcode(&self, call: &Shortcode, _lang: &str) -> Result<String, (String, Option<String>)> {
        match call.name.as_str() {
            "stat" => Ok("<span class=\"stat\">1</span>".to_owned()),
            other => Err((format!("unknown shortcode `{other}`"), None)),
        }
    }

    fn base_path(&self) -> &str {
        "/renze/"
    }
}

fuzz_target!(|body: &str| {
    const HEAD: &str = "+++\ntitle = \"t\"\n+++\n";
    let text: Arc<str> = Arc::from(format!("{HEAD}{body}"));
    let input = Input {
        file: Path::new("content/a.md"),
        text: &text,
        body: HEAD.len()..text.len(),
        lang: "zh",
    };
    match markdown::render(&input, &Options::default(), &Stub) {
        Ok(page) => {
            let lower = page.html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "script in {:?}", page.html);
        }
        Err(diagnostics) => {
            for d in diagnostics {
                assert!(!d.render(false).is_empty());
            }
        }
    }
});
