"""Print files for the whole network: posters, stickers, station table, guide map, pocket card, and the site pages.

`prepare` checks everything that could make print wrong before anything is written (site_url,
CJK font, colour profile, issued URLs and numbers); `start_sheets` starts making the network-wide
sheets in worker processes; `print_pages` makes the guide-map and print-centre pages (the latter
lists the sheets with their page counts); `build_print` then writes `print/` into the built site.
"""

from __future__ import annotations

import functools
import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..data.model import Network
from ..i18n import tr
from ..render import COMMUNITY_DIR, GeneratedFile, compact_html, environment, generated_page, is_large
from ..web import zones
from ..writer import SiteWriter
from . import maptiles, sheets
from .assemble import merge_pdfs
from .batches import Batch, StoredLayer, batches, cached_bytes, render_split
from .centre import PAPER_STICKER, PAPER_STICKER_SHEET, PrintFile, poster_paper
from .documents import DocContext
from .groups import PartSizes
from .guidemap import community_markers, load_lines, pin_layers, web_map_svg, web_markers
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
from .pdfrender import Job, Progress, RenderStats, prune, render_all, shared_workers, submit_in_turn
from .pdfx import DEFAULT_VARIANT, ICC_PROFILE, require_profile, writer_variant
from .posters import PosterOptions, poster_html
from .printenv import PREFERRED_FAMILY, PrintEnvironmentError, require_cjk_font
from .stickers import BATCH, SHEET, sticker_sheets, stickers_html
from .table import station_rows
from .tablesheet import missing_glyphs

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
    sticker_batch: int = BATCH
    """Door stickers per rendered document, at most on average (batches.py)."""
    part_sizes: PartSizes = field(default_factory=PartSizes)
    """Stations per table, map and card part (groups.py)."""

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
    sheets: dict[object, object] = field(default_factory=dict, compare=False, repr=False)
    """The sheets in the making by settings (SheetsInFlight), or made here (made_sheets), once per build."""

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
    """Check the CJK font, HarfBuzz, the colour profile and the manifest before anything is written."""
    family = require_cjk_font()
    if family != PREFERRED_FAMILY:  # the table, map and card set their text in it (fontface.py)
        raise PrintEnvironmentError(
            tr(f"没有安装 {PREFERRED_FAMILY} 字体（一览表、导视图和口袋卡用它排字）", f"no {PREFERRED_FAMILY}"),
            tr("安装 Debian 软件包 fonts-noto-cjk（scripts/system-deps 会安装）", "install Debian's fonts-noto-cjk"),
        )
    if writer_variant(settings.variant):
        require_profile()
    plan = read_plan(network, settings)
    check_manifest(plan.issued, network, settings.manifest_path.name or MANIFEST_NAME, settings.data_file)
    for message in moved_urls(plan.issued, network, plan.base_url):
        warnings.warn(message, UserWarning, stacklevel=2)
    for station, chars in missing_glyphs(station_rows(network)):
        message = tr(
            f"驿站 '{station}' 的文字里有打印字体没有的字符 {chars!r}，一览表里会印成方框（请改用常用字）",
            f"station '{station}' has characters the print font lacks, {chars!r}: they print as boxes in the table",
        )
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
    tiles: list[GeneratedFile] = []
    if is_large(network):
        # One pin per community, linking to its list; the page holds the first zoom level, JSON tiles the rest.
        projection, areas = community_markers(network)
        layers = pin_layers(areas, zooms=maptiles.ZOOMS)  # type: ignore[arg-type]
        tiles = maptiles.tile_files(layers)
        template, markers = "fragments/map-communities.html", areas
        extra = {"zones": zones.zone_tree(zones.communities(network)).children, "tiles": maptiles.TILE_DIR,
                 "levels": [layer.zoom for layer in layers], "community_dir": COMMUNITY_DIR}  # fmt: skip
        layers = layers[:1]
    else:
        projection, stations = web_markers(network, shown.numbers)  # the printed numbers, as on paper
        template, markers, extra = "fragments/map.html", stations, {}  # type: ignore[assignment]
        layers = pin_layers(stations)
    map_body = env.get_template(template).render(
        svg=web_map_svg(env, network, projection, settings.roads),
        layers=layers,
        markers=markers,
        has_roads=bool(load_lines(settings.roads, projection)),
        enabled=plan is not None,
        **extra,
    )

    # Rendered when the page is first needed (the search index, then the page): the sheets' page counts come
    # from the workers. Once: at 10,000 stations a second rendering costs 0.12 s.
    @functools.cache
    def centre() -> str:
        return compact_html(
            env.get_template("fragments/print.html").render(
                network=network,
                rows=station_rows(network, shown.numbers),
                enabled=plan is not None,
                files=catalogue(network, settings, plan) if plan else [],
                data_date=settings.context.data_date,
                posters_built=plan is not None and settings.posters,
            )
        )

    return [
        generated_page("map.md", "导视图", "", map_body, hide_nav=False, in_nav=True),
        generated_page("print.md", "打印中心", "", centre, hide_nav=False, in_nav=True),
        *tiles,
    ]


