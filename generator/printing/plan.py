"""Print files for the whole network: posters, stickers, station table, guide map, pocket card, and the site pages.

`prepare` checks everything that could make print wrong before anything is written (site_url,
CJK font, colour profile, issued URLs and numbers); `print_pages` renders the network-wide sheets
(into the cache, to know their page counts) for the print-centre page; `build_print` then writes
`print/` into the built site.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..data.model import Network
from ..i18n import tr
from ..render import GeneratedFile, environment, generated_page
from ..writer import SiteWriter
from . import sheets
from .assemble import merge_pdfs
from .centre import PAPER_STICKER, PAPER_STICKER_SHEET, PrintFile, page_count, poster_paper
from .documents import DocContext
from .guidemap import load_lines, pin_layers, web_map_svg, web_markers
from .manifest import (
    MANIFEST_NAME,
    Issued,
    check_manifest,
    dump_manifest,
    issued_dates,
    load_manifest,
    moved_urls,
    numbers,
    with_new_stations,
)
from .pdfrender import Job, Progress, RenderStats, render_all, render_cached
from .pdfx import DEFAULT_VARIANT, ICC_PROFILE, require_profile, writer_variant
from .posters import PosterOptions, poster_html
from .printenv import PREFERRED_FAMILY, has_fast_subsetting, require_cjk_font, slow_subset_warning
from .stickers import sticker_html, sticker_sheet_html
from .table import station_rows

PRINT_DIR = "print"


@dataclass(frozen=True)
class PrintSettings:
    """Where things are and what to produce."""

    theme_dir: Path
    cache_dir: Path
    manifest_path: Path
    stamp: datetime
    """Creation date of the network-wide files (SOURCE_DATE_EPOCH or the last commit's date)."""
    roads: Path | None = None
    data_file: Path | None = None
    """stations.yaml, for saying where a deleted printed station was."""
    poster: PosterOptions = field(default_factory=PosterOptions)
    posters: bool = True
    """Per-station files: posters, door stickers, posters.pdf and stickers.pdf."""
    workers: int = 0
    update_manifest: bool = True
    variant: str = DEFAULT_VARIANT
    paused_in_bundle: bool = False
    """posters.pdf / stickers.pdf include paused stations (closed ones never)."""

    @property
    def context(self) -> DocContext:
        """What every print document of this build shares."""
        return DocContext(self.stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), self.variant)


@dataclass(frozen=True)
class PrintPlan:
    """The checked inputs: public base URL and the issued URLs (with numbers) including new stations."""

    base_url: str
    issued: list[Issued]
    manifest_changed: bool

    @property
    def numbers(self) -> dict[str, int]:
        """Printed number per station id."""
        return numbers(self.issued)


@dataclass
class PrintReport:
    """What build_print did."""

    files: list[str] = field(default_factory=list)
    posters: RenderStats | None = None
    other: RenderStats | None = None


def prepare(network: Network, settings: PrintSettings) -> PrintPlan:
    """Check the CJK font, the colour profile and the manifest; warn when font subsetting will be slow."""
    family = require_cjk_font()
    if family != PREFERRED_FAMILY:
        message = tr(
            f"没有安装 {PREFERRED_FAMILY} 字体，打印文件改用 {family}（请安装 fonts-noto-cjk）",
            f"{PREFERRED_FAMILY} is not installed; print files fall back to {family} (install fonts-noto-cjk)",
        )
        warnings.warn(message, UserWarning, stacklevel=2)
    if not has_fast_subsetting():
        warnings.warn(slow_subset_warning(), RuntimeWarning, stacklevel=2)
    if writer_variant(settings.variant):
        require_profile()
    plan = read_plan(network, settings)
    check_manifest(plan.issued, network, settings.manifest_path.name or MANIFEST_NAME, settings.data_file)
    for message in moved_urls(plan.issued, network, plan.base_url):
        warnings.warn(message, UserWarning, stacklevel=2)
    return plan


