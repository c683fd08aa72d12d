//! The search index is Pagefind's format, read by Pagefind's client: the same pages
//! indexed by the pinned `pagefind` crate and by our indexer give the same index once
//! decoded: every word, on every page (by URL), at the same positions and weights, in
//! the same metadata fields; every page's record (text, word count, title, anchors);
//! and chunk files that each hold the words their range in the meta file says.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use profilegen::BuildOptions;
use profilegen::config::Overrides;
use profilegen::search::format::{self, Fragment, MetaIndex, PackedPage, WordIndex};

use crate::harness::{Site, repo, tree_bytes};

/// Where a word is: page URL → (positions, meta positions).
type Places = BTreeMap<String, (Vec<i32>, Vec<i32>)>;

/// A decoded index: per language, (word, form with diacritics or "") → its places; and
/// page URL → record.
#[derive(Debug, PartialEq, Default)]
struct Decoded {
    words: BTreeMap<String, BTreeMap<(String, String), Places>>,
    pages: BTreeMap<String, BTreeMap<String, Fragment>>,
    meta_fields: BTreeMap<String, Vec<String>>,
    /// Per language, the words for which Pagefind's client would load another chunk than
    /// the one that holds them (`try_request_indexes` in pagefind_web 1.6.0 loads the
    /// first chunk whose range holds a query's word).
    lost: BTreeMap<String, Vec<String>>,
}

fn decode(files: &BTreeMap<PathBuf, Vec<u8>>) -> Decoded {
    let entry: serde_json::Value =
        serde_json::from_slice(&files[Path::new("pagefind-entry.json")]).unwrap();
    let mut out = Decoded::default();
    for (lang, info) in entry["languages"].as_object().unwrap() {
        let hash = info["hash"].as_str().unwrap();
        let meta_bytes =
            format::decompress(&files[&PathBuf::from(format!("pagefind.{hash}.pf_meta"))])
                .expect("meta file");
        let meta: MetaIndex = minicbor::decode(&meta_bytes).unwrap();
        assert_eq!(meta.version, format::VERSION);
        assert_eq!(
            info["page_count"].as_u64().unwrap() as usize,
            meta.pages.len()
        );
        let mut urls = Vec::new();
        let mut pages = BTreeMap::new();
        for p in &meta.pages {
            let bytes = format::decompress(
                &files[&PathBuf::from(format!("fragment/{}.pf_fragment", p.hash))],
            )
            .unwrap();
            let fragment: Fragment = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(fragment.word_count as u32, p.word_count);
            urls.push(fragment.url.clone());
            pages.insert(fragment.url.clone(), fragment);
        }
        let mut words = BTreeMap::new();
        let mut lost = Vec::new();
        for chunk in &meta.index_chunks {
            let bytes = format::decompress(
                &files[&PathBuf::from(format!("index/{}.pf_index", chunk.hash))],
            )
            .unwrap();
            let index: WordIndex = minicbor::decode(&bytes).unwrap();
            for w in index.words {
                assert!(
                    chunk.from.as_str() <= w.word.as_str()
                        && (w.word.as_str() <= chunk.to.as_str() || w.word.starts_with(&chunk.to)),
                    "{} outside its chunk {}..{}",
                    w.word,
                    chunk.from,
                    chunk.to
                );
                let picked = meta
                    .index_chunks
                    .iter()
                    .find(|c| c.from <= w.word && w.word <= c.to);
                if picked.map(|c| &c.hash) != Some(&chunk.hash) {
                    lost.push(w.word.clone());
                }
                let mut put = |form: &str, pages: &[PackedPage]| {
                    let mut n = 0;
                    for p in pages {
                        n += p.page_number;
                        words
                            .entry((w.word.clone(), form.to_owned()))
                            .or_insert_with(BTreeMap::new)
                            .insert(urls[n].clone(), (p.locs.clone(), p.meta_locs.clone()));
                    }
                };
                put("", &w.pages);
                for v in &w.additional_variants {
                    put(&v.form, &v.pages);
                }
            }
        }
        out.words.insert(lang.clone(), words);
        out.pages.insert(lang.clone(), pages);
        out.meta_fields.insert(lang.clone(), meta.meta_fields);
        out.lost.insert(lang.clone(), lost);
    }
    out
}

