#!/usr/bin/env python3
"""Save-to-served latency of `profilegen serve` (a benchmark, not a test).

    benches/serve_latency.py [--site DIR | --pages N] [--edits K] [--binary PATH]

Starts `profilegen serve --port 0` on the site (a copy of it, so nothing of yours is
touched), then K times: appends a unique sentence to one page's Markdown and measures the
time from the file being written to the page served over HTTP containing the sentence
(polled every 2 ms). Prints the median and 90th percentile of that latency, and the median
of the rebuild time serve itself reports (one page edited re-renders that page only).

Without --site the repository's own site is used; with --pages N a synthetic bilingual
site of N pages per language is generated first: by `benches/gen_site.py` (the build
benchmark's generator, `--format profilegen-default`) when it exists, otherwise by a tiny
generator here. Standard library only; run from the repository root after
`cargo build --release`.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tiny_site(out, pages):
    """A bilingual site of `pages` pages per language over three sections."""
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(out, "templates"))
    shutil.copytree(os.path.join(REPO, "static"), os.path.join(out, "static"))
    config = open(os.path.join(REPO, "config.toml"), encoding="utf-8").read()
    config = re.sub(r'(?m)^stats = .*$', "", config)
    open(os.path.join(out, "config.toml"), "w", encoding="utf-8").write(config)

    def write(rel, title, body):
        path = os.path.join(out, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f'+++\ntitle = "{title}"\ndescription = "{title}"\n+++\n\n{body}\n')

    write("_index.md", "首页", "欢迎。")
    write("_index.en.md", "Home", "Welcome.")
    sections = ["tech", "talent", "finance"]
    for s in sections:
        write(f"{s}/_index.md", f"栏目{s}", "栏目简介。")
        write(f"{s}/_index.en.md", f"Section {s}", "About this section.")
    zh = "新材料产业集群持续发展，企业加大研发投入，形成了完整的产业链条。" * 30
    en = "The new-materials cluster keeps growing as firms invest in research and build a complete supply chain. " * 40
    for i in range(pages):
        s = sections[i % 3]
        j = (i + 1) % pages
        link = f"@/{sections[j % 3]}/page-{j}.md"
        write(f"{s}/page-{i}.md", f"页面{i}", f"## 概况\n\n{zh}\n\n见[下一页]({link})。")
        write(f"{s}/page-{i}.en.md", f"Page {i}", f"## Overview\n\n{en}\n\nSee [the next page]({link}).")


def make_site(args, work):
    site = os.path.join(work, "site")
    if args.site:
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", "target", ".git"))
        return site, "content/tech/tongda-bonding-wire.md", "tech/tongda-bonding-wire/"
    gen = os.path.join(REPO, "benches", "gen_site.py")
    if os.path.exists(gen):
        subprocess.run([sys.executable, gen, "--format", "profilegen-default", "--pages", str(args.pages), "--out", site],
                       check=True, stdout=subprocess.DEVNULL)
    else:
        tiny_site(site, args.pages)
    page = sorted(p for p in os.listdir(os.path.join(site, "content", "tech")) if not p.startswith("_") and not p.endswith(".en.md"))[0]
    slug = page[:-3]
    return site, f"content/tech/{page}", f"tech/{slug}/"


def serve(binary, site):
    proc = subprocess.Popen([binary, "--root", site, "serve", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = []
    url = None
    deadline = time.time() + 600
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"serving (http://\S+)", line)
        if m:
            url = m.group(1)
            break
    if not url:
        proc.kill()
        sys.exit("serve did not start:\n" + "".join(lines))
    rebuilds = []
    def read():
        for line in proc.stdout:
            m = re.search(r"rebuilt: .* in (\d+) ms", line)
            if m:
                rebuilds.append(int(m.group(1)))
    threading.Thread(target=read, daemon=True).start()
    return proc, url, rebuilds, "".join(lines)


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", help="an existing site (default: this repository)")
    ap.add_argument("--pages", type=int, help="generate a synthetic site of N pages per language")
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "profilegen"))
    args = ap.parse_args()
    if not args.site and not args.pages:
        args.site = REPO
    work = tempfile.mkdtemp(prefix="pg-serve-bench-")
    try:
        site, rel, url_path = make_site(args, work)
        proc, base, rebuilds, first = serve(args.binary, site)
        path = os.path.join(site, rel)
        original = open(path, encoding="utf-8").read()
        latencies = []
        for i in range(args.edits):
            marker = f"bench-marker-{i}-{time.time_ns()}"
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n{marker}\n")
            t0 = time.perf_counter()
            while marker not in fetch(base + url_path):
                if time.perf_counter() - t0 > 30:
                    sys.exit(f"edit {i} never served")
                time.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.2)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.3)
        proc.terminate()
        proc.wait(timeout=10)
        latencies.sort()
        result = {
            "site": args.site or f"synthetic, {args.pages} pages per language",
            "edited": rel,
            "first_build": first.strip().splitlines()[-2] if first.strip() else "",
            "edits": len(latencies),
            "save_to_served_ms_median": round(statistics.median(latencies), 1),
            "save_to_served_ms_p90": round(latencies[int(len(latencies) * 0.9) - 1], 1),
            "rebuild_ms_median": statistics.median(rebuilds) if rebuilds else None,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
