//! The formatter against every figure of the article and the spec's edge cases.

use super::fixture;
use crate::stats::format::{Lang, change, full, number_only, plain_number, unit_name};
use crate::stats::load::builtin_units;
use crate::stats::model::EnUnit;
use crate::stats::model::{Qualifier, Unit};

/// A built-in unit.
fn u(id: &str) -> Unit {
    (*builtin_units().unwrap()[id]).clone()
}

/// (id, zh full, en full, zh number, en number)
const FIGURES: [(&str, &str, &str, &str, &str); 27] = [
    (
        "enterprises",
        "430余家",
        "more than 430",
        "430余",
        "more than 430",
    ),
    (
        "patent_products",
        "40余项",
        "more than 40",
        "40余",
        "more than 40",
    ),
    (
        "annual_capacity",
        "100亿件",
        "10 billion pieces",
        "100亿",
        "10 billion",
    ),
    (
        "revenue_2023",
        "超过100亿元",
        "over CNY 10 billion",
        "超过100亿",
        "over 10 billion",
    ),
    ("revenue_growth", "20%", "20%", "20", "20"),
    (
        "awards_fund",
        "400余万元",
        "more than CNY 4 million",
        "400余万",
        "more than 4 million",
    ),
    ("rd_deduction_firms", "63家", "63", "63", "63"),
    (
        "rd_deduction_amount",
        "6575.9万元",
        "CNY 65.759 million",
        "6575.9万",
        "65.759 million",
    ),
    ("provincial_platforms", "23家", "23", "23", "23"),
    ("high_tech_enterprises", "46家", "46", "46", "46"),
    ("leader_firms", "3家", "3", "3", "3"),
    ("little_giants", "2家", "2", "2", "2"),
    ("provincial_srdi", "23家", "23", "23", "23"),
    ("microscope_magnification", "20倍", "20×", "20", "20"),
    ("wire_length", "1000米", "1,000 metres", "1000", "1,000"),
    ("wire_weight", "3克", "3 grams", "3", "3"),
    (
        "value_multiple",
        "10余倍",
        "more than 10 times",
        "10余",
        "more than 10",
    ),
    (
        "huami_investment",
        "1.6亿元",
        "CNY 160 million",
        "1.6亿",
        "160 million",
    ),
    ("industry_years", "26年", "26 years", "26", "26"),
    (
        "institute_partners",
        "10余家",
        "more than 10",
        "10余",
        "more than 10",
    ),
    ("research_teams", "2个", "2", "2", "2"),
    ("high_end_talents", "68人", "68", "68", "68"),
    ("listed_bse", "1家", "1", "1", "1"),
    ("listed_neeq", "1家", "1", "1", "1"),
    ("listed_shijiazhuang", "4家", "4", "4", "4"),
    ("listing_pool", "11家", "11", "11", "11"),
    (
        "wire_length_per_gram",
        "约333米/克",
        "about 333 metres per gram",
        "约333",
        "about 333",
    ),
];

#[test]
fn every_article_figure_in_both_languages() {
    let stats = fixture();
    assert_eq!(
        stats.ids().count(),
        FIGURES.len(),
        "fixture and table cover the same figures"
    );
    for (id, zh, en, zh_num, en_num) in FIGURES {
        assert_eq!(stats.display(id, "zh").as_deref(), Some(zh), "{id} zh");
        assert_eq!(stats.display(id, "en").as_deref(), Some(en), "{id} en");
        assert_eq!(
            stats.number(id, "zh").as_deref(),
            Some(zh_num),
            "{id} zh number"
        );
        assert_eq!(
            stats.number(id, "en").as_deref(),
            Some(en_num),
            "{id} en number"
        );
    }
}

#[test]
fn base_unit_values_of_the_article() {
    let stats = fixture();
    let value = |id: &str| stats.get(id).map(|s| s.latest().value);
    assert_eq!(value("annual_capacity"), Some(10_000_000_000.0));
    assert_eq!(value("awards_fund"), Some(4_000_000.0));
    assert_eq!(value("rd_deduction_amount"), Some(65_759_000.0));
    assert_eq!(value("huami_investment"), Some(160_000_000.0));
}

