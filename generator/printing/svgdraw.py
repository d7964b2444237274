"""The guide maps' SVG drawn as PDF operators on a pdftext.Page, text included, without WeasyPrint.

WeasyPrint sets SVG text a letter at a time and pays its fixed costs per document; a 10,000-station
network has 125 A3 map parts and 167 pocket cards, each with its own map. The maps are SVG that
this project writes itself (theme/print/map.svg and card_map.svg), so only the part of SVG 1.1
those templates use is drawn here (ISO 32000-1 §8.5 for paths, §9.4 for text), and anything else
is refused with the element's name: a template change that needs more fails loudly in the tests,
never silently in print. Supported: svg (viewBox), g (translate/rotate, clip-path to a clipPath of
one rect, inherited fill, stroke, font-size, font-weight, text-anchor), rect, circle, path (M L H V Z,
absolute or relative), text (x, y, dy, anchor, rotate), title and a (links, ignored on paper).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .inks import cmyk_values
from .pdftext import CMYK, Fonts, Page

SVG = "{http://www.w3.org/2000/svg}"
_KAPPA = 0.5523  # Bézier control distance for a quarter circle, per unit radius
_TRANSFORM = re.compile(r"(translate|rotate)\(([^)]*)\)")
_PATH = re.compile(r"([MLHVZmlhvz])([-\d.eE,\s]*)")
_INHERITED = ("fill", "stroke", "stroke-width", "font-size", "font-weight", "text-anchor")
_PAINTED = {"rect", "circle", "path"}


class UnsupportedSvg(ValueError):
    """The SVG uses something this renderer does not draw."""


@dataclass(frozen=True)
class Placement:
    """Where the SVG goes: its top left in points from the page's top left, and its width in points."""

    x: float
    top: float
    width: float


def ink(value: str | None) -> CMYK | None:
    """A `device-cmyk()` colour as CMYK, None for `none` or no value."""
    if value is None or value == "none":
        return None
    values = cmyk_values(value)
    if values is None:
        raise UnsupportedSvg(f"colour {value!r}: print maps use device-cmyk() colours (inks.PRINT)")
    return values


def draw_svg(page: Page, svg: str, where: Placement, fonts: Fonts) -> None:
    """Draw `svg` on `page` at `where`, scaled from its viewBox."""
    root = ET.fromstring(svg)
    _, _, vb_w, _ = (float(v) for v in root.get("viewBox", "").split())
    scale = where.width / vb_w
    clips = {c.get("id"): c for c in root.iter(f"{SVG}clipPath")}
    page.ops.append(f"q {scale:.6g} 0 0 {-scale:.6g} {where.x:.3f} {page.height - where.top:.3f} cm")
    _children(page, root, {"fill": "device-cmyk(0 0 0 1)", "font-size": "16"}, clips, fonts)
    page.ops.append("Q")


def _children(page: Page, parent: ET.Element, state: dict[str, str], clips: dict, fonts: Fonts) -> None:
    for el in parent:
        tag = el.tag.removeprefix(SVG)
        if tag in ("title", "clipPath"):
            continue
        here = {**state, **{k: v for k, v in el.attrib.items() if k in _INHERITED}}
        transform, clip = el.get("transform"), el.get("clip-path")
        if transform or clip:
            page.ops.append("q")
            if transform and tag != "text":
                page.ops.append(_matrix(transform))
            if clip:
                _clip(page, clip, clips)
        if tag in ("g", "a"):
            _children(page, el, here, clips, fonts)
        elif tag in _PAINTED:
            _shape(page, tag, el, here)
        elif tag == "text":
            _text(page, el, here, fonts)
        else:
            raise UnsupportedSvg(f"SVG element <{tag}> is not drawn on paper (generator/printing/svgdraw.py)")
        if transform or clip:
            page.ops.append("Q")


def _matrix(transform: str) -> str:
    """`translate(x y)` and `rotate(a [cx cy])` as `cm` operators (SVG 1.1 §7.6)."""
    ops = []
    for kind, args in _TRANSFORM.findall(transform):
        v = [float(a) for a in args.replace(",", " ").split()]
        if kind == "translate":
            ops.append(f"1 0 0 1 {v[0]:.3f} {v[1] if len(v) > 1 else 0:.3f} cm")
        else:
            a = math.radians(v[0])
            cx, cy = (v[1], v[2]) if len(v) == 3 else (0.0, 0.0)
            c, s = math.cos(a), math.sin(a)
            ops.append(f"{c:.6f} {s:.6f} {-s:.6f} {c:.6f} {cx - c * cx + s * cy:.3f} {cy - s * cx - c * cy:.3f} cm")
    if not ops or _TRANSFORM.sub("", transform).strip():
        raise UnsupportedSvg(f"transform {transform!r}: only translate() and rotate() are drawn")
    return " ".join(ops)


