//! Markdown rendering of one content file: CommonMark + GFM to HTML, with heading ids and
//! the table of contents, `@/` internal links, `{{ shortcode() }}` calls, CJK-aware soft
//! line breaks, the raw-HTML script policy and reading statistics.
//!
//! [`render`] makes one pass over pulldown-cmark's events, transforms them and hands
//! them to `pulldown_cmark::html::push_html`. Every problem in the file is collected as
//! a [`Diagnostic`] located at `file:line:col` of the whole file text.

mod anchors;
mod cjk;
mod foreign;
mod headings;
mod html;
mod links;
mod pass;
mod shortcode;
mod text;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::Parser;

use crate::diag::Diagnostic;

pub use anchors::{AnchorsOf, anchor_errors, check_anchors};
pub use foreign::ForeignText;

/// Markdown extensions, from `config.toml`'s `[markdown]` table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// GFM tables.
    pub tables: bool,
    /// Footnotes (`[^1]`).
    pub footnotes: bool,
    /// `~~strikethrough~~`.
    pub strikethrough: bool,
    /// `- [ ]` task lists.
    pub tasklists: bool,
    /// Curly quotes, dashes and ellipses from ASCII punctuation.
    pub smart_punctuation: bool,
}

impl Default for Options {
    /// Everything on except smart punctuation.
    fn default() -> Self {
        Options {
            tables: true,
            footnotes: true,
            strikethrough: true,
            tasklists: true,
            smart_punctuation: false,
        }
    }
}

impl Options {
    /// The pulldown-cmark options: these extensions plus heading attributes (`{#id}`).
    pub fn pulldown(&self) -> pulldown_cmark::Options {
        use pulldown_cmark::Options as O;
        let mut options = O::ENABLE_HEADING_ATTRIBUTES;
        options.set(O::ENABLE_TABLES, self.tables);
        options.set(O::ENABLE_FOOTNOTES, self.footnotes);
        options.set(O::ENABLE_STRIKETHROUGH, self.strikethrough);
        options.set(O::ENABLE_TASKLISTS, self.tasklists);
        options.set(O::ENABLE_SMART_PUNCTUATION, self.smart_punctuation);
        options
    }
}

/// One Markdown file to render.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Site-relative path, for diagnostics.
    pub file: &'a Path,
    /// The whole file text (front matter included), LF line endings.
    pub text: &'a Arc<str>,
    /// Byte range of the Markdown body inside `text`.
    pub body: Range<usize>,
    /// The page's language: "zh" or "en".
    pub lang: &'a str,
    /// The `lang` tags for text in another language than the page's.
    pub foreign: ForeignText<'a>,
}

/// What the renderer needs from the rest of the site.
pub trait Resolver: Sync {
    /// URL for an internal link target such as "tech/_index.md" (the part after "@/",
    /// without #anchor), in the page's language. Err(message, optional hint) if no such file.
    fn link(&self, path: &str, lang: &str) -> Result<String, (String, Option<String>)>;

    /// Expands a shortcode call to HTML (already escaped by the resolver). Err(message, hint).
    fn shortcode(&self, call: &Shortcode, lang: &str) -> Result<String, (String, Option<String>)>;

    /// Base path of the site, e.g. "/" or "/renze/": root-relative link and image
    /// targets ("/img.png") get it prefixed ("/renze/img.png"), exactly once.
    fn base_path(&self) -> &str;

    /// The published copies of the photo an image destination names, relative to the
    /// Markdown file `from` (`photo.jpg`, `../img/photo.jpg`) or to the site
    /// (`/tech/photo.jpg`); `None` when the destination is not one of the site's photos
    /// (another site's image, a file profilegen does not process), `Some(Err)` when it
    /// names a photo that is missing or cannot be published.
    fn photo(&self, _dest: &str, _from: &Path) -> Option<Result<Photo, (String, Option<String>)>> {
        None
    }
}

