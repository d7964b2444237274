"""Poster benchmark: cold and warm render time, cache behaviour, file sizes, QR versions.

Run: `.venv/bin/python -m bench.posters` (writes into bench/out/, prints a Markdown summary).
`--cards` times the pocket card and the door stickers (33 stations, cold cache, all cores);
`--scale N` builds N synthetic stations with print off, then with print on and posters off
(station table and guide map, split by community), cold cache, and reports what print adds;
`--scale N --kinds` then renders each kind of sheet of that data in one process, to show where it goes.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator.data import load_network
from generator.printing.batches import batches
from generator.printing.manifest import with_new_stations
from generator.printing.pdfrender import render_pdf
from generator.printing.plan import PrintPlan, PrintSettings, build_posters, combine
from generator.printing.posters import PosterOptions, poster_html
from generator.printing.printenv import has_fast_subsetting
from generator.printing.qr import station_code
from generator.render import environment
from generator.writer import SiteWriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "posters"
SAMPLE = ROOT / "tests" / "fixtures" / "sample"  # frozen data: figures do not move when staff edit the live file


def cpu_seconds() -> float:
    """User + system CPU of this process and of its children that have ended (the render workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> str:
    """The machine's load average: the benchmark shares its cores with other work."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def measured(label: str, work: Callable[[], object]) -> tuple[float, float]:
    """Run `work`, print and return its CPU and wall seconds."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    work()
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    print(f"| {label} | {cpu:.2f} | {wall:.2f} |", flush=True)
    return cpu, wall


def cards() -> None:
    """CPU and wall time of the pocket card and the door stickers: 33 stations, cold cache, 2 processes.

    WeasyPrint is loaded first, as a build has already rendered the table and the map when it comes
    to these. The stickers are measured for several batch sizes, cold and after editing one station.
    """
    from generator.printing import sheets
    from generator.printing.batches import render_split
    from generator.printing.documents import DocContext
    from generator.printing.plan import build_stickers
    from generator.printing.stickers import BATCH

    network = load_network(SAMPLE / "stations.yaml")
    base = network.site.site_url
    stamp = datetime(2026, 11, 28, tzinfo=UTC)
    plan = PrintPlan(base, with_new_stations([], network, base, stamp.date()), True)
    shutil.rmtree(OUT, ignore_errors=True)
    ctx = DocContext("2026-11-28T00:00:00Z")
    roads = SAMPLE / "content" / "guide-map.geojson"
    roots = (str(ROOT / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc")
    render_pdf("<p style='font-family: Noto Sans CJK SC'>驿站</p>", ".", ctx.variant, roots)  # WeasyPrint loaded
    print(f"before: {load()}\n\n| what | CPU s | wall s |\n| --- | ---: | ---: |")
    card = PrintSettings(ROOT / "theme", OUT / "card", OUT / "m.json", stamp, roads=roads, posters=False, workers=1)
    made = sheets.plan_sheets(network, card, plan.numbers)
    runs = [run for run, files in sheets.sheet_batches(made, card, roots) if files[0].section == "card"]
    card_cpu, _ = measured("pocket card (2 pages), cold", lambda: render_split(runs, OUT / "card", workers=1))
    edited = network.stations[5].model_copy(update={"name": network.stations[5].name + "新"})
    changed = replace(network, stations=(*network.stations[:5], edited, *network.stations[6:]))
    cold = {}
    for size in (BATCH, 16, 1):
        settings = PrintSettings(ROOT / "theme", OUT / f"b{size}", OUT / "m.json", stamp, workers=2, sticker_batch=size)
        runs = len(batches([s.id for s in network.stations], size))
        label = f"33 stickers + stickers.pdf, batches of ≤ {size} ({runs} document{'s' if runs > 1 else ''})"
        cold[size], _ = measured(f"{label}, cold", lambda s=settings: build_stickers(network, s, plan, _site()))
        measured(f"{label}, one station edited", lambda s=settings: build_stickers(changed, s, plan, _site()))
        measured(f"{label}, unchanged", lambda s=settings: build_stickers(changed, s, plan, _site()))
    print(f"\ncard + stickers, cold: {card_cpu + cold[BATCH]:.2f} s CPU (target ≤ 5 s extra)\nafter: {load()}")


def _site() -> SiteWriter:
    shutil.rmtree(OUT / "site", ignore_errors=True)
    return SiteWriter(OUT / "site")


def scale(n: int) -> None:
    """What print (posters off) adds to an N-station build: two cold CLI builds of the same uniform synthetic data.

    CPU seconds (the build process and its render workers, from wait4) are the comparable figure on
    a shared machine; the load average is printed around each build.
    """
    import yaml

    from bench.scale import _build, _project

    project = _project(f"print-{n}", n, "uniform")
    print("| stations | build | wall s | CPU s | peak MB | print PDFs | load before → after |")
    print("| ---: | --- | ---: | ---: | ---: | --- | --- |")
    cpu = {}
    for label, station_guide in (("print off", {"print": {"enabled": False}}), ("print on, posters off", {
            "print": {"posters": False, "map_geojson": "content/guide-map.geojson"}})):  # fmt: skip
        config = yaml.safe_load((SAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "station-guide" in plugin:
                plugin["station-guide"] = station_guide
        path = project / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        before = os.getloadavg()[0]
        seconds, cpu[label], peak = _build(project, path)
        pdfs = [p.name for p in (project / "site" / "print").glob("*.pdf")]
        kinds = ", ".join(f"{sum(p.startswith(k) for p in pdfs)} {k}" for k in ("stations", "map", "card"))
        print(f"| {n:,} | {label} | {seconds:.1f} | {cpu[label]:.1f} | {peak:.0f} | {kinds if pdfs else 'none'} "
              f"| {before:.1f} → {os.getloadavg()[0]:.1f} |", flush=True)  # fmt: skip
    off, on = cpu["print off"], cpu["print on, posters off"]
    print(f"\nprint adds {on - off:.1f} s CPU = {(on - off) / off:.0%} of the print-off build (target ≤ 50 %)")


def kinds(n: int) -> None:
    """Where print's CPU goes at N uniform stations: each kind of sheet rendered in this process, one worker.

    Reuses the data of `--scale N` (bench/out/print-N); cold cache. Prints CPU seconds per step.
    """
    from bench.scale import OUT as BENCH_OUT
    from generator.printing import sheets
    from generator.printing.batches import render_split
    from generator.printing.plan import read_plan

    project = BENCH_OUT / f"print-{n}"
    network = load_network(project / "stations.yaml")
    stamp = datetime(2026, 11, 28, tzinfo=UTC)
    cache = OUT / "kinds"
    shutil.rmtree(cache, ignore_errors=True)
    roads = SAMPLE / "content" / "guide-map.geojson"
    settings = PrintSettings(ROOT / "theme", cache, cache / "m.json", stamp, roads=roads, posters=False, workers=1)
    plan = read_plan(network, settings)
    roots = (str(ROOT / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc")
    render_pdf("<p style='font-family: Noto Sans CJK SC'>驿站</p>", ".", settings.variant, roots)
    print(f"before: {load()}\n\n| step | documents | files | CPU s |\n| --- | ---: | ---: | ---: |")
    cpu = cpu_seconds()
    found = sheets.sheet_batches(sheets.plan_sheets(network, settings, plan.numbers), settings, roots)
    print(f"| HTML of every sheet (Jinja, QR, map layout) | {len(found)} | — | {cpu_seconds() - cpu:.1f} |")
    cpu = cpu_seconds()
    sheets.data_outputs(network, settings, plan.numbers)
    print(f"| CSV, XLSX and map SVGs | — | — | {cpu_seconds() - cpu:.1f} |")
    for section in ("table", "map", "card"):
        runs = [run for run, files in found if files[0].section == section]
        cpu = cpu_seconds()
        render_split(runs, cache, workers=1)
        files = sum(len(run.files) for run in runs)
        print(f"| {section}: frame and parts | {len(runs)} | {files} | {cpu_seconds() - cpu:.1f} |", flush=True)
    print(f"\nafter: {load()}")


def main() -> None:
    """Measure and print the figures recorded in BENCHMARKS.md."""
    network = load_network(SAMPLE / "stations.yaml")
    base = network.site.site_url
    stamp = datetime(2026, 11, 28, tzinfo=UTC)
    plan = PrintPlan(base, with_new_stations([], network, base, stamp.date()), True)
    shutil.rmtree(OUT, ignore_errors=True)
    settings = PrintSettings(
        theme_dir=ROOT / "theme",
        cache_dir=OUT / "cache",
        manifest_path=OUT / "manifest.json",
        stamp=stamp,
        poster=PosterOptions(bleed_mm=3),
    )
    cores = os.cpu_count() or 1
    n = len(network.stations)
    print(f"- machine: {cores} cores; HarfBuzz subsetting: {'yes' if has_fast_subsetting() else 'NO (slow path)'}")

    t = time.perf_counter()
    cold = build_posters(network, settings, plan, SiteWriter(OUT / "pdf"))
    cold_s = time.perf_counter() - t
    print(f"- cold, empty cache, {cores} processes: {n} posters in {cold_s:.1f} s "
          f"({cold_s * cores / n:.2f} s per poster per core, process start-up and font loading included); "
          f"misses {len(cold.misses)}, hits {len(cold.hits)}")  # fmt: skip

    env = environment(settings.theme_dir)
    issued = {e.id: e.first_issued for e in plan.issued}
    docs = [poster_html(env, network, st, base, settings.poster, issued[st.id]) for st in network.stations]
    render_pdf(docs[0])  # warm-up: imports, fontconfig, font file parsing
    times = []
    for html in docs:
        t = time.perf_counter()
        render_pdf(html)
        times.append(time.perf_counter() - t)
    print(f"- warm, one process: median {statistics.median(times):.2f} s per poster "
          f"(min {min(times):.2f}, max {max(times):.2f})")  # fmt: skip

    t = time.perf_counter()
    again = build_posters(network, settings, plan, SiteWriter(OUT / "pdf"))
    print(f"- unchanged data, warm cache: {time.perf_counter() - t:.2f} s; "
          f"misses {len(again.misses)}, hits {len(again.hits)}")  # fmt: skip

    edited = network.stations[5].model_copy(update={"hours": "Mo-Su 07:00-22:00"})
    edited.__dict__.pop("schedule", None)  # model_copy keeps the cached compiled hours of the original
    changed = replace(network, stations=(*network.stations[:5], edited, *network.stations[6:]))
    t = time.perf_counter()
    one = build_posters(changed, settings, plan, SiteWriter(OUT / "pdf"))
    print(f"- one station's hours edited: {time.perf_counter() - t:.2f} s; misses {len(one.misses)} "
          f"({', '.join(Path(p).stem for p in one.misses)}), hits {len(one.hits)}")  # fmt: skip

    t = time.perf_counter()
    writer = SiteWriter(OUT / "pdf")
    parts = sorted(p.relative_to(writer.root).as_posix() for p in (OUT / "pdf").rglob("*.pdf"))
    combined = writer.root / combine(writer, parts, "posters.pdf")
    print(f"- posters.pdf (pdfunite): {time.perf_counter() - t:.2f} s")
    sizes = [(writer.root / p).stat().st_size for p in parts]
    print(f"- sizes: poster median {statistics.median(sizes) / 1024:.0f} KiB (min {min(sizes) / 1024:.0f}, "
          f"max {max(sizes) / 1024:.0f}); posters.pdf {combined.stat().st_size / 1024 / 1024:.1f} MiB")  # fmt: skip
    versions = sorted({station_code(base, st).version for st in network.stations})
    longest = max((station_code(base, st) for st in network.stations), key=lambda c: len(c.payload))
    print(f"- QR versions (level Q) in the sample: {versions}; longest URL {longest.payload} "
          f"({len(longest.payload)} bytes) → version {longest.version}")  # fmt: skip


if __name__ == "__main__":
    import sys

    if "--cards" in sys.argv:
        cards()
    elif "--scale" in sys.argv and "--kinds" in sys.argv:
        kinds(int(sys.argv[sys.argv.index("--scale") + 1]))
    elif "--scale" in sys.argv:
        scale(int(sys.argv[sys.argv.index("--scale") + 1]))
    else:
        main()
