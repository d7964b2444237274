"""Print core without a site build: QR payloads and matrices, Wi-Fi escaping, manifest, table, map projection."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from generator.data import load_network
from generator.data.geo import distance_m
from generator.data.model import Wifi
from generator.errors import DataErrors
from generator.printing.guidemap import fit, scale_bar
from generator.printing.manifest import (
    ManifestError,
    check_manifest,
    dump_manifest,
    load_manifest,
    moved_urls,
    with_new_stations,
)
from generator.printing.qr import (
    QUIET_ZONE,
    QRVersionWarning,
    encode,
    station_code,
    wifi_payload,
)
from generator.printing.table import station_rows, to_csv

BASE = "https://bee.example.org/"


def _decode_matrix(matrix, scale: int = 8) -> list[str]:
    """Draw the module matrix as a bitmap (no SVG renderer involved) and decode it with ZXing."""
    n = len(matrix)
    img = Image.new("L", (n * scale, n * scale), 255)
    px = img.load()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        px[x * scale + dx, y * scale + dy] = 0
    return [r.text for r in zxingcpp.read_barcodes(img)]


def test_station_payload_is_the_permanent_url_at_level_q(network) -> None:
    for st in network.stations:
        code = station_code(BASE, st)
        assert code.payload == f"{BASE}s/{st.id}/"
        assert code.version <= 4, st.id  # the sample's longest URL still fits version 4-Q
        assert code.size == 4 * code.version + 17 + 2 * QUIET_ZONE
    code = station_code(BASE, network.station_by_id["jiangxi-center"])
    assert _decode_matrix(code.matrix) == [code.payload]


def test_quiet_zone_is_four_light_modules_and_painted_white(network) -> None:
    code = station_code(BASE, network.stations[0])
    m = code.matrix
    band = [row[:QUIET_ZONE] + row[-QUIET_ZONE:] for row in m] + [list(r) for r in m[:QUIET_ZONE] + m[-QUIET_ZONE:]]
    assert not any(any(row) for row in band)
    assert any(m[QUIET_ZONE][QUIET_ZONE : QUIET_ZONE + 7])  # the finder pattern starts right after it
    svg = str(code.svg())
    assert f'<rect width="{code.size}" height="{code.size}" fill="#fff"/>' in svg  # not transparent
    assert "<image" not in svg and "<path" in svg  # vector


def test_long_url_warns_with_a_hint(network) -> None:
    st = network.stations[0].model_copy(update={"id": "a" * 32})
    with pytest.warns(QRVersionWarning, match="请缩短 site_url 的域名或路径"):
        code = station_code("https://bee-stations.example.org/", st)
    assert code.version > 4


@pytest.mark.parametrize(
    ("wifi", "expected"),
    [
        (Wifi(ssid="Bee-CJL"), "WIFI:T:nopass;S:Bee-CJL;;"),
        (Wifi(ssid="JiangXi", password="jx202688"), "WIFI:T:WPA;S:JiangXi;P:jx202688;;"),
        (Wifi(ssid='a;b,c:d"e\\f', password="p;w:d"), 'WIFI:T:WPA;S:a\\;b\\,c\\:d\\"e\\\\f;P:p\\;w\\:d;;'),
        (Wifi(ssid="小蜜蜂驿站", password="密码1"), "WIFI:T:WPA;S:小蜜蜂驿站;P:密码1;;"),
    ],
)
def test_wifi_payload_escapes_and_decodes(wifi: Wifi, expected: str) -> None:
    payload = wifi_payload(wifi)
    assert payload == expected
    assert _decode_matrix(encode(payload).matrix) == [payload]


def test_missing_site_url_is_a_located_data_error(tmp_path: Path, sample: Path) -> None:
    """QR codes, feeds and canonical links need it: checked once, while loading, like any other field."""
    text = (sample / "stations.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("site_url:")]
    data = tmp_path / "stations.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_network(data, "stations.yaml")
    site_line = next(i for i, line in enumerate(lines, 1) if line.startswith("site:"))
    assert [str(e) for e in exc.value.errors] == [
        f"stations.yaml:{site_line + 1}:3: 网站设置（site）：缺少必填字段 site_url（网址）（提示：加上 `site_url: …`）"
    ]


def test_no_cjk_font_is_a_clear_error(tmp_path: Path, root: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>' + str(tmp_path) + "</dir></fontconfig>\n")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = "from generator.printing.printenv import require_cjk_font; require_cjk_font()"
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "没有安装中文字体" in result.stderr
    assert "fonts-noto-cjk" in result.stderr


def test_manifest_refuses_a_deleted_station(network, tmp_path: Path) -> None:
    issued = with_new_stations([], network, BASE, date(2026, 11, 1))
    path = tmp_path / "print-manifest.json"
    path.write_text(dump_manifest(issued), encoding="utf-8")
    assert load_manifest(path) == issued
    check_manifest(issued, network)  # all present: fine
    smaller = replace(network, stations=tuple(s for s in network.stations if s.id != "weixing"))
    with pytest.raises(ManifestError) as exc:
        check_manifest(load_manifest(path), smaller)
    message = str(exc.value)
    assert "'weixing' 的网址 https://bee.example.org/s/weixing/ 在 2026-11-01 印上了海报" in message
    assert "status: closed" in message
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"weixing"' in text)
    assert message.startswith(f"print-manifest.json:{line}:1: 驿站 'weixing'")


def test_manifest_appends_new_stations_sorted(network) -> None:
    first = replace(network, stations=network.stations[:5])
    issued = with_new_stations([], first, BASE, date(2026, 1, 1))
    later = with_new_stations(issued, network, BASE, date(2026, 11, 28))
    assert [e.id for e in later] == sorted(s.id for s in network.stations)
    dates = {e.id: e.first_issued for e in later}
    assert all(dates[s.id] == date(2026, 1, 1) for s in network.stations[:5])
    assert all(dates[s.id] == date(2026, 11, 28) for s in network.stations[5:])
    assert with_new_stations(later, network, BASE, date(2027, 1, 1)) == later  # idempotent
    entries = json.loads(dump_manifest(later))["issued"]
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)


def test_manifest_notices_a_changed_host(network) -> None:
    issued = with_new_stations([], network, BASE, date(2026, 1, 1))
    assert moved_urls(issued, network, BASE) == []
    moved = moved_urls(issued, network, "https://new.example.org/")
    assert len(moved) == 33 and "旧网址要一直跳转到新网址" in moved[0]


@pytest.mark.print
def test_font_subsetting_is_fast(root: Path) -> None:
    """WeasyPrint found libharfbuzz-subset0; without it a poster takes ~25 s instead of ~0.3 s."""
    from generator.printing.printenv import has_fast_subsetting

    assert has_fast_subsetting(), "libharfbuzz-subset0 missing"


def test_committed_manifest_covers_every_sample_station(sample: Path, network) -> None:
    issued = load_manifest(sample / "print-manifest.json")
    assert {e.id for e in issued} == {s.id for s in network.stations}
    assert all(e.url == f"{network.site.site_url}s/{e.id}/" for e in issued)


def test_csv_has_a_bom_and_every_station(network) -> None:
    data = to_csv(station_rows(network))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("编号,名称,地址,电话,开放时间,服务")
    assert len(lines) == 1 + 33


def test_projection_scale_bar_is_true(network) -> None:
    """One SVG unit is the same distance everywhere on the map, within 1 %, checked against haversine."""
    pts = [(s.location.lng, s.location.lat) for s in network.stations]
    proj = fit(pts)
    a, b = network.station_by_id["jiangxi-center"].location, network.station_by_id["telecom-cjl"].location
    (x1, y1), (x2, y2) = proj.xy(a.lng, a.lat), proj.xy(b.lng, b.lat)
    svg_m = math.hypot(x2 - x1, y2 - y1) / proj.scale
    assert svg_m == pytest.approx(distance_m(a.lng, a.lat, b.lng, b.lat), rel=0.01)
    metres, length, label = scale_bar(proj)
    assert length == pytest.approx(metres * proj.scale, abs=0.1)
    assert label in ("1 公里", "2 公里", "500 米", "2500 米")
