// The built site as a reader and a crawler meet it, served by nginx: HTTP status, types
// and encodings of every page, asset and link; the language switcher, search, console
// errors and WCAG 2.1 AA (axe-core) in headless Chromium, with screenshots; the Nu HTML
// checker on every page; the sitemap and feeds parsed as XML with their alternates.
//
// Usage: node check.mjs SITES_JSON ARTIFACTS_DIR
//   SITES_JSON: [{"name": "root", "base": "http://127.0.0.1:18431/", "dir": "/…/www"}, …]
//   (dir is the folder nginx serves the site from, i.e. where index.html is)
// Prints one line per failure and closes with "N passed, N failed"; exits 1 on a failure.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join, relative } from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

const sites = JSON.parse(process.argv[2]);
const artifacts = process.argv[3];
const here = fileURLToPath(new URL(".", import.meta.url));
let passed = 0;
let failed = 0;

function check(ok, what, detail = "") {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ""}`);
  }
  return ok;
}

/** GET `url` with optional Accept-Encoding; resolves {status, headers, body: Buffer}. */
function get(url, encoding) {
  return new Promise((resolve, reject) => {
    const headers = encoding ? { "Accept-Encoding": encoding } : {};
    const req = http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.setTimeout(10000, () => req.destroy(new Error("timeout")));
  });
}

const TYPES = {
  html: "text/html", css: "text/css", js: "application/javascript", json: "application/json",
  xml: "text/xml", svg: "image/svg+xml", txt: "text/plain", png: "image/png", ico: "image/x-icon",
  csv: "text/csv", webp: "image/webp", jpg: "image/jpeg", pagefind: "application/octet-stream", pf_meta: "application/octet-stream",
  pf_index: "application/octet-stream", pf_fragment: "application/octet-stream",
};
const TEXT = new Set(["html", "css", "js", "json", "xml", "svg", "txt"]);

function extOf(url) {
  const path = new URL(url).pathname;
  if (path.endsWith("/")) return "html";
  const m = path.match(/\.([a-z_]+)$/);
  return m ? m[1] : "";
}

function expectedType(url) {
  if (url.endsWith("/_redirects")) return "application/octet-stream";
  return url.endsWith("/atom.xml") ? "application/atom+xml" : TYPES[extOf(url)];
}

/** Status, type, charset and both precompressed encodings of one URL. */
async function checkUrl(url, site) {
  const plain = await get(url);
  const want404 = url.includes("/no-such-page");
  if (!check(plain.status === (want404 ? 404 : 200), `${site.name} status ${url}`, `got ${plain.status}`)) return;
  const type = (plain.headers["content-type"] || "").split(";")[0];
  const ext = extOf(url);
  check(type === expectedType(url), `${site.name} content-type ${url}`, `got ${type}, want ${expectedType(url)}`);
  if (!TEXT.has(ext)) return;
  check(/charset=utf-8/i.test(plain.headers["content-type"] || ""), `${site.name} charset ${url}`, plain.headers["content-type"]);
  for (const [enc, decode] of [["gzip", zlib.gunzipSync], ["br", zlib.brotliDecompressSync]]) {
    const res = await get(url, enc);
    if (!check(res.headers["content-encoding"] === enc, `${site.name} ${enc} served for ${url}`, `got ${res.headers["content-encoding"]}`)) continue;
    check(decode(res.body).equals(plain.body), `${site.name} ${enc} body equals the original for ${url}`);
  }
}

/** Every file of the built site, as URLs (precompressed copies and the marker left out). */
function siteFiles(site) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(gz|br)$/.test(name) && !name.startsWith(".")) out.push(p);
    }
  };
  walk(site.dir);
  return out.map((p) => new URL(relative(site.dir, p).replace(/(^|\/)index\.html$/, "$1"), site.base).href);
}

async function parseXml(page, url) {
  const res = await get(url);
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return { error: doc.documentElement.textContent };
    const ns = { sm: "http://www.sitemaps.org/schemas/sitemap/0.9", x: "http://www.w3.org/1999/xhtml", a: "http://www.w3.org/2005/Atom" };
    const urls = [...doc.getElementsByTagNameNS(ns.sm, "url")].map((u) => ({
      loc: u.getElementsByTagNameNS(ns.sm, "loc")[0]?.textContent,
      alternates: [...u.getElementsByTagNameNS(ns.x, "link")].map((l) => l.getAttribute("hreflang")),
    }));
    const entries = [...doc.getElementsByTagNameNS(ns.a, "entry")].map((e) => ({
      title: e.getElementsByTagNameNS(ns.a, "title")[0]?.textContent,
      alternates: [...e.getElementsByTagNameNS(ns.a, "link")].filter((l) => l.getAttribute("rel") === "alternate").map((l) => l.getAttribute("hreflang")),
    }));
    return { root: doc.documentElement.localName, urls, entries };
  }, res.body.toString("utf8"));
}

async function checkXml(page, site) {
  const sitemap = await parseXml(page, new URL("sitemap.xml", site.base).href);
  if (!check(!sitemap.error, `${site.name} sitemap.xml parses`, sitemap.error)) return [];
  check(sitemap.urls.length > 10, `${site.name} sitemap lists the pages`, `${sitemap.urls.length}`);
  for (const u of sitemap.urls) {
    check(u.loc.startsWith(site.base), `${site.name} sitemap loc under the base ${u.loc}`);
    check(["zh-CN", "en", "x-default"].every((l) => u.alternates.includes(l)), `${site.name} sitemap alternates for ${u.loc}`, u.alternates.join(","));
  }
  const home = (await get(site.base)).body.toString("utf8");
  if (!home.includes('type="application/atom+xml"')) {
    // A site without a feed section: no page links a feed, and there is none.
    for (const feed of ["atom.xml", "en/atom.xml"]) {
      check((await get(new URL(feed, site.base).href)).status === 404, `${site.name} has no ${feed} and links none`);
    }
    return sitemap.urls.map((u) => u.loc);
  }
  for (const feed of ["atom.xml", "en/atom.xml"]) {
    const f = await parseXml(page, new URL(feed, site.base).href);
    if (!check(!f.error && f.root === "feed", `${site.name} ${feed} parses as Atom`, f.error)) continue;
    check(f.entries.length > 0, `${site.name} ${feed} has entries`);
    for (const e of f.entries) check(e.alternates.length === 2, `${site.name} ${feed} entry alternates: ${e.title}`, e.alternates.join(","));
  }
  return sitemap.urls.map((u) => u.loc);
}

/** Console errors, axe WCAG 2.1 AA, links of one page; screenshots when asked. */
async function checkPage(context, url, site, shoot) {
  const page = await context.newPage();
  const errors = [];
  const want = url.includes("/no-such-page") ? 404 : 200;
  page.on("console", (m) => {
    // Chromium logs the 404 page's own status as an error: that one is expected
    const own404 = want === 404 && m.location().url === url;
    if (m.type() === "error" && !own404) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  const res = await page.goto(url, { waitUntil: "load" });
  check(res && res.status() === want, `${site.name} browser status ${url}`, `${res && res.status()}`);
  await page.waitForTimeout(50);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  check(axe.violations.length === 0, `${site.name} axe WCAG 2.1 AA ${url}`,
    axe.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join("; "));
  const links = await page.evaluate(() => [...document.querySelectorAll("[href], [src]")].map((e) => e.href || e.src));
  if (shoot) {
    const name = new URL(url).pathname.replace(/^\/|\/$/g, "").replace(/[/?=]/g, "_") || "home";
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(artifacts, site.name, `${name}-${width}.png`), fullPage: true });
    }
  }
  check(errors.length === 0, `${site.name} no console errors on ${url}`, errors.join(" | "));
  await page.close();
  return links;
}

async function checkSwitcher(context, site) {
  const page = await context.newPage();
  const start = new URL("tech/tongda-bonding-wire/", site.base).href;
  await page.goto(start);
  await Promise.all([page.waitForURL("**/en/tech/tongda-bonding-wire/"), page.click(".lang-switch a")]);
  check(page.url() === new URL("en/tech/tongda-bonding-wire/", site.base).href, `${site.name} switcher zh → en`, page.url());
  check((await page.getAttribute("html", "lang")) === "en", `${site.name} switcher lands on English`);
  await Promise.all([page.waitForURL(start), page.click(".lang-switch a")]);
  check(page.url() === start, `${site.name} switcher en → zh`, page.url());
  await page.close();
}

async function searchFinds(context, site, path, query, wantPath) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(new URL(path, site.base).href);
  await page.fill(".site-search input[name=q]", query);
  await Promise.all([page.waitForURL("**/search/?q=*"), page.press(".site-search input[name=q]", "Enter")]);
  let hrefs = [];
  try {
    await page.waitForSelector(".search-results li a", { timeout: 15000 });
    hrefs = await page.$$eval(".search-results li a", (as) => as.map((a) => new URL(a.href).pathname));
  } catch (e) {
    errors.push(`no results: ${await page.textContent(".search-status")}`);
  }
  const want = new URL(wantPath, site.base).pathname;
  check(hrefs.includes(want), `${site.name} search "${query}" finds ${want}`, `${hrefs.join(", ")} ${errors.join(" | ")}`);
  const status = (await page.textContent(".search-status")) || "";
  const shown = Number((status.match(/\d+/) || ["0"])[0]);
  const plural = path.startsWith("en/") ? (shown === 1 ? /^1 result$/ : /^\d+ results$/) : /^找到 \d+ 条结果$/;
  check(plural.test(status.trim()), `${site.name} search "${query}" counts its results in good ${path.startsWith("en/") ? "English" : "Chinese"}`, status);
  await page.close();
}

// The query set (search-queries.json): each query, typed into the search page of its
// language, must list its page among the first three results, with an excerpt taken
// from the page's own text (not its breadcrumb or reading time).
async function searchQuerySet(context, site) {
  const { queries } = JSON.parse(readFileSync(join(here, "search-queries.json"), "utf8"));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  for (const { lang, query, want } of queries) {
    const path = `${lang === "zh" ? "" : `${lang}/`}search/?q=${encodeURIComponent(query)}`;
    await page.goto(new URL(path, site.base).href);
    let results = [];
    try {
      await page.waitForSelector(".search-results li a", { timeout: 15000 });
      results = await page.$$eval(".search-results li", (lis) => lis.map((li) => ({
        href: new URL(li.querySelector("a").href).pathname,
        excerpt: (li.querySelector(".search-results__excerpt, p") || { textContent: "" }).textContent.trim(),
      })));
    } catch (e) {
      errors.push(`no results: ${await page.textContent(".search-status")}`);
    }
    const wanted = new URL(want, site.base).pathname;
    const top = results.slice(0, 3).map((r) => r.href);
    check(top.includes(wanted), `${site.name} search (${lang}) "${query}" has ${wanted} in its first 3`, `${top.join(", ")} ${errors.join(" | ")}`);
    const hit = results.find((r) => r.href === wanted);
    if (hit) {
      const crumb = lang === "en" ? /^Home \/|min read/ : /^(首页|首頁) \/|分钟|分鐘/;
      check(hit.excerpt.length > 0 && !crumb.test(hit.excerpt), `${site.name} search (${lang}) "${query}": the excerpt is the page's own text`, hit.excerpt);
    }
  }
  await page.close();
}

