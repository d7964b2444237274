"""Load and validate content/study/*.yaml against stations.yaml, every error located like stations.yaml's.

The per-entry checks are the same pydantic models and error locating as `validate`; what is added
here are the checks across entries and files: categories, stations and menu items that exist,
local files that exist with a known type, fields that depend on the item's kind, end after start.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import BaseModel

from ..data import limits as lim
from ..data.load import Document, Path_, load_yaml
from ..data.media import outside_problem, resolve_inside
from ..data.model import Network
from ..data.validate import check_refs, check_top_level, check_unique, did_you_mean, validate_list
from ..data.wording import entry, entry_label, join
from ..errors import DataError, DataErrors
from ..i18n import tr
from .model import (
    AUDIO_TYPES,
    IMAGE_SUFFIXES,
    KIND_LABEL,
    ActivitiesFile,
    Activity,
    Category,
    Item,
    LibraryFile,
    Menu,
    Study,
)

M = TypeVar("M", bound=BaseModel)

STUDY_DIR = "content/study"
LIBRARY_FILE = "library.yaml"
ACTIVITIES_FILE = "activities.yaml"


def load_study(study_dir: Path, network: Network, display_dir: str = STUDY_DIR) -> Study:
    """Load library.yaml and activities.yaml from `study_dir`; raise DataErrors with every problem in both."""
    errors: list[DataError] = []
    docs = []
    for name, max_bytes in ((LIBRARY_FILE, lim.LIBRARY_FILE), (ACTIVITIES_FILE, lim.ACTIVITIES_FILE)):
        try:
            docs.append(load_yaml(study_dir / name, f"{display_dir}/{name}", max_bytes=max_bytes))
        except DataErrors as exc:
            errors += exc.errors
    if errors:
        raise DataErrors(errors)
    library, activities = docs
    parts = validate_library(library, network, study_dir, errors)
    acts = validate_activities(activities, network, errors)
    if errors or parts is None or acts is None:
        raise DataErrors(errors)
    categories, items, menus = parts
    return Study(categories, items, menus, acts, study_dir)


def validate_library(
    doc: Document, network: Network, base: Path, errors: list[DataError]
) -> tuple[tuple[Category, ...], tuple[Item, ...], tuple[Menu, ...]] | None:
    """Categories, items and menus of library.yaml; appends errors and returns None when there are any."""
    before = len(errors)
    errors += doc.problems
    errors += check_top_level(doc, LibraryFile, ("categories", "items"))
    if not isinstance(doc.data, dict):
        return None
    cats = _entries(Category, "categories", "category", doc, errors, lim.CATEGORIES)
    items = _entries(Item, "items", "item", doc, errors)
    menus = _entries(Menu, "menus", "menu", doc, errors, lim.MENUS)
    errors += check_unique(cats, ("categories",), "category", doc)
    errors += check_unique(items, ("items",), "item", doc)
    errors += check_unique(menus, ("menus",), "menu", doc)
    # Ids of every entry, valid or not, so a broken category or item is not reported again where it is used.
    known_cats = _typed_ids(doc, "categories")
    for i, item in items:
        errors += _check_item(item, ("items", i), entry_label("item", item.id, i), known_cats, network, base, doc)
    known_items = _typed_ids(doc, "items")
    for i, menu in menus:
        path, label = ("menus", i, "items"), entry_label("menu", menu.id, i)
        errors += check_refs(menu.items, known_items, path, label, "item", doc, _suggester(known_items, "item"))
    if len(errors) > before:
        return None
    return tuple(c for _, c in cats), tuple(it for _, it in items), tuple(m for _, m in menus)


def _typed_ids(doc: Document, key: str) -> set[str]:
    """The ids typed in a top-level list, whether or not their entries are valid."""
    raw = doc.data.get(key)
    entries = raw if isinstance(raw, list) else []
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def validate_activities(doc: Document, network: Network, errors: list[DataError]) -> tuple[Activity, ...] | None:
    """Activities of activities.yaml; appends errors and returns None when there are any."""
    before = len(errors)
    errors += doc.problems
    errors += check_top_level(doc, ActivitiesFile, ("activities",))
    if not isinstance(doc.data, dict):
        return None
    acts = _entries(Activity, "activities", "activity", doc, errors)
    errors += check_unique(acts, ("activities",), "activity", doc)
    for i, act in acts:
        errors += _check_activity(act, ("activities", i), entry_label("activity", act.id, i), network, doc)
    if len(errors) > before:
        return None
    return tuple(a for _, a in acts)


def _entries(
    cls: type[M], key: str, label: str, doc: Document, errors: list[DataError], max_items: int | None = None
) -> list[tuple[int, M]]:
    """The validated entries of one top-level list (a missing key is reported once, by check_top_level)."""
    if key not in doc.data:
        return []
    return validate_list(cls, doc.data[key], (key,), doc, errors, label, max_items=max_items)


def _suggest(word: str, known: set[str], what: str) -> str:
    """A 'did you mean' for a near miss; never a list of every id (there may be thousands)."""
    close = difflib.get_close_matches(word, sorted(known), n=1)
    if close:
        return tr(f"是不是想写 {close[0]!r}？", f"did you mean {close[0]!r}?")
    return tr(f"写一个已有{entry(what)}的 id", f"use the id of an existing {what}")


def _suggester(known: set[str], what: str) -> Callable[[str], str]:
    return lambda word: _suggest(word, known, what)


def _check_item(
    item: Item, path: Path_, label: str, cats: set[str], network: Network, base: Path, doc: Document
) -> list[DataError]:
    errors = []
    if item.category not in cats:
        hint = (
            did_you_mean(item.category, sorted(cats)) if len(cats) <= 20 else _suggest(item.category, cats, "category")
        )
        message = tr(f"{label}：没有 {item.category!r} 这个分类", f"{label}: unknown category {item.category!r}")
        errors.append(doc.error((*path, "category"), message, hint))
    if (item.author is None) == (item.speaker is None):
        message = tr(f"{label}：作者 author 和主讲人 speaker 只写一个", f"{label}: give either author or speaker")
        hint = tr("写 `author: …` 或者 `speaker: …`", "write `author: …` or `speaker: …`")
        errors.append(doc.error(path, message, hint))
    errors += _check_kind_fields(item, path, label, doc)
    stations = set(network.station_by_id)
    errors += check_refs(
        item.shelves, stations, (*path, "shelves"), label, "station", doc, _suggester(stations, "station")
    )
    if item.audio is not None:
        errors += _check_file(item.audio, AUDIO_TYPES, (*path, "audio"), label, base, doc)
    if item.cover is not None:
        errors += _check_file(item.cover, IMAGE_SUFFIXES, (*path, "cover"), label, base, doc)
    return errors


def _check_kind_fields(item: Item, path: Path_, label: str, doc: Document) -> list[DataError]:
    """Which of duration / pages / audio / link an item needs depends on its kind."""
    errors = []
    timed = item.kind in ("audio", "video")
    kind = tr(KIND_LABEL[item.kind], item.kind)
    remove = tr("删掉这一行", "remove it")
    if timed and item.duration is None:
        message = tr(f"{label}：{kind}要写时长 duration", f"{label}: a {item.kind} item needs duration")
        errors.append(doc.error(path, message, tr('加上 `duration: "12:30"`', 'add `duration: "12:30"`')))
    if not timed and item.duration is not None:
        message = tr(f"{label}：只有音频和视频写时长 duration", f"{label}: duration is only for audio and video")
        errors.append(doc.error((*path, "duration"), message, remove))
    if item.kind == "e-book" and item.pages is None:
        message = tr(f"{label}：电子书要写页数 pages", f"{label}: an e-book item needs pages")
        errors.append(doc.error(path, message, tr("加上 `pages: 120`", "add `pages: 120`")))
    if item.kind != "e-book" and item.pages is not None:
        message = tr(f"{label}：只有电子书写页数 pages", f"{label}: pages is only for e-books")
        errors.append(doc.error((*path, "pages"), message, remove))
    if item.audio is not None and item.kind != "audio":
        message = tr(f"{label}：只有音频条目写 audio", f"{label}: audio is only for audio items")
        errors.append(doc.error((*path, "audio"), message, tr("改用 link", "use link instead")))
    if item.audio is not None and item.link is not None:
        message = tr(f"{label}：audio 和 link 只写一个", f"{label}: give either audio or link, not both")
        errors.append(doc.error((*path, "link"), message, tr("删掉一个", "remove one")))
    if item.kind != "article" and item.audio is None and item.link is None:
        where = "`audio: audio/….mp3` or `link: https://…`" if item.kind == "audio" else "`link: https://…`"
        where_zh = "`audio: audio/….mp3` 或 `link: https://…`" if item.kind == "audio" else "`link: https://…`"
        message = tr(f"{label}：{kind}要写在哪里打开", f"{label}: a {item.kind} item needs somewhere to open it")
        errors.append(doc.error(path, message, tr(f"加上 {where_zh}", f"add {where}")))
    return errors


def _check_file(
    value: str, suffixes: dict[str, str] | tuple[str, ...], where: Path_, label: str, base: Path, doc: Document
) -> list[DataError]:
    """A local file of the right type that exists inside content/study/ (a link out of it is refused)."""
    suffix = PurePosixPath(value).suffix
    if suffix not in suffixes:
        message = tr(f"{label}：不支持 {value!r} 这种文件", f"{label}: {value!r} is not a supported file type")
        return [doc.error(where, message, tr(f"用 {join(suffixes)} 文件", f"use {', '.join(suffixes)}"))]
    file = resolve_inside(base, value)
    if file is None:
        problem = outside_problem(value, STUDY_DIR)
        return [doc.error(where, tr(f"{label}：", f"{label}: ") + problem.message, problem.hint)]
    if not file.is_file():
        message = tr(f"{label}：找不到文件 {value!r}", f"{label}: file {value!r} not found")
        hint = tr(f"把文件放到 {STUDY_DIR}/{value}", f"put the file at {STUDY_DIR}/{value}")
        return [doc.error(where, message, hint)]
    return []


def _check_activity(act: Activity, path: Path_, label: str, network: Network, doc: Document) -> list[DataError]:
    errors = []
    if act.end <= act.start:
        message = tr(f"{label}：结束时间不在开始时间之后", f"{label}: end is not after start")
        errors.append(doc.error((*path, "end"), message, tr("检查日期和钟点", "check the date and the hour")))
    if (act.station is None) == (act.place is None):
        message = tr(f"{label}：驿站 station 和地点 place 只写一个", f"{label}: give either station or place")
        hint = tr("写 `station: <驿站 id>` 或者 `place: …`", "write `station: <id>` or `place: …`")
        errors.append(doc.error(path, message, hint))
    if act.station is not None:
        errors += _check_activity_station(act.station, (*path, "station"), label, network, doc)
    if act.signup is not None and not (act.signup.note or act.signup.phone or act.signup.url):
        message = tr(f"{label}：报名方式 signup 是空的", f"{label}: signup is empty")
        hint = tr("写上 note、phone 或 url，或者删掉 signup", "add note, phone or url, or remove it")
        errors.append(doc.error((*path, "signup"), message, hint))
    return errors


def _check_activity_station(sid: str, path: Path_, label: str, network: Network, doc: Document) -> list[DataError]:
    station = network.station_by_id.get(sid)
    if station is None:
        hint = _suggest(sid, set(network.station_by_id), "station")
        return [doc.error(path, tr(f"{label}：没有 {sid!r} 这个驿站", f"{label}: unknown station {sid!r}"), hint)]
    if not station.is_open:
        hint = tr("换一个开放的驿站，或者改写 `place: …`", "choose an open station or write `place: …`")
        return [doc.error(path, tr(f"{label}：驿站 {sid!r} 没有开放", f"{label}: station {sid!r} is not open"), hint)]
    return []
