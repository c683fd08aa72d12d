//! Photos: every JPEG, PNG and WebP file of `content/` is published as WebP at a few
//! widths plus one JPEG (PNG when it has transparency) fallback, with the EXIF
//! orientation applied to the pixels and no metadata at all (no EXIF, XMP or GPS: the
//! encoders write none). A Markdown image of such a file becomes a `<figure>` with a
//! `<picture>` (the Markdown pass writes it from [`Processed`]).
//!
//! Processing happens once per source: results live in a cache folder keyed by the
//! source's SHA-256 and the settings ([`SETTINGS`]), so a second build, and `serve`,
//! re-encode nothing; entries no build uses any more are pruned. Decoding is bounded: a
//! file declaring more than [`MAX_PIXELS`] pixels or a side longer than [`MAX_SIDE`] is
//! refused before its pixels are allocated (a decompression bomb costs nothing), and at
//! most one image per rayon thread is decoded at a time.
//!
//! [`codec`] decodes and encodes; [`transform`] makes the sized copies of templates'
//! `image()`.

mod codec;
mod transform;

pub use transform::{Format, Made, Op, Transform};

use crate::msg;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use codec::{decode, resized, write_format};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The widths of the WebP copies (never wider than the original).
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];
/// The largest width of the JPEG/PNG fallback.
pub const FALLBACK_WIDTH: u32 = 1200;
/// The most pixels an image may have (a 12 MP phone photo has 12 million).
pub const MAX_PIXELS: u64 = 100_000_000;
/// The longest side an image may have.
pub const MAX_SIDE: u32 = 20_000;
/// WebP quality (0–100).
const WEBP_QUALITY: f32 = 80.0;
/// JPEG quality of the fallback.
const JPEG_QUALITY: u8 = 82;
/// Changes whenever what a cache entry holds changes, so old entries are not reused.
pub const SETTINGS: &str = "v1-w480.800.1200.1600-f1200-q80.82";
/// The file extensions processed (lowercase).
pub const EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];
/// The cache folder, below the project.
pub const CACHE_DIR: &str = ".profilegen-cache/images";

/// True for a file this module processes.
pub fn is_photo(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The kind of an image file browsers do not show (camera and print formats), by the
/// extension of `name`: `HEIC`, `TIFF`, …
pub fn unsupported(name: &str) -> Option<&'static str> {
    let ext = name
        .rsplit_once('.')?
        .1
        .split(['?', '#'])
        .next()?
        .to_ascii_lowercase();
    Some(match ext.as_str() {
        "heic" | "heif" => "HEIC",
        "tif" | "tiff" => "TIFF",
        "bmp" => "BMP",
        "psd" => "Photoshop",
        "dng" | "cr2" | "cr3" | "nef" | "arw" | "raw" => "camera raw",
        _ => return None,
    })
}

/// One encoded copy: its file name in the cache and its pixel size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// The file's name in the cache folder.
    pub cached: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What a photo is published as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    /// Width of the image as displayed (orientation applied).
    pub width: u32,
    /// Height of the image as displayed.
    pub height: u32,
    /// The WebP copies, narrowest first.
    pub webp: Vec<Variant>,
    /// The JPEG or PNG fallback.
    pub fallback: Variant,
    /// `image/jpeg` or `image/png`.
    pub fallback_type: String,
    /// The first 10 hex digits of the source's SHA-256: in every published name, so a
    /// replaced photo gets new URLs.
    pub hash: String,
}

impl Processed {
    /// Each copy with the name it is published under beside `stem` (the source's file
    /// name without extension): `photo.3f9a1c2b7d.800.webp`.
    pub fn published(&self, stem: &str) -> Vec<(String, &Variant)> {
        let name = |v: &Variant, ext: &str| format!("{stem}.{}.{}.{ext}", self.hash, v.width);
        let mut out: Vec<(String, &Variant)> =
            self.webp.iter().map(|v| (name(v, "webp"), v)).collect();
        let ext = if self.fallback_type == "image/png" {
            "png"
        } else {
            "jpg"
        };
        out.push((name(&self.fallback, ext), &self.fallback));
        out
    }
}

/// Why a photo cannot be published: the message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl ImageError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> ImageError {
        ImageError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

type Slot = Arc<OnceLock<Result<Arc<Processed>, ImageError>>>;

/// The processed photos of one build (and of `serve`'s rebuilds), with the cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    slots: Mutex<HashMap<String, Slot>>,
    processed: AtomicUsize,
    reused: AtomicUsize,
    used: Mutex<HashSet<String>>,
}

