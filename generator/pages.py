"""Page builders: turn a Network into generated Markdown pages and assets, without MkDocs.

Each station page is a Markdown file whose body is one HTML block rendered here with
autoescaping on (MkDocs' own Jinja environment has autoescape off). Station pages are never
navigation entries: Material renders the whole nav into every page, which would make the
site's size grow with the square of the number of stations.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import icons
from .geo import NearestIndex, Point, format_distance
from .hours import HolidayCalendar, build_calendar, describe_hours
from .maplinks import map_links, tel_url
from .model import Network, Station
from .shards import build_shards, records
from .webapp import webapp_files

STATION_DIR = "s"
KIND_ORDER = ("街道党群服务中心", "商圈党群服务中心", "工作站", "社区党群服务中心", "合作营业厅")
STATUS_LABEL = {"open": "开放", "paused": "暂停开放", "closed": "已关闭"}


@dataclass(frozen=True)
class GeneratedFile:
    """A file the engine should add to the site: a Markdown page (in or out of the nav) or an asset.

    For a page, `content` is its Markdown source (front matter only when `html` is set) and `html`
    the finished, escaped body the engine should use as the page's content instead of converting
    Markdown: running a station's markup through Markdown's HTML parser is most of a build's cost.
    """

    src_uri: str
    content: str | bytes
    in_nav: bool = False
    html: str | None = None


@dataclass(frozen=True)
class BuildOptions:
    """What the page builders need besides the data."""

    theme_dir: Path
    today: date = field(default_factory=date.today)
    nearest: int = 3
    station_extras: Mapping[str, Markup] = field(default_factory=dict)
    """Extra HTML per station id, added to its page (e.g. upcoming activities from `study_pages`)."""
    poster_paper: str | None = "A4"
    """Paper size of the station posters the build writes, or None when it writes none (no link then)."""


@dataclass(frozen=True)
class Nearby:
    """Another station near this one."""

    station: Station
    metres: float

    @property
    def distance(self) -> str:
        """Human-readable distance."""
        return format_distance(self.metres)


def render_once() -> Callable[..., Any]:
    """A Jinja `{% call %}` helper that renders its body once per key and reuses the result.

    Material renders the whole navigation into every page; for pages that are not nav entries
    the result is the same at a given folder depth, so one rendering serves them all.
    """
    cache: dict[str, Any] = {}

    def once(key: str, caller: Callable[[], Any]) -> Any:
        if key not in cache:
            cache[key] = caller()
        return cache[key]

    return once


def station_url(station_id: str) -> str:
    """The permanent, site-relative URL printed on posters (`s/<id>/`)."""
    return f"{STATION_DIR}/{station_id}/"


def make_env(theme_dir: Path) -> Environment:
    """The Jinja environment for fragments and print templates: autoescape everywhere, undefined is an error."""
    env = Environment(
        loader=FileSystemLoader(theme_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(icon=icons.use, station_url=station_url, status_label=STATUS_LABEL, tel_url=tel_url)
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    return env


def holiday_calendar(network: Network, today: date) -> HolidayCalendar:
    """Statutory holidays and make-up workdays for this year and next, plus the data's own additions."""
    extra = network.calendar
    return build_calendar([today.year, today.year + 1], holidays=extra.holidays, makeup_workdays=extra.makeup_workdays)


def build_site(network: Network, options: BuildOptions) -> list[GeneratedFile]:
    """Every generated page and asset of the website part, in a stable order."""
    env = make_env(options.theme_dir)
    files = list(build_station_pages(network, options, env))
    files.append(_page(env, "stations.md", "驿站目录", "fragments/directory.html", options, _directory(network)))
    # The services page repeats the directory's names once per service: searching it adds only duplicates.
    services = _services(network)
    files.append(_page(env, "services.md", "按服务找驿站", "fragments/services.html", options, services, search=False))
    cal = holiday_calendar(network, options.today)
    files.append(GeneratedFile("assets/bee/calendar.js", f"window.BEE_CALENDAR={json.dumps(cal.to_json())};\n"))
    files += _rider_files(network, options, env)
    return files


def _rider_files(network: Network, options: BuildOptions, env: Environment) -> list[GeneratedFile]:
    """The nearest finder page, the station shards it reads, and the web app manifest with its icons."""
    shards = build_shards(records(network), [s.id for s in network.services])
    near = _page(env, "near.md", "附近驿站", "fragments/near.html", options, _near(network, shards.index_path))
    extra = {**shards.files, **webapp_files(network)}
    return [near, *(GeneratedFile(uri, content) for uri, content in extra.items())]