async function checkWithoutJs(browser, site) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL("en/", site.base).href);
  await Promise.all([page.waitForURL("**/en/search/?q=*"), page.fill(".site-search input", "bonding").then(() => page.press(".site-search input", "Enter"))]);
  check((await page.textContent("noscript")).includes("JavaScript"), `${site.name} search page explains itself without JavaScript`);
  await context.close();
}

function vnu(site) {
  const jar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  // The checker writes its JSON report to stderr, whatever its exit status.
  const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", site.dir], { encoding: "utf8" });
  const out = run.stderr || run.stdout || String(run.error);
  let messages = [];
  try {
    messages = JSON.parse(out).messages.filter((m) => m.type === "error");
  } catch (e) {
    check(false, `${site.name} Nu HTML checker ran`, out.slice(0, 500));
    return;
  }
  check(messages.length === 0, `${site.name} Nu HTML checker: no errors`,
    messages.slice(0, 10).map((m) => `${relative(site.dir, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`).join("\n  "));
}

async function checkSite(browser, site) {
  mkdirSync(join(artifacts, site.name), { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const scratch = await context.newPage();
  await scratch.goto(site.base);
  const pages = await checkXml(scratch, site);
  await scratch.close();
  const extra = ["search/", "en/search/", "zh-hant/search/", "no-such-page/", "en/no-such-page/", "zh-hant/no-such-page/", "print/", "en/print/", "zh-hant/print/"].map((p) => new URL(p, site.base).href);
  const links = new Set();
  for (const url of [...pages, ...extra]) {
    for (const l of await checkPage(context, url, site, site.name === "root")) links.add(l.split("#")[0]);
  }
  const urls = new Set([...pages, ...extra, ...siteFiles(site)]);
  for (const l of links) {
    if (l.startsWith(site.base)) urls.add(l);
    else check(!l.startsWith(new URL(site.base).origin), `${site.name} link stays under the base path`, l);
  }
  // Under nginx with the README's redirect lines (the kept site), an old URL is a 301.
  const moved = site.name === "kept" ? await redirectsOf(site) : new Map();
  for (const url of urls) if (!moved.has(url)) await checkUrl(url, site);
  for (const [from, to] of moved) {
    const res = await get(from);
    check(res.status === 301 && res.headers.location === new URL(to).pathname, `${site.name} ${from} is a 301 to ${to}`, `${res.status} ${res.headers.location}`);
  }
  await checkCaching(site);
  await checkSwitcher(context, site);
  await searchFinds(context, site, "", "键合铜丝", "tech/tongda-bonding-wire/");
  await searchFinds(context, site, "about/", "专精特新", "tech/");
  await searchFinds(context, site, "en/", "bonding wire", "en/tech/tongda-bonding-wire/");
  await searchFinds(context, site, "en/about/", "innovating", "en/tech/");
  if (site.name === "root") await searchQuerySet(context, site);
  await checkWithoutJs(browser, site);
  if (site.name === "kept") await checkKept(context, site);
  if (site.name === "root") await checkPrint(context, site);
  await context.close();
  vnu(site);
}

/** The site's `_redirects`, as a map of absolute URLs. */
async function redirectsOf(site) {
  const text = (await get(new URL("_redirects", site.base).href)).body.toString("utf8");
  const lines = text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" "));
  return new Map(lines.map(([from, to]) => [new URL(from, site.base).href, new URL(to, site.base).href]));
}

