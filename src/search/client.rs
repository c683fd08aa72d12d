//! Pagefind's browser client (`pagefind.js`, its worker and WebAssembly), taken from the
//! `pagefind` crate, pinned to the version whose index format [`super::format`] writes.
//! The crate writes its client files only beside an index, so a one-word index per
//! language is made and everything but the client is dropped: which languages have
//! their own WebAssembly (with the language's stemmer) comes from it too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The bundle's table of languages, read first by `pagefind.js`.
pub const ENTRY: &str = "pagefind-entry.json";

/// The client's files and which WebAssembly each language loads.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// Path below the bundle folder, bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Language → its WebAssembly's name (`en`), or None for the generic one.
    wasm: BTreeMap<String, Option<String>>,
}

impl Client {
    /// The client for these languages (as `<html lang>` gives them, lower-cased).
    pub fn for_languages(languages: &[String]) -> Result<Client, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let files = runtime.block_on(async {
            let mut index = pagefind::api::PagefindIndex::new(None).map_err(|e| e.to_string())?;
            for lang in languages {
                index
                    .add_custom_record(
                        format!("/{lang}/"),
                        "profilegen".to_owned(),
                        lang.clone(),
                        None,
                        None,
                        None,
                    )
                    .await
                    .map_err(|e| e.to_string())?;
            }
            index.get_files().await.map_err(|e| e.to_string())
        })?;
        let mut client = Client::default();
        for f in files {
            if f.filename == Path::new(ENTRY) {
                let entry: serde_json::Value =
                    serde_json::from_slice(&f.contents).map_err(|e| e.to_string())?;
                if let Some(langs) = entry["languages"].as_object() {
                    for (lang, v) in langs {
                        client
                            .wasm
                            .insert(lang.clone(), v["wasm"].as_str().map(str::to_owned));
                    }
                }
            } else if is_client(&f.filename) {
                client.files.push((f.filename, f.contents));
            }
        }
        Ok(client)
    }

    /// True when it was made for (at least) these languages.
    pub fn covers(&self, languages: &[String]) -> bool {
        languages.iter().all(|l| self.wasm.contains_key(l))
    }

    /// The `wasm` entry of a language: its own WebAssembly, or null for the generic one.
    pub fn wasm_for(&self, lang: &str) -> Option<String> {
        self.wasm.get(lang).cloned().flatten()
    }
}

/// `pagefind.js`, `pagefind-worker.js` and `wasm.*.pagefind`; not Pagefind's ready-made
/// interfaces (`pagefind-ui.js`, `-modular-ui`, `-component-ui`, `-highlight`): the
/// theme talks to `pagefind.js` itself.
fn is_client(file: &Path) -> bool {
    let name = file.to_string_lossy();
    name == "pagefind.js"
        || name == "pagefind-worker.js"
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
}
