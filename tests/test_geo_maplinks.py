"""Distances, the grid nearest-neighbour index and the map deep links."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.data.geo import distance_m, format_distance, wgs84_to_gcj02
from generator.data.nearest import NearestIndex, Point
from generator.render import tel_url
from generator.web.maplinks import map_links


def test_distance_known_value() -> None:
    # One degree of latitude is about 111.2 km everywhere.
    assert distance_m(120.0, 31.0, 120.0, 32.0) == pytest.approx(111_195, rel=1e-3)


def test_nearest_matches_brute_force() -> None:
    rng = random.Random(7)
    pts = [Point(f"p{i}", 120.3 + rng.random() * 0.3, 31.4 + rng.random() * 0.3) for i in range(500)]
    index = NearestIndex(pts)
    for q in pts[:60]:
        got = [p.key for _, p in index.nearest(q.lng, q.lat, 3, exclude=q.key)]
        brute = sorted((distance_m(q.lng, q.lat, p.lng, p.lat), p.key) for p in pts if p.key != q.key)
        assert got == [k for _, k in brute[:3]]


def test_nearest_far_apart_and_small_sets() -> None:
    index = NearestIndex([Point("a", 120.0, 31.0), Point("b", 121.5, 31.9)])
    assert [p.key for _, p in index.nearest(120.0, 31.0, 3, exclude="a")] == ["b"]
    assert index.nearest(120.0, 31.0, 3, exclude="a")[0][0] > 100_000
    assert NearestIndex([]).nearest(120.0, 31.0, 3) == []


def test_wgs84_to_gcj02_offset_in_wuxi() -> None:
    # The GCJ-02 shift near Wuxi is a few hundred metres north-east-ish; it is never zero inside China.
    lng, lat = wgs84_to_gcj02(120.3563, 31.5357)
    shift = distance_m(120.3563, 31.5357, lng, lat)
    assert 300 < shift < 800
    assert lng > 120.3563


def test_format_distance() -> None:
    assert format_distance(834) == "830 米"
    assert format_distance(1234) == "1.2 公里"


def test_map_links_parameter_order() -> None:
    amap, baidu, tencent = map_links("卫星 & 站", "长江路;28号", 120.3612, 31.5388)
    q = parse_qs(urlsplit(amap.url).query)
    assert urlsplit(amap.url).netloc == "uri.amap.com"
    assert q["position"] == ["120.361200,31.538800"]  # Amap: lng,lat
    assert q["name"] == ["卫星 & 站"]
    q = parse_qs(urlsplit(baidu.url).query)
    assert q["location"] == ["31.538800,120.361200"]  # Baidu: lat,lng
    assert q["coord_type"] == ["gcj02"]
    q = parse_qs(urlsplit(tencent.url).query)
    # Tencent: lat,lng; the address's ';' must not start a new marker field.
    assert q["marker"] == ["coord:31.538800,120.361200;title:卫星 & 站;addr:长江路，28号"]
    assert all(link.url.startswith("https://") for link in (amap, baidu, tencent))


def test_tel_url_keeps_digits_only() -> None:
    assert tel_url("0510-0000 0101") == "tel:051000000101"


def test_nearest_from_a_point_outside_the_index_excludes_nothing_it_lacks() -> None:
    """A closed station asks for open neighbours; it is not indexed, so excluding it must not shrink k."""
    index = NearestIndex([Point("open-1", 120.36, 31.54)])
    assert [p.key for _, p in index.nearest(120.38, 31.52, 3, exclude="closed-1")] == ["open-1"]
    assert index.nearest(120.36, 31.54, 3, exclude="open-1") == []


def _brute(pts: list[Point], q: Point, k: int) -> list[tuple[float, str]]:
    return sorted((distance_m(q.lng, q.lat, p.lng, p.lat), p.key) for p in pts if p.key != q.key)[:k]


@pytest.mark.parametrize("layout", ["uniform", "clustered", "duplicates", "grid-ties", "outliers"])
def test_nearest_is_exactly_brute_force_on_random_networks(layout: str) -> None:
    """Same stations, same order, same distances as comparing every pair, whatever the density."""
    rng = random.Random(layout)
    n = 600
    if layout == "uniform":
        pts = [Point(f"s{i}", 120.30 + rng.random() * 0.15, 31.45 + rng.random() * 0.15) for i in range(n)]
    elif layout == "clustered":
        centres = [(120.3 + rng.random() * 0.15, 31.45 + rng.random() * 0.15) for _ in range(4)]
        pts = [Point(f"s{i}", rng.gauss(c[0], 0.002), rng.gauss(c[1], 0.002)) for i, c in
               enumerate(rng.choice(centres) for _ in range(n))]  # fmt: skip
    elif layout == "duplicates":  # several stations in one building
        spots = [(120.3 + rng.random() * 0.1, 31.5 + rng.random() * 0.1) for _ in range(100)]
        pts = [Point(f"s{i}", *rng.choice(spots)) for i in range(n)]
    elif layout == "grid-ties":  # equal distances everywhere: ties must break by key
        pts = [Point(f"s{i:04d}", 120.3 + (i % 40) * 0.001, 31.5 + (i // 40) * 0.001) for i in range(n)]
    else:  # a dense town plus stations tens of kilometres away
        pts = [Point(f"s{i}", 120.35 + rng.random() * 0.01, 31.5 + rng.random() * 0.01) for i in range(n - 20)]
        pts += [Point(f"far{i}", 119.0 + rng.random() * 3, 30.0 + rng.random() * 3) for i in range(20)]
    index = NearestIndex(pts)
    for q in rng.sample(pts, 60) + pts[-5:]:
        for k in (1, 3, 10):
            got = [(d, p.key) for d, p in index.nearest(q.lng, q.lat, k, exclude=q.key)]
            assert got == _brute(pts, q, k), (layout, q.key, k)
