"""The print palette: every colour of the print files defined once, for paper (CMYK) and for screens (sRGB).

Print shops in China print in four-colour process and ask for PDF/X; a colour given in sRGB is
converted by the shop's RIP, and a saturated red like the brand's shifts visibly. So every print
colour is chosen here in CMYK (`device-cmyk()` in WeasyPrint's CSS and SVG), interpreted through
the output intent's ICC profile (pdfx.py), and the screen colour beside it is what the site's copy
of the guide map uses. Text and the QR symbols are black ink only (K), never a four-colour black:
small type in four inks blurs when the plates are slightly out of register.

The brand red is sRGB #c62828 (Material red 800). Its CMYK equivalent, C15 M100 Y100 K6, is the
conversion of #c62828 into the output-intent profile (Artifex CMYK SWOP, relative colorimetric);
#c62828 lies just outside the SWOP gamut: read back through the profile the ink mix is ΔE*ab 8.7 away,
the closest any mix gets (a unit test checks the conversion and the distance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BRAND_RED_SRGB = "#c62828"
BRAND_RED_CMYK = (0.15, 1.0, 1.0, 0.06)


def cmyk(c: float, m: float, y: float, k: float) -> str:
    """A CSS Color 5 `device-cmyk()` value (WeasyPrint writes it as DeviceCMYK)."""
    return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"


_DEVICE_CMYK = re.compile(r"device-cmyk\(\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\)")


def cmyk_values(value: str) -> tuple[float, float, float, float] | None:
    """The four inks of a `device-cmyk()` value (what text set as PDF operators paints with), else None."""
    m = _DEVICE_CMYK.fullmatch(value.strip())
    if not m:
        return None
    c, mg, y, k = (float(v) for v in m.groups())
    return (c, mg, y, k)


@dataclass(frozen=True)
class Palette:
    """Named colours as CSS/SVG values; `print` and `screen` below hold the same names."""

    red: str
    black: str
    text: str
    grey: str
    line: str
    white: str
    yellow: str
    amber: str
    brown: str
    paper_tint: str
    orange: str
    orange_tint: str
    sample: str
    """The diagonal 示例 mark (printed at half opacity over the content)."""


PRINT = Palette(
    red=cmyk(*BRAND_RED_CMYK),
    black=cmyk(0, 0, 0, 1),
    text=cmyk(0, 0, 0, 0.9),
    grey=cmyk(0, 0, 0, 0.45),
    line=cmyk(0, 0, 0, 0.15),
    white=cmyk(0, 0, 0, 0),
    yellow=cmyk(0, 0.16, 0.85, 0),
    amber=cmyk(0, 0.3, 1, 0),
    brown=cmyk(0, 0.35, 0.45, 0.75),
    paper_tint=cmyk(0, 0.03, 0.02, 0),
    orange=cmyk(0, 0.8, 1, 0.02),
    orange_tint=cmyk(0, 0.05, 0.12, 0),
    sample=cmyk(*BRAND_RED_CMYK),
)

SCREEN = Palette(
    red=BRAND_RED_SRGB,
    black="#000",
    text="#212121",
    grey="#9e9e9e",
    line="#ddd",
    white="#fff",
    yellow="#ffd54f",
    amber="#f4b400",
    brown="#4e342e",
    paper_tint="#fff8f6",
    orange="#e65100",
    orange_tint="#fff3e0",
    sample=BRAND_RED_SRGB,
)
