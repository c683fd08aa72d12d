//! The cases of the bad-input suite, and the small edits they are made of.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Case, Expect, refused};
use crate::harness::{Site, tree_bytes};

/// The file the `unreadable_file` case makes unreadable.
pub const UNREADABLE: &str = "content/tech/case.md";

/// Every case, in the order they run.
pub fn all() -> Vec<Case> {
    let mut all = output_cases();
    all.extend(front_matter_cases());
    all.extend(path_cases());
    all.extend(symlink_cases());
    all.extend(bounds_cases());
    all.extend(history_cases());
    all.extend(url_cases());
    all.extend(photo_cases());
    all.extend(built_cases());
    all
}

fn case(name: &'static str, break_it: fn(&Site)) -> Case {
    Case {
        name,
        break_it,
        args: &[],
        expect: refused(),
    }
}

// ----- edits -----

/// Replaces the first `from` in a project file (which must contain it).
fn edit(s: &Site, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    s.write(rel, &text.replacen(from, to, 1));
}

fn output_dir(s: &Site, value: &str) {
    edit(
        s,
        "config.toml",
        "output_dir = \"public\"",
        &format!("output_dir = \"{value}\""),
    );
}

/// A symlink at `link` (relative to the project) pointing at `target` as given.
fn symlink(s: &Site, target: impl AsRef<Path>, link: &str) {
    let at = s.root().join(link);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A file outside the project, beside it in the temporary folder.
fn outside_file(s: &Site) -> PathBuf {
    let secret = s.parent().join("outside/secret.txt");
    std::fs::create_dir_all(secret.parent().unwrap()).unwrap();
    std::fs::write(&secret, "not for publishing\n").unwrap();
    secret
}

fn page(s: &Site, front: &str) {
    s.write(
        "content/tech/case.md",
        &format!("+++\n{front}+++\n案例。\n"),
    );
}

// ----- the output folder -----

fn output_cases() -> Vec<Case> {
    vec![
        case("output_dir_dot", |s| output_dir(s, ".")),
        case("output_dir_content", |s| output_dir(s, "content")),
        case("output_dir_templates", |s| output_dir(s, "templates")),
        case("output_dir_static", |s| output_dir(s, "static")),
        case("output_dir_parent", |s| output_dir(s, "..")),
        case("output_dir_holds_the_stats_file", |s| {
            s.write("data/stats.toml", "");
            edit(
                s,
                "config.toml",
                "output_dir = \"public\"",
                "output_dir = \"data\"\nstats = \"data/stats.toml\"",
            );
        }),
        case("output_dir_filesystem_root", |s| output_dir(s, "/")),
        case("output_symlinked", |s| {
            std::fs::create_dir_all(s.parent().join("elsewhere")).unwrap();
            std::fs::write(s.parent().join("elsewhere/index.html"), "another site").unwrap();
            std::fs::remove_dir_all(s.public()).unwrap();
            symlink(s, "../elsewhere", "public");
        }),
        case("output_not_ours", |s| {
            std::fs::remove_dir_all(s.public()).unwrap();
            s.write("public/precious.txt", "keep me\n");
        }),
        case("output_marker_missing", |s| {
            std::fs::remove_file(s.public().join(profilegen::output::MARKER)).unwrap();
        }),
        Case {
            args: &["--output-dir", "site/templates"],
            ..case("output_dir_option_into_templates", |_| {})
        },
        Case {
            args: &["--force"],
            expect: Expect::Refused(|s| assert!(s.root().join("content/tech/case.md").is_file())),
            ..case("output_dir_through_symlinked_alias_even_forced", |s| {
                symlink(s, ".", "alias");
                output_dir(s, "alias/content");
            })
        },
        Case {
            expect: Expect::Refused(|s| {
                for i in 1..=5 {
                    assert!(!s.public().join(format!("tech/p{i}/index.html")).exists());
                }
            }),
            ..case("template_error_on_one_of_five_pages", five_pages_one_broken)
        },
    ]
}

/// Five new pages; the template fails on the third only.
fn five_pages_one_broken(s: &Site) {
    for i in 1..=5 {
        let boom = if i == 3 { "[extra]\nboom = true\n" } else { "" };
        s.write(
            &format!("content/tech/p{i}.md"),
            &format!("+++\ntitle = \"页{i}\"\n{boom}+++\n正文。\n"),
        );
        s.write(
            &format!("content/tech/p{i}.en.md"),
            &format!("+++\ntitle = \"Page {i}\"\n{boom}+++\nText.\n"),
        );
    }
    edit(
        s,
        "templates/page.html",
        "{% block content %}",
        "{% block content %}{% if page.extra.boom %}{{ page.extra.missing.deeper }}{% endif %}",
    );
}

// ----- front matter and encodings -----

fn front_matter_cases() -> Vec<Case> {
    vec![
        case("front_matter_unterminated_string", |s| {
            page(
                s,
                "title = \"案例\"\n\ndescription = \"没有结束\nweight = 1\n",
            );
        }),
        case("front_matter_full_width_quotes", |s| {
            page(s, "title = “案例”\n");
        }),
        case("front_matter_missing_opening_fence", |s| {
            s.write("content/tech/case.md", "title = \"案例\"\n\n# 案例\n");
        }),
        case("front_matter_missing_closing_fence", |s| {
            s.write("content/tech/case.md", "+++\ntitle = \"案例\"\n\n案例。\n");
        }),
        case("front_matter_unknown_key", |s| {
            page(s, "title = \"案例\"\ndescripton = \"简介\"\n");
        }),
        case("front_matter_wrong_type", |s| {
            page(s, "title = \"案例\"\nweight = \"heavy\"\n");
        }),
        case("front_matter_time_without_date", |s| {
            page(s, "title = \"案例\"\ndate = 08:30:00\n");
        }),
        case("encoding_gbk", |s| {
            // "案例" in GBK is B0 B8 C0 FD.
            s.write_bytes(
                "content/tech/case.md",
                b"+++\ntitle = \"\xB0\xB8\xC0\xFD\"\n+++\n",
            );
        }),
        case("encoding_utf16_le", |s| {
            s.write_bytes(
                "content/tech/case.md",
                &utf16("+++\ntitle = \"案例\"\n+++\n", true),
            );
        }),
        case("encoding_utf16_be", |s| {
            s.write_bytes(
                "content/tech/case.md",
                &utf16("+++\ntitle = \"案例\"\n+++\n", false),
            );
        }),
    ]
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

// ----- paths, slugs, URLs -----

fn path_cases() -> Vec<Case> {
    vec![
        case("duplicate_url_by_case", |s| {
            s.write("content/tech/Tech.md", "+++\ntitle = \"大写\"\n+++\n");
            s.write("content/tech/tech.md", "+++\ntitle = \"小写\"\n+++\n");
        }),
        case("duplicate_url_by_slug", |s| {
            s.write(
                "content/tech/other.md",
                "+++\ntitle = \"另一页\"\nslug = \"case\"\n+++\n",
            );
        }),
        case("static_file_replaces_a_generated_page", |s| {
            s.write("static/tech/case/index.html", "<p>a stale copy</p>\n");
            s.write("static/en/404.html", "<p>not found</p>\n");
        }),
        case("static_and_content_files_collide", |s| {
            let css = std::fs::read(s.root().join("static/css/site.css")).unwrap();
            s.write_bytes("content/css/site.css", &css);
        }),
        case("slug_parent_dir", |s| {
            page(s, "title = \"x\"\nslug = \"../evil\"\n")
        }),
        case("slug_percent_encoded_dots", |s| {
            page(s, "title = \"x\"\nslug = \"%2e%2e\"\n");
        }),
        case("slug_windows_drive_letter", |s| {
            page(s, "title = \"x\"\nslug = \"C:evil\"\n");
        }),
        case("slug_absolute", |s| {
            page(s, "title = \"x\"\nslug = \"/etc/cron.d\"\n")
        }),
        case("template_key_leaves_templates", |s| {
            page(s, "title = \"x\"\ntemplate = \"../../../etc/passwd\"\n");
        }),
        case("stats_path_leaves_project", |s| {
            std::fs::write(s.parent().join("outside.toml"), "").unwrap();
            edit(
                s,
                "config.toml",
                "output_dir = \"public\"",
                "output_dir = \"public\"\nstats = \"../outside.toml\"",
            );
        }),
    ]
}

// ----- symlinks and unreadable files -----

fn symlink_cases() -> Vec<Case> {
    vec![
        case("symlink_escape_in_content", |s| {
            symlink(s, outside_file(s), "content/tech/leak.md");
        }),
        case("symlink_escape_in_templates", |s| {
            symlink(s, outside_file(s), "templates/partials/leak.html");
        }),
        case("symlink_escape_in_static", |s| {
            symlink(s, outside_file(s), "static/leak.txt");
        }),
        case("symlink_loop_in_content", |s| {
            symlink(s, "b.md", "content/tech/a.md");
            symlink(s, "a.md", "content/tech/b.md");
        }),
        case("symlink_loop_in_templates", |s| {
            symlink(s, "loop.html", "templates/loop.html");
        }),
        case("symlink_loop_in_static", |s| {
            symlink(s, "loop.txt", "static/loop.txt")
        }),
        case("symlink_dangling_in_content", |s| {
            symlink(s, "gone.md", "content/tech/dangling.md");
        }),
        case("symlink_dangling_in_templates", |s| {
            symlink(s, "gone.html", "templates/dangling.html");
        }),
        case("symlink_dangling_in_static", |s| {
            symlink(s, "gone.txt", "static/dangling.txt");
        }),
        case("raw_html_script_in_iframe_srcdoc", |s| {
            let html = "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n{html}\n"),
            );
        }),
        case("raw_html_javascript_url_set_by_svg_animation", |s| {
            let svg = "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/>\
                       <text y=\"20\">x</text></a></svg>";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n段落 {svg}\n"),
            );
        }),
        case("raw_html_script_after_a_bang_closed_comment", |s| {
            let html = "<!-- a comment --!> <script>alert(1)</script> -->";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n{html}\n"),
            );
        }),
        case(
            "raw_html_tag_left_open_turns_later_text_into_attributes",
            |s| {
                // Found by fuzzing: the open quote ran on into the task list's `disabled=""`,
                // and a browser read the words after it as attributes, `onmouseover=` too.
                let body = "<div id=\"intro\n\n- [x] done onmouseover=alert(1) x\n";
                s.write(
                    "content/tech/case.md",
                    &format!("+++\ntitle = \"x\"\n+++\n{body}"),
                );
            },
        ),
        case("raw_html_iframe_left_open_swallows_the_page", |s| {
            // From the Big List of Naughty Strings: the iframe's start tag eats `</p>`,
            // and everything after it, footer included, became its fallback text.
            let body = "<p><iframe src=http://example.com/ <</p>\n\nMore text.\n";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n{body}"),
            );
        }),
        case("raw_html_data_url_with_a_document", |s| {
            let body = "<iframe src=\"data:text/html,&lt;p&gt;hi\"></iframe>\n";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n{body}"),
            );
        }),
        case("raw_html_script_in_an_indented_block", |s| {
            // Found by fuzzing: one space of indentation hid the block from the scan.
            let body = "段落。\n\n <script>alert(1)</script>\n";
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"x\"\n+++\n{body}"),
            );
        }),
        case("named_pipe_in_content", |s| {
            let fifo = s.root().join("content/tech/pipe.md");
            let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
            assert!(made.success(), "mkfifo failed");
        }),
        case("unreadable_file", |s| {
            use std::os::unix::fs::PermissionsExt;
            let file = s.root().join(UNREADABLE);
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o000)).unwrap();
        }),
    ]
}

