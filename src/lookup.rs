//! Read-only lookups that Markdown and templates share: the URL of every content file in
//! every language, the files of `static/`, the UI strings and the statistics.
//!
//! Built once after the content is read, then shared (`Arc`) by the parallel Markdown
//! pass and by the template functions (`link`, `asset`, `t`, `stat`, `chart`).

use crate::msg;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Content;
use crate::diag::did_you_mean;
use crate::markdown::{self, Shortcode};
use crate::stats::Stats;

/// An error for a link, string or figure that does not exist: message and hint.
pub type Miss = (String, Option<String>);

/// The lookups.
#[derive(Debug)]
pub struct Lookup {
    /// The configuration.
    pub config: Arc<Config>,
    /// Content key → URL per language (in `config.languages` order), root-relative.
    urls: HashMap<String, Vec<Option<String>>>,
    /// Files of `static/`, as `css/site.css`.
    static_files: HashSet<String>,
    /// The statistics, if the site has a stats file.
    pub stats: Option<Arc<Stats>>,
    /// Static file → its fingerprinted name (`css/site.css` → `css/site.<hash>.css`).
    fingerprints: HashMap<String, String>,
    /// The photos of `content/`, processed.
    pub photos: Arc<crate::images::Photos>,
    /// The image cache, for templates' `image()`.
    images: Option<Arc<crate::images::Cache>>,
    /// The copies `image()` made: (path, transform) → its view and published file.
    made: std::sync::Mutex<HashMap<(String, String), ImageView>>,
    /// Each copy `image()` made: output path → (cached file, source photo relative to
    /// the project).
    made_files: std::sync::Mutex<MadeFiles>,
}

type MadeFiles =
    std::collections::BTreeMap<std::path::PathBuf, (std::path::PathBuf, std::path::PathBuf)>;

/// What a template's `image()` returns.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImageView {
    /// Root-relative URL of the copy.
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// `"<url> <width>w"`, for an `<img srcset>`.
    pub srcset: String,
}

impl Lookup {
    /// Indexes the content's URLs and the static files.
    pub fn new(
        config: Arc<Config>,
        content: &Content,
        static_files: HashSet<String>,
        stats: Option<Arc<Stats>>,
    ) -> Self {
        let mut urls: HashMap<String, Vec<Option<String>>> = HashMap::new();
        for doc in &content.docs {
            let slot = urls
                .entry(doc.key.clone())
                .or_insert_with(|| vec![None; config.languages.len()]);
            if let Some(i) = config.languages.iter().position(|l| l.code == doc.lang) {
                slot[i] = Some(config.url(&doc.url_path));
            }
        }
        Lookup {
            config,
            urls,
            static_files,
            stats,
            fingerprints: HashMap::new(),
            photos: Arc::default(),
            images: None,
            made: Default::default(),
            made_files: Default::default(),
        }
    }

    /// Makes Markdown images of the site's photos use their processed copies, and
    /// templates' `image()` use `cache`.
    pub fn with_photos(
        mut self,
        photos: Arc<crate::images::Photos>,
        cache: Arc<crate::images::Cache>,
    ) -> Self {
        self.photos = photos;
        self.images = Some(cache);
        self
    }

    /// The image cache, if this lookup has one.
    pub fn image_cache(&self) -> Option<&Arc<crate::images::Cache>> {
        self.images.as_ref()
    }

