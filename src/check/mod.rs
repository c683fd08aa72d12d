//! `check`: builds the site into a temporary folder and reports what an editor should
//! fix before publishing, grouped by source file and ordered by line.
//!
//! Errors: the build's own (links to missing pages or `#anchor`s, unknown figures,
//! template errors), internal links written in Markdown or put on the pages by templates
//! that do not resolve in the built site, and (with `--external`) broken external links.
//! Warnings: pages without their twin, translations older than their original, images
//! without alt text, figures no page shows, emphasis CommonMark leaves unclosed next to
//! Chinese punctuation, empty descriptions, external links that time out.

pub mod external;
mod links;
mod site;
mod source;

use crate::msg;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::build::{self, BuildOptions, Model};
use crate::config::{Config, Overrides};
use crate::content::{self, Content};
use crate::deps::Reads;
use crate::diag::{Diagnostic, Diagnostics};
pub use external::ExternalSummary;
use links::Built;
use source::Scan;

/// What `profilegen check` is asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The project folder.
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Request external links too.
    pub external: bool,
    /// Timeout of one external request.
    pub timeout: Duration,
    /// Build into this folder and keep it, instead of a temporary folder (a folder that
    /// profilegen did not make is replaced only if empty).
    pub output_dir: Option<PathBuf>,
}

impl CheckOptions {
    /// `root`, no drafts, no external links, a 10 s timeout.
    pub fn new(root: impl Into<PathBuf>) -> CheckOptions {
        CheckOptions {
            root: root.into(),
            drafts: false,
            external: false,
            timeout: Duration::from_secs(10),
            output_dir: None,
        }
    }
}

/// Everything `check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Errors and warnings, in report order (by file, then position).
    pub diagnostics: Vec<Diagnostic>,
    /// The external links' summary, when they were checked.
    pub external: Option<ExternalSummary>,
    /// Phrases a converted edition renders other than character by character, for an
    /// editor to review (neither errors nor warnings).
    pub conversions: Vec<Conversion>,
}

/// A phrase a converted edition renders other than character by character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The edition (`zh-hant`).
    pub lang: String,
    /// The phrase as written (`信息`).
    pub from: String,
    /// As the edition shows it (`資訊`).
    pub to: String,
    /// The first file that has it.
    pub file: PathBuf,
}

impl CheckReport {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The report: one block per file (errors and warnings by line), then a summary.
    pub fn render(&self, color: bool) -> String {
        let mut groups: BTreeMap<(bool, String), Vec<&Diagnostic>> = BTreeMap::new();
        for d in &self.diagnostics {
            let file = d
                .file
                .as_deref()
                .map(|f| f.to_string_lossy().replace('\\', "/"));
            let key = (
                file.is_none(),
                file.unwrap_or_else(|| msg!("check-group-generated")),
            );
            groups.entry(key).or_default().push(d);
        }
        let mut out = String::new();
        for ((_, file), diags) in &groups {
            out.push_str(&format!("== {file}\n"));
            for d in diags {
                out.push_str(&d.render(color));
                out.push_str("\n\n");
            }
        }
        let mut editions: Vec<&str> = self.conversions.iter().map(|c| c.lang.as_str()).collect();
        editions.dedup();
        for lang in editions {
            let list: Vec<&Conversion> =
                self.conversions.iter().filter(|c| c.lang == lang).collect();
            out.push_str(&msg!("check-conversions", lang = lang, count = list.len()));
            out.push('\n');
            for c in list {
                out.push_str(&format!(
                    "  {} → {}    ({})\n",
                    c.from,
                    c.to,
                    c.file.to_string_lossy().replace('\\', "/")
                ));
            }
            out.push('\n');
        }
        out.push_str(&self.summary(groups.len()));
        out
    }

