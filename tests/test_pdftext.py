"""Text set as PDF operators (pdftext.py) and the station table built on it, read back with poppler's tools."""

from __future__ import annotations

import pickle
import random
import re
import subprocess
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.printing.documents import DocContext, render_doc
from generator.printing.groups import Group
from generator.printing.pdfrender import render_pdf
from generator.printing.pdftext import NO_END, NO_START, Fonts, shared_charset, wrap
from generator.printing.table import HEADER, Row, station_rows
from generator.printing.tablesheet import GEOMETRY, MM, layout, missing_glyphs, table_layer
from generator.render import environment

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PIECES = [
    "驿站",
    "党群服务中心",
    "（东门）",
    "，",
    "。",
    "、",
    "08:30–17:30",
    "Wi-Fi",
    " ",
    "A",
    "「暖」",
    "0510-0000 0011",
]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(count)]


@pytest.mark.parametrize("width_mm", [8, 20, 45])
def test_wrapped_lines_fit_keep_every_character_and_follow_the_chinese_rules(width_mm: float) -> None:
    font, size, width = Fonts().regular, 8.5, width_mm * MM
    for text in _texts(width_mm, 300):
        lines = wrap(text, font, size, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), text  # nothing lost or repeated
        assert all(font.width(line, size) <= width + 1e-6 for line in lines), (text, lines)
        for before, after in pairwise(lines):
            # A closing mark starts a line, or an opening mark ends one, only where keeping them together
            # could not fit (a run of glued marks wider than the column is cut by letters).
            if after and after[0] in NO_START:
                assert font.width(before + after[0], size) > width, (text, lines)
            if before and before[-1] in NO_END:
                assert font.width(before[-1] + after[:1], size) > width or len(before) == 1, (text, lines)