/// Builds `root` with search into a temporary folder; returns the folder and its
/// `pagefind/` files.
fn build_with_search(root: &Path) -> (tempfile::TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    profilegen::build(&BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides {
            base_url: None,
            output_dir: Some(public.clone()),
            portable: false,
        },
        force: true,
        no_compress: true,
        ..BuildOptions::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let files = tree_bytes(&public.join("pagefind"));
    (out, files)
}

/// The same pages through the `pagefind` crate: every HTML page but the listing pages
/// past the first (which our index leaves out, as the site's search did before).
fn pagefind_of(public: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let pages = tree_bytes(public).into_iter().filter_map(|(rel, bytes)| {
        let name = rel.to_string_lossy().replace('\\', "/");
        let skipped =
            !name.ends_with(".html") || name.contains("/page/") || name.starts_with("pagefind/");
        (!skipped).then(|| (name, String::from_utf8(bytes).unwrap()))
    });
    pagefind_index(&runtime(), pages)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The files the `pagefind` crate's indexer writes for `pages` (file name, HTML).
fn pagefind_index(
    runtime: &tokio::runtime::Runtime,
    pages: impl IntoIterator<Item = (String, String)>,
) -> BTreeMap<PathBuf, Vec<u8>> {
    runtime.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(None).unwrap();
        for (name, html) in pages {
            index.add_html_file(Some(name), None, html).await.unwrap();
        }
        index
            .get_files()
            .await
            .unwrap()
            .into_iter()
            .map(|f| (f.filename, f.contents))
            .collect()
    })
}

fn assert_same_index(root: &Path) {
    let (out, ours) = build_with_search(root);
    let theirs = pagefind_of(&out.path().join("public"));
    let (ours, theirs) = (decode(&ours), decode(&theirs));
    let count = |d: &Decoded| -> (usize, usize) {
        (
            d.pages.values().map(BTreeMap::len).sum(),
            d.words.values().map(BTreeMap::len).sum(),
        )
    };
    let (pages, words) = count(&theirs);
    assert!(
        pages >= 4 && words >= 100 && theirs.pages.len() >= 2,
        "Pagefind indexed {pages} pages and {words} words in {:?}",
        theirs.pages.keys()
    );
    assert_eq!(ours.meta_fields, theirs.meta_fields);
    for (lang, lost) in &ours.lost {
        assert!(
            lost.is_empty(),
            "{lang}: Pagefind's client would not find {lost:?} in our index"
        );
    }
    assert_eq!(
        ours.pages.keys().collect::<Vec<_>>(),
        theirs.pages.keys().collect::<Vec<_>>()
    );
    for (lang, pages) in &theirs.pages {
        assert_eq!(
            ours.pages[lang].keys().collect::<Vec<_>>(),
            pages.keys().collect::<Vec<_>>(),
            "{lang}: the same pages"
        );
        for (url, page) in pages {
            assert_eq!(
                &ours.pages[lang][url], page,
                "{lang} {url}: the same record"
            );
        }
        let (a, b) = (&ours.words[lang], &theirs.words[lang]);
        let only_ours: Vec<_> = a.keys().filter(|w| !b.contains_key(*w)).collect();
        let only_theirs: Vec<_> = b.keys().filter(|w| !a.contains_key(*w)).collect();
        assert!(
            only_ours.is_empty() && only_theirs.is_empty(),
            "{lang}: words only we have {only_ours:?}, only Pagefind has {only_theirs:?}"
        );
        for (word, forms) in b {
            assert_eq!(&a[word], forms, "{lang}: where `{word:?}` is");
        }
    }
}

#[test]
fn the_real_sites_index_is_pagefinds_word_for_word() {
    assert_same_index(&repo());
}

