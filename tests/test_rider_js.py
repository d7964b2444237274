"""Browser-side rider code checked in node against the Python core: WGS-84 -> GCJ-02, distances and map
links give the same results; every script is plain ES5 (WeChat's in-app browser)."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.data.geo import distance_m, format_distance, wgs84_to_gcj02
from generator.render import tel_url
from generator.web.maplinks import map_links

ROOT = Path(__file__).resolve().parents[1]
JS_DIR = ROOT / "theme" / "assets" / "javascripts"
GEO_JS = JS_DIR / "bee-geo.js"
ES5_FILES = [
    JS_DIR / "bee-boot.js",
    JS_DIR / "bee-geo.js",
    JS_DIR / "bee-near.js",
    JS_DIR / "bee-search.js",
    JS_DIR / "bee-404.js",
    JS_DIR / "bee-report.js",
    JS_DIR / "bee-map.js",
    JS_DIR / "bee-maptiles.js",
    ROOT / "generator" / "web" / "sw.js",
]

NODE_GEO = r"""
const geo = require(process.argv[1]);
const req = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  gcj: req.points.map(([lng, lat]) => geo.wgs84ToGcj02(lng, lat)),
  dist: req.pairs.map(([a, b, c, d]) => geo.distance(a, b, c, d)),
  fmt: req.metres.map(geo.formatDistance),
  links: req.stations.map(([n, a, lng, lat]) => geo.mapLinks(n, a, lng, lat)),
  tel: req.phones.map(geo.telUrl),
}));
"""


def _node(script: str, payload: dict) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run([node, "-e", script, str(GEO_JS)], input=json.dumps(payload), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.process  # runs the browser code in Node
def test_js_geo_matches_python(network) -> None:
    rng = random.Random(11)
    # Across China (and beyond its box, where both still apply the same formula).
    points = [(73 + rng.random() * 62, 18 + rng.random() * 36) for _ in range(300)]
    points += [(s.location.lng, s.location.lat) for s in network.stations]
    pairs = [
        (120.3 + rng.random() * 0.2, 31.4 + rng.random() * 0.2, 120.3 + rng.random() * 0.2, 31.5) for _ in range(50)
    ]
    metres = [0, 4, 5, 994, 995, 999, 1000, 1049, 1050, 12345.6]
    stations = [(s.name, s.address, s.location.lng, s.location.lat) for s in network.stations]
    stations.append(("A;B:C (x)!*'", "路 1号; 2:3 & <b>", 120.333333333, 31.5))
    phones = [p for s in network.stations for p in s.phones]
    got = _node(NODE_GEO, {"points": points, "pairs": pairs, "metres": metres, "stations": stations, "phones": phones})
    for (lng, lat), (jlng, jlat) in zip(points, got["gcj"], strict=True):
        plng, plat = wgs84_to_gcj02(lng, lat)
        assert jlng == pytest.approx(plng, abs=1e-12) and jlat == pytest.approx(plat, abs=1e-12)
    for p, d in zip(pairs, got["dist"], strict=True):
        assert d == pytest.approx(distance_m(*p), rel=1e-12)
    assert got["fmt"] == [format_distance(m) for m in metres]
    for (name, address, lng, lat), links in zip(stations, got["links"], strict=True):
        assert links == [[link.service, link.url] for link in map_links(name, address, lng, lat)]
    assert got["tel"] == [tel_url(p) for p in phones]


@pytest.mark.parametrize("path", ES5_FILES, ids=lambda p: p.name)
def test_rider_scripts_are_es5(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    code = re.sub(r'/\*.*?\*/|"(?:\\.|[^"\\])*"', "", source, flags=re.S)
    for bad in ("=>", "?.", "??", "`", "let ", "const ", "class ", "import ", "export "):
        assert bad not in code, bad
    assert not re.search(r"\basync\s+function|\bawait\s", code)
