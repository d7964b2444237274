"""QR codes for print: station URLs and Wi-Fi joining, as vector SVG with a white quiet zone.

Riders scan posters from up to a metre away, outdoors and in poor light, so the codes use error
correction level Q (25 % of codewords recoverable, ISO/IEC 18004:2015 table 7) and stay small in
version: the fewer modules, the bigger each one is printed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import qrcode
import qrcode.constants
from markupsafe import Markup

from ..data.model import Station, Wifi
from ..i18n import tr
from ..render import absolute_url, station_url

# ISO/IEC 18004:2015 §6.3.8: the quiet zone is 4 modules wide on every side, and it must be light.
QUIET_ZONE = 4
# Version 4 is 33×33 modules: on a 120 mm code each module is ~3 mm, which phones read at 1 m.
MAX_COMFORTABLE_VERSION = 4


class QRVersionWarning(UserWarning):
    """A payload needs more modules than is comfortable to scan from a distance."""


@dataclass(frozen=True)
class QRCode:
    """An encoded QR symbol: its dark-module matrix including the quiet zone."""

    payload: str
    version: int
    matrix: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.matrix)

    def svg(self, css_class: str = "bee-qr", label: str = "", dark: str = "#000", light: str = "#fff") -> Markup:
        """The symbol as one SVG path on a light square (vector, scales to any print size).

        Print passes process colours (black ink only, K 100 %, and paper white) from inks.PRINT.
        """
        n = self.size
        title = f"<title>{Markup.escape(label)}</title>" if label else ""
        return Markup(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {n} {n}" '
            f'shape-rendering="crispEdges" role="img">{title}'
            # qrcode's own SVG images are transparent: paint the quiet zone white ourselves.
            f'<rect width="{n}" height="{n}" fill="{light}"/>'
            f'<path fill="{dark}" d="{_path(self.matrix)}"/></svg>'
        )


def encode(payload: str) -> QRCode:
    """Encode `payload` at error correction Q in the smallest version that holds it."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=QUIET_ZONE)
    qr.add_data(payload.encode("utf-8"), optimize=0)
    qr.make(fit=True)
    matrix = tuple(tuple(bool(m) for m in row) for row in qr.get_matrix())
    return QRCode(payload, int(qr.version), matrix)


def _path(matrix: tuple[tuple[bool, ...], ...]) -> str:
    """Horizontal runs of dark modules as closed rectangles: a compact path, exact on any raster."""
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return "".join(parts)


def station_payload(base_url: str, station: Station) -> str:
    """The exact URL printed on a poster: `<site_url>s/<id>/`."""
    return absolute_url(base_url, station_url(station.id))


def station_code(base_url: str, station: Station) -> QRCode:
    """The station's QR code; warns (does not fail) when it needs a version above 4."""
    code = encode(station_payload(base_url, station))
    if code.version > MAX_COMFORTABLE_VERSION:
        warnings.warn(
            tr(
                f"驿站 {station.id!r}：{code.payload} 的二维码需要版本 {code.version}"
                f"（超过 {MAX_COMFORTABLE_VERSION}），码点印得更小，远处不好扫；"
                "请缩短 site_url 的域名或路径，新驿站用更短的 id（网址最好不超过 46 个字符）",
                f"station {station.id!r}: QR code for {code.payload} needs version {code.version} "
                f"(more than {MAX_COMFORTABLE_VERSION}), so its modules print smaller and scan worse from a distance; "
                f"shorten site_url's host or path, or choose a shorter id for a new station "
                f"(the URL should stay within 46 characters)",
            ),
            QRVersionWarning,
            stacklevel=2,
        )
    return code


def _wifi_escape(text: str) -> str:
    # ZXing's MECARD-style Wi-Fi format (the de-facto standard phones implement): backslash-escape \ ; , : "
    for ch in '\\;,:"':
        text = text.replace(ch, "\\" + ch)
    return text


def wifi_payload(wifi: Wifi) -> str:
    """`WIFI:T:WPA;S:<ssid>;P:<password>;;`, or `WIFI:T:nopass;S:<ssid>;;` for an open network."""
    if wifi.password:
        return f"WIFI:T:WPA;S:{_wifi_escape(wifi.ssid)};P:{_wifi_escape(wifi.password)};;"
    return f"WIFI:T:nopass;S:{_wifi_escape(wifi.ssid)};;"
