//! A language edition converted from another: Traditional Chinese (`zh-hant`) made from
//! the Simplified pages at build time with OpenCC's dictionaries (the pure-Rust
//! `ferrous-opencc`), in a variant's usage: Taiwan with its phrases (`tw`, OpenCC's
//! `s2twp`: 信息 → 資訊, 软件 → 軟體) or Hong Kong (`hk`, `s2hk`).
//!
//! Editors keep the last word: an overrides file (`content/zh-hant.toml`, a table per
//! variant of phrase → rendering) is applied before the dictionaries, and a page written
//! by hand (`tech/tongda.zh-hant.md`) replaces the converted one. Pages are converted as
//! they are written ([`Converter::html`]): everything a reader sees (text, titles,
//! descriptions, UI strings, figures with 萬 / 億, chart labels, `alt` and `title`), but
//! not what an element marked with the source language (`lang="zh-CN"`, the switcher's
//! link to the Simplified edition) holds.

use crate::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use crate::diag::{Diagnostic, Result};

/// Whose usage the conversion follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Taiwan, with its phrases (OpenCC `s2twp`).
    Tw,
    /// Hong Kong (OpenCC `s2hk`).
    Hk,
}

impl Variant {
    /// Every variant, as written in `config.toml`.
    pub const ALL: [(&'static str, Variant); 2] = [("tw", Variant::Tw), ("hk", Variant::Hk)];

    /// The variant written `name` (`tw`, `hk`).
    pub fn parse(name: &str) -> Option<Variant> {
        Variant::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// Its name in `config.toml` and in the overrides file.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Tw => "tw",
            Variant::Hk => "hk",
        }
    }

    /// The `<html lang>` of its pages.
    pub fn html_lang(self) -> &'static str {
        match self {
            Variant::Tw => "zh-Hant-TW",
            Variant::Hk => "zh-Hant-HK",
        }
    }

    /// The converter's dictionaries, loaded once per process.
    fn opencc(self) -> Option<&'static OpenCC> {
        static TW: OnceLock<Option<OpenCC>> = OnceLock::new();
        static HK: OnceLock<Option<OpenCC>> = OnceLock::new();
        let (cell, config) = match self {
            Variant::Tw => (&TW, BuiltinConfig::S2twp),
            Variant::Hk => (&HK, BuiltinConfig::S2hk),
        };
        cell.get_or_init(|| OpenCC::from_config(config).ok())
            .as_ref()
    }
}

/// Converts Simplified text to a variant's Traditional, overrides first.
#[derive(Debug, Clone)]
pub struct Converter {
    variant: Variant,
    /// Phrase → rendering, from the overrides file, for this variant.
    overrides: Arc<BTreeMap<String, String>>,
    /// The longest override phrase, in characters.
    longest: usize,
    /// The characters override phrases start with: elsewhere none is looked up.
    starts: Arc<std::collections::HashSet<char>>,
    /// The source language's `<html lang>` (`zh-CN`): elements marked with it are kept.
    keep_lang: String,
}

impl Converter {
    /// A converter for `variant` with `overrides` (phrase → rendering); elements whose
    /// `lang` is `keep_lang` are not converted by [`Converter::html`].
    pub fn new(
        variant: Variant,
        overrides: BTreeMap<String, String>,
        keep_lang: &str,
    ) -> Converter {
        let longest = overrides
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        let starts = overrides.keys().filter_map(|k| k.chars().next()).collect();
        Converter {
            variant,
            overrides: Arc::new(overrides),
            longest,
            starts: Arc::new(starts),
            keep_lang: keep_lang.to_ascii_lowercase(),
        }
    }

    /// The dictionaries alone, without overrides.
    fn dictionaries(&self, text: &str) -> String {
        match self.variant.opencc() {
            Some(cc) if text.chars().any(is_han) => cc.convert(text),
            _ => text.to_owned(),
        }
    }

