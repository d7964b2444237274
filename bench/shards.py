"""How much station data a phone downloads for the nearest finder, with synthetic networks up to 100,000 stations.

    python -m bench.shards [--sizes 1000 10000 100000] [--queries 400]

Shards are built by the core (generator.web.shards, no MkDocs). The tiles a phone fetches are chosen by the
browser's own planner (theme/assets/javascripts/bee-geo.js, run in node), so the figures are what the
finder really downloads: the index plus the tiles it needs, gzip-compressed (level 6, a typical server).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generator.web.shards import ShardSet, ShardStation, build_shards

ROOT = Path(__file__).resolve().parent.parent
GEO_JS = ROOT / "theme" / "assets" / "javascripts" / "bee-geo.js"
BUDGET = 60 * 1024
K, MAX_TILES = 10, 8  # as in bee-near.js
SERVICES = ["rest", "water", "microwave", "wifi", "charging", "medicine", "toilet", "books", "repair", "umbrella"]
SCHEDULES: list[dict] = [
    {"w": [[[510, 1050]]] * 5 + [[], []], "ph": [], "mw": [[510, 1050]]},
    {"w": [[[0, 1440]]] * 7, "ph": None, "mw": None},
    {"w": [[[540, 1260]]] * 7, "ph": None, "mw": None},
    {"w": [[[510, 720], [810, 1050]]] * 5 + [[[540, 720]], []], "ph": [], "mw": [[510, 1050]]},
    {"w": [[[480, 1320]]] * 7, "ph": [[600, 1020]], "mw": None},
]
# Common characters of Chinese place names: random picks compress about as badly as real names do.
HANZI = (
    "东南西北中新华民光明兴安康和平幸福长江黄河太湖春秋花园锦绣金银山水"
    "城乡街道社区村路巷号楼栋单元广场商务大厦中心服务站"
)


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(n))


def synthetic(n: int, layout: str, seed: int = 2026) -> list[ShardStation]:
    """`metro`: one dense metropolis (~100 km across); `national`: 60 cities across eastern China."""
    rng = random.Random(seed)
    if layout == "metro":
        centres = [(120.3 + rng.gauss(0, 0.25), 31.5 + rng.gauss(0, 0.2), 0.05 + rng.random() * 0.1) for _ in range(40)]
    else:
        centres = [(104 + rng.random() * 18, 22 + rng.random() * 18, 0.05 + rng.random() * 0.2) for _ in range(60)]
    out = []
    for i in range(n):
        cx, cy, spread = rng.choice(centres)
        services = tuple(s for s in SERVICES if rng.random() < 0.6)
        out.append(
            ShardStation(
                id=f"st{i:06d}",
                name=_text(rng, rng.randint(6, 12)) + "驿站",
                lng=rng.gauss(cx, spread),
                lat=rng.gauss(cy, spread),
                status="open" if rng.random() < 0.97 else "paused",
                hours=rng.choice(SCHEDULES),
                services=services,
                phone=f"0510-{rng.randint(0, 9999):04d} {i % 10000:04d}",
                address=_text(rng, rng.randint(10, 22)) + f"{rng.randint(1, 300)}号",
                community=_text(rng, 3) + "社区",
            )
        )
    return out


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


NODE_PLAN = r"""
const fs = require("fs");
const geo = require(process.argv[1]);
const req = JSON.parse(fs.readFileSync(0, "utf8"));
const leaves = geo.leaves(req.index);
process.stdout.write(JSON.stringify(req.queries.map(([lng, lat]) => {
  const fetched = {}; const found = []; const keys = [];
  for (;;) {
    const key = geo.nextTile(leaves, fetched, found, lng, lat, req.k, req.maxTiles);
    if (key === null) return keys;
    fetched[key] = true; keys.push(key);
    for (const p of req.points[key]) found.push(geo.distance(lng, lat, p[0], p[1]));
  }
})));
"""


def phone_downloads(shards: ShardSet, stations: list[ShardStation], queries: int, seed: int = 7, size=_gz) -> list[int]:
    """Bytes (gzipped by default) the finder downloads (index + tiles) for random riders near stations."""
    index_text = shards.files[shards.index_path]
    tiles = {p.rsplit("/", 1)[1][:-5]: t for p, t in shards.files.items() if p != shards.index_path}
    col = {name: i for i, name in enumerate(json.loads(index_text)["fields"])}
    points = {k: [[r[col["lng"]], r[col["lat"]]] for r in json.loads(t)["s"]] for k, t in tiles.items()}
    rng = random.Random(seed)
    spots = [rng.choice(stations) for _ in range(queries)]
    qs = [[s.lng + rng.gauss(0, 0.01), s.lat + rng.gauss(0, 0.01)] for s in spots]
    req = {"index": json.loads(index_text), "points": points, "queries": qs, "k": K, "maxTiles": MAX_TILES}
    node = shutil.which("node") or sys.exit("node is needed: it runs the browser's own tile planner")
    done = subprocess.run([node, "-e", NODE_PLAN, str(GEO_JS)], input=json.dumps(req), capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    gz = {k: size(t) for k, t in tiles.items()}
    base = size(index_text)
    return [base + sum(gz[k] for k in keys) for keys in json.loads(done.stdout)]


def report(n: int, layout: str, queries: int) -> dict[str, object]:
    """Build the shards of one synthetic network and measure them."""
    stations = synthetic(n, layout)
    t0 = time.perf_counter()
    shards = build_shards(stations, SERVICES)
    build_s = time.perf_counter() - t0
    tiles = [t for p, t in shards.files.items() if p != shards.index_path]
    tile_gz = sorted(_gz(t) for t in tiles)
    downloads = sorted(phone_downloads(shards, stations, queries))
    raw = max(phone_downloads(shards, stations, queries, size=lambda s: len(s.encode())))
    index_text = shards.files[shards.index_path]
    return {
        "stations": n, "layout": layout, "tiles": len(tiles), "build_s": round(build_s, 2),
        "index_kb": round(len(index_text.encode()) / 1024, 1), "index_gz_kb": round(_gz(index_text) / 1024, 1),
        "tile_gz_kb_median": round(statistics.median(tile_gz) / 1024, 1),
        "tile_gz_kb_max": round(tile_gz[-1] / 1024, 1),
        "all_gz_mb": round((sum(tile_gz) + _gz(index_text)) / 2**20, 2),
        "phone_kb_median": round(statistics.median(downloads) / 1024, 1),
        "phone_kb_p95": round(downloads[int(len(downloads) * 0.95) - 1] / 1024, 1),
        "phone_kb_max": round(downloads[-1] / 1024, 1), "phone_kb_max_uncompressed": round(raw / 1024, 1),
        "within_60kb": downloads[-1] <= BUDGET,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--layouts", nargs="+", default=["metro", "national"])
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args(argv)
    cols = ["stations", "layout", "tiles", "build_s", "index_kb", "index_gz_kb", "tile_gz_kb_median", "tile_gz_kb_max",
            "all_gz_mb", "phone_kb_median", "phone_kb_p95", "phone_kb_max", "phone_kb_max_uncompressed",
            "within_60kb"]  # fmt: skip
    print("| " + " | ".join(cols) + " |")
    print("|" + " --- |" * len(cols))
    ok = True
    for layout in args.layouts:
        for n in args.sizes:
            row = report(n, layout, args.queries)
            ok &= bool(row["within_60kb"])
            print("| " + " | ".join(str(row[c]) for c in cols) + " |", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
