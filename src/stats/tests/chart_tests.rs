//! The SVG bar chart: structure, accessibility, escaping, contrast.

use super::{fixture, load_str};
use crate::stats::chart::{BAR_COLOUR, TEXT_COLOUR, em_width, wrap};

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The value of attribute `name` in the first tag starting with `tag`.
fn attr<'a>(svg: &'a str, tag: &str, name: &str) -> &'a str {
    let start = svg.find(tag).unwrap();
    let rest = &svg[start..];
    let key = format!(" {name}=\"");
    let at = rest.find(&key).unwrap() + key.len();
    let end = rest[at..].find('"').unwrap();
    &rest[at..at + end]
}

#[test]
fn one_bar_per_record_with_title_desc_and_caption() {
    let svg = fixture()
        .chart_svg("recognition_tiers", None, "en")
        .unwrap();
    assert!(svg.starts_with("<figure class=\"chart\""));
    assert!(svg.ends_with("</figure>"));
    assert_eq!(count(&svg, "<rect"), 5);
    assert_eq!(attr(&svg, "<svg", "role"), "img");
    assert_eq!(attr(&svg, "<svg", "width"), "100%");
    assert!(attr(&svg, "<svg", "viewBox").starts_with("0 0 "));
    assert_eq!(
        attr(&svg, "<svg", "aria-labelledby"),
        "chart-recognition_tiers-en-title chart-recognition_tiers-en-desc"
    );
    assert!(
        svg.contains("<title id=\"chart-recognition_tiers-en-title\">Recognition tiers</title>")
    );
    assert!(svg.contains("<figcaption>Recognition tiers</figcaption>"));
    assert!(!svg.contains("<script") && !svg.contains("font-family"));
}

#[test]
fn desc_lists_every_label_and_value() {
    let stats = fixture();
    let zh = stats.chart_svg("listing_tiers", None, "zh").unwrap();
    assert!(zh.contains("<desc id=\"chart-listing_tiers-zh-desc\">北交所上市企业：1家；新三板挂牌企业：1家；石家庄股权交易所挂牌企业：4家；上市后备资源库企业：11家</desc>"), "{zh}");
    let en = stats.chart_svg("listing_tiers", None, "en").unwrap();
    assert!(
        en.contains("Listed on the Beijing Stock Exchange: 1; Quoted on the NEEQ: 1;"),
        "{en}"
    );
    assert!(en.contains(">11</text>"), "value printed next to the bar");
}

#[test]
fn bars_scale_to_the_largest_value() {
    let svg = fixture().chart_svg("listing_tiers", None, "en").unwrap();
    let widths: Vec<f64> = svg
        .split("<rect")
        .skip(1)
        .map(|r| attr(r, "", "width").parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 4);
    let max = widths[3];
    assert!((widths[0] / max - 1.0 / 11.0).abs() < 0.01, "{widths:?}");
    assert!((widths[2] / max - 4.0 / 11.0).abs() < 0.01, "{widths:?}");
}

#[test]
fn labels_and_titles_are_escaped() {
    let src = "[[stat]]\nid = \"a\"\nvalue = 1\nunit = \"enterprises\"\nyear = 2023\n\
               label = { zh = \"<b>甲&乙</b>\", en = \"\\\"A\\\" & <B>\" }\nsource = { zh = \"s\", en = \"s\" }\n\
               [[group]]\nid = \"g\"\ntitle = { zh = \"<i>\", en = \"T&'\" }\nstats = [\"a\"]\n";
    let stats = load_str(src).unwrap();
    let zh = stats.chart_svg("g", None, "zh").unwrap();
    assert!(zh.contains("&lt;b&gt;甲&amp;乙&lt;/b&gt;"), "{zh}");
    assert!(zh.contains("<title id=\"chart-g-zh-title\">&lt;i&gt;</title>"));
    assert!(!zh.contains("<b>") && !zh.contains("<i>"));
    let en = stats.chart_svg("g", None, "en").unwrap();
    assert!(en.contains("&quot;A&quot; &amp; &lt;B&gt;"), "{en}");
    assert!(en.contains("T&amp;&#39;"));
}

