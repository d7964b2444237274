"""What a print shop checks, on the sample build: page boxes, PDF/X, legibility, sample mark, QR codes, card, stickers.

Real tools only: poppler (pdfinfo -box, pdffonts, pdftotext -bbox, pdftoppm), zbar and ZXing, pypdf.
"""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from generator.data.hours import describe_hours
from generator.printing.pdfrender import render_pdf

pytestmark = pytest.mark.print

MM = 72 / 25.4
SAMPLE_MARK = "示例·电话为虚构"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_BOX = re.compile(r"^Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", re.M)


@pytest.fixture(scope="module")
def print_dir(built_site: Path) -> Path:
    return built_site / "print"


def _pdfs(print_dir: Path) -> list[Path]:
    return sorted(print_dir.rglob("*.pdf"))


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _boxes(pdf: Path) -> dict[int, dict[str, tuple[float, ...]]]:
    """Every page's boxes, read with `pdfinfo -box -f 1 -l N`."""
    n = _pages(pdf)
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", str(n), pdf], capture_output=True, text=True).stdout
    pages: dict[int, dict[str, tuple[float, ...]]] = {}
    for m in _BOX.finditer(out):
        pages.setdefault(int(m[1]), {})[m[2]] = tuple(float(v) for v in m.groups()[2:])
    assert len(pages) == n, pdf
    return pages


def _expected_trim(print_dir: Path, pdf: Path) -> tuple[float, float]:
    rel = pdf.relative_to(print_dir).as_posix()
    if rel.startswith(("posters", "stickers.pdf")):
        return (210, 297)
    if rel.startswith("stickers/"):
        return (100, 100)
    if rel.startswith("map"):
        return (420, 297)
    return (297, 210)  # stations.pdf and card.pdf: A4 landscape


def test_every_page_of_every_pdf_has_the_right_boxes(print_dir: Path) -> None:
    """TrimBox is the finished size on every page (posters.pdf included); bleed encloses it, media the bleed."""
    for pdf in _pdfs(print_dir):
        width, height = _expected_trim(print_dir, pdf)
        for page, box in _boxes(pdf).items():
            t, b, m = box["TrimBox"], box["BleedBox"], box["MediaBox"]
            assert ((t[2] - t[0]) / MM, (t[3] - t[1]) / MM) == pytest.approx((width, height), abs=0.3), (pdf, page)
            assert b[0] <= t[0] and b[1] <= t[1] and b[2] >= t[2] and b[3] >= t[3], (pdf, page)
            assert m[0] <= b[0] and m[1] <= b[1] and m[2] >= b[2] and m[3] >= b[3], (pdf, page)
            bleed = (t[0] - b[0]) / MM
            if pdf.name in ("posters.pdf",) or pdf.parent.name == "posters":
                assert bleed == pytest.approx(3, abs=0.05), (pdf, page)  # mkdocs.yml: bleed_mm 3
            if pdf.parent.name == "stickers":
                assert bleed == pytest.approx(2, abs=0.05), (pdf, page)


def test_posters_pdf_leaves_out_closed_and_paused_stations(print_dir: Path, network) -> None:
    """The shop's file has open stations only (paused ones need `paused_in_bundle`); each still has its own poster."""
    text = re.sub(r"\s", "", _text(print_dir / "posters.pdf"))
    for st in network.stations:
        assert (print_dir / "posters" / f"{st.id}.pdf").exists()
        assert (f"/s/{st.id}/" in text) == (st.status == "open"), st.id
    assert "paused" in {s.status for s in network.stations}  # closed ones: test_bundle_rules below
    assert _pages(print_dir / "posters.pdf") == sum(s.status == "open" for s in network.stations)


@cache
def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True).stdout


def test_every_pdf_is_pdf_x4_with_an_output_intent_and_embedded_fonts(print_dir: Path) -> None:
    for pdf in _pdfs(print_dir):
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        root = reader.trailer["/Root"]
        intents = root["/OutputIntents"]
        assert len(intents) == 1, pdf
        intent = intents[0].get_object()
        assert intent["/S"] == "/GTS_PDFX", pdf
        assert intent["/OutputConditionIdentifier"] == "Artifex CMYK SWOP Profile", pdf
        profile = intent["/DestOutputProfile"].get_object()
        assert profile["/N"] == 4 and profile.get_data()[36:40] == b"acsp", pdf  # an ICC CMYK profile
        xmp = root["/Metadata"].get_object().get_data()
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp, pdf
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(row.split()[-5] == "yes" for row in fonts), pdf


