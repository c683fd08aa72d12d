//! The output folder: replaced whole on success, untouched on failure, never someone else's.

use profilegen::config::Overrides;

use crate::harness::Site;

#[test]
fn a_deleted_page_leaves_no_stale_file() {
    let site = Site::starter();
    site.build_ok();
    assert!(site.public().join("tech/case/index.html").exists());
    site.remove("content/tech/case.md");
    site.remove("content/tech/case.en.md");
    site.write("content/tech/_index.md", "+++\ntitle = \"科技创新\"\n+++\n");
    site.write("content/tech/_index.en.md", "+++\ntitle = \"Tech\"\n+++\n");
    site.build_ok();
    assert!(!site.public().join("tech/case/index.html").exists());
    assert!(site.public().join(profilegen::output::MARKER).exists());
}

#[test]
fn a_folder_profilegen_did_not_make_is_refused_unless_forced() {
    let site = Site::starter();
    site.write("public/precious.txt", "keep me");
    let text = site.build_err();
    assert!(
        text.contains("has files that profilegen did not write") && text.contains("--force"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(site.public().join("precious.txt")).unwrap(),
        "keep me"
    );
    site.build_with(Overrides::default(), true).unwrap();
    assert!(!site.public().join("precious.txt").exists());
}

#[test]
fn output_dir_that_would_destroy_the_project_is_refused_with_its_location() {
    for (value, what) in [
        (".", "the project folder itself"),
        ("content", "inside the project's `content` folder"),
        ("..", "an ancestor of the project"),
        ("/", "the filesystem root"),
        ("static/out", "`static`"),
    ] {
        let site = Site::starter();
        site.replace(
            "config.toml",
            "output_dir = \"public\"",
            &format!("output_dir = \"{value}\""),
        );
        let text = site.build_err();
        assert!(
            text.contains(what) && text.contains("config.toml:"),
            "{value}: {text}"
        );
        assert!(site.root().join("content/_index.md").exists());
    }
}

#[test]
fn an_output_folder_outside_the_project_is_fine() {
    let site = Site::starter();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("www/renze");
    site.build_with(
        Overrides {
            base_url: None,
            output_dir: Some(out.clone()),
            portable: false,
        },
        false,
    )
    .unwrap();
    assert!(out.join("en/tech/case/index.html").exists());
    site.build_with(
        Overrides {
            base_url: None,
            output_dir: Some(out.clone()),
            portable: false,
        },
        false,
    )
    .unwrap();
}

#[test]
fn forcing_over_a_symlinked_output_replaces_the_link_not_its_target() {
    let site = Site::starter();
    let elsewhere = site.parent().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "not profilegen's").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.public()).unwrap();
    assert!(site.build_err().contains("is a symlink"));
    site.build_with(Overrides::default(), true).unwrap();
    let public = std::fs::symlink_metadata(site.public()).unwrap();
    assert!(public.is_dir(), "public/ is now a real folder");
    assert!(site.public().join("index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
        "not profilegen's"
    );
    assert!(!elsewhere.join("index.html").exists());
}
