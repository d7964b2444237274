"""Print files of a large network: the A3 map part with 90 stations, checked with pdftotext -bbox and pdfinfo -box."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import print_settings
from pypdf import PdfReader

from generator.printing.groups import MAP_LIMIT, Group, PartSizes
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
from generator.printing.mapsheet import map_frame, map_layers
from generator.printing.pdfrender import render_pdf
from generator.printing.plan import build_print, prepare
from generator.render import environment
from generator.writer import SiteWriter

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
    settings = print_settings(root, tmp_path)
    group = Group("001", tuple(sorted({s.community for s in grown.stations})), grown.stations)
    env = environment(root / "theme")
    pdf = tmp_path / "map.pdf"
    roots = (str(root / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc")
    frame = render_pdf(map_frame(env, grown, settings.context), ".", "pdf/x-4", roots)
    layer = map_layers(env, grown, [group], numbers, settings.roads, settings.context.data_date)[0]
    pdf.write_bytes(layer.apply(frame))
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


@pytest.fixture(scope="module")
def parts(root: Path, network, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample printed as a large network: tables of ≤ 10, maps and cards of ≤ 5 stations, each over its frame."""
    tmp = tmp_path_factory.mktemp("parts")
    settings = print_settings(root, tmp, posters=False, part_sizes=PartSizes(table=10, map=5, card=5))
    plan = prepare(network, settings)
    for run in ("a", "b"):
        cache = replace(settings, cache_dir=tmp / f"cache-{run}")
        build_print(network, cache, plan, SiteWriter(tmp / run))
        # The workers' layers file and data files are let go of once linked into the site.
        assert not list((tmp / f"cache-{run}" / "pdf").glob("*.tmp"))
    return tmp / "a" / "print", tmp / "b" / "print"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.print
def test_map_and_card_parts_split_from_shared_documents_are_whole_files(parts, network, tmp_path: Path) -> None:
    folder, again = parts
    maps, cards = sorted(folder.glob("map-*.pdf")), sorted(folder.glob("card-*.pdf"))
    assert len(maps) > 3 and len(cards) > 3 and len(sorted(folder.glob("stations-*.pdf"))) > 1
    names = {st.name: st for st in network.stations}
    seen: list[str] = []
    for pdf in maps + cards:
        trim = (420, 297) if pdf.name.startswith("map") else (297, 210)
        assert _pages(pdf) == (1 if pdf.name.startswith("map") else 2), pdf.name
        out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "2", pdf], capture_output=True, text=True).stdout
        for t in re.findall(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out):
            x0, y0, x1, y1 = (float(v) for v in t)
            assert ((x1 - x0) / MM, (y1 - y0) / MM) == pytest.approx(trim, abs=0.3), pdf.name
        root_ = PdfReader(io.BytesIO(pdf.read_bytes())).trailer["/Root"]
        assert root_["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFX", pdf.name
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(row.split()[-5] == "yes" for row in fonts), pdf.name
        text = re.sub(r"\s", "", subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
        mine = [n for n in names if n in text and not any(n in o and n != o for o in names if o in text)]
        assert mine, pdf.name
        if pdf.name.startswith("map"):
            seen += mine
    assert sorted(seen) == sorted(names)  # every station on exactly one map part
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", cards[-1], tmp_path / "c"], check=True
    )
    png = next(tmp_path.glob("c*.png"))
    zbar = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", png], capture_output=True, text=True).stdout
    assert zbar.split() == [f"{network.site.site_url}near/"]
    assert {p.name: p.read_bytes() for p in folder.glob("*.pdf")} == {
        p.name: p.read_bytes() for p in again.glob("*.pdf")
    }
