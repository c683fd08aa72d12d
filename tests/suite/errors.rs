//! Bad input gets a located error and leaves the previous output untouched.

use crate::harness::Site;

/// Builds the starter, breaks it with `edit`, and checks the error text and that the
/// previous output is byte-identical.
fn fails_with(edit: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::starter();
    site.build_ok();
    let before = site.snapshot();
    edit(&site);
    let text = site.build_err();
    for e in expected {
        assert!(text.contains(e), "expected {e:?} in:\n{text}");
    }
    assert!(site.snapshot() == before, "the previous public/ changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    text
}

#[test]
fn unknown_front_matter_key_names_file_line_and_suggests() {
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"案例\"\ndescripton = \"x\"\n+++\n",
            );
        },
        &["content/tech/case.md:3:1", "did you mean `description`?"],
    );
}

#[test]
fn unterminated_string_is_reported_at_the_files_line() {
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"案例\"\n\ndescription = \"x\nweight = 1\n+++\n",
            );
        },
        &["content/tech/case.md:4:"],
    );
}

#[test]
fn full_width_quotes_get_a_pointed_hint() {
    fails_with(
        |s| {
            s.write("content/tech/case.md", "+++\ntitle = “案例”\n+++\n");
        },
        &["content/tech/case.md:2:", "full-width"],
    );
}

#[test]
fn missing_front_matter_says_how_to_start() {
    fails_with(
        |s| {
            s.write("content/tech/case.md", "# 案例\n");
        },
        &["content/tech/case.md:1:1", "missing front matter"],
    );
}

#[test]
fn two_files_with_one_url_are_both_named() {
    fails_with(
        |s| {
            s.write("content/tech/Case.md", "+++\ntitle = \"x\"\n+++\n");
        },
        &[
            "content/tech/Case.md",
            "content/tech/case.md",
            "both map to",
        ],
    );
}

#[test]
fn slug_cannot_climb_out() {
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"x\"\nslug = \"../evil\"\n+++\n",
            );
        },
        &["content/tech/case.md:3:8", "invalid `slug`"],
    );
}

#[test]
fn link_to_a_missing_page_or_anchor_is_located() {
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"x\"\n+++\n\n见[这里](@/tech/_index.md#polcy)。\n",
            );
        },
        &[
            "content/tech/case.md:5:",
            "#polcy",
            "did you mean `#policy`?",
        ],
    );
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"x\"\n+++\n见[这里](@/tehc/_index.md)。\n",
            );
        },
        &[
            "content/tech/case.md:4:",
            "@/tehc/_index.md",
            "did you mean `@/tech/_index.md`?",
        ],
    );
}

#[test]
fn ui_string_missing_in_one_language_names_key_and_language() {
    fails_with(
        |s| {
            s.replace(
                "config.toml",
                "[languages.en.translations]\n",
                "[languages.en.translations]\nonly_en = \"x\"\n",
            );
        },
        &[
            "UI string `only_en` is defined for `en` but missing for `zh`",
            "config.toml:",
        ],
    );
}

#[test]
fn config_typo_suggests_the_key() {
    fails_with(
        |s| {
            s.replace("config.toml", "title =", "titel =");
        },
        &["config.toml:", "did you mean `title`?"],
    );
}

#[test]
fn unknown_template_is_an_error_at_the_key() {
    fails_with(
        |s| {
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"x\"\ntemplate = \"nope.html\"\n+++\n",
            );
        },
        &[
            "content/tech/case.md:3:12",
            "template `nope.html` does not exist",
        ],
    );
}

#[test]
fn template_runtime_error_points_into_the_template() {
    fails_with(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock content %}\n");
        },
        &[
            "templates/page.html:3:",
            "while rendering `content/tech/case",
        ],
    );
}

#[test]
fn gbk_file_is_named_with_a_fix() {
    fails_with(
        |s| {
            s.write_bytes(
                "content/tech/case.md",
                b"+++\ntitle = \"\xB0\xB8\xC0\xFD\"\n+++\n",
            );
        },
        &[
            "content/tech/case.md:2:10",
            "looks like GBK",
            "save as UTF-8",
        ],
    );
}
