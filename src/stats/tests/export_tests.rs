//! CSV and JSON downloads.

use super::{fixture, load_str};
use crate::stats::ExportFile;
use crate::stats::export::{CSV_HEADER, guard, quote};

/// A minimal RFC 4180 reader, to check the writer.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') | (false, '"') => quoted = !quoted,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_bom_header_and_a_row_per_stat() {
    let stats = fixture();
    let csv = stats.to_csv();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0], CSV_HEADER);
    assert_eq!(rows.len(), 1 + stats.ids().count());
    let rd = rows.iter().find(|r| r[0] == "rd_deduction_amount").unwrap();
    assert_eq!(rd[1..6], ["2023", "year", "65759000", "yuan", "exact"]);
    assert_eq!(rd[8..10], ["6575.9万元", "CNY 65.759 million"]);
    let pool = rows
        .iter()
        .find(|r| r[0] == "wire_length_per_gram")
        .unwrap();
    assert_eq!(pool[1..3], ["2024", "as_of"]);
    assert_eq!(pool[13], "Computed from 1,000 metres weighing 3 grams");
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    assert_eq!(quote("plain"), "plain");
    assert_eq!(quote("1,000 metres"), "\"1,000 metres\"");
    assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    let csv = fixture().to_csv();
    assert!(
        csv.contains(",\"\"\"Leader\"\" firms\","),
        "quotes doubled inside a quoted cell"
    );
}

#[test]
fn csv_guards_against_formula_injection() {
    for bad in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"] {
        assert_eq!(guard(bad), format!("'{bad}"));
    }
    assert_eq!(guard("safe"), "safe");
    let src = "[[stat]]\nid = \"a\"\nvalue = -5\nunit = \"percent\"\nyear = 2023\n\
               label = { zh = \"=HYPERLINK(\\\"x\\\")\", en = \"@x\" }\nsource = { zh = \"+s\", en = \"-s\" }\n";
    let csv = load_str(src).unwrap().to_csv();
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[1][3], "-5", "numeric value column stays a number");
    assert_eq!(
        rows[1][6..12],
        ["'=HYPERLINK(\"x\")", "'@x", "'-5%", "'-5%", "'+s", "'-s"]
    );
}

#[test]
fn json_round_trips_and_has_both_languages() {
    let stats = fixture();
    let json = stats.to_json();
    let back: ExportFile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, stats.export());
    assert_eq!(back.stats.len(), stats.ids().count());
    assert_eq!(back.groups.len(), 3);
    let rd = back
        .stats
        .iter()
        .find(|s| s.id == "rd_deduction_amount")
        .unwrap();
    assert_eq!(rd.display["zh"], "6575.9万元");
    assert_eq!(rd.display["en"], "CNY 65.759 million");
    assert_eq!(rd.label["en"], "R&D super-deduction");
    assert!(json.contains("\"value\": 65759000,"), "integers without .0");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["stats"][0]["as_of"], 2024);
    assert_eq!(value["stats"][0]["year"], serde_json::Value::Null);
}
