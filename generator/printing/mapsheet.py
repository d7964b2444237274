"""The guide map's print parts: each part's SVG drawn as PDF (svgdraw.py) over one A3 frame rendered once.

The frame (theme/print/map.html) is the page with its margins and the sample mark; every part's map,
title block, markers, numbers and legend come from the same SVG template as the site's map.svg, in
process colours, so paper and screen cannot drift apart.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from jinja2 import Environment

from ..data.model import Network
from .documents import DocContext, render_doc
from .groups import Group
from .guidemap import PRINT_MM, guide_map_svg, layout_map
from .pdftext import MM, Fonts, Page, overlay, shared_charset
from .svgdraw import Placement, draw_svg

MAP_MARGIN_MM = 8  # theme/print/map.html's @page margin
A3_HEIGHT_MM = 297
_TEXT = re.compile(r">([^<]+)<")


@dataclass(frozen=True)
class SvgLayer:
    """SVG pictures set over a frame: for each page of the file, the frame page it uses and its pictures."""

    pages: tuple[tuple[int, tuple[tuple[str, Placement], ...]], ...]
    page_height_mm: float
    charset: str = ""
    """Every character the layers of one kind of file set (shared_charset): one font subset for all."""

    @property
    def key(self) -> str:
        """Everything that decides the layer's bytes besides the frame (and the code: batches.code_version)."""
        return hashlib.sha256(repr((self.pages, self.page_height_mm, self.charset)).encode()).hexdigest()

    def texts(self) -> Iterable[str]:
        """The text the pictures set."""
        for _, pictures in self.pages:
            for svg, _ in pictures:
                yield from svg_texts(svg)

    def page_count(self) -> int:
        """One page per entry of `pages`."""
        return len(self.pages)

    def apply(self, frame: bytes) -> bytes:
        """The finished PDF: each page's pictures over its frame page."""
        fonts = Fonts(charset=self.charset)
        out = []
        for index, pictures in self.pages:
            page = Page(self.page_height_mm * MM)
            for svg, where in pictures:
                draw_svg(page, svg, where, fonts)
            out.append((index, page))
        return overlay(frame, out, fonts, self.key)


def svg_texts(svg: str) -> list[str]:
    """The character data of an SVG document (its text, and titles that are not drawn)."""
    return [html.unescape(t) for t in _TEXT.findall(svg)]


def map_frame(env: Environment, network: Network, ctx: DocContext) -> str:
    """The frame every map part shares (theme/print/map.html): one A3 landscape page."""
    return render_doc(env, "print/map.html", ctx, network=network, margin_mm=MAP_MARGIN_MM)


def map_layers(
    env: Environment, network: Network, groups: Sequence[Group], numbers: dict[str, int], roads, data_date: str
) -> list[SvgLayer]:
    """One A3 page per group: its map drawn from the print SVG at the page's margin."""
    at = Placement(MAP_MARGIN_MM * MM, MAP_MARGIN_MM * MM, PRINT_MM * MM)
    layers = []
    for group in groups:
        part = replace(network, stations=group.stations)
        layout = layout_map(part, numbers)
        svg = guide_map_svg(env, part, roads, medium="print", data_date=data_date, part=group, layout=layout)
        layers.append(SvgLayer(((0, ((str(svg), at),)),), A3_HEIGHT_MM))
    return shared_charset(layers)
