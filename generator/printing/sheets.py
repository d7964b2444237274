"""The network-wide print files: station table (PDF, CSV, XLSX), guide map (PDF, SVG) and pocket card.

Each is one file while the network is small and one file per run of communities once a single
file would be unusable (groups.py). Numbers are the printed numbers from the manifest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from ..data.model import Network
from ..render import environment
from .batches import Batch, Layer
from .card import card_frame
from .cardsheet import card_layers
from .centre import PAPER_CARD, PAPER_MAP, PAPER_TABLE, PrintFile
from .documents import render_doc
from .groups import CARD_LIMIT, MAP_LIMIT, TABLE_LIMIT, Group, split
from .guidemap import guide_map_svg
from .mapsheet import map_frame, map_layers
from .pdfrender import Job
from .pdftext import shared_charset
from .table import station_rows, to_csv, to_xlsx
from .tablesheet import GEOMETRY, table_layer

if TYPE_CHECKING:
    from .plan import PrintPlan, PrintSettings

PRINT_DIR = "print"


def _name(stem: str, group: Group, suffix: str) -> str:
    return f"{PRINT_DIR}/{stem}{'-' + group.key if group.key else ''}.{suffix}"


Sheet = tuple[str, list["PrintFile"], int, tuple[Layer, ...]]


def sheet_batches(
    network: Network, settings: PrintSettings, plan: PrintPlan, roots: tuple[str, ...]
) -> list[tuple[Batch, list[PrintFile]]]:
    """Table, map and card PDFs as documents to render, each with the catalogue entries of its files.

    Each kind of sheet is one frame document rendered once by WeasyPrint (what every part shares:
    the bee and sample marks, the card's outside), and every part is that frame with its own text and
    map set over it (tablesheet.py, mapsheet.py, cardsheet.py): WeasyPrint's layout, about 0.6 ms a
    line, is paid once per kind of sheet instead of once per station.
    """
    held = plan.sheets.get(settings)
    if held is None or held[0] is not network:  # type: ignore[index]
        held = plan.sheets[settings] = (network, _sheets(network, settings, plan))
    made = cast(list[Sheet], held[1])  # type: ignore[index]
    return [
        (
            Batch(
                Job(html, files[0].rel, ".", settings.variant, roots),
                tuple((f.rel, pages, None) for f in files),
                layers,
            ),
            files,
        )
        for html, files, pages, layers in made
    ]


def _sheets(network: Network, settings: PrintSettings, plan: PrintPlan) -> list[Sheet]:
    """Each kind of sheet: its frame's HTML, its files, the frame's pages per file, a layer per file."""
    env, ctx, nums = environment(settings.theme_dir), settings.context, plan.numbers
    tables = [(g, station_rows(replace(network, stations=g.stations), nums)) for g in split(network, TABLE_LIMIT)]
    maps, cards = split(network, MAP_LIMIT), split(network, CARD_LIMIT)
    card_parts = card_layers(env, network, cards, settings.roads, nums)
    return [
        (
            render_doc(env, "print/table.html", ctx, network=network, geometry=GEOMETRY),
            [
                PrintFile(_name("stations", g, "pdf"), f"驿站分布示意一览表 · {g.title}", PAPER_TABLE, None, "table")
                for g, _ in tables
            ],
            0,
            tuple(shared_charset([table_layer(network, g, rows, ctx.data_date) for g, rows in tables])),
        ),
        (
            map_frame(env, network, ctx),
            [PrintFile(_name("map", g, "pdf"), f"红色导视图 · {g.title}", PAPER_MAP, None, "map") for g in maps],
            1,
            tuple(map_layers(env, network, maps, nums, settings.roads, ctx.data_date)),
        ),
        (
            card_frame(env, network, ctx, card_parts[0].geometry),
            [PrintFile(_name("card", g, "pdf"), f"口袋卡 · {g.title}", PAPER_CARD, None, "card") for g in cards],
            2,
            tuple(card_parts),
        ),
    ]


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
