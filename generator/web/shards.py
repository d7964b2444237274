"""Station data for the in-browser nearest finder, cut into geographic tiles so a phone downloads little.

A region quadtree splits the data's bounding box until no tile holds more than `max_per_tile` stations.
The index is tiny whatever the network's size: the tree shape as one character per node in pre-order
(`1` = split into four, `2` = leaf with stations, `0` = empty leaf), so 100,000 stations make an index of a
few kilobytes. Children are ordered SW, SE, NW, NE (child = east + 2 × north). The browser (bee-geo.js)
decodes the same tree, orders leaves by their distance from the rider and fetches only the few it needs.

Records are self-describing: the index names the fields of every record (`"fields"`, the fields of
`ShardStation` in order), and the browser decodes a record by those names (`BeeGeo.decodeShard`), so a
field added on one side only fails the parity test instead of shifting every column. Shard shape:
`{"h": [schedule JSON, ...], "s": [[value per field], ...]}`; three fields are stored as indices:
`status` into the index's `statuses`, `hours` into the shard's `h` (schedules repeat a lot, so each
shard holds each once) and `services` into the index's `services`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from ..data.model import Network
from ..render import to_json

SHARD_DIR = "assets/bee/near"
MAX_PER_TILE = 48  # ~5 KB gzipped per tile with Chinese names and addresses
MAX_DEPTH = 20  # ~1 m tiles at the bottom: only identical coordinates could go deeper
STATUSES = ("open", "paused", "closed")


@dataclass(frozen=True)
class ShardStation:
    """What the finder needs of one station (kept apart from the pydantic model so benchmarks stay fast)."""

    id: str
    name: str
    lng: float
    lat: float
    status: str
    hours: dict
    """The compiled schedule (`Schedule.to_json()`)."""
    services: tuple[str, ...]
    phone: str
    address: str
    community: str
    since: str = ""
    """For a paused or closed station, the ISO date its status takes effect ("" when open): before that date
    the finder still lists it as open."""


FIELDS = tuple(f.name for f in fields(ShardStation))


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
            id=st.id,
            name=st.name,
            lng=st.location.lng,
            lat=st.location.lat,
            status=st.status,
            hours=st.schedule.to_json(),
            services=tuple(st.services),
            phone=st.phones[0],
            address=st.address,
            community=st.community,
            since=st.status_since.isoformat() if st.status_since and not st.is_open else "",
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
            shards[f"{SHARD_DIR}/{key}.json"] = to_json(_shard(members, svc_index))
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
    index = {
        "v": version,
        "root": [round(x, 6) for x in box],
        "tree": "".join(tree),
        "fields": list(FIELDS),
        "statuses": list(STATUSES),
        "services": list(service_ids),
    }
    return ShardSet({f"{SHARD_DIR}/index.json": to_json(index), **shards}, version)


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
        h = json.dumps(st.hours, separators=(",", ":"))
        if h not in seen:
            seen[h] = len(schedules)
            schedules.append(h)
        rows.append([_encode(name, getattr(st, name), seen[h], svc_index) for name in FIELDS])
    return {"h": [json.loads(h) for h in schedules], "s": rows}


def _encode(name: str, value: object, hours_index: int, svc_index: dict[str, int]) -> object:
    """One record value as stored: indices for status, hours and services, 6 decimals for coordinates."""
    if name == "status":
        return STATUSES.index(str(value))
    if name == "hours":
        return hours_index
    if name == "services":
        return [svc_index[x] for x in value]  # type: ignore[attr-defined]
    if name in ("lng", "lat"):
        return round(value, 6)  # type: ignore[call-overload]
    return value
