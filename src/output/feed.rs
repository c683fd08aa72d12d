//! Atom feeds: one per language (`/atom.xml`, `/en/atom.xml`) of the pages of one
//! section (`[feeds] section`, `news` by default), newest first.
//!
//! Every entry carries its full HTML (with `xml:base`, so root-relative links resolve in
//! a feed reader), its description as the summary, and an alternate link for each
//! language version of the page; the feed links its section page and the other
//! languages' feeds. A page of the section without `date` cannot be placed in time: it
//! is left out with a warning naming it.

use crate::msg;
use std::path::PathBuf;

use super::Staging;
use super::xml::{Out, Xml};
use crate::config::{Config, Language};
use crate::content::{Content, DocId, Document, Kind};
use crate::diag::{Diagnostic, Result, did_you_mean};

const NS: &str = "http://www.w3.org/2005/Atom";
const ATOM: &str = "application/atom+xml";

pub use super::layout::feed_path;

/// The key of the feed section's index (`news/_index.md`), if the site has feeds.
pub fn section_key(config: &Config, content: &Content) -> Result<Option<String>> {
    let feeds = &config.feeds;
    if feeds.section.is_empty() {
        return Ok(None);
    }
    let key = format!("{}/_index.md", feeds.section);
    if content.has_key(&key) {
        return Ok(Some(key));
    }
    let Some(span) = &feeds.section_span else {
        return Ok(None);
    };
    let sections = content
        .docs
        .iter()
        .filter(|d| d.kind == Kind::Section)
        .filter_map(|d| d.key.strip_suffix("/_index.md"));
    let hint = match did_you_mean(&feeds.section, sections) {
        Some(c) => msg!("feed-section-did-you-mean-hint", name = c),
        None => msg!("feed-section-hint"),
    };
    let d = Diagnostic::error(msg!(
        "feed-section-missing",
        section = feeds.section.as_str(),
        key = key.as_str()
    ));
    Err(d
        .in_file(crate::config::FILE)
        .at(&config.source, span.clone())
        .with_hint(hint)
        .into())
}

/// The HTML of document `i`'s rendered Markdown, for the feeds that carry it.
pub type HtmlOf<'a> = dyn Fn(DocId) -> Option<&'a str> + 'a;

/// The documents the feeds carry (their rendered HTML must be at hand when
/// [`write`] runs), in no particular order; empty if the site has no feeds.
pub fn entry_docs(config: &Config, content: &Content) -> Vec<DocId> {
    let Ok(Some(key)) = section_key(config, content) else {
        return Vec::new();
    };
    let mut ignored = Vec::new();
    config
        .languages
        .iter()
        .flat_map(|lang| Feed::collect(config, content, &key, lang, &mut ignored).entries)
        .map(|(i, _)| i)
        .collect()
}

/// Writes every language's feed; returns warnings for pages left out.
pub fn write(
    staging: &Staging,
    config: &Config,
    content: &Content,
    html: &HtmlOf,
) -> Result<Vec<Diagnostic>> {
    let (files, warnings) = files(config, content, html)?;
    for (path, xml) in files {
        staging.write_new(&path, &xml, "feed")?;
    }
    Ok(warnings)
}

/// Every language's feed: its path and bytes; and warnings for pages left out.
pub fn files(
    config: &Config,
    content: &Content,
    html: &HtmlOf,
) -> Result<(super::Files, Vec<Diagnostic>)> {
    let Some(key) = section_key(config, content)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    for lang in &config.languages {
        let feed = Feed::collect(config, content, &key, lang, &mut warnings);
        let mut xml = feed
            .xml(html)
            .map_err(|e| Diagnostic::error(msg!("feed-write-failed", detail = e.to_string())))?;
        // A converted edition's feed is converted as a whole (its markup is ASCII).
        if let Some(c) = &lang.converted {
            xml = c
                .converter
                .text(&String::from_utf8_lossy(&xml))
                .into_bytes();
        }
        files.push((PathBuf::from(feed_path(lang)), xml));
    }
    Ok((files, warnings))
}

/// One language's feed: its section and its dated pages, newest first.
struct Feed<'a> {
    config: &'a Config,
    content: &'a Content,
    lang: &'a Language,
    section: Option<&'a Document>,
    entries: Vec<(DocId, String)>,
}