def build_station_pages(
    network: Network, options: BuildOptions, env: Environment | None = None
) -> Iterator[GeneratedFile]:
    """One page per station at s/<id>/, each with its nearest open neighbours."""
    env = env or make_env(options.theme_dir)
    index = NearestIndex(Point(s.id, s.location.lng, s.location.lat) for s in network.stations if s.is_open)
    template = env.get_template("fragments/station.html")
    for st in network.stations:
        near = [
            Nearby(network.station_by_id[p.key], d)
            for d, p in index.nearest(st.location.lng, st.location.lat, options.nearest, exclude=st.id)
        ]
        body = template.render(
            st=st,
            network=network,
            services=[network.service_by_id[s] for s in st.services],
            hours_lines=describe_hours(st.schedule),
            schedule=st.schedule.to_json(),
            links=map_links(st.name, st.address, st.location.lng, st.location.lat),
            near=near,
            successor=network.station_by_id.get(st.successor) if st.successor else None,
            sprite=icons.sprite(options.theme_dir / "icons", _station_icons(network, st)),
            extra=options.station_extras.get(st.id, ""),
            poster_paper=options.poster_paper,
        )
        # Station pages stay out of the search index: the directory page lists every name, and
        # indexing thousands of pages (HTML parsing plus jieba segmentation) dominated build time.
        uri = f"{STATION_DIR}/{st.id}.md"
        yield render_markdown(uri, st.name, _description(network, st), body, hide_nav=True, search=False)


def _station_icons(network: Network, st: Station) -> set[str]:
    names = {network.service_by_id[s].icon for s in st.services} | {e.icon for e in st.extra_services}
    return names | {"phone", "place", "nav", "clock", "near", "alert", "wifi", "print"}


def _description(network: Network, st: Station) -> str:
    services = "、".join(network.service_by_id[s].name for s in st.services)
    return f"{network.site.name}·{st.name}：{st.address}。服务：{services}"


def _page(
    env: Environment,
    uri: str,
    title: str,
    template: str,
    options: BuildOptions,
    ctx: dict[str, Any],
    *,
    search: bool = True,
) -> GeneratedFile:
    names = {s.icon for s in ctx["network"].services} | {"phone", "place", "clock", "near", "nav"}
    body = env.get_template(template).render(sprite=icons.sprite(options.theme_dir / "icons", names), **ctx)
    return render_markdown(uri, title, "", body, hide_nav=False, in_nav=True, search=search)


def render_markdown(
    uri: str, title: str, description: str, body: str, *, hide_nav: bool, in_nav: bool = False, search: bool = True
) -> GeneratedFile:
    """A generated page: front matter (title, hidden sidebars, search exclusion) plus its finished HTML body."""
    meta: dict[str, object] = {"title": title, "hide": ["navigation", "toc"] if hide_nav else ["toc"]}
    if description:
        # Material writes page.meta.description into an attribute without escaping it.
        meta["description"] = str(Markup.escape(description))
    if not search:
        meta["search"] = {"exclude": True}
    if hide_nav and not in_nav:
        # Nothing in the sidebar depends on this page (not a nav entry, no TOC): the theme may reuse it.
        meta["bee_shared_nav"] = True
    # JSON is valid YAML flow syntax and far faster to emit than yaml.safe_dump.
    front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
    html = "\n".join(line for line in body.splitlines() if line.strip())
    return GeneratedFile(uri, f"---\n{front}---\n", in_nav, html=html)


def _directory(network: Network) -> dict[str, Any]:
    groups: dict[str, dict[str, list[Station]]] = {k: defaultdict(list) for k in KIND_ORDER}
    for st in network.stations:
        groups[st.kind][st.community].append(st)
    return {"network": network, "groups": [(k, dict(v)) for k, v in groups.items() if v]}


def _services(network: Network) -> dict[str, Any]:
    by_service: dict[str, list[Station]] = {s.id: [] for s in network.services}
    for st in network.stations:
        for sid in st.services:
            by_service[sid].append(st)
    return {"network": network, "by_service": by_service}


def _near(network: Network, index_path: str) -> dict[str, Any]:
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
