#!/usr/bin/env python3
"""Benchmark photo processing: a first build (empty cache) and a cached rebuild of a site
with N generated 12-megapixel JPEG photos (4000 x 3000, every third with EXIF
orientation 6 and a GPS block), one run each.

    python3 benches/photos.py                 # 100 photos
    python3 benches/photos.py --photos 20

Generates the photos with Pillow (installed with pip into the user site if missing),
builds profilegen in release mode, scaffolds a site with `profilegen new` under
target/bench/photos and puts the photos on one page. Reports wall time, CPU and peak
RSS (wait4 of the build process) and the build's own summary line.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def pillow():
    try:
        import PIL  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--user", "--quiet", "pillow"], check=True)
        import site
        sys.path.append(site.getusersitepackages())
    from PIL import Image
    return Image


def make_photos(folder: Path, n: int):
    Image = pillow()
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    base = Image.effect_noise((4000, 3000), 40).convert("RGB")
    for i in range(n):
        path = folder / f"photo-{i:03d}.jpg"
        if path.exists():
            continue
        tint = Image.new("RGB", (4000, 3000), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        img = Image.blend(base, tint, 0.5)
        exif = Image.Exif()
        if i % 3 == 0:
            exif[0x0112] = 6
            exif[0x8825] = {1: "N", 2: (37.0, 11.0, 0.0)}
        img.save(path, "JPEG", quality=90, exif=exif.tobytes())
        print(f"  generated {path.name}", end="\r", flush=True)
    print()


def run(cmd):
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err}")
    summary = next((l for l in out.splitlines() if l.startswith("images:")), "")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=100)
    args = ap.parse_args()
    work = REPO / "target/bench/photos"
    originals = REPO / "target/bench/photo-sources"
    make_photos(originals, args.photos)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "profilegen"], cwd=REPO, check=True)
    binary = REPO / "target/release/profilegen"
    if work.exists():
        shutil.rmtree(work)
    subprocess.run([binary, "new", work], check=True, stdout=subprocess.DEVNULL)
    tech = work / "content/tech"
    body = []
    for i in range(args.photos):
        name = f"photo-{i:03d}.jpg"
        shutil.copy(originals / name, tech / name)
        body.append(f"![Photo {i}]({name} \"Photo {i}\")\n")
    page = tech / "example.md"
    page.write_text(page.read_text() + "\n" + "\n".join(body))
    page_en = tech / "example.en.md"
    page_en.write_text(page_en.read_text() + "\n" + "\n".join(body))
    cmd = [binary, "build", "--no-compress", "--root", work]
    rows = [("first build (empty cache)", run(cmd)), ("rebuild (cache)", run(cmd))]
    print(f"{args.photos} photos of 4000 x 3000, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| build | wall (s) | CPU user+sys (s) | peak RSS (MiB) | summary |")
    print("|---|---:|---:|---:|---|")
    for name, (wall, cpu, rss, summary) in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {summary} |")


if __name__ == "__main__":
    main()
