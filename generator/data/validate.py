"""Turn a loaded Document into a Network, collecting every error with its position."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import DataError, DataErrors
from ..i18n import language, tr
from . import hints, limits
from .load import ALIAS, Document, Path_
from .media import check_media
from .model import CalendarExtras, Network, Service, Site, Station, StationsFile
from .stale import stale_stations
from .wording import did_you_mean as _did_you_mean
from .wording import entry, entry_label, expected, join, key_with_meaning, kind_of, prefix, section_label

M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, *, images_dir: Path | None = None, today: date | None = None) -> Network:
    """Validate each part separately so one bad station does not hide the others' problems.

    With `images_dir`, the images the data names are checked on disk; the stale-verification findings
    (as of `today`, default: the current date) are returned in `Network.stale`, not raised.
    """
    errors: list[DataError] = list(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        raise DataErrors(
            [
                doc.error(
                    (),
                    tr(
                        "文件最外层应该是 site、services、stations 这几部分",
                        "the file must be a mapping with site, services and stations",
                    ),
                    tr("参照示例 stations.yaml", "see the sample"),
                )
            ]
        )
    errors += _top_level_keys(doc, StationsFile, ("site", "services", "stations"))
    site = _validate(Site, data.get("site"), ("site",), doc, errors, section_label("site")) if "site" in data else None
    services = _validate_list(
        Service, data.get("services"), ("services",), doc, errors, "service", max_items=limits.SERVICES
    )
    catalogue = _catalogue(data.get("services"))
    stations = _validate_list(Station, data.get("stations"), ("stations",), doc, errors, "station", catalogue)
    calendar = _validate(
        CalendarExtras,
        data.get("calendar") or {},
        ("calendar",),
        doc,
        errors,
        section_label("calendar"),
    )
    if site is not None:
        errors += check_network(site, services, stations, doc, catalogue)
        if images_dir is not None:
            errors += check_media(site, stations, doc, images_dir)
    if errors or site is None or calendar is None:
        raise DataErrors(errors)
    stale = stale_stations(site, stations, doc, today or date.today())
    return Network(site, tuple(s for _, s in services), tuple(s for _, s in stations), calendar, tuple(stale))


def _catalogue(raw: Any) -> dict[str, str]:
    """Service id → Chinese name, from the services section as typed (valid or not), for hints."""
    entries = raw if isinstance(raw, list) else []
    return {
        e["id"]: e["name"] if isinstance(e.get("name"), str) else ""
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    }


def _validate(
    cls: type[M],
    value: Any,
    path: Path_,
    doc: Document,
    errors: list[DataError],
    label: str,
    catalogue: dict[str, str] | None = None,
) -> M | None:
    try:
        return cls.model_validate(value)
    except ValidationError as exc:
        found = [e for e in exc.errors(include_url=False) if e.get("input") is not ALIAS]
        errors += [_locate(e, cls, path, doc, label, catalogue) for e in found if e["type"] != "missing"]
        errors += _missing(found, path, doc, label)
        return None


def _validate_list(
    cls: type[M],
    value: Any,
    path: Path_,
    doc: Document,
    errors: list[DataError],
    kind: str,
    catalogue: dict[str, str] | None = None,
    *,
    max_items: int | None = None,
) -> list[tuple[int, M]]:
    if not isinstance(value, list):
        if value is not None or path[-1:] != ("services",):
            message = tr(f"{path[-1]} 应该是一个列表", f"{path[-1]} must be a list")
            errors.append(doc.error(path, message, tr("每一项以 '- ' 开头", "start each entry with '- '")))
        return []
    if max_items is not None and len(value) > max_items:
        too_many, hint = limits.too_many(len(value), max_items)
        message = tr(f"{entry(kind)}{too_many}", f"{path[-1]}: {too_many}")
        errors.append(doc.error(path, message, hint, key=True))
        return []
    result = []
    for i, item in enumerate(value):
        ident = item.get("id") if isinstance(item, dict) else None
        model = _validate(cls, item, (*path, i), doc, errors, entry_label(kind, ident, i), catalogue)
        if model is not None:
            result.append((i, model))
    return result


def _missing(found: list[Any], base: Path_, doc: Document, label: str) -> list[DataError]:
    """One error per mapping that lacks fields, naming all of them."""
    by_parent: dict[Path_, list[str]] = {}
    for e in found:
        if e["type"] == "missing":
            by_parent.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    errors = []
    for parent, names in by_parent.items():
        listed = join(key_with_meaning(n) if language() == "zh" else repr(n) for n in names)
        what = tr("字段", "field" if len(names) == 1 else "fields")
        message = tr(f"{label}：缺少必填{what} {listed}", f"{label}: missing required {what} {listed}")
        errors.append(doc.error((*base, *parent), message, tr(f"加上 `{names[0]}: …`", f"add `{names[0]}: …`")))
    return errors


def _locate(
    err: Any, cls: type[BaseModel], base: Path_, doc: Document, label: str, catalogue: dict[str, str] | None = None
) -> DataError:
    loc: Path_ = tuple(err["loc"])
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    path = (*base, *loc)
    names = [str(p) for p in loc if isinstance(p, str)]
    special = _special(kind, loc, value, catalogue, _raw(doc.data, path[:-1]))
    if special:
        return doc.error(path, prefix(label, [], special[0]), special[1], key=kind == "extra_forbidden")
    if kind == "extra_forbidden":
        hint = _did_you_mean(str(loc[-1]), _fields_at(cls, loc[:-1]))
        message = tr(f"{label}：没有 {loc[-1]!r} 这个字段", f"{label}: unknown field {loc[-1]!r}")
        return doc.error(path, message, hint, key=True)
    if kind in ("bee", "bee_limit"):
        return doc.error(path, prefix(label, names, ctx["message"]), ctx["hint"], offset=ctx.get("offset"))
    if kind in ("literal_error", "enum"):
        allowed = str(ctx.get("expected"))
        message = prefix(label, names, tr(f"{value!r} 不在可选范围内", f"{value!r} is not allowed"))
        return doc.error(path, message, tr(f"只能写其中一个：{_zh_choices(allowed)}", f"use one of: {allowed}"))
    wanted = expected(kind)
    if wanted:
        found = kind_of(value)
        message = tr(f"应该是{wanted}，这里写的是{found}", f"expected {wanted}, found {found}")
        return doc.error(path, prefix(label, names, message), _type_hint(kind))
    message = tr(f"写法不对（{err['msg']}）", err["msg"])
    return doc.error(
        path, prefix(label, names, message), tr("对照示例 stations.yaml", "compare with the sample stations.yaml")
    )


def _raw(data: Any, path: Path_) -> Any:
    """The value as typed at `path`, or None."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _special(
    kind: str, loc: Path_, value: Any, catalogue: dict[str, str] | None, parent: Any
) -> tuple[str, str] | None:
    """A message and hint of its own for the mistakes staff make most (see `hints`), else None."""
    names = [p for p in loc if isinstance(p, str)]
    last = names[-1] if names else ""
    if kind == "extra_forbidden":
        if len(loc) == 3 and loc[0] == "extra_services" and value is None:
            name = parent.get("name") if isinstance(parent, dict) else None
            return hints.extra_services_key(last, name if isinstance(name, str) else None)
        return hints.colon_in_text(last)
    if kind == "bee" and catalogue is not None and len(loc) == 2 and loc[0] == "services":
        message = hints.service_name_message(str(value))
        return (message, hints.services(str(value), catalogue)) if message else None
    if expected(kind) is None:
        return None
    if loc == ("location",):
        return hints.coordinates(value)
    if last == "extra_services":
        return hints.extra_services(value, parent if isinstance(loc[-1], int) else None)
    return hints.colon_in_text(value)


