//! Photos: every JPEG, PNG and WebP file of `content/` is published as WebP at a few
//! widths plus one JPEG (PNG when it has transparency) fallback, with the EXIF
//! orientation applied to the pixels and no metadata at all (no EXIF, XMP or GPS: the
//! encoders write none). A Markdown image of such a file becomes a `<figure>` with a
//! `<picture>` ([`figure_html`]).
//!
//! Processing happens once per source: results live in a cache folder keyed by the
//! source's SHA-256 and the settings ([`SETTINGS`]), so a second build, and `serve`,
//! re-encode nothing; entries no build uses any more are pruned. Decoding is bounded: a
//! file declaring more than [`MAX_PIXELS`] pixels or a side longer than [`MAX_SIDE`] is
//! refused before its pixels are allocated (a decompression bomb costs nothing), and at
//! most one image per rayon thread is decoded at a time.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder as _, ImageFormat, ImageReader, Limits};
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
        let digest = Sha256::digest(bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
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
            let p = encode(bytes, shown, &key, &hex[..10], &self.dir)?;
            self.processed.fetch_add(1, Ordering::Relaxed);
            Ok(Arc::new(p))
        })
        .clone()
    }

    /// A cache entry whose description and every file exist.
    fn read_entry(&self, key: &str) -> Option<Processed> {
        let text = std::fs::read_to_string(self.dir.join(format!("{key}.json"))).ok()?;
        let p: Processed = serde_json::from_str(&text).ok()?;
        let all = p.webp.iter().chain(std::iter::once(&p.fallback));
        all.clone()
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
            let key = name.split('.').next().unwrap_or_default();
            let key = key.rsplit_once('_').map_or(key, |(k, _)| k);
            if !used.contains(key) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// 8 hex digits of a text's SHA-256.
fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The format the bytes are in, which must be the one the extension names.
fn sniff(bytes: &[u8], shown: &Path) -> Result<ImageFormat, ImageError> {
    let ext = shown
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let named = ImageFormat::from_extension(&ext);
    let found = image::guess_format(bytes).map_err(|_| {
        ImageError::new(
            format!("`{}` is not an image (or it is damaged)", shown.display()),
            "save the photo again as JPEG or PNG, or replace the file",
        )
    })?;
    if !matches!(
        found,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(ImageError::new(
            format!(
                "`{}` is a {} file, which profilegen does not publish",
                shown.display(),
                found
                    .extensions_str()
                    .first()
                    .unwrap_or(&"?")
                    .to_uppercase()
            ),
            "save it as JPEG (photos) or PNG (drawings, transparency)",
        ));
    }
    if named != Some(found) {
        let real = found.extensions_str().first().copied().unwrap_or("?");
        return Err(ImageError::new(
            format!(
                "`{}` is named .{ext} but is a {} file",
                shown.display(),
                real.to_uppercase()
            ),
            format!("rename it to end in .{real}"),
        ));
    }
    Ok(found)
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
    let format = sniff(bytes, shown)?;
    if format == ImageFormat::Jpeg
        && !bytes
            .windows(2)
            .rev()
            .take(64 * 1024)
            .any(|w| w == [0xFF, 0xD9])
    {
        // JPEG decoders fill a cut-short file with grey rather than fail: a JPEG ends
        // with its end-of-image marker (trailing bytes after it are tolerated).
        return Err(ImageError::new(
            format!(
                "`{}` cannot be decoded: the file is cut short (no end-of-image marker)",
                shown.display()
            ),
            "the file is damaged or cut short; export or copy it again",
        ));
    }
    let damaged = |e: image::ImageError| {
        ImageError::new(
            format!("`{}` cannot be decoded: {e}", shown.display()),
            "the file is damaged or cut short; export or copy it again",
        )
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| too_big(e, shown).unwrap_or_else(&damaged))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(bomb(shown, w, h));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| too_big(e, shown).unwrap_or_else(&damaged))?;
    img.apply_orientation(orientation);
    let alpha = has_transparency(&img);
    let (width, height) = (img.width(), img.height());
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&x| x < width).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    }
    widths.dedup();
    std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
    let rgba = img.to_rgba8();
    drop(img);
    let mut webp = Vec::new();
    for &tw in &widths {
        let (copy, th) = resized(&rgba, tw)?;
        let encoder = webp::Encoder::from_rgba(&copy, tw, th);
        let data = encoder.encode(WEBP_QUALITY);
        let cached = format!("{key}_{tw}.webp");
        std::fs::write(dir.join(&cached), &*data).map_err(|e| io(e, dir))?;
        webp.push(Variant {
            cached,
            width: tw,
            height: th,
        });
    }
    let fw = width.min(FALLBACK_WIDTH);
    let (copy, fh) = resized(&rgba, fw)?;
    let (cached, fallback_type) = if alpha {
        let cached = format!("{key}_{fw}.png");
        let buf = image::RgbaImage::from_raw(fw, fh, copy).ok_or_else(|| internal(shown))?;
        let mut out = Vec::new();
        buf.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map_err(&damaged)?;
        std::fs::write(dir.join(&cached), out).map_err(|e| io(e, dir))?;
        (cached, "image/png")
    } else {
        let cached = format!("{key}_{fw}.jpg");
        let rgb: Vec<u8> = copy
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        encoder
            .write_image(&rgb, fw, fh, image::ExtendedColorType::Rgb8)
            .map_err(&damaged)?;
        std::fs::write(dir.join(&cached), out).map_err(|e| io(e, dir))?;
        (cached, "image/jpeg")
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
    std::fs::write(dir.join(format!("{key}.json")), json).map_err(|e| io(e, dir))?;
    Ok(processed)
}

