//! The search index's stages on one thread, over the pages of a site already built:
//! reading the pages as Pagefind reads them (`search::html::read`: the fast reader, and
//! lol_html for the pages it leaves; and lol_html alone, for comparison), splitting
//! and stemming their words (`search::words::of_page`), compressing their records, all
//! of `Indexer::add`, and `Indexer::finish` (sorting, chunking, encoding, compressing
//! the word chunks). Per language too. Medians of `--runs` (3 unless told). And the
//! floors ([`floors`]): what an indexer writing Pagefind's format for Pagefind's client
//! cannot skip.
//!
//! ```sh
//! python3 benches/bench.py --pages 2000 --tools profilegen-default --runs 1 --out /dev/shm/pg-bench
//! target/release/profilegen build --root target/bench/sites/profilegen-default-2000 \
//!     -o /dev/shm/site
//! cargo bench --bench search_stages -- /dev/shm/site --runs 3
//! ```
//!
//! One thread, so the numbers are CPU time of each stage; the build runs them on every
//! core, interleaved with rendering and compression. The last two rows run `Indexer::add`
//! on two threads (as the build does, without the rendering): its wall time and the
//! process's CPU time, which against the one-thread row is what the threads' sharing
//! (the index's locks, a word cache each, the caches of the CPU) costs.

#![allow(missing_docs)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use profilegen::search::{self, Indexer, format, html, words};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut dir = None;
    let mut runs = 3;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: cargo bench --bench search_stages -- BUILT_SITE_DIR [--runs N]");
        std::process::exit(2);
    };
    let pages = pages_of(&dir);
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    println!(
        "{} pages, {:.1} MB of HTML, {} run(s), one thread\n",
        pages.len(),
        bytes as f64 / 1e6,
        runs
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("a thread pool: {e}"));
    let fields: Vec<String> = ["image", "image_alt", "title"]
        .iter()
        .map(|f| (*f).to_owned())
        .collect();
    let mut rows: Vec<(String, f64)> = Vec::new();
    for (label, pick) in [
        (
            "Chinese",
            (|f: &str| !f.starts_with("en/")) as fn(&str) -> bool,
        ),
        ("English", |f: &str| f.starts_with("en/")),
    ] {
        let chosen: Vec<&(String, Vec<u8>)> = pages.iter().filter(|(f, _)| pick(f)).collect();
        rows.push((
            format!("{label}: read pages"),
            median(runs, || {
                for (_, h) in &chosen {
                    std::hint::black_box(html::read(h));
                }
            }),
        ));
        rows.push((
            format!("{label}: read pages with lol_html only"),
            median(runs, || {
                for (_, h) in &chosen {
                    std::hint::black_box(html::read_with_lol_html(h));
                }
            }),
        ));
        let texts: Vec<html::PageText> = chosen.iter().map(|(_, h)| html::read(h)).collect();
        rows.push((
            format!("{label}: split words"),
            median(runs, || {
                for t in &texts {
                    std::hint::black_box(words::of_page(t, &fields));
                }
            }),
        ));
    }
    let records: Vec<Vec<u8>> = pages
        .iter()
        .map(|(f, h)| {
            let text = html::read(h);
            let w = words::of_page(&text, &fields);
            let record = format::Fragment {
                url: search::page_url(f),
                content: w.content,
                word_count: w.word_count,
                filters: Default::default(),
                meta: text.meta,
                anchors: Vec::new(),
            };
            serde_json::to_vec(&record).unwrap_or_default()
        })
        .collect();
    rows.push((
        "compress records (gzip)".into(),
        median(runs, || {
            for r in &records {
                std::hint::black_box(format::compress(r, format::LEVEL));
            }
        }),
    ));
    floors(&dir, &pages, runs, &mut rows);
    let (mut add, mut finish) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let index = Indexer::new();
        for (i, (f, h)) in pages.iter().enumerate() {
            index.add(i, f, h);
        }
        add.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        std::hint::black_box(pool.install(|| index.finish(&Default::default())));
        finish.push(started.elapsed().as_secs_f64());
    }
    rows.push(("Indexer::add, every page".into(), middle(add)));
    rows.push(("Indexer::finish".into(), middle(finish)));
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap_or_else(|e| panic!("a thread pool: {e}"));
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let index = Indexer::new();
        two.install(|| {
            use rayon::prelude::*;
            pages
                .par_iter()
                .enumerate()
                .with_max_len(8)
                .for_each(|(i, (f, h))| index.add(i, f, h));
        });
        wall.push(started.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - cpu_before);
    }
    rows.push((
        "Indexer::add, every page, 2 threads: wall".into(),
        middle(wall),
    ));
    rows.push((
        "Indexer::add, every page, 2 threads: CPU".into(),
        middle(cpu),
    ));
    println!("| stage | median (s) |\n|---|---:|");
    for (stage, seconds) in rows {
        println!("| {stage} | {seconds:.3} |");
    }
}

