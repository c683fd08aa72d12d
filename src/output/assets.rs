//! Fingerprinted assets: every CSS and JS file of `static/` is also published under a
//! name that carries a hash of its bytes (`css/site.css` → `css/site.3f9a1c2b7d.css`),
//! so a server can cache it forever and a deploy never serves stale styles.
//!
//! The hashes are computed before rendering, so the `asset(path=…)` template function
//! returns the fingerprinted URL; the files and `asset-manifest.json` (original name →
//! fingerprinted name) are written with the rest of the output. The original names are
//! published too, for anything that links to them directly.

use crate::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Staging;
use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil::io_error;

/// The manifest's file name at the root of the output.
pub const MANIFEST: &str = "asset-manifest.json";

/// Hex digits of the hash in a fingerprinted name.
const HASH_LEN: usize = 10;

/// Extensions of the files that get a fingerprinted copy.
const FINGERPRINTED: [&str; 2] = ["css", "js"];

/// Original path below `static/` → fingerprinted path, both with `/` separators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprints(BTreeMap<String, String>);

impl Fingerprints {
    /// Hashes the CSS and JS files among `static_files` (paths like `static/css/site.css`,
    /// relative to `root`).
    pub fn compute(root: &Path, static_files: &[PathBuf]) -> Result<Fingerprints> {
        let mut map = BTreeMap::new();
        for rel in static_files.iter().filter(|p| is_fingerprinted(p)) {
            let bytes = std::fs::read(root.join(rel))
                .map_err(|e| io_error(e, rel, crate::fsutil::Action::Read))?;
            let name = rel.strip_prefix("static").unwrap_or(rel);
            let name = name.to_string_lossy().replace('\\', "/");
            let hashed = fingerprinted_name(&name, &bytes);
            map.insert(name, hashed);
        }
        Ok(Fingerprints(map))
    }

    /// The fingerprinted name of `path` (`css/site.css`), if it has one.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }

    /// Every original → fingerprinted pair.
    pub fn pairs(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// Writes each fingerprinted copy (from the file already copied into the staging
    /// folder) and the manifest.
    pub fn write(&self, staging: &Staging) -> Result<()> {
        let mut errors = Vec::new();
        for (original, hashed) in &self.0 {
            let from = staging.path_of(Path::new(original))?;
            if let Err(e) = staging.copy(&from, Path::new(original), Path::new(hashed)) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        let json = serde_json::to_string_pretty(&self.0).map_err(|e| {
            Diagnostic::error(msg!(
                "output-write-failed",
                file = MANIFEST,
                detail = e.to_string()
            ))
        })?;
        staging.write_new(Path::new(MANIFEST), json.as_bytes(), "manifest")?;
        Ok(())
    }
}

fn is_fingerprinted(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FINGERPRINTED.contains(&e))
}

/// `css/site.css` + bytes → `css/site.<hash>.css`.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(HASH_LEN)
        .map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0'))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => {
            format!("{stem}.{hash}.{ext}")
        }
        _ => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_goes_before_the_extension_and_follows_the_bytes() {
        let a = fingerprinted_name("css/site.css", b"body{}");
        let b = fingerprinted_name("css/site.css", b"body{color:red}");
        assert!(a.starts_with("css/site.") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "css/site..css".len() + HASH_LEN);
        assert_ne!(a, b);
        assert_eq!(a, fingerprinted_name("css/site.css", b"body{}"));
        assert!(fingerprinted_name("js/.hidden", b"x").starts_with("js/.hidden."));
    }
}