def test_lines_never_exceed_the_width_when_a_break_exists() -> None:
    font, size = Fonts().regular, 8.5
    text = "周一至周五 08:30–20:00；周六、周日 09:00–17:00；法定节假日 休息；调休上班日 08:30–20:00"
    lines = wrap(text, font, size, 50 * MM)
    assert len(lines) > 1
    assert all(font.width(line, size) <= 50 * MM + 1e-6 for line in lines)
    assert not any(line.startswith(("；", "–", ":")) for line in lines)
    assert all(re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", t) for line in lines for t in re.findall(r"[\d:–]{11,}", line))


def test_a_word_wider_than_the_column_is_cut_by_letters() -> None:
    font, size = Fonts().regular, 8.5
    lines = wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", font, size, 10 * MM)
    assert len(lines) > 2 and "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    assert all(font.width(line, size) <= 10 * MM + 1e-6 for line in lines)


def _rows(network, count: int) -> list[Row]:
    base = station_rows(network)
    return [replace(base[i % len(base)], number=i + 1) for i in range(count)]


def test_rows_fill_pages_in_order_and_never_cross_the_bottom_margin(network) -> None:
    rows = _rows(network, 60)
    pages = layout(rows, Fonts(), "2026年11月18日")
    assert len(pages) > 3
    rules = [op.split() for p in pages for op in p.ops if op.startswith("0 0 0 0.15 k")]
    assert len(rules) == 60  # one rule under each row: every row set once
    for p in pages:
        for op in p.ops:
            if op.endswith("re f"):
                assert float(op.split()[6]) >= GEOMETRY.bottom_mm * MM - 0.01, op  # nothing below the margin


@pytest.fixture(scope="module")
def table_pdf(root: Path, network, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60-row table part rendered the way a build does: the frame by WeasyPrint, the text by pdftext."""
    ctx = DocContext("2026-11-18T00:00:00Z")
    env = environment(root / "theme")
    plain = replace(network, site=network.site.model_copy(update={"sample": False}))  # no diagonal sample mark
    frame = render_pdf(
        render_doc(env, "print/table.html", ctx, network=plain, geometry=GEOMETRY),
        variant="pdf/x-4",
        roots=(str(root / "theme" / "print"), "/usr/share/color/icc/ghostscript/default_cmyk.icc"),
    )
    part = Group("002", ("太湖花园社区",), ())
    layers = shared_charset([table_layer(network, part, _rows(network, 60), ctx.data_date)])
    out = tmp_path_factory.mktemp("table") / "stations-002.pdf"
    out.write_bytes(layers[0].apply(frame))
    assert layers[0].page_count() == len(PdfReader(out).pages)  # what the print centre says before rendering
    # Laid out by the process that counts the pages and drawn by another: the same bytes, every time.
    laid = pickle.loads(pickle.dumps(layers[0].laid_out()))
    assert laid.page_count() == layers[0].page_count()
    assert laid.apply(frame) == out.read_bytes() == laid.apply(frame)
    return out


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        if m := _WORD.search(line):
            words.append((page, *(float(v) for v in m.groups()[:4]), m.group(5)))
    return words


@pytest.mark.print
def test_table_text_is_real_text_in_embedded_subset_fonts(table_pdf: Path, network) -> None:
    fonts = subprocess.run(["pdffonts", table_pdf], capture_output=True, text=True, check=True).stdout
    ours = [line for line in fonts.splitlines() if "NotoSansCJKsc" in line]
    assert len(ours) == 2 and all(re.search(r"yes\s+yes\s+yes", line) for line in ours)  # embedded, subset, ToUnicode
    text = re.sub(r"\s", "", subprocess.run(["pdftotext", table_pdf, "-"], capture_output=True, text=True).stdout)
    for st in network.stations:
        assert st.name in text and st.address in text
    assert "小蜜蜂驿站分布示意一览表·太湖花园社区" in text
    assert all(h in text for h in HEADER)


@pytest.mark.print
def test_table_pages_count_themselves_and_keep_the_frame(table_pdf: Path) -> None:
    reader = PdfReader(table_pdf)
    pages = len(reader.pages)
    assert pages > 3
    flat = re.sub(r"\s", "", subprocess.run(["pdftotext", table_pdf, "-"], capture_output=True, text=True).stdout)
    assert all(f"第{n}页/共{pages}页" in flat for n in range(1, pages + 1))
    assert "/OutputIntents" in reader.trailer["/Root"] and "/Metadata" in reader.trailer["/Root"]
    info = subprocess.run(["pdfinfo", "-box", table_pdf], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info and "TrimBox:             0.00     0.00   841.89   595.28" in info


@pytest.mark.print
def test_table_cells_stay_in_their_columns_and_above_the_footer(table_pdf: Path) -> None:
    edges = [GEOMETRY.side_mm * MM]
    for w in GEOMETRY.columns_mm:
        edges.append(edges[-1] + w * MM)
    footer_top = (GEOMETRY.height_mm - GEOMETRY.bottom_mm) * MM
    for page, x0, y0, x1, y1, word in _words(table_pdf):
        if y0 < (GEOMETRY.top_mm + GEOMETRY.title_mm) * MM or "页" in word or word in ("/", "·", "共", "第"):
            continue  # the title block and the footer
        if y1 > footer_top + 1:
            assert re.fullmatch(r"[第页共/·\d数据日期年月]+", word), word  # only the footer below the rows
            continue
        column = next(i for i in range(len(edges) - 1) if edges[i] - 0.5 <= x0 < edges[i + 1])
        assert x1 <= edges[column + 1] - 2 * MM + 0.6, (page, word, x0, x1, column)  # inside the cell's padding


def test_characters_the_print_font_lacks_are_named_with_their_station(network) -> None:
    rows = station_rows(network)
    assert missing_glyphs(rows) == []
    odd = replace(rows[3], name=rows[3].name + "\U0001f41d", address="\U000f0001路")  # an emoji, a private-use point
    assert missing_glyphs([rows[0], odd]) == [(odd.id, "\U0001f41d\U000f0001")]


def test_a_font_fontconfig_would_substitute_is_refused() -> None:
    from generator.printing.fontface import locate
    from generator.printing.printenv import PrintEnvironmentError

    assert locate()[0].endswith(".ttc")  # Noto Sans CJK SC from Debian's fonts-noto-cjk
    with pytest.raises(PrintEnvironmentError) as exc:
        locate("No Such Family Sans")
    assert "fonts-noto-cjk" in str(exc.value)
