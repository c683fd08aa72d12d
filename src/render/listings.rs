//! Listings: every document's summary and each section's pages and subsections in
//! order, made once per build and kept by `serve` between rebuilds.

use std::collections::HashMap;

use rayon::prelude::*;

use super::context::{self, Summary};
use crate::config::LangCode;
use crate::content::{Content, DocId, Document, Kind};
use crate::lookup::Lookup;
use crate::markdown::Rendered;

/// Indices of a section's pages and of its subsections, each sorted.
type Children = (Vec<usize>, Vec<usize>);

/// Every listing of the site: each document's summary, and each section's pages and
/// subsections in order. Built once per build; `serve` keeps it between rebuilds and
/// refreshes only the entries an edit touches ([`Listings::update`]).
#[derive(Debug, Clone)]
pub struct Listings {
    pub(super) summaries: Vec<Summary>,
    /// (section key, lang) → indices of its pages, sorted; and of its subsections.
    pub(super) children: HashMap<(String, LangCode), Children>,
}

impl Listings {
    /// Indexes listings and summaries for the whole site.
    pub fn new(content: &Content, rendered: &[Rendered], lookup: &Lookup) -> Listings {
        Listings::from_reading_times(content, |id| rendered[id.index()].reading_time, lookup)
    }

    /// Like [`Listings::new`], from each document's reading time alone (what a listing
    /// shows of its Markdown), so a build can drop a page's HTML once it is written.
    pub fn from_reading_times(
        content: &Content,
        reading_time: impl Fn(DocId) -> usize + Sync,
        lookup: &Lookup,
    ) -> Listings {
        let summaries = content
            .docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let minutes = reading_time(DocId::new(i));
                context::summary(d, minutes, lookup.config.url(&d.url_path))
            })
            .collect();
        let mut children: HashMap<(String, LangCode), Children> = HashMap::new();
        for (i, d) in content.docs.iter().enumerate() {
            if let Some(p) = &d.parent {
                let entry = children.entry((p.clone(), d.lang.clone())).or_default();
                if d.kind == Kind::Page {
                    entry.0.push(i)
                } else {
                    entry.1.push(i)
                }
            }
        }
        let keys: Vec<SortKey> = content.docs.iter().map(SortKey::of).collect();
        for (pages, subs) in children.values_mut() {
            pages.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
            subs.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        }
        Listings {
            summaries,
            children,
        }
    }

    /// Sets every document's reading time, once its Markdown is rendered (a build that
    /// writes pages as it renders them indexes the listings before).
    pub fn set_reading_times(&mut self, reading_time: impl Fn(DocId) -> usize) {
        for (i, s) in self.summaries.iter_mut().enumerate() {
            s.reading_time = reading_time(DocId::new(i));
        }
    }

    /// Refreshes document `i`'s summary after an edit that kept its place in the tree,
    /// and restores its section's order if the edit moved it.
    pub fn update(&mut self, id: DocId, content: &Content, rendered: &[Rendered], lookup: &Lookup) {
        let i = id.index();
        let (Some(d), Some(r)) = (content.docs.get(i), rendered.get(i)) else {
            return;
        };
        if let Some(s) = self.summaries.get_mut(i) {
            *s = context::summary(d, r.reading_time, lookup.config.url(&d.url_path));
        }
        let Some(parent) = &d.parent else { return };
        let docs = &content.docs;
        if let Some((pages, subs)) = self.children.get_mut(&(parent.clone(), d.lang.clone())) {
            for list in [pages, subs] {
                let key = |&i: &usize| SortKey::of(&docs[i]);
                if !list.is_sorted_by(|a, b| key(a) <= key(b)) {
                    list.sort_by_cached_key(key);
                }
            }
        }
    }
}

/// Where a document goes in a listing: weight first, then newest date (compared as
/// written), then title. Made once per document, not once per comparison: a sort of a
/// 10,000-page section compares about 130,000 times.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct SortKey<'d> {
    weight: i64,
    newest_first: std::cmp::Reverse<Option<String>>,
    title: &'d str,
}

impl<'d> SortKey<'d> {
    fn of(d: &'d Document) -> SortKey<'d> {
        SortKey {
            weight: d.meta.weight,
            newest_first: std::cmp::Reverse(d.meta.date.as_ref().map(|d| d.to_string())),
            title: &d.meta.title,
        }
    }
}
