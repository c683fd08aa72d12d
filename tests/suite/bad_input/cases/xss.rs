//! Script planted in front matter, config strings and statistics labels must come out
//! as text: escaped in HTML text and attributes, quoted and formula-guarded in CSV.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{edit, page};
use crate::bad_input::html_files;
use crate::harness::{Site, tree_bytes};

const SITE_TITLE: &str = r#"<script>alert("site")</script>"#;
const NAV_HOME: &str = r#""><img src=x onerror=alert("nav")>"#;
const TITLE: &str = r#"</title><script>alert("title")</script>"#;
const DESCRIPTION: &str = r#""><svg onload=alert("desc")>"#;
const LABEL: &str = r#"<script>alert("label")</script>"#;
const FORMULA: &str = r#"=HYPERLINK("http://evil.example","x")"#;
const GROUP: &str = r#"<b onmouseover=alert("group")>"#;

/// Raw markup that must never appear in an HTML, SVG or XML file.
const RAW: [&str; 5] = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<b onmouseover",
    "</title><script",
];

/// Plants the payloads (TOML literal strings keep them verbatim).
pub fn plant(s: &Site) {
    edit(
        s,
        "config.toml",
        "title = \"任泽区新材料产业概况\"",
        &format!("title = '{SITE_TITLE}'"),
    );
    edit(
        s,
        "config.toml",
        "nav_home = \"首页\"",
        &format!("nav_home = '{NAV_HOME}'"),
    );
    edit(
        s,
        "config.toml",
        "nav_home = \"Home\"",
        &format!("nav_home = '{NAV_HOME}'"),
    );
    page(
        s,
        &format!("title = '{TITLE}'\ndescription = '{DESCRIPTION}'\n"),
    );
    edit(
        s,
        "content/tech/case.md",
        "案例。",
        "见{{ stat(id=\"xss\") }}。\n\n{{ chart(group=\"kf\") }}",
    );
    s.write("content/stats.toml", &format!(
        "[[stat]]\nid = \"xss\"\nvalue = 430\nunit = \"enterprises\"\nqualifier = \"over\"\nas_of = 2024\n\
         label = {{ zh = '{LABEL}', en = '{FORMULA}' }}\nsource = {{ zh = '{NAV_HOME}', en = '{LABEL}' }}\n\n\
         [[group]]\nid = \"kf\"\ntitle = {{ zh = '{GROUP}', en = '{GROUP}' }}\nstats = [\"xss\"]\n"
    ));
    s.write(
        "content/_index.md",
        "+++\ntitle = \"首页\"\n[extra]\nkey_figures = \"kf\"\n+++\n欢迎。\n",
    );
    s.write(
        "content/data/_index.md",
        "+++\ntitle = \"数据\"\ntemplate = \"data.html\"\n+++\n",
    );
    s.write(
        "content/data/_index.en.md",
        "+++\ntitle = \"Data\"\ntemplate = \"data.html\"\n+++\n",
    );
}

/// The payloads are text in the parsed pages, and markup nowhere.
pub fn check(s: &Site, _: &BTreeMap<PathBuf, Vec<u8>>) {
    for (path, bytes, page) in html_files(s) {
        let shown = path.display();
        for script in page.all("script") {
            let (v, text): (_, String) = (script.value(), script.text().collect());
            if let Some(src) = v.attr("src") {
                // The theme's own script files (search): a site path, nothing inline.
                assert!(
                    src.starts_with('/') && !src.starts_with("//"),
                    "{shown}: {src}"
                );
                assert!(
                    text.trim().is_empty(),
                    "{shown}: inline text in <script src>"
                );
                continue;
            }
            assert_eq!(
                v.attr("type"),
                Some("application/ld+json"),
                "{shown}: inline script"
            );
            assert!(!text.contains('<'), "{shown}: `<` in JSON-LD: {text}");
            let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(parsed.is_object() || parsed.is_array(), "{shown}");
        }
        for el in page.all("*") {
            let handler = el.value().attrs().find(|(name, _)| name.starts_with("on"));
            assert!(handler.is_none(), "{shown}: event handler {handler:?}");
        }
        assert!(
            page.all("img[src='x'], svg[onload], b[onmouseover]")
                .is_empty(),
            "{shown}"
        );
        assert_no_raw(&shown.to_string(), &bytes);
    }
    for (path, bytes) in tree_bytes(&s.public()) {
        if path.extension().is_some_and(|e| e == "xml" || e == "svg") {
            assert_no_raw(&path.display().to_string(), &bytes);
        }
    }
    shown_as_text(s);
    let csv = String::from_utf8(std::fs::read(s.public().join("data/stats.csv")).unwrap()).unwrap();
    let guarded = format!("\"'{}\"", FORMULA.replace('"', "\"\""));
    assert!(csv.contains(&guarded), "formula not guarded in CSV:\n{csv}");
}

fn assert_no_raw(shown: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for raw in RAW {
        assert!(!text.contains(raw), "{shown}: raw `{raw}`");
    }
}

/// Each payload reaches the reader unchanged, as text.
fn shown_as_text(s: &Site) {
    let case = s.html("tech/case/index.html");
    assert_eq!(case.text("h1"), TITLE);
    assert!(case.text("head > title").starts_with(TITLE));
    assert_eq!(
        case.attr("meta[name='description']", "content"),
        DESCRIPTION
    );
    assert_eq!(
        case.attr("meta[property='og:title']", "content"),
        case.text("head > title")
    );
    assert_eq!(case.text(".site-title"), SITE_TITLE);
    assert_eq!(case.text(".site-nav li:first-child a"), NAV_HOME);
    assert!(
        case.text(".prose").contains("430"),
        "the stat shortcode rendered"
    );
    let chart: String = case
        .all(".prose svg text")
        .iter()
        .flat_map(|e| e.text())
        .collect();
    assert!(chart.contains(LABEL), "chart labels: {chart}");
    let home = s.html("index.html");
    assert_eq!(home.text(".figure-card__label"), LABEL);
    let data = s.html("data/index.html");
    assert_eq!(data.text(".data-table th[scope='row']"), LABEL);
    assert_eq!(data.text(".data-table .caption__title"), GROUP);
    let en = s.html("en/data/index.html");
    assert_eq!(en.text(".data-table th[scope='row']"), FORMULA);
}
