//! Search: a page per language (`/search/`, `/en/search/`, template `search.html`) and a
//! Pagefind-format index of every content page, written into the output's `pagefind/`
//! folder with Pagefind's browser client.
//!
//! The index is built by [`crate::search`] while the pages are written (no second read
//! of the output, no tool downloaded, no Node). There is one index per `<html lang>`: a
//! Chinese page is segmented into words with ICU's dictionary and indexed with its pairs
//! of characters, so `键合铜丝` or `专精特新` find their pages; English words are
//! stemmed. The search page works without JavaScript as a plain GET form (`?q=`) that
//! tells the reader search needs JavaScript; with it, `search.js` asks the index in the
//! page's own language.

use crate::msg;
use std::path::Path;

use super::Staging;
use super::layout;
use crate::config::Config;
use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::render::Theme;
use crate::search::client::Client;

/// The folder of the index below the output.
pub const BUNDLE_DIR: &str = layout::SEARCH_BUNDLE;

/// The search page's template.
pub const TEMPLATE: &str = "search.html";

/// Content that would take a search page's URL, and a theme without `search.html`,
/// are errors before anything is written.
pub fn check(config: &Config, content: &Content, theme: &Theme) -> Result<()> {
    if !config.search {
        return Ok(());
    }
    let mut errors: Vec<Diagnostic> = content
        .docs
        .iter()
        .filter(|d| {
            config
                .languages
                .iter()
                .any(|l| d.url_path == layout::search_path(l))
        })
        .map(|d| {
            Diagnostic::error(msg!(
                "search-page-taken",
                path = d.path.display().to_string(),
                url = d.url_path.as_str()
            ))
            .in_file(&d.path)
            .with_hint(msg!("search-page-taken-hint"))
        })
        .collect();
    if !theme.has(TEMPLATE) {
        errors.push(
            Diagnostic::error(msg!("template-missing", name = TEMPLATE))
                .with_hint(msg!("search-template-missing-hint")),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// Writes the index built while the pages were written, and Pagefind's client, in
/// parallel; with `compress`, then a `.gz` and a `.br` beside each text file of the
/// index's folder (the client's scripts, `pagefind-entry.json`, and any text file a
/// theme's `static/pagefind/` put there: the compression of the rest of the site, which
/// runs beside this, leaves the folder to it). The index's own files are gzip already,
/// and its folders of records and word chunks ([`crate::search::GENERATED_DIRS`]) are
/// not walked: a text file a theme put there gets no compressed copies.
pub fn write(staging: &Staging, indexer: crate::search::Indexer, compress: bool) -> Result<()> {
    use rayon::prelude::*;
    let languages = indexer.languages();
    let client = Client::for_languages(&languages)
        .map_err(|e| Diagnostic::error(msg!("search-client-failed", detail = e.to_string())))?;
    let files = indexer.finish(&client);
    let errors: Vec<Diagnostic> = files
        .par_iter()
        .chain(client.files.par_iter())
        .filter_map(|(file, bytes)| {
            let rel = Path::new(BUNDLE_DIR).join(file);
            staging.write_new(&rel, bytes, "search").err()
        })
        .collect();
    if errors.is_empty() && compress {
        super::compress::compress_under(
            staging.dir(),
            Path::new(BUNDLE_DIR),
            &crate::search::GENERATED_DIRS,
        )?;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}
