//! One pipeline, proven equal: `check`'s build, `serve`'s first build and `serve`'s
//! incremental rebuilds produce the bytes `build` produces from the same sources.
//!
//! The incremental engine is driven by random edit sequences (proptest): after every
//! step its output must equal a fresh build of the same sources, file for file, the
//! search index included (`serve` writes it again from the pages an edit re-rendered and
//! the words it kept of the others).

use std::path::{Path, PathBuf};
use std::time::Duration;

use profilegen::check::{self, CheckOptions};
use profilegen::config::Overrides;
use profilegen::serve::{ServeOptions, Server, Session};
use profilegen::{BuildOptions, build};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};

use crate::harness::{repo, tree_bytes, tree_diff};

/// A fresh `new` scaffold in a temporary folder (the project is `site/`).
fn scaffold() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    profilegen::scaffold::create(&root).unwrap();
    (tmp, root)
}

/// `build --no-compress` of `root` into `out`, with `serve`'s plain asset names and base
/// URL when given.
fn build_into(root: &Path, out: &Path, base_url: Option<&str>, plain: bool) {
    build(&BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides {
            base_url: base_url.map(str::to_owned),
            output_dir: Some(out.to_path_buf()),
            portable: false,
        },
        force: true,
        no_compress: true,
        plain_assets: plain,
        ..BuildOptions::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
}

fn assert_same_tree(a: &Path, b: &Path) {
    let (a, b) = (tree_bytes(a), tree_bytes(b));
    assert!(!a.is_empty(), "nothing was built");
    assert_eq!(tree_diff(&a, &b), Vec::<String>::new());
}

#[test]
fn check_passes_on_the_real_site() {
    let report = check::check(&CheckOptions::new(repo())).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.render(false));
}

#[test]
fn check_passes_on_a_new_scaffold() {
    let (_tmp, root) = scaffold();
    let report = check::check(&CheckOptions::new(&root)).unwrap();
    assert_eq!(report.errors(), 0, "{}", report.render(false));
}

/// `check` builds through the same stages as `build`: its output is `build
/// --no-compress`'s, byte for byte (feeds and sitemap included: without them the
/// project's own site failed `check`).
fn check_equals_build(root: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let (checked, built) = (tmp.path().join("checked"), tmp.path().join("built"));
    let mut opts = CheckOptions::new(root);
    opts.output_dir = Some(checked.clone());
    let report = check::check(&opts).unwrap();
    assert_eq!(report.errors(), 0, "{}", report.render(false));
    build_into(root, &built, None, false);
    assert_same_tree(&checked, &built);
}

#[test]
fn checks_build_equals_build_on_the_real_site() {
    check_equals_build(&repo());
}

#[test]
fn checks_build_equals_build_on_a_new_scaffold() {
    let (_tmp, root) = scaffold();
    check_equals_build(&root);
}

/// `serve`'s first build is `build --no-compress` with the server's base URL and plain
/// asset names (the live-reload script is injected as pages are served, not written).
fn serve_equals_build(root: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let mut opts = ServeOptions::new(root);
    opts.port = 0;
    opts.scratch = Some(tmp.path().join("serve"));
    let server = Server::start(opts).unwrap_or_else(|d| panic!("{d}"));
    let first = server.next_report(Duration::from_secs(120)).unwrap();
    assert!(first.ok(), "{:?}", first.errors);
    let built = tmp.path().join("built");
    build_into(root, &built, Some(server.url()), true);
    assert_same_tree(server.www(), &built);
}

#[test]
fn serves_first_build_equals_build_on_the_real_site() {
    serve_equals_build(&repo());
}

#[test]
fn serves_first_build_equals_build_on_a_new_scaffold() {
    let (_tmp, root) = scaffold();
    serve_equals_build(&root);
}

/// One edit an editor may make.
#[derive(Debug, Clone)]
enum Edit {
    PageText(u8),
    Title(u8),
    Slug(u8),
    Weight(u8),
    NewPage(u8),
    DeletePage(u8),
    NewTwin(u8),
    FigureValue(u8),
    GroupMembership(bool),
    Template(u8),
    Partial(u8),
    Static(u8),
    Config(u8),
    /// The example page's `aliases`: none, or one old URL.
    Alias(u8),
    /// The finance section's `paginate_by`: none, or 1–3 pages per listing page.
    Paginate(u8),
    /// A photo the example page shows: replaced (of `content/` beside the page, or of
    /// `static/`), or the page's own removed (both builds fail until it is back).
    Photo(u8),
    /// A broken front matter: both builds fail; then the fix.
    BreakThenFix,
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = || 0u8..6;
    prop_oneof![
        n().prop_map(Edit::PageText),
        n().prop_map(Edit::Title),
        n().prop_map(Edit::Slug),
        n().prop_map(Edit::Weight),
        n().prop_map(Edit::NewPage),
        n().prop_map(Edit::DeletePage),
        n().prop_map(Edit::NewTwin),
        n().prop_map(Edit::FigureValue),
        any::<bool>().prop_map(Edit::GroupMembership),
        n().prop_map(Edit::Template),
        n().prop_map(Edit::Partial),
        n().prop_map(Edit::Static),
        n().prop_map(Edit::Config),
        n().prop_map(Edit::Alias),
        n().prop_map(Edit::Paginate),
        n().prop_map(Edit::Photo),
        Just(Edit::BreakThenFix),
    ]
}

