"""Poster benchmark: cold and warm render time, cache behaviour, file sizes, QR versions.

Run: `.venv/bin/python -m bench.posters` (writes into bench/out/, prints a Markdown summary).
`--cards` times the pocket card and the door stickers (33 stations, cold cache, all cores);
`--scale N` builds N synthetic stations with print off, then with print on and posters off
(station table and guide map, split by community), cold cache, and reports what print adds.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator.data import load_network
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


def cards() -> None:
    """Cold time of the pocket card and the door stickers (33 stations, 2 processes, empty cache)."""
    from generator.printing.card import card_html
    from generator.printing.documents import DocContext
    from generator.printing.groups import split
    from generator.printing.pdfrender import Job, render_cached
    from generator.printing.plan import build_stickers

    network = load_network(SAMPLE / "stations.yaml")
    base = network.site.site_url
    stamp = datetime(2026, 11, 28, tzinfo=UTC)
    plan = PrintPlan(base, with_new_stations([], network, base, stamp.date()), True)
    shutil.rmtree(OUT, ignore_errors=True)
    settings = PrintSettings(
        ROOT / "theme", OUT / "cache", OUT / "manifest.json", stamp, poster=PosterOptions(bleed_mm=3)
    )
    env, ctx = environment(settings.theme_dir), DocContext("2026-11-28T00:00:00Z")
    roads = SAMPLE / "content" / "guide-map.geojson"
    t = time.perf_counter()
    group = split(network, 60)[0]
    render_cached([Job(card_html(env, network, network, group, roads, plan, ctx), "print/card.pdf", ".", ctx.variant,
                       (str(ROOT / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc"))],
                  settings.cache_dir)  # fmt: skip
    card_s = time.perf_counter() - t
    t = time.perf_counter()
    stats = build_stickers(network, settings, plan, SiteWriter(OUT / "pdf"))
    sticker_s = time.perf_counter() - t
    count = len(stats.misses) - 1
    print(f"- pocket card (2 pages): {card_s:.1f} s; door stickers ({count} + stickers.pdf): {sticker_s:.1f} s; "
          f"together {card_s + sticker_s:.1f} s extra, cold, {os.cpu_count()} processes")  # fmt: skip


def scale(n: int) -> None:
    """What print (posters off) adds to an N-station build: two cold CLI builds of the same synthetic data."""
    import yaml

    from bench.scale import _build, _project

    project = _project(f"print-{n}", n)
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
        seconds, cpu, peak = _build(project, path)
        files = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site" / "print").glob("*.pdf"))
        print(f"| {n:,} | {label} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {len(files)} PDFs |")


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
    elif "--scale" in sys.argv:
        scale(int(sys.argv[sys.argv.index("--scale") + 1]))
    else:
        main()
