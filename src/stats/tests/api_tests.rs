//! Template views, shortcode rendering and id look-ups.

use super::{fixture, load_str};

#[test]
fn record_view_has_every_field_in_the_language() {
    let stats = fixture();
    let zh = stats.record_view("rd_deduction_amount", "zh").unwrap();
    assert_eq!(zh.id, "rd_deduction_amount");
    assert_eq!(zh.value, 65_759_000.0);
    assert_eq!(zh.display, "6575.9万元");
    assert_eq!(zh.number, "6575.9万");
    assert_eq!(zh.label, "研发费用加计扣除额");
    assert_eq!(zh.unit, "元");
    assert_eq!(zh.qualifier, "exact");
    assert_eq!((zh.year, zh.as_of), (Some(2023), false));
    assert_eq!(zh.period, "2023年");
    assert_eq!(zh.source, "产业专题报道");
    assert_eq!(zh.derived, None);
    let en = stats.record_view("enterprises", "en").unwrap();
    assert_eq!(
        (en.unit.as_str(), en.qualifier.as_str()),
        ("enterprises", "over")
    );
    assert_eq!(
        (en.year, en.as_of, en.period.as_str()),
        (Some(2024), true, "as of 2024")
    );
    let derived = stats.record_view("wire_length_per_gram", "en").unwrap();
    assert_eq!(
        derived.derived.as_deref(),
        Some("Computed from 1,000 metres weighing 3 grams")
    );
    assert_eq!(derived.unit, "metres per gram");
}

#[test]
fn record_view_serialises_for_templates() {
    let view = fixture().record_view("awards_fund", "en").unwrap();
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["display"], "more than CNY 4 million");
    assert_eq!(json["unit"], "CNY");
    assert_eq!(json["derived"], serde_json::Value::Null);
    for key in [
        "id",
        "value",
        "number",
        "label",
        "qualifier",
        "year",
        "period",
        "source",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
}

#[test]
fn group_views_in_file_order() {
    let stats = fixture();
    let g = stats.group_view("recognition_tiers", "zh").unwrap();
    assert_eq!(g.title, "创新主体梯队");
    assert_eq!(g.description.as_deref(), Some("各级认定企业与平台数量"));
    let ids: Vec<&str> = g.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "provincial_platforms",
            "high_tech_enterprises",
            "leader_firms",
            "little_giants",
            "provincial_srdi"
        ]
    );
    assert_eq!(
        stats.group_view("listing_tiers", "en").unwrap().description,
        None
    );
    let all: Vec<String> = stats.group_views("en").into_iter().map(|g| g.id).collect();
    assert_eq!(all, ["recognition_tiers", "listing_tiers", "key_figures"]);
    let groups: Vec<&str> = stats.groups().map(|g| g.id.as_str()).collect();
    assert_eq!(
        groups,
        ["recognition_tiers", "listing_tiers", "key_figures"]
    );
    assert!(stats.group_view("nope", "zh").is_none());
    assert!(stats.group_views("fr").is_empty());
}

#[test]
fn ids_in_file_order_and_closest() {
    let stats = fixture();
    assert_eq!(stats.ids().next(), Some("enterprises"));
    assert_eq!(stats.ids().last(), Some("wire_length_per_gram"));
    assert_eq!(
        stats.closest_id("rd_deduction_amt"),
        Some("rd_deduction_amount")
    );
    assert_eq!(stats.closest_id("zzz"), None);
    assert_eq!(
        stats.closest_group("recognition_tier"),
        Some("recognition_tiers")
    );
}

#[test]
fn render_stat_wraps_and_escapes() {
    let stats = fixture();
    assert_eq!(
        stats
            .render_stat("rd_deduction_amount", None, None, "en")
            .unwrap(),
        "<span class=\"stat\" data-stat=\"rd_deduction_amount\">CNY 65.759 million</span>"
    );
    assert_eq!(
        stats
            .render_stat("rd_deduction_amount", Some("number"), None, "zh")
            .unwrap(),
        "<span class=\"stat\" data-stat=\"rd_deduction_amount\">6575.9万</span>"
    );
    assert_eq!(
        crate::stats::escape_html("<a href='x'>&\"</a>"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    );
}

#[test]
fn render_stat_errors() {
    let stats = fixture();
    let (msg, hint) = stats
        .render_stat("enterprize", None, None, "zh")
        .unwrap_err();
    assert_eq!(msg, "unknown stat id `enterprize`");
    assert_eq!(hint.as_deref(), Some("did you mean `enterprises`?"));
    let (msg, hint) = stats
        .render_stat("enterprises", Some("short"), None, "zh")
        .unwrap_err();
    assert_eq!(msg, "unknown stat form `short`");
    assert!(hint.unwrap().contains("form=\"number\""));
    let (msg, hint) = stats
        .render_stat("enterprises", None, None, "fr")
        .unwrap_err();
    assert_eq!(msg, "stats cannot be shown in language `fr`");
    assert_eq!(hint.as_deref(), Some("site languages: zh, en"));
}

#[test]
fn empty_file_is_valid_and_empty() {
    let stats = load_str("# nothing yet\n").unwrap();
    assert_eq!(stats.ids().count(), 0);
    assert_eq!(stats.closest_id("x"), None);
}

#[test]
fn changes_are_computed_between_exact_years_only() {
    let src = "[[stat]]\nid = \"r\"\nunit = \"yuan\"\nseries = { 2019 = 100, 2021 = 110, 2022 = { value = 121, qualifier = \"about\" }, 2023 = 150 }\nlabel = { zh = \"营收\", en = \"Revenue\" }\nsource = { zh = \"s\", en = \"s\" }\n";
    let stats = load_str(src).unwrap();
    let view = stats.record_view("r", "en").unwrap();
    let changes: Vec<Option<&str>> = view.series.iter().map(|p| p.change.as_deref()).collect();
    // 2019 → 2021 is a gap, 2022 is approximate: no change on the previous year there.
    assert_eq!(changes, [None, None, None, None]);
    let c = stats.change("r", Some(2019), Some(2021)).unwrap();
    assert_eq!((c.from, c.to), (2019, 2021));
    assert!((c.percent - 10.0).abs() < 1e-9);
    // The default compares the newest year with the one before it: 2022 is "about".
    let (msg, hint) = stats.change("r", None, None).unwrap_err();
    assert!(msg.contains("qualified `about` (2022)"), "{msg}");
    assert!(hint.unwrap().contains("precision"));
    let (msg, _) = stats.change("r", Some(2023), Some(2021)).unwrap_err();
    assert_eq!(msg, "`from` (2023) must be earlier than `to` (2021)");
    let (msg, hint) = stats.change("r", Some(2020), None).unwrap_err();
    assert_eq!(msg, "stat `r` has no value for 2020");
    assert_eq!(hint.unwrap(), "`r` has the years 2019, 2021, 2022, 2023");
}
