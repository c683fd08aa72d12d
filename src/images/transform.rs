//! The sized copies of templates' `image(path=…, width=…, height=…, op=…, format=…)`.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::codec::{decode, resized, write_format};
use super::{Cache, ImageError, SETTINGS, Variant, hex_of, io, put, short_hash};

/// How a template's `image()` call sizes a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Scale to fit inside the box, keeping the proportions.
    Fit,
    /// Scale to cover the box and crop the middle to exactly its size.
    Fill,
}

/// The format `image()` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JPEG (PNG when the photo has transparency).
    Auto,
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
}

/// What `image(path=…, width=…, height=…, op=…, format=…)` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transform {
    /// The box's width; none to follow the height.
    pub width: Option<u32>,
    /// The box's height; none to follow the width.
    pub height: Option<u32>,
    /// Fit or fill.
    pub op: Op,
    /// The format written.
    pub format: Format,
}

impl Transform {
    fn spec(&self) -> String {
        let side = |v: Option<u32>| v.map_or("a".to_owned(), |v| v.to_string());
        let op = match self.op {
            Op::Fit => "fit",
            Op::Fill => "fill",
        };
        let format = match self.format {
            Format::Auto => "auto",
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        };
        format!("{}x{}-{op}-{format}", side(self.width), side(self.height))
    }
}

/// One copy made by a template's `image()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    /// The copy in the cache, with its pixel size.
    pub variant: Variant,
    /// Its extension: `jpg`, `png` or `webp`.
    pub ext: String,
    /// The source's hash (10 hex digits), for the published name.
    pub hash: String,
}

impl Made {
    /// The name it is published under beside `stem`: `photo.3f9a1c2b7d.1200x630.jpg`.
    pub fn published(&self, stem: &str) -> String {
        format!(
            "{stem}.{}.{}x{}.{}",
            self.hash, self.variant.width, self.variant.height, self.ext
        )
    }
}

impl Cache {
    /// One sized copy of the photo with these bytes, made or taken from the cache.
    pub fn transform(&self, bytes: &[u8], shown: &Path, t: Transform) -> Result<Made, ImageError> {
        let hex = hex_of(&Sha256::digest(bytes));
        let key = format!("{}-{}", &hex[..32], short_hash(SETTINGS));
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.clone());
        }
        let name = format!("{key}_{}", t.spec());
        let json = self.dir.join(format!("{name}.json"));
        if let Some(made) = std::fs::read_to_string(&json)
            .ok()
            .and_then(|text| serde_json::from_str::<Made>(&text).ok())
            .filter(|m| self.dir.join(&m.variant.cached).is_file())
        {
            return Ok(made);
        }
        let rgba = decode(bytes, shown)?;
        let (w, h) = rgba.dimensions();
        let (tw, _, crop) = sized(w, h, t);
        let cropped;
        let source = match crop {
            Some((x, y, cw, ch)) => {
                cropped = image::imageops::crop_imm(&rgba, x, y, cw, ch).to_image();
                &cropped
            }
            None => &rgba,
        };
        let (pixels, th) = resized(source, tw)?;
        let alpha = pixels.chunks_exact(4).any(|p| p[3] < 255);
        let (ext, data) = write_format(&pixels, tw, th, t.format, alpha, shown)?;
        let cached = format!("{name}.{ext}");
        std::fs::create_dir_all(&self.dir).map_err(|e| io(e, &self.dir))?;
        put(&self.dir, &cached, &data)?;
        let made = Made {
            variant: Variant {
                cached,
                width: tw,
                height: th,
            },
            ext: ext.to_owned(),
            hash: hex[..10].to_owned(),
        };
        let text = serde_json::to_string(&made).unwrap_or_default();
        put(&self.dir, &format!("{name}.json"), text.as_bytes())?;
        Ok(made)
    }
}

/// A rectangle of the source: x, y, width, height.
type Crop = (u32, u32, u32, u32);

/// The target size for `t` of a `w` × `h` image, and for `fill` the crop (x, y, width,
/// height) of the source that has the box's proportions. Never larger than the source.
fn sized(w: u32, h: u32, t: Transform) -> (u32, u32, Option<Crop>) {
    let ratio = |a: u32, b: u32, c: u32| {
        ((u64::from(a) * u64::from(b) + u64::from(c) / 2) / u64::from(c).max(1)).max(1) as u32
    };
    match (t.op, t.width, t.height) {
        (_, None, None) => (w, h, None),
        (Op::Fit, Some(bw), None) => {
            let tw = bw.min(w);
            (tw, ratio(h, tw, w), None)
        }
        (Op::Fit, None, Some(bh)) => {
            let th = bh.min(h);
            (ratio(w, th, h), th, None)
        }
        (Op::Fit, Some(bw), Some(bh)) => {
            // The smaller of the two scales, never above 1.
            let by_w = u64::from(bw) * u64::from(h) <= u64::from(bh) * u64::from(w);
            let (tw, th) = if by_w {
                let tw = bw.min(w);
                (tw, ratio(h, tw, w))
            } else {
                let th = bh.min(h);
                (ratio(w, th, h), th)
            };
            (tw, th, None)
        }
        (Op::Fill, Some(bw), Some(bh)) => {
            // Crop the middle to the box's proportions, then scale (never up).
            let (cw, ch) = if u64::from(w) * u64::from(bh) > u64::from(h) * u64::from(bw) {
                (ratio(h, bw, bh).min(w), h)
            } else {
                (w, ratio(w, bh, bw).min(h))
            };
            let (x, y) = ((w - cw) / 2, (h - ch) / 2);
            let tw = bw.min(cw);
            (tw, ratio(ch, tw, cw), Some((x, y, cw, ch)))
        }
        (Op::Fill, width, height) => sized(
            w,
            h,
            Transform {
                op: Op::Fit,
                width,
                height,
                ..t
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(width: Option<u32>, height: Option<u32>, op: Op) -> Transform {
        Transform {
            width,
            height,
            op,
            format: Format::Auto,
        }
    }

    #[test]
    fn fit_keeps_proportions_and_never_enlarges() {
        assert_eq!(
            sized(2000, 1000, t(Some(500), None, Op::Fit)),
            (500, 250, None)
        );
        assert_eq!(
            sized(2000, 1000, t(None, Some(100), Op::Fit)),
            (200, 100, None)
        );
        assert_eq!(
            sized(2000, 1000, t(Some(500), Some(500), Op::Fit)),
            (500, 250, None)
        );
        assert_eq!(
            sized(2000, 1000, t(Some(4000), None, Op::Fit)),
            (2000, 1000, None)
        );
        assert_eq!(sized(300, 200, t(None, None, Op::Fit)), (300, 200, None));
    }

    #[test]
    fn fill_crops_the_middle_to_the_box() {
        // Wider than the box: the sides are cut.
        assert_eq!(
            sized(2000, 1000, t(Some(1200), Some(630), Op::Fill)),
            (1200, 630, Some((47, 0, 1905, 1000)))
        );
        // Taller than the box: top and bottom are cut.
        assert_eq!(
            sized(1200, 2000, t(Some(1200), Some(630), Op::Fill)),
            (1200, 630, Some((0, 685, 1200, 630)))
        );
        // Smaller than the box: cropped to its shape, not enlarged.
        let (w, h, _) = sized(600, 600, t(Some(1200), Some(630), Op::Fill));
        assert_eq!((w, h), (600, 315));
    }
}