#[test]
fn long_labels_wrap_and_widen_the_label_column() {
    let svg = fixture()
        .chart_svg("recognition_tiers", None, "en")
        .unwrap();
    let srdi = svg.split("data-stat=\"provincial_srdi\"").nth(1).unwrap();
    let row = &srdi[..srdi.find("</g>").unwrap()];
    assert_eq!(count(row, "<tspan"), 2, "{row}");
    assert_eq!(wrap("国家级专精特新“小巨人”企业", 6.0).len(), 3);
    assert_eq!(
        wrap("High-tech enterprises", 18.0),
        ["High-tech enterprises"]
    );
    assert_eq!(wrap("a bb ccc", 2.0), ["a", "bb", "ccc"]);
    assert!((em_width("高新a") - 2.55).abs() < 1e-9);
}

#[test]
fn unknown_group_and_mixed_units_are_errors() {
    let stats = fixture();
    let (msg, hint) = stats.chart_svg("recognition_tier", None, "zh").unwrap_err();
    assert_eq!(msg, "unknown stats group `recognition_tier`");
    assert_eq!(hint.as_deref(), Some("did you mean `recognition_tiers`?"));
    let (msg, _) = stats.chart_svg("key_figures", None, "zh").unwrap_err();
    assert!(msg.contains("mixes count and money"), "{msg}");
}

/// WCAG 2 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast_on_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

#[test]
fn colours_pass_wcag_aa_on_white() {
    assert!(
        contrast_on_white(TEXT_COLOUR) >= 4.5,
        "{}",
        contrast_on_white(TEXT_COLOUR)
    );
    assert!(
        contrast_on_white(BAR_COLOUR) >= 3.0,
        "{}",
        contrast_on_white(BAR_COLOUR)
    );
    assert!(
        contrast_on_white(BAR_COLOUR) >= 4.5,
        "bars are dark enough even for text"
    );
    let svg = fixture().chart_svg("listing_tiers", None, "zh").unwrap();
    assert!(svg.contains(&format!("fill=\"{TEXT_COLOUR}\"")));
    assert!(svg.contains(&format!("fill=\"{BAR_COLOUR}\"")));
}

#[test]
fn every_series_colour_passes_aa_on_white() {
    for colour in crate::stats::timechart::PALETTE {
        let ratio = contrast_on_white(colour);
        assert!(ratio >= 4.5, "{colour}: {ratio:.2}");
    }
}

#[test]
fn a_series_group_draws_years_and_an_unknown_kind_is_an_error() {
    let src = "[[stat]]\nid = \"r\"\nunit = \"yuan\"\nseries = { 2022 = 5, 2023 = 6 }\nlabel = { zh = \"营收\", en = \"Revenue\" }\nsource = { zh = \"s\", en = \"s\" }\n\n[[group]]\nid = \"g\"\ntitle = { zh = \"营收\", en = \"Revenue\" }\nstats = [\"r\"]\n";
    let stats = load_str(src).unwrap();
    let svg = stats.chart_svg("g", Some("line"), "en").unwrap();
    assert!(svg.contains("<polyline"), "{svg}");
    assert!(svg.contains(">2022</text>") && svg.contains(">2023</text>"));
    let (msg, hint) = stats.chart_svg("g", Some("pie"), "en").unwrap_err();
    assert_eq!(msg, "unknown chart kind `pie`");
    assert!(hint.unwrap().contains("line"));
}

#[test]
fn one_group_as_columns_and_as_lines_has_distinct_ids() {
    let src = "[[stat]]\nid = \"r\"\nunit = \"yuan\"\nseries = { 2022 = 5, 2023 = 6 }\nlabel = { zh = \"营收\", en = \"Revenue\" }\nsource = { zh = \"s\", en = \"s\" }\n\n[[group]]\nid = \"g\"\ntitle = { zh = \"营收\", en = \"Revenue\" }\nstats = [\"r\"]\n";
    let stats = load_str(src).unwrap();
    let ids = |svg: &str| -> Vec<String> {
        svg.split(" id=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_owned())
            .collect()
    };
    let columns = ids(&stats.chart_svg("g", None, "zh").unwrap());
    let lines = ids(&stats.chart_svg("g", Some("line"), "zh").unwrap());
    assert_eq!(columns.len(), 2);
    assert!(
        columns.iter().all(|id| !lines.contains(id)),
        "{columns:?} {lines:?}"
    );
}
