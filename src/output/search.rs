//! Search: a page per language (`/search/`, `/en/search/`, template `search.html`) and a
//! Pagefind index of every content page, written into the output's `pagefind/` folder.
//!
//! Pagefind runs in-process as a library over the HTML just written, so no tool is
//! downloaded and no Node is needed. It keeps one index per `<html lang>`: a Chinese
//! page is segmented into words with ICU's dictionary (Pagefind's `extended` feature)
//! and indexed with its bigrams, so `键合铜丝` or `专精特新` find their pages; English
//! words are stemmed. The search page works without JavaScript as a plain GET form
//! (`?q=`) that tells the reader search needs JavaScript; with it, `search.js` asks the
//! index in the page's own language.

use std::path::{Path, PathBuf};

use tera::Context;

use super::Staging;
use crate::config::{Config, Language};
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::render::context::Translation;
use crate::render::{Pages, Theme};

/// The folder of the index below the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// The search page's template.
pub const TEMPLATE: &str = "search.html";

/// URL path of `lang`'s search page below the base path: `search/`, `en/search/`.
pub fn page_path(lang: &Language) -> String {
    format!("{}search/", lang.prefix)
}

/// Content that would take a search page's URL, and a theme without `search.html`,
/// are errors before anything is written.
pub fn check(config: &Config, content: &Content, theme: &Theme) -> Result<()> {
    if !config.search {
        return Ok(());
    }
    let mut errors: Vec<Diagnostic> = content
        .docs
        .iter()
        .filter(|d| config.languages.iter().any(|l| d.url_path == page_path(l)))
        .map(|d| {
            Diagnostic::error(format!(
                "`{}` maps to `/{}`, the search page's URL",
                d.path.display(),
                d.url_path
            ))
            .in_file(&d.path)
            .with_hint("give it another `slug` or folder name, or set `[search] enabled = false` in config.toml")
        })
        .collect();
    if !theme.has(TEMPLATE) {
        errors.push(
            Diagnostic::error(format!("template `templates/{TEMPLATE}` is missing")).with_hint(
                "copy it from the default theme, or set `[search] enabled = false` in config.toml",
            ),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Renders each language's search page.
pub fn write_pages(staging: &Staging, theme: &Theme, pages: &Pages, config: &Config) -> Result<()> {
    for lang in &config.languages {
        let file = PathBuf::from(page_path(lang)).join("index.html");
        let mut out = staging.create_file(&file)?;
        theme.render_to(TEMPLATE, &context(pages, config, lang), &mut out, None)?;
        std::io::Write::flush(&mut out)
            .map_err(|e| crate::fsutil::io_error(e, &file, "cannot write"))?;
    }
    Ok(())
}

/// The 404 page's context, made the search page's: its URL, and a switcher that goes to
/// the other languages' search pages.
fn context(pages: &Pages, config: &Config, lang: &Language) -> Context {
    let mut ctx = pages.not_found_context(lang);
    let path = page_path(lang);
    ctx.insert("kind", "search");
    ctx.insert("current_url", &config.url(&path));
    ctx.insert("permalink", &config.permalink(&path));
    let translations: Vec<Translation> = config
        .languages
        .iter()
        .map(|l| Translation {
            lang: l.code.clone(),
            html_lang: l.html_lang.clone(),
            name: l.name.clone(),
            url: config.url(&page_path(l)),
            permalink: config.permalink(&page_path(l)),
            title: l.title.clone(),
            exists: true,
            current: l.code == lang.code,
        })
        .collect();
    ctx.insert("translations", &translations);
    ctx.insert(
        "x_default",
        &config.permalink(&page_path(config.default_language())),
    );
    ctx
}

/// Indexes every content page of the staging folder; returns the number of pages.
pub fn index(staging: &Staging, content: &Content) -> Result<usize> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
    let files = runtime.block_on(run_pagefind(staging, content))?;
    let mut errors = Vec::new();
    for f in files.iter().filter(|f| !is_unused_ui(&f.filename)) {
        let rel = Path::new(BUNDLE_DIR).join(&f.filename);
        if let Err(e) = staging.write_new(&rel, &f.contents, "the search index") {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(content.docs.len())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Pagefind's ready-made interfaces (`pagefind-ui.js`, `-modular-ui`, `-component-ui`,
/// `-highlight`): the theme talks to `pagefind.js` itself, so they are not published.
fn is_unused_ui(file: &Path) -> bool {
    let name = file.to_string_lossy();
    name.starts_with("pagefind-") && (name.contains("-ui.") || name.contains("highlight"))
}

async fn run_pagefind(
    staging: &Staging,
    content: &Content,
) -> Result<Vec<pagefind::api::SyntheticFile>> {
    let mut index = pagefind::api::PagefindIndex::new(None).map_err(failed)?;
    for doc in &content.docs {
        let rel = doc.output_file();
        let path = staging.path_of(&rel)?;
        let html = std::fs::read_to_string(&path)
            .map_err(|e| crate::fsutil::io_error(e, &rel, "cannot read"))?;
        let source = rel.to_string_lossy().replace('\\', "/");
        index
            .add_html_file(Some(source), None, html)
            .await
            .map_err(|e| failed(e).with_hint(format!("while indexing `{}`", doc.path.display())))?;
    }
    Ok(index.get_files().await.map_err(failed)?)
}

fn failed(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("search indexing failed: {e}"))
}
