//! The whole Markdown stage on any body: pulldown-cmark, heading ids, `@/` links,
//! shortcodes, the raw-HTML script policy. Must never panic; errors must render as
//! reports; an accepted page, parsed as a browser parses it, runs no script (no
//! `<script>`, no `on…=` handler, no `javascript:` URL, no srcdoc holding either).
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

/// Attributes whose value a browser follows, loads or (SVG animation) sets as a URL.
const URL_ATTRS: [&str; 12] = [
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "to", "from", "values",
];

/// A URL a browser runs as script, as browsers read it (controls and spaces trimmed,
/// tabs and newlines dropped, any case).
fn runs_script(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    cleaned.to_ascii_lowercase().starts_with("javascript:")
}

/// What a browser would run in `html`, found by parsing it as a browser does.
fn script_in(html: &str) -> Option<String> {
    let dom = scraper::Html::parse_fragment(html);
    for node in dom.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        if el.name().eq_ignore_ascii_case("script") {
            return Some("a <script> element".to_owned());
        }
        for (name, value) in el.attrs() {
            let name = name.to_ascii_lowercase();
            // `on` alone names no event; `onclick` and the like are handlers.
            if name.len() > 2 && name.starts_with("on") {
                return Some(format!("handler {name}={value:?}"));
            }
            // Only an animation's `values` is a `;` list; `href="&;javascript:"` is a path.
            let separator = if name == "values" { ';' } else { '\0' };
            let mut urls = value.split(separator);
            if URL_ATTRS.contains(&name.as_str()) && urls.any(runs_script) {
                return Some(format!("{name}={value:?}"));
            }
            if name == "srcdoc" && script_in(value).is_some() {
                return Some(format!("srcdoc={value:?}"));
            }
        }
    }
    None
}

fuzz_target!(|body: &str| {
    const HEAD: &str = "+++\ntitle = \"t\"\n+++\n";
    let text: Arc<str> = Arc::from(format!("{HEAD}{body}"));
    let input = Input {
        file: Path::new("content/a.md"),
        text: &text,
        body: HEAD.len()..text.len(),
        lang: "zh",
        foreign: Default::default(),
    };
    match markdown::render(&input, &Options::default(), &Stub) {
        Ok(page) => {
            if let Some(script) = script_in(&page.html) {
                panic!("accepted page runs script ({script}):\n{}", page.html);
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                assert!(!d.render(false).is_empty());
            }
        }
    }
});