impl Cache {
    /// A cache in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            slots: Mutex::new(HashMap::new()),
            processed: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            used: Mutex::new(HashSet::new()),
        }
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many photos were encoded and how many taken from the cache so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.processed.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// The photo with these bytes, processed or taken from the cache; `shown` names it
    /// in messages. The same bytes asked for twice at once are processed once.
    pub fn process(&self, bytes: &[u8], shown: &Path) -> Result<Arc<Processed>, ImageError> {
        let hex = hex_of(&Sha256::digest(bytes));
        self.process_keyed(&hex, shown, &|| Ok(std::borrow::Cow::Borrowed(bytes)))
    }

    /// The photo in file `abs`: hashed while it streams in, read whole only when its
    /// copies are not in the cache (a cached rebuild holds no photo in memory).
    pub fn process_file(&self, abs: &Path, shown: &Path) -> Result<Arc<Processed>, ImageError> {
        use std::io::Read;
        let unreadable = |e: std::io::Error| {
            ImageError::new(
                msg!(
                    "output-read-failed",
                    path = shown.display().to_string(),
                    detail = e.to_string()
                ),
                msg!("image-unreadable-hint"),
            )
        };
        let mut file = std::fs::File::open(abs).map_err(unreadable)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0; 64 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let hex = hex_of(&hasher.finalize());
        self.process_keyed(&hex, shown, &|| {
            std::fs::read(abs)
                .map(std::borrow::Cow::Owned)
                .map_err(unreadable)
        })
    }

    fn process_keyed<'b>(
        &self,
        hex: &str,
        shown: &Path,
        bytes: &'b dyn Fn() -> Result<std::borrow::Cow<'b, [u8]>, ImageError>,
    ) -> Result<Arc<Processed>, ImageError> {
        let key = format!("{}-{}", &hex[..32], short_hash(SETTINGS));
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.clone());
        }
        let slot = match self.slots.lock() {
            Ok(mut slots) => Arc::clone(slots.entry(key.clone()).or_default()),
            Err(_) => Slot::default(),
        };
        slot.get_or_init(|| {
            if let Some(p) = self.read_entry(&key) {
                self.reused.fetch_add(1, Ordering::Relaxed);
                return Ok(Arc::new(p));
            }
            let p = encode(&bytes()?, shown, &key, &hex[..10], &self.dir)?;
            self.processed.fetch_add(1, Ordering::Relaxed);
            Ok(Arc::new(p))
        })
        .clone()
    }

    /// A cache entry whose description and every file exist.
    fn read_entry(&self, key: &str) -> Option<Processed> {
        let text = std::fs::read_to_string(self.dir.join(format!("{key}.json"))).ok()?;
        let p: Processed = serde_json::from_str(&text).ok()?;
        p.webp
            .iter()
            .chain(std::iter::once(&p.fallback))
            .all(|v| self.dir.join(&v.cached).is_file())
            .then_some(p)
    }

    /// The path of a cached file.
    pub fn file(&self, variant: &Variant) -> PathBuf {
        self.dir.join(&variant.cached)
    }

    /// Removes the entries no photo of this cache's life used (call after a successful
    /// build). Returns how many files were removed.
    pub fn prune(&self) -> usize {
        let Ok(used) = self.used.lock() else { return 0 };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // another build's file being written
            }
            let key = name.split('.').next().unwrap_or_default();
            let key = key.rsplit_once('_').map_or(key, |(k, _)| k);
            if !used.contains(key) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// A digest as lowercase hex.
pub(crate) fn hex_of(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// 8 hex digits of a text's SHA-256.
pub(crate) fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Decodes with the stated limits, applies the EXIF orientation, and writes every copy
/// and the entry's description into `dir`.
fn encode(
    bytes: &[u8],
    shown: &Path,
    key: &str,
    hash: &str,
    dir: &Path,
) -> Result<Processed, ImageError> {
    let rgba = decode(bytes, shown)?;
    let alpha = rgba.pixels().any(|p| p.0[3] < 255);
    let (width, height) = rgba.dimensions();
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&x| x < width).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    }
    widths.dedup();
    std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
    let mut webp = Vec::new();
    for &tw in &widths {
        let (copy, th) = resized(&rgba, tw)?;
        let encoder = webp::Encoder::from_rgba(&copy, tw, th);
        let data = encoder.encode(WEBP_QUALITY);
        let cached = format!("{key}_{tw}.webp");
        put(dir, &cached, &data)?;
        webp.push(Variant {
            cached,
            width: tw,
            height: th,
        });
    }
    let fw = width.min(FALLBACK_WIDTH);
    let (copy, fh) = resized(&rgba, fw)?;
    let (ext, data) = write_format(&copy, fw, fh, Format::Auto, alpha, shown)?;
    let cached = format!("{key}_{fw}.{ext}");
    put(dir, &cached, &data)?;
    let fallback_type = if ext == "png" {
        "image/png"
    } else {
        "image/jpeg"
    };
    let processed = Processed {
        width,
        height,
        webp,
        fallback: Variant {
            cached,
            width: fw,
            height: fh,
        },
        fallback_type: fallback_type.to_owned(),
        hash: hash.to_owned(),
    };
    let json = serde_json::to_string(&processed).unwrap_or_default();
    put(dir, &format!("{key}.json"), json.as_bytes())?;
    Ok(processed)
}

