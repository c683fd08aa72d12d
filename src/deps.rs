//! The dependency map: which outputs a content file, a template, a statistics record or a
//! static file touches, so `serve` re-renders only what an edit affects.
//!
//! Two sources of truth feed it. What a page *reads at render time* — the `@/` links it
//! resolves, the figures, groups and static files it names — is recorded while its
//! Markdown and its template run ([`record`]; the lookups call [`note`], which costs
//! nothing when no recording is active). Which templates a template *pulls in*
//! (`extends`, `include`, `import`) is read from the template sources
//! ([`TemplateGraph`]). What a page's context is made of (its section's listing, its
//! twin's title, the menu) follows from the content tree and is worked out by the serve
//! loop from the documents themselves.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::config::LangCode;
use crate::output::layout::Generated;

/// What one render read from the rest of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Content keys resolved as links (`tech/_index.md`), from Markdown or `link()`.
    pub links: BTreeSet<String>,
    /// Stat ids shown (`stat`, `stat_record`).
    pub stats: BTreeSet<String>,
    /// Group ids shown (`stats_group`, `chart`).
    pub groups: BTreeSet<String>,
    /// `stats_groups()` was called: every record is read.
    pub all_stats: bool,
    /// Files of `static/` named with `asset()`.
    pub assets: BTreeSet<String>,
    /// Photos shown (Markdown images, `image()`), by path relative to the project
    /// (`content/tech/lab.jpg`, `static/img/hero.jpg`).
    pub photos: BTreeSet<String>,
}

impl Reads {
    /// Adds everything `other` read.
    pub fn extend(&mut self, other: &Reads) {
        self.links.extend(other.links.iter().cloned());
        self.stats.extend(other.stats.iter().cloned());
        self.groups.extend(other.groups.iter().cloned());
        self.all_stats |= other.all_stats;
        self.assets.extend(other.assets.iter().cloned());
        self.photos.extend(other.photos.iter().cloned());
    }
}

thread_local! {
    static RECORDING: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Runs `f` and returns what it read (through [`note`]) on this thread.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Reads) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Reads::default()));
    let value = f();
    let reads = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (value, reads.unwrap_or_default())
}

/// Notes a read into the current recording, if there is one.
pub fn note(f: impl FnOnce(&mut Reads)) {
    RECORDING.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            f(reads);
        }
    });
}

/// Something `serve` renders and writes: a document in one language, or one of a
/// language's generated pages (404, search).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Output {
    /// The document with this key (`tech/_index.md`) in this language.
    Doc {
        /// Language-less content key.
        key: String,
        /// Language code.
        lang: LangCode,
    },
    /// A generated page of a language.
    Generated(Generated, LangCode),
}

impl Output {
    /// The document output for `key` in `lang`.
    pub fn doc(key: &str, lang: &LangCode) -> Output {
        Output::Doc {
            key: key.to_owned(),
            lang: lang.clone(),
        }
    }
}

/// Reads of every output, and the reverse indexes to find outputs by what they read.
#[derive(Debug, Default)]
pub struct DepMap {
    markdown: HashMap<Output, Reads>,
    template: HashMap<Output, Reads>,
    by_link: HashMap<String, HashSet<Output>>,
    by_stat: HashMap<String, HashSet<Output>>,
    by_group: HashMap<String, HashSet<Output>>,
    by_asset: HashMap<String, HashSet<Output>>,
    by_photo: HashMap<String, HashSet<Output>>,
    all_stats: HashSet<Output>,
}

impl DepMap {
    /// Records what `out`'s Markdown read (replacing what it read before).
    pub fn set_markdown(&mut self, out: Output, reads: Reads) {
        self.unindex(&out);
        self.markdown.insert(out.clone(), reads);
        self.index(&out);
    }

    /// Records what `out`'s template read (replacing what it read before).
    pub fn set_template(&mut self, out: Output, reads: Reads) {
        self.unindex(&out);
        self.template.insert(out.clone(), reads);
        self.index(&out);
    }

    /// Forgets an output that no longer exists.
    pub fn remove(&mut self, out: &Output) {
        self.unindex(out);
        self.markdown.remove(out);
        self.template.remove(out);
    }

    /// What `out`'s Markdown read, if it has been rendered.
    pub fn markdown_reads(&self, out: &Output) -> Option<&Reads> {
        self.markdown.get(out)
    }

    /// Everything `out` read, Markdown and template together.
    pub fn reads(&self, out: &Output) -> Reads {
        let mut all = self.markdown.get(out).cloned().unwrap_or_default();
        if let Some(t) = self.template.get(out) {
            all.extend(t);
        }
        all
    }

    /// Outputs that resolved a link to content key `key` (in any language).
    pub fn linking_to(&self, key: &str) -> impl Iterator<Item = &Output> {
        self.by_link.get(key).into_iter().flatten()
    }

    /// Outputs that show any of these stats or groups (or every stat).
    pub fn using_stats(&self, stats: &HashSet<String>, groups: &HashSet<String>) -> Vec<Output> {
        let mut out: HashSet<&Output> = self.all_stats.iter().collect();
        for id in stats {
            out.extend(self.by_stat.get(id).into_iter().flatten());
        }
        for id in groups {
            out.extend(self.by_group.get(id).into_iter().flatten());
        }
        out.into_iter().cloned().collect()
    }

