//! Photos: Markdown images of `content/` photos published as `<figure>`/`<picture>` with
//! WebP copies and a JPEG/PNG fallback, orientation applied, metadata gone, cached; and
//! each kind of bad photo a located error that leaves `public/` as it was.

use std::io::Cursor;
use std::path::Path;

use image::{ImageEncoder, ImageFormat, RgbImage, RgbaImage};

use crate::harness::{Page, Site};

/// A JPEG of `w` × `h` with an EXIF block: orientation 6 (rotate 90° clockwise to
/// display) and a GPS position.
fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF header, IFD0 (orientation, GPS pointer), GPS IFD (latitude ref "N").
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    tiff.extend([2, 0]);
    tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend([0, 0, 0, 0]);
    tiff.extend([1, 0]);
    tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend([0, 0, 0, 0]);
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(len.to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A PNG of `w` × `h` whose left half is transparent.
fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, _| {
        image::Rgba([200, 30, 30, if x < w / 2 { 0 } else { 255 }])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

/// A PNG that declares `w` × `h` pixels in a few bytes (a decompression bomb).
pub(crate) fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        c.extend(crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// The starter with a page showing `photo` (written as `content/tech/<name>`) in both
/// languages, each with its own alt text and caption.
fn photo_site(name: &str, bytes: &[u8]) -> Site {
    let site = Site::starter();
    site.write_bytes(&format!("content/tech/{name}"), bytes);
    site.write("content/tech/case.md", &format!("+++\ntitle = \"案例\"\ndescription = \"案例简介\"\n+++\n车间一角。\n\n![通达车间的拉丝机](case-photo-{name} \"拉丝车间\")\n"));
    site.write("content/tech/case.en.md", &format!("+++\ntitle = \"Case\"\ndescription = \"A case\"\n+++\nThe workshop.\n\n![Wire-drawing machines at Tongda](case-photo-{name} \"The drawing shop\")\n"));
    // The page is tech/case.md: the photo beside it is tech/<name>.
    for f in ["content/tech/case.md", "content/tech/case.en.md"] {
        site.replace(f, &format!("case-photo-{name}"), name);
    }
    site
}

fn decoded(path: &Path) -> image::DynamicImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_photo_is_a_figure_with_webp_widths_a_fallback_and_its_own_alt_in_each_language() {
    let site = photo_site("workshop.jpg", &jpeg_with_exif(2000, 1200));
    let report = site.build_ok();
    assert_eq!(report.images.processed, 1, "the twins share one processing");
    for (file, alt, caption) in [
        ("tech/case/index.html", "通达车间的拉丝机", "拉丝车间"),
        (
            "en/tech/case/index.html",
            "Wire-drawing machines at Tongda",
            "The drawing shop",
        ),
    ] {
        let page = site.html(file);
        let figure = page.one("main figure.photo");
        let sel = |css: &str| scraper::Selector::parse(css).unwrap();
        let source = figure.select(&sel("picture > source")).next().unwrap();
        assert_eq!(source.value().attr("type"), Some("image/webp"));
        let widths: Vec<&str> = source
            .value()
            .attr("srcset")
            .unwrap()
            .split(", ")
            .map(|s| s.rsplit(' ').next().unwrap())
            .collect();
        assert_eq!(
            widths,
            ["480w", "800w", "1200w"],
            "never wider than the rotated original"
        );
        assert!(source.value().attr("sizes").unwrap().contains("40em"));
        let img = figure.select(&sel("picture > img")).next().unwrap().value();
        assert_eq!(img.attr("alt"), Some(alt));
        // Orientation 6: the 2000 × 1200 landscape is displayed as a portrait.
        assert_eq!(
            (img.attr("width"), img.attr("height")),
            (Some("1200"), Some("2000"))
        );
        assert_eq!(img.attr("loading"), Some("lazy"));
        assert_eq!(img.attr("decoding"), Some("async"));
        let caption_text: String = figure
            .select(&sel("figcaption"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(caption_text, caption);
        assert!(
            page.all("main p > figure, main p > picture").is_empty(),
            "a figure is never inside a paragraph"
        );
    }
    // The published files: WebP at each width, a JPEG fallback, no metadata, no original.
    let page = site.html("tech/case/index.html");
    let fallback = page.attr("main figure.photo img", "src");
    let fallback = site.public().join(fallback.trim_start_matches('/'));
    let img = decoded(&fallback);
    assert_eq!((img.width(), img.height()), (1200, 2000));
    let srcset = page.attr("main figure.photo source", "srcset");
    for entry in srcset.split(", ") {
        let (url, width) = entry.split_once(' ').unwrap();
        let path = site.public().join(url.trim_start_matches('/'));
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::WebP);
        assert_eq!(format!("{}w", decoded(&path).width()), width);
        assert!(
            !contains(&bytes, b"EXIF") && !contains(&bytes, b"Exif") && !contains(&bytes, b"XMP")
        );
    }
    let bytes = std::fs::read(&fallback).unwrap();
    assert!(
        !contains(&bytes, b"Exif") && !contains(&bytes, b"http://ns.adobe.com/xap"),
        "no EXIF, XMP or GPS in the fallback"
    );
    assert!(
        !site.public().join("tech/workshop.jpg").exists(),
        "the original (with its GPS) is not published"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_transparent_png_keeps_a_png_fallback_and_the_first_image_is_not_lazy() {
    let site = photo_site("logo.png", &png_with_alpha(600, 400));
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\ndescription = \"案例简介\"\n+++\n![标志](logo.png)\n",
    );
    site.build_ok();
    let page = site.html("tech/case/index.html");
    let img = page.one("main figure.photo img");
    assert_eq!(
        img.value().attr("loading"),
        None,
        "the image that opens the page loads at once"
    );
    let src = img.value().attr("src").unwrap();
    assert!(src.ends_with(".600.png"), "{src}");
    let fallback = decoded(&site.public().join(src.trim_start_matches('/')));
    assert!(fallback.color().has_alpha());
    assert_eq!(
        fallback.to_rgba8().get_pixel(0, 0).0[3],
        0,
        "transparency kept"
    );
    let srcset = page.attr("main figure.photo source", "srcset");
    assert!(
        srcset.ends_with("600w") && srcset.contains("480w"),
        "{srcset}"
    );
    assert!(
        page.all("main figure.photo figcaption").is_empty(),
        "no title, no caption"
    );
}

#[test]
fn a_second_build_reuses_every_photo_and_the_cache_is_pruned() {
    let site = photo_site("workshop.jpg", &jpeg_with_exif(900, 600));
    site.write_bytes("content/tech/other.png", &png_with_alpha(300, 200));
    let first = site.build_ok();
    assert_eq!((first.images.processed, first.images.reused), (2, 0));
    let before = site.snapshot();
    let second = site.build_ok();
    assert_eq!((second.images.processed, second.images.reused), (0, 2));
    assert_eq!(before, site.snapshot(), "the same bytes from the cache");
    let cache = site.root().join(".profilegen-cache/images");
    let entries = || std::fs::read_dir(&cache).unwrap().count();
    let with_two = entries();
    site.remove("content/tech/other.png");
    site.build_ok();
    assert!(
        entries() < with_two,
        "the removed photo's entries are pruned"
    );
    // The CLI's summary says it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_profilegen"))
        .env("PROFILEGEN_MESSAGES", "en")
        .args(["build", "--no-compress", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("images: 0 processed, 1 reused"), "{text}");
    assert!(
        out.stderr.is_empty(),
        "no progress bar when piped: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_photos_are_located_errors_and_leave_public_as_it_was() {
    let good = jpeg_with_exif(300, 200);
    let png = png_with_alpha(40, 40);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "broken.jpg",
            b"this is not a photo".to_vec(),
            "is not an image",
            "save the photo again",
        ),
        (
            "cut.jpg",
            good[..good.len() / 3].to_vec(),
            "cannot be decoded",
            "damaged or cut short",
        ),
        (
            "lying.jpg",
            png.clone(),
            "is named .jpg but is a PNG file",
            "rename it to end in .png",
        ),
        (
            "bomb.png",
            png_bomb(60_000, 60_000),
            "larger than profilegen decodes",
            "scale the photo down",
        ),
    ];
    for (name, bytes, message, hint) in cases {
        let site = photo_site("ok.jpg", &good);
        site.build_ok();
        let before = site.snapshot();
        site.write_bytes(&format!("content/tech/{name}"), &bytes);
        site.write(
            "content/tech/case.md",
            &format!("+++\ntitle = \"案例\"\n+++\n车间。\n\n![车间]({name})\n"),
        );
        let report = site.build_err();
        assert!(report.contains(message), "{name}: {report}");
        assert!(report.contains(hint), "{name}: {report}");
        assert!(
            report.contains("content/tech/case.md:6:"),
            "{name}: at the Markdown line\n{report}"
        );
        assert!(
            report.contains(&format!("content/tech/{name}")),
            "{name}: names the file\n{report}"
        );
        assert_eq!(
            report.matches("error:").count(),
            1,
            "{name}: one cause, one report\n{report}"
        );
        assert_eq!(before, site.snapshot(), "{name}: public/ unchanged");
    }
    // A missing photo, with the closest name; an unsupported format.
    let site = photo_site("workshop.jpg", &good);
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\n+++\n![车间](worksop.jpg)\n",
    );
    let report = site.build_err();
    assert!(report.contains("image `worksop.jpg` not found"), "{report}");
    assert!(report.contains("did you mean `workshop.jpg`?"), "{report}");
    // A format browsers do not show.
    let site = photo_site("workshop.jpg", &good);
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\n+++\n![车间](IMG_0001.HEIC)\n",
    );
    let report = site.build_err();
    assert!(
        report.contains("is a HEIC file, which browsers do not show"),
        "{report}"
    );
    assert!(report.contains("content/tech/case.md:4:"), "{report}");
    // A bad photo no page shows is an error in its own file.
    let site = photo_site("workshop.jpg", &good);
    site.write_bytes("content/tech/unused.png", b"nope");
    let report = site.build_err();
    assert!(report.contains("content/tech/unused.png"), "{report}");
}

#[test]
fn a_photo_listed_as_original_is_published_untouched() {
    let bytes = jpeg_with_exif(300, 200);
    let site = photo_site("workshop.jpg", &bytes);
    site.replace(
        "config.toml",
        "[markdown]",
        "[images]\noriginals = [\"content/tech/workshop.jpg\"]\n\n[markdown]",
    );
    site.build_ok();
    assert_eq!(
        std::fs::read(site.public().join("tech/workshop.jpg")).unwrap(),
        bytes
    );
    let page: Page = site.html("tech/case/index.html");
    assert!(page.all("main picture").is_empty());
    assert_eq!(page.attr("main img", "src"), "workshop.jpg");
}

#[test]
fn a_page_image_is_its_link_preview_and_templates_size_photos_with_image() {
    let site = photo_site("workshop.jpg", &jpeg_with_exif(2000, 1200));
    site.replace(
        "content/tech/case.md",
        "title = \"案例\"",
        "title = \"案例\"\nimage = \"workshop.jpg\"",
    );
    site.write("templates/card.html", "{% extends \"page.html\" %}{% block head %}{% set thumb = image(path=\"tech/workshop.jpg\", width=300) %}<meta name=\"thumb\" content=\"{{ thumb.url }} {{ thumb.width }}x{{ thumb.height }} {{ thumb.srcset }}\">{% endblock head %}");
    site.replace(
        "content/tech/case.en.md",
        "title = \"Case\"",
        "title = \"Case\"\ntemplate = \"card.html\"",
    );
    site.build_ok();
    let page = site.html("tech/case/index.html");
    let og = page.attr("meta[property='og:image']", "content");
    assert!(
        og.starts_with("https://example.org/tech/workshop.") && og.ends_with(".1200x630.jpg"),
        "{og}"
    );
    assert_eq!(
        page.attr("meta[property='og:image:width']", "content"),
        "1200"
    );
    assert_eq!(
        page.attr("meta[property='og:image:height']", "content"),
        "630"
    );
    let path = site
        .public()
        .join(og.trim_start_matches("https://example.org/"));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(decoded(&path).width(), 1200);
    assert!(!contains(&bytes, b"Exif"));
    // A page without an image keeps the site's default preview.
    let other = site.html("tech/index.html");
    assert!(
        other
            .attr("meta[property='og:image']", "content")
            .contains("/img/share")
    );
    // image() in a template: fit to 300 wide, the rotated photo is 300 × 500.
    let en = site.html("en/tech/case/index.html");
    let thumb = en.attr("meta[name=thumb]", "content");
    let parts: Vec<&str> = thumb.split(' ').collect();
    assert!(parts[0].ends_with(".300x500.jpg"), "{thumb}");
    assert_eq!(parts[1], "300x500");
    assert_eq!(parts[3], "300w");
    assert!(
        site.public()
            .join(parts[0].trim_start_matches('/'))
            .is_file()
    );
    // A bad op is an error naming the choices.
    site.write("templates/card.html", "{% extends \"page.html\" %}{% block head %}{% set t = image(path=\"tech/workshop.jpg\", width=300, op=\"stretch\") %}{% endblock head %}");
    let report = site.build_err();
    assert!(report.contains("unknown image op `stretch`"), "{report}");
}

#[test]
fn a_photo_of_static_named_from_markdown_is_processed_too() {
    let site = photo_site("workshop.jpg", &jpeg_with_exif(900, 600));
    site.write_bytes("static/img/hero.jpg", &jpeg_with_exif(1000, 500));
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"案例\"\n+++\n车间。\n\n![厂区全景](/img/hero.jpg)\n",
    );
    let report = site.build_ok();
    assert_eq!(report.images.processed, 2);
    let page = site.html("tech/case/index.html");
    let src = page.attr("main figure.photo img", "src");
    assert!(
        src.starts_with("/img/hero.") && src.ends_with(".500.jpg"),
        "{src}"
    );
    let path = site.public().join(src.trim_start_matches('/'));
    assert_eq!(
        decoded(&path).width(),
        500,
        "orientation 6: 1000 x 500 shows as 500 x 1000"
    );
    assert!(!contains(&std::fs::read(&path).unwrap(), b"Exif"));
}