def read_plan(network: Network, settings: PrintSettings) -> PrintPlan:
    """The manifest as the build would leave it (new stations numbered), without checking the machine."""
    base_url = network.site.site_url
    issued = load_manifest(settings.manifest_path, settings.manifest_path.name or MANIFEST_NAME)
    updated = with_new_stations(issued, network, base_url, settings.stamp.date())
    return PrintPlan(base_url, updated, updated != issued)


def print_pages(network: Network, settings: PrintSettings, plan: PrintPlan | None) -> list[GeneratedFile]:
    """The guide-map page and the print-centre page (both in the navigation)."""
    env = environment(settings.theme_dir)
    shown = plan or read_plan(network, settings)
    projection, markers = web_markers(network, shown.numbers)  # the printed numbers, as on paper
    map_body = env.get_template("fragments/map.html").render(
        svg=web_map_svg(env, network, projection, settings.roads),
        layers=pin_layers(markers),
        markers=markers,
        has_roads=bool(load_lines(settings.roads, projection)),
        enabled=plan is not None,
    )
    files = catalogue(network, settings, plan) if plan else []
    centre = env.get_template("fragments/print.html").render(
        network=network,
        rows=station_rows(network, shown.numbers),
        enabled=plan is not None,
        files=files,
        data_date=settings.context.data_date,
        posters_built=plan is not None and settings.posters,
    )
    return [
        generated_page("map.md", "导视图", "", map_body, hide_nav=False, in_nav=True),
        generated_page("print.md", "打印中心", "", centre, hide_nav=False, in_nav=True),
    ]


def catalogue(network: Network, settings: PrintSettings, plan: PrintPlan) -> list[PrintFile]:
    """Every file build_print will write, with paper and pages; the sheets are rendered (cached) to count pages."""
    found = sheets.sheet_files(network, settings, plan, _roots(settings))
    paths = render_cached([job for job, _ in found], settings.cache_dir / "pdf", workers=settings.workers)
    files = [f if f.pages is not None or not f.rel.endswith(".pdf") else _counted(f, paths) for _, f in found]
    files += sheets.data_files(network)
    if settings.posters:
        files += per_station_files(network, settings)
    return files


def _counted(f: PrintFile, paths: dict[str, Path]) -> PrintFile:
    return PrintFile(f.rel, f.title, f.paper, page_count(paths[f.rel]), f.section)


