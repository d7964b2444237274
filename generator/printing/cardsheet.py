"""The pocket card's parts: one frame (theme/print/card.html) rendered once, each part's name, map and rows over it.

The outside of every card is the same but for the part's name on the cover; the inside differs by
its map (card_map.svg, drawn by svgdraw.py) and its rows (number, name, short address, phone at
7.5 pt, set by pdftext.py), which fill the first table panel, then the second. Rows that would not
fit are not dropped silently: the last line says how many more stations the table lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment

from ..data.model import Network
from .card import card_map, short_address
from .groups import Group
from .mapsheet import svg_texts
from .pdftext import MM, Font, Fonts, Page, first_baseline, ink, overlay, shared_charset, wrap
from .svgdraw import Placement, draw_svg
from .table import Row, station_rows

TEXT, GREY, LINE, WHITE, RED = (ink(name) for name in ("text", "grey", "line", "white", "red"))


@dataclass(frozen=True)
class CardGeometry:
    """The card's fixed places, in millimetres from a panel's or the page's top left."""

    page_mm: tuple[float, float] = (297, 210)
    panel_mm: float = 99
    pad_top_mm: float = 6
    pad_side_mm: float = 5
    heading_mm: float = 5
    heading_gap_mm: float = 2
    map_mm: tuple[float, float] = (89, 128)
    """card.MAP_BOX with its margins: the map SVG's size."""
    district_top_mm: float = 101
    part_top_mm: float = 106
    date_top_mm: float = 106
    """The data date's line: below the part's name when the network is split into parts."""
    size_pt: float = 7.5
    line: float = 1.25
    pad_mm: float = 0.8
    rule_mm: float = 0.2
    columns_mm: tuple[float, float, float] = (7.6, 52.8, 28.6)
    """Number, name and address, phone: the panel's 89 mm."""

    @property
    def body_top_mm(self) -> float:
        """Where a panel's map or rows start, below its heading."""
        return self.pad_top_mm + self.heading_mm + self.heading_gap_mm

    def split(self) -> CardGeometry:
        """The geometry of a network split into parts: the cover has a line for the part's name."""
        return replace(self, date_top_mm=self.part_top_mm + 5)


GEOMETRY = CardGeometry()


@dataclass(frozen=True)
class CardLayer:
    """One card: the part's name ("" for the whole network), its map SVG and its rows."""

    title: str
    map_svg: str
    rows: tuple[Row, ...]
    geometry: CardGeometry = GEOMETRY
    charset: str = field(default="")

    @property
    def key(self) -> str:
        """Everything that decides the layer's bytes besides the frame (and the code: batches.code_version)."""
        h = hashlib.sha256(repr((self.title, self.map_svg, self.geometry, self.charset)).encode())
        for r in self.rows:
            h.update(repr(r).encode())
        return h.hexdigest()

    def texts(self) -> list[str]:
        """Every text the layer sets (for the shared font subset)."""
        out = [self.title, more_rows(0), *svg_texts(self.map_svg)]
        for r in self.rows:
            out += [str(r.number), r.name, short_address(r.address), first_phone(r)]
        return out

    def page_count(self) -> int:
        """The outside and the inside."""
        return 2

    def apply(self, frame: bytes) -> bytes:
        """The finished card: the outside with the part's name, the inside with the map and the rows."""
        g, fonts = self.geometry, Fonts(charset=self.charset)
        outside, inside = Page(g.page_mm[1] * MM), Page(g.page_mm[1] * MM)
        if self.title:
            size, font = 10, fonts.regular
            centre = (2 * g.panel_mm + g.panel_mm / 2) * MM
            outside.text(
                centre - font.width(self.title, size) / 2,
                _baseline(font, size, g.part_top_mm),
                self.title,
                font,
                size,
                WHITE,
            )
        where = Placement(g.pad_side_mm * MM, g.body_top_mm * MM, g.map_mm[0] * MM)
        draw_svg(inside, self.map_svg, where, fonts)
        set_rows(inside, self.rows, fonts, g)
        return overlay(frame, [(0, outside), (1, inside)], fonts, self.key)


