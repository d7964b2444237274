"""Website scale benchmark: build N = 33, 1,000 and 10,000 synthetic stations, plus the naive approach.

Run with `make bench` (or `.venv/bin/python -m bench.scale [N ...] [--naive N] [--mode uniform|constant|both]`).
For each N and data layout (bench/synth.py: `uniform` spreads stations over the sample's region, so
density grows with N; `constant` widens the area instead) it prints build time, CPU time, ms per
station, peak memory of the build process and the size of a station page, and the machine's load
average before and after. The naive approach puts one Markdown page per station into Material's
navigation, which Material renders into every page: its cost grows with N².
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from bench.synth import synth_stations, write_stations
from generator.data import load_network
from generator.render import environment
from generator.web.options import WebOptions
from generator.web.stations import build_station_pages

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"  # frozen data: figures do not move when staff edit the live file


@dataclass
class Result:
    label: str
    mode: str
    n: int
    seconds: float
    cpu: float
    peak_mb: float
    page_bytes: float
    page_gzip: float
    gc_runs: int
    gc_seconds: float
    tree_mb: float

    def row(self) -> str:
        ms = self.seconds * 1000 / self.n
        return (
            f"| {self.label} | {self.mode} | {self.n:,} | {self.seconds:.1f} | {self.cpu:.1f} | {ms:.1f} "
            f"| {self.peak_mb:.0f} | {self.tree_mb:.0f} | {self.gc_runs:,} / {self.gc_seconds:.1f} "
            f"| {self.page_bytes / 1024:.1f} | {self.page_gzip / 1024:.1f} |"
        )


def _project(name: str, n: int, mode: str) -> Path:
    """A throwaway project beside the repo's content and theme, with n synthetic stations."""
    project = OUT / name
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    write_stations(project / "stations.yaml", synth_stations(SAMPLE / "stations.yaml", n, mode=mode))
    (project / "content").symlink_to(SAMPLE / "content")
    (project / "theme").symlink_to(ROOT / "theme")
    return project


def _config(project: Path, *, naive_pages: list[str] | None = None, print_posters_off: bool = False) -> Path:
    config = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "station-guide" in plugin:
            # Print files have their own benchmark (bench.posters); this one measures the website, or the
            # website with the table and the guide map ("print with posters off", the scale targets' setting).
            options = plugin["station-guide"] or {}
            printing = {**options["print"], "posters": False} if print_posters_off else {"enabled": False}
            # 100,000 stations are 44 MB: raise the stations file's limit as a provincial network would.
            plugin["station-guide"] = {**options, "print": printing, "max_stations_mb": 64}
    if naive_pages is not None:
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "station-guide" in p)]
        config["docs_dir"] = "docs"
        config["nav"] = [{"首页": "index.md"}, {"驿站": naive_pages}]
        # Stock Material: its own templates and styles (ours read settings the plugin provides).
        del config["theme"]["custom_dir"]
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _naive_docs(project: Path) -> list[str]:
    """One real Markdown file per station, all listed in the nav."""
    docs = project / "docs"
    (docs / "s").mkdir(parents=True)
    shutil.copy(SAMPLE / "content" / "index.md", docs / "index.md")
    network = load_network(project / "stations.yaml")
    options = WebOptions(theme_dir=ROOT / "theme", today=date(2026, 11, 28))
    pages = []
    for f in build_station_pages(network, options, environment(options.theme_dir)):
        # The same page as a Markdown file MkDocs converts itself, searchable as pages are by default.
        # Stock Material renders it with its own page template (`template:` names one of ours).
        front = f.content.replace('search: {"exclude": true}\n', "")
        front = "".join(line for line in front.splitlines(keepends=True) if not line.startswith("template:"))
        (docs / f.src_uri).write_text(f"{front}\n{f.html}\n", encoding="utf-8")
        pages.append(f.src_uri)
    return pages


# `python -m generator build`, timing the cyclic garbage collector (gc.callbacks) and, with "default" as
# the first argument, without the build's GC policy (generator/gcpolicy.py), to measure what it saves.
_BUILD = """
import gc, sys, time
from generator import cli, gcpolicy
if sys.argv.pop(1) == "default":
    gcpolicy.for_build_process = lambda: None
spent, count, started = [0.0], [0], [0.0]
def clock(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        spent[0] += time.perf_counter() - started[0]
        count[0] += 1
gc.callbacks.append(clock)
code = cli.main(sys.argv[1:])
print(f"GC {count[0]} {spent[0]:.3f}", file=sys.stderr)
sys.exit(code)
"""


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    gc_runs: int
    gc_seconds: float
    tree_mb: float


