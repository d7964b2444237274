"""Door stickers rendered a batch to a document, split into single files and imposed on A4 sheets.

Checked with real tools: pdfinfo -box on every page, pdffonts, pdftotext -bbox, zbar and ZXing, pypdf.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from conftest import print_settings
from PIL import Image
from pypdf import PdfReader

from generator.printing.assemble import split_pdf
from generator.printing.batches import batches
from generator.printing.pdfrender import render_pdf
from generator.printing.pdfx import ICC_PROFILE, profile_css
from generator.printing.plan import PrintSettings, build_stickers, bundle_ids, prepare, sticker_path
from generator.printing.stickers import SHEET
from generator.writer import SiteWriter

MM = 72 / 25.4
_BOX = re.compile(r"^Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", re.M)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def test_batches_are_bounded_and_do_not_move_when_a_station_is_added() -> None:
    ids = [f"st-{i:05d}" for i in range(1000)]
    runs = batches(ids, 48)
    assert sorted(i for run in runs for i in run) == sorted(ids)
    assert all(list(run) == sorted(run) for run in runs)
    assert len(ids) / len(runs) <= 48 and max(len(run) for run in runs) < 2 * 48
    assert batches(list(reversed(ids)), 48) == runs  # the order in stations.yaml does not matter
    grown = batches([*ids, "aa-new"], 48)
    assert sum(a != b for a, b in zip(runs, grown, strict=True)) == 1  # only the newcomer's batch changes
    assert batches(ids[:33], 48) == [tuple(ids[:33])]  # a small network is one document


def _boxes(pdf: Path) -> dict[int, dict[str, tuple[float, ...]]]:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", str(n), pdf], capture_output=True, text=True).stdout
    pages: dict[int, dict[str, tuple[float, ...]]] = {}
    for m in _BOX.finditer(out):
        pages.setdefault(int(m[1]), {})[m[2]] = tuple(float(v) for v in m.groups()[2:])
    assert len(pages) == n, pdf
    return pages


def _decode(png: Path) -> set[str]:
    zbar = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", png], capture_output=True, text=True).stdout
    zx = {r.text for r in zxingcpp.read_barcodes(Image.open(png))}
    assert set(zbar.splitlines()) == zx, png  # both decoders agree
    return zx


@pytest.mark.print
def test_split_files_keep_boxes_output_intent_fonts_and_their_own_dates(tmp_path: Path) -> None:
    """Each file split from a rendered document is that page: same boxes, PDF/X-4 intent, fonts, its date."""
    page = "@page { size: 100mm 100mm; margin: 0; bleed: 2mm; marks: crop; }"
    body = "".join(f'<p style="break-after: page">驿站 {i} <b>门贴</b></p>' for i in range(3))
    style = f"<style>{page} html {{ font-family: 'Noto Sans CJK SC' }}</style>"
    profile = f"<style>{profile_css('pdf/x-4')}</style>"
    source = tmp_path / "all.pdf"
    html = f"<html><head>{style}{profile}</head><body>{body}</body></html>"
    source.write_bytes(render_pdf(html, ".", "pdf/x-4", (str(ICC_PROFILE),)))
    dates = ["2025-03-01T00:00:00Z", "2025-04-02T00:00:00Z", "2026-11-18T00:00:00Z"]
    parts = split_pdf(source.read_bytes(), dates)
    assert split_pdf(source.read_bytes(), dates) == parts  # reproducible
    whole = _boxes(source)
    for i, data in enumerate(parts):
        single = tmp_path / f"{i}.pdf"
        single.write_bytes(data)
        assert _boxes(single) == {1: whole[i + 1]}
        text = subprocess.run(["pdftotext", single, "-"], capture_output=True, text=True, check=True).stdout
        assert f"驿站 {i}" in text and all(f"驿站 {j}" not in text for j in range(3) if j != i)
        fonts = subprocess.run(["pdffonts", single], capture_output=True, text=True, check=True).stdout
        assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:]), fonts  # embedded
        info = subprocess.run(["pdfinfo", "-isodates", single], capture_output=True, text=True, check=True).stdout
        assert re.search(rf"^CreationDate:\s+{dates[i][:10]}", info, re.M), info
        root = PdfReader(io.BytesIO(data)).trailer["/Root"]
        assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFX"
        xmp = root["/Metadata"].get_object().get_data()
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        assert xmp.count(dates[i].encode()) == 3  # CreateDate, ModifyDate, MetadataDate


@pytest.fixture(scope="module")
def stickers(root: Path, network, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PrintSettings]:
    """The sample's stickers in batches of about 8 (several documents), in a cache of their own."""
    tmp = tmp_path_factory.mktemp("stickers")
    settings = print_settings(root, tmp, sticker_batch=8)
    stats = build_stickers(network, settings, prepare(network, settings), SiteWriter(tmp / "site"))
    assert len(stats.misses) == len(network.stations) and not stats.hits
    return tmp / "site" / "print", settings


