#!/usr/bin/env python3
"""Generate profilegen's benchmark site: a deterministic synthetic bilingual site.

    benches/gen_site.py --format FORMAT --pages N --out DIR [--seed S]

FORMAT is one of
  profilegen          our content conventions, minimal templates matched to the anchors'
  profilegen-default  the same content with this repository's default theme, config
                      (UI strings) and statistics file: the full default build
  hugo                the same content for Hugo (layouts/, `{{< ref >}}` links)
  zola                the same content for Zola (its templates, `@/….en.md` links)

N is the number of pages per language, dealt round-robin into three sections (tech,
talent, finance). Each page is about 750 English words, or about 1,050 Chinese
characters, of Markdown: headings, paragraphs with emphasis and inline code, bullet and
numbered lists, one table, a code block on some pages, internal links to other pages and
external links. Chinese is the default language (`item-7.md`), English its twin
(`item-7.en.md`). The Markdown bodies are byte-identical across formats except for the
internal link targets. The same seed always gives the same bytes (Python's
`random.Random` seeded with a string is stable across runs and platforms).

Prints one JSON line: page counts, average words and characters, Markdown bytes.
Standard library only.
"""

import argparse
import json
import os
import random
import re
import sys

import bench_themes as themes

SECTIONS = ("tech", "talent", "finance")
ZH, EN = 0, 1

# (zh, en) pairs: structure (headings, titles, list items, table rows) is a translation;
# running prose is drawn independently per language from these pairs.
FIELDS = {
    "tech": [("高纯金属靶材", "high-purity sputtering targets"), ("键合铜丝", "copper bonding wire"),
             ("陶瓷基板", "ceramic substrates"), ("导热界面材料", "thermal interface materials"),
             ("碳化硅粉体", "silicon carbide powder"), ("光伏银浆", "photovoltaic silver paste"),
             ("电子级硅烷", "electronic-grade silane"), ("高分子薄膜", "polymer films"),
             ("玄武岩纤维", "basalt fibre"), ("特种玻璃", "specialty glass"),
             ("镁合金型材", "magnesium alloy profiles"), ("钠离子电池负极", "sodium-ion anodes")],
    "talent": [("工程师培养", "engineer training"), ("技能等级认定", "skills certification"),
               ("校企合作实训", "joint campus training"), ("人才住房", "housing for recruits"),
               ("博士工作站", "doctoral workstations"), ("产业教授", "industry professors"),
               ("技工院校", "technical colleges"), ("柔性引才", "flexible recruitment"),
               ("青年创业", "youth start-ups"), ("职称评审", "title evaluation")],
    "finance": [("产业基金", "industry funds"), ("科技贷款", "technology loans"),
                ("知识产权质押", "patent-pledge loans"), ("上市培育", "listing preparation"),
                ("融资担保", "loan guarantees"), ("设备租赁", "equipment leasing"),
                ("绿色债券", "green bonds"), ("应收账款融资", "receivables financing"),
                ("贴息补助", "interest subsidies"), ("天使投资", "angel investment")],
}
ACTORS = [("园区企业", "firms in the park"), ("龙头企业", "the anchor companies"),
          ("中小企业", "smaller suppliers"), ("区科技局", "the district science bureau"),
          ("省级实验室", "the provincial laboratory"), ("本地高校", "the local university"),
          ("行业协会", "the industry association"), ("合作银行", "the partner banks"),
          ("检测中心", "the testing centre"), ("创新联合体", "the innovation consortium")]
VERBS = [("扩大了", "expanded"), ("改进了", "improved"), ("完善了", "refined"),
         ("加快了", "accelerated"), ("巩固了", "consolidated"), ("升级了", "upgraded"),
         ("简化了", "simplified"), ("拓宽了", "broadened"), ("提高了", "raised"),
         ("推进了", "advanced")]
