"""What a phone downloads for its first search, at 1,000 to 100,000 synthetic stations.

Run with `.venv/bin/python -m bench.search [N ...]`. Material's own search files (its index, now only
the content pages, its worker and lunr) do not grow with the network, so they are measured once from
a real build of the sample; the station search (generator/web/search.py) is built for each N from
bench/synth.py's networks, in both layouts, and 200 queries a rider might type (a name fragment, a
community, a road with its number) are answered as bee-search.js would: index.json, then the posting
file of the query's rarest character, then the row files it points to. Sizes are gzip level 6.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synth import MODES, synth_stations, write_stations
from generator.data import load_network
from generator.data.limits import MB
from generator.web.search import SEARCH_DIR, build_search, normalise, rarest, rows, scanned

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = 64 * MB  # max_stations_mb: 64, as a provincial network sets it (100,000 stations are 44 MB)
SAMPLE = ROOT / "tests" / "fixtures" / "sample"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def material_first_search(site: Path) -> int:
    """Material's index plus its search worker (which bundles lunr), gzipped."""
    files = [
        site / "search" / "search_index.json",
        *sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js")),
    ]
    return sum(_gz(p.read_bytes()) for p in files)


def query_downloads(files: dict[str, str], query: str) -> int:
    """Gzipped bytes bee-search.js fetches for one query after the index (posting + row files)."""
    index = json.loads(files[f"{SEARCH_DIR}/index.json"])
    char = rarest({c: v[0] for c, v in index["chars"].items()}, normalise(query))
    if char is None:
        return 0
    posting = files[f"{SEARCH_DIR}/p{index['chars'][char][1]}.json"]
    numbers, total = [], 0
    for delta in json.loads(posting)[char]:
        total += delta
        numbers.append(total)
    shards = sorted({n // index["shard"] for n in scanned(numbers)})
    return _gz(posting.encode()) + sum(_gz(files[f"{SEARCH_DIR}/r{s}.json"].encode()) for s in shards)


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table of first-search downloads."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import copy_project

    with tempfile.TemporaryDirectory() as tmp:
        site, project = Path(tmp) / "site", copy_project(SAMPLE, Path(tmp) / "p", posters=False)
        cmd = [sys.executable, "-m", "generator", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        material = material_first_search(site)
    print(f"Material's index (content pages) + search worker: {material / 1024:.1f} KB gzip, the same at any N")
    print("| data | stations | index.json KB | per query KB (median / p90 / max) | first search KB (median / max) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for mode in MODES:
        for n in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "stations.yaml"
                write_stations(path, synth_stations(SAMPLE / "stations.yaml", n, mode=mode))
                images = SAMPLE / "content" / "images"  # the sample stations' photos
                entries = rows(load_network(path, images_dir=images, max_bytes=PROVINCE))
            files = build_search(entries)
            index = _gz(files[f"{SEARCH_DIR}/index.json"].encode())
            rng = random.Random(n)
            picks = rng.sample(entries, 200)
            queries = [p.name[len(p.community) : len(p.community) + 4] or p.name[:4] for p in picks[:70]]
            queries += [p.community for p in picks[70:140]] + [p.address[-7:] for p in picks[140:]]
            per = sorted(query_downloads(files, q) for q in queries)
            p90 = per[int(len(per) * 0.9)]
            first = [material + index + b for b in per]
            kb = [
                x / 1024 for x in (index, statistics.median(per), p90, max(per), statistics.median(first), max(first))
            ]
            cells = [f"{kb[0]:.1f}", " / ".join(f"{x:.1f}" for x in kb[1:4]), " / ".join(f"{x:.1f}" for x in kb[4:])]
            print(f"| {mode} | {n:,} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