#[test]
fn a_page_of_hard_cases_is_indexed_as_pagefind_indexes_it() {
    let site = Site::starter();
    site.write(
        "content/tech/case.md",
        "+++\ntitle = \"Café «Ütopia» 案例\"\ndescription = \"新材料产业集群的new-materials案例\"\n+++\n\
         ## 键合铜丝 {#wire}\n\n河北通达电子材料有限公司研发高性能铜丝和钯铜丝，打破技术壁垒。\
         カタカナテキスト and ASCII mixed 2024年。\n\n\
         ### Snake_case, camelCase, dotted.name.isPythonBuild {#code}\n\n\
         The `<b>x</b>` tag &amp; an emoji 🚀 rocket; R&D spending rose 20%.\n\n\
         | 指标 | 数值 |\n|---|---|\n| 营收 | 100亿元 |\n\n\
         - one\n- two *emphasis* and **strong**\n\n> A quote.\n",
    );
    site.write(
        "content/tech/case.en.md",
        "+++\ntitle = \"Café case: bonding wires\"\ndescription = \"Researching new-materials\"\n+++\n\
         ## Bonding wire {#wire}\n\nHebei Tongda's researchers developed high-performance copper wires; \
         naïve coöperation, résumé.\n\n### Snake_case and camelCase {#code}\n\nOne line<br>another.\n",
    );
    assert_same_index(site.root());
}

/// A random piece of page markup: text, and elements (headings, blocks, inline, and
/// those Pagefind drops) with Pagefind's attributes and ids, some left unclosed.
fn markup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let text = prop::sample::select(vec![
        "alpha",
        "Beta words",
        " running jumps ",
        "new-materials",
        "R&amp;D 20%",
        "x.isPythonBuild",
        "新材料产业集群",
        "研发高性能铜丝，打破技术壁垒。",
        "&lt;b&gt;",
        "naïve",
        "",
        "  \n ",
        "</div>",
        "</p>",
        "</span>",
        "<svg/>",
        "<H2>Upper</H2>",
        "<b>bold<i>misnested</b> tail</i>",
    ])
    .prop_map(str::to_owned);
    // Runs of words of every kind the splitter treats apart, with and without spaces.
    let word = prop::sample::select(vec![
        "材料",
        "新",
        "产业集群",
        "任泽区",
        "2024年",
        "钯铜丝",
        "カタカナ",
        "ひらがな",
        "ภาษาไทย",
        "Café",
        "naïve",
        "résumé",
        "snake_case",
        "camelCase",
        "dotted.name.isPythonBuild",
        "new-materials",
        "R&amp;D",
        "20%",
        "3.5",
        "🚀",
        "👩\u{200D}🔬",
        "e\u{301}",
        "x",
        "I'm",
        "，",
        "。",
        "“引号”",
        "(",
        ")",
        "-",
        "Ü",
        "ﬁ",
        "\u{200B}",
        "Ⅻ",
        "１２３",
        "ＡＢＣ",
        "cafe",
        "CAFÉ",
        "café",
        "Cafè",
        "resume",
        "Résumé",
        "über",
        "uber",
        "ÜBER",
        "jalapeño",
    ]);
    let sentence =
        prop::collection::vec((word, prop::sample::select(vec!["", "", " ", "\n"])), 1..12)
            .prop_map(|words| {
                words
                    .into_iter()
                    .map(|(w, gap)| format!("{w}{gap}"))
                    .collect::<String>()
            });
    // And text of random characters from those scripts, punctuation and marks.
    let random = "([a-zA-Z0-9 .,_'\"()&;:!?%/@#*+=-]|[À-ÿ]|[ĀāŒœ]|[\u{300}-\u{36f}]|[中文材料产业集群区新研发]|[あ-んア-ン]|[가-힣]|[ก-๛]|[\u{1F600}-\u{1F64F}]|\u{200D}|\u{FE0F}|[０-９Ａ-Ｚ]|[、。，；：！？（）]|\n){1,40}";
    let text = prop_oneof![2 => text, 2 => sentence, 1 => random];
    text.prop_recursive(4, 48, 5, |inner| {
        let tag = prop::sample::select(vec![
            "div", "p", "span", "h1", "h2", "h3", "h6", "section", "a", "em", "li", "td", "nav",
            "footer", "script", "label", "main", "article", "title", "ul", "table", "pre", "code",
            "template", "noscript", "form", "textarea", "b", "x-card",
        ]);
        let attribute = prop::sample::select(vec![
            "",
            "",
            "",
            " id=\"a\"",
            " id=\"b c\"",
            " data-pagefind-body",
            " data-pagefind-ignore",
            " data-pagefind-ignore=\"all\"",
            " data-pagefind-weight=\"3\"",
            " id=\"t\" data-pagefind-title=\"Title &amp; more\"",
            " id=\"u\" data-pagefind-title=\"\"",
            " data-pagefind-weight=\"0\"",
            " data-pagefind-weight=\"12.5\"",
            " data-pagefind-weight=\"heavy\"",
            " data-pagefind-ignore=\"INDEX\"",
            " data-pagefind-ignore=\"bogus\"",
            " DATA-PAGEFIND-BODY id=\"Z\"",
            " id=\"a&amp;b\" data-pagefind-title=\"&lt;T&gt;  two  spaces\"",
            " id=\"\"",
            " data-pagefind-body data-pagefind-ignore",
            " data-pagefind-weight=\"2\" data-pagefind-ignore=\"all\"",
            " id=\"x\" data-pagefind-ignore",
        ]);
        let void = prop::sample::select(vec![
            "",
            "",
            "<br>",
            "<img src=\"a.png\" alt=\"A\">",
            "<img src=\"b&amp;c.png\">",
            "<hr>",
            "<input value=\"v\">",
            "&nbsp;&#x4e2d;&amp;lt;",
            "<img src=\"c.png\" alt=\"&quot;Alt&quot; &amp; more\">",
            "___PAGEFIND_WEIGHT___3 text ___END_PAGEFIND_WEIGHT___",
            "<svg><title>Icon</title><text>in svg</text></svg>",
            "<math><mi>x</mi></math>",
            "<!-- a comment <p>not</p> -->",
            "<![CDATA[ data ]]>",
        ]);
        (
            tag,
            attribute,
            prop::collection::vec(inner, 0..4),
            void,
            prop::bool::weighted(0.9),
        )
            .prop_map(|(tag, attribute, children, void, closed)| {
                let end = if closed {
                    format!("</{tag}>")
                } else {
                    String::new()
                };
                format!("<{tag}{attribute}>{}{void}{end}", children.concat())
            })
    })
}