GOALS = [("产线自动化水平", "the level of automation on its production lines"),
         ("产品良率和一致性", "product yield and batch consistency"),
         ("本地配套比例", "the share of parts sourced within the district"),
         ("研发投入强度", "the intensity of spending on research"),
         ("出口订单结构", "the mix of export orders"),
         ("能耗和排放指标", "its figures for energy use and emissions"),
         ("新产品验证周期", "the time it takes to qualify a new product"),
         ("与下游客户的协作", "its cooperation with customers downstream")]
WHEN = [("去年", "Last year"), ("今年上半年", "In the first half of this year"),
        ("过去三年", "Over the past three years"), ("自园区扩建以来", "Since the park expanded"),
        ("在新一轮技术改造中", "During the latest round of upgrades"), ("近期", "Recently")]
RESULTS = [("全年产值同比增长{p}%", "lifting annual output by {p} percent"),
           ("带动新增就业岗位约{k}个", "adding roughly {k} jobs"),
           ("单位产品成本下降{p}%", "cutting unit costs by {p} percent"),
           ("累计获得授权专利{n}项", "and were granted {n} patents"),
           ("交货周期缩短到{d}天", "bringing delivery times down to {d} days"),
           ("客户数量超过{n}家", "and now serve more than {n} customers")]
LINKERS = [("此外", "Beyond that"), ("同时", "At the same time"), ("因此", "As a result"),
           ("总体上", "On the whole"), ("值得一提的是", "Notably"),
           ("具体来看", "Looking more closely"), ("相比之下", "By comparison")]
HEADINGS = [("基本情况", "At a glance"), ("发展历程", "How it grew"),
            ("主要产品", "Main products"), ("技术路线", "Technical approach"),
            ("市场与客户", "Markets and customers"), ("配套与协作", "Suppliers and partners"),
            ("人才与团队", "People and teams"), ("资金支持", "Financial support"),
            ("面临的问题", "Open problems"), ("下一步计划", "Next steps"),
            ("数据摘要", "Figures in brief"), ("政策要点", "Policy points")]
SUBHEADINGS = [("近期进展", "Recent progress"), ("成本构成", "Where the costs lie"),
               ("合作方式", "How the partners work"), ("风险提示", "Risks to watch")]
TITLES = [("发展概况", "an overview"), ("案例分析", "a case study"),
          ("年度观察", "the year in review"), ("问题与对策", "problems and responses"),
          ("政策解读", "the policy explained"), ("投资指南", "a guide for investors")]
METRICS = [("企业数量（家）", "Enterprises"), ("营业收入（亿元）", "Revenue (CNY 100m)"),
           ("研发人员（人）", "R&D staff"), ("专利授权（项）", "Patents granted"),
           ("出口额（亿元）", "Exports (CNY 100m)"), ("固定资产投资（亿元）", "Investment (CNY 100m)"),
           ("从业人员（人）", "Employees")]
TABLE_HEAD = [("指标", "Indicator"), ("2023年", "2023"), ("2024年", "2024"),
              ("2025年", "2025"), ("变化", "Change")]
CODE_TERMS = ["GB/T 19001", "ISO 14001", "SiC", "Cu-Pd", "CNC", "MES", "ERP", "5N", "TRL 7"]
EXTERNAL = [(("国家统计局", "National Bureau of Statistics"), "https://www.stats.gov.cn/"),
            (("河北省人民政府", "Hebei Provincial Government"), "https://www.hebei.gov.cn/"),
            (("工业和信息化部", "Ministry of Industry and Information Technology"),
             "https://www.miit.gov.cn/"),
            (("国家知识产权局", "China National Intellectual Property Administration"),
             "https://www.cnipa.gov.cn/")]
