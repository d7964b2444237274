"""Station pages: one page per station at its permanent URL `s/<id>/`, without MkDocs.

Each page body is HTML rendered with autoescaping on (MkDocs' own Jinja environment has autoescape
off). Station pages are never navigation entries: Material renders the whole nav into every page,
which would make the site's size grow with the square of the number of stations.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from jinja2 import Environment

from ..data.geo import distance_m, format_distance
from ..data.hours import describe_hours
from ..data.model import Network, Station
from ..data.nearest import NearestIndex, Point
from ..i18n import tr
from ..render import GeneratedFile, compact_html, generated_page, report_url, sprite, station_source
from .maplinks import MapLink, map_links
from .options import WebOptions
from .photos import Photo

ALWAYS_ICONS = frozenset({"phone", "place", "nav", "clock", "near", "alert", "wifi", "print"})


@dataclass(frozen=True)
class Nearby:
    """Another station near this one."""

    station: Station
    metres: float

    @property
    def distance(self) -> str:
        """Human-readable distance."""
        return format_distance(self.metres)


@dataclass(frozen=True)
class Alternative(Nearby):
    """An open station to go to instead of a closed one, with its own call and navigation buttons."""

    successor: bool = False

    @property
    def links(self) -> list[MapLink]:
        """Its Amap, Baidu and Tencent links."""
        st = self.station
        return map_links(st.name, st.address, st.location.lng, st.location.lat)


def page_state(st: Station, today: date) -> str:
    """'open', 'closed' (paused or closed now) or 'scheduled' (paused or closed from a date after `today`)."""
    if st.is_open:
        return "open"
    return "scheduled" if st.status_since is not None and st.status_since > today else "closed"


# Bodies by a fingerprint of everything they are made of, kept for the life of the process: a live
# preview re-renders only the pages an edit touched (the edited station and the pages naming it).
_BODIES: dict[str, str] = {}


def build_station_pages(
    network: Network, options: WebOptions, env: Environment, photos: Mapping[str, tuple[Photo, ...]] | None = None
) -> Iterator[GeneratedFile]:
    """One page per station at s/<id>/, each with its nearest open neighbours.

    A build defers each body to when the engine writes the page (holding them all took 2 GB at 100,000
    stations); a live preview renders them here, keyed by what they are made of, to reuse them next time.
    """
    points = tuple(Point(s.id, s.location.lng, s.location.lat) for s in network.stations if s.is_open)
    index = _kept_index(points) if options.keep_bodies else NearestIndex(points)
    template = env.get_template("fragments/station.html")
    salt = shared_inputs(network, options) if options.keep_bodies else ""
    # Each station's JSON once per build: a fingerprint names the station and its neighbours (five a page).
    dumps = {s.id: s.model_dump_json() for s in network.stations} if options.keep_bodies else {}
    if len(_BODIES) > 4 * len(network.stations) + 100:
        _BODIES.clear()
    for st in network.stations:
        if options.keep_bodies:
            body: str | Callable[[], str] = _kept_body(salt, dumps, template, network, options, st, index, photos)
        else:
            body = partial(_body, template, network, options, st, index, photos)
        # Station pages stay out of Material's search index: station search has its own files (search.py), and
        # indexing thousands of pages (HTML parsing plus jieba segmentation) dominated build time.
        origin = tr(f"stations.yaml 里驿站 {st.id!r} 的页面", f"the page of station {st.id!r} in stations.yaml")
        yield generated_page(
            station_source(st.id),
            st.name,
            description(network, st),
            body,
            hide_nav=True,
            search=False,
            origin=origin,
            compacted=True,  # one string, shared with _BODIES in a preview
        )


def _nearby(network: Network, index: NearestIndex, st: Station, options: WebOptions) -> list[Nearby]:
    """The open stations nearest to `st` (one more than shown: a closed station's alternatives may need it)."""
    found = index.nearest(st.location.lng, st.location.lat, options.nearest + 1, exclude=st.id)
    return [Nearby(network.station_by_id[p.key], d) for d, p in found]


class _KeptNearest(NearestIndex):
    """An index that remembers its answers."""

    def __init__(self, points: tuple[Point, ...]):
        super().__init__(points)
        self.points = points
        self.found: dict[tuple[float, float, int, str | None], list[tuple[float, Point]]] = {}

    def nearest(self, lng: float, lat: float, k: int, exclude: str | None = None) -> list[tuple[float, Point]]:
        """The index's answer, worked out once per question."""
        key = (lng, lat, k, exclude)
        if key not in self.found:
            self.found[key] = super().nearest(lng, lat, k, exclude)
        return self.found[key]


_KEPT_INDEX: list[_KeptNearest] = []


def _kept_index(points: tuple[Point, ...]) -> _KeptNearest:
    """A live preview's index of the open stations, kept with its answers while they are the same stations at
    the same places (most edits change neither): the answers depend on nothing else."""
    if not _KEPT_INDEX or _KEPT_INDEX[0].points != points:
        _KEPT_INDEX[:] = [_KeptNearest(points)]
    return _KEPT_INDEX[0]


def _body(
    template: Any,
    network: Network,
    options: WebOptions,
    st: Station,
    index: NearestIndex,
    photos: Mapping[str, tuple[Photo, ...]] | None,
) -> str:
    return _render(template, network, options, st, _nearby(network, index, st, options), photos)


def _kept_body(
    salt: str,
    dumps: Mapping[str, str],
    template: Any,
    network: Network,
    options: WebOptions,
    st: Station,
    index: NearestIndex,
    photos: Mapping[str, tuple[Photo, ...]] | None,
) -> str:
    """A live preview's body, rendered again only when something it is made of changed."""
    near = _nearby(network, index, st, options)
    key = _fingerprint(salt, dumps, st, near, options, (photos or {}).get(st.id, ()))
    if key not in _BODIES:
        _BODIES[key] = _render(template, network, options, st, near, photos)
    return _BODIES[key]


def shared_inputs(network: Network, options: WebOptions) -> str:
    """What every page listing or showing stations depends on besides its stations, as a digest: site,
    catalogue, options, templates and icons."""
    templates = sorted(
        (p.relative_to(options.theme_dir).as_posix(), p.stat().st_mtime_ns)
        for folder in ("fragments", "icons")
        for p in (options.theme_dir / folder).rglob("*")
        if p.is_file()
    )
    parts = [
        network.site.model_dump_json(),
        [s.model_dump_json() for s in network.services],
        [options.nearest, str(options.today), options.poster_paper],
        templates,
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _fingerprint(
    salt: str,
    dumps: Mapping[str, str],
    st: Station,
    near: list[Nearby],
    options: WebOptions,
    photos: tuple[Photo, ...],
) -> str:
    """Everything one station page is rendered from (its neighbours and successor included); `dumps`: each
    station's JSON."""
    parts = [
        salt,
        dumps[st.id],
        dumps[st.successor] if st.successor else "",
        [(dumps[n.station.id], n.metres) for n in near],
        [repr(p) for p in photos],
        str(options.station_extras.get(st.id, "")),
        str(options.station_data.get(st.id, "")),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _render(
    template: Any,
    network: Network,
    options: WebOptions,
    st: Station,
    near: list[Nearby],
    photos: Mapping[str, tuple[Photo, ...]] | None,
) -> str:
    """The station's finished body, compacted."""
    return compact_html(
        template.render(
            st=st,
            state=page_state(st, options.today),
            network=network,
            services=[network.service_by_id[s] for s in st.services],
            hours_lines=describe_hours(st.schedule),
            schedule=st.schedule.to_json(),
            links=map_links(st.name, st.address, st.location.lng, st.location.lat),
            near=near[: options.nearest],
            alternatives=alternatives(network, st, near, options.nearest) if not st.is_open else [],
            photos=(photos or {}).get(st.id, ()),
            report_url=f"../../{report_url(st.id)}",
            sprite=sprite(options.theme_dir, station_icons(network, st)),
            extra=options.station_extras.get(st.id, ""),
            data_block=options.station_data.get(st.id, ""),
            poster_paper=options.poster_paper,
        )
    )


def alternatives(network: Network, st: Station, near: list[Nearby], count: int) -> list[Alternative]:
    """Where to go instead of a closed station: its successor first, then the nearest open stations."""
    found = []
    if st.successor:
        succ = network.station_by_id[st.successor]
        found.append(
            Alternative(succ, distance_m(st.location.lng, st.location.lat, succ.location.lng, succ.location.lat), True)
        )
    found += [Alternative(n.station, n.metres) for n in near if n.station.id != st.successor]
    return found[:count]


def station_icons(network: Network, st: Station) -> set[str]:
    """Every icon a station page uses: its services' and the page's own."""
    names = {network.service_by_id[s].icon for s in st.services} | {e.icon for e in st.extra_services}
    return names | ALWAYS_ICONS | ({"info"} if st.access else set())


def description(network: Network, st: Station) -> str:
    """The page's meta description: network, name, address and services."""
    services = "、".join(network.service_by_id[s].name for s in st.services)
    return f"{network.site.name}·{st.name}：{st.address}。服务：{services}"
