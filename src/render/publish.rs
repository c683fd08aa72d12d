//! Template helpers for what the publish stages add to every page's `<head>` and header:
//! `feed_url()`, `search_url()`, and the filters `json_script` (JSON-LD that cannot end
//! its `<script>` early), `absolute` (a root-relative URL made absolute, for Open Graph)
//! and `og_locale` (`zh-CN` → `zh_CN`).

use crate::msg;
use std::sync::Arc;

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::lookup::Lookup;

/// Registers the functions and filters on `tera`.
pub fn register(tera: &mut Tera, lookup: &Arc<Lookup>) {
    let l = Arc::clone(lookup);
    tera.register_function(
        "feed_url",
        move |_: Kwargs, st: &State| -> TeraResult<String> { Ok(feed_url(&l, &lang(st)?)) },
    );
    let l = Arc::clone(lookup);
    tera.register_function(
        "search_url",
        move |_: Kwargs, st: &State| -> TeraResult<String> {
            let config = &l.config;
            Ok(match config.language(&lang(st)?) {
                Some(lang) if config.search => {
                    config.url(&crate::output::layout::search_path(lang))
                }
                _ => String::new(),
            })
        },
    );
    tera.register_filter("json_script", |v: Value, _: Kwargs, _: &State| {
        json_script(&v).map(|s| Value::safe_string(&s))
    });
    let l = Arc::clone(lookup);
    tera.register_filter("absolute", move |v: &str, _: Kwargs, _: &State| {
        absolute(&l.config.base_url.origin, v)
    });
    tera.register_filter("og_locale", |v: &str, _: Kwargs, _: &State| og_locale(v));
}

/// The URL of `lang`'s Atom feed, or an empty string when the site has none.
fn feed_url(lookup: &Lookup, lang: &str) -> String {
    let config = &lookup.config;
    let section = &config.feeds.section;
    let has_section =
        !section.is_empty() && lookup.link(&format!("{section}/_index.md"), lang).is_ok();
    match config.language(lang) {
        Some(l) if has_section => config.url(&crate::output::feed::feed_path(l)),
        _ => String::new(),
    }
}

/// JSON for a `<script>` element, keys sorted: `<`, `>` and `&` (and the JavaScript line
/// separators) become `\u` escapes, so no string in it can close the element or open a
/// comment.
pub fn json_script(v: &Value) -> TeraResult<String> {
    // Through serde_json's sorted maps: Tera's maps iterate in random order, and the same
    // site must build to the same bytes.
    let json = serde_json::to_value(v)
        .and_then(|v| serde_json::to_string(&v))
        .map_err(|e| Error::message(msg!("template-json-failed", detail = e.to_string())))?;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `/renze/x/` → `https://example.org/renze/x/`; absolute URLs are left alone.
pub fn absolute(origin: &str, url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{origin}{url}")
    } else {
        url.to_owned()
    }
}

/// An Open Graph locale (`language_TERRITORY`) for a BCP 47 tag: `zh-CN` → `zh_CN`; a
/// bare language gets its most common territory (`en` → `en_US`).
pub fn og_locale(tag: &str) -> String {
    const BARE: [(&str, &str); 8] = [
        ("en", "en_US"),
        ("zh", "zh_CN"),
        ("fr", "fr_FR"),
        ("de", "de_DE"),
        ("es", "es_ES"),
        ("ja", "ja_JP"),
        ("ko", "ko_KR"),
        ("ru", "ru_RU"),
    ];
    BARE.iter()
        .find(|(bare, _)| *bare == tag)
        .map_or_else(|| tag.replace('-', "_"), |(_, l)| (*l).to_owned())
}

fn lang(state: &State) -> TeraResult<String> {
    state
        .get::<String>("lang")?
        .ok_or_else(|| Error::message(msg!("template-no-lang")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_for_a_script_cannot_close_it() {
        let v = Value::from_serializable(&serde_json::json!({
            "headline": "</script><script>alert(1)</script> & <!--",
            "line": "a\u{2028}b",
        }));
        let s = json_script(&v).unwrap();
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            back["headline"],
            "</script><script>alert(1)</script> & <!--"
        );
        assert_eq!(back["line"], "a\u{2028}b");
    }

    #[test]
    fn locales_and_absolute_urls() {
        assert_eq!(og_locale("zh-CN"), "zh_CN");
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        assert_eq!(
            absolute("https://e.org", "/renze/a.png"),
            "https://e.org/renze/a.png"
        );
        assert_eq!(
            absolute("https://e.org", "https://x.org/a"),
            "https://x.org/a"
        );
    }
}
