//! Checks across files: translations that may be stale, empty descriptions, and figures
//! defined in the statistics file that no page shows.

use crate::msg;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::front_matter::date_string;
use crate::content::{Content, Document};
use crate::deps::Reads;
use crate::diag::Diagnostic;
use crate::stats::Stats;

/// A twin whose `updated` (or `date`) is older than its original's `updated`.
pub fn stale_twins(config: &Config, content: &Content) -> Vec<Diagnostic> {
    let default = &config.default_language().code;
    let mut out = Vec::new();
    for twin in content.docs.iter().filter(|d| &d.lang != default) {
        let Some(original) = content.get(&twin.key, default) else {
            continue;
        };
        let Some(changed) = original.meta.updated.as_ref().and_then(date_string) else {
            continue;
        };
        let own = twin.meta.updated.as_ref().or(twin.meta.date.as_ref());
        let own = own.and_then(date_string);
        if own.as_ref().is_some_and(|d| *d >= changed) {
            continue;
        }
        let since = own.unwrap_or_else(|| "none".to_owned());
        out.push(
            Diagnostic::warning(msg!(
                "check-stale-translation",
                twin = twin.path.display().to_string(),
                since = since,
                original = original.path.display().to_string(),
                changed = changed.as_str()
            ))
            .in_file(&twin.path)
            .at(&twin.text, key_span(twin, "updated").unwrap_or(0..3))
            .with_hint(msg!(
                "check-stale-translation-hint",
                changed = changed.as_str()
            )),
        );
    }
    out
}

/// Pages and sections whose `description` is missing or blank.
pub fn empty_descriptions(content: &Content) -> Vec<Diagnostic> {
    content
        .docs
        .iter()
        .filter(|d| d.meta.description.trim().is_empty() && !d.converted)
        .map(|d| {
            Diagnostic::warning(msg!("check-empty-description"))
                .in_file(&d.path)
                .at(&d.text, key_span(d, "description").unwrap_or(0..3))
                .with_hint(msg!("check-empty-description-hint"))
        })
        .collect()
}

/// Where `key = …` is written in a document's front matter.
fn key_span(doc: &Document, key: &str) -> Option<Range<usize>> {
    let front = &doc.text[..doc.body.start];
    let mut pos = 0;
    for line in front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            let start = pos + line.len() - trimmed.len();
            return Some(start..start + key.len());
        }
        pos += line.len();
    }
    None
}

/// Stats that no page or template shows (a group shown counts for its records).
pub fn unused_stats(
    stats: &Stats,
    file: &Path,
    text: &Arc<str>,
    reads: &[&Reads],
) -> Vec<Diagnostic> {
    if reads.iter().any(|r| r.all_stats) {
        return Vec::new();
    }
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for r in reads {
        used.extend(r.stats.iter().map(String::as_str));
        for g in r.groups.iter().filter_map(|g| stats.group(g)) {
            used.extend(g.stats.iter().map(String::as_str));
        }
    }
    stats
        .ids()
        .filter(|id| !used.contains(id))
        .map(|id| {
            let span = id_span(text, id).unwrap_or(0..0);
            Diagnostic::warning(msg!("check-unused-stat", id = id))
                .in_file(file)
                .at(text, span)
                .with_hint(msg!("check-unused-stat-hint", id = id))
        })
        .collect()
}

/// Figures that look forgotten in the yearly update: in a group holding a series, a
/// figure whose newest year is older than the group's newest ([`Stats::behind`]).
pub fn forgotten_years(stats: &Stats, file: &Path, text: &Arc<str>) -> Vec<Diagnostic> {
    stats
        .behind()
        .into_iter()
        .map(|b| {
            let id = &b.stat.id;
            let span = line_span(text, b.stat.line);
            Diagnostic::warning(msg!(
                "check-forgotten-year",
                id = id.as_str(),
                newest = b.newest.to_string(),
                group = b.group.id.as_str(),
                group_newest = b.group_newest.to_string()
            ))
            .in_file(file)
            .at(text, span)
            .with_hint(msg!(
                "check-forgotten-year-hint",
                group_newest = b.group_newest.to_string()
            ))
        })
        .collect()
}

/// The byte range of 1-based line `line` of `text`, without its line break.
fn line_span(text: &str, line: usize) -> Range<usize> {
    let mut pos = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return pos..pos + l.trim_end().len();
        }
        pos += l.len();
    }
    0..0
}

/// Where `id = "<id>"` is written in the statistics file.
fn id_span(text: &str, id: &str) -> Option<Range<usize>> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("id")
            && let Some(v) = rest.trim_start().strip_prefix('=')
            && v.trim().trim_matches(['"', '\'']) == id
        {
            let start = pos + line.find(id).unwrap_or(0);
            return Some(start..start + id.len());
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_ids_are_found_on_their_line() {
        let text = "[[stat]]\nid = \"firms\"\n\n[[stat]]\nid = \"firms_2023\"\n";
        let span = id_span(text, "firms_2023").unwrap();
        assert_eq!(&text[span.clone()], "firms_2023");
        assert_eq!(crate::diag::line_col(text, span.start), (5, 7));
    }
}
