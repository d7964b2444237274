"""The print maps' SVG drawn as PDF operators (svgdraw.py), and the pocket card's rows (cardsheet.py)."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLE

from generator.printing.card import card_map
from generator.printing.cardsheet import GEOMETRY, more_rows, set_rows
from generator.printing.guidemap import guide_map_svg
from generator.printing.pdftext import MM, Fonts, Page
from generator.printing.svgdraw import Placement, UnsupportedSvg, _matrix, _path, draw_svg, ink
from generator.printing.table import station_rows
from generator.render import environment

ROADS = SAMPLE / "content" / "guide-map.geojson"
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'


def _draw(svg: str) -> Page:
    page = Page(595.0)
    draw_svg(page, svg, Placement(10, 20, 200), Fonts())
    return page


@pytest.mark.parametrize("medium", ["print", "screen"])
def test_every_element_the_map_templates_write_is_drawn(root: Path, network, medium: str) -> None:
    env = environment(root / "theme")
    svg = str(
        guide_map_svg(env, network, ROADS, medium=medium, data_date="2026年11月18日" if medium == "print" else "")
    )
    if medium == "screen":  # sRGB colours are for screens; only the element set is checked here
        svg = re.sub(r'(fill|stroke)="#[0-9a-fA-F]{3,6}"', r'\1="device-cmyk(0 0 0 1)"', svg)
    page = _draw(svg)
    text = "\n".join(page.ops)
    assert text.count(" Tj ET") >= len(network.stations) * 2  # every marker's number and legend entry
    assert text.count(" re W n") == 1  # the map panel's clip
    assert " d " in text  # the dashed boundary or the solid roads' dash reset


def test_the_card_map_is_drawn(root: Path, network) -> None:
    numbers = {s.id: i for i, s in enumerate(network.stations, 1)}
    page = _draw(str(card_map(network, ROADS, numbers, environment(root / "theme"))))
    assert sum(op.count(" Tj ET") for op in page.ops) >= len(network.stations)


def test_anything_else_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedSvg, match="ellipse"):
        _draw(SVG_HEAD + '<ellipse cx="1" cy="1" rx="2" ry="3" fill="device-cmyk(0 0 0 1)"/></svg>')
    with pytest.raises(UnsupportedSvg, match="colour"):
        _draw(SVG_HEAD + '<rect width="1" height="1" fill="#c62828"/></svg>')
    with pytest.raises(UnsupportedSvg, match="path data"):
        _path("M0 0 C1 1 2 2 3 3")
    with pytest.raises(UnsupportedSvg, match="transform"):
        _matrix("scale(2)")


def test_path_commands_absolute_and_relative() -> None:
    assert _path("M0 150 H28") == "0.000 150.000 m 28.000 150.000 l"
    assert _path("M1 2L3 4 5 6Z") == "1.000 2.000 m 3.000 4.000 l 5.000 6.000 l h"
    assert _path("m1 2l3 4h1v-2z") == "1.000 2.000 m 4.000 6.000 l 5.000 6.000 l 5.000 4.000 l h"


def _apply(cm: str, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in cm.split()[:6])
    return (a * x + c * y + e, b * x + d * y + f)


def test_rotation_about_a_point_is_svgs() -> None:
    # SVG 1.1 §7.6: rotate(a cx cy) = translate(cx cy) rotate(a) translate(-cx -cy); y grows downwards.
    x, y = _apply(_matrix("rotate(90 10 10)"), 20, 10)
    assert (x, y) == pytest.approx((10, 20))
    x, y = _apply(_matrix("translate(5 -3)"), 1, 1)
    assert (x, y) == pytest.approx((6, -2))


def test_text_is_anchored_by_its_measured_width() -> None:
    fonts = Fonts()
    ops = _draw(
        SVG_HEAD
        + '<text x="50" y="20" font-size="10" text-anchor="middle" fill="device-cmyk(0 0 0 1)">驿站</text></svg>'
    ).ops
    x = float(re.search(r"Tm", ops[1]) and ops[1].split(" Tm")[0].split()[-2])
    assert x == pytest.approx(50 - fonts.regular.width("驿站", 10) / 2, abs=0.01)
    assert ink("device-cmyk(0.15 1 1 0.06)") == (0.15, 1.0, 1.0, 0.06) and ink("none") is None


def test_the_svg_is_scaled_from_its_viewbox_to_the_placement() -> None:
    page = _draw(SVG_HEAD + '<rect x="0" y="0" width="100" height="50" fill="device-cmyk(0 0 0 1)"/></svg>')
    scale = float(page.ops[0].split()[1])
    assert scale == pytest.approx(2.0)  # 200 pt for a 100-unit viewBox
    assert page.ops[0].split()[5:7] == ["10.000", f"{595 - 20:.3f}"]  # top left at 10 pt, 20 pt below the top


def test_a_circle_is_four_quarter_arcs_within_its_radius() -> None:
    page = _draw(SVG_HEAD + '<circle cx="10" cy="10" r="5" fill="device-cmyk(0 0 0 1)"/></svg>')
    numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", page.ops[1])]
    points = list(zip(numbers[::2], numbers[1::2], strict=True))
    assert all(math.dist(p, (10, 10)) <= 5 * math.sqrt(2) * 0.5523 + 5 for p in points)
    assert page.ops[1].count(" c ") == 4 and page.ops[1].endswith(" h f")


def test_card_rows_fill_two_panels_then_count_the_rest(network) -> None:
    base = station_rows(network)
    rows = [replace(base[i % len(base)], number=i + 1) for i in range(70)]
    page = Page(210 * MM)
    done = set_rows(page, rows, Fonts(), GEOMETRY)
    assert 40 <= done < 70  # about 22 two-line rows a panel
    text = "\n".join(page.ops)
    left_edges = {round(float(op.split()[5]) / MM) for op in page.ops if op.startswith("0 0 0 0.15 k")}
    assert left_edges == {104, 203}  # rules in the second and third panels only (5 mm padding)
    fonts = Fonts()
    assert fonts.regular.encode(more_rows(70 - done)) in text  # "另有 N 个驿站，见驿站分布示意一览表"
    for op in page.ops:
        if op.endswith("re f"):
            assert float(op.split()[6]) >= GEOMETRY.pad_top_mm * MM - 0.01  # nothing below the panels' padding


def test_a_card_that_fits_sets_every_row_and_no_count_line(network) -> None:
    rows = station_rows(network)[:20]
    page = Page(210 * MM)
    assert set_rows(page, rows, Fonts(), GEOMETRY) == 20
    assert Fonts().regular.encode("另有") not in "\n".join(page.ops)
