//! Link destinations: `@/` internal links, root-relative URLs under the site's base
//! path, script URLs, and where a destination sits in the source.

use std::ops::Range;

/// True for a URL a browser would run as script (`javascript:`, any case, with leading
/// spaces or control characters, and tabs or newlines anywhere, as browsers ignore them).
pub(super) fn is_script_url(url: &str) -> bool {
    let mut chars = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    "javascript:"
        .chars()
        .all(|want| chars.next().is_some_and(|c| c.to_ascii_lowercase() == want))
}

/// True for `/path` (but not `//host/path`): the site's base path goes in front.
pub(super) fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// `base_path` normalised to start and end with exactly one `/`.
pub(super) fn normalize_base(base_path: &str) -> String {
    let inner = base_path.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

/// A root-relative `url` under the normalised `base`: `/img.png` → `/renze/img.png`.
pub(super) fn under_base(base: &str, url: &str) -> String {
    let mut out = String::with_capacity(base.len() + url.len());
    out.push_str(base);
    out.push_str(url.strip_prefix('/').unwrap_or(url));
    out
}

/// Splits `@/tech/_index.md#anchor` into its path and (non-empty) anchor.
pub(super) fn split_internal(url: &str) -> Option<(&str, Option<&str>)> {
    let rest = url.strip_prefix("@/")?;
    Some(match rest.split_once('#') {
        Some((path, "")) => (path, None),
        Some((path, anchor)) => (path, Some(anchor)),
        None => (rest, None),
    })
}

/// Where `dest` is written for the link spanning `link` in `body`: right after the
/// link's `](` for inline links; for reference links (destination elsewhere), the whole
/// link. Only the link's own text is searched, so this is linear over a page.
pub(super) fn dest_span(body: &str, link: Range<usize>, dest: &str) -> Range<usize> {
    let text = body.get(link.clone()).unwrap_or("");
    let inline = text.match_indices("](").find_map(|(i, _)| {
        let after = &text[i + 2..];
        let trimmed = after.trim_start().trim_start_matches('<');
        (trimmed.starts_with(dest) && !dest.is_empty())
            .then(|| link.start + i + 2 + after.len() - trimmed.len())
    });
    match inline {
        Some(start) => start..start + dest.len(),
        None => link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls() {
        let cases = [
            ("javascript:alert(1)", true),
            ("JavaScript:alert(1)", true),
            ("  \u{1}javascript:x", true),
            ("java\tscript:x", true),
            ("java\nscript:x", true),
            ("javascript", false),
            ("https://example.com/javascript:x", false),
            ("/javascript:x", false),
            ("", false),
        ];
        for (url, script) in cases {
            assert_eq!(is_script_url(url), script, "{url:?}");
        }
    }

    #[test]
    fn base_paths() {
        let cases = [
            ("/", "/img.png", "/img.png"),
            ("/renze/", "/img.png", "/renze/img.png"),
            ("/renze", "/a/b.png", "/renze/a/b.png"),
            ("renze/", "/", "/renze/"),
            ("", "/x", "/x"),
        ];
        for (base, url, out) in cases {
            assert_eq!(under_base(&normalize_base(base), url), out, "{base} {url}");
        }
        assert!(is_root_relative("/img.png"));
        assert!(!is_root_relative("//cdn.example.com/x.js"));
        assert!(!is_root_relative("https://example.com/"));
        assert!(!is_root_relative("img.png"));
    }

    #[test]
    fn internal_targets() {
        let cases = [
            ("@/tech/_index.md", Some(("tech/_index.md", None))),
            ("@/a.md#sec-1", Some(("a.md", Some("sec-1")))),
            ("@/a.md#", Some(("a.md", None))),
            ("/a.md", None),
            ("a@/b.md", None),
        ];
        for (url, parts) in cases {
            assert_eq!(split_internal(url), parts, "{url}");
        }
    }

    #[test]
    fn destination_spans() {
        let body = "见[链接 @/a.md](  <@/a.md> \"@/a.md\") and [r][x]\n\n[x]: @/b.md\n";
        let link = 3..body.find(')').map_or(0, |i| i + 1);
        let at = body.find("<@").map_or(0, |i| i + 1);
        assert_eq!(dest_span(body, link, "@/a.md"), at..at + 6);
        let r = body.find("[r]").unwrap_or(0);
        assert_eq!(dest_span(body, r..r + 6, "@/b.md"), r..r + 6);
    }
}
