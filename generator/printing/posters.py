"""Station posters: one A4 (by default) HTML document per station, rendered to PDF by `pdfrender`.

Each poster carries the station's permanent URL as a large QR code (≥ 120 mm, so a rider can scan
it from a metre away), its services, hours and phone numbers, and a second, smaller QR code that
joins the station's Wi-Fi when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from ..data.hours import describe_hours
from ..data.model import Network, Station
from .documents import DocContext, render_doc
from .inks import PRINT
from .qr import QUIET_ZONE, QRCode, encode, station_code, wifi_payload

# The poster is designed on A4 in `rem`, one rem being 1 mm on A4 and √2 mm on A3 (ISO 216: each size
# is √2 times the next), so A3 keeps the design. Smaller papers are not offered: the QR symbol would
# drop below 120 mm. (WeasyPrint's own `zoom` is not used: it leaves the PDF TrimBox unscaled.)
PAPERS = {"A4": 1.0, "A3": 2**0.5}
# The dark symbol (quiet zone excluded) is at least 120 mm wide: about 3.6 mm per module at
# version 4, comfortably above the usual "scan distance ≤ 10 × symbol width" rule for 1 m.
MIN_SYMBOL_MM = 120.0
MAX_CODE_MM = 160.0  # what the A4 layout has room for, quiet zone included
LINE_MM = 184.0  # the poster's text width on A4 (210 mm less 2 × 12 mm margins, 2 mm to spare)
MAX_TITLE_MM = 15.0  # the station name's largest size (43 pt), for short names


@dataclass(frozen=True)
class PosterOptions:
    """Page setup for posters; part of every poster's content (and so of its cache key)."""

    paper: str = "A4"
    bleed_mm: float = 0.0
    """Bleed beyond the trim edge; when > 0 WeasyPrint also draws crop marks for the print shop."""

    @property
    def zoom(self) -> float:
        """Millimetres per rem: the scale from the A4 design to the chosen paper."""
        return PAPERS[self.paper]


@dataclass(frozen=True)
class ServiceItem:
    """One service as shown on a poster: icon and label."""

    icon: str
    name: str


def service_items(network: Network, st: Station) -> list[ServiceItem]:
    """Catalogue services first, then the station's own extra services."""
    items = [ServiceItem(network.service_by_id[s].icon, network.service_by_id[s].name) for s in st.services]
    return items + [ServiceItem(e.icon, e.name) for e in st.extra_services]


def poster_html(
    env: Environment,
    network: Network,
    st: Station,
    base_url: str,
    options: PosterOptions,
    issued: date,
    ctx: DocContext,
) -> str:
    """The complete poster document. `issued` (the date its URL was first printed) is its PDF creation date."""
    code = station_code(base_url, st)
    wifi_qr = ink_svg(encode(wifi_payload(st.wifi)), "bee-qr wifi-qr", "Wi-Fi") if st.wifi else None
    return render_doc(
        env,
        "print/poster.html",
        ctx,
        network=network,
        st=st,
        url=code.payload,
        qr=ink_svg(code, "bee-qr", code.payload),
        title_mm=title_size_mm(st.name),
        qr_mm=code_width_mm(code.size),
        wifi_qr=wifi_qr,
        services=service_items(network, st),
        hours_lines=describe_hours(st.schedule),
        paper=options.paper,
        zoom=round(options.zoom, 4),
        bleed_mm=options.bleed_mm,
        created=f"{issued.isoformat()}T00:00:00Z",
    )


def ink_svg(code: QRCode, css_class: str, label: str) -> str:
    """A QR symbol in black ink on paper white (process colours, never RGB)."""
    return code.svg(css_class, label, dark=PRINT.black, light=PRINT.white)


def text_width_em(text: str) -> float:
    """Approximate width of `text` in ems: CJK and full-width characters 1, others (Latin, digits) 0.6."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def title_size_mm(name: str, line_mm: float = LINE_MM) -> float:
    """The largest font size (A4 mm) at which `name` fits one poster line, never above MAX_TITLE_MM."""
    return round(min(MAX_TITLE_MM, line_mm / max(text_width_em(name), 1.0)), 2)


def code_width_mm(modules: int) -> float:
    """Printed width of the code including its quiet zone, so that the symbol itself is ≥ MIN_SYMBOL_MM."""
    return round(min(MIN_SYMBOL_MM * modules / (modules - 2 * QUIET_ZONE), MAX_CODE_MM), 1)