    fn summary(&self, files: usize) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let mut s = if e + w == 0 {
            msg!("check-no-problems")
        } else {
            msg!("check-summary", errors = e, warnings = w, files = files)
        };
        s.push('\n');
        if let Some(x) = &self.external {
            s.push_str(&msg!(
                "check-external-summary",
                checked = x.checked,
                ok = x.ok,
                broken = x.broken,
                timed_out = x.timed_out
            ));
            s.push('\n');
        }
        s
    }
}

/// Checks the site. `Err` only when the config or the content cannot be read at all
/// (there is nothing to check then); every other problem is in the report.
pub fn check(opts: &CheckOptions) -> Result<CheckReport, Diagnostics> {
    let tmp = tempfile::Builder::new()
        .prefix("profilegen-check-")
        .tempdir()
        .map_err(|e| {
            crate::fsutil::io_error(
                e,
                &std::env::temp_dir(),
                crate::fsutil::Action::CreateFolderIn,
            )
        })?;
    let root = crate::fsutil::absolute(&opts.root);
    // The URLs the site's real output published, to warn about any this build loses.
    let published = Config::load(&root, &Overrides::default()).map(|c| c.output_dir);
    let build_opts = BuildOptions {
        compare_urls_with: published.ok(),
        progress: false,
        root,
        overrides: Overrides {
            base_url: None,
            output_dir: Some(
                opts.output_dir
                    .clone()
                    .unwrap_or_else(|| tmp.path().join("site")),
            ),
            portable: false,
        },
        drafts: opts.drafts,
        force: opts.output_dir.is_none(),
        no_compress: true, // not published: no .gz/.br needed
        plain_assets: false,
        skip_search_index: false,
    };
    let config = Config::load(&build_opts.root, &build_opts.overrides)?;
    let content = content::load(&config, opts.drafts)?;
    let mut diags = content.warnings.clone();
    diags.extend(site::stale_twins(&config, &content));
    diags.extend(site::empty_descriptions(&content));
    let scans: Vec<Scan> = content
        .docs
        .par_iter()
        .map(|d| source::scan(d, &config.markdown))
        .collect();
    // A converted edition's page is its source's file: its findings are the source's.
    diags.extend(
        content
            .docs
            .iter()
            .zip(&scans)
            .filter(|(d, _)| !d.converted)
            .flat_map(|(_, s)| s.findings.iter().cloned()),
    );
    let conversions = conversions(&config, &content);
    match build::build_retained(&build_opts) {
        Ok((built, retained)) => {
            diags.extend(built.lost_urls);
            let mut reads: Vec<Reads> = retained
                .template_reads
                .into_iter()
                .map(|(_, r)| r)
                .collect();
            reads.extend(retained.model.reads.as_slice().iter().cloned());
            diags.extend(check_built(&retained.model, &reads, &content, &scans));
        }
        Err(e) => diags.extend(e.0),
    }
    let mut report = CheckReport::default();
    if opts.external {
        let (found, summary) = external::check(&external_urls(&content, &scans), opts.timeout);
        diags.extend(found);
        report.external = Some(summary);
    }
    sort(&mut diags);
    report.diagnostics = diags;
    report.conversions = conversions;
    Ok(report)
}

/// The phrases each converted edition renders other than character by character (and
/// the overrides that apply), once per phrase, with the first file that has it: the
/// site's UI strings (`config.toml`), then the pages in content order.
fn conversions(config: &Config, content: &Content) -> Vec<Conversion> {
    let mut out: Vec<Conversion> = Vec::new();
    for lang in &config.languages {
        let Some(conv) = &lang.converted else {
            continue;
        };
        let mut add = |file: PathBuf, text: &str| {
            for (from, to) in conv.converter.phrases(text) {
                let seen = out
                    .iter()
                    .any(|c| c.lang == lang.code.as_str() && c.from == from);
                if !seen {
                    out.push(Conversion {
                        lang: lang.code.to_string(),
                        from,
                        to,
                        file: file.clone(),
                    });
                }
            }
        };
        if let Some(source) = config.language(&conv.from) {
            let strings: Vec<&str> = [source.title.as_str(), source.description.as_str()]
                .into_iter()
                .chain(source.strings.values().map(String::as_str))
                .collect();
            add(PathBuf::from(crate::config::FILE), &strings.join("\n"));
        }
        for doc in content
            .docs
            .iter()
            .filter(|d| d.converted && d.lang == lang.code)
        {
            add(doc.path.clone(), &doc.text);
        }
    }
    out
}

