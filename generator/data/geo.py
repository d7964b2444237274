"""Distances, nearest-neighbour search and coordinate conversion (GCJ-02 is the stored system)."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
_CELL_DEG = 0.02  # ~2 km grid cells at this latitude: a handful of stations per cell


def distance_m(lng1: float, lat1: float, lng2: float, lat2: float) -> float:
    """Great-circle (haversine) distance in metres.

    Points are compared in one system (GCJ-02); its offset from WGS-84 is locally almost a
    translation, so distances between two GCJ-02 points are accurate to metres.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Point:
    """A located thing with a key (a station id)."""

    key: str
    lng: float
    lat: float


class NearestIndex:
    """A uniform grid over lng/lat: building is O(N), a k-nearest query touches only nearby cells.

    This keeps "the 3 nearest stations" on every page linear in the number of stations
    instead of comparing every pair (N² at 10,000 stations is 10⁸ distances).
    """

    def __init__(self, points: Iterable[Point]):
        self._cells: dict[tuple[int, int], list[Point]] = defaultdict(list)
        for p in points:
            self._cells[self._cell(p.lng, p.lat)].append(p)
        self._keys = {p.key for c in self._cells.values() for p in c}

    @staticmethod
    def _cell(lng: float, lat: float) -> tuple[int, int]:
        return math.floor(lng / _CELL_DEG), math.floor(lat / _CELL_DEG)

    def nearest(self, lng: float, lat: float, k: int, exclude: str | None = None) -> list[tuple[float, Point]]:
        """The k nearest points as (metres, point), nearest first; ties broken by key for stable output."""
        # The excluded key may not be indexed at all (a closed station asking for open neighbours).
        want = min(k, len(self._keys - {exclude}))
        if want <= 0:
            return []
        cx, cy = self._cell(lng, lat)
        best: list[tuple[float, str, Point]] = []
        ring = 0
        # A ring r cells out is at least (r - 1) cells away; stop once that exceeds the k-th best.
        cell_m = _CELL_DEG * math.pi / 180 * EARTH_RADIUS_M * math.cos(math.radians(min(abs(lat), 89)))
        while True:
            for cell in _ring(cx, cy, ring):
                for p in self._cells.get(cell, ()):
                    if p.key != exclude:
                        best.append((distance_m(lng, lat, p.lng, p.lat), p.key, p))
            if len(best) >= want and (ring - 1) * cell_m > heapq.nsmallest(want, best)[-1][0]:
                break
            if ring > 2000:  # the whole plausible world has been searched
                break
            ring += 1
        return [(d, p) for d, _, p in heapq.nsmallest(want, best)]


def _ring(cx: int, cy: int, r: int) -> Sequence[tuple[int, int]]:
    if r == 0:
        return [(cx, cy)]
    cells = [(cx + dx, cy + dy) for dx in range(-r, r + 1) for dy in (-r, r)]
    cells += [(cx + dx, cy + dy) for dx in (-r, r) for dy in range(-r + 1, r)]
    return cells


# WGS-84 -> GCJ-02, the public-domain algorithm (as in `prcoords`/`eviltransform`), Krasovsky 1940 ellipsoid.
_A = 6378245.0
_EE = 0.00669342162296594323


def wgs84_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    """Convert browser (WGS-84) coordinates to the GCJ-02 system Amap and Tencent use."""
    dlat = _transform_lat(lng - 105.0, lat - 35.0)
    dlng = _transform_lng(lng - 105.0, lat - 35.0)
    rad = math.radians(lat)
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return lng + dlng, lat + dlat


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def format_distance(metres: float) -> str:
    """Human distance in Chinese UI style: '850 米' or '1.2 公里'."""
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} 米"
    return f"{metres / 1000:.1f} 公里"
