//! Figures come from `content/stats.toml` only: the same number in prose, cards, tables,
//! charts and downloads, in both languages; a wrong record is a located error.

use std::collections::BTreeSet;

use crate::harness::{Page, Site, repo};

const STATS: &str = r#"
[[stat]]
id = "enterprises"
value = 430
unit = "enterprises"
qualifier = "over"
as_of = 2024
label = { zh = "相关企业", en = "Related firms" }
source = { zh = "报道", en = "The report" }

[[stat]]
id = "rd_amount"
value = 65759000
unit = "yuan"
year = 2023
label = { zh = "加计扣除金额", en = "Super-deduction amount" }
source = { zh = "报道", en = "The report" }

[[stat]]
id = "capacity"
value = 10000000000
unit = "pieces"
as_of = 2024
label = { zh = "年产能", en = "Annual capacity" }
source = { zh = "报道", en = "The report" }

[[stat]]
id = "high_tech"
value = 46
unit = "enterprises"
as_of = 2024
label = { zh = "高新技术企业", en = "High-tech enterprises" }
source = { zh = "报道", en = "The report" }

[[group]]
id = "tiers"
title = { zh = "企业梯队", en = "Enterprise tiers" }
stats = ["enterprises", "high_tech"]

[[group]]
id = "key"
title = { zh = "关键数据", en = "Key figures" }
stats = ["enterprises", "rd_amount", "capacity"]
"#;

/// The starter site with statistics, a figure page, key-figure cards and a data page.
fn figures_site(stats: &str) -> Site {
    let site = Site::starter();
    site.replace(
        "config.toml",
        "output_dir = \"public\"",
        "output_dir = \"public\"\nstats = \"content/stats.toml\"",
    );
    site.write("content/stats.toml", stats);
    site.write(
        "content/_index.md",
        "+++\ntitle = \"首页\"\ndescription = \"d\"\n[extra]\nkey_figures = \"key\"\n+++\n欢迎。\n",
    );
    site.write("content/_index.en.md", "+++\ntitle = \"Home\"\ndescription = \"d\"\n[extra]\nkey_figures = \"key\"\n+++\nWelcome.\n");
    site.write("content/tech/figures.md", "+++\ntitle = \"数据\"\ndescription = \"d\"\n+++\n全区有{{ stat(id=\"enterprises\") }}企业，扣除{{ stat(id=\"rd_amount\") }}，年产能{{ stat(id=\"capacity\") }}。\n\n`{{ stat(id=\"nope\") }}`\n\n```\n{{ stat(id=\"nope\") }}\n```\n\n{{ chart(group=\"tiers\") }}\n");
    site.write("content/tech/figures.en.md", "+++\ntitle = \"Figures\"\ndescription = \"d\"\n+++\n{{ stat(id=\"enterprises\") }} firms claimed {{ stat(id=\"rd_amount\") }}; capacity is {{ stat(id=\"capacity\") }}.\n\n{{ chart(group=\"tiers\") }}\n");
    site.write(
        "content/data/_index.md",
        "+++\ntitle = \"数据\"\ndescription = \"d\"\ntemplate = \"data.html\"\n+++\n全部数据。\n",
    );
    site.write(
        "content/data/_index.en.md",
        "+++\ntitle = \"Data\"\ndescription = \"d\"\ntemplate = \"data.html\"\n+++\nAll figures.\n",
    );
    site
}

fn text_of(e: scraper::ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .trim()
        .trim_end_matches('*')
        .to_owned()
}

/// id → every rendering of it found in `page` (prose spans, cards, table cells, chart rows).
fn renderings(page: &Page, id: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for e in page.all(&format!("[data-stat='{id}']")) {
        if e.value().name() == "g" {
            let texts: Vec<_> = e
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|t| t.value().name() == "text")
                .collect();
            seen.insert(text_of(*texts.last().unwrap()));
        } else {
            seen.insert(text_of(e));
        }
    }
    seen
}

