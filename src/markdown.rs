//! TEMPORARY STUB until the real markdown module lands.
#![allow(missing_docs, dead_code)]
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;

#[derive(Debug, Clone)]
pub struct Options {
    pub tables: bool,
    pub footnotes: bool,
    pub strikethrough: bool,
    pub tasklists: bool,
    pub smart_punctuation: bool,
}
impl Default for Options {
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
pub struct Input<'a> {
    pub file: &'a Path,
    pub text: &'a Arc<str>,
    pub body: Range<usize>,
    pub lang: &'a str,
}
pub trait Resolver: Sync {
    fn link(&self, path: &str, lang: &str) -> Result<String, (String, Option<String>)>;
    fn shortcode(&self, call: &Shortcode, lang: &str) -> Result<String, (String, Option<String>)>;
    fn base_path(&self) -> &str;
}
pub struct Shortcode {
    pub name: String,
    pub args: Vec<(String, String)>,
    pub span: Range<usize>,
}
impl Shortcode {
    pub fn str_arg(&self, key: &str) -> Option<&str> {
        self.args.iter().find(|a| a.0 == key).map(|a| a.1.as_str())
    }
}
pub struct InternalLink {
    pub path: String,
    pub anchor: Option<String>,
    pub span: Range<usize>,
}
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<Heading>,
}
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub anchors: Vec<String>,
    pub links: Vec<InternalLink>,
    pub word_count: usize,
    pub reading_time: usize,
    pub summary: String,
}
pub fn render(
    input: &Input,
    _opts: &Options,
    _r: &dyn Resolver,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new(&input.text[input.body.clone()]),
    );
    Ok(Rendered {
        html,
        toc: vec![],
        anchors: vec![],
        links: vec![],
        word_count: 0,
        reading_time: 1,
        summary: String::new(),
    })
}
