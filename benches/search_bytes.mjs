// Bytes a search downloads: for each query, a fresh browser context (cold cache) opens
// the search page of a site with the query and waits for the results; the bytes of every
// response under /pagefind/ are added up (as transferred: the body's length).
//
//   node benches/search_bytes.mjs BASE_URL QUERIES.json
//
// Prints one JSON line per query: {lang, query, bytes, requests, results}. Used by
// benches/search_bytes.py, which serves our index and Pagefind's for the same pages.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [base, queriesFile] = process.argv.slice(2);
const { queries } = JSON.parse(readFileSync(queriesFile, "utf8"));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const { lang, query } of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  let requests = 0;
  page.on("response", async (res) => {
    if (!new URL(res.url()).pathname.includes("/pagefind/")) return;
    try {
      const body = await res.body();
      bytes += body.length;
      requests += 1;
    } catch (e) {
      // A response without a body (a redirect) weighs nothing.
    }
  });
  const path = `${lang === "en" ? "en/" : ""}search/?q=${encodeURIComponent(query)}`;
  await page.goto(new URL(path, base).href);
  let results = 0;
  try {
    await page.waitForSelector(".search-results li a", { timeout: 20000 });
    results = (await page.$$(".search-results li")).length;
  } catch (e) {
    results = 0;
  }
  await page.waitForLoadState("networkidle");
  console.log(JSON.stringify({ lang, query, bytes, requests, results }));
  await context.close();
}
await browser.close();
