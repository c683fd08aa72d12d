//! Faults while publishing: interrupted builds, readers during the swap, a full or
//! read-only disk, `serve` stopped with SIGTERM, a watcher that fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use profilegen::config::Overrides;
use profilegen::output::{MARKER, STAGING_MARKER};
use profilegen::serve::Session;
use profilegen::{BuildOptions, Diagnostics, build};

use crate::harness::{Site, tree_bytes};

/// A pid no process can have: above Linux's largest `pid_max` (2^22).
const DEAD_PID: u32 = (1 << 22) + 7;

fn quick(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        overrides: Overrides::default(),
        no_compress: true,
        skip_search_index: true,
        compare_urls_with: None,
        progress: false,
        ..BuildOptions::default()
    }
}

fn leftovers(parent: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

fn folder_with(dir: &Path, marker: Option<&str>) {
    std::fs::create_dir_all(dir.join("tech")).unwrap();
    std::fs::write(dir.join("tech/index.html"), "a whole copy of the site").unwrap();
    if let Some(m) = marker {
        std::fs::write(dir.join(m), "").unwrap();
    }
}

#[test]
fn a_build_removes_what_interrupted_builds_left_and_nothing_else() {
    let site = Site::starter();
    let root = site.root();
    let stale_staging = root.join(format!(".public.staging-{DEAD_PID}"));
    let stale_old = root.join(format!(".public.old-{}", DEAD_PID + 1));
    let not_ours = root.join(format!(".public.staging-{}", DEAD_PID + 2));
    let running = root.join(".public.staging-1"); // pid 1 is always running
    let empty = root.join(format!(".public.staging-{}", DEAD_PID + 3));
    std::fs::create_dir(&empty).unwrap();
    let other_output = root.join(format!(".other.staging-{DEAD_PID}"));
    folder_with(&stale_staging, Some(STAGING_MARKER));
    folder_with(&stale_old, Some(MARKER));
    folder_with(&not_ours, None);
    folder_with(&running, Some(STAGING_MARKER));
    folder_with(&other_output, Some(STAGING_MARKER));
    build(&quick(&site)).unwrap_or_else(|d| panic!("{d}"));
    assert!(!stale_staging.exists() && !stale_old.exists() && !empty.exists());
    for kept in [&not_ours, &running, &other_output] {
        assert!(kept.join("tech/index.html").is_file(), "{}", kept.display());
    }
}

/// A site big enough that a debug build takes a while, so it can be killed mid-way.
fn big_site() -> Site {
    let site = Site::starter();
    let body = "这是一段用来让构建变慢的正文。".repeat(40);
    for i in 0..600 {
        site.write(
            &format!("content/tech/p{i}.md"),
            &format!("+++\ntitle = \"页面{i}\"\ndescription = \"说明\"\n+++\n{body}\n"),
        );
        site.write(
            &format!("content/tech/p{i}.en.md"),
            &format!("+++\ntitle = \"Page {i}\"\ndescription = \"About\"\n+++\nText.\n"),
        );
    }
    site
}

#[test]
fn a_build_killed_with_sigkill_costs_nothing_after_the_next_build() {
    let site = big_site();
    build(&quick(&site)).unwrap_or_else(|d| panic!("{d}"));
    let before = tree_bytes(&site.public());
    let mut child = Command::new(snapbox::cmd::cargo_bin!("profilegen"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while leftovers(site.root()).is_empty() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL: no destructor runs
    child.wait().unwrap();
    assert_ne!(
        leftovers(site.root()),
        Vec::<String>::new(),
        "killed too late"
    );
    assert_eq!(tree_bytes(&site.public()), before, "the output was touched");
    build(&quick(&site)).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn readers_never_miss_a_page_while_builds_publish() {
    let site = Site::starter();
    let opts = quick(&site);
    build(&opts).unwrap_or_else(|d| panic!("{d}"));
    let stop = Arc::new(AtomicBool::new(false));
    let (reads, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let readers: Vec<_> = ["index.html", "en/tech/index.html"]
        .into_iter()
        .map(|rel| {
            let path = site.public().join(rel);
            let (stop, reads, misses) = (stop.clone(), reads.clone(), misses.clone());
            std::thread::spawn(move || {
                // What a static server does for each request: open by path, read.
                while !stop.load(Ordering::Relaxed) {
                    match std::fs::read(&path) {
                        Ok(b) if !b.is_empty() => reads.fetch_add(1, Ordering::Relaxed),
                        _ => misses.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    for _ in 0..30 {
        build(&opts).unwrap_or_else(|d| panic!("{d}"));
    }
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().unwrap();
    }
    assert!(reads.load(Ordering::Relaxed) > 100);
    if cfg!(target_os = "linux") {
        assert_eq!(misses.load(Ordering::Relaxed), 0, "a reader found no page");
    }
}

/// A small tmpfs mounted for one test (needs root; CI runs as root).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }

    fn remount(&self, opts: &str) {
        let s = Command::new("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(s.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A built site whose output sits on its own small file system.
fn site_on_small_disk(site: &Site) -> Option<(Mount, BuildOptions)> {
    let Some(disk) = Mount::tmpfs(&site.parent().join("disk"), "2m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here (not root?)");
        return None;
    };
    let mut opts = quick(site);
    opts.overrides.output_dir = Some(disk.0.join("public"));
    build(&opts).unwrap_or_else(|d| panic!("{d}"));
    Some((disk, opts))
}

fn assert_one_disk_error(err: &Diagnostics, disk: &Path) {
    let errors: Vec<_> = err.0.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{err}");
    let message = &errors[0].message;
    assert!(
        message.contains(&format!("`{}`", disk.display())),
        "{message}"
    );
}

#[test]
fn a_full_disk_is_one_error_and_leaves_nothing_behind() {
    let site = big_site();
    let Some((disk, opts)) = site_on_small_disk(&Site::starter()) else {
        return;
    };
    let mut opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..opts
    };
    opts.force = true;
    let before = tree_bytes(&disk.0.join("public"));
    let err = build(&opts).unwrap_err();
    assert_one_disk_error(&err, &disk.0);
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(tree_bytes(&disk.0.join("public")), before);
    assert_eq!(leftovers(&disk.0), Vec::<String>::new());
}

#[test]
fn a_read_only_output_disk_is_one_error() {
    let site = Site::starter();
    let Some((disk, opts)) = site_on_small_disk(&site) else {
        return;
    };
    let before = tree_bytes(&disk.0.join("public"));
    disk.remount("ro");
    let err = build(&opts).unwrap_err();
    disk.remount("rw");
    assert_one_disk_error(&err, &disk.0);
    assert_eq!(tree_bytes(&disk.0.join("public")), before);
}

#[cfg(unix)]
#[test]
fn serve_stopped_with_sigterm_removes_its_temporary_folder() {
    use std::io::{BufRead, BufReader};
    let site = Site::starter();
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(snapbox::cmd::cargo_bin!("profilegen"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let serving = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("serving ")));
    assert!(serving.is_some(), "serve did not start");
    let folders = || std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(folders(), 1, "serve builds in a temporary folder");
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(folders(), 0, "the temporary folder was left behind");
}

#[test]
fn an_unknown_change_rebuilds_everything_as_fresh() {
    let site = Site::starter();
    let tmp = tempfile::tempdir().unwrap();
    let opts = |out: PathBuf| BuildOptions {
        overrides: Overrides {
            base_url: None,
            output_dir: Some(out),
            portable: false,
        },
        force: true,
        plain_assets: true,
        ..quick(&site)
    };
    let mut session = Session::new(opts(tmp.path().join("live")));
    assert!(session.rebuild(&[]).ok());
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"新案例\"\n+++\n新。\n",
    );
    let r = session.rebuild_all();
    assert!(r.ok() && r.full, "{:?}", r.errors);
    build(&opts(tmp.path().join("fresh"))).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        tree_bytes(&tmp.path().join("live")),
        tree_bytes(&tmp.path().join("fresh"))
    );
}
