//! End-to-end tests of [`render`]: Markdown in, HTML and page facts out.

use std::path::Path;
use std::sync::Arc;

use super::*;

/// Three front matter lines come before every test body, so body line 1 is file line 4.
const FRONT: &str = "+++\ntitle = \"测试\"\n+++\n";

struct Fake;

impl Resolver for Fake {
    fn link(&self, path: &str, lang: &str) -> Result<String, (String, Option<String>)> {
        let prefix = if lang == "en" {
            "/renze/en/"
        } else {
            "/renze/"
        };
        match path {
            "tech/_index.md" => Ok(format!("{prefix}tech/")),
            "talent/huami.md" => Ok(format!("{prefix}talent/huami/")),
            _ => Err((
                String::new(),
                Some("did you mean `@/tech/_index.md`?".to_owned()),
            )),
        }
    }

    fn shortcode(&self, call: &Shortcode, lang: &str) -> Result<String, (String, Option<String>)> {
        match (
            call.name.as_str(),
            call.str_arg("id"),
            call.str_arg("group"),
        ) {
            ("stat", Some("enterprises"), _) if lang == "zh" => {
                Ok("<span class=\"stat\">430余家</span>".to_owned())
            }
            ("stat", Some("enterprises"), _) => {
                Ok("<span class=\"stat\">more than 430</span>".to_owned())
            }
            ("stat", Some(id), _) => Ok(format!("<span class=\"stat\">[{id}]</span>")),
            ("chart", Some(_), _) | ("chart", _, Some(_)) => {
                Ok("<figure class=\"chart\"><svg></svg></figure>".to_owned())
            }
            (name, ..) => Err((
                format!("unknown shortcode `{name}`"),
                Some("the shortcodes are `stat` and `chart`".to_owned()),
            )),
        }
    }

    fn base_path(&self) -> &str {
        "/renze/"
    }
}

fn render_in(body: &str, lang: &str, opts: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let text: Arc<str> = Arc::from(format!("{FRONT}{body}"));
    let input = Input {
        file: Path::new("content/tech/a.md"),
        text: &text,
        body: FRONT.len()..text.len(),
        lang,
        foreign: Default::default(),
    };
    render(&input, opts, &Fake)
}

fn ok(body: &str) -> Rendered {
    match render_in(body, "zh", &Options::default()) {
        Ok(r) => r,
        Err(diags) => panic!("{body:?} failed: {}", crate::diag::Diagnostics(diags)),
    }
}

fn html(body: &str) -> String {
    ok(body).html
}

/// Every error as (`file:line:col`, message, hint).
fn errors(body: &str) -> Vec<(String, String, Option<String>)> {
    match render_in(body, "zh", &Options::default()) {
        Ok(r) => panic!("{body:?} rendered: {}", r.html),
        Err(diags) => diags
            .into_iter()
            .map(|d| (d.locus(), d.message, d.hint))
            .collect(),
    }
}

fn error_loci(body: &str) -> Vec<(String, String)> {
    errors(body).into_iter().map(|(l, m, _)| (l, m)).collect()
}