def _zh_choices(expected_text: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "'a'、'b'、'c'"."""
    return expected_text.replace("' or '", "'、'").replace("', '", "'、'")


def _type_hint(kind: str) -> str:
    if kind == "string_type":
        return tr(
            "把文字写在冒号后面；有特殊符号时加英文引号",
            "write the text after the colon, in quotes if it has special characters",
        )
    if kind == "list_type":
        return tr("写成 [a, b]，或者每项一行、以 '- ' 开头", "write items as [a, b] or on lines starting with '- '")
    return tr("对照示例 stations.yaml", "compare with the sample stations.yaml")


def _fields_at(cls: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the model reached by following `loc` (skipping list indices) from `cls`."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
        if current is None:
            return []
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def check_network(
    site: Site,
    services: list[tuple[int, Service]],
    stations: list[tuple[int, Station]],
    doc: Document,
    typed: dict[str, str] | None = None,
) -> list[DataError]:
    """Checks across entries: unique ids, known services, coordinates in the region, successors.

    `typed` is the catalogue as typed (id → name), valid entries or not: a service whose entry has an
    error of its own (or a catalogue over its limit) is not reported again at every station using it.
    """
    errors = _check_unique(services, ("services",), "service", doc)
    errors += _check_unique(stations, ("stations",), "station", doc)
    catalogue = {**(typed or {}), **{s.id: s.name for _, s in services}}
    known = set(catalogue)
    by_id = {s.id: s for _, s in stations}
    for i, st in stations:
        path, label = ("stations", i), entry_label("station", st.id, i)
        errors += check_refs(
            st.services,
            known,
            (*path, "services"),
            label,
            "service",
            doc,
            lambda sid: hints.services(sid, catalogue),
        )
        errors += _check_location(st, site, path, label, doc)
        errors += _check_status(st, by_id, path, label, doc)
    return errors


def _check_unique(items: list[tuple[int, Any]], path: Path_, kind: str, doc: Document) -> list[DataError]:
    errors: list[DataError] = []
    first: dict[str, int] = {}
    for i, item in items:
        if item.id in first:
            line = doc.mark((*path, first[item.id], "id")).line
            errors.append(
                doc.error(
                    (*path, i, "id"),
                    tr(
                        f"{entry(kind)} id {item.id!r} 重复了（第 {line} 行已经用过）",
                        f"duplicate {kind} id {item.id!r} (first used at line {line})",
                    ),
                    tr("每个 id 都不能重复", "every id must be unique"),
                )
            )
        first.setdefault(item.id, i)
    return errors


def check_refs(
    ids: list[str], known: set[str], path: Path_, label: str, what: str, doc: Document, hint: Callable[[str], str]
) -> list[DataError]:
    """Every id in a list exists, once; `hint` suggests a fix for an unknown one."""
    errors: list[DataError] = []
    seen: set[str] = set()
    for j, ref in enumerate(ids):
        if ref not in known:
            message = tr(f"{label}：没有 {ref!r} 这个{entry(what)}", f"{label}: unknown {what} {ref!r}")
            errors.append(doc.error((*path, j), message, hint(ref)))
        elif ref in seen:
            message = tr(f"{label}：{entry(what)} {ref!r} 写了两次", f"{label}: {what} {ref!r} is listed twice")
            errors.append(doc.error((*path, j), message, tr("删掉一个", "remove one")))
        seen.add(ref)
    return errors


def _check_location(st: Station, site: Site, path: Path_, label: str, doc: Document) -> list[DataError]:
    lng, lat = st.location.lng, st.location.lat
    if site.region.contains(lng, lat):
        return []
    r = site.region
    if site.region.contains(lat, lng):
        near_lng, near_lat = int((r.west + r.east) / 2), int((r.south + r.north) / 2)
        hint = tr(
            f"经度和纬度好像写反了：经度 lng 是较大的数（这里约 {near_lng}），纬度 lat 是较小的数（约 {near_lat}）",
            f"lng and lat look swapped: lng is the larger number (about {near_lng} here), "
            f"lat the smaller (about {near_lat})",
        )
    else:
        hint = tr(
            f"从高德坐标拾取器复制坐标；本街道的范围是经度 {r.west}–{r.east}、纬度 {r.south}–{r.north}",
            f"copy GCJ-02 coordinates from Amap's picker; the region is lng {r.west}–{r.east}, lat {r.south}–{r.north}",
        )
    message = tr(
        f"{label}：坐标 {lng}, {lat} 不在本街道的范围内",
        f"{label}: location {lng}, {lat} is outside the network's region",
    )
    return [doc.error((*path, "location"), message, hint)]


def _check_status(st: Station, by_id: dict[str, Station], path: Path_, label: str, doc: Document) -> list[DataError]:
    errors = []
    if st.status == "open":
        for name in ("status_since", "successor", "status_note"):
            if getattr(st, name) is not None:
                errors.append(
                    doc.error(
                        (*path, name),
                        tr(
                            f"{label}：驿站是开放状态，却写了 {name}", f"{label}: {name} is set but the station is open"
                        ),
                        tr(
                            f"删掉 {name} 这一行，或者把 status 改成 paused（暂停）/ closed（关闭）",
                            f"remove {name} or set status: paused / closed",
                        ),
                        key=True,
                    )
                )
        return errors
    if st.status_since is None:
        errors.append(
            doc.error(
                (*path, "status"),
                tr(
                    f"{label}：状态 {st.status!r} 需要写 status_since",
                    f"{label}: status {st.status!r} needs status_since",
                ),
                tr('加上 status_since: "YYYY-MM-DD"（从哪天起）', 'add status_since: "YYYY-MM-DD"'),
            )
        )
    if st.successor is not None:
        succ = by_id.get(st.successor)
        if succ is None or succ.id == st.id or not succ.is_open:
            if succ is None:
                problem = tr("不存在", "does not exist")
            else:
                problem = tr("就是本站", "is this station") if succ.id == st.id else tr("没有开放", "is not open")
            errors.append(
                doc.error(
                    (*path, "successor"),
                    tr(
                        f"{label}：接替驿站 {st.successor!r} {problem}",
                        f"{label}: successor {st.successor!r} {problem}",
                    ),
                    tr("写附近一个开放驿站的 id", "name the id of an open station nearby"),
                )
            )
    return errors


# Public names for the other data files (content/study/*.yaml), which reuse this machinery as is.
validate_list = _validate_list
validate_one = _validate
check_unique = _check_unique
did_you_mean = _did_you_mean


def check_top_level(doc: Document, cls: type[BaseModel], required: typing.Iterable[str]) -> list[DataError]:
    """Errors for a file that is not a mapping, has unknown top-level keys or lacks required ones."""
    if not isinstance(doc.data, dict):
        message = tr(
            f"文件最外层应该是 {join(required)} 这几部分", f"the file must be a mapping with {', '.join(required)}"
        )
        return [doc.error((), message, tr("参照示例文件", "see the sample"))]
    return _top_level_keys(doc, cls, required)


def _top_level_keys(doc: Document, cls: type[BaseModel], required: typing.Iterable[str]) -> list[DataError]:
    errors = [
        doc.error(
            (key,),
            tr(f"最外层没有 {key!r} 这一部分", f"unknown top-level key {key!r}"),
            _did_you_mean(key, cls.model_fields),
            key=True,
        )
        for key in doc.data
        if key not in cls.model_fields
    ]
    missing = [key for key in required if key not in doc.data]
    errors += [
        doc.error(
            (),
            tr(f"缺少最外层的 {key!r} 部分", f"missing top-level key {key!r}"),
            tr(f"加上 `{key}:` 这一部分", f"add a `{key}:` section"),
        )
        for key in missing
    ]
    return errors