#[test]
fn one_figure_reads_the_same_in_prose_cards_tables_charts_and_csv() {
    let site = figures_site(STATS);
    site.build_ok();
    let expected = [
        ("enterprises", "430余家", "more than 430"),
        ("rd_amount", "6575.9万元", "CNY 65.759 million"),
        ("capacity", "100亿件", "10 billion pieces"),
    ];
    for (id, zh, en) in expected {
        for (prefix, want) in [("", zh), ("en/", en)] {
            let mut all = BTreeSet::new();
            for page in ["index.html", "tech/figures/index.html", "data/index.html"] {
                let found = renderings(&site.html(&format!("{prefix}{page}")), id);
                assert!(!found.is_empty(), "{prefix}{page} shows no {id}");
                all.extend(found);
            }
            assert_eq!(all, BTreeSet::from([want.to_owned()]), "{prefix}: {id}");
        }
        let csv = std::fs::read_to_string(site.public().join("data/stats.csv")).unwrap();
        let row = csv
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap();
        assert!(row.contains(zh) && row.contains(en), "{row}");
    }
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("data/stats.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["stats"][1]["value"], 65759000);
}

#[test]
fn editing_one_value_changes_it_everywhere_in_both_languages() {
    let site = figures_site(STATS);
    site.build_ok();
    site.write(
        "content/stats.toml",
        &STATS.replacen("value = 430", "value = 512", 1),
    );
    site.build_ok();
    for (prefix, want) in [("", "512余家"), ("en/", "more than 512")] {
        for page in ["index.html", "tech/figures/index.html", "data/index.html"] {
            assert_eq!(
                renderings(&site.html(&format!("{prefix}{page}")), "enterprises"),
                BTreeSet::from([want.to_owned()]),
                "{prefix}{page}"
            );
        }
    }
}

#[test]
fn shortcodes_in_code_stay_text() {
    let site = figures_site(STATS);
    site.build_ok();
    let page = site.html("tech/figures/index.html");
    assert_eq!(page.text("main p > code"), "{{ stat(id=\"nope\") }}");
    assert_eq!(page.text("main pre code"), "{{ stat(id=\"nope\") }}");
}

#[test]
fn charts_are_accessible_svg_in_the_pages_language() {
    let site = figures_site(STATS);
    site.build_ok();
    for (prefix, label) in [("", "相关企业"), ("en/", "Related firms")] {
        let page = site.html(&format!("{prefix}tech/figures/index.html"));
        let svg = page.one("main figure.chart svg");
        assert_eq!(svg.value().attr("role"), Some("img"));
        let labelled: Vec<&str> = svg
            .value()
            .attr("aria-labelledby")
            .unwrap()
            .split_whitespace()
            .collect();
        for id in labelled {
            assert_eq!(page.all(&format!("svg [id='{id}']")).len(), 1, "{id}");
        }
        assert!(page.text("main figure.chart svg desc").contains(label));
        assert_eq!(page.all("main figure.chart svg g.chart-row").len(), 2);
        assert!(
            page.all("main figure.chart p").is_empty(),
            "a chart is not wrapped in <p>"
        );
    }
}

/// Each wrong record: exit code 1 from the CLI, a located message with a hint, and the
/// previous output untouched.
#[test]
fn wrong_records_get_located_errors_and_leave_public_alone() {
    let cases: [(&str, &str, &[&str]); 6] = [
        (
            "id = \"capacity\"",
            "id = \"enterprises\"",
            &["content/stats.toml:", "duplicate"],
        ),
        (
            "unit = \"pieces\"",
            "unit = \"peices\"",
            &["content/stats.toml:22:", "pieces"],
        ),
        (
            "en = \"Annual capacity\" }",
            "}",
            &["content/stats.toml:", "en"],
        ),
        (
            "value = 10000000000",
            "value = \"100亿\"",
            &["content/stats.toml:21:", "10000000000"],
        ),
        (
            "stats = [\"enterprises\", \"rd_amount\", \"capacity\"]",
            "stats = [\"enterprises\", \"rd_amont\"]",
            &["content/stats.toml:", "did you mean `rd_amount`"],
        ),
        (
            "qualifier = \"over\"",
            "qualifier = \"approx\"",
            &["content/stats.toml:6:", "qualifier"],
        ),
    ];
    for (from, to, expected) in cases {
        let site = figures_site(STATS);
        site.build_ok();
        let before = site.snapshot();
        let broken = STATS.replacen(from, to, 1).replace(
            "label = { zh = \"年产能\", }",
            "label = { zh = \"年产能\" }",
        );
        site.write("content/stats.toml", &broken);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_profilegen"))
            .env("PROFILEGEN_MESSAGES", "en")
            .args(["build", "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{to}: {stderr}");
        for e in expected {
            assert!(stderr.contains(e), "{to}: expected {e:?} in\n{stderr}");
        }
        assert!(stderr.contains("help:"), "{to}: a hint\n{stderr}");
        assert!(site.snapshot() == before, "{to}: public/ changed");
    }
}

#[test]
fn unknown_stat_id_in_markdown_names_the_closest() {
    let site = figures_site(STATS);
    site.write("content/tech/figures.en.md", "+++\ntitle = \"Figures\"\ndescription = \"d\"\n+++\n\nWe have {{ stat(id=\"enterprise\") }} firms.\n");
    let text = site.build_err();
    assert!(
        text.contains("content/tech/figures.en.md:6:9")
            && text.contains("did you mean `enterprises`?"),
        "{text}"
    );
}

/// No record's value is typed by hand into the real site's Markdown: every figure goes
/// through the `stat` shortcode. Checked: each record's full display in its language,
/// and for values of 100 and up (or fractional), the bare number in either form.
#[test]
fn the_real_site_types_no_figure_by_hand() {
    let stats = real_stats();
    assert!(
        contains_number("共有430余家企业", "430余家")
            && contains_number("worth CNY 65.759 million.", "65.759 million")
    );
    assert!(
        !contains_number("2023年", "23")
            && !contains_number("1.6亿", "6亿")
            && !contains_number(&strip_shortcodes("{{ stat(id=\"x\") }}"), "x")
    );
    for e in walkdir::WalkDir::new(repo().join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let raw = std::fs::read_to_string(e.path()).unwrap();
        let prose = strip_shortcodes(&raw);
        let lang = if e.path().to_string_lossy().ends_with(".en.md") {
            "en"
        } else {
            "zh"
        };
        for s in stats.stats() {
            let id = s.id.as_str();
            let display = stats.display(id, lang).unwrap();
            let number = stats.number(id, lang).unwrap();
            let big = s.latest().value.abs() >= 100.0 || s.latest().value.fract() != 0.0;
            let mut forms = vec![];
            if display != number || big {
                forms.push(display);
            }
            if big {
                forms.push(number);
            }
            for f in forms {
                assert!(
                    !contains_number(&prose, &f),
                    "{}: `{f}` ({id}) typed by hand; use {{{{ stat(id=\"{id}\") }}}}",
                    e.path().display()
                );
            }
        }
    }
}

/// Every record is used in the prose of both languages.
#[test]
fn every_record_is_used_in_both_languages() {
    let stats = real_stats();
    let ids: Vec<&str> = stats.ids().collect();
    let mut used = [BTreeSet::new(), BTreeSet::new()];
    for e in walkdir::WalkDir::new(repo().join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            let lang = usize::from(e.path().to_string_lossy().ends_with(".en.md"));
            let raw = std::fs::read_to_string(e.path()).unwrap();
            for id in &ids {
                if raw.contains(&format!("stat(id=\"{id}\"")) {
                    used[lang].insert(*id);
                }
            }
        }
    }
    for id in &ids {
        assert!(
            used[0].contains(id) && used[1].contains(id),
            "`{id}` is not used in zh ({}) and en ({})",
            used[0].contains(id),
            used[1].contains(id)
        );
    }
}

fn real_stats() -> profilegen::stats::Stats {
    let text: std::sync::Arc<str> =
        std::sync::Arc::from(std::fs::read_to_string(repo().join("content/stats.toml")).unwrap());
    profilegen::stats::load(
        std::path::Path::new("content/stats.toml"),
        &text,
        &["zh", "en"],
    )
    .unwrap()
}

fn strip_shortcodes(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("}}").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out
}

/// `needle` occurs in `hay` not as part of a longer number.
fn contains_number(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| {
                c.is_ascii_digit()
                    || (c == '.'
                        && hay[i + m.len() + 1..].starts_with(|d: char| d.is_ascii_digit()))
            })
    })
}