/// What no indexer of Pagefind's format can skip, whatever else it does: ICU4X's word
/// breaks of the Chinese text (which the browser's must match), and gzip at our level of
/// the site's word chunks (records are above), as decompressed from `dir/pagefind/index`.
/// And, for reference, lol_html over every page with every element and text node handed
/// to a handler that does nothing: the floor of a reader built on it, which the fast
/// reader (`search::html::fast`) is not.
fn floors(dir: &Path, pages: &[(String, Vec<u8>)], runs: usize, rows: &mut Vec<(String, f64)>) {
    use lol_html::{HtmlRewriter, Settings, doc_text, element};
    rows.push((
        "reference: lol_html, every element and text handled, no work".into(),
        median(runs, || {
            for (_, html) in pages {
                let elements = element!("*", |el| {
                    std::hint::black_box(el.tag_name());
                    if let Some(handlers) = el.end_tag_handlers() {
                        let end: lol_html::EndTagHandler<'static> = Box::new(|_| Ok(()));
                        handlers.push(end);
                    }
                    Ok(())
                });
                let text = doc_text!(|t| {
                    std::hint::black_box(t.as_str());
                    Ok(())
                });
                let settings = Settings::new()
                    .append_element_content_handler(elements)
                    .append_document_content_handler(text);
                let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
                let _ = rewriter.write(html);
                let _ = rewriter.end();
            }
        }),
    ));
    let chinese: Vec<String> = pages
        .iter()
        .filter(|(f, _)| !f.starts_with("en/"))
        .map(|(_, h)| html::read(h).digest)
        .collect();
    rows.push((
        "floor: ICU4X word breaks of the Chinese text".into(),
        median(runs, || {
            for digest in &chinese {
                for run in digest.split_whitespace() {
                    std::hint::black_box(words::word_breaks(run));
                }
            }
        }),
    ));
    let chunks: Vec<Vec<u8>> = std::fs::read_dir(dir.join("pagefind/index"))
        .into_iter()
        .flatten()
        .filter_map(|e| format::decompress(&std::fs::read(e.ok()?.path()).ok()?))
        .collect();
    rows.push((
        format!(
            "floor: gzip of the word chunks ({:.1} MB)",
            chunks.iter().map(Vec::len).sum::<usize>() as f64 / 1e6
        ),
        median(runs, || {
            for chunk in &chunks {
                std::hint::black_box(format::compress(chunk, format::LEVEL));
            }
        }),
    ));
}

/// The process's CPU time so far (user and system), from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the
    // 12th and 13th of them, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Every HTML page below `dir` but the index's own folder, by path below `dir`.
fn pages_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "html") || rel.starts_with("pagefind") {
            continue;
        }
        if let Ok(bytes) = std::fs::read(path) {
            pages.push((rel.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
    pages
}

/// The median wall time of `runs` calls of `f`, in seconds.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    middle(
        (0..runs.max(1))
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn middle(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or_default()
}
