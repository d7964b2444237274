"""The print files of the sample build, checked with real tools: poppler, zbar, ZXing, openpyxl, XML parsing."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image

from generator.printing.qr import QUIET_ZONE, encode, wifi_payload

pytestmark = pytest.mark.print

DPIS = (150, 50)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def print_dir(built_site: Path) -> Path:
    return built_site / "print"


@pytest.fixture(scope="module")
def rasters(print_dir: Path, network, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Path]:
    """Every poster rasterised by pdftoppm at 150 and at 50 dpi (greyscale PNG)."""
    out = tmp_path_factory.mktemp("rasters")

    def raster(key: tuple[str, int]) -> tuple[tuple[str, int], Path]:
        sid, dpi = key
        stem = out / f"{sid}-{dpi}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-gray",
                "-png",
                "-singlefile",
                str(print_dir / "posters" / f"{sid}.pdf"),
                stem,
            ],
            check=True,
        )
        return key, stem.with_suffix(".png")

    keys = [(s.id, dpi) for s in network.stations for dpi in DPIS]
    with ThreadPoolExecutor() as pool:
        return dict(pool.map(raster, keys))


def _pdf_files(print_dir: Path) -> list[Path]:
    return sorted(print_dir.rglob("*.pdf"))


def test_every_station_has_a_one_page_poster(print_dir: Path, network) -> None:
    assert sorted(p.stem for p in (print_dir / "posters").glob("*.pdf")) == sorted(s.id for s in network.stations)
    for st in network.stations:
        info = subprocess.run(["pdfinfo", print_dir / "posters" / f"{st.id}.pdf"], capture_output=True, text=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.M), st.id
    info = subprocess.run(["pdfinfo", print_dir / "posters.pdf"], capture_output=True, text=True, check=True).stdout
    bundled = [s for s in network.stations if s.status == "open"]  # paused and closed ones left out by default
    assert re.search(rf"^Pages:\s+{len(bundled)}$", info, re.M)


def test_poster_is_a4_with_bleed_and_crop_marks(print_dir: Path) -> None:
    boxes = subprocess.run(
        ["pdfinfo", "-box", print_dir / "posters" / "weixing.pdf"], capture_output=True, text=True, check=True
    ).stdout
    trim = [float(v) for v in re.search(r"TrimBox:\s+(.*)", boxes).group(1).split()]
    media = [float(v) for v in re.search(r"MediaBox:\s+(.*)", boxes).group(1).split()]
    mm = 72 / 25.4
    assert (trim[2] - trim[0]) / mm == pytest.approx(210, abs=0.5)
    assert (trim[3] - trim[1]) / mm == pytest.approx(297, abs=0.5)
    assert (trim[0] - media[0]) / mm == pytest.approx(3, abs=0.1)  # bleed from mkdocs.yml


@pytest.mark.parametrize("dpi", DPIS)
def test_poster_qr_decodes_to_exactly_the_station_url(rasters, network, dpi: int) -> None:
    """zbar (as a phone would) reads every symbol; the station's code is its URL, the other one its Wi-Fi."""
    base = network.site.site_url
    for st in network.stations:
        out = subprocess.run(
            ["zbarimg", "--nodbus", "-q", "--raw", rasters[st.id, dpi]], capture_output=True, text=True
        ).stdout
        url = f"{base}s/{st.id}/"
        expected = {url} | ({wifi_payload(st.wifi)} if st.wifi else set())
        zx = {r.text for r in zxingcpp.read_barcodes(Image.open(rasters[st.id, dpi]))}
        for found in (set(out.splitlines()), zx):
            # The 32 mm Wi-Fi code is for scanning up close: at 50 dpi its modules are under 2 pixels.
            assert url in found and found <= expected, (st.id, dpi, found)
            assert dpi == 50 or found == expected, (st.id, dpi, found)


