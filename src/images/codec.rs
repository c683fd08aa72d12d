//! Decoding (format checked against the extension, limits, orientation), resizing and
//! encoding of photos.

use crate::msg;
use std::io::Cursor;
use std::path::Path;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder as _, ImageFormat, ImageReader, Limits};

use super::{Format, ImageError, JPEG_QUALITY, MAX_PIXELS, MAX_SIDE, WEBP_QUALITY};

/// Encodes RGBA pixels in the asked format (`Auto`: PNG with transparency, else JPEG).
pub(super) fn write_format(
    pixels: &[u8],
    w: u32,
    h: u32,
    format: Format,
    alpha: bool,
    shown: &Path,
) -> Result<(&'static str, Vec<u8>), ImageError> {
    let failed = |e: image::ImageError| {
        ImageError::new(
            msg!(
                "image-encode-failed",
                path = shown.display().to_string(),
                detail = e.to_string()
            ),
            msg!("image-report-bug-hint"),
        )
    };
    let format = match format {
        Format::Auto if alpha => Format::Png,
        Format::Auto => Format::Jpeg,
        f => f,
    };
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let data = webp::Encoder::from_rgba(pixels, w, h).encode(WEBP_QUALITY);
            Ok(("webp", data.to_vec()))
        }
        Format::Png => {
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(pixels, w, h, image::ExtendedColorType::Rgba8)
                .map_err(failed)?;
            Ok(("png", out))
        }
        Format::Jpeg | Format::Auto => {
            let rgb: Vec<u8> = pixels
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
                .map_err(failed)?;
            Ok(("jpg", out))
        }
    }
}

/// Decodes a photo: format checked against the extension, size limits, orientation
/// applied.
pub(super) fn decode(bytes: &[u8], shown: &Path) -> Result<image::RgbaImage, ImageError> {
    let format = sniff(bytes, shown)?;
    let end = [0xFF, 0xD9];
    if format == ImageFormat::Jpeg && !bytes.windows(2).rev().take(64 * 1024).any(|w| w == end) {
        // JPEG decoders fill a cut-short file with grey rather than fail: a JPEG ends
        // with its end-of-image marker (trailing bytes after it are tolerated).
        return Err(ImageError::new(
            msg!("image-cut-short", path = shown.display().to_string()),
            msg!("image-damaged-hint"),
        ));
    }
    let damaged = |e: image::ImageError| {
        ImageError::new(
            msg!(
                "image-undecodable",
                path = shown.display().to_string(),
                detail = e.to_string()
            ),
            msg!("image-damaged-hint"),
        )
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
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
    Ok(img.to_rgba8())
}

/// The decoding limits: no side over [`MAX_SIDE`], no allocation over what
/// [`MAX_PIXELS`] RGBA pixels need plus a margin.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    limits
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
            msg!("image-not-an-image", path = shown.display().to_string()),
            msg!("image-not-an-image-hint"),
        )
    })?;
    if !matches!(
        found,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(ImageError::new(
            msg!(
                "image-format-unpublished",
                path = shown.display().to_string(),
                format = found
                    .extensions_str()
                    .first()
                    .unwrap_or(&"?")
                    .to_uppercase()
            ),
            msg!("image-format-unpublished-hint"),
        ));
    }
    if named != Some(found) {
        let real = found.extensions_str().first().copied().unwrap_or("?");
        return Err(ImageError::new(
            msg!(
                "image-extension-lies",
                path = shown.display().to_string(),
                named = ext.as_str(),
                format = real.to_uppercase()
            ),
            msg!("image-extension-lies-hint", real = real),
        ));
    }
    Ok(found)
}

/// `rgba` scaled to `width` (height in proportion) with a Lanczos filter.
pub(super) fn resized(rgba: &image::RgbaImage, width: u32) -> Result<(Vec<u8>, u32), ImageError> {
    let (w, h) = rgba.dimensions();
    let height =
        ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
    if width == w {
        return Ok((rgba.as_raw().clone(), h));
    }
    let src = fr::images::ImageRef::new(w, h, rgba.as_raw(), fr::PixelType::U8x4).map_err(|e| {
        ImageError::new(
            msg!("image-resize-failed", detail = e.to_string()),
            msg!("image-report-bug-hint"),
        )
    })?;
    let mut dst = fr::images::Image::new(width, height, fr::PixelType::U8x4);
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| {
            ImageError::new(
                msg!("image-resize-failed", detail = e.to_string()),
                msg!("image-report-bug-hint"),
            )
        })?;
    Ok((dst.into_vec(), height))
}

/// The limits' error, told as a refused bomb; other errors back as they were.
fn too_big(e: image::ImageError, shown: &Path) -> Result<ImageError, image::ImageError> {
    match &e {
        image::ImageError::Limits(_) => Ok(ImageError::new(
            msg!(
                "image-too-large",
                path = shown.display().to_string(),
                megapixels = MAX_PIXELS / 1_000_000,
                side = MAX_SIDE
            ),
            msg!("image-scale-down-hint"),
        )),
        _ => Err(e),
    }
}

fn bomb(shown: &Path, w: u32, h: u32) -> ImageError {
    ImageError::new(
        msg!(
            "image-bomb",
            path = shown.display().to_string(),
            width = w,
            height = h,
            megapixels = MAX_PIXELS / 1_000_000
        ),
        msg!("image-scale-down-hint"),
    )
}
