#!/usr/bin/env python3
"""Bytes a first search downloads (cold cache), our index against Pagefind's own.

    python3 benches/search_bytes.py                       # the real site, the e2e query set
    python3 benches/search_bytes.py --pagefind node_modules/@pagefind/linux-x64/bin/pagefind_extended
    python3 benches/search_bytes.py --root target/bench/sites/profilegen-default-2000 \\
        --queries benches/bench_queries.json

Builds the site with profilegen (`--no-compress`), copies the output, replaces the copy's
`pagefind/` with the index the Pagefind extended CLI makes from the same HTML
(`pip install pagefind-bin-extended`), serves both on loopback, and runs every query of
the query file in headless Chromium against each (benches/search_bytes.mjs: a fresh
context per query, every response under /pagefind/ counted). Prints a Markdown table:
per query, the bytes and requests of each, and the ratio. Standard library only (plus
Node and the e2e suite's playwright-core).
"""

import argparse
import functools
import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def pagefind_binary():
    spec = importlib.util.find_spec("pagefind_bin_extended")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install pagefind-bin-extended")
    return os.path.join(list(spec.submodule_search_locations)[0], "pagefind_extended")


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(base, queries):
    out = subprocess.run(["node", os.path.join(HERE, "search_bytes.mjs"), base, queries],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=REPO, help="the site (default: this repository's)")
    ap.add_argument("--queries", default=os.path.join(REPO, "tests", "e2e", "search-queries.json"))
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "profilegen"))
    ap.add_argument("--pagefind", help="the Pagefind extended CLI to compare with (default: the one "
                                       "`pip install pagefind-bin-extended` provides; `npm install "
                                       "pagefind@1.6.0` has the version whose client we publish)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = os.path.join(tmp, "ours"), os.path.join(tmp, "theirs")
        subprocess.run([args.binary, "build", "--root", args.root, "--output-dir", ours, "--no-compress"],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(ours, theirs)
        shutil.rmtree(os.path.join(theirs, "pagefind"))
        pagefind = args.pagefind or pagefind_binary()
        subprocess.run([pagefind, "--site", theirs, "--silent"], check=True)
        version = subprocess.run([pagefind, "--version"], capture_output=True, text=True).stdout.strip()
        rows = []
        for folder in (ours, theirs):
            server, base = serve(folder)
            try:
                rows.append(measure(base, args.queries))
            finally:
                server.shutdown()
    print(f"| query | ours: bytes (requests, results) | {version}: bytes (requests, results) | ours / theirs |")
    print("|---|---:|---:|---:|")
    total = [0, 0]
    for a, b in zip(*rows):
        total[0] += a["bytes"]
        total[1] += b["bytes"]
        ratio = a["bytes"] / b["bytes"] if b["bytes"] else float("nan")
        print(f"| {a['lang']} `{a['query']}` | {a['bytes']:,} ({a['requests']}, {a['results']}) "
              f"| {b['bytes']:,} ({b['requests']}, {b['results']}) | {ratio:.2f} |")
    print(f"| all | {total[0]:,} | {total[1]:,} | {total[0] / total[1]:.2f} |")


if __name__ == "__main__":
    main()
