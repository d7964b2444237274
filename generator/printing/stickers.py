"""Door stickers: a 100 × 100 mm square for a door or a shop window, and an A4 sheet of four with cut marks.

Each sticker carries the 小蜜蜂驿站 mark, the station's name and the QR code of its permanent page,
the symbol at least 60 mm wide: by the "code width ≥ scanning distance ÷ 10" rule, readable from
about 60 cm, the distance at which a rider stands at a door.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment
from markupsafe import Markup

from ..data.model import Network, Station
from .documents import DocContext, render_doc
from .posters import ink_svg, title_size_mm
from .qr import QUIET_ZONE, station_code

STICKER_MM = 100.0
MIN_SYMBOL_MM = 60.0
BLEED_MM = 2.0
PER_SHEET = 4  # 2 × 2 on A4: three rows of 100 mm do not fit 297 mm
NAME_LINE_MM = 86.0
MAX_NAME_MM = 6.5


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


def sticker_html(env: Environment, network: Network, st: Station, base_url: str, issued: date, ctx: DocContext) -> str:
    """One sticker on its own 100 × 100 mm page, with bleed and crop marks for the print shop."""
    item = sticker(network, st, base_url)
    return render_doc(
        env,
        "print/sticker.html",
        ctx,
        network=network,
        stickers=[item],
        sheet=False,
        bleed_mm=BLEED_MM,
        max_name_mm=MAX_NAME_MM,
        created=f"{issued.isoformat()}T00:00:00Z",
    )


def sticker_sheet_html(
    env: Environment, network: Network, stations: list[Station], base_url: str, ctx: DocContext
) -> str:
    """Stickers four to an A4 sheet, abutting in a 2 × 2 block with cut marks in the margins."""
    items = [sticker(network, st, base_url) for st in stations]
    pages = [items[i : i + PER_SHEET] for i in range(0, len(items), PER_SHEET)]
    return render_doc(
        env, "print/sticker.html", ctx, network=network, pages=pages, sheet=True, bleed_mm=0, max_name_mm=MAX_NAME_MM
    )