/// `rgba` scaled to `width` (height in proportion) with a Lanczos filter.
fn resized(rgba: &image::RgbaImage, width: u32) -> Result<(Vec<u8>, u32), ImageError> {
    let (w, h) = rgba.dimensions();
    let height =
        ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
    if width == w {
        return Ok((rgba.as_raw().clone(), h));
    }
    let src = fr::images::ImageRef::new(w, h, rgba.as_raw(), fr::PixelType::U8x4).map_err(|e| {
        ImageError::new(
            format!("cannot resize: {e}"),
            "this is a bug; please report it",
        )
    })?;
    let mut dst = fr::images::Image::new(width, height, fr::PixelType::U8x4);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| {
            ImageError::new(
                format!("cannot resize: {e}"),
                "this is a bug; please report it",
            )
        })?;
    Ok((dst.into_vec(), height))
}

/// True when some pixel is not fully opaque.
fn has_transparency(img: &DynamicImage) -> bool {
    img.color().has_alpha() && img.to_rgba8().pixels().any(|p| p.0[3] < 255)
}

/// The limits' error, told as a refused bomb; other errors back as they were.
fn too_big(e: image::ImageError, shown: &Path) -> Result<ImageError, image::ImageError> {
    match &e {
        image::ImageError::Limits(_) => Ok(ImageError::new(
            format!(
                "`{}` is larger than profilegen decodes (at most {} megapixels, {MAX_SIDE} pixels a side)",
                shown.display(),
                MAX_PIXELS / 1_000_000
            ),
            "scale the photo down before adding it (4000 pixels wide is plenty for the web)",
        )),
        _ => Err(e),
    }
}

fn bomb(shown: &Path, w: u32, h: u32) -> ImageError {
    ImageError::new(
        format!(
            "`{}` declares {w} × {h} pixels, more than the {} megapixels profilegen decodes",
            shown.display(),
            MAX_PIXELS / 1_000_000
        ),
        "scale the photo down before adding it (4000 pixels wide is plenty for the web)",
    )
}

fn io(e: std::io::Error, dir: &Path) -> ImageError {
    ImageError::new(
        format!("cannot write the image cache `{}`: {e}", dir.display()),
        "check that the project folder is writable and the disk is not full",
    )
}

fn internal(shown: &Path) -> ImageError {
    ImageError::new(
        format!(
            "`{}`: the resized copy has the wrong size (a bug)",
            shown.display()
        ),
        "please report it",
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

/// Every photo of `content/`, processed in parallel: by the source's path relative to
/// the project, its result.
pub type Photos = BTreeMap<PathBuf, Result<Arc<Processed>, ImageError>>;

/// Processes the photos among `files` (absolute path, path shown in messages).
pub fn process_all(cache: &Cache, files: &[(PathBuf, PathBuf)]) -> Photos {
    files
        .par_iter()
        .filter(|(_, shown)| is_photo(shown))
        .map(|(abs, shown)| {
            let result = match std::fs::read(abs) {
                Ok(bytes) => cache.process(&bytes, shown),
                Err(e) => Err(ImageError::new(
                    format!("cannot read `{}`: {e}", shown.display()),
                    "check the file's permissions",
                )),
            };
            (shown.clone(), result)
        })
        .collect()
}
