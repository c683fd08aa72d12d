#!/usr/bin/env python3
"""The search index's share of the default build (issue 16): each binary builds the
benchmark site with `[search] enabled = true` and with it `false`, the four builds of a
round alternated (their order reversed every other round, so drift in the machine's
speed falls on both sides), outputs on tmpfs; prints the medians of wall and CPU
(user + sys) time, and the share (with - without) / with.

    python3 benches/bench.py --pages 2000 --tools profilegen-default --prepare
    python3 benches/search_share.py target/bench/sites/profilegen-default-2000 \\
        --bin new=target/release/profilegen --bin base=/tmp/pg-base --rounds 7

The site's config.toml is switched in place and always switched back.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ON, OFF = "[search]\nenabled = true", "[search]\nenabled = false"


def switch(config, on):
    text = open(config, encoding="utf-8").read()
    was, now = (OFF, ON) if on else (ON, OFF)
    if now in text:
        return
    if was not in text:
        sys.exit(f"{config}: no `{ON!r}` or `{OFF!r}` to switch")
    with open(config, "w", encoding="utf-8") as f:
        f.write(text.replace(was, now))


def build(binary, site, out):
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    proc = subprocess.Popen(
        [binary, "build", "--root", site, "-o", out],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        sys.exit(f"{binary} build --root {site} failed ({status})")
    shutil.rmtree(out, ignore_errors=True)
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("--bin", action="append", required=True, metavar="NAME=PATH")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default="/dev/shm/pg-share")
    args = ap.parse_args()
    bins = dict(b.split("=", 1) for b in args.bin)
    config = os.path.join(args.site, "config.toml")
    runs = {}
    try:
        for r in range(args.rounds):
            states = [True, False] if r % 2 == 0 else [False, True]
            names = list(bins) if r % 2 == 0 else list(reversed(bins))
            for on in states:
                switch(config, on)
                for name in names:
                    runs.setdefault((name, on), []).append(build(bins[name], args.site, args.out))
    finally:
        switch(config, True)
    print(f"{args.rounds} rounds, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| binary | with search (s) | without (s) | CPU with (s) | CPU without (s) | share of wall | share of CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in bins:
        wall = [statistics.median(w for w, _ in runs[(name, on)]) for on in (True, False)]
        cpu = [statistics.median(c for _, c in runs[(name, on)]) for on in (True, False)]
        print(
            f"| {name} | {wall[0]:.2f} | {wall[1]:.2f} | {cpu[0]:.2f} | {cpu[1]:.2f} "
            f"| {100 * (wall[0] - wall[1]) / wall[0]:.0f} % | {100 * (cpu[0] - cpu[1]) / cpu[0]:.0f} % |"
        )


if __name__ == "__main__":
    main()