/// `cmd` run as the unprivileged user `nobody` (uid 65534), for a process that reads
/// `chmod 000` files anyway (root). The fixture is handed to that user first. `None`,
/// with the reason printed, where that cannot be done.
pub fn as_nobody(site: &Site, cmd: Command) -> Option<Command> {
    let skip = |why: &str| {
        eprintln!("unreadable_file: skipped: this process reads chmod 000 files (root) and {why}");
        None
    };
    if Command::new("setpriv").arg("--version").output().is_err() {
        return skip("`setpriv` (util-linux) is not installed to drop privileges");
    }
    for entry in walkdir::WalkDir::new(site.parent()).follow_links(false) {
        let entry = entry.unwrap();
        std::os::unix::fs::lchown(entry.path(), Some(65534), Some(65534)).unwrap();
    }
    let probe = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(cmd.get_program())
        .arg("--version")
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return skip("user nobody cannot run the test binary from here");
    }
    let mut dropped = Command::new("setpriv");
    dropped.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    dropped.arg(cmd.get_program()).args(cmd.get_args());
    dropped.current_dir(site.parent()).env("NO_COLOR", "1");
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => dropped.env(key, value),
            None => dropped.env_remove(key),
        };
    }
    Some(dropped)
}

// ----- figures with history, units -----

