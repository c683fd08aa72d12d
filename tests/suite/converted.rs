//! A language edition converted from another (issue 17): Traditional Chinese (`zh-hant`)
//! made from the Simplified pages at build time, with overrides and pages written by
//! hand, in every place a language appears (switcher, hreflang, sitemap, search, 404).

use std::path::Path;

use profilegen::convert::{Converter, Variant};

use crate::harness::{CONVERTED_EDITION, Page, Site, build_options, repo, tree_bytes};

fn converted_site() -> Site {
    let s = Site::starter();
    let config = std::fs::read_to_string(s.root().join("config.toml")).unwrap();
    s.write("config.toml", &format!("{config}{CONVERTED_EDITION}"));
    s.write(
        "content/tech/case.md",
        "+++\ntitle = \"软件与信息\"\ndescription = \"产业集群案例\"\n+++\n营业收入超过100亿元。\n\n![键合铜丝](/img/wire.png)\n\n见[科技创新](@/tech/_index.md#policy)。\n",
    );
    s.write_bytes("static/img/wire.png", &crate::harness::png(4, 4, [9, 9, 9]));
    s
}

#[test]
fn every_page_of_the_source_has_a_converted_twin_in_its_own_place() {
    let s = converted_site();
    s.build_ok();
    let page = s.html("zh-hant/tech/case/index.html");
    assert_eq!(page.attr("html", "lang"), "zh-Hant-TW");
    assert_eq!(page.text("h1"), "軟體與資訊");
    assert_eq!(
        page.attr("meta[name=description]", "content"),
        "產業叢集案例"
    );
    assert_eq!(page.attr("main img", "alt"), "鍵合銅絲");
    let body = page.text("main");
    assert!(body.contains("營業收入超過100億元"), "{body}");
    // Internal links stay in the edition.
    assert!(
        page.hrefs().iter().any(|h| h == "/zh-hant/tech/#policy"),
        "{:?}",
        page.hrefs()
    );
    // The switcher offers the two others; the Simplified one keeps its own name.
    let switch: Vec<(String, String)> = page
        .all(".lang-switch a")
        .iter()
        .map(|a| {
            (
                a.value().attr("hreflang").unwrap().to_owned(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        switch,
        [
            ("zh-CN".to_owned(), "简体中文".to_owned()),
            ("en".to_owned(), "English".to_owned())
        ]
    );
    // The other editions link to it.
    for other in ["tech/case/index.html", "en/tech/case/index.html"] {
        let p = s.html(other);
        assert_eq!(
            p.attr("link[rel=alternate][hreflang=zh-Hant-TW]", "href"),
            "https://example.org/zh-hant/tech/case/",
            "{other}"
        );
    }
    // Sitemap, 404 and search index in the edition.
    let sitemap = std::fs::read_to_string(s.public().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    assert!(doc.descendants().any(
        |n| n.has_tag_name("loc") && n.text() == Some("https://example.org/zh-hant/tech/case/")
    ));
    let not_found = s.html("zh-hant/404.html");
    assert_eq!(not_found.attr("html", "lang"), "zh-Hant-TW");
    assert_eq!(not_found.text("h1"), "頁面未找到");
    let entry = std::fs::read_to_string(s.public().join("pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert_eq!(entry["languages"]["zh-hant-tw"]["page_count"], 3, "{entry}");
    assert_eq!(entry["languages"]["zh-cn"]["page_count"], 3, "{entry}");
}

#[test]
fn a_page_written_by_hand_replaces_its_converted_twin() {
    let s = converted_site();
    s.write(
        "content/tech/case.zh-hant.md",
        "+++\ntitle = \"人工翻譯的案例\"\ndescription = \"手寫\"\n+++\n這一頁保留編輯寫的「信息」二字。\n",
    );
    s.build_ok();
    let page = s.html("zh-hant/tech/case/index.html");
    assert_eq!(page.text("h1"), "人工翻譯的案例");
    assert!(
        page.text("main").contains("「信息」"),
        "not converted: {}",
        page.text("main")
    );
    // The other pages are still converted.
    assert_eq!(s.html("zh-hant/tech/index.html").text("h1"), "科技創新");
}

#[test]
fn overrides_come_first_and_are_not_published() {
    let s = converted_site();
    s.write(
        "content/zh-hant.toml",
        "[tw]\n\"产业集群\" = \"產業聚落\"\n[hk]\n\"产业集群\" = \"產業群\"\n",
    );
    s.build_ok();
    let page = s.html("zh-hant/tech/case/index.html");
    assert_eq!(
        page.attr("meta[name=description]", "content"),
        "產業聚落案例"
    );
    assert!(!s.public().join("zh-hant.toml").exists());
    // Hong Kong usage with its own table.
    s.replace("config.toml", "variant = \"tw\"", "variant = \"hk\"");
    s.build_ok();
    let page = s.html("zh-hant/tech/case/index.html");
    assert_eq!(page.attr("html", "lang"), "zh-Hant-HK");
    assert_eq!(page.text("h1"), "軟件與信息");
    assert_eq!(page.attr("meta[name=description]", "content"), "產業群案例");
}

#[test]
fn check_lists_the_phrases_converted_and_passes() {
    let s = converted_site();
    let report = profilegen::check::check(&profilegen::check::CheckOptions::new(s.root())).unwrap();
    assert_eq!(report.errors(), 0, "{}", report.render(false));
    let pairs: Vec<(&str, &str)> = report
        .conversions
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str()))
        .collect();
    // Each phrase once, as the word it is in.
    let with = |from: &str, to: &str| {
        pairs
            .iter()
            .filter(|(f, t)| f.contains(from) && t.contains(to))
            .count()
    };
    assert_eq!(with("信息", "資訊"), 1, "{pairs:?}");
    assert_eq!(with("软件", "軟體"), 1, "{pairs:?}");
    assert!(
        !profilegen::check::fails(&report, true),
        "phrases do not fail --deny-warnings"
    );
    let shown = report.render(false);
    assert!(
        shown.contains("== zh-hant:") && shown.contains("软件 → 軟體"),
        "{shown}"
    );
}

#[test]
fn a_converted_language_is_configured_in_full_or_told_what_is_missing() {
    for (table, wanted) in [
        ("convert_from = \"zh\"\n", "needs a `variant`"),
        (
            "convert_from = \"zh\"\nvariant = \"taiwan\"\n",
            "`taiwan` is not a variant",
        ),
        (
            "convert_from = \"fr\"\nvariant = \"tw\"\n",
            "not another language of the site",
        ),
        ("variant = \"tw\"\n", "has no `convert_from`"),
    ] {
        let s = Site::starter();
        let config = std::fs::read_to_string(s.root().join("config.toml")).unwrap();
        s.write(
            "config.toml",
            &format!("{config}\n[languages.zh-hant]\n{table}"),
        );
        let err = s.build_err();
        assert!(
            err.contains(wanted) && err.contains("config.toml:"),
            "{table}: {err}"
        );
    }
    let s = converted_site();
    s.write("content/zh-hant.toml", "[taiwan]\n\"a\" = \"b\"\n");
    let err = s.build_err();
    assert!(
        err.contains("content/zh-hant.toml:1:") && err.contains("[tw] or [hk]"),
        "{err}"
    );
}

/// The real site: every Simplified page has its Traditional twin, and no character that
/// only Simplified Chinese writes is left in one (outside elements in `zh-CN`, such as
/// the switcher's link to the Simplified edition).
#[test]
fn the_real_sites_traditional_edition_is_complete_and_traditional() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    profilegen::build(&profilegen::BuildOptions {
        skip_search_index: true,
        ..build_options(&repo(), &public)
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let files = tree_bytes(&public);
    let pages = |prefix: &str| -> Vec<String> {
        files
            .keys()
            .filter_map(|p| p.to_str())
            .filter(|p| p.ends_with("index.html") && !p.starts_with("en/"))
            .filter(|p| p.starts_with(prefix))
            .map(|p| p.strip_prefix(prefix).unwrap_or(p).to_owned())
            .collect()
    };
    let simplified = pages("");
    let simplified: Vec<&String> = simplified
        .iter()
        .filter(|p| !p.starts_with("zh-hant/"))
        .collect();
    let traditional = pages("zh-hant/");
    assert!(simplified.len() >= 10, "{simplified:?}");
    for p in &simplified {
        assert!(traditional.contains(p), "zh-hant/{p} missing");
    }
    // A character is Simplified-only when converting it alone changes it.
    let by_character = Converter::new(Variant::Tw, Default::default(), "zh-CN");
    let mut checked = 0;
    for p in &traditional {
        let bytes = &files[Path::new(&format!("zh-hant/{p}"))];
        let page = Page(scraper::Html::parse_document(
            std::str::from_utf8(bytes).unwrap(),
        ));
        for node in page.0.root_element().descendants() {
            let Some(text) = node.value().as_text() else {
                continue;
            };
            let in_source_language = node
                .ancestors()
                .find_map(|a| a.value().as_element()?.attr("lang"))
                == Some("zh-CN");
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if in_source_language || in_code {
                continue;
            }
            for c in text.chars().filter(|c| profilegen::convert::is_han(*c)) {
                let alone = by_character.text(c.encode_utf8(&mut [0; 4]));
                assert_eq!(
                    alone,
                    c.to_string(),
                    "Simplified `{c}` left in zh-hant/{p}: {}",
                    &**text
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "only {checked} characters checked");
    // Figures read 萬 / 億 in the edition; the data downloads carry its labels too.
    let home = String::from_utf8(files[Path::new("zh-hant/index.html")].clone()).unwrap();
    assert!(home.contains("超過100億元"), "zh-hant home without 億");
    let csv = String::from_utf8(files[Path::new("data/stats.csv")].clone()).unwrap();
    let rows = crate::harness::parse_csv(csv.trim_start_matches('\u{feff}'));
    let header = &rows[0];
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let first = &rows[1];
    assert_eq!(first[at("label_zh")], "相关生产企业");
    assert_eq!(first[at("label_zh-hant")], "相關生產企業");
    let json: serde_json::Value =
        serde_json::from_slice(&files[Path::new("data/stats.json")]).unwrap();
    assert_eq!(json["stats"][0]["label"]["zh-hant"], "相關生產企業");
    assert_eq!(json["stats"][0]["display"]["zh-hant"], "430餘家");
    let package: serde_json::Value =
        serde_json::from_slice(&files[Path::new("data/datapackage.json")]).unwrap();
    let fields = package["resources"][0]["schema"]["fields"]
        .as_array()
        .unwrap();
    assert_eq!(fields.len(), header.len());
}

/// `serve` with a converted edition: an edit of a Simplified page, of the overrides or a
/// page written by hand rebuilds in full, so the converted twin is never stale; the
/// folder then equals a fresh build's.
#[test]
fn serve_keeps_the_converted_edition_in_step() {
    use profilegen::serve::Session;
    use std::path::PathBuf;
    let site = converted_site();
    let out = tempfile::tempdir().unwrap();
    let served = out.path().join("served");
    let options = |dir: &Path| profilegen::BuildOptions {
        plain_assets: true,
        skip_search_index: true,
        ..build_options(site.root(), dir)
    };
    let mut session = Session::new(options(&served));
    assert!(session.rebuild(&[]).ok());
    let edits: [(&str, &str); 3] = [
        (
            "content/tech/case.md",
            "+++\ntitle = \"网络与信息\"\ndescription = \"案例\"\n+++\n正文。\n",
        ),
        ("content/zh-hant.toml", "[tw]\n\"网络\" = \"網絡\"\n"),
        (
            "content/tech/case.zh-hant.md",
            "+++\ntitle = \"手寫的案例\"\ndescription = \"案例\"\n+++\n正文。\n",
        ),
    ];
    let titles = ["網路與資訊", "網絡與資訊", "手寫的案例"];
    for ((rel, text), title) in edits.iter().zip(titles) {
        site.write(rel, text);
        let report = session.rebuild(&[PathBuf::from(rel)]);
        assert!(report.ok() && report.full, "{rel}: {:?}", report.errors);
        let page = Page(scraper::Html::parse_document(
            &std::fs::read_to_string(served.join("zh-hant/tech/case/index.html")).unwrap(),
        ));
        assert_eq!(page.text("h1"), title, "after editing {rel}");
        let fresh = out.path().join(format!("fresh-{}", title.len()));
        profilegen::build(&options(&fresh)).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(
            crate::harness::tree_diff(&tree_bytes(&served), &tree_bytes(&fresh)),
            Vec::<String>::new(),
            "after editing {rel}"
        );
    }
}