def per_station_files(network: Network, settings: PrintSettings) -> list[PrintFile]:
    """Posters and stickers: one page per station, and the two files for the print shop."""
    paper = poster_paper(settings.poster.paper, settings.poster.bleed_mm)
    bundled = len(bundle_ids(network, settings))
    files = [
        PrintFile(f"{PRINT_DIR}/posters.pdf", "全部海报（印刷用，不含已关闭驿站）", paper, bundled, "posters"),
        PrintFile(f"{PRINT_DIR}/stickers.pdf", "全部门贴（印刷用）", PAPER_STICKER_SHEET, -(-bundled // 4), "stickers"),
    ]
    for st in network.stations:
        files.append(PrintFile(poster_path(st.id), st.name, paper, 1, "poster"))
        files.append(PrintFile(sticker_path(st.id), st.name, PAPER_STICKER, 1, "sticker"))
    return files


def bundle_ids(network: Network, settings: PrintSettings) -> list[str]:
    """Stations in posters.pdf and stickers.pdf: open ones, paused ones when configured, never closed ones."""
    allowed = {"open", "paused"} if settings.paused_in_bundle else {"open"}
    return [st.id for st in network.stations if st.status in allowed]


def _roots(settings: PrintSettings, site_root: Path | None = None) -> tuple[str, ...]:
    roots = [str(settings.theme_dir / "print"), str(ICC_PROFILE)]
    return tuple(roots + ([str(site_root)] if site_root else []))


def build_print(
    network: Network, settings: PrintSettings, plan: PrintPlan, writer: SiteWriter, progress: Progress | None = None
) -> PrintReport:
    """Write every print file under `print/` through `writer`, then record new stations in the manifest."""
    report = PrintReport()
    roots = _roots(settings, writer.root)
    for rel, data in sheets.data_outputs(network, settings, plan):
        _write(report, writer, rel, data)
    jobs = [job for job, _ in sheets.sheet_files(network, settings, plan, roots)]
    report.other = render_all(jobs, settings.cache_dir / "pdf", writer, workers=settings.workers)
    report.files += [j.target for j in jobs]
    if settings.posters:
        report.posters = build_posters(network, settings, plan, writer, progress)
        stickers = build_stickers(network, settings, plan, writer)
        report.files += sorted(report.posters.hits + report.posters.misses)
        report.files += sorted(stickers.hits + stickers.misses)
        keep = bundle_ids(network, settings)
        if keep:
            report.files.append(combine(writer, [poster_path(i) for i in keep], f"{PRINT_DIR}/posters.pdf"))
    if settings.update_manifest and plan.manifest_changed:
        # Through a temporary file and a rename: a build killed here must not leave half a manifest.
        tmp = settings.manifest_path.with_name(f".{settings.manifest_path.name}.{os.getpid()}.tmp")
        tmp.write_text(dump_manifest(plan.issued), encoding="utf-8")
        os.replace(tmp, settings.manifest_path)
    return report


def build_posters(
    network: Network, settings: PrintSettings, plan: PrintPlan, writer: SiteWriter, progress: Progress | None = None
) -> RenderStats:
    """One PDF per station at `print/posters/<id>.pdf`, re-rendering only posters whose content changed."""
    env = environment(settings.theme_dir)
    issued, ctx, roots = issued_dates(plan.issued), settings.context, _roots(settings, writer.root)
    jobs = [
        Job(
            poster_html(env, network, st, plan.base_url, settings.poster, issued[st.id], ctx),
            poster_path(st.id),
            variant=settings.variant,
            roots=roots,
        )
        for st in network.stations
    ]
    return render_all(jobs, settings.cache_dir / "pdf", writer, workers=settings.workers, progress=progress)


def build_stickers(network: Network, settings: PrintSettings, plan: PrintPlan, writer: SiteWriter) -> RenderStats:
    """A 100 × 100 mm door sticker per station, and stickers.pdf: the bundled ones four to an A4 sheet."""
    env = environment(settings.theme_dir)
    issued, ctx, roots = issued_dates(plan.issued), settings.context, _roots(settings, writer.root)
    jobs = [
        Job(
            sticker_html(env, network, st, plan.base_url, issued[st.id], ctx),
            sticker_path(st.id),
            ".",
            settings.variant,
            roots,
        )
        for st in network.stations
    ]
    keep = [network.station_by_id[i] for i in bundle_ids(network, settings)]
    if keep:
        sheet = sticker_sheet_html(env, network, keep, plan.base_url, ctx)
        jobs.append(Job(sheet, f"{PRINT_DIR}/stickers.pdf", ".", settings.variant, roots))
    return render_all(jobs, settings.cache_dir / "pdf", writer, workers=settings.workers)


def poster_path(station_id: str) -> str:
    """Site-relative path of a station's poster."""
    return f"{PRINT_DIR}/posters/{station_id}.pdf"


def sticker_path(station_id: str) -> str:
    """Site-relative path of a station's door sticker."""
    return f"{PRINT_DIR}/stickers/{station_id}.pdf"


def combine(writer: SiteWriter, parts: list[str], target: str) -> str:
    """Posters in one file for the print shop, every page's MediaBox, BleedBox and TrimBox kept (assemble.py)."""
    data = merge_pdfs([(writer.root / p).read_bytes() for p in parts])
    writer.write(target, data, f"print: {Path(target).name}")
    return target


def _write(report: PrintReport, writer: SiteWriter, rel: str, data: str | bytes) -> None:
    writer.write(rel, data, f"print: {rel}")
    report.files.append(rel)