    /// Every copy templates' `image()` made so far: output path → cached file.
    pub fn made_images(&self) -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
        self.made_files
            .lock()
            .map(|m| m.iter().map(|(a, (b, _))| (a.clone(), b.clone())).collect())
            .unwrap_or_default()
    }

    /// Keeps the copies `earlier` made (but those in `gone`), so that a new lookup still
    /// knows what the pages it did not re-render showed.
    pub fn with_made_by(self, earlier: &Lookup, gone: &BTreeSet<std::path::PathBuf>) -> Self {
        if let (Ok(mut mine), Ok(theirs)) = (self.made_files.lock(), earlier.made_files.lock()) {
            for (out, made) in theirs.iter().filter(|(out, _)| !gone.contains(*out)) {
                mine.insert(out.clone(), made.clone());
            }
        }
        self
    }

    /// The output paths of the copies made so far from the photo at `source` (relative
    /// to the project).
    pub fn made_from(&self, source: &Path) -> Vec<std::path::PathBuf> {
        self.made_files
            .lock()
            .map(|m| {
                m.iter()
                    .filter(|(_, (_, s))| s == source)
                    .map(|(out, _)| out.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `image(path=…, width=…, height=…, op=…, format=…)`: a sized copy of a photo of
    /// `content/` (path below it, `tech/photo.jpg`) or of `static/` (`img/hero.jpg`).
    pub fn image(&self, path: &str, t: crate::images::Transform) -> Result<ImageView, Miss> {
        let memo = (path.to_owned(), format!("{t:?}"));
        if let Some(v) = self.made.lock().ok().and_then(|m| m.get(&memo).cloned()) {
            return Ok(v);
        }
        let clean = path.trim_start_matches('/');
        let rel = ["content", "static"]
            .into_iter()
            .map(|top| Path::new(top).join(clean))
            .find(|p| self.config.root.join(p).is_file())
            .ok_or_else(|| {
                (
                    msg!("image-not-found-anywhere", path = path),
                    Some(msg!("image-not-found-anywhere-hint")),
                )
            })?;
        // Copies go beside the source's published place.
        let folder = match rel.strip_prefix("static") {
            Ok(inside) => crate::images::output_folder(&Path::new("content").join(inside)),
            Err(_) => crate::images::output_folder(&rel),
        };
        crate::deps::note(|r| {
            r.photos.insert(crate::output::layout::url_of(&rel));
        });
        let cache = self
            .images
            .as_ref()
            .ok_or_else(|| (msg!("image-no-processing"), None))?;
        let bytes = std::fs::read(self.config.root.join(&rel)).map_err(|e| {
            let message = msg!(
                "image-read-failed",
                path = rel.display().to_string(),
                detail = e.to_string()
            );
            (message, None)
        })?;
        let made = cache
            .transform(&bytes, &rel, t)
            .map_err(|e| (e.message, Some(e.hint)))?;
        let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
        let out = format!("{folder}{}", made.published(stem));
        let url = self.config.url(&out);
        let view = ImageView {
            srcset: format!("{url} {}w", made.variant.width),
            url,
            width: made.variant.width,
            height: made.variant.height,
        };
        if let Ok(mut files) = self.made_files.lock() {
            let made = (cache.file(&made.variant), rel.clone());
            files.insert(std::path::PathBuf::from(out), made);
        }
        if let Ok(mut m) = self.made.lock() {
            m.insert(memo, view.clone());
        }
        Ok(view)
    }

    /// The photo a Markdown image destination names (see [`markdown::Resolver::photo`]).
    pub fn photo(&self, dest: &str, from: &Path) -> Option<Result<markdown::Photo, Miss>> {
        if let Some(kind) = crate::images::unsupported(dest) {
            return Some(Err((
                msg!("image-unsupported", dest = dest, kind = kind),
                Some(msg!("image-unsupported-hint")),
            )));
        }
        let rel = photo_path(dest, from)?;
        crate::deps::note(|r| {
            r.photos.insert(crate::output::layout::url_of(&rel));
        });
        match self.photos.get(&rel) {
            Some(Ok(p)) => Some(Ok(self.photo_urls(&rel, p))),
            Some(Err(e)) => Some(Err((e.message.clone(), Some(e.hint.clone())))),
            None if self.config.keeps_original(&rel) || self.config.root.join(&rel).is_file() => {
                None
            }
            None => {
                if dest.starts_with('/')
                    && let Some(found) = self.static_photo(&rel)
                {
                    return Some(found);
                }
                let folder = rel.parent().unwrap_or(Path::new("content"));
                let near = self
                    .photos
                    .keys()
                    .filter(|p| p.parent() == Some(folder))
                    .filter_map(|p| p.file_name()?.to_str());
                let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or(dest);
                let path = rel.display().to_string();
                let hint = match did_you_mean(name, near) {
                    Some(c) => msg!("image-did-you-mean-hint", name = c, path = path),
                    None => msg!("image-not-found-hint", path = path),
                };
                Some(Err((msg!("image-not-found", dest = dest), Some(hint))))
            }
        }
    }

    /// A photo of `static/` named by a site-absolute image destination (`/img/hero.jpg`,
    /// given here as `content/img/hero.jpg`): processed on first use, its copies
    /// published beside the original (which `static/` publishes as it is).
    fn static_photo(&self, rel: &Path) -> Option<Result<markdown::Photo, Miss>> {
        let inside = rel.strip_prefix("content").ok()?;
        let source = Path::new("static").join(inside);
        let abs = self.config.root.join(&source);
        if !abs.is_file() || self.config.keeps_original(&source) {
            return None;
        }
        let cache = self.images.as_ref()?;
        crate::deps::note(|r| {
            r.photos.insert(crate::output::layout::url_of(&source));
        });
        Some(match cache.process_file(&abs, &source) {
            Ok(p) => {
                if let Ok(mut files) = self.made_files.lock() {
                    for (out, v) in crate::images::published_files(rel, &p) {
                        files.insert(out.into(), (cache.file(v), source.clone()));
                    }
                }
                Ok(self.photo_urls(rel, &p))
            }
            Err(e) => Err((e.message, Some(e.hint))),
        })
    }

    /// The URLs of a processed photo's copies, published beside where the source is.
    fn photo_urls(&self, rel: &Path, p: &crate::images::Processed) -> markdown::Photo {
        let published = crate::images::published_files(rel, p);
        let webp: Vec<String> = published
            .iter()
            .filter(|(out, _)| out.ends_with(".webp"))
            .map(|(out, v)| format!("{} {}w", self.config.url(out), v.width))
            .collect();
        let fallback = published
            .last()
            .map_or(String::new(), |(out, _)| self.config.url(out));
        markdown::Photo {
            webp_srcset: webp.join(", "),
            fallback,
            width: p.fallback.width,
            height: p.fallback.height,
        }
    }

    /// Makes `asset(path=…)` return the fingerprinted URL of the files that have one.
    pub fn with_fingerprints(mut self, f: &crate::output::assets::Fingerprints) -> Self {
        self.fingerprints = f.pairs().clone().into_iter().collect();
        self
    }

    fn lang_index(&self, lang: &str) -> usize {
        self.config
            .languages
            .iter()
            .position(|l| l.code == lang)
            .unwrap_or(0)
    }

    /// URL of content file `key` (`tech/_index.md`) in `lang`, or in another language
    /// when it has no `lang` version (the missing twin is warned about elsewhere).
    pub fn link(&self, key: &str, lang: &str) -> Result<String, Miss> {
        let key = key.trim_start_matches("@/").trim_start_matches('/');
        crate::deps::note(|r| {
            r.links.insert(key.to_owned());
        });
        match self.urls.get(key) {
            Some(per_lang) => per_lang[self.lang_index(lang)]
                .clone()
                .or_else(|| per_lang.iter().flatten().next().cloned())
                .ok_or_else(|| (msg!("link-no-page", key = key), None)),
            None => {
                let close = did_you_mean(key, self.urls.keys().map(String::as_str));
                let hint = close
                    .map(|c| msg!("link-did-you-mean-hint", key = c))
                    .unwrap_or_else(|| msg!("link-targets-hint"));
                Err((msg!("link-unknown-page", key = key), Some(hint)))
            }
        }
    }

    /// URL of a file of `static/` (or of a generated file such as `data/stats.csv`); CSS
    /// and JS get their fingerprinted URL.
    pub fn asset(&self, path: &str) -> Result<String, Miss> {
        let path = path.trim_start_matches('/');
        crate::deps::note(|r| {
            r.assets.insert(path.to_owned());
        });
        if self.static_files.contains(path) {
            let published = self.fingerprints.get(path).map_or(path, String::as_str);
            return Ok(self.config.url(published));
        }
        let close = did_you_mean(path, self.static_files.iter().map(String::as_str));
        Err((
            msg!("asset-missing", path = path),
            close.map(|c| msg!("hint-did-you-mean", name = c)),
        ))
    }

    /// UI string `key` in `lang`.
    pub fn string(&self, key: &str, lang: &str) -> Result<String, Miss> {
        let language = self
            .config
            .language(lang)
            .ok_or_else(|| (msg!("language-unknown", lang = lang), None))?;
        language.strings.get(key).cloned().ok_or_else(|| {
            let close = did_you_mean(key, language.strings.keys().map(String::as_str));
            let table = if language.prefix.is_empty() {
                "[translations]".to_owned()
            } else {
                format!("[languages.{lang}.translations]")
            };
            let hint = msg!(
                "string-missing-hint",
                close = close.unwrap_or("none"),
                key = key,
                table = table
            );
            (msg!("string-missing", key = key, lang = lang), Some(hint))
        })
    }

    fn stats(&self) -> Result<&Stats, Miss> {
        self.stats.as_deref().ok_or_else(|| {
            (
                msg!("stats-file-missing"),
                Some(msg!("stats-file-missing-hint")),
            )
        })
    }

    /// A figure formatted for `lang` (its newest value, or `year`'s), as escaped HTML.
    pub fn stat(
        &self,
        id: &str,
        form: Option<&str>,
        year: Option<i64>,
        lang: &str,
    ) -> Result<String, Miss> {
        crate::deps::note(|r| {
            r.stats.insert(id.to_owned());
        });
        self.stats()?.render_stat(id, form, year, lang)
    }

    /// A series' change between two years, in words, marked as derived.
    pub fn stat_change(
        &self,
        id: &str,
        (from, to): (Option<i64>, Option<i64>),
        lang: &str,
    ) -> Result<String, Miss> {
        crate::deps::note(|r| {
            r.stats.insert(id.to_owned());
        });
        self.stats()?.render_change(id, from, to, lang)
    }

    /// A group's chart as inline SVG.
    pub fn chart(&self, group: &str, kind: Option<&str>, lang: &str) -> Result<String, Miss> {
        crate::deps::note(|r| {
            r.groups.insert(group.to_owned());
        });
        self.stats()?.chart_svg(group, kind, lang)
    }

    /// The statistics, for template functions that return records and groups.
    pub fn stats_data(&self) -> Result<&Stats, Miss> {
        self.stats()
    }
}

impl markdown::Resolver for Lookup {
    fn link(&self, path: &str, lang: &str) -> Result<String, Miss> {
        Lookup::link(self, path, lang)
    }

    fn shortcode(&self, call: &Shortcode, lang: &str) -> Result<String, Miss> {
        match call.name.as_str() {
            "stat" => {
                let id = call
                    .str_arg("id")
                    .ok_or_else(|| missing_arg("stat", "id", "{{ stat(id=\"enterprises\") }}"))?;
                let year = year_arg(call, "year")?;
                self.stat(id, call.str_arg("form"), year, lang)
            }
            "stat_change" => {
                let id = call.str_arg("id").ok_or_else(|| {
                    missing_arg("stat_change", "id", "{{ stat_change(id=\"revenue\") }}")
                })?;
                let years = (year_arg(call, "from")?, year_arg(call, "to")?);
                self.stat_change(id, years, lang)
            }
            "chart" => {
                let group = call.str_arg("group").ok_or_else(|| {
                    missing_arg("chart", "group", "{{ chart(group=\"recognition_tiers\") }}")
                })?;
                self.chart(group, call.str_arg("kind"), lang)
            }
            other => {
                let close = did_you_mean(other, ["stat", "stat_change", "chart"]);
                let hint = close.map_or(msg!("shortcode-names-hint"), |c| {
                    msg!("hint-did-you-mean", name = c)
                });
                Err((msg!("shortcode-unknown", name = other), Some(hint)))
            }
        }
    }

    fn base_path(&self) -> &str {
        &self.config.base_url.path
    }

    fn photo(&self, dest: &str, from: &Path) -> Option<Result<markdown::Photo, Miss>> {
        Lookup::photo(self, dest, from)
    }
}

/// A year argument (`year=2021`, `from=2022`): a whole number without quotes.
fn year_arg(call: &Shortcode, key: &str) -> Result<Option<i64>, Miss> {
    match call.args.iter().find(|(k, _)| k == key) {
        None => Ok(None),
        Some((_, markdown::ArgValue::Int(n))) => Ok(Some(*n)),
        Some(_) => Err((
            msg!("shortcode-year-arg", key = key),
            Some(msg!("shortcode-year-arg-hint", key = key)),
        )),
    }
}

/// The project-relative path (`content/tech/photo.jpg`) of a Markdown image destination
/// that may name one of the site's photos: relative to the Markdown file `from`, or
/// site-absolute (`/tech/photo.jpg`). `None` for another site's image, a file that is not
/// a photo, or a path that leaves `content/`.
fn photo_path(dest: &str, from: &Path) -> Option<std::path::PathBuf> {
    let dest = dest.split(['?', '#']).next().unwrap_or_default();
    if dest.is_empty() || dest.contains(':') || dest.starts_with("//") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(dest)
        .decode_utf8()
        .ok()?;
    crate::content::resolve_from(from, &decoded).filter(|p| crate::images::is_photo(p))
}

fn missing_arg(name: &str, arg: &str, example: &str) -> Miss {
    (
        msg!("shortcode-missing-arg", name = name, arg = arg),
        Some(msg!("shortcode-missing-arg-hint", example = example)),
    )
}