CODE = {
    "toml": "[park]\nname = \"renze-{a}\"\nfirms = {b}\noutput = {c}.5\n",
    "python": "sales = [{a}, {b}, {c}]\nprint(sum(sales) / len(sales))\n",
    "json": "{{\n  \"park\": \"renze-{a}\",\n  \"firms\": {b},\n  \"patents\": {c}\n}}\n",
    "bash": "curl -s https://data.example.org/parks/{a} | jq '.firms[] | .name'\n",
}
SITE = (("新材料产业基准站", "New Materials Benchmark Site"),
        ("用于性能基准测试的合成双语站点。", "A synthetic bilingual site for benchmarks."))
SECTION_META = {
    "tech": (("技术与产品", "Technology"), ("材料、工艺与产品。", "Materials, processes and products.")),
    "talent": (("人才", "Talent"), ("引进、培养与服务人才。", "Attracting, training and keeping people.")),
    "finance": (("金融", "Finance"), ("服务产业的资金工具。", "Money that serves the industry.")),
}
LINK = re.compile(r"\x00(\d+)\x00")


def section_of(i):
    return SECTIONS[i % len(SECTIONS)]


def title_of(seed, i):
    r = random.Random(f"{seed}:title:{i}")
    field, topic = r.choice(FIELDS[section_of(i)]), r.choice(TITLES)
    return f"{field[ZH]}：{topic[ZH]}（{i + 1}）", f"{field[EN][:1].upper()}{field[EN][1:]}: {topic[EN]} ({i + 1})"


class Prose:
    """Sentences in one language; `lang` picks the half of each pair."""

    def __init__(self, lang, rng, section):
        self.lang, self.r, self.section = lang, rng, section

    def pick(self, pool):
        return self.r.choice(pool)[self.lang]

    def numbers(self, s):
        r = self.r
        return s.format(p=r.randint(3, 40), k=r.randint(50, 3000), n=r.randint(12, 400), d=r.randint(7, 60))

    def sentence(self):
        r, zh = self.r, self.lang == ZH
        field = self.pick(FIELDS[self.section] if r.random() < 0.8 else FIELDS[r.choice(SECTIONS)])
        actor, verb, goal = self.pick(ACTORS), self.pick(VERBS), self.pick(GOALS)
        if r.random() < 0.1:
            goal = f"**{goal}**"
        when, result, linker = self.pick(WHEN), self.numbers(self.pick(RESULTS)), self.pick(LINKERS)
        shape = r.randrange(4)
        if zh:
            s = [f"{when}，{actor}在{field}领域{verb}{goal}，{result}。",
                 f"{linker}，{field}项目{verb}{goal}，{result}。",
                 f"围绕{field}，{actor}{verb}{goal}，并与上下游企业共同制定了新的工作方案。",
                 f"{when}，{field}方面的投入持续增加，{actor}据此{verb}{goal}，{result}。"][shape]
        else:
            s = [f"{when}, {actor} working on {field} {verb} {goal}, {result}.",
                 f"{linker}, the {field} projects {verb} {goal}, {result}.",
                 f"Around {field}, {actor} {verb} {goal} and agreed a new work plan with partners.",
                 f"{when}, spending on {field} kept rising, and {actor} {verb} {goal}, {result}."][shape]
            s = s[:1].upper() + s[1:]
        if r.random() < 0.08:
            term = r.choice(CODE_TERMS)
            s = s[:-1] + (f"（标准 `{term}`）。" if zh else f" (standard `{term}`).")
        return s

    def paragraph(self, count, links):
        out = [self.sentence() for _ in range(count)]
        for text, target in links:
            at = self.r.randint(1, len(out))
            out.insert(at, f"参见[{text}]({target})。" if self.lang == ZH else f"See [{text}]({target}).")
        return ("" if self.lang == ZH else " ").join(out)


