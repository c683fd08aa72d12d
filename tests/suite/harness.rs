//! The fixture-site harness: write a small site into a temp folder, build it with the
//! library, and look at the output as parsed HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use profilegen::config::Overrides;
use profilegen::{BuildOptions, BuildReport, Diagnostics};
use scraper::{Html, Selector};

/// The repository root (the real site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, with the default theme and the real site's UI strings.
///
/// The project is `site/` inside the temporary folder, so a test can also check that
/// nothing beside the project was touched (see [`Site::parent`]).
pub struct Site {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// An empty project: config (zh + en, base `https://example.org/`), default theme.
    pub fn new() -> Site {
        Self::with_base("https://example.org/")
    }

    /// Like [`Site::new`] with another base URL.
    pub fn with_base(base: &str) -> Site {
        let dir = tempfile::Builder::new()
            .prefix("pg-site")
            .tempdir()
            .unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        let site = Site { dir, root };
        copy_tree(&repo().join("templates"), &site.root().join("templates"));
        copy_tree(&repo().join("static"), &site.root().join("static"));
        site.write("config.toml", &fixture_config(base));
        site
    }

    /// The minimal bilingual starter: home and one section with a page, both languages.
    pub fn starter() -> Site {
        let s = Site::new();
        s.write(
            "content/_index.md",
            "+++\ntitle = \"首页\"\ndescription = \"首页简介\"\n+++\n欢迎。\n",
        );
        s.write(
            "content/_index.en.md",
            "+++\ntitle = \"Home\"\ndescription = \"Home intro\"\n+++\nWelcome.\n",
        );
        s.write("content/tech/_index.md", "+++\ntitle = \"科技创新\"\ndescription = \"科技\"\nweight = 1\n+++\n## 政策 {#policy}\n\n科技。\n");
        s.write("content/tech/_index.en.md", "+++\ntitle = \"Tech innovation\"\ndescription = \"Tech\"\nweight = 1\n+++\n## Policy {#policy}\n\nTech.\n");
        s.write("content/tech/case.md", "+++\ntitle = \"案例\"\ndescription = \"案例简介\"\n+++\n见[科技创新](@/tech/_index.md#policy)。\n");
        s.write("content/tech/case.en.md", "+++\ntitle = \"Case\"\ndescription = \"A case\"\n+++\nSee [tech innovation](@/tech/_index.md#policy).\n");
        s
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the project, and nothing else the build may touch.
    pub fn parent(&self) -> &Path {
        self.dir.path()
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the project (creating folders).
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes (for encoding fixtures).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Replaces the first `from` in a project file with `to` (panics if absent).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = std::fs::read_to_string(self.root().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Removes a file of the project.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Builds with default options.
    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        self.build_with(Overrides::default(), false)
    }

    /// Builds with overrides.
    pub fn build_with(
        &self,
        overrides: Overrides,
        force: bool,
    ) -> Result<BuildReport, Diagnostics> {
        profilegen::build(&BuildOptions {
            root: self.root().to_path_buf(),
            overrides,
            drafts: false,
            force,
            // Brotli at quality 11 is slow unoptimised; tests/suite/publish.rs compresses
            no_compress: true,
            plain_assets: false,
            skip_search_index: false,
            compare_urls_with: None,
            progress: false,
        })
    }

    /// Builds and panics with the rendered diagnostics on failure.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(d) => panic!("build failed:\n{d}"),
        }
    }

    /// Builds, expects failure, returns the plain report text.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build succeeded but should have failed"),
            Err(d) => d.to_string(),
        }
    }

    /// A published HTML file, parsed.
    pub fn html(&self, rel: &str) -> Page {
        let path = self.public().join(rel);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page(Html::parse_document(&text))
    }

    /// Every file under the output folder with its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        tree_bytes(&self.public())
    }
}

/// The paths removed, changed or added between two trees (empty when they are equal).
pub fn tree_diff<V: PartialEq>(
    before: &BTreeMap<PathBuf, V>,
    after: &BTreeMap<PathBuf, V>,
) -> Vec<String> {
    let mut changes = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => changes.push(format!("removed {}", path.display())),
            Some(e) if e != entry => changes.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        changes.push(format!("added {}", path.display()));
    }
    changes
}