def test_print_colours_are_process_colours(print_dir: Path) -> None:
    """No DeviceRGB colour operator (rg/RG) in any page or form: every colour is CMYK through the output intent."""
    for pdf in [print_dir / "posters" / "jiangxi-center.pdf", print_dir / "map.pdf", print_dir / "card.pdf"]:
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        for page in reader.pages:
            streams = [page.get_contents().get_data()]
            xobjects = page["/Resources"].get("/XObject", {})
            streams += [x.get_object().get_data() for x in xobjects.values()]
            for data in [d for d in streams if not _is_printer_marks(d)]:
                assert not re.search(rb"(?<![\w/])(rg|RG)\b", data), pdf


def _is_printer_marks(stream: bytes) -> bool:
    """WeasyPrint's own crop marks (`marks: crop`): lines stroked in RGB black outside the trim box.

    They are drawn by WeasyPrint in DeviceRGB and cannot be recoloured from CSS; a known limit
    (README, "Print files"). Everything the templates draw is checked.
    """
    ops = set(re.findall(rb"(?m)\b([A-Za-z]{1,2})$", stream))
    return b"RG" in stream and ops <= {
        b"cm",
        b"q",
        b"Q",
        b"gs",
        b"rg",
        b"RG",
        b"w",
        b"d",
        b"J",
        b"j",
        b"M",
        b"m",
        b"l",
        b"B",
    }


@cache
def _words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return [(float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]) for m in _WORD.finditer(out)]


@pytest.fixture(scope="module")
def em_ratio(tmp_path_factory: pytest.TempPathFactory) -> float:
    """pdftotext's word height per point of font size for the print font (ascent − descent), measured."""
    html = (
        '<html><body style="font-family: Noto Sans CJK SC"><p style="font-size: 20pt">开放时间 08:30</p></body></html>'
    )
    pdf = tmp_path_factory.mktemp("ref") / "ref.pdf"
    pdf.write_bytes(render_pdf(html))
    heights = {round(w[3] - w[1], 3) for w in _words(pdf)}
    assert len(heights) == 1
    return heights.pop() / 20


def _size(word: tuple[float, float, float, float, str], ratio: float) -> float:
    return (word[3] - word[1]) / ratio


def test_poster_text_is_legible_from_two_metres(print_dir: Path, network, em_ratio: float) -> None:
    """Hours ≥ 20 pt, service labels ≥ 14 pt and unbroken, the name the largest text on one line."""
    for st in network.stations:
        words = _words(print_dir / "posters" / f"{st.id}.pdf")
        for line in describe_hours(st.schedule):
            found = [w for w in words if w[4] in line.split()]
            assert found, (st.id, line)
            assert min(_size(w, em_ratio) for w in found) >= 20 - 0.1, (st.id, line)
        for label in _service_names(network, st):
            hits = [w for w in words if label in w[4]]
            assert hits, (st.id, label)  # the whole label in one word: never split across lines
            assert min(_size(w, em_ratio) for w in hits) >= 14 - 0.1, (st.id, label)
        name = [w for w in words if w[4] == st.name]
        assert len(name) == 1, st.id  # one line
        others = [w for w in words if w[4] != st.name and not set(w[4]) <= set(SAMPLE_MARK)]
        assert _size(name[0], em_ratio) >= max(_size(w, em_ratio) for w in others) - 0.1
        assert name[0][2] - name[0][0] <= 186 * MM  # fits between the margins
        assert "A/C" not in _text(print_dir / "posters" / f"{st.id}.pdf")


def _service_names(network, st) -> list[str]:
    return [network.service_by_id[s].name for s in st.services] + [e.name for e in st.extra_services]


def test_icons_are_drawings_not_letters(root: Path) -> None:
    for icon in (root / "theme" / "icons").glob("*.svg"):
        text = icon.read_text(encoding="utf-8")
        assert "<text" not in text and "font" not in text, icon.name
    # Material Design's air-conditioner icon spells "A/C" with letter outlines; ours is a drawing.
    assert "M5 16h2a2 2 0 0 1 2 2v6" not in (root / "theme" / "icons" / "ac.svg").read_text(encoding="utf-8")


def test_every_print_file_carries_the_sample_mark(print_dir: Path, network) -> None:
    assert network.site.sample
    for pdf in _pdfs(print_dir):
        text = re.sub(r"\s", "", _text(pdf))
        assert text.count(SAMPLE_MARK) >= _pages(pdf), pdf  # on every page (a sheet of stickers: on each)


