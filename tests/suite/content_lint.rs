//! The real site's editorial standard, checked on the Markdown sources: clean Simplified
//! Chinese in Chinese files, no Chinese in English prose outside a name's parentheses,
//! every page with its twin and a description, every figure through `stats.toml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::harness::repo;

/// Traditional characters that occur in the damaged source article, computed once with
/// OpenCC's t2s table (every CJK character of the article that t2s changes).
const ARTICLE_TRADITIONAL: &str = "來個備傷價億優內則創劃劍動務勢勵區國圍團堅場壘壯學實將專對導屆島幾庫強彎徑從復態戰戲掛揮擁擔擴斷時書會條業極構樣機檢歸測溝澤濟為無熱營獎現環產發礎稅種稱穩簡紀級細絲經綜緊總繞續習臺與興華萬術補裝視計記設試認說調讀豐財貸費資賦質車轉這連進過達鈀銀銅鍵鏈鏡長開間關隊隨雜離電項須領頭額類顯驅驗體點黨龍";

/// Sequences produced by the encoding slip next to closing quotes in the source.
const GARBLED: [&str; 6] = ["焙颖蓖", "ㄟ_", "俺煽", "比A密", "\u{FFFD}", "展!"];

fn markdown_files() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(repo().join("content")).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            out.push((
                e.path().strip_prefix(repo()).unwrap().to_path_buf(),
                std::fs::read_to_string(e.path()).unwrap(),
            ));
        }
    }
    assert!(out.len() >= 20, "the real site has its pages");
    out
}

fn is_english(p: &Path) -> bool {
    p.to_string_lossy().ends_with(".en.md")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

#[test]
fn chinese_files_carry_none_of_the_sources_damage() {
    let article =
        std::fs::read_to_string(repo().join("../shared/seed/renze-new-materials-article.txt"))
            .unwrap_or_default();
    if !article.is_empty() {
        // The detectors find the damage they are meant to find.
        assert!(has_pinyin(&article) && article.chars().any(|c| ARTICLE_TRADITIONAL.contains(c)));
    }
    assert!(
        has_pinyin("邢臺(tái)市") && has_pinyin("任澤（zé）区") && !has_pinyin("华密新材（Huami）")
    );
    for (path, text) in markdown_files().iter().filter(|(p, _)| !is_english(p)) {
        let trad: BTreeSet<char> = text
            .chars()
            .filter(|c| ARTICLE_TRADITIONAL.contains(*c))
            .collect();
        assert!(
            trad.is_empty(),
            "{}: traditional characters {trad:?}",
            path.display()
        );
        assert!(!has_pinyin(text), "{}: pinyin annotation", path.display());
        for g in GARBLED {
            assert!(
                !text.contains(g),
                "{}: garbled sequence {g:?}",
                path.display()
            );
        }
        let chars: Vec<char> = text.chars().collect();
        let masked = chars
            .windows(2)
            .any(|w| (w[0] == '*' && is_cjk(w[1])) || (is_cjk(w[0]) && w[1] == '*'));
        assert!(
            !masked,
            "{}: a `*` next to a Chinese character (a mask, or emphasis CommonMark will not close)",
            path.display()
        );
    }
}

/// A Chinese character followed by a parenthesised lowercase pinyin syllable: `臺(tái)`.
fn has_pinyin(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let syllable = |c: char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c);
    chars.windows(2).enumerate().any(|(i, w)| {
        if !(is_cjk(w[0]) && (w[1] == '(' || w[1] == '（')) {
            return false;
        }
        let inner: String = chars[i + 2..]
            .iter()
            .take_while(|c| **c != ')' && **c != '）')
            .collect();
        (1..=7).contains(&inner.chars().count()) && inner.chars().all(syllable)
    })
}

/// English prose may contain Chinese only inside parentheses, after the English name.
#[test]
fn english_files_have_no_chinese_outside_parentheses() {
    for (path, text) in markdown_files().iter().filter(|(p, _)| is_english(p)) {
        let mut depth = 0usize;
        for (n, line) in text.lines().enumerate() {
            for c in line.chars() {
                match c {
                    '(' | '（' => depth += 1,
                    ')' | '）' => depth = depth.saturating_sub(1),
                    c if is_cjk(c) && depth == 0 => panic!(
                        "{}:{}: Chinese outside parentheses: {line}",
                        path.display(),
                        n + 1
                    ),
                    _ => {}
                }
            }
            depth = 0;
        }
    }
}

#[test]
fn every_page_has_its_twin_and_a_description() {
    let files = markdown_files();
    let names: BTreeSet<String> = files
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    for (path, text) in &files {
        let p = path.to_string_lossy();
        let twin = if is_english(path) {
            p.replace(".en.md", ".md")
        } else {
            p.replace(".md", ".en.md")
        };
        assert!(names.contains(&twin), "{p} has no twin {twin}");
        let front = text.split("+++").nth(1).unwrap_or_default();
        let described = front.lines().any(|l| {
            l.starts_with("description = \"") && l.len() > "description = \"\"".len() + 10
        });
        assert!(described, "{p} needs a description");
    }
}

/// What the office publishes is what the profile knows and where it comes from, not the
/// story of our copy of the source (EDITORIAL.md keeps that), nor translationese the
/// editorial read found.
#[test]
fn published_text_has_no_back_office_notes_or_flagged_phrasing() {
    const FLAGGED: [&str; 14] = [
        "遮盖",
        "乱码",
        "缺损",
        "masked",
        "garbled",
        "illegible",
        "damaged in transmission",
        "fresh water",
        "pool of spring water",
        "按字面",
        "上世纪",
        "has had a marked effect",
        "being brought forward in tiers",
        "public sources",
    ];
    let config = std::fs::read_to_string(repo().join("config.toml")).unwrap();
    let config_strings: String = config
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut sources = markdown_files();
    sources.push((PathBuf::from("config.toml"), config_strings));
    for (path, text) in &sources {
        for flagged in FLAGGED {
            assert!(
                !text.to_lowercase().contains(&flagged.to_lowercase()),
                "{}: `{flagged}`",
                path.display()
            );
        }
    }
}

/// The profile restates a report of about 2024: no page may carry a later date, which
/// would make 2023 figures look like news.
#[test]
fn no_page_is_dated_after_its_source() {
    for (path, text) in markdown_files() {
        let front = text.split("+++").nth(1).unwrap_or_default();
        let meta: toml::Table = toml::from_str(front).unwrap();
        for key in ["date", "updated"] {
            if let Some(d) = meta.get(key).and_then(|v| v.as_datetime()) {
                let year = d.date.map_or(0, |d| d.year);
                assert!(year <= 2024, "{}: {key} = {d}", path.display());
            }
        }
    }
}