/**
 * The printable profile of each language, printed to PDF by Chromium on A4 and on Letter
 * and read back with pdftotext: the key figures and the names, the running header (the
 * profile's title) and page numbers, and a page count in a sane range.
 */
async function checkPrint(context, site) {
  const wanted = {
    "print/": { title: "任泽区新材料产业概况", words: ["超过100亿元", "430余家", "河北通达电子材料有限公司", "华密新材", "金融扶持"] },
    "en/print/": { title: "Renze New Materials Industry Profile", words: ["over CNY 10 billion", "more than 430", "Hebei Tongda Electronic Materials", "Huami New Materials", "Finance"] },
    "zh-hant/print/": { title: "任澤區新材料產業概況", words: ["超過100億元", "430餘家", "河北通達電子材料有限公司", "華密新材", "金融扶持"] },
  };
  const flat = (t) => t.replace(/\s+/g, "");
  for (const [path, { title, words }] of Object.entries(wanted)) {
    const page = await context.newPage();
    await page.goto(new URL(path, site.base).href);
    for (const format of ["A4", "Letter"]) {
      const file = join(artifacts, site.name, `print-${path.replace(/\//g, "-")}${format}.pdf`);
      writeFileSync(file, await page.pdf({ format }));
      const text = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout || "";
      const count = Number(((spawnSync("pdfinfo", [file], { encoding: "utf8" }).stdout || "").match(/Pages:\s+(\d+)/) || [0, 0])[1]);
      const missing = words.filter((w) => !flat(text).includes(flat(w)));
      check(missing.length === 0, `${site.name} ${path} printed on ${format} has the key figures and names`, missing.join(", "));
      check(count >= 8 && count <= 80, `${site.name} ${path} prints on ${format} to a sane number of pages`, String(count));
      const heads = text.split("\f").filter((p) => flat(p).includes(flat(title))).length;
      check(heads >= count - 1, `${site.name} ${path} on ${format}: every page has the running header`, `${heads} of ${count}`);
      check(flat(text).includes(`2/${count}`) && flat(text).includes(`${count}/${count}`), `${site.name} ${path} on ${format}: pages are numbered`);
    }
    await page.close();
  }
}