/// A figure with history, shown on the case page; `edit` then breaks one thing.
const HISTORY: &str = "[[stat]]\nid = \"revenue\"\nunit = \"yuan\"\nseries = { 2022 = 5000000000, 2023 = 6000000000 }\nlabel = { zh = \"营业收入\", en = \"Revenue\" }\nsource = { zh = \"公报\", en = \"Bulletin\" }\n\n[[stat]]\nid = \"firms\"\nvalue = 10\nunit = \"enterprises\"\nas_of = 2024\nlabel = { zh = \"企业\", en = \"Firms\" }\nsource = { zh = \"公报\", en = \"Bulletin\" }\n";

fn with_history(s: &Site, stats: &str, body: &str) {
    s.write("content/stats.toml", stats);
    s.write(
        "content/tech/case.md",
        &format!("+++\ntitle = \"案例\"\n+++\n{body}\n"),
    );
}

fn history_cases() -> Vec<Case> {
    vec![
        case("series_year_not_in_the_series", |s| {
            with_history(
                s,
                HISTORY,
                "上一年营收{{ stat(id=\"revenue\", year=2019) }}。",
            );
        }),
        case("series_duplicate_year", |s| {
            let stats = HISTORY.replace("2022 = 5000000000, 2023", "2022 = 5000000000, 2022");
            with_history(s, &stats, "营收{{ stat(id=\"revenue\") }}。");
        }),
        case("series_year_key_not_a_number", |s| {
            let stats = HISTORY.replace("2022 = 5000000000", "last_year = 5000000000");
            with_history(s, &stats, "营收{{ stat(id=\"revenue\") }}。");
        }),
        case("series_change_from_an_inexact_value", |s| {
            let exceeds = "2023 = { value = 6000000000, qualifier = \"exceeds\" }";
            let stats = HISTORY.replace("2023 = 6000000000", exceeds);
            with_history(s, &stats, "营收{{ stat_change(id=\"revenue\") }}。");
        }),
        case("unit_used_but_not_defined", |s| {
            let stats = HISTORY.replace("unit = \"enterprises\"", "unit = \"square_kilometres\"");
            with_history(s, &stats, "企业{{ stat(id=\"firms\") }}家。");
        }),
        case("unit_defined_twice", |s| {
            let unit = "[[unit]]\nid = \"mu\"\nzh = \"亩\"\nen = \"mu\"\n\n";
            with_history(
                s,
                &format!("{unit}{unit}{HISTORY}"),
                "企业{{ stat(id=\"firms\") }}家。",
            );
        }),
    ]
}