#[test]
fn heading_ids() {
    let cases = [
        ("## 科技创新", "<h2 id=\"科技创新\">科技创新</h2>\n"),
        (
            "## Bonding wire",
            "<h2 id=\"bonding-wire\">Bonding wire</h2>\n",
        ),
        (
            "### 键合丝 Bonding_Wire（BW）",
            "<h3 id=\"键合丝-bonding-wirebw\">键合丝 Bonding_Wire（BW）</h3>\n",
        ),
        (
            "## 一、人才“引育”",
            "<h2 id=\"一人才引育\">一、人才“引育”</h2>\n",
        ),
        ("## 标题 {#my-id}", "<h2 id=\"my-id\">标题</h2>\n"),
        (
            "## `code` *em*",
            "<h2 id=\"code-em\"><code>code</code> <em>em</em></h2>\n",
        ),
        ("## ？？", "<h2 id=\"section\">？？</h2>\n"),
        (
            "## A\n## A\n## A",
            "<h2 id=\"a\">A</h2>\n<h2 id=\"a-1\">A</h2>\n<h2 id=\"a-2\">A</h2>\n",
        ),
        (
            "## 概况\n## 其他 {#概况}",
            "<h2 id=\"概况-1\">概况</h2>\n<h2 id=\"概况\">其他</h2>\n",
        ),
        ("标题\n行二\n===", "<h1 id=\"标题行二\">标题行二</h1>\n"),
        (
            "## 企业 {{ stat(id=\"enterprises\") }}",
            "<h2 id=\"企业-430余家\">企业 <span class=\"stat\">430余家</span></h2>\n",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(html(body), expected, "{body}");
    }
}

#[test]
fn toc_is_nested_and_anchors_listed() {
    let r = ok(
        "## 概况\n### 企业\n### 人才 {#talent}\n## Outlook\n#### Deep\n\n文[^n]\n\n[^n]: 注\n\n<span id=\"raw\"></span>\n",
    );
    let leaf = |level, id: &str, title: &str| Heading {
        level,
        id: id.to_owned(),
        title: title.to_owned(),
        children: vec![],
    };
    let expected = vec![
        Heading {
            children: vec![leaf(3, "企业", "企业"), leaf(3, "talent", "人才")],
            ..leaf(2, "概况", "概况")
        },
        Heading {
            children: vec![leaf(4, "deep", "Deep")],
            ..leaf(2, "outlook", "Outlook")
        },
    ];
    assert_eq!(r.toc, expected);
    assert_eq!(
        r.anchors,
        ["概况", "企业", "talent", "outlook", "deep", "n", "raw"]
    );
}

#[test]
fn footnote_labels_are_not_reused_by_headings() {
    let r = ok("## 1\n\n文[^1]\n\n[^1]: 注\n");
    assert_eq!(r.anchors, ["1-1", "1"]);
}

#[test]
fn duplicate_explicit_ids_are_errors() {
    let found = errors("## A {#x}\n\n## B {#x}\n");
    let expected = (
        "content/tech/a.md:6:1".to_owned(),
        "duplicate heading id `x`".to_owned(),
        Some("give each heading a different {#id}".to_owned()),
    );
    assert_eq!(found, vec![expected]);
}

#[test]
fn cjk_soft_breaks() {
    let cases = [
        ("中文\n第二行", "<p>中文第二行</p>\n"),
        ("English\nline", "<p>English\nline</p>\n"),
        ("中文\nEnglish", "<p>中文\nEnglish</p>\n"),
        ("English\n中文", "<p>English\n中文</p>\n"),
        ("逗号，\n继续。", "<p>逗号，继续。</p>\n"),
        ("他说：“好。”\n然后", "<p>他说：“好。”然后</p>\n"),
        ("He said “hi”\n然后", "<p>He said “hi”\n然后</p>\n"),
        (
            "**粗体**\n*继续*",
            "<p><strong>粗体</strong><em>继续</em></p>\n",
        ),
        ("中文\n`code`", "<p>中文\n<code>code</code></p>\n"),
        ("中文\n<b>粗</b>", "<p>中文\n<b>粗</b></p>\n"),
        ("日本語\nです", "<p>日本語です</p>\n"),
        ("中文  \n硬换行", "<p>中文<br />\n硬换行</p>\n"),
        ("- 列表\n  续行", "<ul>\n<li>列表续行</li>\n</ul>\n"),
    ];
    for (body, expected) in cases {
        assert_eq!(html(body), expected, "{body}");
    }
}

#[test]
fn internal_links() {
    let body = "见[科技](@/tech/_index.md)和[华米](@/talent/huami.md#团队)。";
    let cases = [
        (
            "zh",
            "<p>见<a href=\"/renze/tech/\">科技</a>和<a href=\"/renze/talent/huami/#%E5%9B%A2%E9%98%9F\">华米</a>。</p>\n",
        ),
        (
            "en",
            "<p>见<a href=\"/renze/en/tech/\">科技</a>和<a href=\"/renze/en/talent/huami/#%E5%9B%A2%E9%98%9F\">华米</a>。</p>\n",
        ),
    ];
    for (lang, expected) in cases {
        let r = match render_in(body, lang, &Options::default()) {
            Ok(r) => r,
            Err(d) => panic!("{d:?}"),
        };
        assert_eq!(r.html, expected, "{lang}");
        let text = format!("{FRONT}{body}");
        let spans: Vec<&str> = r.links.iter().map(|l| &text[l.span.clone()]).collect();
        assert_eq!(spans, ["@/tech/_index.md", "@/talent/huami.md#团队"]);
        let targets: Vec<(&str, Option<&str>)> = r
            .links
            .iter()
            .map(|l| (l.path.as_str(), l.anchor.as_deref()))
            .collect();
        assert_eq!(
            targets,
            [("tech/_index.md", None), ("talent/huami.md", Some("团队"))]
        );
    }
}

#[test]
fn reference_links_resolve_too() {
    let r = ok("[科技][t]\n\n[t]: @/tech/_index.md\n");
    assert_eq!(r.html, "<p><a href=\"/renze/tech/\">科技</a></p>\n");
    assert_eq!(r.links.len(), 1);
}

#[test]
fn missing_link_is_located_at_its_destination() {
    let found = errors("第一行\n\n见[链接](@/tehc/_index.md#x)，\n又见[它](@/nope.md)。");
    let hint = Some("did you mean `@/tech/_index.md`?".to_owned());
    let expected = vec![
        (
            "content/tech/a.md:6:7".to_owned(),
            "link to unknown page `@/tehc/_index.md`".to_owned(),
            hint.clone(),
        ),
        (
            "content/tech/a.md:7:7".to_owned(),
            "link to unknown page `@/nope.md`".to_owned(),
            hint,
        ),
    ];
    assert_eq!(found, expected);
}

#[test]
fn base_path_rewriting() {
    let cases = [
        (
            "[a](/files/r.pdf)",
            "<p><a href=\"/renze/files/r.pdf\">a</a></p>\n",
        ),
        (
            "![图](/img/a.png)",
            "<p><img src=\"/renze/img/a.png\" alt=\"图\" /></p>\n",
        ),
        ("[a](/)", "<p><a href=\"/renze/\">a</a></p>\n"),
        (
            "[a](//cdn.example.com/x)",
            "<p><a href=\"//cdn.example.com/x\">a</a></p>\n",
        ),
        (
            "![i](https://example.com/i.png)",
            "<p><img src=\"https://example.com/i.png\" alt=\"i\" /></p>\n",
        ),
        ("[a](rel/x.html)", "<p><a href=\"rel/x.html\">a</a></p>\n"),
        ("[a](#sec)", "<p><a href=\"#sec\">a</a></p>\n"),
        (
            "[r]\n\n[r]: /doc.pdf",
            "<p><a href=\"/renze/doc.pdf\">r</a></p>\n",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(html(body), expected, "{body}");
    }
}

#[test]
fn script_is_refused() {
    let js = "javascript: links are not allowed; link to a page or an https:// URL";
    let cases: [(&str, &str, &str); 9] = [
        (
            "[x](javascript:alert(1))",
            "4:5",
            "link to a javascript: URL `javascript:alert(1)`",
        ),
        (
            "a\n[x](JavaScript:void(0))",
            "5:5",
            "link to a javascript: URL `JavaScript:void(0)`",
        ),
        (
            "[x](&#106;avascript:x)",
            "4:1",
            "link to a javascript: URL `javascript:x`",
        ),
        (
            "<javascript:alert(1)>",
            "4:1",
            "link to a javascript: URL `javascript:alert(1)`",
        ),
        (
            "![x](javascript:x)",
            "4:6",
            "link to a javascript: URL `javascript:x`",
        ),
        (
            "文 <a href=\"javascript:x\">x</a>",
            "4:6",
            "`href` with a javascript: URL is not allowed",
        ),
        (
            "<div>\n<p onclick=\"x()\">\n</div>",
            "5:4",
            "inline event handler `onclick` is not allowed",
        ),
        (
            "<script>alert(1)</script>",
            "4:1",
            "`<script>` elements are not allowed in content",
        ),
        (
            "## 标题 {onclick=x}",
            "4:1",
            "inline event handler `onclick` is not allowed",
        ),
    ];
    for (body, at, message) in cases {
        let found = errors(body);
        assert_eq!(found.len(), 1, "{body}: {found:?}");
        assert_eq!(found[0].0, format!("content/tech/a.md:{at}"), "{body}");
        assert_eq!(found[0].1, message, "{body}");
        if message.starts_with("link") {
            assert_eq!(found[0].2.as_deref(), Some(js), "{body}");
        }
    }
}

#[test]
fn raw_html_in_blockquotes_is_scanned() {
    let found = error_loci("> <div\n> onmouseover=\"x\">\n> </div>\n");
    let expected = (
        "content/tech/a.md:5:3".to_owned(),
        "inline event handler `onmouseover` is not allowed".to_owned(),
    );
    assert_eq!(found, vec![expected]);
}

/// Found by fuzzing: an indented HTML block starts with a `Text` event (the indentation),
/// which shifted the block's lines against their ranges so the script went unscanned.
#[test]
fn indented_raw_html_blocks_are_scanned() {
    let cases = [
        (" <script>alert(1)</script>", "content/tech/a.md:4:2"),
        (
            "   <!-- x --!> <script>alert(1)</script>",
            "content/tech/a.md:4:16",
        ),
        ("> text\n>\n>  <script>x</script>", "content/tech/a.md:6:4"),
    ];
    for (body, locus) in cases {
        let expected = (
            locus.to_owned(),
            "`<script>` elements are not allowed in content".to_owned(),
        );
        assert_eq!(error_loci(body), vec![expected], "{body:?}");
    }
}

#[test]
fn shortcodes() {
    let stat = "<span class=\"stat\">430余家</span>";
    let cases = [
        (
            "共有{{ stat(id=\"enterprises\") }}企业。",
            format!("<p>共有{stat}企业。</p>\n"),
        ),
        (
            "共有{{stat(id=\"enterprises\")}}",
            format!("<p>共有{stat}</p>\n"),
        ),
        (
            "a [b {{ stat(id=\"enterprises\") }} c",
            format!("<p>a [b {stat} c</p>\n"),
        ),
        (
            "&amp; {{ stat(id=\"a\\\"b\") }} *x*",
            "<p>&amp; <span class=\"stat\">[a\"b]</span> <em>x</em></p>\n".to_owned(),
        ),
        (
            "{{ stat(id=\"a*b\") }}和{{ stat(id=\"c\") }}",
            "<p><span class=\"stat\">[a*b]</span>和<span class=\"stat\">[c]</span></p>\n"
                .to_owned(),
        ),
        (
            "`{{ stat(id=\"x\") }}`",
            "<p><code>{{ stat(id=\"x\") }}</code></p>\n".to_owned(),
        ),
        (
            "```\n{{ stat(id=\"x\") }}\n```",
            "<pre><code>{{ stat(id=\"x\") }}\n</code></pre>\n".to_owned(),
        ),
        (
            "    {{ stat(id=\"x\") }}\n",
            "<pre><code>{{ stat(id=\"x\") }}\n</code></pre>\n".to_owned(),
        ),
        (
            "\\{{ stat(id=\"x\") }}",
            "<p>{{ stat(id=\"x\") }}</p>\n".to_owned(),
        ),
        (
            "- {{ stat(id=\"enterprises\") }}",
            format!("<ul>\n<li>{stat}</li>\n</ul>\n"),
        ),
        (
            "![{{ stat(id=\"enterprises\") }}](/a.png)",
            "<p><img src=\"/renze/a.png\" alt=\"430余家\" /></p>\n".to_owned(),
        ),
        (
            "前文\n\n{{ chart(group=\"tiers\") }}\n\n后文",
            "<p>前文</p>\n<figure class=\"chart\"><svg></svg></figure>\n<p>后文</p>\n".to_owned(),
        ),
        ("{{ stat(id=\"enterprises\") }}", stat.to_owned()),
        (
            "{{ chart(group=\"g\") }} 之后",
            "<p><figure class=\"chart\"><svg></svg></figure> 之后</p>\n".to_owned(),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(html(body), expected, "{body}");
    }
}

#[test]
fn shortcodes_with_smart_punctuation() {
    let opts = Options {
        smart_punctuation: true,
        ..Options::default()
    };
    let body = "It's {{ stat(id=\"enterprises\") }} -- \"ok\"";
    let out = render_in(body, "en", &opts)
        .map(|r| r.html)
        .unwrap_or_default();
    let stat = "<span class=\"stat\">more than 430</span>";
    assert_eq!(out, format!("<p>It’s {stat} – “ok”</p>\n"));
}

#[test]
fn shortcodes_in_english_pages() {
    let r = render_in(
        "Over {{ stat(id=\"enterprises\") }} firms.",
        "en",
        &Options::default(),
    );
    let out = r.map(|r| r.html).unwrap_or_default();
    assert_eq!(
        out,
        "<p>Over <span class=\"stat\">more than 430</span> firms.</p>\n"
    );
}

#[test]
fn shortcode_spans_are_file_offsets() {
    struct Spans(std::sync::Mutex<Vec<Range<usize>>>);
    impl Resolver for Spans {
        fn link(&self, _: &str, _: &str) -> Result<String, (String, Option<String>)> {
            Ok(String::new())
        }
        fn shortcode(&self, call: &Shortcode, _: &str) -> Result<String, (String, Option<String>)> {
            if let Ok(mut spans) = self.0.lock() {
                spans.push(call.span.clone());
            }
            Ok(String::new())
        }
        fn base_path(&self) -> &str {
            "/"
        }
    }
    let text: Arc<str> = Arc::from(format!("{FRONT}中文\n\n甲{{{{ a() }}}}乙{{{{b(x=1)}}}}"));
    let input = Input {
        file: Path::new("a.md"),
        text: &text,
        body: FRONT.len()..text.len(),
        lang: "zh",
        foreign: Default::default(),
    };
    let spans = Spans(std::sync::Mutex::new(Vec::new()));
    assert!(render(&input, &Options::default(), &spans).is_ok());
    let got: Vec<String> = spans
        .0
        .lock()
        .map(|s| s.iter().map(|r| text[r.clone()].to_owned()).collect())
        .unwrap_or_default();
    assert_eq!(got, ["{{ a() }}", "{{b(x=1)}}"]);
}

#[test]
fn shortcode_errors() {
    let form = Some(shortcode::expected_form());
    let cases = [
        (
            "第一段\n\n共有{{ stat(id=\"x\" }}家",
            "content/tech/a.md:6:3",
            "expected `,` or `)` after argument `id`",
            form.clone(),
        ),
        (
            "文{{ stat(id=\"x\")",
            "content/tech/a.md:4:2",
            "unclosed shortcode: expected `}}` after `)`",
            form.clone(),
        ),
        (
            "a {{ nope() }}",
            "content/tech/a.md:4:3",
            "unknown shortcode `nope`",
            Some("the shortcodes are `stat` and `chart`".to_owned()),
        ),
        (
            "<div>{{ stat(id=\"x\") }}</div>",
            "content/tech/a.md:4:6",
            "shortcodes are not expanded inside raw HTML",
            Some(super::html::Hint::ShortcodeInHtml.text()),
        ),
    ];
    for (body, locus, message, hint) in cases {
        let expected = vec![(locus.to_owned(), message.to_owned(), hint)];
        assert_eq!(errors(body), expected, "{body}");
    }
}

#[test]
fn all_errors_of_a_page_are_reported() {
    let body = "[a](@/x.md)\n\n{{ stat(id=) }}\n\n<a onclick=\"x\">y</a> {{ zzz() }}\n";
    let found: Vec<String> = error_loci(body).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        found,
        [
            "content/tech/a.md:4:5",
            "content/tech/a.md:6:1",
            "content/tech/a.md:8:4",
            "content/tech/a.md:8:22"
        ]
    );
}

#[test]
fn options_switch_extensions() {
    let body = "| a |\n|---|\n| b |\n\n~~s~~ [^1]\n\n[^1]: n\n\n- [x] t\n\n\"q\"";
    let off = Options {
        tables: false,
        footnotes: false,
        strikethrough: false,
        tasklists: false,
        smart_punctuation: false,
    };
    let on = Options {
        smart_punctuation: true,
        ..Options::default()
    };
    let render_with = |opts: &Options| {
        render_in(body, "en", opts)
            .map(|r| r.html)
            .unwrap_or_default()
    };
    let (plain, rich) = (render_with(&off), render_with(&on));
    for tag in ["<table>", "<del>", "footnote-definition", "checkbox", "“q”"] {
        assert!(rich.contains(tag), "{tag} missing in {rich}");
        assert!(!plain.contains(tag), "{tag} present in {plain}");
    }
}

#[test]
fn word_count_reading_time_and_summary() {
    let zh = "仁泽区新材料产业。";
    let long_en = "word ".repeat(450);
    let cases: [(&str, usize, usize, &str); 6] = [
        (zh, 8, 1, "仁泽区新材料产业。"),
        (
            "## Title\n\nBonding wire, 1,000 metres.",
            5,
            1,
            "Bonding wire, 1,000 metres.",
        ),
        (
            "键合丝 bonding wire\n用于芯片封装",
            11,
            1,
            "键合丝 bonding wire 用于芯片封装",
        ),
        ("中文\n换行", 4, 1, "中文换行"),
        (
            "{{ chart(group=\"g\") }}\n\n> 引用**重点**",
            4,
            1,
            "引用重点",
        ),
        (&long_en, 450, 3, ""),
    ];
    for (body, words, minutes, summary) in cases {
        let r = ok(body);
        assert_eq!((r.word_count, r.reading_time), (words, minutes), "{body}");
        if !summary.is_empty() {
            assert_eq!(r.summary, summary, "{body}");
        }
    }
    let r = ok(&"很长的段落".repeat(100));
    assert_eq!(r.summary.chars().count(), 160);
    assert!(r.summary.ends_with("的段…"), "{}", r.summary);
    assert_eq!((r.word_count, r.reading_time), (500, 2));
}

#[test]
fn body_range_outside_the_text_is_an_error() {
    let text: Arc<str> = Arc::from("abc");
    let input = Input {
        file: Path::new("a.md"),
        text: &text,
        body: 2..10,
        lang: "zh",
        foreign: Default::default(),
    };
    assert!(render(&input, &Options::default(), &Fake).is_err());
}

/// Renders without overflowing the stack, with output linear in the input (speed is
/// measured in benchmarks, not asserted here).
fn assert_fast(name: &str, body: &str) -> Rendered {
    let r = render_in(body, "zh", &Options::default());
    match r {
        Ok(r) => {
            assert!(
                r.html.len() <= 64 * body.len() + 1024,
                "{name}: output not bounded"
            );
            r
        }
        Err(d) => Rendered {
            html: format!("{} errors", d.len()),
            toc: vec![],
            anchors: vec![],
            links: vec![],
            word_count: 0,
            reading_time: 0,
            summary: String::new(),
        },
    }
}

#[test]
fn pathological_input() {
    let cases = [
        ("blockquotes", ">".repeat(10_000) + " 深"),
        ("brackets", "[".repeat(10_000) + "x"),
        ("links", "[".repeat(10_000) + "x" + &"](/u)".repeat(10_000)),
        ("lists", "- ".repeat(5_000) + "x"),
        ("emphasis", "*".repeat(10_000) + "a" + &"*".repeat(10_000)),
        ("open shortcodes", "{{ a(x=\"".repeat(20_000)),
        (
            "nested shortcodes",
            "{{ a(x=\"".to_owned() + &"{{ ".repeat(20_000),
        ),
        (
            "shortcodes in html",
            "<div>".to_owned() + &"{{ a(x=\"".repeat(20_000),
        ),
        (
            "html attributes",
            "<div ".to_owned() + &"onx=1 ".repeat(20_000),
        ),
        ("headings", "## 同\n".repeat(10_000)),
        ("soft breaks", "中\n".repeat(20_000)),
        ("escapes", "\\".repeat(20_001) + "{{ a() }}"),
    ];
    for (name, body) in &cases {
        let r = assert_fast(name, body);
        assert!(!r.html.is_empty(), "{name}");
    }
    let deep = assert_fast("blockquotes", &cases[0].1);
    assert_eq!(deep.html.matches("<blockquote>").count(), 10_000);
    let heads = assert_fast("headings", &cases[9].1);
    assert_eq!(heads.anchors.last().map(String::as_str), Some("同-9999"));
    let soft = assert_fast("soft breaks", &cases[10].1);
    assert_eq!(soft.html, format!("<p>{}</p>\n", "中".repeat(20_000)));
}

#[test]
fn markdown_links_to_document_data_urls_are_refused() {
    let found = errors("[x](data:text/html,hi) and ![y](data:image/png;base64,AAAA)");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("`data:` URL"), "{found:?}");
}

/// Found by fuzzing the tokenizer-based scanner (seed
/// `fuzz/corpus/markdown/svg-breakout-hides-handler.md`): the blocks pass one by one,
/// but read as one page a browser runs a handler. The whole-page check refuses it.
#[test]
fn a_page_whose_blocks_run_script_only_together_is_refused() {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/corpus/markdown/svg-breakout-hides-handler.md"
    ))
    .unwrap();
    let body = String::from_utf8_lossy(&seed);
    let found = errors(&body);
    assert!(
        found
            .iter()
            .any(|e| e.1.contains("read as a whole, runs script")),
        "{found:?}"
    );
}
