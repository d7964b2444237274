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

from ..data.load import Document, Path_, load_yaml
from ..data.model import Network
from ..data.validate import check_refs, check_top_level, check_unique, did_you_mean, validate_list
from ..errors import DataError, DataErrors
from .model import (
    AUDIO_TYPES,
    IMAGE_SUFFIXES,
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
    for name in (LIBRARY_FILE, ACTIVITIES_FILE):
        try:
            docs.append(load_yaml(study_dir / name, f"{display_dir}/{name}"))
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
    cats = _entries(Category, "categories", "category", doc, errors)
    items = _entries(Item, "items", "item", doc, errors)
    menus = _entries(Menu, "menus", "menu", doc, errors)
    errors += check_unique(cats, ("categories",), "category", doc)
    errors += check_unique(items, ("items",), "item", doc)
    errors += check_unique(menus, ("menus",), "menu", doc)
    known_cats = {c.id for _, c in cats}
    for i, item in items:
        errors += _check_item(item, ("items", i), f"item {item.id!r}", known_cats, network, base, doc)
    # Ids of every item entry, valid or not, so a broken item is not reported again by each menu.
    raw = doc.data.get("items")
    entries = raw if isinstance(raw, list) else []
    known_items = {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}
    for i, menu in menus:
        path, label = ("menus", i, "items"), f"menu {menu.id!r}"
        errors += check_refs(menu.items, known_items, path, label, "item", doc, _suggester(known_items, "item"))
    if len(errors) > before:
        return None
    return tuple(c for _, c in cats), tuple(it for _, it in items), tuple(m for _, m in menus)


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
        errors += _check_activity(act, ("activities", i), f"activity {act.id!r}", network, doc)
    if len(errors) > before:
        return None
    return tuple(a for _, a in acts)


def _entries(cls: type[M], key: str, label: str, doc: Document, errors: list[DataError]) -> list[tuple[int, M]]:
    """The validated entries of one top-level list (a missing key is reported once, by check_top_level)."""
    if key not in doc.data:
        return []
    return validate_list(cls, doc.data[key], (key,), doc, errors, label)


def _suggest(word: str, known: set[str], what: str) -> str:
    """A 'did you mean' for a near miss; never a list of every id (there may be thousands)."""
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f"did you mean {close[0]!r}?" if close else f"use the id of an existing {what}"


def _suggester(known: set[str], what: str) -> Callable[[str], str]:
    return lambda word: _suggest(word, known, what)


def _check_item(
    item: Item, path: Path_, label: str, cats: set[str], network: Network, base: Path, doc: Document
) -> list[DataError]:
    errors = []
    if item.category not in cats:
        hint = did_you_mean(item.category, sorted(cats)) if len(cats) <= 20 else _suggest(item.category, cats, "one")
        errors.append(doc.error((*path, "category"), f"{label}: unknown category {item.category!r}", hint))
    if (item.author is None) == (item.speaker is None):
        errors.append(doc.error(path, f"{label}: give either author or speaker", "write `author: …` or `speaker: …`"))
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
    if timed and item.duration is None:
        errors.append(doc.error(path, f"{label}: a {item.kind} item needs duration", 'add `duration: "12:30"`'))
    if not timed and item.duration is not None:
        errors.append(doc.error((*path, "duration"), f"{label}: duration is only for audio and video", "remove it"))
    if item.kind == "e-book" and item.pages is None:
        errors.append(doc.error(path, f"{label}: an e-book item needs pages", "add `pages: 120`"))
    if item.kind != "e-book" and item.pages is not None:
        errors.append(doc.error((*path, "pages"), f"{label}: pages is only for e-books", "remove it"))
    if item.audio is not None and item.kind != "audio":
        errors.append(doc.error((*path, "audio"), f"{label}: audio is only for audio items", "use link instead"))
    if item.audio is not None and item.link is not None:
        errors.append(doc.error((*path, "link"), f"{label}: give either audio or link, not both", "remove one"))
    if item.kind != "article" and item.audio is None and item.link is None:
        where = "`audio: audio/….mp3` or `link: https://…`" if item.kind == "audio" else "`link: https://…`"
        errors.append(doc.error(path, f"{label}: a {item.kind} item needs somewhere to open it", f"add {where}"))
    return errors


def _check_file(
    value: str, suffixes: dict[str, str] | tuple[str, ...], path: Path_, label: str, base: Path, doc: Document
) -> list[DataError]:
    suffix = PurePosixPath(value).suffix
    if suffix not in suffixes:
        return [doc.error(path, f"{label}: {value!r} is not a supported file type", f"use {', '.join(suffixes)}")]
    if not (base / value).is_file():
        return [doc.error(path, f"{label}: file {value!r} not found", f"put the file at {STUDY_DIR}/{value}")]
    return []


def _check_activity(act: Activity, path: Path_, label: str, network: Network, doc: Document) -> list[DataError]:
    errors = []
    if act.end <= act.start:
        errors.append(doc.error((*path, "end"), f"{label}: end is not after start", "check the date and the hour"))
    if (act.station is None) == (act.place is None):
        errors.append(doc.error(path, f"{label}: give either station or place", "write `station: <id>` or `place: …`"))
    if act.station is not None:
        station = network.station_by_id.get(act.station)
        if station is None:
            hint = _suggest(act.station, set(network.station_by_id), "station in stations.yaml")
            errors.append(doc.error((*path, "station"), f"{label}: unknown station {act.station!r}", hint))
        elif not station.is_open:
            hint = "choose an open station or write `place: …`"
            errors.append(doc.error((*path, "station"), f"{label}: station {act.station!r} is not open", hint))
    if act.signup is not None and not (act.signup.note or act.signup.phone or act.signup.url):
        errors.append(doc.error((*path, "signup"), f"{label}: signup is empty", "add note, phone or url, or remove it"))
    return errors