class SheetsInFlight:
    """The sheets made and rendered in worker processes while this process builds the website.

    A thread hands the work to a pool of its own and waits (holding no lock while it waits), so on two
    cores the sheets' layers, the table, map and card parts and the CSV, XLSX and SVG files are made
    beside the station pages instead of after them. `made` returns the sheets (for the print-centre
    page) as soon as they are planned; `wait` returns every file once made. Both raise what the work
    raised.
    """

    def __init__(self, network: Network, settings: PrintSettings, plan: PrintPlan, roots: tuple[str, ...]):
        self.found: list[tuple[Batch, list[PrintFile]]] = []
        self.stats = RenderStats()
        self._made: list[sheets.Sheet] | None = None
        self._planned = threading.Event()
        self._paths: dict[str, Path] = {}
        self._data: list[sheets.Data] = []
        self._error: BaseException | None = None
        work = (network, settings, plan.numbers)
        self._thread = threading.Thread(target=self._run, args=(work, roots), daemon=True)
        self._thread.start()

    def _run(self, work: tuple[Network, PrintSettings, dict[str, int]], roots: tuple[str, ...]) -> None:
        settings, cache = work[1], work[1].cache_dir / "pdf"
        cache.mkdir(parents=True, exist_ok=True)
        try:
            # This thread's own pool (pdfrender._local), at a lower priority than the website's pages.
            with shared_workers(settings.workers, background=True):
                # One process plans the sheets, then writes the data files (needed last), and ends: what it
                # held goes with it. The print-centre page waits for the plan only.
                planned, data = submit_in_turn(
                    [(sheets.plan_stored, (*work, str(cache))), (sheets.write_data_outputs, (*work, str(cache)))],
                    settings.workers,
                )
                try:
                    self._made = planned.result()
                finally:
                    self._planned.set()
                self.found = sheets.sheet_batches(self._made, settings, roots)
                try:
                    runs = [run for run, _ in self.found]
                    self._paths = render_split(runs, cache, workers=settings.workers, stats=self.stats)
                finally:
                    for layers_file in {layer.path for run, _ in self.found for layer in _stored(run)}:
                        Path(layers_file).unlink(missing_ok=True)
                self._data = data.result()
        except BaseException as exc:  # re-raised in the build's own thread by made() and wait()
            self._error = exc
            self._planned.set()

    def made(self) -> list[sheets.Sheet]:
        """The sheets with their files' page counts, once planned."""
        self._planned.wait()
        if self._made is None:
            raise self._error or RuntimeError("no sheets")
        return self._made

    def wait(self) -> tuple[list[sheets.Data], dict[str, Path]]:
        """The data files (target, file written in the cache) and the sheets (target → cached file), once all
        are made."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._data, self._paths


def _stored(run: Batch) -> list[StoredLayer]:
    return [layer for layer in run.layers if isinstance(layer, StoredLayer)]


def start_sheets(network: Network, settings: PrintSettings, plan: PrintPlan | None, site: Path) -> None:
    """Start making the sheets when print is on: the print-centre page and build_print wait for them; the
    website's pages are built meanwhile."""
    if plan is not None:
        plan.sheets[_INFLIGHT, settings] = SheetsInFlight(network, settings, plan, _roots(settings, site))


_INFLIGHT = "in flight"


def made_sheets(network: Network, settings: PrintSettings, plan: PrintPlan) -> list[sheets.Sheet]:
    """This build's sheets: from the workers when start_sheets started them, else made here once."""
    inflight = plan.sheets.get((_INFLIGHT, settings))
    if isinstance(inflight, SheetsInFlight):
        return inflight.made()
    held = plan.sheets.get(settings)
    if not isinstance(held, tuple) or held[0] is not network:
        held = plan.sheets[settings] = (network, sheets.plan_sheets(network, settings, plan.numbers))
    return held[1]  # type: ignore[no-any-return]


