"""Pages that list stations: the directory, stations by service, and the nearest finder."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment

from ..data.model import Network, Station
from ..render import KIND_ORDER, GeneratedFile, generated_page, sprite
from .options import WebOptions

_LIST_ICONS = frozenset({"phone", "place", "clock", "near", "nav"})


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