#[test]
fn periods_for_year_and_as_of() {
    let stats = fixture();
    assert_eq!(
        stats.period("revenue_2023", "zh").as_deref(),
        Some("2023年")
    );
    assert_eq!(stats.period("revenue_2023", "en").as_deref(), Some("2023"));
    assert_eq!(
        stats.period("enterprises", "zh").as_deref(),
        Some("截至2024年")
    );
    assert_eq!(
        stats.period("enterprises", "en").as_deref(),
        Some("as of 2024")
    );
}

#[test]
fn plain_number_edge_cases() {
    let cases: [(f64, &str, &str); 19] = [
        (0.0, "0", "0"),
        (1.0, "1", "1"),
        (9999.0, "9999", "9,999"),
        (10000.0, "1万", "10,000"),
        (123_456_789.0, "1.2346亿", "123.46 million"),
        (1_234_567.0, "123.4567万", "1.23 million"),
        (999_999.0, "99.9999万", "999,999"),
        (1_000_000.0, "100万", "1 million"),
        (1e12, "1万亿", "1 trillion"),
        (1e16, "10000万亿", "10,000 trillion"),
        (99_999_999.999, "1亿", "100 million"),
        (999_999.999, "100万", "1 million"),
        (999_999_999.0, "10亿", "1 billion"),
        (333.333, "333.33", "333.33"),
        (0.5, "0.5", "0.5"),
        (12345.6, "1.2346万", "12,345.6"),
        (-5.0, "-5", "-5"),
        (-0.001, "0", "0"),
        (100_000_000.0, "1亿", "100 million"),
    ];
    for (v, zh, en) in cases {
        assert_eq!(plain_number(v, Lang::Zh), zh, "zh {v}");
        assert_eq!(plain_number(v, Lang::En), en, "en {v}");
    }
}

#[test]
fn english_singular_only_for_exactly_one() {
    let en = |v: f64, u: &Unit| full(v, u, Qualifier::Exact, Lang::En);
    assert_eq!(en(1.0, &u("grams")), "1 gram");
    assert_eq!(en(1.0, &u("metres")), "1 metre");
    assert_eq!(en(1.0, &u("pieces")), "1 piece");
    assert_eq!(en(1.0, &u("years")), "1 year");
    assert_eq!(en(1.0, &u("metres_per_gram")), "1 metre per gram");
    assert_eq!(en(1.5, &u("grams")), "1.5 grams");
    assert_eq!(en(1_000_000.0, &u("pieces")), "1 million pieces");
    assert_eq!(en(0.0, &u("grams")), "0 grams");
    assert_eq!(
        full(1.0, &u("grams"), Qualifier::About, Lang::En),
        "about 1 gram"
    );
}

#[test]
fn qualifiers_in_both_languages() {
    let cases = [
        (Qualifier::Exact, "430家", "430"),
        (Qualifier::Over, "430余家", "more than 430"),
        (Qualifier::About, "约430家", "about 430"),
        (Qualifier::Exceeds, "超过430家", "over 430"),
        (Qualifier::Nearly, "近430家", "nearly 430"),
        (Qualifier::Under, "不足430家", "under 430"),
    ];
    for (q, zh, en) in cases {
        assert_eq!(full(430.0, &u("enterprises"), q, Lang::Zh), zh);
        assert_eq!(full(430.0, &u("enterprises"), q, Lang::En), en);
    }
    assert_eq!(
        full(4e6, &u("yuan"), Qualifier::About, Lang::Zh),
        "约400万元"
    );
    assert_eq!(
        number_only(1e10, &u("pieces"), Qualifier::Over, Lang::Zh),
        "100余亿"
    );
}

#[test]
fn every_unit_has_both_renderings() {
    let units = builtin_units().unwrap();
    assert_eq!(units.len(), 14);
    for unit in units.values() {
        let zh = full(2.0, unit, Qualifier::Exact, Lang::Zh);
        let en = full(2.0, unit, Qualifier::Exact, Lang::En);
        assert!(zh.starts_with('2') && zh.len() > 1, "{unit:?} zh {zh}");
        assert!(en.contains('2'), "{unit:?} en {en}");
    }
    assert_eq!(full(0.5, &u("percent"), Qualifier::Exact, Lang::En), "0.5%");
    assert_eq!(full(-5.0, &u("percent"), Qualifier::Exact, Lang::Zh), "-5%");
    assert_eq!(
        full(20.0, &u("magnification"), Qualifier::Exact, Lang::En),
        "20×"
    );
}

