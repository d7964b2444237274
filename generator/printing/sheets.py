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
from .card import card_html
from .centre import PAPER_CARD, PAPER_MAP, PAPER_TABLE, PrintFile
from .documents import render_doc
from .groups import CARD_LIMIT, MAP_LIMIT, TABLE_LIMIT, Group, split
from .guidemap import HEIGHT, LEGEND_FONT, LEGEND_LINE, PRINT_MM, WIDTH, guide_map_svg, layout_map, print_labels
from .pdfrender import Job
from .table import HEADER, station_rows, to_csv, to_xlsx

if TYPE_CHECKING:
    from .plan import PrintPlan, PrintSettings

PRINT_DIR = "print"


def _name(stem: str, group: Group, suffix: str) -> str:
    return f"{PRINT_DIR}/{stem}{'-' + group.key if group.key else ''}.{suffix}"


def sheet_files(
    network: Network, settings: PrintSettings, plan: PrintPlan, roots: tuple[str, ...]
) -> list[tuple[Job, PrintFile]]:
    """Table, map and card PDFs as render jobs, each with its catalogue entry (pages counted later)."""
    env, ctx, nums = environment(settings.theme_dir), settings.context, plan.numbers
    out: list[tuple[Job, PrintFile]] = []

    def job(html: str, rel: str, title: str, paper: str, section: str) -> None:
        out.append((Job(html, rel, ".", settings.variant, roots), PrintFile(rel, title, paper, None, section)))

    for g in split(network, TABLE_LIMIT):
        part = replace(network, stations=g.stations)
        rows = station_rows(part, nums)
        html = render_doc(env, "print/table.html", ctx, network=network, rows=rows, header=HEADER, part=g)
        job(html, _name("stations", g, "pdf"), f"驿站分布示意一览表 · {g.title}", PAPER_TABLE, "table")
    for g in split(network, MAP_LIMIT):
        html = map_html(env, network, replace(network, stations=g.stations), g, settings, nums)
        job(html, _name("map", g, "pdf"), f"红色导视图 · {g.title}", PAPER_MAP, "map")
    for g in split(network, CARD_LIMIT):
        part = replace(network, stations=g.stations)
        html = card_html(env, network, part, g, settings.roads, plan, ctx)
        job(html, _name("card", g, "pdf"), f"口袋卡 · {g.title}", PAPER_CARD, "card")
    return out


def map_html(
    env: Environment, network: Network, part: Network, group: Group, settings: PrintSettings, numbers: dict[str, int]
) -> str:
    """The A3 map document: the SVG, and its marker numbers and legend names set in HTML over it."""
    ctx, layout = settings.context, layout_map(part, numbers)
    svg = guide_map_svg(env, part, settings.roads, medium="print", data_date=ctx.data_date, part=group, layout=layout)
    numbers_at, legend = print_labels(layout, PRINT_MM / WIDTH)
    return render_doc(
        env,
        "print/map.html",
        ctx,
        network=network,
        svg=svg,
        numbers=numbers_at,
        legend=legend,
        width_mm=PRINT_MM,
        height_mm=round(PRINT_MM / WIDTH * HEIGHT, 2),
        number_width_mm=round(60 * PRINT_MM / WIDTH, 2),
        legend_line_mm=round(LEGEND_LINE * PRINT_MM / WIDTH, 3),
        legend_font_mm=round(LEGEND_FONT * PRINT_MM / WIDTH, 3),
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
