//! Raw HTML in content: the script policy (no `<script>`, no `on…=` handlers, no
//! `javascript:` URLs), the ids it defines, and plain text of HTML fragments.
//!
//! Editors are trusted with raw HTML otherwise; this is a linear scan of tags and
//! attributes, not a sanitizer.

use std::borrow::Cow;
use std::ops::Range;

use super::links::{SCRIPT_URL_HINT, is_script_url};
use super::shortcode;

/// Hint for every raw-HTML script refusal.
const NO_SCRIPT_HINT: &str = "raw HTML in content may not run scripts: remove the script or \
     the `on…` attribute, and ask for a shortcode or template feature instead";

/// Hint for a tag or comment that the raw HTML leaves open.
const UNCLOSED_HINT: &str = "close it before the blank line that ends the HTML block: a \
     browser would read the page's following HTML as part of it (its text as attributes)";

/// Attributes whose value is a URL a browser may follow or load, or (SVG `<animate>`
/// and `<set>`: `to`, `from`, `values`) may set as one.
const URL_ATTRS: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "to",
    "from",
    "values",
];

/// Something found in raw HTML.
#[derive(Debug, PartialEq)]
pub(super) enum Finding {
    /// A policy violation, with its byte range in the scanned text.
    Refused {
        message: String,
        hint: &'static str,
        span: Range<usize>,
    },
    /// An `id` attribute's value: an anchor other pages may link to.
    Id(String),
    /// A well-formed shortcode call, which is not expanded inside raw HTML.
    Shortcode(Range<usize>),
}

/// Scans a fragment of raw HTML (a whole HTML block, or one inline tag).
pub(super) fn scan(html: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut pos = 0;
    while let Some(rel) = html.get(pos..).and_then(|rest| rest.find('<')) {
        pos = scan_markup(html, pos + rel, &mut findings);
    }
    for (at, _) in html.match_indices("{{") {
        if let Ok(call) = shortcode::parse(html, at) {
            findings.push(Finding::Shortcode(at..call.end));
        }
    }
    findings
}

/// Scans the markup starting at the `<` at `at`; returns where to go on from.
fn scan_markup(html: &str, at: usize, findings: &mut Vec<Finding>) -> usize {
    let rest = &html[at + 1..];
    if rest.starts_with("!--") {
        // A browser ends a comment at `-->` or `--!>` (and `<!-->`, `<!--->` are whole
        // comments); resuming at the earliest of these never skips live markup.
        let end = [("-->", 3), ("--!>", 4)]
            .iter()
            .filter_map(|(close, len)| rest.get(1..)?.find(close).map(|i| 1 + i + len))
            .min();
        if end.is_none() {
            findings.push(unclosed("an HTML comment `<!--` is not closed", at..at + 4));
        }
        return end.map_or(html.len(), |e| at + 1 + e);
    }
    let alpha = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic());
    let end_tag = rest.strip_prefix('/').filter(|name| alpha(name));
    let bogus = rest.starts_with(['!', '?']) || (rest.starts_with('/') && end_tag.is_none());
    if bogus {
        // `<!x`, `<?x`, `</1`, `</>`: a browser reads a bogus comment up to the first `>`,
        // so a `<!--` inside it starts no comment that could hide later markup.
        return match rest.find('>') {
            Some(i) => at + 2 + i,
            None => {
                let message = "markup starting `<!`, `<?` or `</` is not closed with `>`";
                findings.push(unclosed(message, at..at + 2));
                html.len()
            }
        };
    }
    let (tag, name_at) = match end_tag {
        Some(tag) => (tag, at + 2),
        None => (rest, at + 1),
    };
    if !alpha(tag) {
        return at + 1;
    }
    // As in a browser, a tag's name runs to whitespace, `/` or `>`: `<a.b="x` is one name,
    // and its `"` opens no attribute value that could hide the attributes after it.
    let name_len = tag
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(tag.len());
    if end_tag.is_none() && tag[..name_len].eq_ignore_ascii_case("script") {
        findings.push(Finding::Refused {
            message: "`<script>` elements are not allowed in content".to_owned(),
            hint: NO_SCRIPT_HINT,
            span: at..name_at + name_len,
        });
    }
    // An end tag is read like a start tag, up to its `>` (a `<!--` in it is part of it),
    // but browsers drop its attributes, so they are neither refused nor anchors.
    let end = match end_tag {
        Some(_) => scan_attributes(html, name_at + name_len, &mut Vec::new()),
        None => scan_attributes(html, name_at + name_len, findings),
    };
    if !html[..end].ends_with('>') {
        let slash = if end_tag.is_some() { "/" } else { "" };
        let message = format!(
            "the tag `<{slash}{}` is not closed with `>`",
            &tag[..name_len]
        );
        findings.push(unclosed(&message, at..name_at + name_len));
    }
    end
}

