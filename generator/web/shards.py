"""Station data for the in-browser nearest finder, cut into geographic tiles so a phone downloads little.

A region quadtree splits the data's bounding box until no tile holds more than `max_per_tile` stations.
The index is tiny whatever the network's size: the tree shape as one character per node in pre-order
(`1` = split into four, `2` = leaf with stations, `0` = empty leaf), so 100,000 stations make an index of a
few kilobytes. Children are ordered SW, SE, NW, NE (child = east + 2 × north). The browser (bee-geo.js)
decodes the same tree, orders leaves by their distance from the rider and fetches only the few it needs.

Shard shape: `{"h": [schedule JSON, ...], "s": [[id, name, lng, lat, status, hours index, [service
indices], phone, address, community], ...]}`. Schedules repeat a lot, so each shard holds each once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..data.model import Network

SHARD_DIR = "assets/bee/near"
MAX_PER_TILE = 48  # ~5 KB gzipped per tile with Chinese names and addresses
MAX_DEPTH = 20  # ~1 m tiles at the bottom: only identical coordinates could go deeper
STATUS_CODE = {"open": 0, "paused": 1, "closed": 2}


@dataclass(frozen=True)
class ShardStation:
    """What the finder needs of one station (kept apart from the pydantic model so benchmarks stay fast)."""

    id: str
    name: str
    lng: float
    lat: float
    status: str
    schedule: dict
    services: tuple[str, ...]
    phone: str
    address: str
    community: str


@dataclass(frozen=True)
class ShardSet:
    """The index and every shard, each as compact JSON text keyed by its site-relative path."""

    files: dict[str, str]
    version: str

    @property
    def index_path(self) -> str:
        """Where the finder starts."""
        return f"{SHARD_DIR}/index.json"


def records(network: Network) -> list[ShardStation]:
    """The finder's view of every station; paused and closed ones are kept, marked, and skipped by the finder."""
    return [
        ShardStation(
            st.id,
            st.name,
            st.location.lng,
            st.location.lat,
            st.status,
            st.schedule.to_json(),
            tuple(st.services),
            st.phones[0],
            st.address,
            st.community,
        )
        for st in network.stations
    ]


def build_shards(
    stations: Sequence[ShardStation], service_ids: Sequence[str], max_per_tile: int = MAX_PER_TILE
) -> ShardSet:
    """Cut the stations into quadtree tiles; returns the index and the shard files."""
    box = _bounds(stations)
    tree: list[str] = []
    shards: dict[str, str] = {}
    svc_index = {s: i for i, s in enumerate(service_ids)}
    # Explicit stack rather than recursion: deep trees on clustered data stay far from Python's limit.
    stack: list[tuple[str, tuple[float, float, float, float], list[ShardStation]]] = [("r", box, list(stations))]
    while stack:
        key, (w, s, e, n), members = stack.pop()
        if not members:
            tree.append("0")
        elif len(members) <= max_per_tile or len(key) > MAX_DEPTH:
            tree.append("2")
            shards[f"{SHARD_DIR}/{key}.json"] = _dump(_shard(members, svc_index))
        else:
            tree.append("1")
            mx, my = (w + e) / 2, (s + n) / 2
            quads: list[list[ShardStation]] = [[], [], [], []]
            for st in members:
                quads[(st.lng >= mx) + 2 * (st.lat >= my)].append(st)
            boxes = [(w, s, mx, my), (mx, s, e, my), (w, my, mx, n), (mx, my, e, n)]
            # Pushed in reverse so child 0 is processed (and written to `tree`) first: pre-order.
            for child in (3, 2, 1, 0):
                stack.append((f"{key}{child}", boxes[child], quads[child]))
    version = hashlib.sha256("".join(tree).encode() + b"".join(v.encode() for v in shards.values())).hexdigest()[:12]
    index = {"v": version, "root": [round(x, 6) for x in box], "tree": "".join(tree), "services": list(service_ids)}
    return ShardSet({f"{SHARD_DIR}/index.json": _dump(index), **shards}, version)


def _bounds(stations: Iterable[ShardStation]) -> tuple[float, float, float, float]:
    pts = [(s.lng, s.lat) for s in stations]
    if not pts:
        return (0.0, 0.0, 1.0, 1.0)
    w, e = min(p[0] for p in pts), max(p[0] for p in pts)
    s, n = min(p[1] for p in pts), max(p[1] for p in pts)
    # A small margin keeps points on the east/north edge inside the half-open child boxes.
    pad = max(e - w, n - s, 1e-4) * 1e-3
    return (w - pad, s - pad, e + pad, n + pad)


def _shard(members: list[ShardStation], svc_index: dict[str, int]) -> dict:
    schedules: list[str] = []
    seen: dict[str, int] = {}
    rows = []
    for st in sorted(members, key=lambda m: m.id):
        h = json.dumps(st.schedule, separators=(",", ":"))
        if h not in seen:
            seen[h] = len(schedules)
            schedules.append(h)
        rows.append(
            [
                st.id,
                st.name,
                round(st.lng, 6),
                round(st.lat, 6),
                STATUS_CODE[st.status],
                seen[h],
                [svc_index[x] for x in st.services],
                st.phone,
                st.address,
                st.community,
            ]
        )
    return {"h": [json.loads(h) for h in schedules], "s": rows}


def _dump(value: object) -> str:
    # The finder inserts data with textContent only; escaping <, > and & as \u00XX as well keeps the JSON
    # harmless even if someone ever inlines it into HTML (same output once parsed).
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