/// The scaffold under edit, with the state the edits change.
struct Sources {
    root: PathBuf,
    title: String,
    body: String,
    slug: Option<String>,
    alias: Option<String>,
}

const EXAMPLE: &str = "content/tech/example.md";

impl Sources {
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        PathBuf::from(rel)
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        PathBuf::from(rel)
    }

    /// Replaces the first line of `rel` that contains `marker` with `line`.
    fn replace(&self, rel: &str, marker: &str, line: &str) -> PathBuf {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        let at = text
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} in {rel}"));
        let start = text[..at].rfind('\n').map_or(0, |s| s + 1);
        let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        let new = format!("{}{line}{}", &text[..start], &text[end..]);
        self.write(rel, &new)
    }

    fn example(&self) -> String {
        let slug = self
            .slug
            .as_ref()
            .map(|s| format!("slug = \"{s}\"\n"))
            .unwrap_or_default();
        let alias = self
            .alias
            .as_ref()
            .map(|a| format!("aliases = [\"{a}\"]\n"))
            .unwrap_or_default();
        format!(
            "+++\ntitle = \"{}\"\ndescription = \"示例。\"\ndate = 2026-01-01\nimage = \"lab.png\"\n{slug}{alias}+++\n\n{}\n\n![实验室一角](lab.png \"实验室\")\n\n## 企业概况 {{#overview}}\n\n![园区](/img/park.png)\n\n返回[科技创新](@/tech/_index.md)。\n",
            self.title, self.body
        )
    }

    /// Applies `e`; returns the changed files, as the watcher reports them.
    fn apply(&mut self, e: &Edit) -> Vec<PathBuf> {
        match *e {
            Edit::PageText(n) => {
                self.body = format!("正文第{n}版，含数据{{{{ stat(id=\"platforms\") }}}}。");
                vec![self.write(EXAMPLE, &self.example())]
            }
            Edit::Title(n) => {
                self.title = format!("示例企业{n}");
                vec![self.write(EXAMPLE, &self.example())]
            }
            Edit::Slug(n) => {
                self.slug = (n % 3 != 0).then(|| format!("case-{n}"));
                vec![self.write(EXAMPLE, &self.example())]
            }
            Edit::Weight(n) => vec![self.replace(
                "content/talent/_index.md",
                "weight = ",
                &format!("weight = {}", n % 5),
            )],
            Edit::NewPage(n) => vec![self.write(
                &format!("content/finance/p{n}.md"),
                &format!("+++\ntitle = \"政策{n}\"\ndescription = \"政策。\"\nweight = {n}\n+++\n\n政策{n}见[示例](@/tech/example.md#overview)。\n"),
            )],
            Edit::DeletePage(n) => {
                let rel = format!("content/finance/p{n}.md");
                let _ = std::fs::remove_file(self.root.join(&rel));
                vec![PathBuf::from(rel)]
            }
            Edit::NewTwin(n) => vec![self.write(
                &format!("content/finance/p{n}.en.md"),
                &format!("+++\ntitle = \"Policy {n}\"\ndescription = \"A policy.\"\nweight = {n}\n+++\n\nPolicy {n}.\n"),
            )],
            Edit::FigureValue(n) => vec![self.replace(
                "content/stats.toml",
                "# platforms",
                &format!("value = {} # platforms", 10 + u32::from(n)),
            )],
            Edit::GroupMembership(both) => {
                let stats = if both {
                    "stats = [\"enterprises\", \"platforms\"]"
                } else {
                    "stats = [\"platforms\", \"enterprises\"]"
                };
                vec![self.replace("content/stats.toml", "stats = [", stats)]
            }
            Edit::Template(n) => vec![self.replace(
                "templates/page.html",
                "{% extends",
                &format!("{{% extends \"base.html\" %}}{{# edit {n} #}}"),
            )],
            Edit::Partial(n) => {
                let rel = "templates/partials/footer.html";
                let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
                vec![self.write(rel, &format!("{text}<!-- edit {n} -->\n"))]
            }
            Edit::Static(n) => vec![self.write(
                &format!("static/extra/note-{}.txt", n % 3),
                &format!("note {n}\n"),
            )],
            Edit::Config(n) => vec![self.replace(
                "config.toml",
                "title = \"区域产业概况",
                &format!("title = \"区域产业概况{n}\""),
            )],
            Edit::Alias(n) => {
                self.alias = (n % 3 != 0).then(|| format!("/old/case-{n}/"));
                vec![self.write(EXAMPLE, &self.example())]
            }
            Edit::Photo(n) => {
                let rel = if n % 2 == 0 {
                    "content/tech/lab.png"
                } else {
                    "static/img/park.png"
                };
                if n == 5 {
                    let _ = std::fs::remove_file(self.root.join("content/tech/lab.png"));
                    return vec![PathBuf::from("content/tech/lab.png")];
                }
                vec![self.write_bytes(rel, &photo(40 + 8 * u32::from(n)))]
            }
            Edit::Paginate(n) => {
                let line = match n % 4 {
                    0 => "# paginate".to_owned(),
                    k => format!("paginate_by = {k} # paginate"),
                };
                vec![self.replace("content/finance/_index.md", "# paginate", &line)]
            }
            Edit::BreakThenFix => unreachable!("handled by the runner"),
        }
    }
}