def card_layers(
    env: Environment, network: Network, groups: Sequence[Group], roads: Path | None, numbers: dict[str, int]
) -> list[CardLayer]:
    """One card per group: closed stations left out (riders carry the card; their numbers are never reused)."""
    g = GEOMETRY.split() if any(group.key for group in groups) else GEOMETRY
    layers = []
    for group in groups:
        part = replace(network, stations=tuple(s for s in group.stations if s.status != "closed"))
        rows = tuple(station_rows(part, numbers))
        title = group.title if group.key else ""
        layers.append(CardLayer(title, str(card_map(part, roads, numbers, env)), rows, g))
    return shared_charset(layers)


def first_phone(row: Row) -> str:
    """The first of a station's phone numbers (the card has room for one)."""
    return row.phones.split("、")[0]


def more_rows(count: int) -> str:
    """The line that ends a full card."""
    return f"另有 {count} 个驿站，见驿站分布示意一览表"


def _baseline(font: Font, size: float, top_mm: float) -> float:
    """The baseline of a line of `size` points at line height 1 whose box starts `top_mm` down the page."""
    return top_mm * MM + first_baseline(font, size, size)


def set_rows(page: Page, rows: Sequence[Row], fonts: Fonts, g: CardGeometry) -> int:
    """Rows into the second panel, then the third; returns how many were set (a last line counts the rest)."""
    line, pad, rule = g.size_pt * g.line, g.pad_mm * MM, g.rule_mm * MM
    bottom, top = (g.page_mm[1] - g.pad_top_mm) * MM, g.body_top_mm * MM
    panel, y = 1, top
    for i, row in enumerate(rows):
        width = (g.columns_mm[1] - 2 * g.pad_mm) * MM
        name = wrap(row.name, fonts.regular, g.size_pt, width)
        address = wrap(short_address(row.address), fonts.regular, g.size_pt, width)
        h = (len(name) + len(address)) * line + 2 * pad + rule
        limit = bottom if i == len(rows) - 1 else bottom - (line + 2 * pad)  # room for the "另有…" line
        if y + h > limit and panel == 1:
            panel, y = 2, top
        if y + h > limit:
            _row_text(page, more_rows(len(rows) - i), fonts, g, panel, y)
            return i
        _row(page, row, (name, address), fonts, g, (panel, y, h))
        y += h
    return len(rows)


def _row(
    page: Page,
    row: Row,
    lines: tuple[list[str], list[str]],
    fonts: Fonts,
    g: CardGeometry,
    at: tuple[int, float, float],
) -> None:
    """One row: number (white on red for a demonstration station), name, short address in grey, first phone."""
    panel, y, h = at
    x = (panel * g.panel_mm + g.pad_side_mm) * MM
    widths = [w * MM for w in g.columns_mm]
    first, step = y + g.pad_mm * MM + _line_baseline(fonts.regular, g), g.size_pt * g.line
    if row.demo:
        page.rect(x, y, widths[0], h - g.rule_mm * MM, RED)
    number, bold = str(row.number), fonts.bold
    page.text(
        x + (widths[0] - bold.width(number, g.size_pt)) / 2, first, number, bold, g.size_pt, WHITE if row.demo else TEXT
    )
    name, address = lines
    for n, text in enumerate(name + address):
        page.text(
            x + widths[0] + g.pad_mm * MM,
            first + n * step,
            text,
            fonts.regular,
            g.size_pt,
            TEXT if n < len(name) else GREY,
        )
    page.text(x + widths[0] + widths[1] + g.pad_mm * MM, first, first_phone(row), fonts.regular, g.size_pt, TEXT)
    page.rect(x, y + h - g.rule_mm * MM, sum(widths), g.rule_mm * MM, LINE)


def _row_text(page: Page, text: str, fonts: Fonts, g: CardGeometry, panel: int, y: float) -> None:
    x = (panel * g.panel_mm + g.pad_side_mm + g.pad_mm) * MM
    page.text(x, y + g.pad_mm * MM + _line_baseline(fonts.regular, g), text, fonts.regular, g.size_pt, GREY)


def _line_baseline(font: Font, g: CardGeometry) -> float:
    return first_baseline(font, g.size_pt, g.size_pt * g.line)
