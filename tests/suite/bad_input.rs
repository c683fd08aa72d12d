//! The bad-input suite: broken and hostile sites built with the real binary.
//!
//! Every case starts from the starter site built by the binary, in a temporary folder of its own
//! (`[TMP]/site`), breaks it, and runs `profilegen build --root site` with `NO_COLOR=1`.
//! It asserts the exit code and the report (a snapbox snapshot in
//! `snapshots/bad_input/<case>.txt`, the temporary path written as `[TMP]`, times as
//! `[N]`; `SNAPSHOTS=overwrite cargo test` rewrites them for review). A refused build
//! must leave `public/` byte-identical; every build must leave everything in the temporary folder
//! outside `public/` as it was (contents, modification times, no staging folder left),
//! but for the photo cache `.profilegen-cache/`.
//! The cases that must build (encodings, escaping, pathological input) check the output.
//! Each case then runs once more with the messages in Chinese (`PROFILEGEN_MESSAGES=zh`):
//! the same exit code, its report in `snapshots/bad_input/zh/<case>.txt` (the build sees
//! what the English one left, so the two runs are deterministic).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::harness::{Page, Site, tree_bytes};

mod cases;

/// What a case must end with.
pub enum Expect {
    /// Exit code 1 and `public/` unchanged; then a check of its own.
    Refused(fn(&Site)),
    /// Exit code 0; the check gets the site and the output of the build before.
    Built(fn(&Site, &BTreeMap<PathBuf, Vec<u8>>)),
}

/// One fixture: a name (the snapshot's), how to break the starter, extra arguments.
pub struct Case {
    pub name: &'static str,
    pub break_it: fn(&Site),
    pub args: &'static [&'static str],
    pub expect: Expect,
}

/// A refused build with nothing more to check.
pub fn refused() -> Expect {
    Expect::Refused(|_| {})
}

/// One `#[test]` per case, so one failure hides no other; the list must name every case
/// of [`cases::all`] ([`the_suite_lists_every_case_once`]).
macro_rules! case_tests {
    ($($name:ident,)*) => {
        /// The names the macro made tests for.
        const TESTED: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                run_named(stringify!($name));
            }
        )*
    };
}

mod each {
    use super::run_named;

    case_tests! {
        series_year_not_in_the_series,
        series_duplicate_year,
        series_year_key_not_a_number,
        series_change_from_an_inexact_value,
        unit_used_but_not_defined,
        unit_defined_twice,
        paginate_by_zero,
        alias_is_another_pages_url,
        alias_twice_in_two_files,
        alias_escapes_the_site,
        photo_missing,
        photo_extension_lies,
        photo_not_an_image,
        photo_decompression_bomb,
        bom_and_crlf_give_identical_output,
        deep_toml_dotted_key_in_front_matter,
        deep_toml_inline_tables_in_config,
        deep_toml_stats_file,
        duplicate_url_by_case,
        duplicate_url_by_slug,
        encoding_gbk,
        encoding_utf16_be,
        encoding_utf16_le,
        front_matter_full_width_quotes,
        front_matter_missing_closing_fence,
        front_matter_missing_opening_fence,
        front_matter_time_without_date,
        front_matter_unknown_key,
        front_matter_unterminated_string,
        front_matter_wrong_type,
        named_pipe_in_content,
        output_dir_content,
        output_dir_dot,
        output_dir_filesystem_root,
        output_dir_holds_the_stats_file,
        output_dir_option_into_templates,
        output_dir_parent,
        output_dir_static,
        output_dir_templates,
        output_dir_through_symlinked_alias_even_forced,
        output_marker_missing,
        output_not_ours,
        output_symlinked,
        pathological_markdown,
        raw_html_javascript_url_set_by_svg_animation,
        raw_html_data_url_with_a_document,
        raw_html_iframe_left_open_swallows_the_page,
        raw_html_script_after_a_bang_closed_comment,
        raw_html_script_in_an_indented_block,
        raw_html_script_in_iframe_srcdoc,
        raw_html_tag_left_open_turns_later_text_into_attributes,
        slug_absolute,
        slug_parent_dir,
        slug_percent_encoded_dots,
        slug_windows_drive_letter,
        static_and_content_files_collide,
        static_file_replaces_a_generated_page,
        stats_path_leaves_project,
        symlink_dangling_in_content,
        symlink_dangling_in_static,
        symlink_dangling_in_templates,
        symlink_escape_in_content,
        symlink_escape_in_static,
        symlink_escape_in_templates,
        symlink_loop_in_content,
        symlink_loop_in_static,
        symlink_loop_in_templates,
        template_error_on_one_of_five_pages,
        template_key_leaves_templates,
        twenty_megabyte_page_is_over_the_stated_limit,
        twenty_thousand_broken_shortcodes,
        unreadable_file,
        xss_in_front_matter_config_and_stats,
    }

