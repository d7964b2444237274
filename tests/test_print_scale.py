"""Print files of a large network: the A3 map part with 90 stations, checked with pdftotext -bbox and pdfinfo -box."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import EPOCH, SAMPLE

from generator.printing.groups import MAP_LIMIT, Group
from generator.printing.guidemap import (
    HEIGHT,
    LEGEND_BOTTOM,
    LEGEND_LINE,
    LEGEND_TOP,
    LEGEND_TOP_NEXT,
    PRINT_MM,
    WIDTH,
    Marker,
    layout_map,
    legend_layout,
)
from generator.printing.pdfrender import render_pdf
from generator.printing.plan import PrintSettings
from generator.printing.sheets import map_html
from generator.render import environment

MM = 72 / 25.4
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _grown(network, n: int):
    """`n` stations spread over the sample's area, with long names and numbers up to four digits."""
    base = network.stations
    stations = []
    for i in range(n):
        st = base[i % len(base)]
        loc = st.location.model_copy(
            update={"lng": st.location.lng + (i % 7) * 0.0011, "lat": st.location.lat + (i % 5) * 0.0013}
        )
        name = f"{st.community}第{i + 1}号党群服务中心驿站"
        stations.append(st.model_copy(update={"id": f"st-{i:04d}", "name": name, "location": loc}))
    return replace(network, stations=tuple(stations))


def test_legend_fills_the_first_column_below_the_keys_then_full_height_columns(network) -> None:
    grown = _grown(network, MAP_LIMIT)
    columns, width, placed = legend_layout([Marker(i + 1, st, 0, 0) for i, st in enumerate(grown.stations)])
    assert columns == 2  # a map part holds MAP_LIMIT stations with the map panel as wide as two columns allow
    first = [y for _, x, y in placed if x == 0]
    second = [y for _, x, y in placed if x == width]
    assert first[0] == LEGEND_TOP and second[0] == LEGEND_TOP_NEXT
    assert max(first + second) <= LEGEND_BOTTOM < HEIGHT
    assert all(b - a == LEGEND_LINE for a, b in pairwise(first))


@pytest.mark.print
def test_a_90_station_map_part_keeps_names_numbers_and_sizes(root: Path, network, tmp_path: Path) -> None:
    """Full names at ≥ 10 pt in the legend, and each marker's number printed on its marker."""
    grown = _grown(network, MAP_LIMIT)
    numbers = {st.id: 1000 + i for i, st in enumerate(grown.stations)}
    settings = PrintSettings(
        root / "theme",
        tmp_path / "cache",
        tmp_path / "m.json",
        datetime.fromtimestamp(int(EPOCH), UTC),
        roads=SAMPLE / "content" / "guide-map.geojson",
    )
    group = Group("001", tuple(sorted({s.community for s in grown.stations})), grown.stations)
    env = environment(root / "theme")
    pdf = tmp_path / "map.pdf"
    roots = (str(root / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc")
    pdf.write_bytes(render_pdf(map_html(env, grown, grown, group, settings, numbers), ".", "pdf/x-4", roots))
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert out.count("<page ") == 1
    words = [(float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]) for m in _WORD.finditer(out)]
    flat = re.sub(r"\s", "", subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    layout = layout_map(grown, numbers)
    k = PRINT_MM / WIDTH * MM  # points per SVG unit; the map starts at the 8 mm margin
    for st in grown.stations:
        assert f"{numbers[st.id]}.{st.name}" in flat, st.id  # full names, never truncated
    legend = [w for w in words if re.fullmatch(r"\d{4}\.", w[4])]
    assert len(legend) == MAP_LIMIT
    height = min(w[3] - w[1] for w in legend)
    ratio = 1.448  # pdftotext's word box is ascent + descent of Noto Sans CJK
    assert height / ratio >= 10 - 0.1  # points
    for m in layout.markers:
        cx, cy = 8 * MM + m.x * k, 8 * MM + m.y * k
        on = [w for w in words if w[4] == str(m.number) and abs((w[0] + w[2]) / 2 - cx) < 1.5]
        assert on and any(abs((w[1] + w[3]) / 2 - cy) < 2.5 for w in on), m.number  # centred on its marker
