//! Precompression: every text file of the output (`html`, `css`, `js`, `json`, `xml`,
//! `svg`, `txt`) gets a gzip (`.gz`, libdeflate level 8) and a Brotli (`.br`) copy beside it, with
//! the original's modification time, so nginx's `gzip_static` and
//! `brotli_static` serve them without compressing on every request (nginx ignores a
//! `.gz` whose mtime differs from the original's only with `gzip_static always`; equal
//! times keep `ETag` and `Last-Modified` consistent between the variants).
//!
//! Brotli's quality depends on the kind of file ([`brotli_quality`]): the theme's CSS,
//! JS and SVG, few files that every page loads, get the densest (11); pages, feeds,
//! sitemaps and JSON, whose number grows with the site, get 5, which costs a fiftieth of
//! the time for files about 15% larger (measured in BENCHMARKS.md).
//!
//! Files are compressed in parallel; `build --no-compress` skips this stage.

use crate::msg;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Result};
use crate::fsutil::io_error;

/// Extensions of the files that get compressed copies.
pub const TEXT_EXTENSIONS: [&str; 7] = ["html", "css", "js", "json", "xml", "svg", "txt"];

/// Brotli's window (log2 of its size), as brotli's own command line uses at quality 11.
const BROTLI_WINDOW: u32 = 22;

/// Extensions of the theme's assets, which get Brotli's densest quality.
const ASSET_EXTENSIONS: [&str; 3] = ["css", "js", "svg"];

/// Brotli quality for `path`: 11 for the theme's assets, 5 for everything that grows
/// with the site (pages, feeds, sitemaps, JSON). On the synthetic benchmark site's pages
/// quality 11 compresses at about 0.7 MB/s and quality 5 at about 35 MB/s, to files
/// 15% larger: at quality 11 a site of 10,000 pages per language took minutes of CPU.
pub fn brotli_quality(path: &Path) -> u32 {
    let asset = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ASSET_EXTENSIONS.contains(&e));
    if asset { 11 } else { 5 }
}

/// Compresses every text file under `dir` but those below `skip` (a folder relative to
/// `dir` that another stage fills and compresses meanwhile: [`compress_under`]); returns
/// how many were compressed.
pub fn compress_dir(dir: &Path, skip: Option<&Path>) -> Result<usize> {
    let skip: Vec<PathBuf> = skip.map(|s| dir.join(s)).into_iter().collect();
    compress_files(dir, text_files(dir, &skip)?)
}

/// Compresses every text file below `sub` (a folder relative to `dir`; errors name the
/// files relative to `dir`) but those in its folders `generated` (names of folders of
/// `sub` whose files a stage wrote, none of them text: the search index's thousands of
/// records and word chunks are not even listed); returns how many were compressed.
pub fn compress_under(dir: &Path, sub: &Path, generated: &[&str]) -> Result<usize> {
    let root = dir.join(sub);
    let skip: Vec<PathBuf> = generated.iter().map(|g| root.join(g)).collect();
    compress_files(dir, text_files(&root, &skip)?)
}

/// Compresses `files` (below `dir`) in parallel; every failure is reported.
fn compress_files(dir: &Path, files: Vec<PathBuf>) -> Result<usize> {
    let errors: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|f| compress_file(dir, f).err())
        .collect();
    if errors.is_empty() {
        Ok(files.len())
    } else {
        Err(Diagnostics(errors))
    }
}

/// True for a file name whose extension is one of [`TEXT_EXTENSIONS`].
pub fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

fn text_files(dir: &Path, skip: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && skip.iter().any(|s| e.path() == s)));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Diagnostic::error(msg!(
                "output-read-failed",
                path = path.display().to_string(),
                detail = e.to_string()
            ))
        })?;
        if entry.file_type().is_file() && is_text(entry.path()) {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// Writes `<file>.gz` and `<file>.br` with `file`'s modification time.
fn compress_file(dir: &Path, file: &Path) -> std::result::Result<(), Diagnostic> {
    let shown = file.strip_prefix(dir).unwrap_or(file);
    let bytes = std::fs::read(file).map_err(|e| io_error(e, shown, crate::fsutil::Action::Read))?;
    let mtime = std::fs::metadata(file)
        .map(|m| filetime::FileTime::from_last_modification_time(&m))
        .map_err(|e| io_error(e, shown, crate::fsutil::Action::ReadTime))?;
    let quality = brotli_quality(file);
    for (ext, packed) in [("gz", gzip(&bytes)), ("br", brotli(&bytes, quality))] {
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        let target = PathBuf::from(name);
        let packed = packed.map_err(|e| io_error(e, shown, crate::fsutil::Action::Compress))?;
        std::fs::write(&target, packed)
            .map_err(|e| io_error(e, &target, crate::fsutil::Action::Write))?;
        filetime::set_file_mtime(&target, mtime)
            .map_err(|e| io_error(e, &target, crate::fsutil::Action::SetTime))?;
    }
    Ok(())
}

/// gzip at [`GZIP_LEVEL`].
pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    Ok(gzip_level(bytes, GZIP_LEVEL))
}

/// libdeflate's level for the site's `.gz` copies (the search index has its own,
/// [`crate::search::format::LEVEL`]). Measured on the 2,000-page benchmark site
/// (BENCHMARKS.md): level 8 makes pages 0.3 % smaller than zlib's level 9 did, in half
/// its time or less; libdeflate's levels 10–12 cost 4 to 10 times more for 1–2 %.
pub const GZIP_LEVEL: i32 = 8;

