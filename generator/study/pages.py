"""Study pages: library home, a page per category, item, menu, "my menu" and activities, without MkDocs.

Like station pages, item and category pages are never navigation entries (Material renders the
whole nav into every page, so the library would grow with the square of its size); the nav gets
one 学习 section with the four pages listed in `NAV_PAGES`. Category pages are left out of the
search index because their text repeats the item pages'.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..data.hours import SHANGHAI
from ..data.model import Network
from ..render import GeneratedFile, environment, generated_page
from ..render import sprite as render_sprite
from .model import KIND_LABEL, Activity, Item, Study

STUDY_DIR = "study"
DATA_FILE = "assets/bee/study.json"
NAV_PAGES = ("study/index.md", "study/menus.md", "study/my.md", "study/activities.md")
_WEEKDAYS = "一二三四五六日"
_ICONS = {"books", "clock", "place", "alert", "info", "phone"}


@dataclass(frozen=True)
class StudyOptions:
    """What the study builders need besides the data: templates, and 'now' for the build-time fallback."""

    theme_dir: Path
    now: datetime


def item_url(item_id: str) -> str:
    """Site-relative URL of an item page."""
    return f"{STUDY_DIR}/i/{item_id}/"


def format_duration(seconds: int) -> str:
    """12:30 → '12分30秒'; riders read minutes, not colons."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h}小时" if h else "", f"{m}分" if m else "", f"{s}秒" if s else ""]
    return "".join(parts) or "0秒"


def item_meta(item: Item) -> str:
    """'音频 · 12分30秒' / '电子书 · 86页' / '文章'."""
    extra = format_duration(item.duration) if item.duration else f"{item.pages}页" if item.pages else ""
    return f"{KIND_LABEL[item.kind]} · {extra}" if extra else KIND_LABEL[item.kind]


def format_when(act: Activity) -> str:
    """Start and end in Beijing time: '2026年12月12日（周六）09:00–11:30'."""
    start, end = act.start.astimezone(SHANGHAI), act.end.astimezone(SHANGHAI)
    day = f"{start.year}年{start.month}月{start.day}日（周{_WEEKDAYS[start.weekday()]}）"
    if start.date() == end.date():
        return f"{day}{start:%H:%M}–{end:%H:%M}"
    return f"{day}{start:%H:%M} – {end.month}月{end.day}日 {end:%H:%M}"


def epoch_ms(moment: datetime) -> int:
    """Milliseconds since the epoch, what the browser's Date compares against."""
    return int(moment.timestamp() * 1000)


def study_env(theme_dir: Path) -> Environment:
    """The shared autoescaping environment plus the study helpers."""
    env = environment(theme_dir)
    env.globals.update(
        item_url=item_url, item_meta=item_meta, kind_label=KIND_LABEL, when=format_when, epoch_ms=epoch_ms
    )
    env.filters["duration"] = format_duration
    return env


def build_study(network: Network, study: Study, options: StudyOptions) -> list[GeneratedFile]:
    """Every study page plus the data file "my menu" reads, in a stable order."""
    env = study_env(options.theme_dir)
    sprite = render_sprite(options.theme_dir, _ICONS)
    ctx = {"network": network, "study": study, "sprite": sprite}
    upcoming, past = study.upcoming(options.now), study.past(options.now)
    files = [
        _page(env, "study/index.md", "学习书库", "library.html", ctx, upcoming=upcoming[:3]),
        _page(env, "study/menus.md", "学习菜单", "menus.html", ctx),
        _page(env, "study/my.md", "我的学习菜单", "my.html", ctx, search=False, data_url="../../" + DATA_FILE),
        _page(env, "study/activities.md", "活动", "activities.html", ctx, upcoming=upcoming, past=past),
    ]
    for cat in study.categories:
        items = study.items_by_category[cat.id]
        uri = f"study/c/{cat.id}.md"
        files.append(_page(env, uri, cat.name, "category.html", ctx, search=False, cat=cat, items=items))
    for menu in study.menus:
        items = [study.item_by_id[i] for i in menu.items]
        files.append(_page(env, f"study/m/{menu.id}.md", menu.title, "menu.html", ctx, menu=menu, items=items))
    files += build_item_pages(network, study, env, sprite)
    files.append(GeneratedFile(DATA_FILE, study_data(study)))
    return files


def build_item_pages(network: Network, study: Study, env: Environment, sprite: object) -> Iterator[GeneratedFile]:
    """One page per item at study/i/<id>/, outside the nav."""
    template = env.get_template("fragments/study/item.html")
    for item in study.items:
        shelves = [network.station_by_id[s] for s in item.shelves]
        body = template.render(
            item=item,
            category=study.category_by_id[item.category],
            shelves=shelves,
            menus=[m for m in study.menus if item.id in m.items],
            sprite=sprite,
        )
        description = f"{item.title}（{item_meta(item)}）：{item.summary}"
        yield generated_page(f"study/i/{item.id}.md", item.title, description, body, hide_nav=True)


def study_data(study: Study) -> str:
    """Compact JSON for "my menu": categories, menus and every item's title, category and kind label.

    Loaded only by that page, so the other pages do not grow with the library.
    """
    data = {
        "c": [[c.id, c.name] for c in study.categories],
        "m": [[m.id, m.title, m.items] for m in study.menus],
        "i": {i.id: [i.title, i.category, item_meta(i)] for i in study.items},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def station_activities(study: Study, options: StudyOptions) -> dict[str, Markup]:
    """Per station id, the rendered 'upcoming activities here' block for its station page."""
    template = study_env(options.theme_dir).get_template("fragments/study/station-activities.html")
    return {
        sid: Markup(template.render(activities=acts)) for sid, acts in study.upcoming_by_station(options.now).items()
    }


def _page(
    env: Environment, uri: str, title: str, template: str, ctx: dict, *, search: bool = True, **extra: object
) -> GeneratedFile:
    body = env.get_template(f"fragments/study/{template}").render(**ctx, **extra)
    in_nav = uri in NAV_PAGES
    return generated_page(uri, title, "", body, hide_nav=not in_nav, in_nav=in_nav, search=search)
