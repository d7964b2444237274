"""Door stickers: a 100 × 100 mm square for a door or a shop window, and an A4 sheet of four with cut marks.

Each sticker carries the 小蜜蜂驿站 mark, the station's name and the QR code of its permanent page,
the symbol at least 60 mm wide: by the "code width ≥ scanning distance ÷ 10" rule, readable from
about 60 cm, the distance at which a rider stands at a door.

Stickers are rendered a batch to a document (batches.py), one page each, and split into their
single files; the A4 sheets for stickers.pdf are imposed from those same pages (impose.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment
from markupsafe import Markup

from ..data.model import Network, Station
from .documents import DocContext, render_doc
from .impose import SheetLayout, impose
from .posters import ink_svg, title_size_mm
from .qr import QUIET_ZONE, station_code

STICKER_MM = 100.0
MIN_SYMBOL_MM = 60.0
BLEED_MM = 2.0
NAME_LINE_MM = 86.0
MAX_NAME_MM = 6.5
BATCH = 48  # at most this many stickers per document on average (BENCHMARKS.md, "Print-shop files")
# 2 × 2 on A4 (three rows of 100 mm do not fit 297 mm), the block centred: x 5–205 mm, y 48.5–248.5 mm,
# cut marks in the margins on the lines x = 5, 105, 205 and y = 48.5, 148.5, 248.5 mm.
SHEET = SheetLayout(
    size=(210.0, 297.0),
    slots=((5.0, 48.5), (105.0, 48.5), (5.0, 148.5), (105.0, 148.5)),
    cuts=tuple(
        [(x - 0.1, y, 0.2, 6.0) for x in (5, 105, 205) for y in (40.0, 251.0)]
        + [(x, y - 0.1, 4.0, 0.2) for y in (48.5, 148.5, 248.5) for x in (0.0, 206.0)]
    ),
)
PER_SHEET = len(SHEET.slots)


@dataclass(frozen=True)
class Sticker:
    """What one sticker shows."""

    station: Station
    qr: Markup
    qr_mm: float
    name_mm: float


def sticker(network: Network, st: Station, base_url: str) -> Sticker:
    """The sticker's content: the code sized so that its symbol is MIN_SYMBOL_MM wide."""
    code = station_code(base_url, st)
    qr_mm = round(MIN_SYMBOL_MM * code.size / (code.size - 2 * QUIET_ZONE), 1)
    return Sticker(st, Markup(ink_svg(code, "bee-qr", code.payload)), qr_mm, title_size_mm(st.name, NAME_LINE_MM))


def stickers_html(
    env: Environment, network: Network, stations: list[Station], base_url: str, created: date, ctx: DocContext
) -> str:
    """Stickers on their own 100 × 100 mm pages, in order, with bleed and crop marks for the print shop."""
    return render_doc(
        env,
        "print/sticker.html",
        ctx,
        network=network,
        stickers=[sticker(network, st, base_url) for st in stations],
        bleed_mm=BLEED_MM,
        max_name_mm=MAX_NAME_MM,
        created=f"{created.isoformat()}T00:00:00Z",
    )


def sticker_sheets(singles: list[bytes], created: date) -> bytes:
    """stickers.pdf: the single stickers' pages four to an A4 sheet, with cut marks."""
    return impose(singles, SHEET, f"{created.isoformat()}T00:00:00Z")
