"""The station table's PDF: its text set as PDF text (pdftext.py) over the frame theme/print/table.html draws.

Geometry in millimetres, as the template's CSS had it: A4 landscape, margins 12/10/14 mm, 8.5 pt
text at line height 1.35 with 2 × 1.2 mm cell padding, a red head row repeated on every page, a
0.3 mm rule under each row, rows never split across pages, and "第 N 页 / 共 M 页" in the bottom
margin (a table part is one file, so it counts its own pages).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..data.model import Network
from .groups import Group
from .pdftext import MM, Fonts, Page, first_baseline, ink, overlay, wrap
from .table import HEADER, Row

TEXT, GREY, LINE, WHITE, RED = (ink(name) for name in ("text", "grey", "line", "white", "red"))


@dataclass(frozen=True)
class Geometry:
    """Page, margins and columns of the table (mm unless said)."""

    width_mm: float = 297
    height_mm: float = 210
    top_mm: float = 12
    side_mm: float = 10
    bottom_mm: float = 14
    title_mm: float = 17
    """The title block on the first page: the bee mark, the title and the line under it."""
    title_pt: float = 16
    title_baseline_mm: float = 6.5
    """Below the top margin."""
    sub_pt: float = 9
    sub_baseline_mm: float = 12.5
    mark_pt: float = 19.2
    """The bee mark, 1.2 em of the title, its foot 0.25 em below the title's baseline."""
    size_pt: float = 8.5
    footer_pt: float = 8
    line: float = 1.35
    pad_x_mm: float = 2
    pad_y_mm: float = 1.2
    head_pad_y_mm: float = 1.5
    rule_mm: float = 0.3
    columns_mm: tuple[float, ...] = field(default=(12, 42, 56, 32, 54, 63, 18))
    """编号 名称 地址 电话 开放时间 服务 状态: 277 mm, the width between the side margins."""

    @property
    def mark_top_mm(self) -> float:
        """The bee mark's top below the top margin (the frame template places it there)."""
        return round(self.title_baseline_mm - (self.mark_pt - 0.25 * self.title_pt) / MM, 3)


GEOMETRY = Geometry()


@dataclass(frozen=True)
class LaidOut:
    """A table part's pages as layout made them, and the glyphs each font used (for its subset and ToUnicode)."""

    pages: tuple[Page, ...]
    regular: dict[int, str]
    bold: dict[int, str]


@dataclass(frozen=True)
class TableLayer:
    """One table part: its title, the line under it, its rows and the data date, set over the frame."""

    title: str
    sub: str
    rows: tuple[Row, ...]
    data_date: str
    geometry: Geometry = GEOMETRY
    charset: str = ""
    """Every character of every part of the table (pdftext.shared_charset): one font subset for all parts."""
    laid: LaidOut | None = field(default=None, compare=False, repr=False)
    """The layout, when made already (laid_out): the process that counts the pages hands it to the one that
    draws them, so the rows are broken into lines once (about 1.5 s at 10,000 stations)."""

    @property
    def key(self) -> str:
        """Everything that decides the layer's bytes besides the frame (and the code: batches.code_version)."""
        h = hashlib.sha256(repr((self.geometry, self.title, self.sub, self.data_date, self.charset)).encode())
        for r in self.rows:
            h.update(repr(r).encode())
        return h.hexdigest()

    def texts(self) -> list[str]:
        """Every text the layer sets: heads, title, footers and cells."""
        out = [*HEADER, self.title, self.sub, _footer_text(0, 0, self.data_date), "0123456789"]
        for r in self.rows:
            out += [str(c) for c in r.cells()]
        return out

    def laid_out(self) -> TableLayer:
        """The layer with its layout made."""
        return replace(self, laid=self._layout())

    def _layout(self) -> LaidOut:
        if self.laid is not None:
            return self.laid
        fonts = Fonts(charset=self.charset)
        pages = layout(self.rows, fonts, self.data_date, self.geometry)
        return LaidOut(tuple(pages), dict(fonts.regular.used), dict(fonts.bold.used))

    def page_count(self) -> int:
        """The pages the rows take (the same layout `apply` sets)."""
        return len(self._layout().pages)

    def apply(self, frame: bytes) -> bytes:
        """The finished PDF: every page of rows over the frame's first page, then its second."""
        laid = self._layout()
        fonts = Fonts(charset=self.charset)
        fonts.regular.used.update(laid.regular)
        fonts.bold.used.update(laid.bold)
        pages = [Page(p.height, list(p.ops)) for p in laid.pages]  # the title goes on a copy
        _title(pages[0], self.title, self.sub, fonts, self.geometry)
        return overlay(frame, [(0 if i == 0 else 1, p) for i, p in enumerate(pages)], fonts, self.key)


def table_layer(network: Network, part: Group, rows: Sequence[Row], data_date: str) -> TableLayer:
    """The layer of one table part: "小蜜蜂驿站分布示意一览表 · 东亭街道 至 梅村街道" and its rows."""
    title = f"{network.site.name}分布示意一览表" + (f" · {part.title}" if part.key else "")
    sub = (
        f"{network.site.district} · 本表 {len(rows)} 个驿站 · 数据日期 {data_date} · "
        "编号固定不变，与导视图一致，红底编号为示范站点"
    )
    return TableLayer(title, sub, tuple(rows), data_date)


