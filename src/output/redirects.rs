//! Redirects for moved pages: a small static page at each old URL (an alias, or the
//! `page/1/` of a paginated section), a `_redirects` file for hosts that read it (Netlify,
//! Cloudflare Pages), and the same list as nginx `location` lines
//! (`profilegen redirects --nginx`).
//!
//! A redirect page works on any static server: it refreshes to the new URL at once, names
//! it as canonical, asks search engines not to index the old one, and shows a link for
//! readers whose browser does not follow the refresh. It is in the language of the file
//! that names the alias.

use std::collections::HashMap;
use std::path::PathBuf;

use super::urls::{Kind, Planned};
use crate::config::{Config, Language};
use crate::content::Content;
use crate::stats::escape_html as esc;

/// The file hosts such as Netlify and Cloudflare Pages read their redirects from.
pub const NETLIFY: &str = "_redirects";

/// Every redirect page of `plan`, and `_redirects` (empty of lines when there are none).
pub fn files(config: &Config, content: &Content, plan: &[Planned]) -> super::Files {
    let titles: HashMap<(&str, &str), &str> = content
        .docs
        .iter()
        .map(|d| {
            (
                (d.url_path.as_str(), d.lang.as_str()),
                d.meta.title.as_str(),
            )
        })
        .collect();
    let mut files: super::Files = redirects(plan)
        .map(|(p, (target, lang))| {
            let language = config.language(lang).unwrap_or(config.default_language());
            let title = titles
                .get(&(target.as_str(), lang.as_str()))
                .copied()
                .unwrap_or(&language.title);
            let html = page(config, language, target, title);
            (p.file.clone(), html.into_bytes())
        })
        .collect();
    if !files.is_empty() {
        files.push((PathBuf::from(NETLIFY), netlify(config, plan).into_bytes()));
    }
    files
}

fn redirects(
    plan: &[Planned],
) -> impl Iterator<Item = (&Planned, &(String, crate::config::LangCode))> {
    plan.iter()
        .filter(|p| p.kind == Kind::Redirect)
        .filter_map(|p| Some((p, p.redirect.as_ref()?)))
}

/// The redirect page to `target` (a URL path below the base path).
pub fn page(config: &Config, lang: &Language, target: &str, title: &str) -> String {
    let url = config.url(target);
    let permalink = config.permalink(target);
    let (moved, link_text) = texts(lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{permalink}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<main>\n\
         <p>{moved} <a href=\"{url}\">{link}</a></p>\n</main>\n</body>\n</html>\n",
        html_lang = esc(&lang.html_lang),
        title = esc(title),
        permalink = esc(&permalink),
        url = esc(&url),
        moved = esc(&moved),
        link = esc(&link_text.replace("{title}", title)),
    )
}

/// The sentence and link text of a redirect page: the language's `redirect_moved` and
/// `redirect_link` strings, else built-in ones for Chinese and English.
fn texts(lang: &Language) -> (String, String) {
    let chinese = lang.html_lang.starts_with("zh");
    let moved = lang
        .strings
        .get("redirect_moved")
        .cloned()
        .unwrap_or_else(|| {
            if chinese {
                "本页已移至新地址："
            } else {
                "This page has moved to"
            }
            .to_owned()
        });
    let link = lang
        .strings
        .get("redirect_link")
        .cloned()
        .unwrap_or_else(|| "{title}".to_owned());
    (moved, link)
}

/// `_redirects`: one `from to 301` line per redirect, sorted.
pub fn netlify(config: &Config, plan: &[Planned]) -> String {
    let mut lines: Vec<String> = redirects(plan)
        .map(|(p, (target, _))| format!("{} {} 301", config.url(&p.url_path()), config.url(target)))
        .collect();
    lines.sort();
    let mut text = String::from(
        "# Redirects for moved pages, written by profilegen from the pages' `aliases`.\n",
    );
    for l in lines {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

/// The same redirects as nginx `location` blocks, for a server block's `include`.
pub fn nginx(config: &Config, plan: &[Planned]) -> String {
    let mut lines: Vec<String> = redirects(plan)
        .map(|(p, (target, _))| {
            format!(
                "location = {} {{ return 301 {}; }}",
                config.url(&p.url_path()),
                config.url(target)
            )
        })
        .collect();
    lines.sort();
    let mut text = String::from(
        "# Redirects for moved pages, written by `profilegen redirects --nginx`.\n# Include this file inside the site's `server { … }` block.\n",
    );
    for l in lines {
        text.push_str(&l);
        text.push('\n');
    }
    text
}