// ----- paginated sections, aliases -----

fn url_cases() -> Vec<Case> {
    vec![
        case("paginate_by_zero", |s| {
            edit(
                s,
                "content/tech/_index.md",
                "weight = 1",
                "weight = 1\npaginate_by = 0",
            );
        }),
        case("alias_is_another_pages_url", |s| {
            page(s, "title = \"案例\"\naliases = [\"/tech/\"]\n");
        }),
        case("alias_twice_in_two_files", |s| {
            page(s, "title = \"案例\"\naliases = [\"/old/\"]\n");
            s.write(
                "content/tech/other.md",
                "+++\ntitle = \"其他\"\naliases = [\"/old\"]\n+++\n其他。\n",
            );
        }),
        case("alias_escapes_the_site", |s| {
            page(s, "title = \"案例\"\naliases = [\"/../../etc/passwd\"]\n");
        }),
    ]
}

// ----- photos -----

/// The case page showing `name`, a file of `content/tech/` holding `bytes`.
fn with_photo(s: &Site, name: &str, bytes: &[u8]) {
    s.write_bytes(&format!("content/tech/{name}"), bytes);
    s.write(
        "content/tech/case.md",
        &format!("+++\ntitle = \"案例\"\n+++\n车间。\n\n![车间一角]({name})\n"),
    );
}

