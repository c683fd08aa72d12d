//! `new`: scaffolds a new region's profile — `config.toml`, a starter `content/` (home and
//! the tech, talent and finance sections in both languages, a sample page, a statistics
//! file with two records), and the default templates and static files.
//!
//! Everything is embedded in the binary (`include_bytes!`), so `profilegen new` works
//! without this repository; a test keeps the embedded theme identical to `templates/` and
//! `static/`. The new site builds, and passes `check`, as it is.

use crate::msg;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::fsutil::io_error;

/// The default theme, as in this repository's `templates/` and `static/`.
pub const THEME: &[(&str, &[u8])] = &[
    (
        "static/css/site.css",
        include_bytes!("../static/css/site.css"),
    ),
    (
        "static/favicon.ico",
        include_bytes!("../static/favicon.ico"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../static/favicon.svg"),
    ),
    (
        "static/img/share.png",
        include_bytes!("../static/img/share.png"),
    ),
    (
        "static/js/search.js",
        include_bytes!("../static/js/search.js"),
    ),
    (
        "templates/404.html",
        include_bytes!("../templates/404.html"),
    ),
    (
        "templates/base.html",
        include_bytes!("../templates/base.html"),
    ),
    (
        "templates/data.html",
        include_bytes!("../templates/data.html"),
    ),
    (
        "templates/index.html",
        include_bytes!("../templates/index.html"),
    ),
    (
        "templates/page.html",
        include_bytes!("../templates/page.html"),
    ),
    (
        "templates/partials/footer.html",
        include_bytes!("../templates/partials/footer.html"),
    ),
    (
        "templates/partials/header.html",
        include_bytes!("../templates/partials/header.html"),
    ),
    (
        "templates/partials/key-figures.html",
        include_bytes!("../templates/partials/key-figures.html"),
    ),
    (
        "templates/partials/meta.html",
        include_bytes!("../templates/partials/meta.html"),
    ),
    (
        "templates/partials/page-list.html",
        include_bytes!("../templates/partials/page-list.html"),
    ),
    (
        "templates/partials/pager.html",
        include_bytes!("../templates/partials/pager.html"),
    ),
    (
        "templates/partials/search-form.html",
        include_bytes!("../templates/partials/search-form.html"),
    ),
    (
        "templates/partials/switcher.html",
        include_bytes!("../templates/partials/switcher.html"),
    ),
    (
        "templates/partials/toc.html",
        include_bytes!("../templates/partials/toc.html"),
    ),
    (
        "templates/print.html",
        include_bytes!("../templates/print.html"),
    ),
    (
        "templates/section.html",
        include_bytes!("../templates/section.html"),
    ),
    (
        "templates/search.html",
        include_bytes!("../templates/search.html"),
    ),
];

/// The starter content.
pub const STARTER: &[(&str, &[u8])] = &[
    (
        "content/_index.md",
        include_bytes!("scaffold/content/_index.md"),
    ),
    (
        "content/_index.en.md",
        include_bytes!("scaffold/content/_index.en.md"),
    ),
    (
        "content/tech/_index.md",
        include_bytes!("scaffold/content/tech/_index.md"),
    ),
    (
        "content/tech/_index.en.md",
        include_bytes!("scaffold/content/tech/_index.en.md"),
    ),
    (
        "content/tech/example.md",
        include_bytes!("scaffold/content/tech/example.md"),
    ),
    (
        "content/tech/example.en.md",
        include_bytes!("scaffold/content/tech/example.en.md"),
    ),
    (
        "content/talent/_index.md",
        include_bytes!("scaffold/content/talent/_index.md"),
    ),
    (
        "content/talent/_index.en.md",
        include_bytes!("scaffold/content/talent/_index.en.md"),
    ),
    (
        "content/finance/_index.md",
        include_bytes!("scaffold/content/finance/_index.md"),
    ),
    (
        "content/finance/_index.en.md",
        include_bytes!("scaffold/content/finance/_index.en.md"),
    ),
    (
        "content/stats.toml",
        include_bytes!("scaffold/content/stats.toml"),
    ),
    (".gitignore", GITIGNORE.as_bytes()),
    // The editor's guide in Chinese, beside config.toml (not published: only content/
    // and static/ are).
    (GUIDE, include_bytes!("../docs/编辑指南.md")),
];

/// Where a new site keeps the editor's guide.
pub const GUIDE: &str = "编辑指南.md";

/// The new site's `.gitignore`: the built site and the photo cache are not sources.
const GITIGNORE: &str =
    "# Written by `profilegen build`: not sources.\n/public\n/.public.*\n/.profilegen-cache\n";

/// The top of the new `config.toml`; the rest (Markdown options, languages, UI strings)
/// comes from this repository's `config.toml`.
const CONFIG_HEAD: &str = include_str!("scaffold/header.toml");
const REPO_CONFIG: &str = include_str!("../config.toml");

/// Creates the new site in `dir` (made if missing); refuses a folder that has anything in
/// it. Returns the files written, relative to `dir`.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    refuse_non_empty(dir)?;
    let config = config();
    let files = THEME
        .iter()
        .chain(STARTER)
        .copied()
        .chain(std::iter::once(("config.toml", config.as_bytes())));
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io_error(e, parent, crate::fsutil::Action::Create))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| io_error(e, &path, crate::fsutil::Action::Write))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