def missing_glyphs(rows: Sequence[Row]) -> list[tuple[str, str]]:
    """(station id, characters) for rows with text the print font has no glyph for: they would print as boxes."""
    fonts, out = Fonts(), []
    chars = {c for r in rows for v in r.cells() for c in str(v)}
    if all(c.isspace() or fonts.regular.face.glyph(c) for c in chars):
        return []  # the common case, once per character rather than per row
    for r in rows:
        text = "".join(str(c) for c in r.cells())
        missing = sorted({c for c in text if not c.isspace() and not fonts.regular.face.glyph(c)})
        if missing:
            out.append((r.id, "".join(missing)))
    return out


def layout(rows: Sequence[Row], fonts: Fonts, data_date: str, g: Geometry = GEOMETRY) -> list[Page]:
    """The table's pages: head row, the rows that fit, the footer; a row never splits across pages."""
    height = g.height_mm * MM
    bottom = height - g.bottom_mm * MM
    pages: list[Page] = []
    page, y = _new_page(pages, fonts, g, first=True)
    on_page = 0
    for row in rows:
        cells = _cells(row, fonts, g)
        h = max(len(lines) for lines, _ in cells) * g.size_pt * g.line + 2 * g.pad_y_mm * MM + g.rule_mm * MM
        if y + h > bottom and on_page:  # (a row taller than a page, which the text limits rule out, stays whole)
            page, y = _new_page(pages, fonts, g, first=False)
            on_page = 0
        _draw_row(page, y, h, row, cells, fonts, g)
        y, on_page = y + h, on_page + 1
    for i, p in enumerate(pages, 1):
        _footer(p, _footer_text(i, len(pages), data_date), fonts, g)
    return pages


def _new_page(pages: list[Page], fonts: Fonts, g: Geometry, first: bool) -> tuple[Page, float]:
    page = Page(g.height_mm * MM)
    pages.append(page)
    top = (g.top_mm + (g.title_mm if first else 0)) * MM
    head = g.size_pt * g.line + 2 * g.head_pad_y_mm * MM
    page.rect(g.side_mm * MM, top, sum(g.columns_mm) * MM, head, RED)
    x = g.side_mm * MM
    for name, w in zip(HEADER, g.columns_mm, strict=True):
        page.text(
            x + g.pad_x_mm * MM, top + g.head_pad_y_mm * MM + _baseline(fonts, g), name, fonts.bold, g.size_pt, WHITE
        )
        x += w * MM
    return page, top + head


def _cells(row: Row, fonts: Fonts, g: Geometry) -> list[tuple[list[str], bool]]:
    """Each cell's lines and whether it is bold (number and name, as the template had them)."""
    out = []
    for i, (value, w) in enumerate(zip(row.cells(), g.columns_mm, strict=True)):
        bold = i < 2
        out.append((wrap(str(value), fonts.get(bold), g.size_pt, (w - 2 * g.pad_x_mm) * MM), bold))
    return out


def _baseline(fonts: Fonts, g: Geometry) -> float:
    return first_baseline(fonts.regular, g.size_pt, g.size_pt * g.line)


def _draw_row(
    page: Page, y: float, h: float, row: Row, cells: list[tuple[list[str], bool]], fonts: Fonts, g: Geometry
) -> None:
    x0 = x = g.side_mm * MM
    if row.demo:  # a demonstration station: its number in white on red, as on the guide map
        page.rect(x, y, g.columns_mm[0] * MM, h - g.rule_mm * MM, RED)
    first = y + g.pad_y_mm * MM + _baseline(fonts, g)
    for i, ((lines, bold), w) in enumerate(zip(cells, g.columns_mm, strict=True)):
        font, ink = fonts.get(bold), WHITE if (row.demo and i == 0) else TEXT
        for n, text in enumerate(lines):
            left = x + g.pad_x_mm * MM
            if i == 0:  # the number is centred in its column
                left = x + (w * MM - font.width(text, g.size_pt)) / 2
            page.text(left, first + n * g.size_pt * g.line, text, font, g.size_pt, ink)
        x += w * MM
    page.rect(x0, y + h - g.rule_mm * MM, x - x0, g.rule_mm * MM, LINE)


def _title(page: Page, title: str, sub: str, fonts: Fonts, g: Geometry) -> None:
    """The title beside the frame's bee mark, and the line under it, as the template's h1 and p set them."""
    x = g.side_mm * MM + g.mark_pt + 2 * MM
    page.text(x, (g.top_mm + g.title_baseline_mm) * MM, title, fonts.bold, g.title_pt, RED)
    page.text(g.side_mm * MM, (g.top_mm + g.sub_baseline_mm) * MM, sub, fonts.regular, g.sub_pt, GREY)


def _footer_text(page: int, pages: int, data_date: str) -> str:
    return f"第 {page} 页 / 共 {pages} 页 · 数据日期 {data_date}"


def _footer(page: Page, text: str, fonts: Fonts, g: Geometry) -> None:
    """Centred in the bottom margin, as CSS's @bottom-center box placed it (the margin is its line box)."""
    f, size, box = fonts.regular, g.footer_pt, g.bottom_mm * MM
    baseline = g.height_mm * MM - box + first_baseline(f, size, box)
    page.text((g.width_mm * MM - f.width(text, size)) / 2, baseline, text, f, size, GREY)
