"""Horizontal bar charts drawn at build time as inline SVG: readable without JavaScript, with text alternatives.

Only the geometry is computed here; `fragments/community/macros.html` draws it. Bars and labels use
`currentColor`, so they follow the theme's text colour in the light and the dark scheme (contrast is the
text's) and need no stylesheet. The chart is an image to assistive technology (role="img") named by its
<title> and described by its <desc>, which lists every value in words; the visible figcaption says what
is counted.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
"""Drawing width in SVG units: about a phone's content width, so the 14-unit text reads at 14 px."""
ROW = 28
FONT = 14
_GAP = 8


@dataclass(frozen=True)
class Bar:
    """One row: its label, value, top edge and bar length."""

    label: str
    value: int
    y: int
    length: int


@dataclass(frozen=True)
class BarChart:
    """A chart ready to draw: `id` prefixes its <title>/<desc> ids, which must be unique in the page."""

    id: str
    title: str
    caption: str
    description: str
    bars: tuple[Bar, ...]
    bar_x: int

    @property
    def width(self) -> int:
        """The drawing's width."""
        return WIDTH

    @property
    def height(self) -> int:
        """The drawing's height: one row per bar."""
        return ROW * len(self.bars)


def _text_width(text: str) -> int:
    """Rough advance of `text` at FONT size: CJK characters and stars are one em, others about half."""
    return sum(FONT if ord(ch) > 0x2000 else FONT // 2 + 1 for ch in text)


def _length(value: int, top: int, room: int) -> int:
    """Bar length in proportion to the largest value; a value above zero is never drawn as nothing."""
    return max(1, round(room * value / top)) if value else 0


def bar_chart(chart_id: str, title: str, caption: str, rows: list[tuple[str, int]], unit: str) -> BarChart:
    """Bars for `rows` (label, value), longest for the largest value; `unit` names what is counted (次, 人)."""
    bar_x = max((_text_width(label) for label, _ in rows), default=0) + _GAP
    room = WIDTH - bar_x - _text_width(str(max((v for _, v in rows), default=0))) - _GAP - 2
    top = max((v for _, v in rows), default=0)
    bars = tuple(Bar(label, value, i * ROW, _length(value, top, room)) for i, (label, value) in enumerate(rows))
    description = "，".join(f"{label} {value} {unit}" for label, value in rows) + "。"
    return BarChart(chart_id, title, caption, description, bars, bar_x)