    pub(super) fn tested() -> &'static [&'static str] {
        TESTED
    }
}

fn run_named(name: &str) {
    let all = cases::all();
    let case = all.iter().find(|c| c.name == name);
    run(case.unwrap_or_else(|| panic!("no bad-input case named {name}")));
}

#[test]
fn the_suite_lists_every_case_once() {
    let all = cases::all();
    assert!(all.len() >= 30, "the suite promises at least 30 cases");
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "case names must be unique");
    let mut tested = each::tested().to_vec();
    tested.sort_unstable();
    assert_eq!(tested, names, "list every case in `case_tests!`");
}

fn run(case: &Case) {
    let site = Site::starter();
    let first = finish(profilegen_command(&site, &[], "en"), case.name);
    assert!(
        first.status.success(),
        "{}: the starter does not build",
        case.name
    );
    (case.break_it)(&site);
    let public_before = state(&site.public(), None);
    let bytes_before = tree_bytes(&site.public());
    let outside_before = state(site.parent(), Some(&site.public()));
    let Some(out) = profilegen(&site, case, "en") else {
        return;
    };
    let name = case.name;
    let code = out.status.code();
    match case.expect {
        Expect::Refused(check) => {
            assert_eq!(code, Some(1), "{name}: exit code\n{}", text(&out.stderr));
            let changed = diff(&public_before, &state(&site.public(), None));
            assert!(changed.is_empty(), "{name}: public/ changed: {changed:?}");
            check(&site);
        }
        Expect::Built(check) => {
            assert_eq!(code, Some(0), "{name}: exit code\n{}", text(&out.stderr));
            check(&site, &bytes_before);
        }
    }
    let changed = diff(&outside_before, &state(site.parent(), Some(&site.public())));
    assert!(
        changed.is_empty(),
        "{name}: touched outside public/: {changed:?}"
    );
    assert_report(&site, &out, &format!("{name}.txt"));
    let Some(zh) = profilegen(&site, case, "zh") else {
        return;
    };
    assert_eq!(zh.status.code(), code, "{name}: exit code in Chinese");
    assert_report(&site, &zh, &format!("zh/{name}.txt"));
}

/// The run's report against its snapshot `snapshots/bad_input/<file>`.
fn assert_report(site: &Site, out: &Output, file: &str) {
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/suite/snapshots/bad_input")
        .join(file);
    snapbox::Assert::new().action_env("SNAPSHOTS").eq(
        report(site, out),
        snapbox::Data::read_from(&snapshot, None).raw(),
    );
}

/// Runs the binary; `None` when the case cannot be run here (the reason is printed).
fn profilegen(site: &Site, case: &Case, messages: &str) -> Option<Output> {
    let mut cmd = profilegen_command(site, case.args, messages);
    if case.name == "unreadable_file" && reads_despite_chmod(site) {
        cmd = cases::as_nobody(site, cmd)?;
    }
    Some(finish(cmd, case.name))
}

/// `profilegen build --root site ARGS`, run in the fixture's temporary folder, its
/// messages in `messages` (`en` or `zh`).
fn profilegen_command(site: &Site, args: &[&str], messages: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_profilegen"));
    cmd.arg("build").arg("--root").arg("site").args(args);
    cmd.current_dir(site.parent())
        .env("NO_COLOR", "1")
        .env("PROFILEGEN_MESSAGES", messages);
    cmd
}

