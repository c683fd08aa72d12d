// The search page: reads ?q=, asks the Pagefind index for this page's language (Pagefind
// picks it from <html lang>) and lists the results. The index lives in /pagefind/ beside
// this script's folder, so the site works under a sub-path too. Without JavaScript the
// page's plain form and its <noscript> text are all there is.
const root = document.getElementById("search");

function say(text) {
  root.querySelector("[data-search-status]").textContent = text;
}

function item(result) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = (result.meta && result.meta.title) || result.url;
  const title = document.createElement("h2");
  title.className = "search-results__title";
  title.append(link);
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is the page's own text, HTML-escaped, with <mark> around the hits.
  excerpt.innerHTML = result.excerpt;
  li.append(title, excerpt);
  return li;
}

/** "1 result" / "2 results": the page language's plural rule picks the string. */
function count(n) {
  const rule = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
  const text = rule === "one" ? root.dataset.countOne : root.dataset.countOther;
  return (text || root.dataset.countOther).replace("{n}", new Intl.NumberFormat(document.documentElement.lang || "en").format(n));
}

async function run(query) {
  const list = root.querySelector("[data-search-results]");
  list.replaceChildren();
  if (!query) {
    say("");
    return;
  }
  say(root.dataset.loading);
  try {
    const pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    list.replaceChildren(...results.map(item));
    say(results.length
      ? count(search.results.length)
      : root.dataset.none.replace("{q}", query));
  } catch (err) {
    say(root.dataset.failed);
    console.warn("search failed:", err);
  }
}

if (root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  input.value = query;
  run(query);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    const url = new URL(location.href);
    url.searchParams.set("q", q);
    history.replaceState(null, "", url);
    run(q);
  });
}