    /// `text` in the variant's Traditional: the overrides' phrases where they occur
    /// (longest first, from the left), the dictionaries for the rest.
    pub fn text(&self, text: &str) -> String {
        if self.overrides.is_empty() {
            return self.dictionaries(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut plain_from = 0;
        let mut at = 0;
        while at < text.len() {
            if let Some((phrase, rendering)) = self.override_at(&text[at..]) {
                out.push_str(&self.dictionaries(&text[plain_from..at]));
                out.push_str(rendering);
                at += phrase.len();
                plain_from = at;
            } else {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.push_str(&self.dictionaries(&text[plain_from..]));
        out
    }

    /// The longest override phrase `rest` starts with.
    fn override_at<'a>(&'a self, rest: &str) -> Option<(&'a str, &'a str)> {
        if !rest
            .chars()
            .next()
            .is_some_and(|c| self.starts.contains(&c))
        {
            return None;
        }
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest)
            .collect();
        ends.iter().rev().find_map(|&end| {
            self.overrides
                .get_key_value(&rest[..end])
                .map(|(k, v)| (k.as_str(), v.as_str()))
        })
    }

    /// The phrases of `text` that conversion renders other than character by character
    /// (信息 → 資訊, 集群 → 叢集), and the overrides that apply, once each, in order of
    /// first appearance: what an editor reviews (`check` lists them).
    pub fn phrases(&self, text: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut push = |from: &str, to: String| {
            if !out.iter().any(|(f, _)| f == from) {
                out.push((from.to_owned(), to));
            }
        };
        for word in han_words(text) {
            let mut at = 0;
            while at < word.len() {
                if let Some((phrase, rendering)) = self.override_at(&word[at..]) {
                    push(phrase, rendering.to_owned());
                    at += phrase.len();
                } else {
                    at += word[at..].chars().next().map_or(1, char::len_utf8);
                }
            }
            for (from, to) in self.phrase_changes(word) {
                if !self.overrides.contains_key(from) {
                    push(from, to);
                }
            }
        }
        out
    }

    /// Where the conversion of a run of Han characters differs from its conversion
    /// character by character: each differing stretch widened to the words (ICU4X's
    /// dictionary segmentation) it falls in, with its rendering. A rendering of another
    /// length than the phrase (方便面 → 泡麵) is reported for the whole run.
    fn phrase_changes<'a>(&self, run: &'a str) -> Vec<(&'a str, String)> {
        let whole: Vec<char> = self.text(run).chars().collect();
        // Character by character, but an override's phrase as a whole (it is listed
        // as an override already).
        let mut by_character: Vec<char> = Vec::new();
        let mut at = 0;
        while at < run.len() {
            if let Some((phrase, rendering)) = self.override_at(&run[at..]) {
                by_character.extend(rendering.chars());
                at += phrase.len();
            } else {
                let c = run[at..].chars().next().unwrap_or_default();
                by_character.extend(self.text(c.encode_utf8(&mut [0; 4])).chars());
                at += c.len_utf8();
            }
        }
        if whole == by_character {
            return Vec::new();
        }
        let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
        if whole.len() != starts.len() || by_character.len() != starts.len() {
            return vec![(run, whole.iter().collect())];
        }
        let breaks = crate::search::words::word_breaks(run);
        let mut out: Vec<(&str, String)> = Vec::new();
        let mut i = 0;
        while i < starts.len() {
            if whole[i] == by_character[i] {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < starts.len() && whole[end] != by_character[end] {
                end += 1;
            }
            // Widen to the words around the stretch.
            let mut from_byte = breaks
                .iter()
                .rev()
                .find(|&&b| b <= starts[i])
                .copied()
                .unwrap_or(0);
            let to_byte = starts.get(end).copied().unwrap_or(run.len());
            let mut to_byte = breaks
                .iter()
                .find(|&&b| b >= to_byte)
                .copied()
                .unwrap_or(run.len());
            // A single character says little (端 → 階): take the word before it too
            // (高端), or the one after it at the start of the run.
            if run[from_byte..to_byte].chars().count() == 1 {
                if let Some(&b) = breaks.iter().rev().find(|&&b| b < from_byte) {
                    from_byte = b;
                } else if let Some(&b) = breaks.iter().find(|&&b| b > to_byte) {
                    to_byte = b;
                }
            }
            let first = starts.iter().position(|&s| s == from_byte).unwrap_or(i);
            let last = starts
                .iter()
                .position(|&s| s == to_byte)
                .unwrap_or(starts.len());
            out.push((
                &run[from_byte..to_byte],
                whole[first..last].iter().collect(),
            ));
            i = last.max(end);
        }
        out
    }

    /// A rendered page converted: its text and attributes (`alt`, `title`, `content`,
    /// `aria-label`, `data-*` strings for scripts…), but not those that name or point
    /// (`href`, `id`, `for`…), and nothing inside an element marked `lang` = the source
    /// language.
    pub fn html(&self, html: &[u8]) -> Vec<u8> {
        use lol_html::html_content::ContentType;
        use lol_html::{HtmlRewriter, Settings, element, text};
        use std::cell::RefCell;
        use std::rc::Rc;

        // Attributes that name or point rather than say: kept as rendered, so that links,
        // ids and labels keep matching.
        const KEPT: [&str; 11] = [
            "lang",
            "hreflang",
            "href",
            "src",
            "srcset",
            "id",
            "for",
            "name",
            "action",
            "aria-labelledby",
            "aria-describedby",
        ];
        // Whether each open element with a `lang` is in the source language, and the text
        // of the current text node so far (lol_html hands text over in pieces that may
        // split a phrase).
        let kept: Rc<RefCell<Vec<bool>>> = Rc::default();
        let pending = Rc::new(RefCell::new(String::new()));
        let mut out = Vec::with_capacity(html.len() + html.len() / 16);
        let keep_lang = self.keep_lang.clone();
        let element_kept = Rc::clone(&kept);
        let text_kept = Rc::clone(&kept);
        let text_pending = Rc::clone(&pending);
        let settings = Settings::new()
            .with_strict(false)
            .append_element_content_handler(element!("*", move |el| {
                // The innermost `lang` decides: the source language's is kept.
                if let Some(lang) = el.get_attribute("lang") {
                    let marked = lang.to_ascii_lowercase() == keep_lang;
                    if el.can_have_content()
                        && let Some(handlers) = el.end_tag_handlers()
                    {
                        element_kept.borrow_mut().push(marked);
                        let kept = Rc::clone(&element_kept);
                        let close: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                            kept.borrow_mut().pop();
                            Ok(())
                        });
                        handlers.push(close);
                    }
                    if marked {
                        return Ok(());
                    }
                } else if element_kept.borrow().last() == Some(&true) {
                    return Ok(());
                }
                let said: Vec<(String, String)> = el
                    .attributes()
                    .iter()
                    .filter(|a| !KEPT.contains(&a.name().as_str()))
                    .map(|a| (a.name(), a.value()))
                    .filter(|(_, v)| v.chars().any(is_han))
                    .collect();
                for (name, value) in said {
                    el.set_attribute(&name, &self.text(&value))?;
                }
                Ok(())
            }))
            .append_element_content_handler(text!("*", move |t| {
                if text_kept.borrow().last() == Some(&true) {
                    return Ok(());
                }
                let mut pending = text_pending.borrow_mut();
                pending.push_str(t.as_str());
                if t.last_in_text_node() {
                    let converted = self.text(&pending);
                    pending.clear();
                    // Text is given back as it came: already escaped.
                    t.replace(&converted, ContentType::Html);
                } else {
                    t.remove();
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
        let failed = rewriter.write(html).is_err() || rewriter.end().is_err();
        if failed {
            // lol_html only fails on its memory limit; convert the bytes as text then.
            return self.text(&String::from_utf8_lossy(html)).into_bytes();
        }
        out
    }
}

/// Runs of Han characters: the words whose conversion is reviewed.
fn han_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_han(c)).filter(|w| !w.is_empty())
}

/// A CJK ideograph (the characters conversion can change).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The overrides file of language `code`: `content/<code>.toml`, relative to the project.
pub fn overrides_path(code: &str) -> PathBuf {
    Path::new("content").join(format!("{code}.toml"))
}

/// Reads the overrides file `rel` (relative to `root`) for `variant`: a table per variant
/// (`[tw]`, `[hk]`) of phrase = rendering. A missing file is no overrides.
pub fn read_overrides(
    root: &Path,
    rel: &Path,
    variant: Variant,
) -> Result<BTreeMap<String, String>> {
    let path = root.join(rel);
    if !path.is_file() {
        return Ok(BTreeMap::new());
    }
    let source = crate::fsutil::read_text(&path, rel)?;
    parse_overrides(&source, rel, variant)
}

/// [`read_overrides`] of text already read.
pub fn parse_overrides(
    source: &Arc<str>,
    rel: &Path,
    variant: Variant,
) -> Result<BTreeMap<String, String>> {
    type Table = BTreeMap<toml::Spanned<String>, toml::Spanned<String>>;
    let tables: BTreeMap<toml::Spanned<String>, toml::Spanned<Table>> =
        toml::from_str(source).map_err(|e| crate::diag::from_toml(&e, rel, source, 0))?;
    let mut out = BTreeMap::new();
    for (name, table) in tables {
        if Variant::parse(name.get_ref()).is_none() {
            let names: Vec<String> = Variant::ALL.iter().map(|(n, _)| format!("[{n}]")).collect();
            return Err(Diagnostic::error(msg!(
                "convert-variant-unknown",
                name = name.get_ref().as_str()
            ))
            .in_file(rel)
            .at(source, name.span())
            .with_hint(msg!(
                "convert-variant-unknown-hint",
                tables = names.join(&msg!("list-or"))
            ))
            .into());
        }
        if name.get_ref() != variant.name() {
            continue;
        }
        for (phrase, rendering) in table.into_inner() {
            if phrase.get_ref().trim().is_empty() {
                return Err(Diagnostic::error(msg!("convert-override-empty"))
                    .in_file(rel)
                    .at(source, phrase.span())
                    .with_hint(msg!("convert-override-empty-hint"))
                    .into());
            }
            out.insert(phrase.into_inner(), rendering.into_inner());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tw(overrides: &[(&str, &str)]) -> Converter {
        let o = overrides
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        Converter::new(Variant::Tw, o, "zh-CN")
    }

    #[test]
    fn characters_and_phrases_follow_the_variant() {
        let tw = tw(&[]);
        let hk = Converter::new(Variant::Hk, BTreeMap::new(), "zh-CN");
        assert_eq!(tw.text("新材料产业集群"), "新材料產業叢集");
        assert_eq!(tw.text("信息技术与软件"), "資訊科技與軟體");
        assert_eq!(hk.text("信息技术与软件"), "信息技術與軟件");
        assert_eq!(
            tw.text("6575.9万元，超过100亿元"),
            "6575.9萬元，超過100億元"
        );
        assert_eq!(tw.text("Renze 2023 <b>"), "Renze 2023 <b>");
    }

    #[test]
    fn overrides_come_before_the_dictionaries_longest_first() {
        let plain = tw(&[]);
        assert_eq!(plain.text("集群"), "叢集");
        let o = tw(&[("集群", "集群"), ("产业集群", "產業聚落"), ("邢台", "邢臺")]);
        assert_eq!(o.text("新材料产业集群在邢台"), "新材料產業聚落在邢臺");
        assert_eq!(o.text("集群发展"), "集群發展");
    }

    #[test]
    fn phrases_list_what_is_not_character_by_character_once_each() {
        let c = tw(&[("邢台", "邢臺")]);
        let found = c.phrases("信息与软件。信息化，邢台市。集群");
        let from: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert!(from.contains(&"邢台"), "{found:?}");
        assert!(
            found
                .iter()
                .any(|(f, t)| f.contains("信息") && t.contains("資訊"))
        );
        assert!(found.iter().any(|(f, t)| f == "集群" && t == "叢集"));
        assert!(
            from.contains(&"信息") && from.contains(&"软件"),
            "{found:?}"
        );
        assert_eq!(from.iter().filter(|f| **f == "信息").count(), 1);
        // A phrase is reported as the word it is in, not the whole run.
        let found = c.phrases("用来把芯片上的焊点连接起来");
        assert!(
            found.iter().any(|(f, t)| f == "连接" && t == "連線"),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(f, _)| f.chars().count() <= 3),
            "{found:?}"
        );
        // Plain character mapping is not listed.
        assert!(
            c.phrases("产业发展").is_empty(),
            "{:?}",
            c.phrases("产业发展")
        );
    }

    #[test]
    fn html_converts_text_and_read_attributes_not_urls_or_the_source_language() {
        let c = tw(&[]);
        let page = r#"<html lang="zh-Hant-TW"><head><title>产业</title><meta name="description" content="信息"></head><body><a href="/tech/" title="科技">科技创新</a><img src="a.png" alt="键合铜丝"><p data-none="没有结果" id="信息">x</p><a href="/" lang="zh-CN" hreflang="zh-CN">简体<b>中文</b><span lang="zh-Hant-TW">（本页暂无）</span></a><p>营业收入 6575.9万元</p></body></html>"#;
        let out = String::from_utf8(c.html(page.as_bytes())).unwrap();
        let doc = scraper::Html::parse_document(&out);
        let text: String = doc.root_element().text().collect();
        assert!(
            text.contains("產業") && text.contains("科技創新") && text.contains("6575.9萬元"),
            "{out}"
        );
        assert!(
            text.contains("简体中文") && text.contains("（本頁暫無）"),
            "{out}"
        );
        assert!(
            out.contains(r#"content="資訊""#) && out.contains(r#"alt="鍵合銅絲""#),
            "{out}"
        );
        assert!(out.contains(r#"href="/tech/""#), "{out}");
        assert!(out.contains(r#"data-none="沒有結果" id="信息""#), "{out}");
    }

    #[test]
    fn html_joins_text_split_in_pieces_before_converting() {
        let c = tw(&[]);
        let long = format!("<p>{}信息</p>", "a".repeat(20_000));
        let out = String::from_utf8(c.html(long.as_bytes())).unwrap();
        assert!(out.ends_with("資訊</p>"), "{}", &out[out.len() - 20..]);
    }

    #[test]
    fn overrides_file_by_variant_with_located_errors() {
        let rel = Path::new("content/zh-hant.toml");
        let text: Arc<str> = Arc::from("[tw]\n\"邢台\" = \"邢臺\"\n[hk]\n\"邢台\" = \"邢台\"\n");
        let o = parse_overrides(&text, rel, Variant::Tw).unwrap();
        assert_eq!(o.get("邢台").map(String::as_str), Some("邢臺"));
        let o = parse_overrides(&text, rel, Variant::Hk).unwrap();
        assert_eq!(o.get("邢台").map(String::as_str), Some("邢台"));
        let bad: Arc<str> = Arc::from("[taiwan]\n\"a\" = \"b\"\n");
        let e = parse_overrides(&bad, rel, Variant::Tw).unwrap_err();
        let shown = e.render(false);
        assert!(
            shown.contains("`taiwan` is not a variant") && shown.contains("[tw] or [hk]"),
            "{shown}"
        );
        assert!(shown.contains("zh-hant.toml:1:"), "{shown}");
        let bad: Arc<str> = Arc::from("[tw]\n\"a\" = 3\n");
        assert!(parse_overrides(&bad, rel, Variant::Tw).is_err());
    }
}