/// Every file under `dir` with its bytes (empty if `dir` does not exist).
pub fn tree_bytes(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.insert(
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The real config's languages and UI strings with another base URL, no stats file and
/// the default feed section; without the converted edition (zh-hant), which tests add
/// with [`CONVERTED_EDITION`] where they need it.
fn fixture_config(base: &str) -> String {
    let real = std::fs::read_to_string(repo().join("config.toml")).unwrap();
    let mut in_converted = false;
    real.lines()
        .filter(|l| {
            if l.starts_with('[') {
                in_converted = l.trim() == "[languages.zh-hant]";
            }
            !in_converted
        })
        .map(|l| match l.split_once(" = ").map(|(k, _)| k) {
            Some("base_url") => format!("base_url = \"{base}\""),
            Some("stats") => String::new(),
            // the real site's feed section; fixtures get the default (news, if it exists)
            Some("section") => String::new(),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Traditional Chinese edition, converted from `zh` in Taiwan usage, as a table to
/// append to a fixture's `config.toml`.
pub const CONVERTED_EDITION: &str =
    "\n[languages.zh-hant]\nconvert_from = \"zh\"\nvariant = \"tw\"\n";

/// Build options for the project `root` writing into `out`: no drafts, an existing
/// folder replaced, no `.gz`/`.br`, search on, no progress. Tests change what they need
/// with `..build_options(…)`.
pub fn build_options(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides {
            base_url: None,
            output_dir: Some(out.to_path_buf()),
            portable: false,
        },
        drafts: false,
        force: true,
        no_compress: true,
        plain_assets: false,
        skip_search_index: false,
        compare_urls_with: None,
        progress: false,
    }
}

/// The rows of a CSV file (RFC 4180 quoting), each a list of cells.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A parsed HTML page with small query helpers.
pub struct Page(pub Html);

impl Page {
    /// All elements matching `css`.
    pub fn all(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap();
        self.0.select(&sel).collect()
    }

    /// The one element matching `css` (panics unless exactly one).
    pub fn one(&self, css: &str) -> scraper::ElementRef<'_> {
        let all = self.all(css);
        assert_eq!(all.len(), 1, "expected one `{css}`, found {}", all.len());
        all[0]
    }

    /// An attribute of the one element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("`{css}` has no `{name}`"))
            .to_owned()
    }

    /// The text of the one element matching `css`, trimmed.
    pub fn text(&self, css: &str) -> String {
        self.one(css).text().collect::<String>().trim().to_owned()
    }

    /// Every `href` in the page.
    pub fn hrefs(&self) -> Vec<String> {
        self.all("[href]")
            .iter()
            .filter_map(|e| e.value().attr("href").map(str::to_owned))
            .collect()
    }
}

/// Every internal link of every HTML file under `public` that does not resolve to a
/// published file (and, with `#id`, to an element with that id). `base_path` is `/` or
/// `/renze/`: links outside it are reported too.
pub fn broken_links(public: &Path, base_path: &str) -> Vec<String> {
    let files = tree_bytes(public);
    let mut ids: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if path.extension().is_some_and(|e| e == "html") {
            let page = Page(Html::parse_document(&String::from_utf8_lossy(bytes)));
            ids.insert(
                path.clone(),
                page.all("[id]")
                    .iter()
                    .filter_map(|e| e.value().attr("id").map(str::to_owned))
                    .collect(),
            );
        }
    }
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = Page(Html::parse_document(&String::from_utf8_lossy(bytes)));
        let targets = page.all("[href], [src]");
        for el in targets {
            let v = el.value();
            let Some(url) = v.attr("href").or_else(|| v.attr("src")) else {
                continue;
            };
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            if let Some(problem) = resolve(url, path, base_path, &files, &ids) {
                broken.push(format!("{}: {url}: {problem}", path.display()));
            }
        }
    }
    broken
}

fn resolve(
    url: &str,
    from: &Path,
    base_path: &str,
    files: &BTreeMap<PathBuf, Vec<u8>>,
    ids: &BTreeMap<PathBuf, Vec<String>>,
) -> Option<String> {
    let (path, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (url, None),
    };
    let target = if path.is_empty() {
        from.to_path_buf()
    } else {
        let Some(rest) = path.strip_prefix(base_path) else {
            return Some(format!("outside the base path {base_path}"));
        };
        let rest = percent_decode(rest);
        if rest.is_empty() || rest.ends_with('/') {
            PathBuf::from(format!("{rest}index.html"))
        } else {
            PathBuf::from(rest)
        }
    };
    if !files.contains_key(&target) {
        return Some(format!("no file {}", target.display()));
    }
    match anchor {
        Some(a) if !a.is_empty() => {
            let a = percent_decode(a);
            (!ids.get(&target).is_some_and(|list| list.contains(&a)))
                .then(|| format!("no #{a} in {}", target.display()))
        }
        _ => None,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A plain PNG photo of `width` × `height` pixels in one colour.
pub fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb(rgb));
    let mut bytes = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    bytes
}