/// A photo's published copies, for its `<picture>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// `srcset` of the WebP copies: `/tech/photo.3f9a1c2b7d.480.webp 480w, …`.
    pub webp_srcset: String,
    /// URL of the JPEG or PNG fallback.
    pub fallback: String,
    /// Width of the fallback, in pixels (the displayed aspect ratio, orientation applied).
    pub width: u32,
    /// Height of the fallback.
    pub height: u32,
}

/// The `sizes` of every photo: the width the theme gives the text column (`--measure`,
/// 40em) on wide screens, the viewport's on narrow ones.
pub const PHOTO_SIZES: &str = "(min-width: 44em) 40em, 100vw";

/// A parsed `{{ name(key="value", n=3, flag=true) }}` call.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// The shortcode's name (`stat`, `chart`).
    pub name: String,
    /// Arguments in the order written.
    pub args: Vec<(String, ArgValue)>,
    /// Byte range of the whole call (`{{` to `}}`) in the file text.
    pub span: Range<usize>,
}

/// A shortcode argument's value.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// `"text"` (or `'text'`), with `\"` and `\\` escapes resolved.
    Str(String),
    /// `3`, `-12`.
    Int(i64),
    /// `1.5`.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
}

impl Shortcode {
    /// The value of integer argument `key`, if given as an integer.
    pub fn int_arg(&self, key: &str) -> Option<i64> {
        self.args.iter().find_map(|(k, v)| match v {
            ArgValue::Int(n) if k == key => Some(*n),
            _ => None,
        })
    }

    /// The value of string argument `key`, if given as a string.
    pub fn str_arg(&self, key: &str) -> Option<&str> {
        self.args.iter().find_map(|(k, v)| match v {
            ArgValue::Str(s) if k == key => Some(s.as_str()),
            _ => None,
        })
    }
}

/// An internal `@/` link in the page, for the build stage to check `#anchor`s once
/// every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The target file, e.g. "tech/_index.md".
    pub path: String,
    /// The `#anchor`, without `#`.
    pub anchor: Option<String>,
    /// Byte range of the link destination in the file text.
    pub span: Range<usize>,
}

/// A heading in the table of contents; templates see it as `{level, id, title, children}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute: unique on the page.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
    /// Headings nested under this one.
    pub children: Vec<Heading>,
}

/// A rendered page body and what was learnt about it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Headings, nested by level.
    pub toc: Vec<Heading>,
    /// Every id on the page: headings, footnote definitions, raw HTML `id`s.
    pub anchors: Vec<String>,
    /// Every internal `@/` link.
    pub links: Vec<InternalLink>,
    /// CJK characters count one each, other words are split on whitespace and punctuation.
    pub word_count: usize,
    /// Minutes, at least 1: 400 CJK characters or 200 other words a minute, summed.
    pub reading_time: usize,
    /// Plain text of the first paragraph, at most 160 characters (cut with "…").
    pub summary: String,
}

/// Parses the shortcode call that starts at byte `start` of `text` (at its `{{`): the
/// call, its `span` running from `{{` to just past `}}`; or why it is malformed and the
/// byte offset where parsing stopped. [`render`] finds and expands calls itself; this
/// entry point is for tools and the fuzzer (`fuzz/fuzz_targets/shortcode.rs`).
pub fn parse_shortcode(text: &str, start: usize) -> Result<Shortcode, (String, usize)> {
    match shortcode::parse(text, start) {
        Ok(call) => Ok(Shortcode {
            name: call.name,
            args: call.args,
            span: start..call.end,
        }),
        Err(e) => Err((e.message, e.at)),
    }
}

/// Renders one Markdown file; Err holds every diagnostic if any of them is an error.
pub fn render(
    input: &Input,
    opts: &Options,
    resolver: &dyn Resolver,
) -> Result<Rendered, Vec<Diagnostic>> {
    let Some(body) = input.text.get(input.body.clone()) else {
        let message = crate::msg!("markdown-body-outside");
        return Err(vec![Diagnostic::error(message).in_file(input.file)]);
    };
    let events = Parser::new_ext(body, opts.pulldown()).into_offset_iter();
    pass::Pass::new(input, body, resolver).run(events)
}

#[cfg(test)]
mod tests;