/// Writes a cache file through a temporary name and a rename, so another build (or
/// `serve`) sharing the cache never reads half a file; the description is written last,
/// so an entry without one is made again. The temporary name is the process's and the
/// write's own: two threads making the same entry at once (the same photo on a page and
/// its translation) each rename their own file, where a name shared by the process had
/// one thread's rename find the file already moved by the other's.
pub(crate) fn put(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ImageError> {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let write = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{write}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io(e, dir))?;
    std::fs::rename(&tmp, dir.join(name)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e, dir)
    })
}

pub(crate) fn io(e: std::io::Error, dir: &Path) -> ImageError {
    ImageError::new(
        msg!(
            "image-cache-failed",
            path = dir.display().to_string(),
            detail = e.to_string()
        ),
        msg!("image-cache-failed-hint"),
    )
}

/// The output folder, as a URL path below the base path, of the copies of the photo at
/// `rel` (`content/tech/photo.jpg` → `tech/`).
pub fn output_folder(rel: &Path) -> String {
    let folder = rel.parent().unwrap_or(Path::new(""));
    let folder = folder.strip_prefix("content").unwrap_or(folder);
    let mut url = crate::output::layout::url_of(folder);
    if !url.is_empty() && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// Each copy of the photo at `rel` (`content/tech/photo.jpg`) with its path below the
/// output folder (`tech/photo.3f9a1c2b7d.800.webp`), the WebP copies first, the
/// fallback last.
pub fn published_files<'p>(rel: &Path, p: &'p Processed) -> Vec<(String, &'p Variant)> {
    let folder = output_folder(rel);
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("photo");
    p.published(stem)
        .into_iter()
        .map(|(name, v)| (format!("{folder}{name}"), v))
        .collect()
}

/// Every photo of `content/`, processed in parallel: by the source's path relative to
/// the project, its result.
pub type Photos = BTreeMap<PathBuf, Result<Arc<Processed>, ImageError>>;

/// Processes the photos among `files` (absolute path, path shown in messages), calling
/// `done` after each.
pub fn process_all(
    cache: &Cache,
    files: &[(PathBuf, PathBuf)],
    done: &(dyn Fn() + Sync),
) -> Photos {
    files
        .par_iter()
        .filter(|(_, shown)| is_photo(shown))
        .map(|(abs, shown)| {
            let result = cache.process_file(abs, shown);
            done();
            (shown.clone(), result)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_photo_extensions_are_processed() {
        assert!(is_photo(Path::new("content/a/B.JPG")));
        assert!(is_photo(Path::new("x.webp")));
        assert!(!is_photo(Path::new("x.svg")));
        assert!(!is_photo(Path::new("x.gif")));
        assert_eq!(output_folder(Path::new("content/tech/a.jpg")), "tech/");
        assert_eq!(output_folder(Path::new("content/a.jpg")), "");
    }

    #[test]
    fn cache_files_appear_whole_and_pruning_spares_files_being_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        put(dir, "abc-1_480.webp", b"bytes").unwrap();
        let names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["abc-1_480.webp"], "no temporary file left");
        std::fs::write(dir.join(".other-1_480.webp.77.tmp"), b"half").unwrap();
        let cache = Cache::new(dir.to_path_buf());
        assert_eq!(cache.prune(), 1, "the unused entry goes");
        assert!(
            dir.join(".other-1_480.webp.77.tmp").exists(),
            "a file being written stays"
        );
    }

    #[test]
    fn threads_writing_the_same_cache_file_at_once_all_succeed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let bytes = vec![7u8; 256 * 1024];
        for _ in 0..20 {
            let results: Vec<_> = (0..8)
                .into_par_iter()
                .map(|_| put(dir, "same-1_480.webp", &bytes))
                .collect();
            assert!(results.iter().all(Result::is_ok));
        }
        assert_eq!(std::fs::read(dir.join("same-1_480.webp")).unwrap(), bytes);
        assert_eq!(
            std::fs::read_dir(dir).unwrap().count(),
            1,
            "no file left over"
        );
    }
}