def _children() -> dict[int, list[int]]:
    """Process id → ids of its children, from /proc."""
    out: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        out.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return out


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (shared pages counted in each: an upper bound)."""
    children, todo, total = _children(), [pid], 0
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class TreeMemory:
    """The largest sum of resident memory over a process and its workers, sampled every 0.2 s.

    wait4's peak is the largest single process: with print on, the render workers run beside the
    build process and their memory adds to its own.
    """

    def __init__(self, pid: int):
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(pid,), daemon=True)
        self._thread.start()

    def _sample(self, pid: int) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss(pid))

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def _build(project: Path, config: Path, gc_policy: str = "build") -> Run:
    """Wall and CPU seconds, peak resident memory (MB) and the collector's share of one build process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "PYTHONWARNINGS": "ignore"}
    args = [gc_policy, "build", "-f", str(config), "-d", str(project / "site")]
    cmd = [sys.executable, "-c", _BUILD, *args]
    # Every run is cold: print files are cached in .cache/ by their content, so a second run of the same data
    # would render none of them; the manifest a print build writes goes too, so each run numbers afresh.
    shutil.rmtree(project / ".cache", ignore_errors=True)
    (project / "print-manifest.json").unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(proc.pid)
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    tree_mb = memory.stop()
    if status != 0:
        raise SystemExit(f"build failed for {project.name}: {err}")
    _, runs, spent = err.strip().splitlines()[-1].split()
    peak_mb = usage.ru_maxrss / 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_mb, int(runs), float(spent), max(tree_mb, peak_mb))


def _page_sizes(site: Path) -> tuple[float, float]:
    pages = sorted(site.glob("s/*/index.html"))[:200]
    raw = [p.stat().st_size for p in pages]
    packed = [len(gzip.compress(p.read_bytes(), 6)) for p in pages]
    return statistics.mean(raw), statistics.mean(packed)


def largest_pages(site: Path, count: int = 5) -> list[tuple[str, int, int]]:
    """The `count` largest HTML pages of a built site by gzip size (level 6): path, bytes, gzip bytes."""
    sizes = []
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        sizes.append((path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, 6))))
    return sorted(sizes, key=lambda s: -s[2])[:count]


def run(n: int, mode: str, *, naive: bool = False, gc_policy: str = "build", printing: bool = False) -> Result:
    """Build one synthetic network and measure it (`printing`: with the table and the map, posters off)."""
    label = "naive (nav entry per station)" if naive else "station-guide plugin"
    if gc_policy != "build":
        label += f", GC {gc_policy}"
    if printing:
        label += ", print (posters off)"
    project = _project(f"{'naive' if naive else 'plugin'}-{mode}-{n}", n, mode)
    config = _config(project, naive_pages=_naive_docs(project) if naive else None, print_posters_off=printing)
    # Best of three for the small builds, where start-up noise is a large share of the time.
    runs = [_build(project, config, gc_policy) for _ in range(3 if n <= 1000 and not naive else 1)]
    best = min(runs, key=lambda r: r.seconds)
    size, packed = _page_sizes(project / "site")
    return Result(
        label, mode, n, best.seconds, best.cpu, best.peak_mb, size, packed, best.gc_runs, best.gc_seconds, best.tree_mb
    )


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table (paste it into BENCHMARKS.md)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[33, 1000, 10000])
    parser.add_argument("--naive", type=int, default=1000, help="N for the naive comparison (0 to skip)")
    parser.add_argument("--mode", choices=("uniform", "constant", "both"), default="both")
    parser.add_argument(
        "--gc",
        choices=("build", "default", "both"),
        default="build",
        help="the build's GC policy (generator/gcpolicy.py), CPython's defaults, or both in turn",
    )
    parser.add_argument("--pages", action="store_true", help="list each build's five largest HTML pages (gzip)")
    parser.add_argument(
        "--print",
        choices=("off", "posters-off", "both"),
        default="off",
        dest="printing",
        help="print files off (the website alone), on with posters off (table, guide map, pocket card), or both",
    )
    args = parser.parse_args(argv)
    modes = ["uniform", "constant"] if args.mode == "both" else [args.mode]
    print(f"before: {_load()}")
    print(
        "| approach | data | stations | build s | CPU s | ms/station | peak MB | all processes MB | GC runs / s "
        "| station page KB | gzip KB |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    results, printed = {}, {}
    policies = ["default", "build"] if args.gc == "both" else [args.gc]
    for mode in modes:
        for n in args.sizes:
            for policy in policies:
                results[mode, n] = run(n, mode, gc_policy=policy, printing=args.printing == "posters-off")
                print(results[mode, n].row(), flush=True)
                if args.printing == "both":
                    printed[mode, n] = run(n, mode, gc_policy=policy, printing=True)
                    print(printed[mode, n].row(), flush=True)
                if args.pages:
                    site = OUT / f"plugin-{mode}-{n}" / "site"
                    for rel, size, packed in largest_pages(site):
                        print(f"  - `{rel}`: {size / 1024:.1f} KB, {packed / 1024:.1f} KB gzip")
    if args.naive:
        naive = run(args.naive, modes[0], naive=True)
        print(naive.row(), flush=True)
        ours = results.get((modes[0], args.naive))
        if ours:
            print(f"\nnaive / plugin at N={args.naive} ({modes[0]}): {naive.seconds / ours.seconds:.1f}× slower")
    for (mode, n), both in printed.items():
        web = results[mode, n]
        print(
            f"{mode} {n:,}: print (posters off) adds {both.seconds - web.seconds:.1f} s wall "
            f"({(both.seconds - web.seconds) / web.seconds:.0%}), {both.cpu - web.cpu:.1f} s CPU "
            f"({(both.cpu - web.cpu) / web.cpu:.0%}) to the website build (target ≤ 50 %)"
        )
    for mode in modes:
        if (mode, 1000) in results and (mode, 10000) in results:
            small, big = results[mode, 1000], results[mode, 10000]
            print(f"{mode}: time(10k)/time(1k) = {big.seconds / small.seconds:.1f} wall, {big.cpu / small.cpu:.1f} CPU")
    print(f"after: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
