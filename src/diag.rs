//! One diagnostic type for every user error: where it is, what is wrong, how to fix it.
//!
//! Every stage reports problems in the user's files as [`Diagnostic`]s: a path relative to
//! the site, a byte span into the file's text, a message and a hint. Line and column are
//! derived from the span the way an editor counts them (characters, CJK included), and the
//! report is drawn by `annotate-snippets` with a caret under the exact span.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::msg;

/// Hints longer than this many columns are wrapped (at spaces, and between Chinese
/// characters where a line may break: UAX #14, with widths by East Asian Width).
const HINT_WIDTH: usize = 100;

/// How serious a diagnostic is: errors stop the build, warnings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Printed; the build goes on.
    Warning,
    /// The build stops and the previous output stays as it was.
    Error,
}

/// A problem in the user's site, located as precisely as the stage that found it can.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// The whole text of `file`, shared, so a caret can be drawn under `span`.
    pub source: Option<Arc<str>>,
    /// Byte range into `source`.
    pub span: Option<Range<usize>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message and nothing else yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A warning with a message and nothing else yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: None,
            source: None,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Names the file the problem is in.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at a byte range of the file's text.
    pub fn at(mut self, source: &Arc<str>, span: Range<usize>) -> Self {
        let end = span.end.min(source.len());
        let start = span.start.min(end);
        self.span = Some(floor_char(source, start)..floor_char(source, end));
        self.source = Some(Arc::clone(source));
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True when this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column of the span's start, columns counted in characters.
    pub fn location(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_deref()?, self.span.as_ref()?);
        Some(line_col(source, span.start))
    }

    /// `file:line:col` (or as much of it as is known).
    pub fn locus(&self) -> String {
        let file = self
            .file
            .as_deref()
            .map(display_path)
            .unwrap_or_else(|| "<site>".to_owned());
        match self.location() {
            Some((line, col)) => format!("{file}:{line}:{col}"),
            None => file,
        }
    }

    /// The full report: title, `file:line:col`, the line with a caret, and the hint.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name(msg!("diag-level-error")),
            Severity::Warning => Level::WARNING.with_name(msg!("diag-level-warning")),
        };
        let path = self.file.as_deref().map(display_path);
        let title = level.primary_title(&self.message);
        let mut report = match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let (lines, first_line, span) = lines_around(source, span.clone());
                let snippet = Snippet::source(lines)
                    .line_start(first_line)
                    .path(path.clone())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span));
                vec![title.element(snippet)]
            }
            _ => match &path {
                Some(p) => vec![title.element(annotate_snippets::Origin::path(p.as_str()))],
                None => vec![Group::with_title(title)],
            },
        };
        if let Some(hint) = &self.hint {
            let label = msg!("diag-level-help");
            let hint = wrap_hint(hint, &label);
            report.push(Group::with_title(
                Level::HELP.with_name(label).secondary_title(hint),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A long hint broken into lines of at most [`HINT_WIDTH`] columns with its label
/// (`help: `; the renderer indents the lines after the first under it). Text with
/// Chinese in it may break between characters (UAX #14); English only at spaces, so a
/// path or a `key-name` stays whole. Lines the hint already breaks itself are kept.
fn wrap_hint(hint: &str, label: &str) -> String {
    let width = HINT_WIDTH.saturating_sub(textwrap::core::display_width(label) + 2);
    let separator = if hint.is_ascii() {
        textwrap::WordSeparator::AsciiSpace
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties
    };
    hint.lines()
        .map(|line| {
            let options = textwrap::Options::new(width)
                .word_separator(separator)
                .word_splitter(textwrap::WordSplitter::NoHyphenation)
                .break_words(false);
            textwrap::fill(line, options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whole lines of `source` that `span` touches, the 1-based number of the first, and
/// `span` relative to them. Only these lines are handed to the renderer, so a report costs
/// the length of its lines, not of the file (a file with thousands of errors stays fast).
fn lines_around(source: &str, span: Range<usize>) -> (&str, usize, Range<usize>) {
    let span_end = floor_char(source, span.end.min(source.len()));
    let span = floor_char(source, span.start.min(span_end))..span_end;
    let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = source[span.end..]
        .find('\n')
        .map_or(source.len(), |i| span.end + i);
    let first_line = source[..start].matches('\n').count() + 1;
    (
        &source[start..end],
        first_line,
        span.start - start..span.end - start,
    )
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and character column (as TOML and Tera report them).
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let line_start = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &source[line_start.min(source.len())..];
    let in_line = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    line_start + in_line
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Turns a TOML error into a located diagnostic.
///
/// `offset` is where the TOML text starts inside `source` (front matter sits after a
/// `+++` line), so the line and column are the file's, not the block's. Unknown keys get
/// a did-you-mean; full-width punctuation from a Chinese input method gets a pointed hint.
pub fn from_toml(
    err: &toml::de::Error,
    file: &Path,
    source: &Arc<str>,
    offset: usize,
) -> Diagnostic {
    let (message, own_hint) = match err.message().trim().split_once(HINT_SEPARATOR) {
        Some((m, h)) => (m.to_owned(), Some(h.to_owned())),
        None => (err.message().trim().to_owned(), None),
    };
    let span = err
        .span()
        .map_or(offset..offset, |s| s.start + offset..s.end + offset);
    let mut diag = Diagnostic::error(toml_message(&message)).in_file(file);
    let snippet = source.get(span.clone()).unwrap_or_default().to_owned();
    diag = diag.at(source, span);
    if let Some(hint) = own_hint.or_else(|| toml_hint(&message, &snippet)) {
        diag = diag.with_hint(hint);
    }
    diag
}

/// Separates a message from its hint in the error of a custom deserializer (serde's
/// errors carry one string): [`from_toml`] splits them again.
pub const HINT_SEPARATOR: char = '\u{1f}';

/// A custom deserializer's error text: `message`, and `hint` for [`from_toml`].
pub fn toml_error_text(message: &str, hint: &str) -> String {
    format!("{message}{HINT_SEPARATOR}{hint}")
}

/// How deep the `toml` crate lets arrays, inline tables and dotted keys nest (its
/// recursion guard, which keeps a hostile file from overflowing the stack).
pub const TOML_MAX_DEPTH: usize = 80;

/// A message of the `toml` crate or of serde in the catalog's words: the kinds an editor
/// meets (unknown or missing key, wrong type, duplicate key) are rephrased with their
/// names as placeholders; any other keeps the crate's English text inside a sentence
/// that says it is a TOML error.
pub fn toml_message(message: &str) -> String {
    if let Some((field, allowed)) = unknown_name(message, "unknown field `") {
        return msg!("toml-unknown-field", field = field, allowed = allowed);
    }
    if let Some((value, allowed)) = unknown_name(message, "unknown variant `") {
        return msg!("toml-unknown-variant", value = value, allowed = allowed);
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some(field) = rest.strip_suffix('`')
    {
        return msg!("toml-missing-field", field = field);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return msg!(
            "toml-invalid-type",
            found = found,
            found_kind = value_kind(found),
            expected = expected,
            expected_kind = value_kind(expected)
        );
    }
    if message == "duplicate key" {
        return msg!("toml-duplicate-key");
    }
    msg!("toml-other", detail = message)
}

/// serde's "unknown field `x`, expected one of `a`, `b`" after `prefix`: the name, and
/// the names it allows as `a`, `b` (backticked, as serde lists them).
fn unknown_name<'m>(message: &'m str, prefix: &str) -> Option<(&'m str, String)> {
    let (name, allowed) = message.strip_prefix(prefix)?.split_once('`')?;
    let allowed = allowed
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some((name, allowed))
}

/// The kind of value serde names (`string "heavy"`, `i64`, `a boolean`), as a selector
/// for the catalog: integer, float, boolean, string, date, table, list or other.
fn value_kind(described: &str) -> &'static str {
    let word = described.trim_start_matches("a ").trim_start_matches("an ");
    match word.split([' ', '(']).next().unwrap_or_default() {
        "i64" | "u64" | "i32" | "u32" | "usize" | "u8" | "u16" | "integer" => "integer",
        "f64" | "f32" | "float" | "floating" => "float",
        "boolean" | "bool" => "boolean",
        "string" | "str" | "char" => "string",
        "TOML" | "datetime" => "date",
        "map" | "table" | "struct" => "table",
        "sequence" | "array" | "tuple" => "list",
        _ => "other",
    }
}

fn toml_hint(message: &str, snippet: &str) -> Option<String> {
    const FULL_WIDTH: [char; 6] = ['“', '”', '＝', '：', '‘', '’'];
    if let Some(c) = snippet.chars().find(|c| FULL_WIDTH.contains(c)) {
        return Some(msg!("toml-hint-full-width", character = c.to_string()));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (unknown, allowed) = rest.split_once('`')?;
        let candidates: Vec<&str> = allowed.split('`').skip(1).step_by(2).collect();
        return Some(match did_you_mean(unknown, candidates.iter().copied()) {
            Some(best) => msg!("hint-did-you-mean", name = best),
            None => msg!("toml-hint-allowed-keys", keys = candidates.join(", ")),
        });
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return type_hint(rest.rsplit_once("expected ")?.1);
    }
    if message.contains("recursion") {
        return Some(msg!("toml-hint-too-deep", depth = TOML_MAX_DEPTH));
    }
    if message.contains("basic string") || message.contains("unterminated") {
        return Some(msg!("toml-hint-close-string"));
    }
    None
}

/// What a value of serde's `expected` type looks like in TOML.
fn type_hint(expected: &str) -> Option<String> {
    let kind = match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" | "an integer" => "integer",
        "f64" | "a float" => "float",
        "a boolean" => "boolean",
        "a string" => "string",
        "a TOML datetime" => "date",
        "a map" => "table",
        "a sequence" => "list",
        _ => return None,
    };
    Some(msg!("toml-hint-type", kind = kind))
}

/// What makes two diagnostics the same report: file, span and message.
type Place = (Option<PathBuf>, Option<Range<usize>>, String);

/// Folds diagnostics that say the same thing at the same place into one, noting how many
/// times it occurred: a mistake in `base.html` fails every page, and should be reported
/// once, not ten thousand times.
pub fn collapse(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<Place, usize> = std::collections::HashMap::new();
    for d in diags {
        let key = (d.file.clone(), d.span.clone(), d.message.clone());
        match seen.get(&key) {
            Some(&i) => out[i].1 += 1,
            None => {
                seen.insert(key, out.len());
                out.push((d, 1));
            }
        }
    }
    out.into_iter()
        .map(|(mut d, n)| {
            if n > 1 {
                let more = msg!("diag-more-like-it", more = n - 1);
                d.hint = Some(match d.hint.take() {
                    Some(h) => msg!("diag-hint-and-more", hint = h, more = more),
                    None => more,
                });
            }
            d
        })
        .collect()
}

/// How many diagnostics of one severity a report shows before it counts the rest.
pub const MAX_SHOWN: usize = 50;

/// A failed build: every error found (and the warnings that came with them).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True if any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Renders the diagnostics, errors last so they stay on screen: at most
    /// [`MAX_SHOWN`] of each severity, then a line counting the rest, so a file with
    /// thousands of mistakes gives a report a person can read.
    pub fn render(&self, color: bool) -> String {
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.0.iter().partition(|d| d.is_error());
        let mut parts = Vec::new();
        for (list, kind) in [(warnings, "warning"), (errors, "error")] {
            parts.extend(list.iter().take(MAX_SHOWN).map(|d| d.render(color)));
            let hidden = list.len().saturating_sub(MAX_SHOWN);
            if hidden > 0 {
                parts.push(msg!(
                    "diag-not-shown",
                    hidden = hidden,
                    kind = kind,
                    shown = MAX_SHOWN
                ));
            }
        }
        parts.join("\n")
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

/// The result of a stage: a value, or every diagnostic that stops the build.
pub type Result<T, E = Diagnostics> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "标题 = 1\n价值 = \"x\n";
        let off = src.find('"').unwrap_or(0);
        assert_eq!(line_col(src, off), (2, 6));
        assert_eq!(offset_of(src, 2, 6), off);
    }

    #[test]
    fn report_names_file_line_and_hint() {
        let src: Arc<str> = Arc::from("a = 1\n标题 = oops\n");
        let d = Diagnostic::error("bad value")
            .in_file("content/_index.md")
            .at(&src, 15..19)
            .with_hint("quote it");
        let text = d.render(false);
        assert!(text.contains("content/_index.md:2:6"), "{text}");
        assert!(text.contains("quote it"), "{text}");
        assert!(text.contains('^'), "{text}");
    }

    #[test]
    fn toml_depth_limit_is_the_one_stated() {
        let nested = |n: usize| format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        let parse = |src: &str| toml::from_str::<toml::Table>(src);
        assert!(parse(&nested(TOML_MAX_DEPTH)).is_ok());
        let err = parse(&nested(10_000)).unwrap_err();
        let source: Arc<str> = Arc::from(nested(10_000));
        let text = from_toml(&err, Path::new("a.toml"), &source, 0).to_string();
        assert!(
            text.contains(&format!("at most {TOML_MAX_DEPTH} levels")),
            "{text}"
        );
        assert!(parse(&nested(TOML_MAX_DEPTH + 1)).is_err());
    }

    #[test]
    fn a_wrong_type_says_what_the_key_takes() {
        let cases = [
            ("weight = \"heavy\"", "a whole number without quotes"),
            ("draft = \"yes\"", "`true` or `false`"),
            ("title = 3", "text in double quotes"),
            ("date = \"2026-11-25\"", "a date without quotes"),
        ];
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Keys {
            weight: Option<i64>,
            draft: Option<bool>,
            title: Option<String>,
            date: Option<toml::value::Datetime>,
        }
        for (src, hint) in cases {
            let err = toml::from_str::<Keys>(src).unwrap_err();
            let source: Arc<str> = Arc::from(src);
            let text = from_toml(&err, Path::new("a.md"), &source, 0).to_string();
            assert!(text.contains(hint), "{src}: {text}");
        }
    }

    #[test]
    fn a_report_shows_only_the_lines_of_its_span() {
        let src: Arc<str> = Arc::from("a = 1\nb = 2\nc = oops\nd = 4\n");
        let start = src.find("oops").unwrap();
        let d = Diagnostic::error("bad")
            .in_file("x.toml")
            .at(&src, start..start + 4);
        let text = d.render(false);
        assert!(
            text.contains("x.toml:3:5") && text.contains("3 | c = oops"),
            "{text}"
        );
        assert!(!text.contains("b = 2") && !text.contains("d = 4"), "{text}");
    }

    #[test]
    fn a_long_report_is_capped_and_counts_the_rest() {
        let many: Vec<Diagnostic> = (0..MAX_SHOWN + 7)
            .map(|i| Diagnostic::error(format!("problem {i}")))
            .collect();
        let text = Diagnostics(many).render(false);
        assert!(
            text.contains(&format!("problem {}", MAX_SHOWN - 1)),
            "{text}"
        );
        assert!(!text.contains(&format!("problem {MAX_SHOWN}")), "{text}");
        assert!(text.contains("… and 7 more errors not shown"), "{text}");
    }

    #[test]
    fn repeated_diagnostics_collapse_into_one() {
        let src: Arc<str> = Arc::from("{{ x }}\n");
        let at = |page: &str| {
            Diagnostic::error("Field `x` is not defined")
                .in_file("templates/base.html")
                .at(&src, 3..4)
                .with_hint(format!("while rendering `{page}`"))
        };
        let other = Diagnostic::error("another").in_file("templates/base.html");
        let out = collapse(vec![at("a.md"), at("b.md"), other, at("c.md")]);
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].hint.as_deref(),
            Some("while rendering `a.md` (and 2 more like it)")
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "description", "weight"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap_hint;

    #[test]
    fn a_long_chinese_hint_wraps_between_characters_and_keeps_code_whole() {
        let path = "`content/tech/tongda-bonding-wire.en.md`";
        let hint = format!(
            "请添加对应的英文页面 {path}；在此之前，这个页面的语言切换按钮会转到英文首页，读者会找不到对应的译文，所以请尽快补上"
        );
        let wrapped = wrap_hint(&hint, "提示");
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() >= 2, "{wrapped}");
        for line in &lines {
            assert!(
                textwrap::core::display_width(line) <= super::HINT_WIDTH - 6,
                "{line}"
            );
        }
        assert!(
            wrapped.contains(path),
            "a code span stays on one line:\n{wrapped}"
        );
        // Nothing lost or added but line breaks (for spaces where a line broke).
        let letters = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(letters(&wrapped), letters(&hint));
    }
}