def test_no_screen_words_in_print(print_dir: Path) -> None:
    for pdf in _pdfs(print_dir):
        assert "点击" not in _text(pdf), pdf
    assert "点击" not in (print_dir / "map.svg").read_text(encoding="utf-8")


def test_a3_map_legend_roads_and_title_block(print_dir: Path, network, em_ratio: float) -> None:
    pdf = print_dir / "map.pdf"
    words, flat = _words(pdf), re.sub(r"\s", "", _text(pdf))
    for st in network.stations:
        assert st.name in flat, st.id  # full names, never truncated
    assert "…" not in flat
    legend = [w for w in words if re.fullmatch(r"\d+\.", w[4])]
    assert len(legend) == len(network.stations)
    assert min(_size(w, em_ratio) for w in legend) >= 10 - 0.1
    assert "长江路" in flat and "锡兴路" in flat  # road names from the GeoJSON
    assert "数据日期2026年11月18日" in flat  # SOURCE_DATE_EPOCH of the test build


def _decode(pdf: Path, dpi: int, tmp: Path, page: int | None = None) -> list[str]:
    stem = tmp / f"{pdf.stem}-{dpi}"
    args = ["pdftoppm", "-r", str(dpi), "-gray", "-png"] + (["-f", str(page), "-l", str(page)] if page else [])
    subprocess.run([*args, pdf, stem], check=True)
    found = []
    for png in sorted(tmp.glob(f"{stem.name}*.png")):
        zbar = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", png], capture_output=True, text=True).stdout
        zx = {r.text for r in zxingcpp.read_barcodes(Image.open(png))}
        assert set(zbar.splitlines()) == zx, png  # both decoders agree
        found += sorted(zx)
        png.unlink()
    return found


def test_card_is_a4_trifold_and_its_code_decodes(print_dir: Path, network, em_ratio: float, tmp_path: Path) -> None:
    card = print_dir / "card.pdf"
    assert _pages(card) == 2
    assert _decode(card, 50, tmp_path, page=1) == [f"{network.site.site_url}near/"]
    words, flat = _words(card), re.sub(r"\s", "", _text(card))
    for st in network.stations:
        assert (st.name in flat) == (st.status != "closed"), st.id
    for s in network.services:
        assert s.name in flat
    table = [w for w in words if re.fullmatch(r"0510-\d{4}", w[4])]
    assert table and min(_size(w, em_ratio) for w in table) >= 7 - 0.05


def test_stickers_decode_at_50_dpi_with_a_60_mm_code(print_dir: Path, network, tmp_path: Path) -> None:
    base = network.site.site_url
    for st in network.stations:
        pdf = print_dir / "stickers" / f"{st.id}.pdf"
        assert _decode(pdf, 50, tmp_path) == [f"{base}s/{st.id}/"], st.id
        assert "小蜜蜂驿站" in _text(pdf) and st.name in re.sub(r"\s", "", _text(pdf))
    pdf = print_dir / "stickers" / "weixing.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", pdf, tmp_path / "w"], check=True)
    p = next(iter(zxingcpp.read_barcodes(Image.open(tmp_path / "w.png")))).position
    modules = 4 * 3 + 17 if len(f"{base}s/weixing/") <= 32 else 4 * 4 + 17
    width_mm = (p.top_right.x - p.top_left.x) / (modules - 1) * modules * 25.4 / 150
    assert width_mm >= 59.5
    sheet = print_dir / "stickers.pdf"
    bundled = [s for s in network.stations if s.status == "open"]
    assert _pages(sheet) == -(-len(bundled) // 4)
    assert sorted(_decode(sheet, 50, tmp_path)) == sorted(f"{base}s/{s.id}/" for s in bundled)


def test_print_centre_lists_every_file_with_paper_and_pages(built_site: Path, print_dir: Path) -> None:
    html = (print_dir / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="([^"]+)">[^<]*</a>（\w+）</td><td>([^<]+)</td><td>([^<]+)</td></tr>', html)
    listed = {href: (paper, pages) for href, paper, pages in rows}
    files = {
        p.relative_to(print_dir).as_posix() for p in print_dir.rglob("*") if p.is_file() and p.name != "index.html"
    }
    per_station = {f for f in files if f.startswith(("posters/", "stickers/"))}
    assert set(listed) == files - per_station
    for href, (paper, pages) in listed.items():
        if href.endswith(".pdf"):
            assert int(pages) == _pages(print_dir / href), href
            assert "mm" in paper, href
    for f in per_station:
        assert f'href="{f}"' in html
    assert "数据日期：2026年11月18日" in html


