"""The network-wide print files: station table (PDF, CSV, XLSX), guide map (PDF, SVG) and pocket card.

Each is one file while the network is small and one file per run of communities once a single
file would be unusable (groups.py). Numbers are the printed numbers from the manifest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jinja2 import Environment

from ..data.model import Network
from ..render import environment
from .batches import Batch
from .card import cards_html
from .centre import PAPER_CARD, PAPER_MAP, PAPER_TABLE, PrintFile
from .documents import render_doc
from .groups import CARD_LIMIT, MAP_LIMIT, TABLE_LIMIT, Group, split
from .guidemap import HEIGHT, LEGEND_FONT, LEGEND_LINE, PRINT_MM, WIDTH, guide_map_svg, layout_map, print_labels
from .pdfrender import Job
from .table import station_rows, to_csv, to_xlsx
from .tablesheet import GEOMETRY, TableLayer, table_layer, with_charset

if TYPE_CHECKING:
    from .plan import PrintPlan, PrintSettings

PRINT_DIR = "print"
SHEET_BATCH = 8  # map or card parts per rendered document (BENCHMARKS.md, "Print at scale")


def _name(stem: str, group: Group, suffix: str) -> str:
    return f"{PRINT_DIR}/{stem}{'-' + group.key if group.key else ''}.{suffix}"


def sheet_batches(
    network: Network, settings: PrintSettings, plan: PrintPlan, roots: tuple[str, ...]
) -> list[tuple[Batch, list[PrintFile]]]:
    """Table, map and card PDFs as documents to render, each with the catalogue entries of its files.

    The table's parts share one frame document, each part's text set over it (tablesheet.py: its
    footer counts its own pages). Map and card parts go
    SHEET_BATCH to a document, split afterwards (batches.py): each document pays WeasyPrint's fixed
    costs, font subsetting first, once for several files.
    """
    env, ctx, nums = environment(settings.theme_dir), settings.context, plan.numbers
    out: list[tuple[Batch, list[PrintFile]]] = []

    def add(html: str, files: list[PrintFile], pages: int, layers: tuple[TableLayer, ...] = ()) -> None:
        job = Job(html, files[0].rel, ".", settings.variant, roots)
        out.append((Batch(job, tuple((f.rel, pages, None) for f in files), layers), files))

    tables = [(g, station_rows(replace(network, stations=g.stations), nums)) for g in split(network, TABLE_LIMIT)]
    add(
        render_doc(env, "print/table.html", ctx, network=network, geometry=GEOMETRY),
        [
            PrintFile(_name("stations", g, "pdf"), f"驿站分布示意一览表 · {g.title}", PAPER_TABLE, None, "table")
            for g, _ in tables
        ],
        0,
        tuple(with_charset([table_layer(network, g, rows, ctx.data_date) for g, rows in tables])),
    )
    for run in _runs(split(network, MAP_LIMIT)):
        html = maps_html(env, network, run, settings, nums)
        add(
            html, [PrintFile(_name("map", g, "pdf"), f"红色导视图 · {g.title}", PAPER_MAP, None, "map") for g in run], 1
        )
    for run in _runs(split(network, CARD_LIMIT)):
        html = cards_html(env, network, run, settings.roads, plan, ctx)
        add(html, [PrintFile(_name("card", g, "pdf"), f"口袋卡 · {g.title}", PAPER_CARD, None, "card") for g in run], 2)
    return out


def _runs(groups: list[Group]) -> list[list[Group]]:
    return [groups[i : i + SHEET_BATCH] for i in range(0, len(groups), SHEET_BATCH)]


def maps_html(
    env: Environment, network: Network, groups: list[Group], settings: PrintSettings, numbers: dict[str, int]
) -> str:
    """A3 map pages, one per group: the SVG, and its marker numbers and legend names set in HTML over it."""
    ctx, mm = settings.context, PRINT_MM / WIDTH
    maps = []
    for group in groups:
        part = replace(network, stations=group.stations)
        layout = layout_map(part, numbers)
        svg = guide_map_svg(
            env, part, settings.roads, medium="print", data_date=ctx.data_date, part=group, layout=layout
        )
        numbers_at, legend = print_labels(layout, mm)
        maps.append({"svg": svg, "numbers": numbers_at, "legend": legend})
    return render_doc(
        env,
        "print/map.html",
        ctx,
        network=network,
        maps=maps,
        width_mm=PRINT_MM,
        height_mm=round(mm * HEIGHT, 2),
        number_width_mm=round(60 * mm, 2),
        legend_line_mm=round(LEGEND_LINE * mm, 3),
        legend_font_mm=round(LEGEND_FONT * mm, 3),
    )


def data_outputs(network: Network, settings: PrintSettings, plan: PrintPlan) -> list[tuple[str, bytes | str]]:
    """The files written as they are: the table as CSV and XLSX, the guide map(s) as SVG."""
    env, nums = environment(settings.theme_dir), plan.numbers
    rows = station_rows(network, nums)
    out: list[tuple[str, bytes | str]] = [
        (f"{PRINT_DIR}/stations.csv", to_csv(rows)),
        (f"{PRINT_DIR}/stations.xlsx", to_xlsx(rows, f"{network.site.name}分布示意一览表", settings.stamp)),
    ]
    for g in split(network, MAP_LIMIT):
        part = replace(network, stations=g.stations)
        svg = guide_map_svg(env, part, settings.roads, numbers=nums, link_prefix="../", part=g)
        out.append((_name("map", g, "svg"), '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg) + "\n"))
    return out


def data_files(network: Network) -> list[PrintFile]:
    """Catalogue entries for data_outputs."""
    files = [
        PrintFile(f"{PRINT_DIR}/stations.xlsx", "驿站分布示意一览表（Excel）", "表格", None, "table"),
        PrintFile(f"{PRINT_DIR}/stations.csv", "驿站分布示意一览表（CSV，UTF-8）", "表格", None, "table"),
    ]
    for g in split(network, MAP_LIMIT):
        files.append(PrintFile(_name("map", g, "svg"), f"红色导视图（SVG 矢量）· {g.title}", PAPER_MAP, None, "map"))
    return files