def _clip(page: Page, ref: str, clips: dict) -> None:
    target = clips.get(ref.removeprefix("url(#").removesuffix(")"))
    shapes = list(target) if target is not None else []
    if len(shapes) != 1 or shapes[0].tag != f"{SVG}rect":
        raise UnsupportedSvg(f"clip-path {ref!r}: only a clipPath of one rect is drawn")
    r = shapes[0]
    page.ops.append(f"{_num(r, 'x')} {_num(r, 'y')} {_num(r, 'width')} {_num(r, 'height')} re W n")


def _num(el: ET.Element, name: str, default: float = 0.0) -> float:
    value = el.get(name)
    return float(value.removesuffix("px")) if value else default


def _shape(page: Page, tag: str, el: ET.Element, state: dict[str, str]) -> None:
    fill, stroke = ink(state.get("fill")), ink(state.get("stroke"))
    if fill is None and stroke is None:
        return
    ops = []
    if fill:
        ops.append(" ".join(f"{v:g}" for v in fill) + " k")
    if stroke:
        ops.append(" ".join(f"{v:g}" for v in stroke) + f" K {float(state.get('stroke-width', '1')):g} w")
        ops.append({"round": "1 J", "square": "2 J"}.get(el.get("stroke-linecap", ""), "0 J"))
        ops.append({"round": "1 j", "bevel": "2 j"}.get(el.get("stroke-linejoin", ""), "0 j"))
        dashes = el.get("stroke-dasharray")
        ops.append(f"[{dashes.replace(',', ' ')}] 0 d" if dashes and dashes != "none" else "[] 0 d")
    ops.append(_outline(tag, el))
    ops.append("B" if fill and stroke else ("f" if fill else "S"))
    page.ops.append(" ".join(ops))


def _outline(tag: str, el: ET.Element) -> str:
    if tag == "rect":
        return f"{_num(el, 'x'):.3f} {_num(el, 'y'):.3f} {_num(el, 'width'):.3f} {_num(el, 'height'):.3f} re"
    if tag == "circle":
        return _circle(_num(el, "cx"), _num(el, "cy"), _num(el, "r"))
    return _path(el.get("d", ""))


def _circle(cx: float, cy: float, r: float) -> str:
    k = r * _KAPPA
    return (
        f"{cx + r:.3f} {cy:.3f} m "
        f"{cx + r:.3f} {cy + k:.3f} {cx + k:.3f} {cy + r:.3f} {cx:.3f} {cy + r:.3f} c "
        f"{cx - k:.3f} {cy + r:.3f} {cx - r:.3f} {cy + k:.3f} {cx - r:.3f} {cy:.3f} c "
        f"{cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} {cx:.3f} {cy - r:.3f} c "
        f"{cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} {cx + r:.3f} {cy:.3f} c h"
    )


def _path(d: str) -> str:
    """SVG path data with M, L, H, V and Z (either case) as PDF path operators (SVG 1.1 §8.3)."""
    ops, x, y, sx, sy = [], 0.0, 0.0, 0.0, 0.0
    leftover = _PATH.sub("", d).strip()
    if leftover:
        raise UnsupportedSvg(f"path data {d[:40]!r}: only M, L, H, V and Z are drawn")
    for cmd, args in _PATH.findall(d):
        v = [float(a) for a in re.findall(r"-?[\d.]+(?:e-?\d+)?", args)]
        rel = cmd.islower()
        c = cmd.upper()
        if c == "Z":
            ops.append("h")
            x, y = sx, sy
            continue
        step = 1 if c in "HV" else 2
        for i in range(0, len(v), step):
            if c == "H":
                x = v[i] + (x if rel else 0)
            elif c == "V":
                y = v[i] + (y if rel else 0)
            else:
                x, y = (v[i] + x, v[i + 1] + y) if rel else (v[i], v[i + 1])
            first = c == "M" and i == 0
            ops.append(f"{x:.3f} {y:.3f} {'m' if first else 'l'}")
            if first:
                sx, sy = x, y
    return " ".join(ops)


def _text(page: Page, el: ET.Element, state: dict[str, str], fonts: Fonts) -> None:
    text = "".join(el.itertext())
    if not text.strip():
        return
    size = float(state.get("font-size", "16"))
    font = fonts.get(state.get("font-weight") in ("700", "bold"))
    x, y = _num(el, "x"), _num(el, "y") + _num(el, "dy")
    anchor = state.get("text-anchor", "start")
    width = font.width(text, size)
    x -= {"middle": width / 2, "end": width}.get(anchor, 0.0)
    colour = ink(state.get("fill")) or (0.0, 0.0, 0.0, 1.0)
    prefix = "q " + _matrix(el.get("transform", "")) + " " if el.get("transform") else ""
    fill = " ".join(f"{v:g}" for v in colour)
    page.ops.append(
        f"{prefix}BT {fill} k /{font.name} {size:g} Tf 1 0 0 -1 {x:.3f} {y:.3f} Tm <{font.encode(text)}> Tj ET"
        + (" Q" if prefix else "")
    )
