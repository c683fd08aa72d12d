//! Writes an incremental rebuild into the served folder: each file through a temporary
//! name and a rename, so a browser never reads half a page.

use crate::msg;
use std::path::{Component, Path, PathBuf};

use super::session::{Pending, RenderedFile};
use crate::build::Model;
use crate::diag::Diagnostic;
use crate::fsutil::io_error;

/// Writes rendered pages, copies and deletions, the data downloads when the statistics
/// changed, the publish stages' small files, and the redirects and URL manifest; returns a
/// warning for each URL the site's published output (`published`) has that this one
/// lost.
pub(super) fn commit(
    model: &Model,
    pending: &Pending,
    files: &[RenderedFile],
    published: Option<&Path>,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let dir = &model.config.output_dir;
    for (_, written, _) in files {
        for (rel, bytes) in written {
            replace(dir, rel, bytes)?;
        }
    }
    for (rel, source) in &pending.copies {
        let bytes =
            std::fs::read(source).map_err(|e| io_error(e, source, crate::fsutil::Action::Read))?;
        replace(dir, rel, &bytes)?;
    }
    for rel in &pending.deletes {
        let path = inside(dir, rel)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(e, rel, crate::fsutil::Action::Remove));
            }
            _ => {}
        }
    }
    if pending.data {
        write_data(model, dir)?;
    }
    for (out, cached) in model.lookup.made_images() {
        if !dir.join(&out).is_file() {
            let bytes = std::fs::read(&cached)
                .map_err(|e| io_error(e, &cached, crate::fsutil::Action::Read))?;
            replace(dir, &out, &bytes)?;
        }
    }
    for (rel, bytes) in publish_files(model)? {
        if std::fs::read(dir.join(&rel)).ok().as_deref() != Some(bytes.as_slice()) {
            replace(dir, &rel, &bytes)?;
        }
    }
    urls(model, dir, published)
}

/// Writes the redirect pages, `_redirects` and the URL manifest as a full build does, and
/// removes the listing pages and redirects the previous manifest of `dir` names that the
/// site no longer has (a section that lists fewer pages, an alias taken out).
fn urls(
    model: &Model,
    dir: &Path,
    published: Option<&Path>,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    use crate::output::{redirects, urls};
    let (config, content) = (&*model.config, &model.content);
    let stats = model.lookup.stats.is_some();
    let plan = urls::plan(config, content, &model.static_files, stats);
    let mut files = redirects::files(config, content, &plan);
    let now = urls::published(config, content, plan);
    let before = urls::read_manifest(dir).unwrap_or_default();
    let kept: std::collections::HashSet<String> = now.iter().map(|p| p.url_path()).collect();
    for r in before.iter().filter(|r| !kept.contains(&r.url)) {
        let generated = matches!(r.kind, urls::Kind::Pager | urls::Kind::Redirect)
            || r.url == redirects::NETLIFY;
        if generated {
            let rel = urls::file_of_url(&r.url);
            match std::fs::remove_file(inside(dir, &rel)?) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io_error(e, &rel, crate::fsutil::Action::Remove));
                }
                _ => {}
            }
        }
    }
    files.push((
        PathBuf::from(urls::MANIFEST),
        urls::manifest(&now).into_bytes(),
    ));
    for (rel, bytes) in files {
        if std::fs::read(dir.join(&rel)).ok().as_deref() != Some(bytes.as_slice()) {
            replace(dir, &rel, &bytes)?;
        }
    }
    Ok(published
        .and_then(urls::read_manifest)
        .map(|before| urls::lost(config, &before, &now))
        .unwrap_or_default())
}

/// What the publish stages write that any edit may change, made again from the model as
/// a full build makes them: the sitemap, robots.txt (unless the site has its own) and the
/// feeds. They are small; rewriting them only when their bytes differ costs little.
fn publish_files(model: &Model) -> Result<crate::output::Files, Diagnostic> {
    use crate::output::{feed, layout, sitemap};
    let (config, content) = (&*model.config, &model.content);
    let xml = sitemap::sitemap(config, content).map_err(|e| {
        Diagnostic::error(msg!(
            "output-write-failed",
            file = layout::SITEMAP,
            detail = e.to_string()
        ))
    })?;
    let mut files = vec![(PathBuf::from(layout::SITEMAP), xml)];
    let own_robots = model
        .static_files
        .iter()
        .any(|p| layout::static_output(p) == Path::new(layout::ROBOTS))
        || content
            .assets
            .iter()
            .any(|a| a.output == Path::new(layout::ROBOTS));
    if !own_robots {
        files.push((
            PathBuf::from(layout::ROBOTS),
            sitemap::robots_txt(config).into_bytes(),
        ));
    }
    let html = |id: crate::content::DocId| Some(model.rendered[id].html.as_str());
    let (feeds, _) = feed::files(config, content, &html).map_err(|d| {
        let first = d.0.into_iter().next();
        first.unwrap_or_else(|| Diagnostic::error(msg!("serve-feeds-failed")))
    })?;
    files.extend(feeds);
    Ok(files)
}

