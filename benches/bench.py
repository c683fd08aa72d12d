#!/usr/bin/env python3
"""Benchmark profilegen's full build against Hugo and Zola on the same bilingual site.

    python3 benches/bench.py                          # 1k and 10k pages per language
    python3 benches/bench.py --pages 10000 --out /dev/shm/pg-bench   # output on tmpfs
    python3 benches/bench.py --pages 50000 --tools profilegen,floor --runs 1
    python3 benches/bench.py --generator ../shared/bench/gen_site.py --tools profilegen,hugo,zola,floor

For each size it generates the site with benches/gen_site.py (once; kept under
target/bench/sites), builds profilegen in release mode, then runs every tool once to
warm up and `--runs` more times, the tools alternating (the order rotates each run),
and prints the medians: wall time, CPU (user + sys), peak RSS and pages per second
(all HTML pages of both languages). Resource use comes from wait4(2), i.e. getrusage of
the finished process and everything it waited for.

Tools:
  profilegen          our release binary, minimal theme matched to the anchors' (no
                      search, feeds or precompression: `--no-compress`)
  profilegen-default  our release binary, this repository's default theme, config and
                      statistics: the full default build (search index, feeds, `.gz`
                      and `.br` of every text file)
  baseline            with --baseline BIN: another profilegen binary on the matched site,
                      e.g. one built before a change
  baseline-default    with --baseline BIN: that binary's full default build
  hugo, zola          when on the PATH (skipped otherwise)
  hugo-pagefind       Hugo, then the Pagefind extended CLI over its output (what a Hugo
                      user adds for search): `pip install pagefind-bin-extended`
  floor               read every source file (`cat`) and write the same bytes of output
                      (`cp -r` of profilegen's output): the cost of the I/O alone

Every run writes into a new folder, and the outputs are removed only once every round is
over (deleting a large tree right before a build makes the next build spend seconds in
the kernel on a disk mounted with `discard`); `--discard-outputs` removes each output
right after its run instead, which is harmless on tmpfs. Standard library only.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATOR = os.path.join(HERE, "gen_site.py")
TOOLS = ("profilegen", "profilegen-default", "baseline-default", "baseline", "hugo", "hugo-pagefind",
         "zola", "floor")


def site_of(tool):
    """The generated site a tool builds (floor and baseline use profilegen's)."""
    return {"floor": "profilegen", "baseline": "profilegen", "baseline-default": "profilegen-default",
            "hugo-pagefind": "hugo"}.get(tool, tool)


def ensure_site(work, fmt, pages, seed, generator=None):
    """Generates the site once per (format, size, seed, generator and its version).

    With `generator` (another gen_site.py that writes `zola` and `hugo` formats, such as
    the one the anchors were measured with), profilegen's site is its Zola format turned
    into our conventions by `adapt_zola_site`, with our minimal matched theme.
    """
    if generator is None:
        seed = seed or "profilegen"
    stamp_text = json.dumps([fmt, pages, seed, generator_version(generator)])
    tag = "" if generator is None else "shared-"
    folder = os.path.join(work, "sites", f"{tag}{fmt}-{pages}")
    stamp = os.path.join(folder, ".bench-stamp")
    if os.path.exists(stamp) and open(stamp, encoding="utf-8").read() == stamp_text:
        return folder
    if os.path.exists(folder):
        shutil.rmtree(folder)
    print(f"generating {tag}{fmt} site, {pages} pages per language …", file=sys.stderr, flush=True)
    if generator is None:
        run_generator(GENERATOR, fmt, pages, folder, seed)
    elif fmt in ("hugo", "zola"):
        run_generator(generator, fmt, pages, folder, seed)
    elif fmt == "profilegen":
        run_generator(generator, "zola", pages, folder, seed)
        theme = ensure_site(work, "profilegen", 3, "profilegen")
        adapt_zola_site(folder, theme)
    else:
        sys.exit(f"--generator makes no {fmt} site (only profilegen, hugo and zola)")
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(stamp_text)
    return folder


def run_generator(generator, fmt, pages, folder, seed):
    """Runs a generator; `seed` None keeps the generator's own default."""
    seed_args = [] if seed is None else ["--seed", seed]
    subprocess.run([sys.executable, generator, "--format", fmt, "--pages", str(pages),
                    "--out", folder] + seed_args, check=True, stdout=subprocess.DEVNULL)


def adapt_zola_site(folder, theme):
    """Turns a Zola-format site into ours: section keys we do not have (`sort_by`,
    `paginate_by`) go, links name the language-less file (`@/tech/page-1.en.md` ->
    `@/tech/page-1.md`, resolved in the page's language), and the config, templates and
    static files are our matched theme's (from `theme`, a generated site of ours)."""
    for name in ("config.toml", "templates", "static"):
        target = os.path.join(folder, name)
        if os.path.isdir(target):
            shutil.rmtree(target)
        elif os.path.exists(target):
            os.remove(target)
        source = os.path.join(theme, name)
        (shutil.copytree if os.path.isdir(source) else shutil.copyfile)(source, target)
    link = re.compile(r"(@/[^)#\s]*)\.en\.md")
    for root, _, files in os.walk(os.path.join(folder, "content")):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            lines = [l for l in text.split("\n") if not re.match(r"(sort_by|paginate_by)\s*=", l)]
            new = link.sub(r"\1.md", "\n".join(lines))
            if new != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)