#[test]
fn site_units_print_symbols_nouns_currencies_and_scale() {
    let unit = |zh: &str, en: EnUnit, scale: bool, currency: Option<&str>| Unit {
        id: "x".into(),
        zh: zh.into(),
        en,
        scale,
        currency: currency.map(str::to_owned),
        kind: "x".into(),
    };
    let km2 = unit("平方公里", EnUnit::Symbol("km²".into()), false, None);
    assert_eq!(
        full(12500.0, &km2, Qualifier::Exact, Lang::Zh),
        "12500平方公里"
    );
    assert_eq!(
        full(12500.0, &km2, Qualifier::About, Lang::En),
        "about 12,500 km²"
    );
    let tonnes = EnUnit::Noun {
        one: "tonne".into(),
        other: "tonnes".into(),
    };
    let t = unit("吨", tonnes, true, None);
    assert_eq!(full(1.0, &t, Qualifier::Exact, Lang::En), "1 tonne");
    assert_eq!(
        full(3.5e6, &t, Qualifier::Nearly, Lang::En),
        "nearly 3.5 million tonnes"
    );
    assert_eq!(full(3.5e6, &t, Qualifier::Nearly, Lang::Zh), "近350万吨");
    let usd = unit("美元", EnUnit::Symbol(String::new()), true, Some("USD"));
    assert_eq!(
        full(5e6, &usd, Qualifier::Under, Lang::En),
        "under USD 5 million"
    );
    assert_eq!(full(5e6, &usd, Qualifier::Under, Lang::Zh), "不足500万美元");
    let people = unit("名", EnUnit::Symbol(String::new()), true, None);
    assert_eq!(full(68.0, &people, Qualifier::Exact, Lang::En), "68");
    assert_eq!(full(68.0, &people, Qualifier::Exact, Lang::Zh), "68名");
    assert_eq!(unit_name(&km2, Lang::En), "km²");
    assert_eq!(unit_name(&usd, Lang::En), "USD");
    assert_eq!(unit_name(&people, Lang::En), "x");
}

#[test]
fn changes_read_as_words() {
    assert_eq!(change(20.4999, Lang::Zh), "增长20.5%");
    assert_eq!(change(20.0, Lang::En), "up 20%");
    assert_eq!(change(-3.26, Lang::En), "down 3.3%");
    assert_eq!(change(-3.26, Lang::Zh), "下降3.3%");
    assert_eq!(change(0.01, Lang::Zh), "持平");
    assert_eq!(change(-0.04, Lang::En), "unchanged");
}

#[test]
fn unsupported_or_missing_language_gives_none() {
    let stats = fixture();
    assert_eq!(stats.display("enterprises", "fr"), None);
    assert_eq!(stats.display("no_such_id", "zh"), None);
}

#[test]
fn an_exact_figure_keeps_every_digit_an_approximate_one_rounds() {
    let cases = [
        (65_759_000.0, "6575.9万元", "CNY 65.759 million"),
        (
            1_234_567_891.0,
            "12.34567891亿元",
            "CNY 1.234567891 billion",
        ),
        (1_005.25, "1005.25元", "CNY 1,005.25"),
        (123_456.0, "12.3456万元", "CNY 123,456"),
    ];
    for (value, zh, en) in cases {
        assert_eq!(full(value, &u("yuan"), Qualifier::Exact, Lang::Zh), zh);
        assert_eq!(full(value, &u("yuan"), Qualifier::Exact, Lang::En), en);
    }
    for q in [Qualifier::Over, Qualifier::About, Qualifier::Exceeds] {
        let en = full(65_759_000.0, &u("yuan"), q, Lang::En);
        assert!(en.ends_with("CNY 65.76 million"), "{q:?}: {en}");
        let zh = full(1_234_567_891.0, &u("yuan"), q, Lang::Zh);
        assert!(zh.contains("12.3457"), "{q:?}: {zh}");
    }
    assert_eq!(
        number_only(65_759_000.0, &u("yuan"), Qualifier::Exact, Lang::En),
        "65.759 million"
    );
}