#[test]
fn the_data_page_has_accessible_tables_and_downloads_in_each_language() {
    let site = figures_site(STATS);
    site.build_ok();
    for (prefix, caption, header) in [
        ("", "企业梯队", "指标"),
        ("en/", "Enterprise tiers", "Indicator"),
    ] {
        let page = site.html(&format!("{prefix}data/index.html"));
        let tables = page.all("main table");
        assert_eq!(tables.len(), 2, "one table per group");
        let captions: Vec<String> = page
            .all("main table caption .caption__title")
            .iter()
            .map(|c| c.text().collect())
            .collect();
        assert!(captions.contains(&caption.to_owned()), "{captions:?}");
        // Indicator, value (with its unit), year, source: no unit column repeating the unit.
        assert_eq!(page.all("main table thead th[scope=col]").len(), 8);
        assert_eq!(page.all("main table tbody th[scope=row]").len(), 5);
        assert_eq!(
            page.all("main table thead th[scope=col]")[0]
                .text()
                .collect::<String>(),
            header
        );
        let downloads: Vec<String> = page
            .all("main a[download]")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(
            downloads,
            [
                "/data/stats.csv",
                "/data/stats.json",
                "/data/datapackage.json"
            ]
        );
    }
    assert!(crate::harness::broken_links(&site.public(), "/").is_empty());
}

