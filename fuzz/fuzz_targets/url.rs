//! URL and slug resolution: any content file name, folder names and `slug`, and any
//! user-written project path. Whatever is accepted must stay inside the output (a plain
//! relative path that the staging folder accepts) or inside the project.
#![no_main]

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use profilegen::config::{Config, Overrides};
use profilegen::content::parse_document;
use profilegen::fsutil;
use profilegen::output::Staging;

#[derive(Debug, Arbitrary)]
struct Input {
    dirs: Vec<String>,
    name: String,
    english: bool,
    slug: Option<String>,
    raw_path: String,
}

struct Site {
    config: Config,
    staging: Staging,
}

/// One project for the whole run (in the temp folder; libFuzzer exits without dropping).
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("pg-fuzz-url-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("temp folder");
        let config = "base_url = \"https://example.org/\"\ntitle = \"t\"\n[languages.en]\n";
        std::fs::write(root.join("config.toml"), config).expect("config");
        let config = Config::load(&root, &Overrides::default()).expect("config loads");
        let staging = Staging::create(&config, true).expect("staging");
        Site { config, staging }
    })
}

fn plain(p: &Path) -> bool {
    p.components().all(|c| matches!(c, Component::Normal(_)))
}

fuzz_target!(|input: Input| {
    let site = site();
    let mut rel = PathBuf::from("content");
    for d in &input.dirs {
        rel.push(d);
    }
    let suffix = if input.english { ".en.md" } else { ".md" };
    rel.push(format!("{}{suffix}", input.name));
    let mut text = String::from("+++\ntitle = \"t\"\n");
    if let Some(slug) = &input.slug {
        let quoted: String = slug.chars().flat_map(char::escape_default).collect();
        text.push_str(&format!("slug = \"{quoted}\"\n"));
    }
    text.push_str("+++\n");
    if let Ok(Some(doc)) = parse_document(&site.config, &rel, Arc::from(text), false) {
        let out = doc.output_file();
        assert!(plain(&out), "{rel:?} -> {out:?}");
        let staged = site.staging.path_of(&out).expect("a plain path is accepted");
        assert!(staged.starts_with(site.staging.dir()), "{staged:?}");
    }
    if let Ok(p) = fsutil::relative_in_project(&input.raw_path) {
        assert!(plain(&p) || p.as_os_str().is_empty(), "{:?} -> {p:?}", input.raw_path);
    }
    let raw = Path::new(&input.raw_path);
    if let Ok(staged) = site.staging.path_of(raw) {
        let inside = fsutil::normalize(&staged);
        assert!(inside.starts_with(site.staging.dir()), "{raw:?} -> {staged:?}");
        assert!(inside != site.staging.dir(), "{raw:?} is the staging folder itself");
    }
});