/// A small PNG.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 30, image::Rgb([20, 90, 160]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn photo_cases() -> Vec<Case> {
    vec![
        case("photo_missing", |s| {
            with_photo(s, "workshop.png", &png());
            s.write(
                "content/tech/case.md",
                "+++\ntitle = \"案例\"\n+++\n![车间一角](worksop.png)\n",
            );
        }),
        case("photo_extension_lies", |s| {
            with_photo(s, "workshop.jpg", &png())
        }),
        case("photo_not_an_image", |s| {
            with_photo(s, "workshop.jpg", b"GIF? no: a text file renamed")
        }),
        case("photo_decompression_bomb", |s| {
            with_photo(s, "bomb.png", &crate::photos::png_bomb(60_000, 60_000))
        }),
    ]
}

// ----- bounds: deep TOML, floods of errors -----

fn bounds_cases() -> Vec<Case> {
    vec![
        case("deep_toml_stats_file", |s| {
            let n = 10_000;
            let text = format!("deep = {}{}\n", "[".repeat(n), "]".repeat(n));
            s.write("content/stats.toml", &text);
        }),
        case("deep_toml_dotted_key_in_front_matter", |s| {
            let key = vec!["a"; 10_000].join(".");
            page(s, &format!("title = \"x\"\n[extra]\n{key} = 1\n"));
        }),
        case("deep_toml_inline_tables_in_config", |s| {
            let n = 10_000;
            let deep = format!("deep = {}1{}", "{ a = ".repeat(n), " }".repeat(n));
            edit(
                s,
                "config.toml",
                "[markdown]",
                &format!("[markdown.x]\n{deep}\n[markdown]"),
            );
        }),
        case("twenty_megabyte_page_is_over_the_stated_limit", |s| {
            // Search indexing takes time quadratic in a page's length: a 20 MB page once
            // ran for half an hour. Pages are limited to 8 MiB, checked before reading.
            let para = "新材料产业集群，键合铜丝与电子浆料。".repeat(40) + "\n\n";
            let body = para.repeat(20 * 1024 * 1024 / para.len() + 1);
            s.write(
                "content/tech/case.md",
                &format!("+++\ntitle = \"大\"\n+++\n{body}"),
            );
        }),
        case("twenty_thousand_broken_shortcodes", |s| {
            s.write(
                "content/tech/case.md",
                &format!(
                    "+++\ntitle = \"x\"\n+++\n{}\n",
                    "{{ stat(id=\"x\" ".repeat(20_000)
                ),
            );
        }),
    ]
}

// ----- what must build -----