    /// Outputs that named this file of `static/` with `asset()`.
    pub fn using_asset(&self, path: &str) -> impl Iterator<Item = &Output> {
        self.by_asset.get(path).into_iter().flatten()
    }

    /// Outputs that showed the photo at `rel` (relative to the project).
    pub fn using_photo(&self, rel: &str) -> impl Iterator<Item = &Output> {
        self.by_photo.get(rel).into_iter().flatten()
    }

    fn index(&mut self, out: &Output) {
        let reads = self.reads(out);
        let add = |map: &mut HashMap<String, HashSet<Output>>, keys: &BTreeSet<String>| {
            for k in keys {
                map.entry(k.clone()).or_default().insert(out.clone());
            }
        };
        add(&mut self.by_link, &reads.links);
        add(&mut self.by_stat, &reads.stats);
        add(&mut self.by_group, &reads.groups);
        add(&mut self.by_asset, &reads.assets);
        add(&mut self.by_photo, &reads.photos);
        if reads.all_stats {
            self.all_stats.insert(out.clone());
        }
    }

    fn unindex(&mut self, out: &Output) {
        let reads = self.reads(out);
        let drop = |map: &mut HashMap<String, HashSet<Output>>, keys: &BTreeSet<String>| {
            for k in keys {
                if let Some(set) = map.get_mut(k) {
                    set.remove(out);
                }
            }
        };
        drop(&mut self.by_link, &reads.links);
        drop(&mut self.by_stat, &reads.stats);
        drop(&mut self.by_group, &reads.groups);
        drop(&mut self.by_asset, &reads.assets);
        drop(&mut self.by_photo, &reads.photos);
        self.all_stats.remove(out);
    }
}

/// Which templates each template pulls in, directly or through others.
#[derive(Debug, Clone, Default)]
pub struct TemplateGraph {
    /// Template name → every template it uses, itself included.
    closure: HashMap<String, BTreeSet<String>>,
}

impl TemplateGraph {
    /// Reads `extends`, `include` and `import` tags from every template's source.
    pub fn new<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> TemplateGraph {
        let direct: HashMap<String, Vec<String>> = sources
            .into_iter()
            .map(|(name, src)| (name.to_owned(), referenced(src)))
            .collect();
        let closure = direct
            .keys()
            .map(|name| (name.clone(), reachable(name, &direct)))
            .collect();
        TemplateGraph { closure }
    }

    /// True when rendering `template` reads any of `changed` (an unknown template is
    /// assumed to read everything).
    pub fn uses_any(&self, template: &str, changed: &HashSet<String>) -> bool {
        match self.closure.get(template) {
            Some(set) => changed.iter().any(|c| set.contains(c)),
            None => true,
        }
    }
}

fn reachable(start: &str, direct: &HashMap<String, Vec<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([start.to_owned()]);
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        for next in direct.get(&name).into_iter().flatten() {
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    seen
}

/// The template names in `{% extends "…" %}`, `{% include "…" %}` and
/// `{% import "…" as … %}` tags (also with `{%-`).
fn referenced(src: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in src.split("{%").skip(1) {
        let tag = tag.trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|kw| tag.strip_prefix(kw))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            names.push(rest[1..1 + end].to_owned());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_closure_follows_extends_and_includes() {
        let g = TemplateGraph::new([
            ("base.html", "{% include \"partials/header.html\" %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{%- include 'partials/toc.html' -%}",
            ),
            ("index.html", "{% extends \"base.html\" %}"),
            ("partials/header.html", "{% import \"macros.html\" as m %}"),
            ("partials/toc.html", ""),
            ("macros.html", ""),
        ]);
        let set = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        assert!(g.uses_any("page.html", &set(&["macros.html"])));
        assert!(g.uses_any("page.html", &set(&["partials/toc.html"])));
        assert!(!g.uses_any("index.html", &set(&["partials/toc.html"])));
        assert!(g.uses_any("unknown.html", &set(&["x.html"])));
    }

    #[test]
    fn recording_is_per_call_and_silent_outside() {
        note(|r| {
            r.stats.insert("lost".into());
        });
        let ((), reads) = record(|| {
            note(|r| {
                r.stats.insert("a".into());
            })
        });
        assert_eq!(reads.stats, BTreeSet::from(["a".to_owned()]));
        let ((), empty) = record(|| ());
        assert_eq!(empty, Reads::default());
    }

    #[test]
    fn reverse_index_forgets_old_reads() {
        let mut map = DepMap::default();
        let out = Output::doc("a.md", &"zh".into());
        let reads = |id: &str| Reads {
            stats: BTreeSet::from([id.to_owned()]),
            ..Reads::default()
        };
        map.set_markdown(out.clone(), reads("x"));
        map.set_markdown(out.clone(), reads("y"));
        let ids = |id: &str| HashSet::from([id.to_owned()]);
        assert!(map.using_stats(&ids("x"), &HashSet::new()).is_empty());
        assert_eq!(map.using_stats(&ids("y"), &HashSet::new()), vec![out]);
    }
}