def page_bodies(seed, i, n):
    """Markdown bodies (zh, en) with internal links as \\0k\\0 placeholders, and the targets."""
    section = section_of(i)
    rs = random.Random(f"{seed}:shape:{i}")
    prose = (Prose(ZH, random.Random(f"{seed}:zh:{i}"), section),
             Prose(EN, random.Random(f"{seed}:en:{i}"), section))
    blocks, targets = ([], []), []

    def both(zh, en):
        blocks[ZH].append(zh)
        blocks[EN].append(en)

    def para(count, internal=0, external=0):
        links = ([], [])
        for _ in range(internal):
            j = i + 3 * rs.randint(-30, 30) if rs.random() < 0.7 else rs.randrange(n)
            j = j if 0 <= j < n and j != i else rs.randrange(n)
            targets.append(j)
            for lang, title in enumerate(title_of(seed, j)):
                links[lang].append((title, f"\x00{len(targets) - 1}\x00"))
        for (names, url) in rs.sample(EXTERNAL, external):
            for lang in (ZH, EN):
                links[lang].append((names[lang], url))
        both(*(prose[lang].paragraph(count, links[lang]) for lang in (ZH, EN)))

    def words():
        return sum(len(LINK.sub("x", b).split()) for b in blocks[EN])

    para(rs.randint(3, 4), internal=1)
    headings = rs.sample(range(len(HEADINGS) - 1), len(HEADINGS) - 1)
    target, table, code = rs.randint(520, 640), False, rs.random() < 0.3
    for h in headings:
        if words() >= target:
            break
        both(f"## {HEADINGS[h][ZH]}", f"## {HEADINGS[h][EN]}")
        para(rs.randint(3, 5), internal=int(rs.random() < 0.5), external=int(rs.random() < 0.2))
        kind = rs.random()
        if not table and (kind < 0.35 or words() > target * 0.6):
            table = True
            both(*data_table(rs))
        elif kind < 0.65:
            items = rs.sample(GOALS, rs.randint(3, 5))
            both("\n".join(f"- {prose[ZH].pick(VERBS)}{g[ZH]}" for g in items),
                 "\n".join(f"- {prose[EN].pick(VERBS).capitalize()} {g[EN]}" for g in items))
        else:
            items = rs.sample(ACTORS, rs.randint(3, 4))
            both("\n".join(f"{k + 1}. **{a[ZH]}**：{prose[ZH].sentence()}" for k, a in enumerate(items)),
                 "\n".join(f"{k + 1}. **{a[EN][:1].upper()}{a[EN][1:]}**: {prose[EN].sentence()}"
                           for k, a in enumerate(items)))
        if rs.random() < 0.4:
            sub = rs.choice(SUBHEADINGS)
            both(f"### {sub[ZH]}", f"### {sub[EN]}")
            para(rs.randint(2, 3))
        if code and rs.random() < 0.5:
            code = False
            lang = rs.choice(sorted(CODE))
            body = CODE[lang].format(a=rs.randint(1, 99), b=rs.randint(20, 400), c=rs.randint(100, 900))
            both(f"```{lang}\n{body}```", f"```{lang}\n{body}```")
    both(f"## {HEADINGS[-1][ZH]}", f"## {HEADINGS[-1][EN]}")
    para(rs.randint(2, 3), internal=rs.randint(1, 2), external=1)
    return "\n\n".join(blocks[ZH]) + "\n", "\n\n".join(blocks[EN]) + "\n", targets


def data_table(rs):
    rows = rs.sample(METRICS, rs.randint(4, 6))
    out = ([], [])
    for lang in (ZH, EN):
        out[lang].append("| " + " | ".join(h[lang] for h in TABLE_HEAD) + " |")
        out[lang].append("| --- | ---: | ---: | ---: | ---: |")
    for m in rows:
        a = rs.randint(20, 4000)
        b, c = round(a * rs.uniform(0.9, 1.3)), round(a * rs.uniform(1.0, 1.6))
        cells = f"{a} | {b} | {c} | {(c / a - 1) * 100:+.1f}%"
        for lang in (ZH, EN):
            out[lang].append(f"| {m[lang]} | {cells} |")
    return "\n".join(out[ZH]), "\n".join(out[EN])


