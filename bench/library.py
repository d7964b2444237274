"""Study library at scale: build the site with N synthetic library items and report time and sizes.

    python -m bench.library            # 5,000 items (the figure recorded in BENCHMARKS.md)
    python -m bench.library --items 500

Builds a copy of the project in bench/out/library/ whose content/study/library.yaml holds N items
in the 10 sample categories (every 10th an audio item with a local file, so the podcast grows too),
with the real MkDocs build (`python -m generator build`, SOURCE_DATE_EPOCH pinned). Wall-clock
figures depend on the machine; record them with the machine in BENCHMARKS.md, never assert on them.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "library"
PHRASES = (
    "骑电动车要戴好安全头盔", "雨天路滑请减速慢行", "高温天气注意防暑降温", "遇到有人晕倒先拨打急救电话",
    "签订劳动合同保护合法权益", "学习党史了解我们从哪里来", "按时吃饭保护肠胃", "夜间骑行打开车灯",
    "充电时不要把电池带进楼道", "和顾客沟通要有礼貌", "垃圾分类从我做起", "颈腰椎放松操随时可做",
)  # fmt: skip


def synthetic_library(sample: dict, n: int) -> dict:
    """The sample's categories and menus, with `n` generated items (ids item-00001 …)."""
    cats = [c["id"] for c in sample["categories"]]
    audio = [i["audio"] for i in sample["items"] if "audio" in i]
    items = []
    for k in range(1, n + 1):
        summary = "示例简介：" + "，".join(PHRASES[(k + j) % len(PHRASES)] for j in range(3)) + f"。第{k}号资源。"
        item = {"id": f"item-{k:05d}", "title": f"示例资源{k}：{PHRASES[k % len(PHRASES)]}",
                "author": f"示例作者{k % 97}", "category": cats[k % len(cats)], "summary": summary}  # fmt: skip
        if k % 10 == 0:
            item |= {"kind": "audio", "duration": "0:12", "audio": audio[k % len(audio)]}
        elif k % 3 == 0:
            item |= {"kind": "e-book", "pages": str(20 + k % 200), "link": f"https://example.org/b/{k}"}
        else:
            item |= {"kind": "article", "link": f"https://example.org/a/{k}"}
        items.append(item)
    menus = [dict(m, items=[items[j]["id"] for j in range(i, min(n, 60), 3)]) for i, m in enumerate(sample["menus"])]
    return {"categories": sample["categories"], "items": items, "menus": menus}


def make_project(n: int) -> Path:
    """A copy of the project files with the synthetic library."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    sample = ROOT / "tests" / "fixtures" / "sample"  # frozen data, not the live file staff edit
    for name in ("mkdocs.yml", "stations.yaml"):
        shutil.copy(sample / name, OUT / name)
    shutil.copytree(ROOT / "theme", OUT / "theme")
    shutil.copytree(sample / "content", OUT / "content")
    lib_path = OUT / "content" / "study" / "library.yaml"
    sample = yaml.safe_load(lib_path.read_text(encoding="utf-8"))
    text = yaml.safe_dump(synthetic_library(sample, n), allow_unicode=True, sort_keys=False, width=1000)
    lib_path.write_text(text, encoding="utf-8")
    return OUT


def build(project: Path) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one full, real build of `project`.

    CPU time (user + system of the build process) is the steadier figure on a shared machine.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def size(path: Path) -> tuple[int, int]:
    """(bytes, gzip -6 bytes) of one file: what a host stores and what it sends compressed."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6, mtime=0))


def report(site: Path, n: int, seconds: tuple[float, float]) -> list[str]:
    """The lines recorded in BENCHMARKS.md."""
    items = sorted((site / "study" / "i").glob("*/index.html"))
    item_sizes = [p.stat().st_size for p in items]
    cats = [p.stat().st_size for p in (site / "study" / "c").glob("*/index.html")]
    pages = list(site.rglob("*.html"))
    lines = [
        f"items: {n}; build: {seconds[0]:.1f} s wall, {seconds[1]:.1f} s CPU; HTML pages: {len(pages)}; "
        f"site: {_mb(_total(site))}",
        f"item page HTML: median {_kb(statistics.median(item_sizes))}, max {_kb(max(item_sizes))}",
        f"category page HTML ({n // 10} items each): median {_kb(statistics.median(cats))}",
    ]
    for label, rel in (
        ("station page s/weixing/", "s/weixing/index.html"),
        ("library home study/", "study/index.html"),
        ("my-menu data assets/bee/study.json", "assets/bee/study.json"),
        ("search index search/search_index.json", "search/search_index.json"),
        ("podcast feeds/podcast.xml", "feeds/podcast.xml"),
    ):
        raw, gz = size(site / rel)
        lines.append(f"{label}: {_kb(raw)} ({_kb(gz)} gzipped)")
    return lines


def _total(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    """Build once with N items and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    args = parser.parse_args(argv)
    project = make_project(args.items)
    seconds = build(project)
    for line in report(project / "site", args.items, seconds):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