impl<'a> Feed<'a> {
    fn collect(
        config: &'a Config,
        content: &'a Content,
        key: &str,
        lang: &'a Language,
        warnings: &mut Vec<Diagnostic>,
    ) -> Feed<'a> {
        let mut entries = Vec::new();
        for (i, d) in content.ids().zip(&content.docs) {
            if d.kind != Kind::Page || d.lang != lang.code || d.parent.as_deref() != Some(key) {
                continue;
            }
            match d.meta.date.as_ref().and_then(rfc3339) {
                Some(date) => entries.push((i, date)),
                // Its source's page has the same file: warned about once, there.
                None if d.converted => {}
                None => warnings.push(
                    Diagnostic::warning(msg!("feed-no-date", path = d.path.display().to_string()))
                        .in_file(&d.path)
                        .with_hint(msg!("feed-no-date-hint")),
                ),
            }
        }
        entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| content[a.0].meta.title.cmp(&content[b.0].meta.title))
        });
        entries.truncate(config.feeds.limit);
        Feed {
            config,
            content,
            lang,
            section: content.get(key, &lang.code),
            entries,
        }
    }

    /// Newest `updated` of the entries, else the section's date, else the epoch.
    fn updated(&self) -> String {
        let newest = self
            .entries
            .iter()
            .map(|(i, _)| updated(&self.content[*i]))
            .max();
        newest
            .flatten()
            .or_else(|| self.section.and_then(updated))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
    }

    fn xml(&self, html: &HtmlOf) -> std::io::Result<Vec<u8>> {
        let c = self.config;
        let self_url = c.permalink(&feed_path(self.lang));
        let title = match self.section {
            Some(s) => format!("{} — {}", s.meta.title, self.lang.title),
            None => self.lang.title.clone(),
        };
        let home = c.permalink(&self.lang.prefix);
        let alternate = self.section.map_or(home, |s| c.permalink(&s.url_path));
        let mut x = Xml::new()?;
        let attrs = [("xmlns", NS), ("xml:lang", self.lang.html_lang.as_str())];
        x.open("feed", &attrs, |x| {
            x.text("title", &[], &title)?;
            if let Some(s) = self.section.filter(|s| !s.meta.description.is_empty()) {
                x.text("subtitle", &[], &s.meta.description)?;
            }
            x.text("id", &[], &self_url)?;
            x.empty(
                "link",
                &[("rel", "self"), ("type", ATOM), ("href", &self_url)],
            )?;
            x.empty(
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", &alternate),
                ],
            )?;
            self.other_feeds(x)?;
            x.text("updated", &[], &self.updated())?;
            x.open("author", &[], |x| x.text("name", &[], &self.lang.title))?;
            x.text("generator", &[], "profilegen")?;
            for (i, published) in &self.entries {
                let body =
                    html(*i).ok_or_else(|| std::io::Error::other(msg!("feed-entry-lost")))?;
                self.entry(x, &self.content[*i], published, body)?;
            }
            Ok(())
        })?;
        Ok(x.finish())
    }

    fn other_feeds(&self, x: &mut Xml) -> Out {
        for l in self
            .config
            .languages
            .iter()
            .filter(|l| l.code != self.lang.code)
        {
            let href = self.config.permalink(&feed_path(l));
            let attrs = [
                ("rel", "alternate"),
                ("type", ATOM),
                ("hreflang", l.html_lang.as_str()),
                ("href", &href),
            ];
            x.empty("link", &attrs)?;
        }
        Ok(())
    }

    fn entry(&self, x: &mut Xml, doc: &Document, published: &str, html: &str) -> Out {
        let c = self.config;
        let url = c.permalink(&doc.url_path);
        x.open("entry", &[], |x| {
            x.text("title", &[], &doc.meta.title)?;
            for (hreflang, href) in super::sitemap::alternates(c, self.content, &doc.key) {
                if hreflang != "x-default" {
                    let attrs = [
                        ("rel", "alternate"),
                        ("type", "text/html"),
                        ("hreflang", hreflang.as_str()),
                        ("href", href.as_str()),
                    ];
                    x.empty("link", &attrs)?;
                }
            }
            x.text("id", &[], &url)?;
            x.text("published", &[], published)?;
            x.text(
                "updated",
                &[],
                &updated(doc).unwrap_or_else(|| published.to_owned()),
            )?;
            if !doc.meta.description.is_empty() {
                x.text("summary", &[], &doc.meta.description)?;
            }
            x.text("content", &[("type", "html"), ("xml:base", &url)], html)
        })
    }
}

/// `updated`, else `date`, as RFC 3339.
fn updated(doc: &Document) -> Option<String> {
    let m = &doc.meta;
    m.updated.as_ref().or(m.date.as_ref()).and_then(rfc3339)
}

/// A TOML date or date-time as RFC 3339: a bare date is midnight UTC, a local time UTC.
pub fn rfc3339(d: &toml::value::Datetime) -> Option<String> {
    let date = d.date?;
    let time = d.time.map_or("00:00:00".to_owned(), |t| {
        format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second.unwrap_or(0))
    });
    let offset = d.offset.map_or("Z".to_owned(), |o| o.to_string());
    Some(format!(
        "{:04}-{:02}-{:02}T{time}{offset}",
        date.year, date.month, date.day
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_rfc3339() {
        let cases = [
            ("2026-11-25", "2026-11-25T00:00:00Z"),
            ("2026-11-25T08:30:00", "2026-11-25T08:30:00Z"),
            ("2026-11-25T08:30:05+08:00", "2026-11-25T08:30:05+08:00"),
        ];
        for (raw, want) in cases {
            let d: toml::value::Datetime = raw.parse().unwrap();
            assert_eq!(rfc3339(&d).as_deref(), Some(want), "{raw}");
        }
        let t: toml::value::Datetime = "08:30:00".parse().unwrap();
        assert_eq!(rfc3339(&t), None);
    }
}