/// True when this process reads a `chmod 000` file anyway (root, CAP_DAC_OVERRIDE).
fn reads_despite_chmod(site: &Site) -> bool {
    std::fs::read(site.root().join(cases::UNREADABLE)).is_ok()
}

/// Waits for the build, killing it after five minutes: a hang is a failure, not a wait.
fn finish(mut cmd: Command, name: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: cannot start profilegen: {e}"));
    let started = Instant::now();
    let (out_pipe, err_pipe) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || read_all(out_pipe));
    let err = std::thread::spawn(move || read_all(err_pipe));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            child.kill().unwrap();
            panic!("{name}: profilegen hung (killed after 5 minutes)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn read_all(mut r: impl std::io::Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stderr and stdout with the temporary folder as `[TMP]` and times as `[N]`.
fn report(site: &Site, out: &Output) -> String {
    let mut s = format!(
        "exit: {:?}\n--- stderr\n{}--- stdout\n{}",
        out.status.code(),
        text(&out.stderr),
        text(&out.stdout)
    );
    let parent = site.parent();
    let real = std::fs::canonicalize(parent).unwrap();
    for p in [real.as_path(), parent] {
        s = s.replace(&*p.to_string_lossy(), "[TMP]");
    }
    let mut s = mask_times(&s);
    s.push('\n');
    s
}

/// `in 41 ms` → `in [N] ms`, `用时 41 毫秒` → `用时 [N] 毫秒`.
fn mask_times(s: &str) -> String {
    s.lines()
        .map(|line| match line.rsplit_once("用时 ") {
            Some((head, tail))
                if tail.ends_with(" 毫秒")
                    && tail[..tail.len() - " 毫秒".len()]
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                format!("{head}用时 [N] 毫秒")
            }
            _ => line.to_owned(),
        })
        .map(|line| match line.rsplit_once(" in ") {
            Some((head, tail))
                if tail.ends_with(" ms")
                    && tail[..tail.len() - 3].bytes().all(|b| b.is_ascii_digit()) =>
            {
                format!("{head} in [N] ms")
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a test can see of one entry of a folder.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Folder,
    File {
        len: u64,
        hash: u64,
        modified: SystemTime,
    },
    Link(PathBuf),
}

/// Every entry below `dir` (links not followed), except `skip` and what is inside it.
fn state(dir: &Path, skip: Option<&Path>) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false);
    // The photo cache is profilegen's own, like `target/` is cargo's: a build may fill it
    // even when it then fails (the next build reuses the work).
    let cache = |p: &Path| p.file_name().is_some_and(|n| n == ".profilegen-cache");
    for e in walker
        .into_iter()
        .filter_entry(|e| Some(e.path()) != skip && !cache(e.path()))
    {
        let Ok(e) = e else { continue };
        let kind = e.file_type();
        let entry = if kind.is_symlink() {
            Entry::Link(std::fs::read_link(e.path()).unwrap())
        } else if kind.is_dir() {
            Entry::Folder
        } else {
            file_entry(e.path())
        };
        out.insert(e.path().to_path_buf(), entry);
    }
    out
}

fn file_entry(path: &Path) -> Entry {
    let meta = std::fs::symlink_metadata(path).unwrap();
    let mut hasher = std::hash::DefaultHasher::new();
    if meta.is_file() {
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    Entry::File {
        len: meta.len(),
        hash: hasher.finish(),
        modified: meta.modified().unwrap(),
    }
}

/// The paths added, removed or changed between two states.
fn diff(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>) -> Vec<String> {
    crate::harness::tree_diff(before, after)
}

/// Every published HTML file, parsed, with its bytes.
pub fn html_files(site: &Site) -> Vec<(PathBuf, Vec<u8>, Page)> {
    tree_bytes(&site.public())
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, bytes)| {
            let page = Page(scraper::Html::parse_document(&String::from_utf8_lossy(
                &bytes,
            )));
            (p, bytes, page)
        })
        .collect()
}