def test_raster_quiet_zone_is_white(rasters, network) -> None:
    """Around the big code, a band 4 modules wide is white in the 150 dpi raster (ISO/IEC 18004 §6.3.8)."""
    base = network.site.site_url
    for st in network.stations:
        img = Image.open(rasters[st.id, 150]).convert("L")
        url = f"{base}s/{st.id}/"
        result = next(r for r in zxingcpp.read_barcodes(img) if r.text == url)
        p = result.position
        left, right = min(p.top_left.x, p.bottom_left.x), max(p.top_right.x, p.bottom_right.x)  # ints
        top, bottom = min(p.top_left.y, p.top_right.y), max(p.bottom_left.y, p.bottom_right.y)
        modules = encode(url).size - 2 * QUIET_ZONE
        module = (right - left) / (modules - 1)  # ZXing reports module centres
        assert module * 25.4 / 150 * modules >= 119.5, st.id  # the symbol itself is ≥ 120 mm wide
        q = round(QUIET_ZONE * module) - 2  # 2 px of anti-aliasing at the outer edge
        px = img.load()
        dark = [
            (x, y)
            for y in range(top - q, bottom + 1 + q)
            for x in range(left - q, right + 1 + q)
            if not (left - 2 <= x <= right + 2 and top - 2 <= y <= bottom + 2) and px[x, y] < 200
        ]
        assert not dark, (st.id, dark[:5])


def test_every_pdf_embeds_its_fonts(print_dir: Path) -> None:
    pdfs = _pdf_files(print_dir)
    # posters and stickers, posters.pdf, stickers.pdf, stations.pdf, map.pdf, card.pdf
    assert len(pdfs) == 2 * 33 + 5
    for pdf in pdfs:
        out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, pdf
        for row in rows:
            # columns: name type encoding emb sub uni object ID; take emb from the right
            emb = row.split()[-5]
            assert emb == "yes", (pdf.name, row)
        assert "Noto" in out, pdf.name


