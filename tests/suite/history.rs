//! Figures with history and site-defined units: series by year, `stat(year=…)`,
//! `stat_change`, charts over time, the data page's tables by year and the downloads
//! (long CSV, JSON series, datapackage.json, schema.org Dataset).

use crate::harness::{Page, Site};

const STATS: &str = r#"
[[unit]]
id = "square_kilometres"
zh = "平方公里"
en = "km²"
kind = "area"

[[unit]]
id = "tonnes"
zh = "吨"
en = { one = "tonne", other = "tonnes" }
scale = true
kind = "mass"

[[unit]]
id = "usd"
zh = "美元"
currency = "USD"
scale = true

[[unit]]
id = "enterprises"
zh = "户"
en = ""
scale = true
kind = "count"

[[stat]]
id = "revenue"
unit = "yuan"
series = { 2021 = 7000000000, 2022 = 8300000000, 2023 = { value = 10000000000, source = { zh = "2023年报", en = "2023 annual report" } } }
label = { zh = "营业收入", en = "Operating revenue" }
source = { zh = "统计公报", en = "Statistical bulletin" }

[[stat]]
id = "output"
unit = "tonnes"
series = { 2022 = 3000000, 2023 = { value = 3500000, qualifier = "nearly" } }
label = { zh = "产量", en = "Output" }
source = { zh = "统计公报", en = "Statistical bulletin" }

[[stat]]
id = "exports"
unit = "yuan"
series = { 2022 = 1200000000, 2023 = 1500000000 }
label = { zh = "出口额", en = "Exports" }
source = { zh = "统计公报", en = "Statistical bulletin" }

[[stat]]
id = "park_area"
value = 12500
unit = "square_kilometres"
qualifier = "about"
as_of = 2024
label = { zh = "园区面积", en = "Park area" }
source = { zh = "规划", en = "Plan" }

[[stat]]
id = "investment"
value = 5000000
unit = "usd"
qualifier = "under"
year = 2023
label = { zh = "外资", en = "Foreign investment" }
source = { zh = "商务局", en = "Commerce bureau" }

[[stat]]
id = "firms"
value = 430
unit = "enterprises"
as_of = 2024
label = { zh = "企业", en = "Firms" }
source = { zh = "报道", en = "Report" }

[[group]]
id = "money"
title = { zh = "营收与出口", en = "Revenue and exports" }
stats = ["revenue", "exports"]

[[group]]
id = "output_history"
title = { zh = "产量", en = "Output" }
stats = ["output"]

[[group]]
id = "facts"
title = { zh = "概况", en = "Facts" }
stats = ["park_area", "investment", "firms"]

[[group]]
id = "counts"
title = { zh = "企业", en = "Firms" }
stats = ["firms"]
"#;

fn history_site(stats: &str) -> Site {
    let site = Site::starter();
    site.write("content/stats.toml", stats);
    site.write("content/tech/history.md", "+++\ntitle = \"历年\"\ndescription = \"d\"\n+++\n营收{{ stat(id=\"revenue\") }}，2021年为{{ stat(id=\"revenue\", year=2021) }}，{{ stat_change(id=\"revenue\") }}；两年间{{ stat_change(id=\"revenue\", from=2021, to=2023) }}。园区{{ stat(id=\"park_area\") }}，外资{{ stat(id=\"investment\") }}，产量{{ stat(id=\"output\") }}，{{ stat(id=\"firms\") }}。\n\n{{ chart(group=\"money\") }}\n\n{{ chart(group=\"output_history\", kind=\"line\") }}\n\n{{ chart(group=\"counts\") }}\n");
    site.write("content/tech/history.en.md", "+++\ntitle = \"History\"\ndescription = \"d\"\n+++\nRevenue was {{ stat(id=\"revenue\") }}, against {{ stat(id=\"revenue\", year=2021) }} in 2021: {{ stat_change(id=\"revenue\") }} on the year, {{ stat_change(id=\"revenue\", from=2021, to=2023) }} over two. The park covers {{ stat(id=\"park_area\") }}; investment {{ stat(id=\"investment\") }}; output {{ stat(id=\"output\") }}; {{ stat(id=\"firms\") }} firms.\n\n{{ chart(group=\"money\") }}\n\n{{ chart(group=\"output_history\", kind=\"line\") }}\n\n{{ chart(group=\"counts\") }}\n");
    site.write("content/data/_index.md", "+++\ntitle = \"数据\"\ndescription = \"本区域产业的全部数据\"\ntemplate = \"data.html\"\n+++\n全部数据。\n");
    site.write("content/data/_index.en.md", "+++\ntitle = \"Data\"\ndescription = \"Every figure of the region's industry\"\ntemplate = \"data.html\"\n+++\nAll figures.\n");
    site
}