fn built_cases() -> Vec<Case> {
    vec![
        Case {
            expect: Expect::Built(same_output),
            ..case("bom_and_crlf_give_identical_output", to_windows_files)
        },
        Case {
            expect: Expect::Built(xss::check),
            ..case("xss_in_front_matter_config_and_stats", xss::plant)
        },
        Case {
            expect: Expect::Built(bounded_output),
            ..case("pathological_markdown", pathological)
        },
    ]
}

/// Every text file of the project rewritten with a UTF-8 byte-order mark and CRLF.
fn to_windows_files(s: &Site) {
    for (rel, bytes) in tree_bytes(s.root()) {
        let top = rel.components().next().unwrap().as_os_str().to_owned();
        let text_file = rel
            .extension()
            .is_some_and(|e| e == "md" || e == "html" || e == "toml");
        if top == "public" || !text_file {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
        let mut out = vec![0xEF, 0xBB, 0xBF];
        out.extend(text.into_bytes());
        std::fs::write(s.root().join(&rel), out).unwrap();
    }
}

fn same_output(s: &Site, before: &BTreeMap<PathBuf, Vec<u8>>) {
    let after = tree_bytes(&s.public());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &after {
        assert!(before[path] == *bytes, "{} differs", path.display());
    }
}

/// The quadratic patterns of CommonMark implementations (cmark's pathological tests)
/// and 10,000-deep nesting, one page each.
fn pathological(s: &Site) {
    let n = 20_000;
    let patterns: Vec<(&str, String)> = vec![
        (
            "strong-emph",
            format!("{}b{}", "*a **a ".repeat(n), " a** a*".repeat(n)),
        ),
        ("emph-closers", "a_ ".repeat(n)),
        ("emph-openers", "_a ".repeat(n)),
        ("link-closers", "a]".repeat(n)),
        ("link-openers", "[a".repeat(n)),
        ("mismatched", "*a_ ".repeat(n)),
        ("link-emph", "[ a_".repeat(n)),
        ("unclosed-links", "[a](<b".repeat(n)),
        (
            "backticks",
            (1..1500).map(|i| format!("e{}", "`".repeat(i))).collect(),
        ),
        ("comments", format!("</{}", "<!--".repeat(n))),
        (
            "references",
            format!("[x]: /{}\n\n{}", "a".repeat(100_000), "[x] ".repeat(n)),
        ),
        ("quotes-10000", format!("{}a", "> ".repeat(10_000))),
        ("lists-10000", format!("{}a", "- ".repeat(10_000))),
        (
            "brackets-10000",
            format!("{}a{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "html-10000",
            format!("{}x{}", "<div>".repeat(10_000), "</div>".repeat(10_000)),
        ),
        (
            "footnotes",
            (0..n).map(|i| format!("[^{i}]: [^{}]\n", i + 1)).collect(),
        ),
    ];
    for (name, body) in patterns {
        s.write(
            &format!("content/tech/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\n+++\n{body}\n"),
        );
        s.write(
            &format!("content/tech/{name}.en.md"),
            &format!("+++\ntitle = \"{name}\"\n+++\nx\n"),
        );
    }
}

/// Every page was written, and none is much bigger than its source.
fn bounded_output(s: &Site, _: &BTreeMap<PathBuf, Vec<u8>>) {
    for entry in std::fs::read_dir(s.root().join("content/tech")).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|n| n.to_str()) else {
            continue;
        };
        if stem.starts_with('_') || stem.ends_with(".en") {
            continue;
        }
        let source = std::fs::metadata(&path).unwrap().len();
        let html = s.public().join(format!("tech/{stem}/index.html"));
        let written = std::fs::metadata(&html)
            .unwrap_or_else(|e| panic!("{}: {e}", html.display()))
            .len();
        assert!(
            written <= 16 * source + 256 * 1024,
            "{stem}: {written} bytes from a {source}-byte source"
        );
    }
}

pub mod xss;