def test_bundle_rules_closed_never_paused_on_request(network, root: Path, tmp_path: Path) -> None:
    """posters.pdf and stickers.pdf: open stations; paused ones with `paused_in_bundle`; closed ones never."""
    from dataclasses import replace
    from datetime import UTC, date, datetime

    from generator.printing.plan import PrintSettings, build_posters, build_stickers, bundle_ids, combine, prepare
    from generator.printing.posters import PosterOptions
    from generator.writer import SiteWriter

    a, b, c = network.stations[1:4]
    b = b.model_copy(update={"status": "paused", "status_since": date(2026, 5, 1)})
    c = c.model_copy(update={"status": "closed", "status_since": date(2026, 5, 1)})
    small = replace(network, stations=(a, b, c))
    for paused, expected in ((False, [a.id]), (True, [a.id, b.id])):
        settings = PrintSettings(
            theme_dir=root / "theme",
            cache_dir=root / ".cache",
            manifest_path=tmp_path / "m.json",
            stamp=datetime(2026, 11, 18, tzinfo=UTC),
            poster=PosterOptions(bleed_mm=3),
            workers=2,
            paused_in_bundle=paused,
        )
        assert bundle_ids(small, settings) == expected
        writer = SiteWriter(tmp_path / f"site-{paused}")
        plan = prepare(small, settings)
        build_posters(small, settings, plan, writer)
        build_stickers(small, settings, plan, writer)
        combine(writer, [f"print/posters/{i}.pdf" for i in bundle_ids(small, settings)], "print/posters.pdf")
        assert sorted(p.stem for p in (writer.root / "print" / "posters").glob("*.pdf")) == sorted([a.id, b.id, c.id])
        text = _text(writer.root / "print" / "posters.pdf")
        assert [sid for sid in (a.id, b.id, c.id) if f"/s/{sid}/" in text] == expected
        sheet = re.sub(r"\s", "", _text(writer.root / "print" / "stickers.pdf"))
        assert [st.name in sheet for st in (a, b, c)] == [True, paused, False]
        for page in _boxes(writer.root / "print" / "posters.pdf").values():
            assert page["TrimBox"] == pytest.approx((0, 0, 595.28, 841.89), abs=0.01)


@pytest.fixture()
def english():
    """The wording is asserted: pin the language, restore it afterwards."""
    from generator import i18n

    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/hostname",
        "/etc/hostname",
        "../../../../../../etc/hostname",
        "http://127.0.0.1:9/logo.png",
        "https://example.org/logo.png",
    ],
)
def test_print_documents_cannot_load_outside_files(english, tmp_path: Path, src: str) -> None:
    """A template that reaches for a local file or the network stops the build with a clear error."""
    from generator.printing.pdfrender import Job, PrintResourceError, render_all
    from generator.render import environment
    from generator.writer import SiteWriter

    theme = tmp_path / "theme"
    (theme / "print").mkdir(parents=True)
    (theme / "print" / "evil.html").write_text(
        '<html><head><link rel="stylesheet" href="{{ src }}"></head><body><img src="{{ src }}"><p>x</p></body></html>',
        encoding="utf-8",
    )
    html = environment(theme).get_template("print/evil.html").render(src=src)
    job = Job(html, "print/evil.pdf", base_url=str(theme / "print") + "/", roots=(str(theme / "print"),))
    with pytest.raises(PrintResourceError) as exc:
        render_all([job], tmp_path / "cache", SiteWriter(tmp_path / "site"), workers=1)
    message = str(exc.value)
    assert message.startswith("print/evil.pdf: a print template tried to load")
    assert "theme/print/" in message and "data: URIs" in message
    assert not (tmp_path / "site" / "print" / "evil.pdf").exists()


def test_print_documents_load_the_theme_print_folder_and_data_uris(tmp_path: Path) -> None:
    from generator.printing.pdfrender import render_pdf

    folder = tmp_path / "print"
    folder.mkdir()
    (folder / "extra.css").write_text("p { color: device-cmyk(0 0 0 1); }", encoding="utf-8")
    svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
    html = f'<html><head><link rel="stylesheet" href="extra.css"></head><body><img src="{svg}"><p>x</p></body></html>'
    assert render_pdf(html, str(folder) + "/", None, (str(folder),)).startswith(b"%PDF")
