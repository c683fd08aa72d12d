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

use pagefind::api::SyntheticFile;

use super::Staging;
use super::layout;
use crate::config::Config;
use crate::content::{Content, Document};
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::render::Theme;

/// The folder of the index below the output.
pub const BUNDLE_DIR: &str = layout::SEARCH_BUNDLE;

/// The bundle's table of languages, read first by `pagefind.js`.
const ENTRY: &str = "pagefind-entry.json";

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
        .filter(|d| config.languages.iter().any(|l| d.url_path == layout::search_path(l)))
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

/// Indexes every content page of the staging folder; returns the number of pages.
///
/// Pagefind's library indexes one page at a time under a lock, so each language gets an
/// index of its own, built on a thread of its own (the bundle keeps one index per
/// language anyway), and the two bundles are merged: their `pagefind-entry.json`
/// language tables are joined and their shared files are the same bytes. Should they
/// not merge cleanly (a theme without `<html lang>` puts every language's pages under
/// `unknown`), one index is built over all pages instead.
pub fn index(staging: &Staging, content: &Content) -> Result<usize> {
    let mut langs: Vec<&str> = content.docs.iter().map(|d| d.lang.as_str()).collect();
    langs.sort_unstable();
    langs.dedup();
    let groups: Vec<Vec<&Document>> = langs
        .iter()
        .map(|l| content.docs.iter().filter(|d| d.lang == *l).collect())
        .collect();
    let bundles = std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .iter()
            .map(|docs| scope.spawn(|| bundle_of(staging, docs)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(failed("an indexer thread panicked").into()))
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let files = match merge_bundles(bundles) {
        Some(files) => files,
        None => bundle_of(staging, &content.docs.iter().collect::<Vec<_>>())?,
    };
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

/// The Pagefind bundle of `docs`, in memory.
fn bundle_of(staging: &Staging, docs: &[&Document]) -> Result<Vec<SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
    runtime.block_on(run_pagefind(staging, docs))
}

/// `pagefind-entry.json`, as Pagefind writes it (same fields, same order), so a merged
/// bundle is byte for byte the one a single index would make. A field it does not know
/// makes the merge fail rather than drop it.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    version: String,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

/// One language of [`Entry`].
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// Joins per-language bundles: files of the same name must be the same bytes, except
/// `pagefind-entry.json`, whose language tables are joined (no language in two, all else
/// equal). None if they do not merge that way.
fn merge_bundles(bundles: Vec<Vec<SyntheticFile>>) -> Option<Vec<SyntheticFile>> {
    let mut files: Vec<SyntheticFile> = Vec::new();
    let mut entry: Option<Entry> = None;
    for file in bundles.into_iter().flatten() {
        if file.filename == Path::new(ENTRY) {
            let next: Entry = serde_json::from_slice(&file.contents).ok()?;
            entry = Some(match entry {
                None => next,
                Some(so_far) => join_entries(so_far, next)?,
            });
        } else if let Some(same) = files.iter().find(|f| f.filename == file.filename) {
            if same.contents != file.contents {
                return None;
            }
        } else {
            files.push(file);
        }
    }
    let contents = serde_json::to_vec(&entry?).ok()?;
    files.push(SyntheticFile {
        filename: PathBuf::from(ENTRY),
        contents,
    });
    Some(files)
}

fn join_entries(mut a: Entry, b: Entry) -> Option<Entry> {
    if a.version != b.version || a.include_characters != b.include_characters {
        return None;
    }
    for (lang, meta) in b.languages {
        if a.languages.insert(lang, meta).is_some() {
            return None;
        }
    }
    Some(a)
}

/// Pagefind's ready-made interfaces (`pagefind-ui.js`, `-modular-ui`, `-component-ui`,
/// `-highlight`): the theme talks to `pagefind.js` itself, so they are not published.
fn is_unused_ui(file: &Path) -> bool {
    let name = file.to_string_lossy();
    name.starts_with("pagefind-") && (name.contains("-ui.") || name.contains("highlight"))
}

async fn run_pagefind(staging: &Staging, docs: &[&Document]) -> Result<Vec<SyntheticFile>> {
    let mut index = pagefind::api::PagefindIndex::new(None).map_err(failed)?;
    for doc in docs {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, contents: &str) -> SyntheticFile {
        SyntheticFile {
            filename: PathBuf::from(name),
            contents: contents.as_bytes().to_vec(),
        }
    }

    fn entry(langs: &[&str]) -> SyntheticFile {
        let langs: Vec<String> = langs
            .iter()
            .map(|l| format!(r#""{l}":{{"hash":"{l}_1","wasm":null,"page_count":3}}"#))
            .collect();
        let json = format!(
            r#"{{"version":"1.6.0","languages":{{{}}},"include_characters":["_"]}}"#,
            langs.join(",")
        );
        file(ENTRY, &json)
    }

    #[test]
    fn language_bundles_merge_into_the_bundle_one_index_makes() {
        let zh = vec![
            entry(&["zh-cn"]),
            file("pagefind.js", "js"),
            file("index/zh-cn_1.pf_index", "z"),
        ];
        let en = vec![
            entry(&["en"]),
            file("pagefind.js", "js"),
            file("index/en_1.pf_index", "e"),
        ];
        let merged = merge_bundles(vec![zh, en]).unwrap();
        let names: Vec<_> = merged
            .iter()
            .map(|f| f.filename.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "pagefind.js",
                "index/zh-cn_1.pf_index",
                "index/en_1.pf_index",
                ENTRY
            ]
        );
        let both = entry(&["en", "zh-cn"]);
        assert_eq!(merged.last().unwrap().contents, both.contents);
    }

    #[test]
    fn bundles_that_overlap_or_differ_do_not_merge() {
        let cases = [
            (vec![entry(&["unknown"])], vec![entry(&["unknown"])]),
            (
                vec![entry(&["zh-cn"]), file("pagefind.js", "a")],
                vec![entry(&["en"]), file("pagefind.js", "b")],
            ),
            (
                vec![entry(&["zh-cn"])],
                vec![file(ENTRY, r#"{"version":"2"}"#)],
            ),
        ];
        for (a, b) in cases {
            assert!(merge_bundles(vec![a, b]).is_none());
        }
    }
}