fn unclosed(message: &str, span: Range<usize>) -> Finding {
    Finding::Refused {
        message: message.to_owned(),
        hint: UNCLOSED_HINT,
        span,
    }
}

/// Scans a tag's attributes from `pos`; returns the offset just past the tag's `>` (or
/// the end of `html` for a tag left open).
fn scan_attributes(html: &str, mut pos: usize, findings: &mut Vec<Finding>) -> usize {
    let bytes = html.as_bytes();
    loop {
        while bytes
            .get(pos)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            pos += 1;
        }
        match bytes.get(pos) {
            None => return pos,
            Some(b'>') => return pos + 1,
            Some(_) => {}
        }
        let attr = attribute(html, pos);
        let name = &html[attr.name.clone()];
        let value = attr.value.clone().map(|v| &html[v]);
        if let Some((message, hint)) = check_attribute(name, value) {
            let span = attr.name.start..attr.end;
            findings.push(Finding::Refused {
                message,
                hint,
                span,
            });
        } else if name.eq_ignore_ascii_case("id") {
            let id = value.map(decode_entities).unwrap_or_default();
            if !id.is_empty() {
                findings.push(Finding::Id(id.into_owned()));
            }
        }
        pos = attr.end;
    }
}

/// One attribute: byte ranges of its name and value, and where it ends.
struct Attribute {
    name: Range<usize>,
    value: Option<Range<usize>>,
    end: usize,
}