fn texts(page: &Page, css: &str) -> Vec<String> {
    page.all(css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn series_years_changes_and_site_units_read_naturally_in_both_languages() {
    let site = history_site(STATS);
    site.build_ok();
    let cases = [
        (
            "tech/history/index.html",
            [
                "100亿元",
                "70亿元",
                "约12500平方公里",
                "不足500万美元",
                "近350万吨",
                "430户",
            ],
            ["增长20.5%", "增长42.9%"],
        ),
        (
            "en/tech/history/index.html",
            [
                "CNY 10 billion",
                "CNY 7 billion",
                "about 12,500 km²",
                "under USD 5 million",
                "nearly 3.5 million tonnes",
                "430",
            ],
            ["up 20.5%", "up 42.9%"],
        ),
    ];
    for (file, figures, changes) in cases {
        let page = site.html(file);
        assert_eq!(texts(&page, "main span.stat"), figures, "{file}");
        assert_eq!(page.attr("main span.stat[data-year]", "data-year"), "2021");
        assert_eq!(texts(&page, "main span.stat-change"), changes, "{file}");
        for change in page.all("main span.stat-change") {
            let v = change.value();
            assert_eq!(v.attr("data-derived"), Some("change"));
            let title = v.attr("title").unwrap();
            assert!(title.contains("2023"), "{title}");
            assert!(
                title.contains("派生数据") || title.contains("Derived"),
                "{title}"
            );
        }
        let froms: Vec<_> = page
            .all("main span.stat-change")
            .iter()
            .map(|e| e.value().attr("data-from").unwrap().to_owned())
            .collect();
        assert_eq!(froms, ["2022", "2021"]);
    }
}

#[test]
fn a_group_with_series_is_charted_over_its_years() {
    let site = history_site(STATS);
    site.build_ok();
    for (file, desc) in [
        (
            "tech/history/index.html",
            "营业收入：2021年 70亿元，2022年 83亿元，2023年 100亿元",
        ),
        (
            "en/tech/history/index.html",
            "Operating revenue: 2021 CNY 7 billion, 2022 CNY 8.3 billion, 2023 CNY 10 billion",
        ),
    ] {
        let page = site.html(file);
        let money = page.one("figure.chart--time[data-group=money]");
        assert_eq!(money.value().attr("data-kind"), Some("columns"));
        let years: Vec<String> = money
            .select(&scraper::Selector::parse("text.chart-year").unwrap())
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(years, ["2021", "2022", "2023"]);
        let desc_text: String = money
            .select(&scraper::Selector::parse("desc").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(desc_text.starts_with(desc), "{desc_text}");
        // Every value printed: three revenue columns, two export columns.
        let rects = |id: &str| {
            money
                .select(
                    &scraper::Selector::parse(&format!("g.chart-series[data-stat={id}] rect"))
                        .unwrap(),
                )
                .count()
        };
        assert_eq!((rects("revenue"), rects("exports")), (3, 2));
        let line = page.one("figure.chart--time[data-group=output_history]");
        assert_eq!(line.value().attr("data-kind"), Some("line"));
        assert_eq!(
            line.select(&scraper::Selector::parse("polyline").unwrap())
                .count(),
            1
        );
        // A group of single figures stays a bar chart; no script anywhere in a chart.
        assert!(
            page.all("figure.chart[data-group=counts] g.chart-row")
                .len()
                == 1
        );
        assert!(page.all("figure.chart script").is_empty());
    }
}

#[test]
fn the_data_page_tables_each_series_by_year_and_describes_the_dataset() {
    let site = history_site(STATS);
    site.build_ok();
    for (file, change_header, first_change) in [
        ("data/index.html", "较上年变化（推算）", "增长18.6%"),
        (
            "en/data/index.html",
            "Change on previous year (derived)",
            "up 18.6%",
        ),
    ] {
        let page = site.html(file);
        let table = page.one("table.data-table--series[data-stat=revenue]");
        let rows: Vec<Vec<String>> = table
            .select(&scraper::Selector::parse("tbody tr").unwrap())
            .map(|tr| {
                tr.children()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|c| c.text().collect::<String>())
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][2], "–", "the first year has no change");
        assert_eq!(rows[1][2], first_change);
        assert!(
            rows[2][3].contains("2023"),
            "the year's own source: {:?}",
            rows[2]
        );
        let headers = texts(
            &page,
            "table.data-table--series[data-stat=revenue] thead th",
        );
        assert_eq!(headers[2], change_header);
        // Output's 2023 value is "nearly": no change is computed from it.
        let output = page.one("table.data-table--series[data-stat=output]");
        let last: String = output
            .select(&scraper::Selector::parse("tbody tr:last-child td:nth-of-type(2)").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(last, "–");
        assert!(!page.text("#pg-change-note").is_empty());
        let ld: Vec<serde_json::Value> = page
            .all("script[type='application/ld+json']")
            .iter()
            .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
            .collect();
        let dataset = ld
            .iter()
            .find(|v| v["@type"] == "Dataset")
            .expect("a Dataset block");
        assert_eq!(dataset["temporalCoverage"], "2021/2024");
        assert_eq!(dataset["variableMeasured"].as_array().unwrap().len(), 6);
        assert!(
            dataset["distribution"][0]["contentUrl"]
                .as_str()
                .unwrap()
                .ends_with("/data/stats.csv")
        );
        assert!(!dataset["description"].as_str().unwrap().is_empty());
    }
}

#[test]
fn downloads_are_long_format_with_series_and_a_data_package() {
    let site = history_site(STATS);
    site.build_ok();
    let csv = std::fs::read_to_string(site.public().join("data/stats.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(
        rows[0][..6],
        ["id", "year", "period", "value", "unit", "qualifier"]
    );
    let revenue: Vec<_> = rows.iter().filter(|r| r[0] == "revenue").collect();
    assert_eq!(revenue.len(), 3, "one row per year");
    assert_eq!(
        revenue[0][1..6],
        ["2021", "year", "7000000000", "yuan", "exact"]
    );
    let output_2023 = rows
        .iter()
        .find(|r| r[0] == "output" && r[1] == "2023")
        .unwrap();
    assert_eq!(output_2023[3..6], ["3500000", "tonnes", "nearly"]);
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("data/stats.json")).unwrap(),
    )
    .unwrap();
    let rev = &json["stats"][0];
    assert_eq!(rev["value"], 10000000000_i64, "the newest value");
    assert_eq!(rev["series"].as_array().unwrap().len(), 3);
    assert_eq!(rev["series"][1]["change_percent"], 18.6);
    assert_eq!(rev["series"][2]["source"]["en"], "2023 annual report");
    let km2 = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "square_kilometres")
        .unwrap();
    assert_eq!(km2["name"]["en"], "km²");
    assert_eq!(km2["scale"], false);
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.public().join("data/datapackage.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(package["profile"], "tabular-data-package");
    let resource = &package["resources"][0];
    assert_eq!(resource["path"], "stats.csv");
    let fields: Vec<&str> = resource["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let header: Vec<&str> = rows[0].clone();
    assert_eq!(
        fields, header,
        "the package describes every CSV column, in order"
    );
    let unit_enum = &resource["schema"]["fields"][4]["constraints"]["enum"];
    assert!(unit_enum.as_array().unwrap().iter().any(|u| u == "tonnes"));
}

/// The build's error report for a stats file, a page body, or both.
fn refused(stats: &str, page: Option<&str>) -> String {
    let site = history_site(stats);
    if let Some(body) = page {
        site.write(
            "content/tech/history.md",
            &format!("+++\ntitle = \"历年\"\n+++\n{body}\n"),
        );
    }
    site.build_err()
}

#[test]
fn a_year_the_series_lacks_is_an_error_naming_the_years_it_has() {
    let report = refused(STATS, Some("{{ stat(id=\"revenue\", year=2019) }}"));
    assert!(report.contains("content/tech/history.md:4:"), "{report}");
    assert!(
        report.contains("stat `revenue` has no value for 2019"),
        "{report}"
    );
    assert!(report.contains("2021, 2022, 2023"), "{report}");
}

#[test]
fn a_change_from_an_inexact_value_is_refused_with_a_hint() {
    let report = refused(STATS, Some("{{ stat_change(id=\"output\") }}"));
    assert!(report.contains("qualified `nearly`"), "{report}");
    assert!(
        report.contains("precision the source does not have"),
        "{report}"
    );
    let report = refused(STATS, Some("{{ stat_change(id=\"park_area\") }}"));
    assert!(report.contains("has no two years to compare"), "{report}");
}

#[test]
fn bad_series_and_units_are_located_errors() {
    let cases = [
        (
            STATS.replace("2021 = 7000000000, 2022", "2021 = 7000000000, 2021"),
            "duplicate key",
            "content/stats.toml:31:31",
        ),
        (
            STATS.replace("2021 = 7000000000", "twenty21 = 7000000000"),
            "`twenty21` in the `series` of stat `revenue` is not a four-digit year",
            "content/stats.toml:31:12",
        ),
        (
            STATS.replace(
                "series = { 2022 = 1200000000, 2023 = 1500000000 }",
                "series = {}",
            ),
            "the `series` of stat `exports` is empty",
            "content/stats.toml:",
        ),
        (
            STATS.replace(
                "id = \"revenue\"\nunit = \"yuan\"",
                "id = \"revenue\"\nunit = \"yuan\"\nyear = 2023",
            ),
            "stat `revenue` has both `series` and `year`",
            "content/stats.toml:",
        ),
        (
            STATS.replace("unit = \"tonnes\"", "unit = \"tons\""),
            "unknown unit `tons`",
            "content/stats.toml:",
        ),
        (
            STATS.replace("id = \"usd\"", "id = \"tonnes\""),
            "duplicate unit id `tonnes`",
            "content/stats.toml:",
        ),
        (
            STATS.replace("currency = \"USD\"", "currency = \"dollars\""),
            "`dollars` is not a currency code",
            "content/stats.toml:",
        ),
        (
            STATS.replace("en = \"km²\"\n", ""),
            "unit `square_kilometres` has no `en`",
            "content/stats.toml:2:",
        ),
    ];
    for (stats, message, place) in cases {
        let report = refused(&stats, None);
        assert!(report.contains(message), "{message}:\n{report}");
        assert!(report.contains(place), "{place}:\n{report}");
        assert!(report.contains("help:"), "a hint:\n{report}");
    }
}

#[test]
fn a_site_unit_replaces_a_built_in_one_and_units_of_two_kinds_share_no_chart() {
    let site = history_site(STATS);
    site.build_ok();
    // `enterprises` is redefined above: 户 instead of 家.
    assert!(
        site.html("tech/history/index.html")
            .text("main")
            .contains("430户")
    );
    let mixed = STATS.replace(
        "stats = [\"revenue\", \"exports\"]",
        "stats = [\"revenue\", \"output\"]",
    );
    let report = refused(&mixed, None);
    assert!(report.contains("mixes money and mass"), "{report}");
}

#[test]
fn check_warns_about_a_figure_forgotten_in_the_yearly_update() {
    let stale = STATS.replace(
        "series = { 2022 = 1200000000, 2023 = 1500000000 }",
        "series = { 2021 = 1200000000, 2022 = 1500000000 }",
    );
    let site = history_site(&stale);
    let report =
        profilegen::check::check(&profilegen::check::CheckOptions::new(site.root())).unwrap();
    let warnings: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("ends in"))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("stat `exports` ends in 2022, but group `money` has figures for 2023"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("content/stats.toml:42:"),
        "{}",
        warnings[0]
    );
    // Without the stale figure: no such warning.
    let site = history_site(STATS);
    let report =
        profilegen::check::check(&profilegen::check::CheckOptions::new(site.root())).unwrap();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("ends in"))
    );
}