/// Pages made of random markup are read as Pagefind reads them: the same words at the
/// same positions and weights, and the same records (text, title, image, anchors).
#[test]
fn random_markup_is_indexed_as_pagefind_indexes_it() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let page = (
        prop::sample::select(vec![
            " lang=\"en\"",
            " lang=\"zh-CN\"",
            " lang=\"EN\"",
            " lang=\"pt-BR\"",
            " lang=\"ja\"",
            "",
        ]),
        markup(),
        markup(),
        0..4usize,
    )
        .prop_map(|(lang, head, body, shape)| match shape {
            // A page as a theme writes one, with the body marked, bare, or outside any
            // <html> (which Pagefind does not read).
            0 | 1 => format!(
                "<!doctype html><html{lang}><head><title>Page {head}</title></head>\
                 <body><h1>Heading</h1>{body}<p>The end.</p></body></html>"
            ),
            2 => format!(
                "<!doctype html><html{lang}><head><meta charset=\"utf-8\"><title>{head}</title>\
                 </head><body data-pagefind-body><nav>Menu</nav>{body}</body></html>"
            ),
            _ => format!("<body><h1>No html element</h1>{body}</body>"),
        });
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("SEARCH_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..Config::default()
    });
    let runtime = runtime();
    runner
        .run(&prop::collection::vec(page, 1..6), |pages| {
            let ours = profilegen::search::Indexer::new();
            for (i, html) in pages.iter().enumerate() {
                ours.add(i, &format!("p{i}/index.html"), html.as_bytes());
            }
            let ours: BTreeMap<PathBuf, Vec<u8>> = ours
                .finish(&profilegen::search::client::Client::default())
                .into_iter()
                .collect();
            let named = pages
                .iter()
                .enumerate()
                .map(|(i, html)| (format!("p{i}/index.html"), html.clone()));
            let theirs = pagefind_index(&runtime, named);
            let (ours, theirs) = (decode(&ours), decode(&theirs));
            prop_assert_eq!(&ours.pages, &theirs.pages, "the records of {:#?}", pages);
            prop_assert_eq!(&ours.words, &theirs.words, "the words of {:#?}", pages);
            prop_assert!(ours.lost.values().all(Vec::is_empty), "{:?}", ours.lost);
            Ok(())
        })
        .unwrap();
}