def test_poster_text_has_station_name_and_call_to_action(print_dir: Path, network) -> None:
    for st in network.stations:
        text = subprocess.run(
            ["pdftotext", print_dir / "posters" / f"{st.id}.pdf", "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = re.sub(r"\s", "", text)
        assert st.name in flat, st.id
        assert "扫码查看开放时间、服务和最近的驿站" in flat
        assert f"{network.site.site_url}s/{st.id}/" in flat
        assert ("示范站点" in flat) == st.demo, st.id
        assert all(re.sub(r"\s", "", phone) in flat for phone in st.phones), st.id


def test_qr_stays_vector_in_the_pdf(print_dir: Path) -> None:
    out = subprocess.run(["pdfimages", "-list", print_dir / "posters" / "weixing.pdf"], capture_output=True, text=True)
    assert len(out.stdout.splitlines()) == 2  # header only: no raster image at all


def test_table_lists_all_stations_in_three_formats(print_dir: Path, network) -> None:
    names = [s.name for s in network.stations]
    raw = (print_dir / "stations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == names
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 34)]
    sheet = load_workbook(print_dir / "stations.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert [v[1] for v in values[1:]] == names and len(values) == 34
    assert [v[:7] for v in values[1:]] == [tuple(int(c) if i == 0 else c for i, c in enumerate(r)) for r in rows[1:]]
    text = re.sub(
        r"\s", "", subprocess.run(["pdftotext", print_dir / "stations.pdf", "-"], capture_output=True, text=True).stdout
    )
    assert all(n in text for n in names)
    info = subprocess.run(["pdfinfo", print_dir / "stations.pdf"], capture_output=True, text=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info  # landscape


def _markers(svg: Path) -> list[ET.Element]:
    root = ET.parse(svg).getroot()
    return [a for a in root.iter(f"{SVG}a") if "marker" in a.get("class", "").split()]


def test_map_svg_has_one_linked_marker_per_station(print_dir: Path, built_site: Path, network) -> None:
    markers = _markers(print_dir / "map.svg")
    assert len(markers) == 33
    by_id = {a.get("data-station"): a for a in markers}
    for number, st in enumerate(network.stations, 1):
        a = by_id[st.id]
        assert a.get("data-number") == str(number)  # same numbers as the table
        assert ("demo" in a.get("class").split()) == st.demo
        href = a.get("href")
        assert href == a.get("{http://www.w3.org/1999/xlink}href")
        target = urljoin("http://site/print/map.svg", href)
        assert target == f"http://site/s/{st.id}/"
        assert (built_site / "s" / st.id / "index.html").exists()
    root = ET.parse(print_dir / "map.svg").getroot()
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "图例" in texts and "北" in texts and ("公里" in texts or "米" in texts)


def test_map_page_and_pdf(built_site: Path, print_dir: Path) -> None:
    html = (built_site / "map" / "index.html").read_text(encoding="utf-8")
    pins = re.findall(r'<a class="bee-pin[^"]*" href="([^"]+)"', html)  # the web map: HTML pins over an image
    assert len(set(pins)) == 33 and all(h.startswith("../s/") for h in pins)
    svg = (print_dir / "map.svg").read_text(encoding="utf-8")  # the printed map keeps its linked markers
    hrefs = re.findall(r'<a class="marker[^"]*" href="([^"]+)"', svg)
    assert len(hrefs) == 33 and all(h.startswith("../s/") for h in hrefs)
    info = subprocess.run(["pdfinfo", print_dir / "map.pdf"], capture_output=True, text=True).stdout
    assert "(A3)" in info and re.search(r"^Pages:\s+1$", info, re.M)


def test_print_centre_and_station_pages_link_the_downloads(built_site: Path) -> None:
    centre = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    for name in ("posters.pdf", "stations.pdf", "stations.csv", "stations.xlsx", "map.pdf", "map.svg"):
        assert f'href="{name}"' in centre
    assert "打印中心" in (built_site / "index.html").read_text(encoding="utf-8")  # in the nav
    page = (built_site / "s" / "weixing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../print/posters/weixing.pdf"' in page
    assert not (built_site / "print" / "poster.css").exists()  # print templates are not site assets


_SAMPLE_WORDS = {"示例", "·", "电话为虚构"}
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def test_poster_footer_never_overlaps_the_call_to_action(print_dir: Path, network) -> None:
    """The footer (services, hours, phones) is pinned to the page foot; it must stay below the QR block."""
    for st in network.stations:
        out = subprocess.run(
            ["pdftotext", "-bbox", print_dir / "posters" / f"{st.id}.pdf", "-"], capture_output=True, text=True
        ).stdout
        words = [(float(m[2]), float(m[4]), m[5]) for m in _WORD.finditer(out) if m[5] not in _SAMPLE_WORDS]
        cta = next(i for i, w in enumerate(words) if w[2].startswith("扫码查看开放时间"))
        footer_top = min(w[0] for w in words[cta + 1 :])
        assert footer_top - words[cta][1] >= 5, (st.id, footer_top - words[cta][1])  # ≥ 5 pt (1.8 mm) apart


# What WeasyPrint logs about CSS or SVG it could not use: each means a print file differs from its design.
WEASYPRINT_WARNINGS = re.compile(r"Ignored |Unknown descriptor|Unsupported |Invalid |Failed to load|not supported")


def test_print_build_logs_no_weasyprint_warning(tmp_path: Path) -> None:
    """Print CSS that WeasyPrint ignores is silently wrong ink, and a warning on every build teaches staff to
    ignore warnings. The sample is built with an empty print cache, so every kind of file is rendered."""
    from conftest import EPOCH, SAMPLE, copy_project, run_cli

    project = copy_project(SAMPLE, tmp_path / "p")
    (project / ".cache").unlink()  # the shared cache would skip rendering, and its warnings with it
    result = run_cli(project, "build", "-d", str(tmp_path / "site"), env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "print" / "stations.pdf").is_file()
    assert not [line for line in result.stderr.splitlines() if WEASYPRINT_WARNINGS.search(line)]