/**
 * The portable copy (build --portable), opened from its folder as file:// URLs: every
 * page loads with no failed request and no script error, and a link between pages
 * leads to the page.
 */
async function checkPortable(browser, dir) {
  const context = await browser.newContext();
  const pages = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html")) pages.push(p);
    }
  };
  walk(dir);
  check(pages.length > 30, "portable copy has its pages", String(pages.length));
  for (const file of pages) {
    const page = await context.newPage();
    const failedRequests = [];
    const errors = [];
    page.on("requestfailed", (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => { if (r.status() >= 400) failedRequests.push(`${r.url()} ${r.status()}`); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(`file://${file}`, { waitUntil: "load" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(50);
    const rel = relative(dir, file);
    check(failedRequests.length === 0, `portable ${rel} loads with no failed request`, failedRequests.join(" | "));
    check(errors.length === 0, `portable ${rel} has no console error`, errors.join(" | "));
    await page.close();
  }
  // Following the menu from the English home page lands on a page of the copy.
  const page = await context.newPage();
  await page.goto(`file://${join(dir, "en", "index.html")}`);
  await Promise.all([page.waitForURL("**/en/tech/index.html"), page.click(".site-nav a[href$='tech/index.html']")]);
  check((await page.textContent("h1")).includes("Technological innovation"), "portable: the menu leads from page to page under file://");
  await context.close();
}

/** A profile kept for years: listing pages, moved pages, a chart over years. */
async function checkKept(context, site) {
  const page = await context.newPage();
  for (const [from, to] of [["old-about/", "about/"], ["en/old-about/", "en/about/"], ["zh-hant/old-about/", "zh-hant/about/"], ["news/page/1/", "news/"]]) {
    await page.goto(new URL(from, site.base).href);
    await page.waitForURL(new URL(to, site.base).href, { timeout: 5000 }).catch(() => {});
    check(page.url() === new URL(to, site.base).href, `${site.name} ${from} redirects to ${to}`, page.url());
  }
  await page.goto(new URL("news/", site.base).href);
  const next = await page.getAttribute("head link[rel=next]", "href");
  check(next === new URL("news/page/2/", site.base).pathname, `${site.name} news/ links its next listing page`, String(next));
  await page.click("nav.pager a[rel=next]");
  check(page.url() === new URL("news/page/2/", site.base).href, `${site.name} the pager's next link works`, page.url());
  await page.goto(new URL("about/", site.base).href);
  const years = await page.$$eval("figure.chart--time[data-kind=columns] text.chart-year", (ts) => ts.map((t) => t.textContent));
  check(years.join(",") === "2021,2022,2023", `${site.name} a series is charted over its years`, years.join(","));
  const photo = await page.$$eval("figure.photo picture", (ps) => ps.map((p) => {
    const img = p.querySelector("img");
    return { webp: p.querySelector("source[type='image/webp']") !== null, loaded: img.complete && img.naturalWidth > 0, src: img.currentSrc };
  }));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(500);
  const loaded = await page.$$eval("figure.photo img", (is) => is.map((i) => i.complete && i.naturalWidth > 0 && i.currentSrc));
  check(photo.length === 1 && photo[0].webp, `${site.name} a photo is a figure with a WebP picture`, JSON.stringify(photo));
  check(loaded.length === 1 && String(loaded[0]).endsWith(".webp"), `${site.name} Chromium loads the photo's WebP copy`, JSON.stringify(loaded));
  const redirects = (await get(new URL("_redirects", site.base).href)).body.toString("utf8");
  check(redirects.includes("/old-about/ /about/ 301"), `${site.name} _redirects lists the alias`, redirects.slice(0, 300));
  check((await redirectsOf(site)).size === 6, `${site.name} _redirects has the three aliases and the three page/1/ redirects (zh, en and the converted zh-hant)`);
  await page.close();
}

async function checkCaching(site) {
  const home = await get(site.base);
  check(/max-age=300/.test(home.headers["cache-control"] || ""), `${site.name} HTML is cached briefly`, home.headers["cache-control"]);
  const css = home.body.toString("utf8").match(/href="([^"]*\/css\/site\.[0-9a-f]{10}\.css)"/);
  if (!check(css, `${site.name} the stylesheet is fingerprinted`)) return;
  const res = await get(new URL(css[1], site.base).href);
  check(/immutable/.test(res.headers["cache-control"] || ""), `${site.name} fingerprinted CSS is immutable`, res.headers["cache-control"]);
}

// `profilegen serve` with its messages in Chinese (PROFILEGEN_MESSAGES=zh): a broken page
// shows the error overlay in Chinese over every open page, in the words of the terminal
// (file, line, caret, hint), and it goes away by itself once the file is fixed.
async function checkServeOverlay(browser, base, siteDir) {
  const fs = await import("node:fs/promises");
  const path = `${siteDir}/content/tech/_index.md`;
  const good = await fs.readFile(path, "utf8");
  const page = await browser.newPage();
  try {
    await page.goto(new URL("tech/", base).href, { waitUntil: "load" });
    await page.waitForTimeout(500); // the event stream connects
    await fs.writeFile(path, good.replace(/^title = /m, "titel = "));
    const overlay = await page.waitForSelector("#profilegen-overlay", { timeout: 30000 }).catch(() => null);
    if (!check(overlay, "serve shows the error overlay in Chromium after a broken save")) return;
    const text = await overlay.innerText();
    const lang = await overlay.getAttribute("lang");
    check(text.includes("错误") && text.includes("不认识的键 `titel`"), "serve's overlay says what is wrong in Chinese", text.slice(0, 300));
    check(text.includes("content/tech/_index.md:") && text.includes("^"), "serve's overlay names the file and line with a caret", text.slice(0, 300));
    check(text.includes("提示") && text.includes("`title`"), "serve's overlay gives the hint in Chinese", text.slice(0, 400));
    check(lang === "zh-CN", "serve's overlay is marked lang=zh-CN", String(lang));
    // Readable over any theme: the site's CSS for `pre` must not give the text a light
    // background or keep long lines from wrapping.
    const look = await overlay.$eval("pre", (e) => {
      const c = getComputedStyle(e);
      return { bg: c.backgroundColor, ws: c.whiteSpace, clipped: e.scrollWidth > e.clientWidth + 1 };
    });
    check(look.bg === "rgba(0, 0, 0, 0)" && look.ws === "pre-wrap" && !look.clipped,
      "serve's overlay text keeps its own look (no page background, lines wrapped)", JSON.stringify(look));
    await page.screenshot({ path: `${artifacts}/serve-overlay-zh.png` });
    // A page opened while the build is broken carries the overlay too.
    const other = await browser.newPage();
    await other.goto(new URL("en/", base).href, { waitUntil: "load" });
    const carried = await other.$("#profilegen-overlay");
    check(carried && (await carried.innerText()).includes("错误"), "a page opened during the error shows the Chinese overlay");
    await other.close();
    await Promise.all([
      page.waitForEvent("load", { timeout: 30000 }).catch(() => null),
      fs.writeFile(path, good),
    ]);
    await page.waitForTimeout(300);
    check((await page.$("#profilegen-overlay")) === null, "the overlay goes away once the file is fixed");
  } finally {
    await fs.writeFile(path, good);
    await page.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const site of sites) await checkSite(browser, site);
  if (process.env.PORTABLE_DIR) await checkPortable(browser, process.env.PORTABLE_DIR);
  if (process.env.SERVE_URL) await checkServeOverlay(browser, process.env.SERVE_URL, process.env.SERVE_SITE);
} catch (e) {
  check(false, "the checks ran to the end", e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
