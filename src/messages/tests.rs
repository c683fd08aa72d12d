//! The catalogs agree with each other and with the code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::{EN, Lang, ZH, choose, text_in};

/// Each message's id and the placeholders it uses (in its value and every variant).
fn placeholders(source: &str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern_vars(value, &mut vars);
                }
                assert!(
                    m.attributes.is_empty(),
                    "{name}: {} has attributes; the code reads values only",
                    m.id.name
                );
                let id = m.id.name.to_owned();
                assert!(out.insert(id.clone(), vars).is_none(), "{name}: {id} twice");
            }
            ast::Entry::Term(t) => panic!("{name}: term -{} (not used here)", t.id.name),
            ast::Entry::Junk { content } => panic!("{name}: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::MessageReference { id, .. } => {
            panic!("message reference {}: keep each message whole", id.name)
        }
        _ => {}
    }
}

#[test]
fn both_catalogs_have_the_same_messages_with_the_same_placeholders() {
    let en = placeholders(EN, "en.ftl");
    let zh = placeholders(ZH, "zh-CN.ftl");
    let en_ids: BTreeSet<_> = en.keys().collect();
    let zh_ids: BTreeSet<_> = zh.keys().collect();
    let only_en: Vec<_> = en_ids.difference(&zh_ids).collect();
    let only_zh: Vec<_> = zh_ids.difference(&en_ids).collect();
    assert!(only_en.is_empty(), "missing in zh-CN.ftl: {only_en:?}");
    assert!(only_zh.is_empty(), "missing in en.ftl: {only_zh:?}");
    let differ: Vec<_> = en
        .iter()
        .filter(|(id, vars)| zh.get(*id) != Some(vars))
        .map(|(id, vars)| format!("{id}: en {vars:?}, zh {:?}", zh[id]))
        .collect();
    assert!(
        differ.is_empty(),
        "placeholders differ:\n{}",
        differ.join("\n")
    );
}

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap_or(e.path())
                .to_path_buf();
            (rel, text)
        })
        .collect()
}

/// The code of a source file without its unit tests: from `#[cfg(test)]` on, and test
/// files themselves (`tests.rs`, `tests/…`).
fn non_test_code<'a>(path: &Path, text: &'a str) -> &'a str {
    if path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
    {
        return "";
    }
    match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The ids the code names (`msg!("id"`, the id maybe on the next line).
fn ids_in_code() -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for (path, text) in sources() {
        let text = non_test_code(&path, &text);
        for marker in ["msg!("] {
            for (at, _) in text.match_indices(marker) {
                let Some(rest) = text[at + marker.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                if let Some(end) = rest.find('"') {
                    out.entry(rest[..end].to_owned())
                        .or_default()
                        .push(path.clone());
                }
            }
        }
    }
    out.remove("id");
    out
}

#[test]
fn every_id_the_code_names_is_in_the_catalog_and_every_message_is_used() {
    let catalog = placeholders(EN, "en.ftl");
    let used = ids_in_code();
    let missing: Vec<String> = used
        .iter()
        .filter(|(id, _)| !catalog.contains_key(*id))
        .map(|(id, files)| format!("{id} (in {files:?})"))
        .collect();
    assert!(missing.is_empty(), "not in the catalogs: {missing:#?}");
    // The help text's ids are made from the command line's names (`help-build-drafts`):
    // the CLI tests check each one shows.
    let unused: Vec<&String> = catalog
        .keys()
        .filter(|id| !used.contains_key(*id) && !id.starts_with("help-"))
        .collect();
    assert!(unused.is_empty(), "in the catalogs, never used: {unused:?}");
}

/// What prints a sentence: diagnostics, hints, lines on the terminal, `check`'s report.
const SINKS: [&str; 10] = [
    "Diagnostic::error(",
    "Diagnostic::warning(",
    ".with_hint(",
    "println!(",
    "eprintln!(",
    "print!(",
    "eprint!(",
    "writeln!(",
    "write!(",
    ".help(",
];

