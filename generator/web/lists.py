"""Pages that list stations: the directory, stations by service, and the nearest finder.

A large network (more than render.LARGE_NETWORK stations) gets lists that never put every station on one page, so
every page stays within a phone's budget whatever the network's size: the directory becomes an index of
communities with one page per community (PAGE_SIZE stations a page), the services page counts instead of
listing and sends riders to the finder filtered by the service, and the finder's place picker is a file
fetched when it is opened. A small network keeps single pages, which are what riders expect there.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from ..data.model import Network, Station
from ..render import (
    KIND_ORDER,
    GeneratedFile,
    community_url,
    compact_html,
    generated_page,
    is_large,
    sprite,
    to_json,
)
from . import zones
from .options import WebOptions
from .stations import shared_inputs

_LIST_ICONS = frozenset({"phone", "place", "clock", "near", "nav"})
PAGE_SIZE = 200
PLACES_FILE = "assets/bee/near/places.json"


def list_page(
    env: Environment,
    uri: str,
    title: str,
    template: str,
    options: WebOptions,
    ctx: dict[str, Any],
    *,
    search: bool = True,
) -> GeneratedFile:
    """A navigation page rendered from a fragment, with the icons of every catalogue service."""
    names = {s.icon for s in ctx["network"].services} | _LIST_ICONS
    body = env.get_template(template).render(sprite=sprite(options.theme_dir, names), **ctx)
    return generated_page(uri, title, "", body, hide_nav=False, in_nav=True, search=search)


def directory(network: Network) -> dict[str, Any]:
    """Stations grouped by kind, then by community."""
    groups: dict[str, dict[str, list[Station]]] = {k: defaultdict(list) for k in KIND_ORDER}
    for st in network.stations:
        groups[st.kind][st.community].append(st)
    return {"network": network, "groups": [(k, dict(v)) for k, v in groups.items() if v]}


def by_service(network: Network) -> dict[str, Any]:
    """Stations per catalogue service."""
    result: dict[str, list[Station]] = {s.id: [] for s in network.services}
    for st in network.stations:
        for sid in st.services:
            result[sid].append(st)
    return {"network": network, "by_service": result}


def near(network: Network, index_path: str) -> dict[str, Any]:
    """Fallback places for riders without location: each community's centre and the bigger stations."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for st in network.stations:
        points[st.community].append((st.location.lng, st.location.lat))
    communities = [
        {"name": name, "lng": sum(p[0] for p in pts) / len(pts), "lat": sum(p[1] for p in pts) / len(pts)}
        for name, pts in sorted(points.items())
    ]
    # Community stations are already covered by their community; the others are known landmarks.
    landmarks = [st for st in network.stations if st.kind != "社区党群服务中心"]
    return {"network": network, "index_path": index_path, "communities": communities, "landmarks": landmarks}


def directory_pages(network: Network, options: WebOptions, env: Environment) -> list[GeneratedFile]:
    """The station directory: one page for a small network; for a large one an index of communities, or of areas
    when there are too many communities for one page (zones.py), and a page per area and per community."""
    if not is_large(network):
        return [list_page(env, "stations.md", "驿站目录", "fragments/directory.html", options, directory(network),
                          search=False)]  # fmt: skip
    root = zones.zone_tree(zones.communities(network))
    index = {"network": network, "total": len(network.stations), "zone": root, "trail": [], "up": "../"}
    files = [list_page(env, "stations.md", "驿站目录", "fragments/directory-index.html", options, index, search=False)]
    template = env.get_template("fragments/directory-index.html")
    for zone in root.walk()[1:]:
        up = "../" * zone.url.count("/")
        ctx = {**index, "zone": zone, "trail": zones.trail(root, zone), "up": up}
        body = template.render(**ctx)
        files.append(generated_page(zone.url.removesuffix("/") + ".md", f"{zone.label}·驿站目录", "", body,
                                    hide_nav=True, search=False))  # fmt: skip
    leaf = zones.zone_of(root)
    salt = shared_inputs(network, options) if options.keep_bodies else ""
    for name, sts in _by_community(network):
        trail = zones.trail(root, leaf[name]) if leaf else []
        files += _community_pages(network, name, sts, options, env, trail, salt)
    return files


