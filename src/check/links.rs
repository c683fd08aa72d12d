//! Internal links checked against the built site: every link written in Markdown (other
//! than `@/` links, which the build itself resolves) and every link the templates put on
//! the pages must name a file of the output, and its `#anchor` an id on that page.

use crate::msg;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use scraper::{Html, Selector};

/// The built site: its files, and the ids of its pages (parsed when first asked).
pub struct Built {
    base: String,
    dir: std::path::PathBuf,
    files: HashSet<String>,
    ids: Mutex<HashMap<String, HashSet<String>>>,
}

impl Built {
    /// Indexes the files of the output folder `dir`, published under `base` (`/renze/`).
    pub fn new(dir: &Path, base: &str) -> Built {
        let files = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(dir).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        Built {
            base: base.to_owned(),
            dir: dir.to_path_buf(),
            files,
            ids: Mutex::new(HashMap::new()),
        }
    }

    /// Every HTML file of the output.
    pub fn pages(&self) -> Vec<&str> {
        let mut pages: Vec<&str> = self
            .files
            .iter()
            .map(String::as_str)
            .filter(|f| f.ends_with(".html"))
            .collect();
        pages.sort_unstable();
        pages
    }

    /// Why `url`, linked from output file `from`, does not resolve (None when it does).
    /// `with_base` says root-relative URLs already carry the base path (links in the
    /// output) rather than getting it added by the build (links in Markdown).
    pub fn problem(&self, from: &str, url: &str, with_base: bool) -> Option<String> {
        if is_external(url) || url.starts_with("@/") {
            return None;
        }
        let (path, anchor) = url.split_once('#').unwrap_or((url, ""));
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let target = if path.is_empty() {
            from.to_owned()
        } else {
            let Some(joined) = self.join(from, path, with_base) else {
                return Some(msg!("check-link-leaves-site", url = url));
            };
            match self.find(&percent_decode(&joined)) {
                Some(t) => t,
                None => return Some(msg!("check-link-nothing-there", url = url)),
            }
        };
        if anchor.is_empty() || !target.ends_with(".html") {
            return None;
        }
        let anchor = percent_decode(anchor);
        (!self.ids_of(&target).contains(&anchor)).then(|| {
            msg!(
                "check-link-no-anchor",
                target = target.as_str(),
                anchor = anchor.as_str()
            )
        })
    }

    /// `path` resolved against the folder of `from`, below the output; `None` when `..`
    /// climbs above the site.
    fn join(&self, from: &str, path: &str, with_base: bool) -> Option<String> {
        let rest = match path.strip_prefix('/') {
            Some(_) if with_base => match path.strip_prefix(self.base.as_str()) {
                Some(r) => r.to_owned(),
                None if path == self.base.trim_end_matches('/') => String::new(),
                None => format!("\u{0}outside the base path {}", self.base),
            },
            Some(r) => r.to_owned(),
            None => {
                let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
                format!("{dir}/{path}")
            }
        };
        let mut parts: Vec<&str> = Vec::new();
        for seg in rest.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let trailing = rest.ends_with('/') || rest.is_empty();
        let mut joined = parts.join("/");
        if trailing && !joined.is_empty() {
            joined.push('/');
        }
        Some(joined)
    }

    /// The output file a resolved path names: itself, or its `index.html`.
    fn find(&self, rel: &str) -> Option<String> {
        if rel.contains('\u{0}') {
            return None;
        }
        let candidates = if rel.is_empty() || rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.to_owned(), format!("{rel}/index.html")]
        };
        candidates.into_iter().find(|c| self.files.contains(c))
    }

    fn ids_of(&self, file: &str) -> HashSet<String> {
        if let Ok(cache) = self.ids.lock()
            && let Some(ids) = cache.get(file)
        {
            return ids.clone();
        }
        let text = std::fs::read_to_string(self.dir.join(file)).unwrap_or_default();
        let ids = element_ids(&Html::parse_document(&text));
        if let Ok(mut cache) = self.ids.lock() {
            cache.insert(file.to_owned(), ids.clone());
        }
        ids
    }

    /// Broken links that the pages' templates (or raw HTML) put in the output:
    /// URL → (problem, pages linking to it). `skip` holds URLs already reported from
    /// the Markdown sources.
    pub fn template_links(
        &self,
        skip: &HashSet<String>,
    ) -> BTreeMap<String, (String, Vec<String>)> {
        let mut broken: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        let Ok(sel) = Selector::parse("[href], [src]") else {
            return broken;
        };
        for page in self.pages() {
            let text = std::fs::read_to_string(self.dir.join(page)).unwrap_or_default();
            let html = Html::parse_document(&text);
            if let Ok(mut cache) = self.ids.lock() {
                cache.insert(page.to_owned(), element_ids(&html));
            }
            for el in html.select(&sel) {
                let v = el.value();
                let Some(url) = v.attr("href").or_else(|| v.attr("src")) else {
                    continue;
                };
                if skip.contains(url) {
                    continue;
                }
                if let Some(problem) = self.problem(page, url, true) {
                    let entry = broken
                        .entry(url.to_owned())
                        .or_insert((problem, Vec::new()));
                    entry.1.push(page.to_owned());
                }
            }
        }
        broken
    }
}

fn element_ids(html: &Html) -> HashSet<String> {
    let Ok(sel) = Selector::parse("[id]") else {
        return HashSet::new();
    };
    html.select(&sel)
        .filter_map(|e| e.value().attr("id").map(str::to_owned))
        .collect()
}

/// True for a URL with a scheme (`https:`, `mailto:`, `data:`) or protocol-relative.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `s` with each `%XX` replaced by its byte (invalid UTF-8 shown as U+FFFD).
fn percent_decode(s: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8_lossy();
    decoded.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(files: &[&str], base: &str) -> Built {
        Built {
            base: base.to_owned(),
            dir: std::path::PathBuf::new(),
            files: files.iter().map(|s| s.to_string()).collect(),
            ids: Mutex::new(HashMap::from([(
                "tech/index.html".to_owned(),
                HashSet::from(["policy".to_owned(), "科技".to_owned()]),
            )])),
        }
    }

    #[test]
    fn links_resolve_like_a_static_server() {
        let b = built(&["index.html", "tech/index.html", "img/a.png"], "/renze/");
        let from = "tech/case/index.html";
        let cases = [
            ("/tech/", false, true),
            ("/renze/tech/", true, true),
            ("/tech/", true, false),
            ("/renze/tech", true, true),
            ("../#policy", false, true),
            ("../#nope", false, false),
            ("/tech/#%E7%A7%91%E6%8A%80", false, true),
            ("../../img/a.png", false, true),
            ("../../../../x", false, false),
            ("/missing/", false, false),
            ("https://example.com/", false, true),
            ("mailto:a@b.c", false, true),
        ];
        for (url, with_base, ok) in cases {
            assert_eq!(b.problem(from, url, with_base).is_none(), ok, "{url}");
        }
    }
}