/// A string literal's text is a sentence when, with `{…}` placeholders taken out, it
/// still has a letter (Latin or Han).
fn is_sentence(literal: &str) -> bool {
    let mut depth = 0;
    let mut letters = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1i32).max(0),
            c if depth == 0 && (c.is_ascii_alphabetic() || crate::convert::is_han(c)) => {
                letters += 1
            }
            _ => {}
        }
    }
    letters >= 2
}

/// Literals that look like sentences and are not said to a person: `(file prefix,
/// literal prefix)`.
const NOT_SENTENCES: &[(&str, &str)] = &[
    // The data package's column descriptions: published data, in English (JSON).
    ("stats/export.rs", ""),
    // The derived figure's note on the English edition of the site (the Chinese one
    // beside it): site text in the page's language, not a message.
    ("stats/change.rs", "Derived figure"),
    // html5ever's own parse-error text, matched, not shown.
    ("markdown/html.rs", "Saw EOF in state"),
    // Files the build publishes (their comments and the redirect page's text), in the
    // formats' own language: site output, not messages.
    ("output/redirects.rs", "# Redirects for moved pages"),
    ("output/redirects.rs", "This page has moved to"),
    (
        "output/urls.rs",
        "# profilegen: the URLs this output publishes",
    ),
    ("output/staging.rs", "This folder is written by profilegen"),
    // The English strings of a new site's config (`new`): site text, not messages.
    ("scaffold.rs", "description = \\\"The region's"),
    ("scaffold.rs", "Every figure states its year"),
    // A sentinel path segment that no file matches (never shown).
    ("check/links.rs", "\\u{0}outside the base path"),
    // The live-reload script's first line (a JavaScript comment).
    ("serve/live.rs", "// profilegen serve: reloads"),
];