def catalogue(network: Network, settings: PrintSettings, plan: PrintPlan) -> list[PrintFile]:
    """Every file build_print will write, with paper and pages (counted from the sheets' layouts, not the PDFs:
    the print-centre page is made while the sheets are still rendering)."""
    files = [f for _, entries, _, _ in made_sheets(network, settings, plan) for f in entries]
    files += sheets.data_files(network, settings)
    if settings.posters:
        files += per_station_files(network, settings)
    return files


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
    with shared_workers(settings.workers):
        _build_files(network, settings, plan, writer, report, progress)
    if settings.update_manifest and plan.manifest_changed:
        # Through a temporary file and a rename: a build killed here must not leave half a manifest.
        tmp = settings.manifest_path.with_name(f".{settings.manifest_path.name}.{os.getpid()}.tmp")
        tmp.write_text(dump_manifest(plan.issued), encoding="utf-8")
        os.replace(tmp, settings.manifest_path)
    return report


def _build_files(
    network: Network,
    settings: PrintSettings,
    plan: PrintPlan,
    writer: SiteWriter,
    report: PrintReport,
    progress: Progress | None,
) -> None:
    """Data files and sheets, then (when on) posters and stickers and the two files for the print shop."""
    roots = _roots(settings, writer.root)
    inflight = plan.sheets.pop((_INFLIGHT, settings), None)
    if not isinstance(inflight, SheetsInFlight):
        inflight = SheetsInFlight(network, settings, plan, roots)
    (data, paths), report.other = inflight.wait(), inflight.stats
    found = inflight.found
    for rel, made in data:  # CSV, XLSX and SVG files written by a worker: linked in, then let go of
        writer.copy(rel, Path(made), f"print: {rel}")
        Path(made).unlink()
        report.files.append(rel)
    cache = settings.cache_dir / "pdf"
    for f in (f for _, entries in found for f in entries):
        writer.copy(f.rel, paths[f.rel], f"print: {f.rel}")
        report.files.append(f.rel)
    prune(cache)
    if settings.posters:
        report.posters = build_posters(network, settings, plan, writer, progress)
        stickers = build_stickers(network, settings, plan, writer)
        report.files += sorted(report.posters.hits + report.posters.misses)
        report.files += sorted(stickers.hits + stickers.misses)
        keep = bundle_ids(network, settings)
        if keep:
            report.files.append(f"{PRINT_DIR}/stickers.pdf")
            report.files.append(combine(writer, [poster_path(i) for i in keep], f"{PRINT_DIR}/posters.pdf"))


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
    """A 100 × 100 mm door sticker per station, and stickers.pdf: the bundled ones four to an A4 sheet.

    Stickers are rendered a batch to a document and split into their files (batches.py), each dated
    with its URL's first-issued date like the posters; `hits` and `misses` count sticker files.
    """
    started, stats = time.perf_counter(), RenderStats()
    env, cache = environment(settings.theme_dir), settings.cache_dir / "pdf"
    issued, ctx, roots = issued_dates(plan.issued), settings.context, _roots(settings, writer.root)
    runs = []
    for ids in batches((st.id for st in network.stations), settings.sticker_batch):
        stations = [network.station_by_id[i] for i in ids]
        html = stickers_html(env, network, stations, plan.base_url, max(issued[i] for i in ids), ctx)
        dated = tuple((sticker_path(i), 1, f"{issued[i].isoformat()}T00:00:00Z") for i in ids)
        runs.append(Batch(Job(html, dated[0][0], ".", settings.variant, roots), dated))
    files = render_split(runs, cache, workers=settings.workers, stats=stats)
    for st in network.stations:
        writer.copy(sticker_path(st.id), files[sticker_path(st.id)], f"print: {sticker_path(st.id)}")
    keep = [files[sticker_path(i)] for i in bundle_ids(network, settings)]
    if keep:
        newest = max(issued[i] for i in bundle_ids(network, settings))
        key = " ".join([repr(SHEET), newest.isoformat(), *(f.stem for f in keep)])  # layout, date, pages
        sheet = cached_bytes(cache, key, lambda: sticker_sheets([f.read_bytes() for f in keep], newest))
        writer.write(f"{PRINT_DIR}/stickers.pdf", sheet, "print: stickers.pdf")
    stats.seconds = time.perf_counter() - started
    prune(cache)
    return stats


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
