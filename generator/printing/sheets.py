"""The network-wide print files: station table (PDF, CSV, XLSX), guide map (PDF, SVG) and pocket card.

Each is one file while the network is small and one file per run of communities once a single
file would be unusable (groups.py). Numbers are the printed numbers from the manifest.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..data.model import Network
from ..render import environment
from .batches import Batch, Layer, store_layers
from .card import card_frame
from .cardsheet import card_layers
from .centre import PAPER_CARD, PAPER_MAP, PAPER_TABLE, PrintFile
from .documents import render_doc
from .groups import Group, split
from .guidemap import guide_map_svg
from .mapsheet import map_frame, map_layers
from .pdfrender import Job
from .pdftext import shared_charset
from .table import station_rows, to_csv, to_xlsx
from .tablesheet import GEOMETRY, table_layer

if TYPE_CHECKING:
    from .plan import PrintSettings

PRINT_DIR = "print"


def _name(stem: str, group: Group, suffix: str) -> str:
    return f"{PRINT_DIR}/{stem}{'-' + group.key if group.key else ''}.{suffix}"


Sheet = tuple[str, list["PrintFile"], int, tuple[Layer, ...]]


def sheet_batches(
    made: list[Sheet], settings: PrintSettings, roots: tuple[str, ...]
) -> list[tuple[Batch, list[PrintFile]]]:
    """The sheets from `plan_sheets` as documents to render, each with the catalogue entries of its files."""
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


def plan_sheets(network: Network, settings: PrintSettings, nums: dict[str, int]) -> list[Sheet]:
    """Each kind of sheet: its frame's HTML, its files with their page counts, the frame's pages per file,
    and a layer per file (`nums`: printed numbers).

    Each kind of sheet is one frame document rendered once by WeasyPrint (what every part shares:
    the bee and sample marks, the card's outside), and every part is that frame with its own text and
    map set over it (tablesheet.py, mapsheet.py, cardsheet.py): WeasyPrint's layout, about 0.6 ms a
    line, is paid once per kind of sheet instead of once per station. The page counts (the table's
    come from laying out its rows) are for the print-centre page. A function of picklable arguments:
    a build runs it in a worker process while it makes the website's pages.
    """
    env, ctx, sizes = environment(settings.theme_dir), settings.context, settings.part_sizes
    tables = [(g, station_rows(replace(network, stations=g.stations), nums)) for g in split(network, sizes.table)]
    maps, cards = split(network, sizes.map), split(network, sizes.card)
    card_parts = card_layers(env, network, cards, settings.roads, nums)
    made: list[Sheet] = [
        (
            render_doc(env, "print/table.html", ctx, network=network, geometry=GEOMETRY),
            [
                PrintFile(_name("stations", g, "pdf"), f"驿站分布示意一览表 · {g.title}", PAPER_TABLE, None, "table")
                for g, _ in tables
            ],
            0,
            tuple(
                layer.laid_out()  # counted here, drawn by another process: laid out once
                for layer in shared_charset([table_layer(network, g, rows, ctx.data_date) for g, rows in tables])
            ),
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
    return [
        (html, [replace(f, pages=layer.page_count()) for f, layer in zip(files, layers, strict=True)], pages, layers)
        for html, files, pages, layers in made
    ]


def plan_stored(network: Network, settings: PrintSettings, nums: dict[str, int], folder: str) -> list[Sheet]:
    """plan_sheets in a worker process: the layers go to a file in `folder` (removed by the caller, named
    `*.tmp` so that prune() clears one a killed build left) and the sheets come back holding StoredLayers."""
    path = Path(folder) / f"layers.{os.getpid()}.{time.monotonic_ns()}.tmp"
    return [
        (html, files, pages, store_layers(layers, [f.pages or 0 for f in files], path))
        for html, files, pages, layers in plan_sheets(network, settings, nums)
    ]


def write_data_outputs(network: Network, settings: PrintSettings, nums: dict[str, int], folder: str) -> list[Data]:
    """data_outputs in a worker process, each file written into `folder` (`*.tmp`): (target, file written)."""
    out: list[Data] = []
    for i, (rel, content) in enumerate(data_outputs(network, settings, nums)):
        path = Path(folder) / f"data.{os.getpid()}.{time.monotonic_ns()}.{i}.tmp"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        out.append((rel, str(path)))
    return out


Data = tuple[str, str]


def data_outputs(network: Network, settings: PrintSettings, nums: dict[str, int]) -> list[tuple[str, bytes | str]]:
    """The files written as they are: the table as CSV and XLSX, the guide map(s) as SVG (`nums`: printed numbers).

    A function of picklable arguments: the build runs it in a worker process beside the website's pages.
    """
    env = environment(settings.theme_dir)
    rows = station_rows(network, nums)
    out: list[tuple[str, bytes | str]] = [
        (f"{PRINT_DIR}/stations.csv", to_csv(rows)),
        (f"{PRINT_DIR}/stations.xlsx", to_xlsx(rows, f"{network.site.name}分布示意一览表", settings.stamp)),
    ]
    for g in split(network, settings.part_sizes.map):
        part = replace(network, stations=g.stations)
        svg = guide_map_svg(env, part, settings.roads, numbers=nums, link_prefix="../", part=g)
        out.append((_name("map", g, "svg"), '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg) + "\n"))
    return out


def data_files(network: Network, settings: PrintSettings) -> list[PrintFile]:
    """Catalogue entries for data_outputs."""
    files = [
        PrintFile(f"{PRINT_DIR}/stations.xlsx", "驿站分布示意一览表（Excel）", "表格", None, "table"),
        PrintFile(f"{PRINT_DIR}/stations.csv", "驿站分布示意一览表（CSV，UTF-8）", "表格", None, "table"),
    ]
    for g in split(network, settings.part_sizes.map):
        files.append(PrintFile(_name("map", g, "svg"), f"红色导视图（SVG 矢量）· {g.title}", PAPER_MAP, None, "map"))
    return files