@pytest.mark.print
def test_batched_stickers_are_single_pages_that_decode(stickers, network, tmp_path: Path) -> None:
    folder, _ = stickers
    assert len(batches([s.id for s in network.stations], 8)) > 1
    base = network.site.site_url
    for st in network.stations:
        pdf = folder / "stickers" / f"{st.id}.pdf"
        box = _boxes(pdf)[1]
        t, b = box["TrimBox"], box["BleedBox"]
        assert ((t[2] - t[0]) / MM, (t[3] - t[1]) / MM) == pytest.approx((100, 100), abs=0.05), st.id
        assert (t[0] - b[0]) / MM == pytest.approx(2, abs=0.05), st.id
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-singlefile", pdf, tmp_path / st.id], check=True)
        assert _decode(tmp_path / f"{st.id}.png") == {f"{base}s/{st.id}/"}
        text = re.sub(r"\s", "", subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
        assert st.name in text
        others = [s.name for s in network.stations if s.name != st.name and s.name not in st.name]
        assert not [n for n in others if n in text], st.id  # a split file holds its own page only


@pytest.mark.print
def test_sheet_places_each_sticker_in_its_slot(stickers, network, tmp_path: Path) -> None:
    """stickers.pdf is imposed from the single pages: four to an A4 page, each trimmed into its slot."""
    folder, settings = stickers
    sheet = folder / "stickers.pdf"
    keep = bundle_ids(network, settings)
    pages = _boxes(sheet)
    assert len(pages) == -(-len(keep) // 4)
    for box in pages.values():
        assert box["TrimBox"] == box["MediaBox"] == pytest.approx((0, 0, 595.28, 841.89), abs=0.01)
    out = subprocess.run(["pdftotext", "-bbox", sheet, "-"], capture_output=True, text=True, check=True).stdout
    per_page = out.split("<page ")[1:]
    for n, sid in enumerate(keep):
        left, top = SHEET.slots[n % 4]
        name = network.station_by_id[sid].name
        hit = [m for m in _WORD.finditer(per_page[n // 4]) if m[5] == name]
        assert hit, sid
        x0, y0, x1, y1 = (float(v) for v in hit[0].groups()[:4])
        assert left * MM <= x0 and x1 <= (left + 100) * MM and top * MM <= y0 and y1 <= (top + 100) * MM, sid
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", sheet, tmp_path / "p"], check=True)
    base = network.site.site_url
    assert _decode(next(tmp_path.glob("p*.png"))) == {f"{base}s/{sid}/" for sid in keep[:4]}


@pytest.mark.print
def test_an_edit_rerenders_its_batch_and_a_rebuild_renders_nothing(stickers, network, tmp_path: Path) -> None:
    _, settings = stickers
    plan = prepare(network, settings)
    cache = settings.cache_dir / "pdf"
    before = set(cache.iterdir())
    again = build_stickers(network, settings, plan, SiteWriter(tmp_path / "again"))
    assert not again.misses and len(again.hits) == len(network.stations)
    assert set(cache.iterdir()) == before  # nothing rendered, nothing split, no new sheet
    edited = network.stations[4].model_copy(update={"phones": ["0510-0000 9999"], "name": "新名字驿站"})
    changed = replace(network, stations=(*network.stations[:4], edited, *network.stations[5:]))
    third = build_stickers(changed, settings, plan, SiteWriter(tmp_path / "edited"))
    run = next(r for r in batches([s.id for s in network.stations], 8) if edited.id in r)
    assert sorted(third.misses) == sorted(sticker_path(i) for i in run)
    pdf = tmp_path / "edited" / sticker_path(edited.id)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert "新名字驿站" in re.sub(r"\s", "", text)


@pytest.mark.print
def test_batched_stickers_are_byte_identical_across_builds(root: Path, network, tmp_path: Path) -> None:
    small = replace(network, stations=network.stations[:9])
    outputs = []
    for run in ("a", "b"):
        settings = print_settings(root, tmp_path / run, sticker_batch=4)
        build_stickers(small, settings, prepare(small, settings), SiteWriter(tmp_path / run / "site"))
        site = tmp_path / run / "site"
        outputs.append({p.relative_to(site): p.read_bytes() for p in site.rglob("*.pdf")})
    assert len(outputs[0]) == 9 + 1
    assert outputs[0] == outputs[1]
