//! Front matter: the TOML block between `+++` lines at the top of every Markdown file.
//!
//! Errors carry the file's own line numbers (not the block's), so an unterminated string
//! on line 3 of the file is reported at line 3.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{self, Diagnostic, Result};
use crate::msg;

/// The keys a page or section may set; anything else is an error with a did-you-mean.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title (required).
    pub title: String,
    /// One-sentence summary for listings and `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// Publication date (a date, optionally with a time; never a time alone).
    #[serde(default, deserialize_with = "a_date")]
    pub date: Option<toml::value::Datetime>,
    /// Last substantial update (as `date`).
    #[serde(default, deserialize_with = "a_date")]
    pub updated: Option<toml::value::Datetime>,
    /// Ordering among siblings: smaller first.
    #[serde(default)]
    pub weight: i64,
    /// Drafts are left out of the build unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Overrides the URL segment taken from the file name.
    #[serde(default)]
    pub slug: Option<toml::Spanned<String>>,
    /// A template other than the default `page.html` / `section.html`.
    #[serde(default)]
    pub template: Option<toml::Spanned<String>>,
    /// Old URLs of this page or section (`["/old/url/"]`, below the base URL): each
    /// becomes a redirect page to the current URL.
    #[serde(default)]
    pub aliases: Vec<toml::Spanned<String>>,
    /// The page's image for link previews (`og:image`): a photo's path relative to the
    /// Markdown file, published at 1200 × 630.
    #[serde(default)]
    pub image: Option<toml::Spanned<String>>,
    /// Sections only: list this many pages per listing page (`/news/`, `/news/page/2/`…).
    #[serde(default)]
    pub paginate_by: Option<toml::Spanned<i64>>,
    /// Free-form values for templates.
    #[serde(default)]
    pub extra: toml::Table,
}

/// A TOML date or date-time; a time of day alone (`date = 08:30:00`) is an error at its
/// line, not a page without a date.
fn a_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<toml::value::Datetime>, D::Error> {
    let value = Option::<toml::value::Datetime>::deserialize(d)?;
    match &value {
        Some(v) if v.date.is_none() => Err(serde::de::Error::custom(diag::toml_error_text(
            &msg!("front-matter-time-not-date", value = v.to_string()),
            &msg!("front-matter-time-not-date-hint"),
        ))),
        _ => Ok(value),
    }
}

/// A Markdown file split into its parsed front matter and the byte range of its body.
#[derive(Debug, Clone)]
pub struct Split {
    /// The parsed front matter.
    pub meta: FrontMatter,
    /// Where the Markdown body starts and ends in the file's text.
    pub body: Range<usize>,
}

const FENCE: &str = "+++";

/// Splits and parses; every problem is located in the file.
pub fn parse(text: &Arc<str>, file: &Path) -> Result<Split> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != FENCE {
        let d = Diagnostic::error(msg!("front-matter-missing"))
            .in_file(file)
            .at(text, 0..first_line_end);
        return Err(d.with_hint(msg!("front-matter-missing-hint")).into());
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let Some((toml_end, body_start)) = closing_fence(text, toml_start) else {
        let d = Diagnostic::error(msg!("front-matter-unclosed"))
            .in_file(file)
            .at(text, 0..first_line_end);
        return Err(d.with_hint(msg!("front-matter-unclosed-hint")).into());
    };
    let meta: FrontMatter = toml::from_str(&text[toml_start..toml_end])
        .map_err(|e| diag::from_toml(&e, file, text, toml_start))?;
    let meta = shift_spans(meta, toml_start);
    Ok(Split {
        meta,
        body: body_start..text.len(),
    })
}

/// Finds the line that is exactly `+++`; returns (end of TOML, start of body).
fn closing_fence(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some((pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// Spans from `toml` are relative to the block; make them relative to the file.
fn shift_spans(mut meta: FrontMatter, by: usize) -> FrontMatter {
    let shift = |s: toml::Spanned<String>| {
        let span = s.span();
        toml::Spanned::new(span.start + by..span.end + by, s.into_inner())
    };
    meta.slug = meta.slug.map(shift);
    meta.template = meta.template.map(shift);
    meta.aliases = meta.aliases.into_iter().map(shift).collect();
    meta.image = meta.image.map(shift);
    meta.paginate_by = meta.paginate_by.map(|s| {
        let span = s.span();
        toml::Spanned::new(span.start + by..span.end + by, s.into_inner())
    });
    meta
}

/// `YYYY-MM-DD` of a TOML date or datetime.
pub fn date_string(d: &toml::value::Datetime) -> Option<String> {
    d.date
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_of(src: &str) -> String {
        let text: Arc<str> = Arc::from(src);
        parse(&text, Path::new("content/a.md"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn body_follows_the_closing_fence() {
        let text: Arc<str> = Arc::from("+++\ntitle = \"标题\"\nweight = 2\n+++\n正文\n");
        let split = parse(&text, Path::new("a.md")).unwrap();
        assert_eq!(split.meta.title, "标题");
        assert_eq!(split.meta.weight, 2);
        assert_eq!(&text[split.body], "正文\n");
    }

    #[test]
    fn errors_use_file_lines() {
        let cases = [
            (
                "+++\ntitle = \"a\"\ndescription = \"oops\n+++\n",
                "content/a.md:3:",
                "close the string",
            ),
            (
                "+++\ntitel = \"a\"\n+++\n",
                "content/a.md:2:1",
                "did you mean `title`?",
            ),
            (
                "+++\ntitle = “标题”\n+++\n",
                "content/a.md:2:",
                "full-width",
            ),
            ("title = \"a\"\n", "content/a.md:1:1", "start the file with"),
            (
                "+++\ntitle = \"a\"\n",
                "content/a.md:1:1",
                "add a line `+++`",
            ),
            (
                "+++\ntitle = \"a\"\nweight = \"x\"\n+++\n",
                "content/a.md:3:",
                "",
            ),
        ];
        for (src, locus, hint) in cases {
            let text = err_of(src);
            assert!(text.contains(locus), "{src:?} gave {text}");
            assert!(text.contains(hint), "{src:?} gave {text}");
        }
    }
}
