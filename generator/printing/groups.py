"""Splitting print files by community once one file would stop being usable.

A table of 10,000 stations is an 800-page PDF and a map with 10,000 markers is a grey smear, so
above a size limit the table and the map become several files, each covering whole communities
(sorted by name, packed in order up to the limit). Below it, one file holds everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..data.model import Network, Station

TABLE_LIMIT = 400  # stations per table PDF: about 35 A4 pages
MAP_LIMIT = 90  # markers per A3 map: two legend columns (41 + 50) of full names at 10 pt beside the map
CARD_LIMIT = 40  # rows the pocket card's two table panels hold at 7.5 pt: 22 of two lines each (cardsheet.py)


@dataclass(frozen=True)
class PartSizes:
    """Stations per part of each kind of sheet: carried in the print settings to the worker processes
    that plan the sheets (tests set small ones to print the sample as a large network)."""

    table: int = TABLE_LIMIT
    map: int = MAP_LIMIT
    card: int = CARD_LIMIT


@dataclass(frozen=True)
class Group:
    """Stations that share one print file; `key` is "" for the single whole-network file."""

    key: str
    communities: tuple[str, ...]
    stations: tuple[Station, ...]

    @property
    def title(self) -> str:
        """How the print centre and the file's heading name the part."""
        if not self.key:
            return "全部驿站"
        first, last = self.communities[0], self.communities[-1]
        return first if first == last else f"{first} 至 {last}"


def split(network: Network, limit: int) -> list[Group]:
    """One group for the whole network when it fits `limit`, else runs of whole communities up to `limit`."""
    if len(network.stations) <= limit:
        return [Group("", tuple(sorted({s.community for s in network.stations})), network.stations)]
    ordered = sorted(network.stations, key=lambda s: s.community)
    groups: list[Group] = []
    names: list[str] = []
    members: list[Station] = []
    for community, found in groupby(ordered, key=lambda s: s.community):
        stations = list(found)
        if members and len(members) + len(stations) > limit:
            groups.append(_group(len(groups) + 1, names, members))
            names, members = [], []
        names.append(community)
        members += stations
    groups.append(_group(len(groups) + 1, names, members))
    return groups


def _group(index: int, names: list[str], members: list[Station]) -> Group:
    return Group(f"{index:03d}", tuple(names), tuple(members))
