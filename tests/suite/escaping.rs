//! Escaping: Tera escapes everything a template prints, except what is marked safe. The
//! places that mark HTML safe are few and listed here; a new one fails these tests until
//! someone has checked that what it prints is escaped (or is the page's own Markdown).

use std::path::Path;

use crate::harness::repo;

/// Every `| safe` (and `{% filter safe %}`, `{% autoescape false %}`) in `templates/`.
/// Each prints a page's Markdown body, already HTML, whose raw HTML follows the policy
/// in the README ("Raw HTML").
const SAFE_IN_TEMPLATES: [(&str, &str); 5] = [
    ("templates/data.html", "{{ section.content | safe }}"),
    ("templates/index.html", "{{ section.content | safe }}"),
    ("templates/page.html", "{{ page.content | safe }}"),
    // The printable profile's parts: the articles of the pages the build wrote (escaped
    // there), re-serialised by html5ever and lol_html; its own text is escaped by
    // output::print.
    ("templates/print.html", "{{ print_body | safe }}"),
    ("templates/section.html", "{{ section.content | safe }}"),
];

/// Every value Rust code hands templates as safe HTML; each escapes its text itself:
/// `stat` and `chart` with `stats::escape_html` (checked by the stats tests), the
/// `json_script` filter by writing `<`, `>` and `&` as `\u` escapes (checked by the
/// publish tests and the bad-input XSS case).
const SAFE_FROM_RUST: [(&str, &str); 4] = [
    // stat(): Stats::render_stat escapes the id and the figure.
    ("src/render/functions.rs", "Ok(Value::safe_string(&html))"),
    // stat_change(): Stats::render_change escapes the id, the note and the change.
    ("src/render/functions.rs", "Ok(Value::safe_string(&html))"),
    ("src/render/functions.rs", "Ok(Value::safe_string(&svg))"),
    (
        "src/render/publish.rs",
        "json_script(&v).map(|s| Value::safe_string(&s))",
    ),
];

#[test]
fn the_templates_mark_only_the_listed_output_safe() {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("templates")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for tag in unescaping_tags(&text) {
                found.push((shown(entry.path()), tag));
            }
        }
    }
    let listed: Vec<(String, String)> = SAFE_IN_TEMPLATES
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    assert_eq!(
        found, listed,
        "a template's `| safe` changed: review that what it prints is escaped or trusted, then update SAFE_IN_TEMPLATES"
    );
}

#[test]
fn rust_hands_templates_only_the_listed_safe_html() {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for line in text.lines().filter(|l| l.contains("safe_string(")) {
                found.push((shown(entry.path()), line.trim().to_owned()));
            }
        }
    }
    let listed: Vec<(String, String)> = SAFE_FROM_RUST
        .iter()
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .collect();
    assert_eq!(
        found, listed,
        "a new safe_string: check it escapes its text, then update SAFE_FROM_RUST"
    );
}

#[test]
fn the_scanner_finds_every_spelling_of_safe() {
    let text = "{{ a | safe }}{{ b|safe }}{{ c | upper | safe }}{{ d | safer }}\
                {% filter safe %}x{% endfilter %}{% autoescape false %}{{ e }}{% endautoescape %}\
                {{ unsafe }}{# | safe in a comment #}";
    assert_eq!(
        unescaping_tags(text),
        [
            "{{ a | safe }}",
            "{{ b|safe }}",
            "{{ c | upper | safe }}",
            "{% filter safe %}",
            "{% autoescape false %}",
        ]
    );
}

/// The `{{ … }}` and `{% … %}` tags of a template that switch escaping off.
fn unescaping_tags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let close = match after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        let end = after.find(close).map_or(after.len(), |i| i + 2);
        let tag = &after[..end];
        let inner = after.get(2..end.saturating_sub(2).max(2)).unwrap_or("");
        if close != "#}" && switches_escaping_off(inner) {
            tags.push(tag.to_owned());
        }
        rest = &after[end..];
    }
    tags
}

/// True for the inside of a tag that prints unescaped: `x | safe`, `filter safe`,
/// `autoescape false`.
fn switches_escaping_off(inner: &str) -> bool {
    let inner: String = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    let piped_safe = inner
        .split('|')
        .skip(1)
        .any(|f| f.trim().split(['(', ' ']).next() == Some("safe"));
    piped_safe || inner.starts_with("filter safe") || inner.starts_with("autoescape false")
}

fn shown(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}