fn write_data(model: &Model, dir: &Path) -> Result<(), Diagnostic> {
    match &model.lookup.stats {
        Some(stats) => {
            for (rel, text) in crate::output::data_files(&model.config, stats) {
                replace(dir, Path::new(rel), text.as_bytes())?;
            }
            Ok(())
        }
        None => {
            for rel in crate::output::layout::DATA_DOWNLOADS {
                let _ = std::fs::remove_file(dir.join(rel));
            }
            Ok(())
        }
    }
}

/// Writes each language's printable profile again from the pages in the output (after
/// any page was re-rendered: it holds them all), where its bytes changed.
pub(super) fn print_pages(model: &Model, pages: &crate::render::Pages) -> Result<(), Diagnostic> {
    let config = &model.config;
    if config.print.is_none() || !model.theme.has(crate::render::PRINT_TEMPLATE) {
        return Ok(());
    }
    for lang in &config.languages {
        let read = |file: &Path| std::fs::read(config.output_dir.join(file)).ok();
        let body = crate::output::print::body(pages, config, lang, &read);
        let bytes = crate::render::render_print(&model.theme, pages, lang, &body)?;
        let rel = Path::new(&crate::output::layout::print_path(lang)).join("index.html");
        if std::fs::read(config.output_dir.join(&rel)).ok().as_deref() != Some(bytes.as_slice()) {
            replace(&config.output_dir, &rel, &bytes)?;
        }
    }
    Ok(())
}

/// Writes the search index again: the re-rendered documents' pages are read again, the
/// others' words come from what the session kept; index files of the previous index
/// that the new one does not name are removed (their names carry their content's hash).
pub(super) fn search_index(
    model: &Model,
    search: &mut crate::search::Kept,
    files: &[RenderedFile],
) -> Result<(), Diagnostic> {
    use crate::deps::Output;
    use crate::output::layout::url_of;
    use crate::output::search::BUNDLE_DIR;
    for (out, written, _) in files {
        if let (Output::Doc { .. }, Some((file, bytes))) = (out, written.first()) {
            search.replace(&url_of(file), bytes);
        }
    }
    let order: std::collections::HashMap<String, usize> = model
        .content
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (url_of(&d.output_file()), i))
        .collect();
    let index = search
        .files(|file| order.get(file).copied())
        .map_err(|e| Diagnostic::error(msg!("serve-search-failed", detail = e.to_string())))?;
    let dir = model.config.output_dir.join(BUNDLE_DIR);
    let names: std::collections::HashSet<&Path> =
        index.iter().map(|(rel, _)| rel.as_path()).collect();
    // The entry names the meta file: written last, once every file it leads to is there.
    let (entry, rest): (Vec<_>, Vec<_>) = index
        .iter()
        .partition(|(rel, _)| rel == Path::new(crate::search::client::ENTRY));
    for (rel, bytes) in rest.into_iter().chain(entry) {
        // Index files are named by their content's hash: one already there is this one.
        let named_by_hash = is_index_file(rel);
        let same = if named_by_hash {
            dir.join(rel).is_file()
        } else {
            std::fs::read(dir.join(rel)).ok().as_deref() == Some(bytes.as_slice())
        };
        if !same {
            replace(&dir, rel, bytes)?;
        }
    }
    for sub in ["index", "fragment", ""] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let rel = Path::new(sub).join(e.file_name());
            if is_index_file(&rel) && !names.contains(rel.as_path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

/// A file of the search index proper (`.pf_meta`, `.pf_index`, `.pf_fragment`), named by
/// its content's hash; not the entry or the client.
fn is_index_file(rel: &Path) -> bool {
    rel.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.starts_with("pf_"))
}

/// `dir/rel`, refusing anything but a plain relative path.
fn inside(dir: &Path, rel: &Path) -> Result<PathBuf, Diagnostic> {
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || rel.as_os_str().is_empty() {
        return Err(Diagnostic::error(msg!(
            "output-not-plain-path",
            path = rel.display().to_string()
        )));
    }
    Ok(dir.join(rel))
}

/// Writes `bytes` to `dir/rel` atomically (temporary file in the same folder, renamed).
fn replace(dir: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = inside(dir, rel)?;
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent)
        .map_err(|e| io_error(e, rel, crate::fsutil::Action::CreateFolderFor))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(e, rel, crate::fsutil::Action::Write))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(e, rel, crate::fsutil::Action::Write)
    })
}