/// Reads the attribute at `start` (not whitespace, `/` or `>`); always moves forward.
fn attribute(html: &str, start: usize) -> Attribute {
    let bytes = html.as_bytes();
    let stop = |b: &u8| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/');
    let name_end = start
        + bytes[start..]
            .iter()
            .position(stop)
            .unwrap_or(bytes.len() - start);
    let skip_ws = |mut p: usize| {
        while bytes.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        p
    };
    let eq = skip_ws(name_end);
    if bytes.get(eq) != Some(&b'=') {
        let (name, end) = (start..name_end, name_end);
        return Attribute {
            name,
            value: None,
            end,
        };
    }
    let v = skip_ws(eq + 1);
    let (value, end) = match bytes.get(v) {
        Some(q @ (b'"' | b'\'')) => match bytes[v + 1..].iter().position(|b| b == q) {
            Some(len) => (v + 1..v + 1 + len, v + len + 2),
            None => (v + 1..bytes.len(), bytes.len()),
        },
        _ => {
            let len = bytes[v..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .unwrap_or(bytes.len() - v);
            (v..v + len, v + len)
        }
    };
    Attribute {
        name: start..name_end,
        value: Some(value),
        end,
    }
}

/// The policy for one attribute (raw HTML or a heading's `{…}` attributes): a message
/// and hint if it is refused.
pub(super) fn check_attribute(name: &str, value: Option<&str>) -> Option<(String, &'static str)> {
    let bytes = name.as_bytes();
    if bytes.len() > 2 && bytes[..2].eq_ignore_ascii_case(b"on") {
        let message = format!("inline event handler `{name}` is not allowed");
        return Some((message, NO_SCRIPT_HINT));
    }
    let value = decode_entities(value?);
    let is_url = URL_ATTRS.iter().any(|a| a.eq_ignore_ascii_case(name));
    // `values` is a `;`-separated list of values an animation sets in turn; in any
    // other attribute a `;` is part of the URL.
    let list = if name.eq_ignore_ascii_case("values") {
        ';'
    } else {
        '\0'
    };
    if is_url && value.split(list).any(is_script_url) {
        let message = format!("`{name}` with a javascript: URL is not allowed");
        return Some((message, SCRIPT_URL_HINT));
    }
    // srcdoc is a document of its own: a tag left open there stays there.
    let refused =
        |f: &Finding| matches!(f, Finding::Refused { hint, .. } if *hint != UNCLOSED_HINT);
    if name.eq_ignore_ascii_case("srcdoc") && scan(&value).iter().any(refused) {
        let message = "`srcdoc` with script in its HTML is not allowed".to_owned();
        return Some((message, NO_SCRIPT_HINT));
    }
    None
}

/// Decodes numeric character references and the named ones that matter here.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (c, len) = entity(&rest[i..]).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

const NAMED: [(&str, char); 9] = [
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&apos;", '\''),
    ("&nbsp;", '\u{a0}'),
    ("&colon;", ':'),
    ("&Tab;", '\t'),
    ("&NewLine;", '\n'),
];

/// The references a browser also decodes without their `;` (the legacy ones among those
/// that matter here, in both spellings it knows).
const LEGACY: [(&str, char); 9] = [
    ("&amp", '&'),
    ("&AMP", '&'),
    ("&lt", '<'),
    ("&LT", '<'),
    ("&gt", '>'),
    ("&GT", '>'),
    ("&quot", '"'),
    ("&QUOT", '"'),
    ("&nbsp", '\u{a0}'),
];

/// The character and byte length of the reference at the start of `text` (`&…`).
fn entity(text: &str) -> Option<(char, usize)> {
    if let Some((name, c)) = NAMED.iter().find(|(name, _)| text.starts_with(name)) {
        return Some((*c, name.len()));
    }
    if let Some((name, c)) = LEGACY.iter().find(|(name, _)| text.starts_with(name)) {
        // In an attribute value (what is decoded here), `&gtx` and `&gt=` stay as they are;
        // `&gt` before anything else, `ň` included, is `>`.
        return match text[name.len()..].chars().next() {
            Some(';') => Some((*c, name.len() + 1)),
            Some(next) if next == '=' || next.is_ascii_alphanumeric() => None,
            _ => Some((*c, name.len())),
        };
    }
    let body = text.strip_prefix("&#")?;
    let hex = body.starts_with(['x', 'X']);
    let (radix, digits) = if hex { (16, &body[1..]) } else { (10, body) };
    let len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    if len == 0 {
        return None;
    }
    let value = digits[..len].chars().fold(0u32, |acc, d| {
        let digit = d.to_digit(radix).unwrap_or(0);
        acc.saturating_mul(radix).saturating_add(digit)
    });
    let semicolon = usize::from(digits[len..].starts_with(';'));
    let c = char::from_u32(value).unwrap_or('\u{fffd}');
    Some((c, 2 + usize::from(hex) + len + semicolon))
}

/// The visible text of an HTML fragment: tags removed, entities decoded.
pub(super) fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = rest[i..].find('>').map_or("", |end| &rest[i + end + 1..]);
    }
    text.push_str(rest);
    match decode_entities(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(decoded) => decoded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(html: &str) -> Vec<(String, &str)> {
        scan(html)
            .into_iter()
            .filter_map(|f| match f {
                Finding::Refused { message, span, .. } => Some((message, &html[span])),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn script_policy() {
        let cases: [(&str, &[(&str, &str)]); 29] = [
            ("<a href=\"https://x.org\">x</a>", &[]),
            ("<a href=\"/a\" title=\"javascript: tips\">", &[]),
            ("<!-- <script> onclick=x --><p>", &[]),
            ("<p>1 < 2 onclick=x</p>", &[]),
            (
                "<script>alert(1)</script>",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            (
                "<SCRIPT src=x>",
                &[("`<script>` elements are not allowed in content", "<SCRIPT")],
            ),
            (
                "<a href=\"javascript:alert(1)\">",
                &[(
                    "`href` with a javascript: URL is not allowed",
                    "href=\"javascript:alert(1)\"",
                )],
            ),
            (
                "<a HREF=' JavaScript:x'>",
                &[(
                    "`HREF` with a javascript: URL is not allowed",
                    "HREF=' JavaScript:x'",
                )],
            ),
            (
                "<a href=&#106;avascript&colon;x>",
                &[(
                    "`href` with a javascript: URL is not allowed",
                    "href=&#106;avascript&colon;x",
                )],
            ),
            (
                "<img src=x onerror=alert(1)>",
                &[(
                    "inline event handler `onerror` is not allowed",
                    "onerror=alert(1)",
                )],
            ),
            (
                "<div\n  onClick = \"go()\"\n>",
                &[(
                    "inline event handler `onClick` is not allowed",
                    "onClick = \"go()\"",
                )],
            ),
            (
                "<svg><a xlink:href=\"javascript:x\"/></svg>",
                &[(
                    "`xlink:href` with a javascript: URL is not allowed",
                    "xlink:href=\"javascript:x\"",
                )],
            ),
            (
                "<svg><a><animate attributeName=\"href\" to=\"javascript:x\"/></a></svg>",
                &[(
                    "`to` with a javascript: URL is not allowed",
                    "to=\"javascript:x\"",
                )],
            ),
            (
                "<set attributeName=href values=\"/a; javascript:x\">",
                &[(
                    "`values` with a javascript: URL is not allowed",
                    "values=\"/a; javascript:x\"",
                )],
            ),
            (
                "<iframe srcdoc=\"<script>alert(1)</script>\">",
                &[(
                    "`srcdoc` with script in its HTML is not allowed",
                    "srcdoc=\"<script>alert(1)</script>\"",
                )],
            ),
            ("<iframe srcdoc=\"<p>&lt;b&gt;hi</p>\" title=\"x\">", &[]),
            ("<a href=\"x;javascript:y\">", &[]),
            (
                "<!-- x --!> <script>alert(1)</script> -->",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            (
                "<!--> <img src=x onerror=alert(1)> -->",
                &[(
                    "inline event handler `onerror` is not allowed",
                    "onerror=alert(1)",
                )],
            ),
            // Found by fuzzing: `</sv<!--` is one end tag up to its `>`, not a comment.
            (
                "</sv<!-- x -!> <script>alert(1)</script> -->",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            (
                "</a x=\"<!--\"> <script>alert(1)</script> -->",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            // Bogus comments end at the first `>`.
            (
                "<!x <!-- > <script>alert(1)</script> -->",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            (
                "<?x <!-- ?> <img src=x onerror=alert(1)> -->",
                &[(
                    "inline event handler `onerror` is not allowed",
                    "onerror=alert(1)",
                )],
            ),
            (
                "</1 <!-- > <script>alert(1)</script> -->",
                &[("`<script>` elements are not allowed in content", "<script")],
            ),
            (
                "<iframe srcdoc=\"&lt;script&gtň&lt;/script&gt;\">",
                &[(
                    "`srcdoc` with script in its HTML is not allowed",
                    "srcdoc=\"&lt;script&gtň&lt;/script&gt;\"",
                )],
            ),
            // Found by fuzzing: a tag's name runs to whitespace, so this `"` quotes nothing.
            (
                "<a.b=\"x onclick=alert(1) y=\"\">",
                &[(
                    "inline event handler `onclick` is not allowed",
                    "onclick=alert(1)",
                )],
            ),
            (
                "<aq\0jvalues=\"/t a\nonerror=alert(1) x=\"\">",
                &[(
                    "inline event handler `onerror` is not allowed",
                    "onerror=alert(1)",
                )],
            ),
            // An end tag's attributes are dropped by browsers: nothing to refuse.
            ("<b>x</b onclick=alert(1)>", &[]),
            ("<!DOCTYPE html><p>x</p></>", &[]),
        ];
        for (html, expected) in cases {
            let expected: Vec<(String, &str)> = expected
                .iter()
                .map(|(m, s)| ((*m).to_owned(), *s))
                .collect();
            assert_eq!(refused(html), expected, "{html}");
        }
    }

    #[test]
    fn ids_and_shortcodes() {
        let html = "<span id=\"note-1\"></span><a name=x id=b&amp;c> {{ stat(id=\"x\") }} {{ x";
        let found = scan(html);
        let at = html.find("{{").unwrap_or(0);
        assert_eq!(
            found,
            vec![
                Finding::Id("note-1".to_owned()),
                Finding::Id("b&c".to_owned()),
                Finding::Shortcode(at..at + 18),
            ]
        );
    }

    #[test]
    fn malformed_markup_ends() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "<!--",
            "<a =x>",
            "<é x>",
            "<a oé=1>",
        ] {
            let _ = scan(html);
        }
        assert_eq!(refused("<a on>"), vec![]);
    }

    #[test]
    fn a_tag_or_comment_left_open_is_refused() {
        let open_tag = |name: &str| format!("the tag `<{name}` is not closed with `>`");
        let cases = [
            ("<div id=\"a onclick", open_tag("div"), "<div"),
            ("<p>x</p>\n<img src=x", open_tag("img"), "<img"),
            ("<span title='it\"s'", open_tag("span"), "<span"),
            ("<p>x</p", open_tag("/p"), "</p"),
            (
                "<p>x</p><!x",
                "markup starting `<!`, `<?` or `</` is not closed with `>`".to_owned(),
                "<!",
            ),
            (
                "<!-- note",
                "an HTML comment `<!--` is not closed".to_owned(),
                "<!--",
            ),
        ];
        for (html, message, span) in cases {
            assert_eq!(refused(html), vec![(message, span)], "{html}");
        }
        for closed in [
            "<div id=\"a\">",
            "<p>1 < 2</p>",
            "<!-- x -->",
            "<br/>",
            "<a\nhref=x\n>",
        ] {
            assert_eq!(refused(closed), vec![], "{closed}");
        }
    }

    #[test]
    fn entities_and_plain_text() {
        let cases = [
            (
                "a &amp; b &lt;c&gt; &#x4E2D;&#25991; &bogus; &#",
                "a & b <c> 中文 &bogus; &#",
            ),
            ("&#106avascript", "javascript"),
            // Found by fuzzing: the legacy references need no `;`.
            ("&lt;script&gtň&lt/script&GT;", "<script>ň</script>"),
            ("&ltx &gt= &amp;", "&ltx &gt= &"),
            ("&#99999999999;", "\u{fffd}"),
        ];
        for (text, decoded) in cases {
            assert_eq!(decode_entities(text), decoded, "{text}");
        }
        let html = "<span class=\"stat\">6575.9万元</span> &amp; <b>x</b><unclosed";
        assert_eq!(plain_text(html), "6575.9万元 & x");
    }
}