/// A small PNG photo, `width` pixels wide, its colour depending on the width.
fn photo(width: u32) -> Vec<u8> {
    crate::harness::png(width, width / 2 + 1, [(width % 200) as u8, 90, 160])
}

/// Runs `edits` through `serve`'s incremental engine, comparing its output with a fresh
/// build after every step.
fn run_sequence(edits: &[Edit]) -> Result<(), TestCaseError> {
    let (tmp, root) = scaffold();
    // Mark the line `FigureValue` edits.
    let stats = std::fs::read_to_string(root.join("content/stats.toml")).unwrap();
    let stats = stats.replacen("value = 10\n", "value = 10 # platforms\n", 1);
    std::fs::write(root.join("content/stats.toml"), stats).unwrap();
    // Mark the line `Paginate` edits.
    let finance = root.join("content/finance/_index.md");
    let text = std::fs::read_to_string(&finance).unwrap();
    std::fs::write(&finance, text.replacen("+++\n", "+++\n# paginate\n", 1)).unwrap();
    let mut src = Sources {
        root,
        title: "示例企业案例".into(),
        body: "企业案例写在栏目文件夹中。".into(),
        slug: None,
        alias: None,
    };
    src.write_bytes("content/tech/lab.png", &photo(30));
    src.write_bytes("static/img/park.png", &photo(31));
    src.write(EXAMPLE, &src.example());
    let (live, fresh) = (tmp.path().join("live"), tmp.path().join("fresh"));
    let project = src.root.clone();
    let opts = |out: &Path| BuildOptions {
        root: project.clone(),
        overrides: Overrides {
            base_url: None,
            output_dir: Some(out.to_path_buf()),
            portable: false,
        },
        force: true,
        no_compress: true,
        plain_assets: true,
        skip_search_index: false,
        compare_urls_with: None,
        progress: false,
        ..BuildOptions::default()
    };
    let mut session = Session::new(opts(&live));
    let first = session.rebuild(&[]);
    prop_assert!(first.ok(), "{:?}", first.errors);
    for (step, e) in edits.iter().enumerate() {
        let changed = match e {
            Edit::BreakThenFix => {
                let good = std::fs::read_to_string(src.root.join(EXAMPLE)).unwrap();
                let bad = src.write(EXAMPLE, "+++\ntitle = \n+++\n");
                let r = session.rebuild(std::slice::from_ref(&bad));
                prop_assert!(!r.ok(), "step {step}: a broken page was accepted");
                prop_assert!(build(&opts(&fresh)).is_err());
                vec![src.write(EXAMPLE, &good)]
            }
            e => src.apply(e),
        };
        let fresh_result = build(&opts(&fresh));
        let r = session.rebuild(&changed);
        prop_assert_eq!(
            r.ok(),
            fresh_result.is_ok(),
            "step {} ({:?}): incremental {:?}, fresh {:?}",
            step,
            e,
            r.errors,
            fresh_result.err()
        );
        if r.ok() {
            let diff = tree_diff(&tree_bytes(&live), &tree_bytes(&fresh));
            prop_assert!(
                diff.is_empty(),
                "step {step} ({e:?}) of {edits:?}: {diff:#?}"
            );
        }
    }
    Ok(())
}

#[test]
fn incremental_rebuilds_equal_fresh_builds() {
    let cases = std::env::var("PROFILEGEN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let config = ProptestConfig {
        cases,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let sequences = prop::collection::vec(edit(), 8..12);
    if let Err(e) = runner.run(&sequences, |edits| run_sequence(&edits)) {
        panic!("{e}");
    }
}