/// Markup as a theme or an editor might write it, and as no one should: start and end
/// tags in every spelling HTML allows (upper case, unquoted and single-quoted values,
/// spaces around `=`, `/>`, attributes without spaces between them), comments and
/// doctypes of every shape, raw text that looks like markup, SVG and MathML, stray and
/// misnested tags, `<` as text.
fn tokens() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let token = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div class=x>",
        "<DIV ID=a>",
        "</DIV>",
        "</div>",
        "<h1>",
        "</h1>",
        "<H2 Id = 'b c' >",
        "</h2>",
        "<span data-pagefind-ignore>",
        "<span DATA-PAGEFIND-IGNORE='all'>",
        "</span>",
        "<main data-pagefind-body>",
        "</main>",
        "<x-card data-pagefind-weight = \"2\">",
        "</x-card>",
        "<a href=\"x\"/>",
        "<a href=x/>",
        "</a>",
        "<p =x>",
        "<p a=\"1\"b='2'id=c>",
        "<p/ id=q>",
        "<p id=\"d\" id=\"e\">",
        "<p\tid\n=\r'f'\x0C>",
        "<img src=a.png alt='x y'>",
        "<img src=\"b&amp;c.png\"/>",
        "<IMG SRC=c.png ALT>",
        "<br>",
        "<br/>",
        "</br>",
        "<hr id=h>",
        "<input value=a/b>",
        "<p id=a/b>",
        "<img src=a/b.png alt=x/>",
        "<svg><title><b>x</b></title><path/></svg>",
        "<svg><title><style>a</style><img src=s.png></title></svg>",
        "<!-- c -->",
        "<!---->",
        "<!--->",
        "<!-->",
        "<!-- a --!> b -->",
        "<!-- <p>not</p> -- -->",
        "<!--",
        "<!doctype html>",
        "<!DOCTYPE html PUBLIC \"x\">",
        "<![CDATA[x]]>",
        "<?php x ?>",
        "< p>",
        " a < b ",
        "<3",
        "</>",
        "</ p>",
        "</p x>",
        "</p >",
        "<script>if (a<b) x=\"</p>\"</script>",
        "<script><!-- x --></script>",
        "<script><!--<script>x</script> tail",
        "<script>a</SCRIPT >",
        "<script>b</script x>",
        "<script>",
        "<title>T &amp; </b> x</title>",
        "<title a= >?<b id=m>c</b></title>",
        "<p a=>",
        "<title>",
        "</title>",
        "<textarea><p>in</p></textarea>",
        "<style>p>a{}</style>",
        "<noscript><p>n</p></noscript>",
        "<iframe>i</iframe>",
        "<svg>",
        "</svg>",
        "<svg/>",
        "<svg><title>t</title><path d=\"M0\"/><text id=s>in svg</text></svg>",
        "<svg><p>x</svg>",
        "<svg><style>a</style><script>s</script></svg>",
        "<svg><desc>d<title>x</title></desc></svg>",
        "<svg><foreignObject><p>f</p></foreignObject></svg>",
        "<math><mi>x</mi><mtext><b>t</b></mtext></math>",
        "<math><annotation-xml encoding=\"text/html\"><p>a</p></annotation-xml></math>",
        "<font color=red>",
        "<plaintext>",
        "<html lang=\"en\">",
        "<HTML LANG=zh-CN>",
        "</html>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "<nav>",
        "</nav>",
        "中文材料",
        "R&amp;D",
        "&lt;b&gt;",
        "text\r\n",
        "  ",
        "word.",
        "<",
        "<a",
        "<a href=\"",
    ]);
    prop::collection::vec(token, 1..40).prop_map(|t| t.concat())
}

