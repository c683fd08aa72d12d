//! One test per validation error: message, hint and line:col.

use std::path::Path;
use std::sync::Arc;

use super::{errors, load_str};
use crate::diag::Diagnostic;
use crate::stats::{Qualifier, load};

/// A valid stat record starting on line 1; tests append or replace lines.
const OK: &str = "[[stat]]
id = \"enterprises\"
value = 430
unit = \"enterprises\"
year = 2023
label = { zh = \"企业\", en = \"Firms\" }
source = { zh = \"报道\", en = \"Article\" }
";

/// The only error of `src`: message, hint, (line, col).
fn only(src: &str) -> (String, String, (usize, usize)) {
    let errs = errors(src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    describe(&errs[0])
}

fn describe(d: &Diagnostic) -> (String, String, (usize, usize)) {
    let loc = d.location().unwrap_or((0, 0));
    (d.message.clone(), d.hint.clone().unwrap_or_default(), loc)
}

fn ok_with(from: &str, to: &str) -> String {
    assert!(OK.contains(from));
    OK.replace(from, to)
}

#[test]
fn valid_record_loads_with_default_qualifier() {
    let stats = load_str(OK).unwrap();
    assert_eq!(
        stats.get("enterprises").unwrap().latest().qualifier,
        Qualifier::Exact
    );
}

#[test]
fn toml_syntax_error_is_located() {
    let (msg, hint, loc) = only("[[stat]]\nid = \"enterprises\nvalue = 430\n");
    assert!(msg.starts_with("invalid TOML"), "{msg}");
    assert!(hint.contains("double quotes"), "{hint}");
    assert_eq!(loc.0, 2);
}

#[test]
fn toml_duplicate_key_is_a_syntax_error() {
    let (msg, hint, loc) = only(&format!("{OK}value = 431\n"));
    assert!(msg.contains("duplicate key"), "{msg}");
    assert!(hint.contains("only once"), "{hint}");
    assert_eq!(loc, (8, 1));
}

#[test]
fn ten_thousand_nested_arrays_fail_cleanly() {
    let deep = format!("x = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let errs = errors(&deep);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.contains("invalid TOML"),
        "{}",
        errs[0].message
    );
    assert!(
        errs[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("too deeply (TOML allows at most 80 levels)")
    );
    let deep_tables = format!("x = {}1{}\n", "{a=".repeat(10_000), "}".repeat(10_000));
    assert!(load_str(&deep_tables).is_err());
    let deep_keys = format!("{} = 1\n", vec!["a"; 10_000].join("."));
    assert!(load_str(&deep_keys).is_err());
}

#[test]
fn unknown_key_suggests_the_closest() {
    let (msg, hint, loc) = only(&format!("{OK}labl = 3\n"));
    assert_eq!(msg, "unknown key `labl` in a [[stat]] record");
    assert!(hint.starts_with("did you mean `label`?"), "{hint}");
    assert!(hint.contains("as_of"), "{hint}");
    assert_eq!(loc, (8, 1));
}

#[test]
fn every_unknown_key_of_a_record_is_reported() {
    let errs = errors(&format!("{OK}labl = 3\nsorce = 4\n"));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[1].hint.as_deref().unwrap_or("").contains("`source`"));
}

#[test]
fn old_period_key_points_to_year_and_as_of() {
    let (msg, hint, _) = only(&format!("{OK}period = \"2024\"\n"));
    assert_eq!(msg, "unknown key `period` in a [[stat]] record");
    assert!(hint.contains("as_of = 2024"), "{hint}");
}

#[test]
fn unknown_top_level_key() {
    let (msg, hint, loc) = only(&format!("title = 1\n{OK}"));
    assert_eq!(msg, "unknown key `title` at the top level");
    assert_eq!(hint, "allowed keys: stat, group, unit");
    assert_eq!(loc, (1, 1));
    let (_, hint, _) = only(&OK.replace("[[stat]]", "[[stats]]"));
    assert!(hint.starts_with("did you mean `stat`?"), "{hint}");
}

#[test]
fn stat_must_be_an_array_of_tables() {
    let (msg, hint, loc) = only(&OK.replace("[[stat]]", "[stat]"));
    assert_eq!(msg, "`stat` must be a list of records");
    assert!(hint.contains("[[stat]]"), "{hint}");
    assert_eq!(loc.0, 1);
}

#[test]
fn duplicate_id_points_at_the_second() {
    let (msg, hint, loc) = only(&format!("{OK}\n{OK}"));
    assert_eq!(msg, "duplicate stat id `enterprises`");
    assert!(hint.contains("line 2"), "{hint}");
    assert_eq!(loc, (10, 6));
}

#[test]
fn unknown_unit_suggests_closest_and_lists_all() {
    let (msg, hint, loc) = only(&ok_with("unit = \"enterprises\"", "unit = \"meters\""));
    assert_eq!(msg, "unknown unit `meters`");
    assert!(hint.starts_with("did you mean `metres`?"), "{hint}");
    assert!(hint.contains("enterprises, grams"), "{hint}");
    assert!(hint.contains("[[unit]]"), "{hint}");
    assert_eq!(loc, (4, 8));
}

#[test]
fn unknown_qualifier_suggests_closest_and_lists_all() {
    let (msg, hint, loc) = only(&format!("{OK}qualifier = \"abuot\"\n"));
    assert_eq!(msg, "unknown qualifier `abuot`");
    assert_eq!(
        hint,
        "did you mean `about`? qualifiers: exact, over, about, exceeds, nearly, under"
    );
    assert_eq!(loc, (8, 13));
}

#[test]
fn missing_language_in_label() {
    let (msg, hint, loc) = only(&ok_with(
        "{ zh = \"企业\", en = \"Firms\" }",
        "{ zh = \"企业\" }",
    ));
    assert_eq!(msg, "stat `enterprises` has no en text in `label`");
    assert!(
        hint.contains("label = { zh = \"…\", en = \"…\" }"),
        "{hint}"
    );
    assert_eq!(loc, (6, 9));
}

#[test]
fn missing_source_points_at_the_record() {
    let src = OK.replace("source = { zh = \"报道\", en = \"Article\" }\n", "");
    let (msg, hint, loc) = only(&src);
    assert_eq!(msg, "stat `enterprises` has no `source`");
    assert!(hint.starts_with("add source = {"), "{hint}");
    assert_eq!(loc, (1, 1));
}

#[test]
fn text_for_a_language_the_site_lacks() {
    let src = ok_with("en = \"Firms\"", "en = \"Firms\", eng = \"x\"");
    let (msg, hint, loc) = only(&src);
    assert_eq!(
        msg,
        "`label` has text for `eng`, which is not a site language"
    );
    assert!(hint.starts_with("did you mean `en`?"), "{hint}");
    assert_eq!(loc.0, 6);
}

#[test]
fn empty_text_is_an_error() {
    let (msg, _, loc) = only(&ok_with("en = \"Firms\"", "en = \"  \""));
    assert_eq!(msg, "`label.en` is empty");
    assert_eq!(loc, (6, 27));
}

#[test]
fn quoted_value_asks_for_a_bare_number() {
    let (msg, hint, loc) = only(&ok_with("value = 430", "value = \"430\""));
    assert_eq!(msg, "`value` must be a number, not text");
    assert_eq!(
        hint,
        "write the number without quotes, in base units: value = 430"
    );
    assert_eq!(loc, (3, 9));
    let (_, hint, _) = only(&ok_with("value = 430", "value = \"6575.9万\""));
    assert_eq!(
        hint,
        "write the number without quotes, in base units: value = 65759000"
    );
}

#[test]
fn infinite_value_is_rejected() {
    let (msg, _, loc) = only(&ok_with("value = 430", "value = inf"));
    assert_eq!(msg, "`value` must be a finite number");
    assert_eq!(loc, (3, 9));
}

#[test]
fn both_year_and_as_of() {
    let (msg, hint, loc) = only(&format!("{OK}as_of = 2024\n"));
    assert_eq!(
        msg,
        "stat `enterprises` has both `year` and `as_of`; give exactly one"
    );
    assert!(hint.contains("as_of = 2024"), "{hint}");
    assert_eq!(loc, (8, 9));
}

#[test]
fn neither_year_nor_as_of() {
    let (msg, hint, loc) = only(&OK.replace("year = 2023\n", ""));
    assert_eq!(msg, "stat `enterprises` has neither `year` nor `as_of`");
    assert!(hint.contains("year = 2023"), "{hint}");
    assert_eq!(loc, (1, 1));
}

#[test]
fn year_must_have_four_digits() {
    let (msg, _, loc) = only(&ok_with("year = 2023", "year = 20233"));
    assert_eq!(msg, "`20233` is not a four-digit year");
    assert_eq!(loc, (5, 8));
}

#[test]
fn quoted_year_is_a_type_error_with_a_hint() {
    let (msg, hint, loc) = only(&ok_with("year = 2023", "year = \"2023\""));
    assert!(msg.starts_with("wrong type for `year`"), "{msg}");
    assert!(hint.contains("year = 2024"), "{hint}");
    assert_eq!(loc, (5, 8));
}

#[test]
fn bad_id_characters() {
    let (msg, hint, loc) = only(&ok_with("id = \"enterprises\"", "id = \"R&D-Amount\""));
    assert_eq!(msg, "stat id `R&D-Amount` may contain only a-z, 0-9 and _");
    assert_eq!(hint, "write id = \"rd_amount\"");
    assert_eq!(loc, (2, 6));
}

#[test]
fn missing_id() {
    let (msg, _, loc) = only(&OK.replace("id = \"enterprises\"\n", ""));
    assert_eq!(msg, "this [[stat]] record has no `id`");
    assert_eq!(loc, (1, 1));
}

const GROUP: &str = "\n[[group]]\nid = \"tiers\"\ntitle = { zh = \"梯队\", en = \"Tiers\" }\n";

#[test]
fn group_naming_an_unknown_id() {
    let (msg, hint, loc) = only(&format!("{OK}{GROUP}stats = [\"enterprise\"]\n"));
    assert_eq!(msg, "unknown stat id `enterprise` in group `tiers`");
    assert_eq!(hint, "did you mean `enterprises`?");
    assert_eq!(loc, (12, 10));
}

#[test]
fn group_errors_duplicates_empty_and_title() {
    let src = format!("{OK}{GROUP}stats = [\"enterprises\", \"enterprises\"]\n");
    let (msg, _, loc) = only(&src);
    assert_eq!(msg, "group `tiers` lists `enterprises` twice");
    assert_eq!(loc, (12, 25));
    let (msg, _, _) = only(&format!("{OK}{GROUP}stats = []\n"));
    assert_eq!(msg, "group `tiers` lists no stats");
    let src = format!("{OK}{GROUP}stats = [\"enterprises\"]\n").replace(", en = \"Tiers\"", "");
    let (msg, _, loc) = only(&src);
    assert_eq!(msg, "group `tiers` has no en text in `title`");
    assert_eq!(loc, (11, 9));
    let (msg, _, _) = only(&format!(
        "{OK}{GROUP}stats = [\"enterprises\"]\n{GROUP}stats = [\"enterprises\"]\n"
    ));
    assert_eq!(msg, "duplicate group id `tiers`");
}

#[test]
fn a_broken_record_does_not_cascade_into_groups() {
    let src = format!(
        "{}{GROUP}stats = [\"enterprises\"]\n",
        ok_with("year = 2023", "year = \"x\"")
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
}

#[test]
fn all_errors_are_collected_in_file_order() {
    let second = OK
        .replace("id = \"enterprises\"", "id = \"platforms\"")
        .replace("unit = \"enterprises\"", "unit = \"platform\"");
    let src = format!(
        "{}\n{second}{GROUP}stats = [\"enterprizes\"]\n",
        ok_with("value = 430", "value = \"430\"")
    );
    let errs = errors(&src);
    let lines: Vec<usize> = errs.iter().map(|d| d.location().unwrap().0).collect();
    assert_eq!(lines, vec![3, 12, 20], "{errs:#?}");
}

#[test]
fn rendered_report_has_file_line_col_and_hint() {
    let errs = errors(&ok_with("unit = \"enterprises\"", "unit = \"meters\""));
    let text = errs[0].render(false);
    assert!(text.contains("content/stats.toml:4:8"), "{text}");
    assert!(text.contains("did you mean `metres`?"), "{text}");
}

#[test]
fn a_language_without_rules_is_told_how_to_name_them() {
    let err = load(
        Path::new("content/stats.toml"),
        &Arc::from(OK),
        &["zh", "fr"],
    )
    .unwrap_err();
    assert_eq!(
        err.0[0].message,
        "stats cannot be formatted in language `fr`"
    );
    assert!(
        err.0[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("[languages.fr] the ones it follows: figures = \"zh\" or figures = \"en\"")
    );
}

#[test]
fn a_zh_only_site_needs_no_english() {
    let src = OK
        .replace(", en = \"Firms\"", "")
        .replace(", en = \"Article\"", "");
    let stats = load(
        Path::new("content/stats.toml"),
        &Arc::from(src.as_str()),
        &["zh"],
    )
    .unwrap();
    assert_eq!(stats.display("enterprises", "zh").as_deref(), Some("430家"));
    assert!(stats.record_view("enterprises", "en").is_none());
}

#[test]
fn a_timeless_figure_has_no_year() {
    let text = OK.replace("year = 2023\n", "timeless = true\n");
    let stats = load_str(&text).unwrap_or_else(|d| panic!("{d}"));
    let s = stats.get("enterprises").unwrap();
    assert_eq!(s.latest().when, crate::stats::When::Timeless);
    assert_eq!(
        stats.period("enterprises", "en").as_deref(),
        Some("not applicable")
    );
    assert_eq!(stats.period("enterprises", "zh").as_deref(), Some("不适用"));
}

#[test]
fn timeless_and_a_year_are_refused() {
    let (msg, hint, loc) = only(&format!("{OK}timeless = true\n"));
    assert_eq!(
        msg,
        "stat `enterprises` is `timeless` and has a year too; give one or the other"
    );
    assert!(hint.contains("timeless = true"), "{hint}");
    assert_eq!(loc, (5, 8));
    let (msg, _, _) = only(&OK.replace("year = 2023\n", "timeless = false\n"));
    assert_eq!(msg, "stat `enterprises` has `timeless = false`");
}