/// The most output room a thread keeps between files ([`gzip_level`]).
const ROOM_KEPT: usize = 4 << 20;

/// gzip of `input` at libdeflate's `level` (1 to 12; out of range is its default), with
/// one compressor per thread and level (allocating one per file cost a tenth of a large
/// build in page faults) and one output buffer per thread: libdeflate writes into room
/// for the worst case, which, allocated and zeroed for every file, cost as much again as
/// the input; only the compressed bytes are copied out of it.
pub fn gzip_level(input: &[u8], level: i32) -> Vec<u8> {
    use libdeflater::{CompressionLvl, Compressor, Crc};
    /// A thread's compressors, by level, and its output room.
    #[derive(Default)]
    struct Deflate {
        compressors: Vec<(i32, Compressor)>,
        room: Vec<u8>,
    }
    thread_local! {
        static DEFLATE: std::cell::RefCell<Deflate> = std::cell::RefCell::default();
    }
    let mut crc = Crc::new();
    crc.update(input);
    // The header: no name or time, the kind of compression (2: slowest, 4: fastest),
    // unknown OS.
    let xfl = match level {
        8.. => 2,
        ..=2 => 4,
        _ => 0,
    };
    let header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255];
    let mut out = Vec::new();
    DEFLATE.with(|d| {
        let Deflate { compressors, room } = &mut *d.borrow_mut();
        let at = match compressors.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                let lvl = CompressionLvl::new(level).unwrap_or_default();
                compressors.push((level, Compressor::new(lvl)));
                compressors.len() - 1
            }
        };
        let d = &mut compressors[at].1;
        let bound = d.deflate_compress_bound(input.len());
        // A file larger than the kept room gets room of its own (the thread does not
        // keep the largest file's for good).
        let mut own = Vec::new();
        let room = if bound <= ROOM_KEPT {
            if room.len() < bound {
                room.resize(bound, 0);
            }
            room
        } else {
            own.resize(bound, 0);
            &mut own
        };
        // The bound is what libdeflate guarantees to be enough.
        let written = d.deflate_compress(input, room).unwrap_or(0);
        out.reserve_exact(header.len() + written + 8);
        out.extend_from_slice(&header);
        out.extend_from_slice(&room[..written]);
    });
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(input.len() as u32).to_le_bytes());
    out
}

/// Brotli at `quality` (0 to 11).
pub fn brotli(bytes: &[u8], quality: u32) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, BROTLI_WINDOW);
        w.write_all(bytes)?;
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_encodings_round_trip() {
        let text = "任泽区新材料产业 new materials ".repeat(200);
        let gz = gzip(text.as_bytes()).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        for quality in [5, 11] {
            let br = brotli(text.as_bytes(), quality).unwrap();
            let mut back = String::new();
            brotli::Decompressor::new(&br[..], 4096)
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, text);
            assert!(br.len() < text.len() / 10, "quality {quality}");
        }
        assert!(gz.len() < text.len() / 10);
    }

    #[test]
    fn a_file_larger_than_the_kept_room_and_one_after_it_round_trip() {
        let large: Vec<u8> = (0..ROOM_KEPT as u32 + 4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let small = "任泽区新材料产业 ".repeat(100);
        for input in [
            &large[..],
            small.as_bytes(),
            &large[..ROOM_KEPT / 2],
            small.as_bytes(),
        ] {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gzip_level(input, 1)[..])
                .read_to_end(&mut back)
                .unwrap();
            assert!(back == input, "{} bytes", input.len());
        }
    }

    #[test]
    fn every_gzip_level_round_trips_and_says_its_kind_in_the_header() {
        let text = "任泽区新材料产业 new materials ".repeat(200);
        let mut sizes = Vec::new();
        // Interleaved levels: each thread keeps one compressor per level.
        for level in [1, 8, 6, 12, 1, 8] {
            let gz = gzip_level(text.as_bytes(), level);
            let mut back = String::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, text, "level {level}");
            let kind = match level {
                1 => 4,
                6 => 0,
                _ => 2,
            };
            assert_eq!(gz[8], kind, "level {level}");
            sizes.push((level, gz.len()));
        }
        assert_eq!(
            sizes[0], sizes[4],
            "a reused compressor gives the same bytes"
        );
        assert!(
            sizes[3].1 <= sizes[0].1,
            "level 12 no larger than level 1: {sizes:?}"
        );
    }

    #[test]
    fn assets_get_the_densest_brotli_and_pages_a_fast_one() {
        for (name, quality) in [
            ("css/site.css", 11),
            ("js/search.js", 11),
            ("favicon.svg", 11),
            ("tech/index.html", 5),
            ("atom.xml", 5),
            ("data/stats.json", 5),
        ] {
            assert_eq!(brotli_quality(Path::new(name)), quality, "{name}");
        }
    }

    #[test]
    fn only_text_files_are_compressed() {
        for (name, want) in [
            ("a/index.html", true),
            ("x.svg", true),
            ("f.png", false),
            ("x.gz", false),
            ("README", false),
        ] {
            assert_eq!(is_text(Path::new(name)), want, "{name}");
        }
    }
}