/// Checks that need the built site: internal links and unused figures.
fn check_built(
    model: &Model,
    reads: &[Reads],
    content: &Content,
    scans: &[Scan],
) -> Vec<Diagnostic> {
    let base = &model.config.base_url.path;
    let built = Built::new(&model.config.output_dir, base);
    let mut diags = Vec::new();
    let mut reported = HashSet::new();
    for (doc, scan) in content.docs.iter().zip(scans) {
        let from = doc.output_file().to_string_lossy().replace('\\', "/");
        for link in &scan.links {
            if let Some(problem) = built.problem(&from, &link.url, false)
                && !doc.converted
            {
                diags.push(
                    Diagnostic::error(msg!(
                        "check-link-broken",
                        url = link.url.as_str(),
                        problem = problem
                    ))
                    .in_file(&doc.path)
                    .at(&doc.text, link.span.clone())
                    .with_hint(msg!("check-link-broken-hint")),
                );
            }
            reported.insert(output_form(base, &link.url));
        }
    }
    // A printable profile repeats its parts' links: a broken one is reported at its page.
    let print_pages: Vec<String> = model
        .config
        .languages
        .iter()
        .map(|l| format!("{}index.html", crate::output::layout::print_path(l)))
        .collect();
    for (url, (problem, pages)) in built.template_links(&reported) {
        let pages: Vec<_> = pages
            .into_iter()
            .filter(|p| !print_pages.iter().any(|pp| pp == p.as_str()))
            .collect();
        if pages.is_empty() {
            continue;
        }
        let message = msg!(
            "check-template-link-broken",
            url = url.as_str(),
            page = pages[0].as_str(),
            more = pages.len() - 1,
            problem = problem
        );
        diags.push(Diagnostic::error(message).with_hint(msg!("check-template-link-broken-hint")));
    }
    if let (Some(stats), Some(file)) = (&model.lookup.stats, &model.config.stats)
        && let Ok(text) = crate::fsutil::read_text(&model.config.root.join(file), file)
    {
        let all: Vec<&Reads> = reads.iter().collect();
        diags.extend(site::unused_stats(stats, file, &text, &all));
        diags.extend(site::forgotten_years(stats, file, &text));
    }
    diags
}

/// How a Markdown link looks in the output (root-relative links get the base path).
fn output_form(base: &str, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => format!("{base}{rest}"),
        _ => url.to_owned(),
    }
}

/// Distinct `http(s)://` URLs of the sources, each with the places it is written.
fn external_urls(content: &Content, scans: &[Scan]) -> Vec<(String, Vec<external::Place>)> {
    let mut urls: BTreeMap<String, Vec<external::Place>> = BTreeMap::new();
    for (doc, scan) in content.docs.iter().zip(scans) {
        for link in &scan.links {
            let lower = link.url.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                urls.entry(link.url.clone())
                    .or_default()
                    .push(external::Place {
                        file: doc.path.clone(),
                        text: doc.text.clone(),
                        span: link.span.clone(),
                    });
            }
        }
    }
    urls.into_iter().collect()
}

/// By file (files first, unlocated last), then position, errors before warnings.
fn sort(diags: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| {
        (
            d.file.is_none(),
            d.file.clone().unwrap_or_default(),
            d.span.as_ref().map_or(0, |s| s.start),
            std::cmp::Reverse(d.severity),
            d.message.clone(),
        )
    };
    diags.sort_by_key(key);
}

/// True when the report should fail the command.
pub fn fails(report: &CheckReport, deny_warnings: bool) -> bool {
    report.errors() > 0 || (deny_warnings && report.warnings() > 0)
}
