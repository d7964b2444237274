"""Installable web app: the manifest and its PNG icons, drawn at build time (no binary files committed).

The icons are "maskable" (W3C Web App Manifest, `purpose: maskable`): the artwork stays inside the
central 80 % safe zone and the background fills the whole square, so any launcher mask crops only
background. Pillow writes PNG deterministically, so two builds give byte-identical icons.
"""

from __future__ import annotations

import io
import json
import math

from PIL import Image, ImageDraw

from ..data.model import Network
from ..render import THEME_COLOR

MANIFEST = "manifest.webmanifest"
ICON_SIZES = (192, 512)

BACKGROUND = "#ffc105"
INK = "#3e2723"  # dark brown: 11:1 against the amber background


def icon_path(size: int) -> str:
    """Site-relative path of the icon of one size."""
    return f"assets/bee/icon-{size}.png"


def manifest(network: Network) -> str:
    """The Web App Manifest; paths are relative to its own URL at the site root, so any base path works."""
    name = network.site.name
    data = {
        "name": name,
        "short_name": name,
        "description": f"{network.site.district}{name}：开放时间、服务、电话、导航和附近驿站",
        "lang": "zh-CN",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        # One entry per purpose: browsers warn about the combined "any maskable" value.
        "icons": [
            {"src": icon_path(s), "sizes": f"{s}x{s}", "type": "image/png", "purpose": purpose}
            for purpose in ("any", "maskable")
            for s in ICON_SIZES
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def icon_png(size: int) -> bytes:
    """A honeycomb cell with bee stripes, on a full-bleed amber square."""
    img = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(img)
    c = size / 2
    r = size * 0.34  # inside the maskable safe zone (a circle of radius 0.4 × size)
    hexagon = [
        (c + r * math.cos(math.radians(60 * i + 30)), c + r * math.sin(math.radians(60 * i + 30))) for i in range(6)
    ]
    draw.polygon(hexagon, fill=INK)
    inner = r * 0.72
    body = [c - inner * 0.55, c - inner * 0.75, c + inner * 0.55, c + inner * 0.75]
    draw.ellipse(body, fill=BACKGROUND)
    stripe = size * 0.045
    for dy in (-0.25, 0.1, 0.45):
        y = c + inner * dy
        draw.rectangle([c - inner * 0.6, y - stripe / 2, c + inner * 0.6, y + stripe / 2], fill=INK)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def webapp_files(network: Network) -> dict[str, str | bytes]:
    """The manifest and icons keyed by site-relative path."""
    files: dict[str, str | bytes] = {MANIFEST: manifest(network)}
    files.update({icon_path(s): icon_png(s) for s in ICON_SIZES})
    return files