def _by_community(network: Network) -> list[tuple[str, list[Station]]]:
    grouped: dict[str, list[Station]] = defaultdict(list)
    for st in network.stations:
        grouped[st.community].append(st)
    return sorted(grouped.items())


def _community_pages(
    network: Network,
    name: str,
    stations: list[Station],
    options: WebOptions,
    env: Environment,
    trail: list[zones.Zone],
    salt: str = "",
) -> list[GeneratedFile]:
    """One community's pages; `salt`: a live preview's shared inputs (its pages are then kept, see _kept)."""
    template = env.get_template("fragments/directory-community.html")
    icons = {s.icon for s in network.services} | _LIST_ICONS
    pages = -(-len(stations) // PAGE_SIZE)
    out = []
    for n in range(1, pages + 1):
        url = community_url(name, n)
        ctx = dict(
            network=network,
            community=name,
            count=len(stations),
            stations=stations[(n - 1) * PAGE_SIZE : n * PAGE_SIZE],
            page=n,
            pages=pages,
            prev=community_url(name, n - 1) if n > 1 else None,
            next=community_url(name, n + 1) if n < pages else None,
            up="../" * url.count("/"),
            trail=trail,
            sprite=sprite(options.theme_dir, icons),
        )
        body = _kept(url, salt, ctx, template) if salt else compact_html(template.render(**ctx))
        title = f"{name}·驿站目录" + (f"（第 {n} 页）" if n > 1 else "")
        uri = url.removesuffix("/") + ".md"
        out.append(generated_page(uri, title, "", body, hide_nav=True, search=False, compacted=True))
    return out


_KEPT: dict[str, tuple[tuple[Any, ...], str]] = {}
"""A live preview's community pages by URL: what each body was rendered from, and the body (compacted)."""


def _kept(url: str, salt: str, ctx: dict[str, Any], template: Any) -> str:
    """A live preview's community page, rendered again only when what it shows changed: an edit touches one
    community. The templates read the network's site and catalogue only (in `salt`), its stations as models
    (compared by value) and each area of the trail by its URL and label."""
    shown = tuple((k, v) for k, v in ctx.items() if k not in ("network", "stations", "trail"))
    inputs = (salt, shown, tuple(ctx["stations"]), tuple((z.url, z.label) for z in ctx["trail"]))
    kept = _KEPT.get(url)
    if kept is None or kept[0] != inputs:
        kept = (inputs, compact_html(template.render(**ctx)))
        _KEPT[url] = kept
    return kept[1]


def services_page(network: Network, options: WebOptions, env: Environment) -> GeneratedFile:
    """Stations by service: listed for a small network, counted (with a link to the finder) for a large one."""
    if not is_large(network):
        return list_page(env, "services.md", "按服务找驿站", "fragments/services.html", options, by_service(network),
                         search=False)  # fmt: skip
    counts = {s.id: 0 for s in network.services}
    for st in network.stations:
        for sid in st.services:
            counts[sid] += 1
    ctx = {"network": network, "counts": counts}
    return list_page(env, "services.md", "按服务找驿站", "fragments/services-index.html", options, ctx)


def places_file(places: dict[str, Any]) -> GeneratedFile:
    """The finder's place picker for a large network, fetched only when a rider opens it."""
    rows = {
        "communities": [[c["name"], round(c["lng"], 6), round(c["lat"], 6)] for c in places["communities"]],
        "landmarks": [[st.name, round(st.location.lng, 6), round(st.location.lat, 6)] for st in places["landmarks"]],
    }
    return GeneratedFile(PLACES_FILE, to_json(rows))