/// Formatting rules are per-language data: a fourth language follows `zh`'s or `en`'s
/// (`figures = "en"` in its config table) with its own labels; a converted edition
/// follows its source's; a language with no rules is a clear error.
#[test]
fn a_language_follows_the_formatting_rules_it_names() {
    use profilegen::stats::{Lang, load_with_rules};
    let with_fr = STATS
        .replace(
            "en = \"Related firms\" }",
            "en = \"Related firms\", fr = \"Entreprises liées\" }",
        )
        .replace(
            "en = \"Super-deduction amount\" }",
            "en = \"Super-deduction amount\", fr = \"Montant de la super-déduction\" }",
        )
        .replace(
            "en = \"Annual capacity\" }",
            "en = \"Annual capacity\", fr = \"Capacité annuelle\" }",
        )
        .replace(
            "en = \"High-tech enterprises\" }",
            "en = \"High-tech enterprises\", fr = \"Entreprises de haute technologie\" }",
        )
        .replace(
            "en = \"The report\" }",
            "en = \"The report\", fr = \"Le reportage\" }",
        )
        .replace(
            "en = \"Enterprise tiers\" }",
            "en = \"Enterprise tiers\", fr = \"Niveaux d'entreprises\" }",
        )
        .replace(
            "en = \"Key figures\" }",
            "en = \"Key figures\", fr = \"Chiffres clés\" }",
        );
    let text: std::sync::Arc<str> = std::sync::Arc::from(with_fr);
    let file = std::path::Path::new("content/stats.toml");
    let stats = load_with_rules(
        file,
        &text,
        &[("zh", None), ("en", None), ("fr", Some(Lang::En))],
    )
    .unwrap_or_else(|d| panic!("{d}"))
    .with_converted("zh-hant", "zh", |t| t.replace('万', "萬"));
    assert_eq!(
        stats.display("rd_amount", "fr").as_deref(),
        Some("CNY 65.759 million")
    );
    let record = stats.record_view("rd_amount", "fr").unwrap();
    assert_eq!(record.label, "Montant de la super-déduction");
    assert_eq!(
        stats.display("rd_amount", "zh-hant").as_deref(),
        Some("6575.9万元")
    );
    assert_eq!(
        stats.record_view("rd_amount", "zh-hant").unwrap().label,
        "加计扣除金额"
    );
    // Without rules of its own or by its code: an error that says how to give them.
    let e = load_with_rules(file, &text, &[("zh", None), ("fr", None)]).unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains("stats cannot be formatted in language `fr`")
            && shown.contains("figures = \"en\""),
        "{shown}"
    );
    // A fourth language's labels are required like the others'.
    let e = load_with_rules(
        file,
        &std::sync::Arc::from(STATS),
        &[("zh", None), ("fr", Some(Lang::En))],
    )
    .unwrap_err();
    assert!(e.to_string().contains("fr"), "{e}");
}

#[test]
fn figures_names_rules_that_exist() {
    let s = Site::starter();
    let config = std::fs::read_to_string(s.root().join("config.toml")).unwrap();
    s.write(
        "config.toml",
        &config.replace("[languages.en]\n", "[languages.en]\nfigures = \"fr\"\n"),
    );
    let err = s.build_err();
    assert!(
        err.contains("figures have no formatting rules named `fr`") && err.contains("config.toml:"),
        "{err}"
    );
}
