"""Nearest stations at any density: a k-d tree over points on the unit sphere.

A grid with a fixed cell size gets slower as a region fills in (at 10,000 stations spread over one
district each query compared ~3,100 distances). A k-d tree's query cost depends on log N and k, not
on density or clustering. Points are placed on the unit sphere (x, y, z), where the straight-line
(chord) distance grows monotonically with the great-circle distance, so pruning by chord distance is
exact; candidates are ranked by the haversine distance of `geo.distance_m`, ties broken by key,
exactly as comparing every pair would rank them.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass

from .geo import EARTH_RADIUS_M, distance_m

_LEAF = 8
_SLACK = 1e-12  # chord units (~6 µm): rounding between the chord and haversine forms never prunes a tie


@dataclass(frozen=True)
class Point:
    """A located thing with a key (a station id)."""

    key: str
    lng: float
    lat: float


def _unit(lng: float, lat: float) -> tuple[float, float, float]:
    lam, phi = math.radians(lng), math.radians(lat)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


@dataclass
class _Node:
    """A leaf holds point indices; an inner node splits on one axis at `cut`."""

    items: list[int] | None = None
    axis: int = 0
    cut: float = 0.0
    low: _Node | None = None
    high: _Node | None = None


class NearestIndex:
    """Build once in O(N log N); each k-nearest query visits O(log N + k) nodes, whatever the density."""

    def __init__(self, points: Iterable[Point]):
        self._points = list(points)
        self._xyz = [_unit(p.lng, p.lat) for p in self._points]
        self._keys = {p.key for p in self._points}
        self._root = self._build(list(range(len(self._points))))

    def _build(self, items: list[int]) -> _Node:
        if len(items) <= _LEAF:
            return _Node(items=items)
        spans = [max(self._xyz[i][a] for i in items) - min(self._xyz[i][a] for i in items) for a in range(3)]
        axis = spans.index(max(spans))
        if spans[axis] == 0:  # all at one place: nothing to split
            return _Node(items=items)
        items.sort(key=lambda i: self._xyz[i][axis])
        mid = len(items) // 2
        cut = self._xyz[items[mid]][axis]
        return _Node(axis=axis, cut=cut, low=self._build(items[:mid]), high=self._build(items[mid:]))

    def nearest(self, lng: float, lat: float, k: int, exclude: str | None = None) -> list[tuple[float, Point]]:
        """The k nearest points as (metres, point), nearest first; ties broken by key for stable output."""
        # The excluded key may not be indexed at all (a closed station asking for open neighbours).
        want = min(k, len(self._keys) - (exclude in self._keys))
        if want <= 0:
            return []
        query = _unit(lng, lat)
        best: list[tuple[float, str, int]] = []  # a max-heap by (metres, key), as negated pairs
        self._search(self._root, query, lng, lat, want, exclude, best)
        ranked = sorted((-d, _unkey(key), i) for d, key, i in best)
        return [(d, self._points[i]) for d, _, i in ranked]

    def _search(
        self,
        node: _Node,
        query: tuple[float, float, float],
        lng: float,
        lat: float,
        want: int,
        exclude: str | None,
        best: list[tuple[float, str, int]],
    ) -> None:
        if node.items is not None:
            for i in node.items:
                p = self._points[i]
                if p.key == exclude:
                    continue
                negated = -distance_m(lng, lat, p.lng, p.lat)
                if len(best) < want:
                    heapq.heappush(best, (negated, _key_desc(p.key), i))
                elif negated >= best[0][0]:  # no further than the worst kept: only then compare keys
                    entry = (negated, _key_desc(p.key), i)
                    if entry > best[0]:
                        heapq.heapreplace(best, entry)
            return
        assert node.low is not None and node.high is not None
        gap = query[node.axis] - node.cut
        near, far = (node.high, node.low) if gap >= 0 else (node.low, node.high)
        self._search(near, query, lng, lat, want, exclude, best)
        if len(best) < want or abs(gap) <= _chord(-best[0][0]) + _SLACK:
            self._search(far, query, lng, lat, want, exclude, best)


def _chord(metres: float) -> float:
    """The straight-line distance on the unit sphere for a great-circle distance in metres."""
    return 2 * math.sin(min(metres / EARTH_RADIUS_M, math.pi) / 2)


def _key_desc(key: str) -> str:
    # The heap keeps the worst candidate on top: for equal distances the larger key is worse, so
    # store the key inverted (code points negated) to make heap order match "(metres, key)" order.
    return "".join(chr(0x10FFFF - ord(c)) for c in key) + "\U0010ffff"


def _unkey(stored: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in stored[:-1])
