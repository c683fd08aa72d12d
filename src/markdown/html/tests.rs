//! The raw-HTML policy and its locating, case by case (fuzzing finds included).
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
                "`href` with a javascript: URL is not allowed",
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
                "inline event handler `onclick` is not allowed",
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
fn plain_text_decodes_as_a_browser_does() {
    let html =
        "<span class=\"stat\">6575.9万元</span> &amp; <b>x</b> &#x4E2D;&#25991; &bogus;<unclosed";
    assert_eq!(plain_text(html), "6575.9万元 & x 中文 &bogus;");
}

#[test]
fn a_raw_text_element_left_open_is_reported_and_its_end_closes_it() {
    let found = scan("<p><iframe src=http://evil.example <</p>");
    assert!(
        found.contains(&Finding::Opened {
            name: "iframe".into(),
            span: 3..10
        }),
        "{found:?}"
    );
    let closed = scan("<textarea>a <b> c</textarea>");
    assert!(
        closed.contains(&Finding::Closed("textarea".into())),
        "{closed:?}"
    );
    // Inside raw text, markup is text: no script here.
    assert_eq!(refused("<textarea><script>x</script></textarea>"), vec![]);
}

/// Found by fuzzing the tokenizer-based scanner: a NUL in `srcdoc` is U+FFFD (three
/// bytes) in the decoded value, and the nested scan sliced inside it.
#[test]
fn nul_bytes_decoded_to_replacement_characters_do_not_break_locating() {
    let html = "<iframe srcdoc=\0\0\0\0< -->\n\n<ip\0\0\0";
    let _ = scan(html);
    let _ = scan("\u{fffd}\u{fffd}<");
    let _ = scan("<a\0\0\0 onclick=x>");
    assert_eq!(refused("<a\0\0 onclick=x>").len(), 1);
}

/// Found by fuzzing: blocks scanned one by one are fine, but an `<svg>` left open in
/// one changes how the browser reads the next (`<span>` leaves SVG, so `<![CDATA[`
/// is a bogus comment and the handler after its `>` is live).
#[test]
fn the_whole_page_is_read_as_a_browser_reads_it() {
    let page = "<svg>\n<p><span><![CDATA[ \"><img src=x onerror=alert(1)> ]]></span></p>";
    assert!(page_runs_script(page).is_some());
    assert!(page_runs_script("<p><a href=\"/x\" title=\"on\">x</a></p>").is_none());
    assert!(
        page_runs_script("<iframe srcdoc=\"&lt;script&gt;x&lt;/script&gt;\"></iframe>").is_some()
    );
}

#[test]
fn data_urls_holding_documents_are_refused() {
    for (html, attr) in [
        (
            "<iframe src=\"data:text/html,<script>x</script>\"></iframe>",
            "src",
        ),
        (
            "<a href=\" DATA:Text/HTML;base64,PHNjcmlwdD4=\">x</a>",
            "href",
        ),
        ("<embed src=\"data:image/svg+xml,<svg onload=x>\">", "src"),
    ] {
        let found = refused(html);
        assert_eq!(found.len(), 1, "{html}: {found:?}");
        assert!(
            found[0]
                .0
                .starts_with(&format!("`{attr}` with a `data:` URL")),
            "{found:?}"
        );
    }
    assert_eq!(
        refused("<img src=\"data:image/png;base64,iVBOR\" alt=\"\">"),
        vec![]
    );
}