/// Well-formed pages whose tags and text are spelt in those ways: most of them are pages
/// the fast reader reads.
fn nested() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let text = prop::sample::select(vec![
        "alpha",
        "Beta words ",
        "新材料产业集群。",
        "R&amp;D 20%",
        "&lt;b&gt;",
        "a < b",
        "<!-- note -->",
        "\r\n  ",
        "<br>",
        "<img src=a.png alt='A'>",
        "<img src=a/b.png alt=x/>",
        "<svg><title>t</title><text>in svg</text><path/></svg>",
        "<svg><title><b>x</b></title><path/></svg>",
        "<svg><title><style>a<b id=k>c</b></style></title></svg>",
        "<svg><p>x<style>a<b id=k>c</b></style></p></svg>",
        "<script><!--<script>x</script> tail",
        "<math><mi>x</mi></math>",
        "<script>x=\"</p>\"</script>",
        "<style>p>a{}</style>",
        "<title a= >?<b id=m>c</b></title>",
        "",
    ]);
    text.prop_map(str::to_owned)
        .prop_recursive(4, 48, 5, |inner| {
            let tag = prop::sample::select(vec![
                ("div", "div"),
                ("DIV", "div"),
                ("p", "P"),
                ("span", "span"),
                ("h1", "h1"),
                ("H2", "h2"),
                ("section", "section"),
                ("a", "a"),
                ("li", "li"),
                ("td", "td"),
                ("nav", "nav"),
                ("footer", "footer"),
                ("label", "label"),
                ("main", "main"),
                ("title", "title"),
                ("template", "template"),
                ("form", "form"),
                ("b", "B"),
                ("x-card", "X-Card"),
                ("svg", "svg"),
            ]);
            let attribute = prop::sample::select(vec![
                "",
                "",
                " id=a",
                " ID='b c'",
                " id = \"d\"",
                " data-pagefind-body",
                " data-pagefind-ignore",
                " data-pagefind-ignore='all'",
                " data-pagefind-weight=3",
                " id=t data-pagefind-title='Title &amp; more'",
                " DATA-PAGEFIND-BODY id=\"Z\"",
                " class=\"x\"id=\"y\"",
                " / id=q",
                " id=a/b",
                " id=\"x\" data-pagefind-ignore",
                " lang=en",
            ]);
            (tag, attribute, prop::collection::vec(inner, 0..4)).prop_map(
                |((start, end), attribute, children)| {
                    format!("<{start}{attribute}>{}</{end}>", children.concat())
                },
            )
        })
}

/// The fast reader reads a page as the lol_html reader does, or leaves it to it: on
/// token soup, on well-formed pages, and on the pages of the random markup that is
/// checked against Pagefind itself. Both ways are taken often enough to be tested.
#[test]
fn the_fast_reader_reads_pages_as_lol_html_does_or_not_at_all() {
    use profilegen::search::html;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let body = prop_oneof![tokens(), nested(), markup()];
    let page = (
        prop::sample::select(vec![" lang=\"en\"", " lang=\"zh-CN\"", ""]),
        body.clone(),
        body,
        0..3usize,
    )
        .prop_map(|(lang, head, body, shape)| match shape {
            0 => format!(
                "<!doctype html><html{lang}><head><title>Page {head}</title></head>\
                 <body><h1>Heading</h1>{body}<p>The end.</p></body></html>"
            ),
            1 => format!("<html{lang}><body data-pagefind-body>{head}{body}</body></html>"),
            _ => format!("{head}{body}"),
        });
    let cases = std::env::var("SEARCH_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(48);
    let mut runner = TestRunner::new(Config {
        cases: cases * 40,
        failure_persistence: None,
        ..Config::default()
    });
    let read = std::cell::Cell::new((0u32, 0u32));
    runner
        .run(&page, |page| {
            let (fast, left) = read.get();
            match html::read_fast(page.as_bytes()) {
                Some(text) => {
                    read.set((fast + 1, left));
                    prop_assert_eq!(text, html::read_with_lol_html(page.as_bytes()), "{}", page);
                }
                None => read.set((fast, left + 1)),
            }
            Ok(())
        })
        .unwrap();
    let (fast, left) = read.get();
    eprintln!("read fast {fast}, left to lol_html {left}");
    assert!(
        fast * 4 >= fast + left && left * 10 >= fast + left,
        "read fast {fast}, left to lol_html {left}"
    );
}

/// Every page of the real site is read by the fast reader, as lol_html reads it.
#[test]
fn the_fast_reader_reads_every_page_of_the_real_site() {
    use profilegen::search::html;
    let (out, _) = build_with_search(&repo());
    let pages: Vec<(PathBuf, Vec<u8>)> = tree_bytes(&out.path().join("public"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() >= 40, "{} pages", pages.len());
    let svg = pages
        .iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains("<svg"))
        .count();
    assert!(svg >= 2, "pages with charts: {svg}");
    for (path, bytes) in &pages {
        let fast = html::read_fast(bytes);
        assert!(fast.is_some(), "{} is left to lol_html", path.display());
        assert_eq!(
            fast.unwrap(),
            html::read_with_lol_html(bytes),
            "{}",
            path.display()
        );
    }
}