fn refuse_non_empty(dir: &Path) -> Result<(), Diagnostics> {
    match std::fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(Diagnostic::error(msg!(
            "new-not-a-folder",
            path = dir.display().to_string()
        ))
        .with_hint(msg!("new-not-a-folder-hint"))
        .into()),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir)
                .map_err(|e| io_error(e, dir, crate::fsutil::Action::Read))?;
            if entries.next().is_none() {
                return Ok(());
            }
            Err(
                Diagnostic::error(msg!("new-not-empty", path = dir.display().to_string()))
                    .with_hint(msg!("new-not-empty-hint"))
                    .into(),
            )
        }
    }
}

/// The new site's `config.toml`: a generic head, then this repository's Markdown options,
/// languages and UI strings, with the English title and description made generic.
pub fn config() -> String {
    let rest = REPO_CONFIG
        .find("[markdown]")
        .map_or(REPO_CONFIG, |i| &REPO_CONFIG[i..]);
    let mut in_en = false;
    let mut in_en_strings = false;
    let lines: Vec<String> = rest
        .lines()
        .map(|line| {
            if line.starts_with('[') {
                in_en = line.trim() == "[languages.en]";
                in_en_strings = line.trim() == "[languages.en.translations]";
            }
            let key = line.split_once(" = ").map(|(k, _)| k);
            if let Some(generic) = key.and_then(|k| generic_string(k, in_en_strings)) {
                return format!("{} = \"{generic}\"", key.unwrap_or_default());
            }
            match key {
                Some("title") if in_en => "title = \"Regional Industry Profile\"".to_owned(),
                Some("description") if in_en => "description = \"The region's leading industry cluster: key figures, strategy, company cases and support policies.\"".to_owned(),
                _ => line.to_owned(),
            }
        })
        .collect();
    format!("{CONFIG_HEAD}{}\n", lines.join("\n"))
}

/// The repository's UI strings that name Renze, made generic for a new region (the share
/// image and place of the JSON-LD are the new site's to replace).
fn generic_string(key: &str, en: bool) -> Option<&'static str> {
    Some(match (key, en) {
        ("share_image_alt", false) => "区域产业概况",
        ("share_image_alt", true) => "Regional Industry Profile",
        ("place_name", false) => "本区",
        ("place_name", true) => "The district",
        ("place_city", false) => "本市",
        ("place_city", true) => "The city",
        ("place_region", false) => "本省",
        ("place_region", true) => "The province",
        ("footer_note", false) => "每项数据均注明年份与来源。请在此说明数据取自哪些资料。",
        ("footer_note", true) => {
            "Every figure states its year and source. Say here where the figures come from."
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_is_the_repositorys() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        for dir in ["templates", "static"] {
            for e in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let e = e.unwrap();
                if e.file_type().is_file() {
                    let rel = e.path().strip_prefix(root).unwrap();
                    on_disk.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut embedded: Vec<String> = THEME.iter().map(|(n, _)| n.to_string()).collect();
        on_disk.sort();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update THEME in src/scaffold.rs");
        for (name, bytes) in THEME {
            assert_eq!(std::fs::read(root.join(name)).unwrap(), *bytes, "{name}");
        }
    }

    #[test]
    fn the_config_is_generic() {
        let c = config();
        assert!(!c.contains("Renze") && !c.contains("任泽"), "{c}");
        assert!(c.contains("[languages.en.translations]"));
    }
}