def generator_version(generator=None):
    h = hashlib.sha256()
    paths = [os.path.join(HERE, n) for n in ("gen_site.py", "bench_themes.py")]
    # With another generator, bench.py's adapt_zola_site shapes the site too.
    for path in paths + ([generator, os.path.abspath(__file__)] if generator else []):
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def command(tool, site, out, binaries, floor_source):
    """The command line of one run; `binaries` maps profilegen and baseline to executables."""
    if tool in ("profilegen-default", "baseline-default"):
        exe = binaries["baseline" if tool == "baseline-default" else "profilegen"]
        return [exe, "build", "--root", site, "--output-dir", out]
    if tool == "hugo-pagefind":
        script = 'hugo --quiet --source "$1" --destination "$2" && "$3" --site "$2" --silent'
        return ["sh", "-c", script, "hugo-pagefind", site, out, pagefind_binary()]
    if tool in ("profilegen", "baseline"):
        exe = binaries[tool]
        return [exe, "build", "--root", site, "--output-dir", out, "--no-compress"]
    if tool == "hugo":
        return ["hugo", "--quiet", "--source", site, "--destination", out]
    if tool == "zola":
        return ["zola", "--root", site, "build", "--output-dir", out]
    # floor: every source byte read, every output byte written.
    script = ('find "$1/config.toml" "$1/content" "$1/templates" "$1/static" -type f -print0 '
              '| xargs -0 cat > /dev/null && cp -r "$2" "$3"')
    return ["sh", "-c", script, "floor", site, floor_source, out]


def pagefind_binary():
    """The Pagefind extended CLI that `pip install pagefind-bin-extended` provides."""
    import importlib.util
    spec = importlib.util.find_spec("pagefind_bin_extended")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "pagefind_extended")
    return path if os.path.exists(path) else None