#[test]
fn no_sentence_is_left_outside_the_catalog() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let code = non_test_code(&path, &text);
        for sink in SINKS {
            for (at, _) in code.match_indices(sink) {
                let args = &code[at + sink.len()..];
                // The arguments up to the call's end (a literal is the first or, for
                // write!, the second argument; looking at the first 200 bytes is enough).
                let window: String = args.chars().take(200).collect();
                let call_end = close_paren(&window).unwrap_or(window.len());
                let call = &window[..call_end];
                let Some(literal) = first_literal(call) else {
                    continue;
                };
                if call.trim_start().starts_with("msg!") || !is_sentence(literal) {
                    continue;
                }
                let line = code[..at].lines().count();
                found.push(format!("{}:{line}: {sink} {literal:?}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "sentences outside the catalog ({}):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Any literal in the code that reads like an English sentence (two lowercase words in a
/// row, three words at least), wherever it goes: a message built in a helper and
/// returned is found here even though no sink names it.
#[test]
fn no_english_sentence_is_built_outside_the_catalog() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let code = non_test_code(&path, &text);
        let file = path.to_string_lossy().replace('\\', "/");
        for (line_no, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") || line.starts_with("#[") {
                continue;
            }
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let before = &rest[..start];
                let body = &rest[start + 1..];
                let end = literal_end(body).unwrap_or(body.len());
                let literal = &body[..end];
                rest = body.get(end + 1..).unwrap_or_default();
                let in_msg = before.trim_end().ends_with("msg!(");
                let panics = ["expect(", "panic!(", "unreachable!("]
                    .iter()
                    .any(|p| before.contains(p));
                if in_msg || panics || !reads_like_english(literal) {
                    continue;
                }
                if NOT_SENTENCES
                    .iter()
                    .any(|(f, l)| file.starts_with(f) && literal.starts_with(l))
                {
                    continue;
                }
                found.push(format!("{file}:{}: {literal:?}", line_no + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English sentences outside the catalog ({}):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Where a literal whose text starts `body` ends (its closing quote).
fn literal_end(body: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Two lowercase words of two letters or more in a row, and three words in all, with
/// `{…}` placeholders taken out.
fn reads_like_english(literal: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0i32;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| w.len() >= 2)
        .collect();
    let lower_pair = plain.split(' ').collect::<Vec<_>>().windows(2).any(|w| {
        [w[0], w[1]]
            .iter()
            .all(|x| x.len() >= 2 && x.chars().all(|c| c.is_ascii_lowercase()))
    });
    words.len() >= 3 && lower_pair
}

/// Where the parenthesis opened before `text` closes.
fn close_paren(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return Some(i),
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The first string literal in a call's arguments that is a direct argument or the
/// format string of a `format!` in them (not a literal inside a `msg!`).
fn first_literal(call: &str) -> Option<&str> {
    let mut rest = call;
    loop {
        let start = rest.find('"')?;
        let before = &rest[..start];
        let body = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end?;
        if !before.contains("msg!(") && !before.trim_end().ends_with("r#") {
            return Some(&body[..end]);
        }
        rest = &body[end + 1..];
    }
}

#[test]
fn the_language_follows_the_flag_then_the_variable_then_the_locale() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(choose(None, env(&[])), Ok(Lang::En));
    assert_eq!(choose(None, env(&[("LANG", "zh_CN.UTF-8")])), Ok(Lang::Zh));
    assert_eq!(choose(None, env(&[("LANG", "de_DE.UTF-8")])), Ok(Lang::En));
    assert_eq!(choose(None, env(&[("LANG", "C.UTF-8")])), Ok(Lang::En));
    // LC_ALL wins over LANG, LC_MESSAGES over LANG, an empty one is skipped.
    assert_eq!(
        choose(
            None,
            env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])
        ),
        Ok(Lang::En)
    );
    assert_eq!(
        choose(
            None,
            env(&[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US")])
        ),
        Ok(Lang::Zh)
    );
    assert_eq!(
        choose(None, env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")])),
        Ok(Lang::Zh)
    );
    // The variable over the locale, the flag over both.
    assert_eq!(
        choose(
            None,
            env(&[("PROFILEGEN_MESSAGES", "en"), ("LANG", "zh_CN")])
        ),
        Ok(Lang::En)
    );
    assert_eq!(
        choose(Some("zh"), env(&[("PROFILEGEN_MESSAGES", "en")])),
        Ok(Lang::Zh)
    );
    assert_eq!(choose(Some("zh-CN"), env(&[])), Ok(Lang::Zh));
    assert_eq!(choose(Some("fr"), env(&[])), Err("fr".to_owned()));
    assert_eq!(
        choose(None, env(&[("PROFILEGEN_MESSAGES", "klingon")])),
        Err("klingon".to_owned())
    );
}

#[test]
fn plurals_and_placeholders_are_filled_in_each_language() {
    let mut args = super::Args::new();
    args.set("errors", super::number(1));
    let one = text_in(Lang::En, "build-failed", Some(&args));
    args.set("errors", super::number(3));
    let three = text_in(Lang::En, "build-failed", Some(&args));
    assert!(one.contains("1 error;"), "{one}");
    assert!(three.contains("3 errors;"), "{three}");
    let zh = text_in(Lang::Zh, "build-failed", Some(&args));
    assert!(zh.contains('3') && zh.contains("错误"), "{zh}");
    assert!(!zh.contains('\u{2068}'), "no isolation marks: {zh:?}");
}

#[test]
fn the_scanner_finds_a_sentence_and_lets_a_message_pass() {
    let bad = "format!(\"{} pages written\", n))";
    assert_eq!(first_literal(bad), Some("{} pages written"));
    assert!(is_sentence("{} pages written"));
    assert!(!is_sentence("{}: {}"));
    assert!(!is_sentence("{file}:{line}:{col}"));
    assert!(is_sentence("已写入"));
    let good = "msg!(\"build-done\", pages = n))";
    assert_eq!(first_literal(good), None);
    assert!(reads_like_english("`{raw}` is an absolute path"));
    assert!(!reads_like_english("text/html; charset=utf-8"));
    assert!(!reads_like_english("{file}:{line}:{col}"));
}