def link_target(fmt, j, lang):
    path = f"{section_of(j)}/item-{j}"
    if fmt == "hugo":
        return '{{< ref "/' + path + '" >}}'
    if fmt == "zola" and lang == EN:
        return f"@/{path}.en.md"
    return f"@/{path}.md"


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date_of(i, n):
    minutes = i * max(1, 5 * 365 * 24 * 60 // max(n, 1))
    day, minute = divmod(minutes, 24 * 60)
    year, day = 2020 + day // 365, day % 365
    month, mday = 1 + day // 31 % 12, 1 + day % 28
    return f"{year:04}-{month:02}-{mday:02}T{minute // 60:02}:{minute % 60:02}:00Z"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def front_matter(pairs):
    return "+++\n" + "".join(f"{k} = {v}\n" for k, v in pairs) + "+++\n\n"


def generate(fmt, n, out, seed):
    content = os.path.join(out, "content")
    themes.install(fmt, out, SITE)
    for lang, suffix in ((ZH, ""), (EN, ".en")):
        write(os.path.join(content, f"_index{suffix}.md"),
              front_matter([("title", toml_str(SITE[0][lang])), ("description", toml_str(SITE[1][lang]))])
              + ("本站内容由脚本生成，仅用于基准测试。\n" if lang == ZH else "Generated for benchmarks.\n"))
        for w, section in enumerate(SECTIONS, start=1):
            (title, desc) = SECTION_META[section]
            fm = [("title", toml_str(title[lang])), ("description", toml_str(desc[lang])), ("weight", w)]
            if fmt == "zola":
                fm.append(("sort_by", '"date"'))
            write(os.path.join(content, section, f"_index{suffix}.md"), front_matter(fm) + desc[lang] + "\n")
    totals = {"en_words": 0, "zh_chars": 0, "links": 0, "markdown_bytes": 0}
    for i in range(n):
        titles, bodies = title_of(seed, i), page_bodies(seed, i, n)
        targets = bodies[2]
        for lang, suffix in ((ZH, ""), (EN, ".en")):
            body = LINK.sub(lambda m: link_target(fmt, targets[int(m.group(1))], lang), bodies[lang])
            desc = (f"{titles[ZH]}的要点与数据。", f"Key points and figures: {titles[EN]}.")[lang]
            text = front_matter([("title", toml_str(titles[lang])), ("date", date_of(i, n)),
                                 ("description", toml_str(desc))]) + body
            write(os.path.join(content, section_of(i), f"item-{i}{suffix}.md"), text)
            totals["markdown_bytes"] += len(text.encode("utf-8"))
        totals["en_words"] += len(LINK.sub("x", bodies[EN]).split())
        totals["zh_chars"] += sum(1 for ch in bodies[ZH] if "\u4e00" <= ch <= "\u9fff")
        totals["links"] += len(targets)
    return {"format": fmt, "pages_per_language": n, "seed": seed,
            "content_files": 2 * (n + 1 + len(SECTIONS)),
            "avg_en_words": round(totals["en_words"] / n, 1),
            "avg_zh_chars": round(totals["zh_chars"] / n, 1),
            "avg_internal_links": round(totals["links"] / n, 2),
            "markdown_bytes": totals["markdown_bytes"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", required=True, choices=themes.FORMATS)
    ap.add_argument("--pages", required=True, type=int, help="pages per language (at least 1)")
    ap.add_argument("--out", required=True, help="site folder to create (must not exist or be empty)")
    ap.add_argument("--seed", default="profilegen", help="any string (default: profilegen)")
    a = ap.parse_args(argv)
    if a.pages < 1:
        ap.error("--pages must be at least 1")
    if os.path.exists(a.out) and os.listdir(a.out):
        ap.error(f"{a.out} exists and is not empty")
    print(json.dumps(generate(a.format, a.pages, a.out, a.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