def measure(cmd):
    """Runs `cmd`; returns wall seconds, CPU seconds and peak RSS in MiB."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode(errors='replace')}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def round_for(pages, tools, args, binary):
    """Warm-up plus `runs` alternating runs of every tool on one size; returns raw samples."""
    sites = {t: ensure_site(args.work, site_of(t), pages, args.seed, args.generator) for t in tools}
    out_root = os.path.join(args.out, str(pages))
    if os.path.exists(out_root):
        sys.exit(f"{out_root} exists: remove it (outside a measurement) or choose another --out")
    samples = {t: [] for t in tools}
    first = os.path.join(out_root, "profilegen-0")
    order = [t for t in tools if t != "floor"] + (["floor"] if "floor" in tools else [])
    for run in range(args.runs + 1):
        turn = order[run % len(order):] + order[:run % len(order)] if run else order
        for tool in turn:
            out = os.path.join(out_root, f"{tool}-{run}")
            result = measure(command(tool, sites[tool], out, {"profilegen": binary, "baseline": args.baseline}, first))
            label = "warm-up" if run == 0 else f"run {run}"
            print(f"  {pages:>6} {tool:<19} {label:<7} wall {result['wall']:7.2f} s  cpu {result['cpu']:7.2f} s"
                  f"  rss {result['rss']:7.0f} MiB", file=sys.stderr, flush=True)
            if run:
                samples[tool].append(result)
            if args.discard_outputs and run and out != first:
                shutil.rmtree(out)
    out_bytes = tree_bytes(first) if "profilegen" in tools else None
    return samples, out_bytes, out_root


def tree_bytes(folder):
    total = 0
    for dirpath, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total


def medians(samples, pages):
    html_pages = 2 * (pages + 4)
    rows = {}
    for tool, runs in samples.items():
        if not runs:
            continue
        wall = statistics.median(r["wall"] for r in runs)
        rows[tool] = {"wall": wall, "cpu": statistics.median(r["cpu"] for r in runs),
                      "rss": statistics.median(r["rss"] for r in runs),
                      "pages_per_s": html_pages / wall, "runs": len(runs)}
    return rows


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                  if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo", encoding="utf-8")
                if line.startswith("MemTotal")), 0)
    return {"nproc": os.cpu_count(), "cpu": model, "memory_mib": mem, "kernel": platform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def versions(tools, binary):
    out = {"profilegen": subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()}
    for tool, flag in (("hugo", "version"), ("zola", "--version")):
        if tool in tools:
            out[tool] = subprocess.run([tool, flag], capture_output=True, text=True).stdout.strip()
    if "hugo-pagefind" in tools:
        out["pagefind"] = subprocess.run([pagefind_binary(), "--version"], capture_output=True,
                                         text=True).stdout.strip()
    return out


def print_table(results):
    print("| pages/lang | tool | wall (s) | CPU user+sys (s) | peak RSS (MiB) | pages/s | wall / floor |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for pages, rows in results.items():
        floor = rows.get("floor", {}).get("wall")
        for tool, r in rows.items():
            ratio = f"{r['wall'] / floor:.2f}" if floor else "–"
            print(f"| {pages:,} | {tool} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} "
                  f"| {r['pages_per_s']:,.0f} | {ratio} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default="1000,10000", help="sizes, pages per language (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=5, help="measured runs after the warm-up (default 5)")
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"subset of {','.join(TOOLS)}")
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench"), help="generated sites")
    ap.add_argument("--out", help="where outputs go (default WORK/out; /dev/shm/… for tmpfs)")
    ap.add_argument("--binary", help="profilegen binary (default: cargo build --release)")
    ap.add_argument("--baseline", help="another profilegen binary (e.g. before a change), run as tool "
                                       "`baseline` on the matched site")
    ap.add_argument("--seed", help="generator seed (default: profilegen; with --generator, its own)")
    ap.add_argument("--generator", help="another gen_site.py writing zola and hugo formats (e.g. "
                                        "../shared/bench/gen_site.py, the anchors' own): its sites "
                                        "instead of ours, the zola one adapted to our conventions")
    ap.add_argument("--keep", action="store_true", help="keep the outputs (default: removed at the end)")
    ap.add_argument("--discard-outputs", action="store_true",
                    help="remove each output right after its run: saves space on tmpfs; on a disk "
                         "it slows the next build")
    ap.add_argument("--prepare", action="store_true", help="only generate the sites, measure nothing")
    ap.add_argument("--json", help="also write every sample and the medians to this file")
    args = ap.parse_args()
    args.out = args.out or os.path.join(args.work, "out")
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        ap.error(f"unknown tool(s) {unknown}; choose from {TOOLS}")
    for tool in ("hugo", "zola", "hugo-pagefind"):
        if tool in tools and shutil.which(tool.split("-")[0]) is None:
            print(f"{tool} is not on the PATH: skipped", file=sys.stderr)
            tools.remove(tool)
    if "hugo-pagefind" in tools and pagefind_binary() is None:
        print("pagefind-bin-extended is not installed: hugo-pagefind skipped", file=sys.stderr)
        tools.remove("hugo-pagefind")
    if "floor" in tools and "profilegen" not in tools:
        ap.error("floor copies profilegen's output: add profilegen to --tools")
    if args.baseline and "baseline" not in tools:
        tools.insert(1, "baseline")
    for tool in ("baseline", "baseline-default"):
        if tool in tools and not args.baseline:
            tools.remove(tool)
    if args.prepare:
        for pages in (int(p) for p in args.pages.split(",")):
            for tool in tools:
                ensure_site(args.work, site_of(tool), pages, args.seed, args.generator)
        return
    binary = args.binary or build_release()
    info = {"machine": machine(), "versions": versions(tools, binary), "out": os.path.abspath(args.out),
            "load_before": os.getloadavg(), "runs": args.runs}
    results, raw, outputs = {}, {}, []
    for pages in (int(p) for p in args.pages.split(",")):
        samples, out_bytes, out_root = round_for(pages, tools, args, binary)
        results[pages], raw[pages] = medians(samples, pages), {"samples": samples, "output_bytes": out_bytes}
        outputs.append(out_root)
    info["load_after"] = os.getloadavg()
    if not args.keep:
        print("removing the outputs …", file=sys.stderr, flush=True)
        for folder in outputs:
            shutil.rmtree(folder)
    print(json.dumps(info, ensure_ascii=False))
    print_table(results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"info": info, "medians": results, "raw": raw}, f, indent=1, ensure_ascii=False)


def build_release():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "profilegen"], cwd=REPO, check=True)
    return os.path.join(REPO, "target", "release", "profilegen")


if __name__ == "__main__":
    main()
