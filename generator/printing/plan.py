"""Print files for the whole network: posters, station table, guide map, and the site pages listing them.

`prepare` checks everything that could make print wrong before anything is written (site_url,
CJK font, issued URLs); `build_print` then writes `print/` into the built site.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..data.model import Network
from ..render import GeneratedFile, environment, generated_page
from ..writer import SiteWriter
from .guidemap import guide_map_svg, load_lines, pin_layers, web_map_svg, web_markers
from .manifest import (
    MANIFEST_NAME,
    Issued,
    check_manifest,
    dump_manifest,
    issued_dates,
    load_manifest,
    moved_urls,
    with_new_stations,
)
from .pdfrender import Job, Progress, RenderStats, render_all
from .posters import PosterOptions, poster_html
from .printenv import (
    PREFERRED_FAMILY,
    SLOW_SUBSET_WARNING,
    PrintEnvironmentError,
    has_fast_subsetting,
    require_cjk_font,
)
from .table import station_rows, table_html, to_csv, to_xlsx

PRINT_DIR = "print"


@dataclass(frozen=True)
class PrintSettings:
    """Where things are and what to produce."""

    theme_dir: Path
    cache_dir: Path
    manifest_path: Path
    stamp: datetime
    """Creation date of the table and map files (SOURCE_DATE_EPOCH or the last commit's date)."""
    roads: Path | None = None
    poster: PosterOptions = field(default_factory=PosterOptions)
    posters: bool = True
    workers: int = 0
    update_manifest: bool = True


@dataclass(frozen=True)
class PrintPlan:
    """The checked inputs: public base URL and the issued URLs including new stations."""

    base_url: str
    issued: list[Issued]
    manifest_changed: bool


@dataclass
class PrintReport:
    """What build_print did."""

    files: list[str] = field(default_factory=list)
    posters: RenderStats | None = None
    other: RenderStats | None = None


def prepare(network: Network, settings: PrintSettings) -> PrintPlan:
    """Check the CJK font and the manifest; warn when font subsetting will be slow."""
    base_url = network.site.site_url
    family = require_cjk_font()
    if family != PREFERRED_FAMILY:
        message = f"{PREFERRED_FAMILY} is not installed; print files fall back to {family} (install fonts-noto-cjk)"
        warnings.warn(message, UserWarning, stacklevel=2)
    if not has_fast_subsetting():
        warnings.warn(SLOW_SUBSET_WARNING, RuntimeWarning, stacklevel=2)
    name = settings.manifest_path.name or MANIFEST_NAME
    issued = load_manifest(settings.manifest_path, name)
    check_manifest(issued, network, name)
    for message in moved_urls(issued, network, base_url):
        warnings.warn(message, UserWarning, stacklevel=2)
    updated = with_new_stations(issued, network, base_url, settings.stamp.date())
    return PrintPlan(base_url, updated, updated != issued)


def print_pages(network: Network, settings: PrintSettings, *, enabled: bool = True) -> list[GeneratedFile]:
    """The guide-map page and the print-centre page (both in the navigation)."""
    env = environment(settings.theme_dir)
    projection, markers = web_markers(network)
    map_body = env.get_template("fragments/map.html").render(
        svg=web_map_svg(env, network, projection, settings.roads),
        layers=pin_layers(markers),
        markers=markers,
        has_roads=bool(load_lines(settings.roads, projection)),
        enabled=enabled,
    )
    centre = env.get_template("fragments/print.html").render(
        network=network,
        rows=station_rows(network),
        enabled=enabled,
        posters_built=enabled and settings.posters,
        poster=settings.poster,
    )
    return [
        generated_page("map.md", "导视图", "", map_body, hide_nav=False, in_nav=True),
        generated_page("print.md", "打印中心", "", centre, hide_nav=False, in_nav=True),
    ]


def build_print(
    network: Network, settings: PrintSettings, plan: PrintPlan, writer: SiteWriter, progress: Progress | None = None
) -> PrintReport:
    """Write every print file under `print/` through `writer`, then record new station URLs in the manifest."""
    report = PrintReport()
    env = environment(settings.theme_dir)
    rows = station_rows(network)
    created = settings.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    _write(report, writer, f"{PRINT_DIR}/stations.csv", to_csv(rows))
    xlsx = to_xlsx(rows, f"{network.site.name}分布示意一览表", settings.stamp)
    _write(report, writer, f"{PRINT_DIR}/stations.xlsx", xlsx)
    svg = guide_map_svg(env, network, settings.roads, link_prefix="../")
    _write(report, writer, f"{PRINT_DIR}/map.svg", '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg) + "\n")
    map_html = env.get_template("print/map.html").render(network=network, svg=svg, created=created)
    jobs = [
        Job(table_html(env, network, rows, created), f"{PRINT_DIR}/stations.pdf"),
        Job(map_html, f"{PRINT_DIR}/map.pdf"),
    ]
    report.other = render_all(jobs, settings.cache_dir / "pdf", writer, workers=settings.workers)
    report.files += [j.target for j in jobs]
    if settings.posters:
        report.posters = build_posters(network, settings, plan, writer, progress)
        parts = sorted(report.posters.hits + report.posters.misses)
        report.files += parts
        report.files.append(combine(writer, parts, f"{PRINT_DIR}/posters.pdf"))
    if settings.update_manifest and plan.manifest_changed:
        settings.manifest_path.write_text(dump_manifest(plan.issued), encoding="utf-8")
    return report


def build_posters(
    network: Network, settings: PrintSettings, plan: PrintPlan, writer: SiteWriter, progress: Progress | None = None
) -> RenderStats:
    """One PDF per station at `print/posters/<id>.pdf`, re-rendering only posters whose content changed."""
    env = environment(settings.theme_dir)
    issued = issued_dates(plan.issued)
    jobs = [
        Job(poster_html(env, network, st, plan.base_url, settings.poster, issued[st.id]), poster_path(st.id))
        for st in network.stations
    ]
    return render_all(jobs, settings.cache_dir / "pdf", writer, workers=settings.workers, progress=progress)


def poster_path(station_id: str) -> str:
    """Site-relative path of a station's poster."""
    return f"{PRINT_DIR}/posters/{station_id}.pdf"


def combine(writer: SiteWriter, parts: list[str], target: str) -> str:
    """All posters in one file for the print shop (poppler's pdfunite copies the pages as they are)."""
    if shutil.which("pdfunite") is None:
        raise PrintEnvironmentError("pdfunite is missing", "install Debian's poppler-utils (scripts/system-deps)")
    files = [writer.root / p for p in parts]
    with tempfile.TemporaryDirectory() as tmp:
        joined = Path(tmp) / "posters.pdf"
        subprocess.run(["pdfunite", *map(str, files), str(joined)], check=True, capture_output=True, timeout=600)
        data = joined.read_bytes()
    digest = hashlib.md5(b"".join(p.read_bytes() for p in files), usedforsecurity=False).hexdigest()
    writer.write(target, pin_trailer_id(data, digest), "print: posters.pdf")
    return target


# A PDF string: (literal) or <hex>; poppler escapes ( ) and \\ inside literals (ISO 32000-1 §7.3.4).
_STRING = rb"(?:\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f]*>)"
_ID = re.compile(rb"/ID\s*\[\s*" + _STRING + rb"\s*" + _STRING + rb"\s*\]", re.S)


def pin_trailer_id(data: bytes, digest: str) -> bytes:
    """Replace the file identifier of the last trailer (pdfunite makes it from the clock) by `digest`.

    ISO 32000-1 §14.4: the ID should be computed from the file's content; the trailer follows the
    cross-reference table, so changing its length moves no object offset.
    """
    start = data.rfind(b"trailer")
    if start < 0:
        return data
    tail = _ID.sub(f"/ID [<{digest}> <{digest}>]".encode(), data[start:], count=1)
    return data[:start] + tail


def _write(report: PrintReport, writer: SiteWriter, rel: str, data: str | bytes) -> None:
    writer.write(rel, data, f"print: {rel}")
    report.files.append(rel)
