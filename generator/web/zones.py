"""Areas (片区) of a large network: its communities grouped by position, so no list page grows with the network.

A network with more than ZONE_SIZE communities gets a tree of areas: the communities are split by recursive
bisection of their centres (along the longer side, north before south and west before east) into at most
FANOUT areas of about equal size, and an area still holding more than ZONE_SIZE communities is split again
the same way. The directory's index then lists the top areas, an area's page its sub-areas or its
communities, and a community's page its stations: every station is a few links from the index, and each
page lists at most max(FANOUT, ZONE_SIZE) entries whatever the size of the network. The map page lists the
top areas too, as the text alternative to its pins.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..data.model import Network, Station
from ..render import community_url

ZONE_SIZE = 300
"""At most this many communities on one list page (the 10,000-station benchmark network has 278: one page)."""
FANOUT = 32
"""At most this many areas on one list page."""
ZONE_DIR = "stations/a"
_COMPASS = (("西北部", "北部", "东北部"), ("西部", "中部", "东部"), ("西南部", "南部", "东南部"))


@dataclass(frozen=True)
class Community:
    """A community of a large network: its directory page, its stations and their centre."""

    name: str
    url: str
    count: int
    closed: int
    lng: float
    lat: float


@dataclass
class Zone:
    """An area: its sub-areas, or (a leaf) its communities; `key` is its path in the tree ("3", "3-2")."""

    key: str
    communities: list[Community]
    """Every community under this area, sub-areas' included, by name."""
    children: list[Zone] = field(default_factory=list)
    compass: str = ""
    """Where its centre lies in the network (西北部 … 东南部), for a label riders can place."""

    @property
    def url(self) -> str:
        """The area's page, site-relative."""
        return f"{ZONE_DIR}/{self.key}/"

    @property
    def label(self) -> str:
        """片区 3-2（西北部）."""
        return f"片区 {self.key}（{self.compass}）"

    @property
    def stations(self) -> int:
        """Stations in the area."""
        return sum(c.count for c in self.communities)

    def examples(self, count: int = 3) -> list[str]:
        """The names of its largest communities, for riders to recognise the area by."""
        return [c.name for c in sorted(self.communities, key=lambda c: (-c.count, c.name))[:count]]

    def walk(self) -> list[Zone]:
        """This area and every area under it, parents first."""
        return [self, *(z for child in self.children for z in child.walk())]

    def leaves(self) -> list[Zone]:
        """The areas that list communities."""
        return [z for z in self.walk() if not z.children]


def communities(network: Network) -> list[Community]:
    """Every community of the network, by name, with its station count and the centre of its stations."""
    grouped: dict[str, list[Station]] = defaultdict(list)
    for st in network.stations:
        grouped[st.community].append(st)
    return [
        Community(
            name,
            community_url(name),
            len(sts),
            sum(not s.is_open for s in sts),
            sum(s.location.lng for s in sts) / len(sts),
            sum(s.location.lat for s in sts) / len(sts),
        )
        for name, sts in sorted(grouped.items())
    ]


def zone_tree(items: list[Community], size: int = ZONE_SIZE, fanout: int = FANOUT) -> Zone:
    """The tree of areas over `items` (the root holds them all; it has no children when they fit one page)."""
    root = Zone("", sorted(items, key=lambda c: c.name))
    bounds = _bounds(items)
    pending = [root]
    while pending:
        zone = pending.pop()
        if len(zone.communities) <= size:
            continue
        parts = min(fanout, math.ceil(len(zone.communities) / size))
        prefix = f"{zone.key}-" if zone.key else ""
        for n, part in enumerate(_split(zone.communities, parts), 1):
            child = Zone(prefix + str(n), sorted(part, key=lambda c: c.name), compass=_compass(part, bounds))
            zone.children.append(child)
            pending.append(child)
    return root


def _split(items: list[Community], parts: int) -> list[list[Community]]:
    """`parts` groups of about equal size, each a compact block of the map (recursive bisection)."""
    if parts <= 1:
        return [items]
    west, east = min(c.lng for c in items), max(c.lng for c in items)
    south, north = min(c.lat for c in items), max(c.lat for c in items)
    wide = (east - west) * math.cos(math.radians((south + north) / 2)) >= north - south
    # West first when cutting across, north first when cutting along; names break ties, so the result is stable.
    ordered = sorted(items, key=(lambda c: (c.lng, c.name)) if wide else (lambda c: (-c.lat, c.name)))
    first = parts // 2
    cut = round(len(ordered) * first / parts)
    return _split(ordered[:cut], first) + _split(ordered[cut:], parts - first)


def _bounds(items: list[Community]) -> tuple[float, float, float, float]:
    if not items:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(c.lng for c in items), max(c.lng for c in items), min(c.lat for c in items), max(c.lat for c in items))


def _compass(part: list[Community], bounds: tuple[float, float, float, float]) -> str:
    """西北部 … 东南部: the third of the network's extent (each way) in which the area's centre lies."""
    west, east, south, north = bounds
    lng = sum(c.lng for c in part) / len(part)
    lat = sum(c.lat for c in part) / len(part)
    col = min(2, int((lng - west) / (east - west) * 3)) if east > west else 1
    row = min(2, int((north - lat) / (north - south) * 3)) if north > south else 1
    return _COMPASS[row][col]


def zone_of(root: Zone) -> dict[str, Zone]:
    """The leaf area of each community (by name); empty when the communities fit one page."""
    return {c.name: leaf for leaf in root.leaves() if leaf is not root for c in leaf.communities}


def trail(root: Zone, zone: Zone) -> list[Zone]:
    """The areas from the top down to `zone`, without the root."""
    path: list[Zone] = []
    parts = zone.key.split("-") if zone.key else []
    node = root
    for n in parts:
        node = node.children[int(n) - 1]
        path.append(node)
    return path
