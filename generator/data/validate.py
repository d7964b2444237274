"""Turn a loaded Document into a Network, collecting every error with its position."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import DataError, DataErrors
from .load import ALIAS, Document, Path_
from .model import CalendarExtras, Network, Service, Site, Station, StationsFile

M = TypeVar("M", bound=BaseModel)

_WHAT = {
    dict: "a mapping (key: value lines)",
    list: "a list (lines starting with '- ')",
    str: "text",
    type(None): "nothing",
}
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "bool_type": "true or false",
    "float_type": "a number",
    "date_type": "a date YYYY-MM-DD",
}


def validate_document(doc: Document) -> Network:
    """Validate each part separately so one bad station does not hide the others' problems."""
    errors: list[DataError] = list(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        raise DataErrors(
            [
                doc.error(
                    (),
                    "the file must be a mapping with site, services and stations",
                    "see the sample",
                )
            ]
        )
    for key in data:
        if key not in StationsFile.model_fields:
            errors.append(
                doc.error(
                    (key,),
                    f"unknown top-level key {key!r}",
                    _did_you_mean(key, StationsFile.model_fields),
                    key=True,
                )
            )
    for key in ("site", "services", "stations"):
        if key not in data:
            errors.append(doc.error((), f"missing top-level key {key!r}", f"add a `{key}:` section"))
    site = _validate(Site, data.get("site"), ("site",), doc, errors, "site") if "site" in data else None
    services = _validate_list(Service, data.get("services"), ("services",), doc, errors, "service")
    stations = _validate_list(Station, data.get("stations"), ("stations",), doc, errors, "station")
    calendar = _validate(
        CalendarExtras,
        data.get("calendar") or {},
        ("calendar",),
        doc,
        errors,
        "calendar",
    )
    if site is not None:
        errors += check_network(site, services, stations, doc)
    if errors or site is None or calendar is None:
        raise DataErrors(errors)
    return Network(site, tuple(s for _, s in services), tuple(s for _, s in stations), calendar)


def _validate(
    cls: type[M],
    value: Any,
    path: Path_,
    doc: Document,
    errors: list[DataError],
    label: str,
) -> M | None:
    try:
        return cls.model_validate(value)
    except ValidationError as exc:
        found = [e for e in exc.errors(include_url=False) if e.get("input") is not ALIAS]
        errors += [_locate(e, cls, path, doc, label) for e in found if e["type"] != "missing"]
        errors += _missing(found, path, doc, label)
        return None


def _validate_list(
    cls: type[M],
    value: Any,
    path: Path_,
    doc: Document,
    errors: list[DataError],
    kind: str,
) -> list[tuple[int, M]]:
    if not isinstance(value, list):
        if value is not None or path[-1:] != ("services",):
            errors.append(doc.error(path, f"{path[-1]} must be a list", "start each entry with '- '"))
        return []
    result = []
    for i, item in enumerate(value):
        ident = item.get("id") if isinstance(item, dict) else None
        label = f"{kind} {ident!r}" if isinstance(ident, str) else f"{kind} #{i + 1}"
        model = _validate(cls, item, (*path, i), doc, errors, label)
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
        listed = ", ".join(repr(n) for n in names)
        what = "field" if len(names) == 1 else "fields"
        errors.append(doc.error((*base, *parent), f"{label}: missing required {what} {listed}", f"add `{names[0]}: …`"))
    return errors


def _locate(err: Any, cls: type[BaseModel], base: Path_, doc: Document, label: str) -> DataError:
    loc: Path_ = tuple(err["loc"])
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    path = (*base, *loc)
    if kind == "missing":
        return doc.error(
            path[:-1],
            f"{label}: missing required field {loc[-1]!r}",
            f"add `{loc[-1]}: …`",
        )
    if kind == "extra_forbidden":
        hint = _did_you_mean(str(loc[-1]), _fields_at(cls, loc[:-1]))
        return doc.error(path, f"{label}: unknown field {loc[-1]!r}", hint, key=True)
    if kind == "bee":
        return doc.error(
            path,
            f"{label}: {_field(loc)}{ctx['message']}",
            ctx["hint"],
            offset=ctx.get("offset"),
        )
    if kind in ("literal_error", "enum"):
        return doc.error(
            path,
            f"{label}: {_field(loc)}{value!r} is not allowed",
            f"use one of: {ctx.get('expected')}",
        )
    if kind in _EXPECTED:
        found = _WHAT.get(type(value), type(value).__name__)
        return doc.error(
            path,
            f"{label}: {_field(loc)}expected {_EXPECTED[kind]}, found {found}",
            _type_hint(kind),
        )
    return doc.error(
        path,
        f"{label}: {_field(loc)}{err['msg']}",
        "compare with the sample stations.yaml",
    )


def _field(loc: Path_) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return f"{names[-1]}: " if names else ""


def _type_hint(kind: str) -> str:
    if kind == "string_type":
        return "write the text after the colon, in quotes if it has special characters"
    if kind == "list_type":
        return "write items as [a, b] or on lines starting with '- '"
    return "compare with the sample stations.yaml"


def _did_you_mean(word: str, options: typing.Iterable[str]) -> str:
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1)
    known = ", ".join(options)
    return f"did you mean {close[0]!r}? allowed: {known}" if close else f"allowed: {known}"


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
) -> list[DataError]:
    """Checks across entries: unique ids, known services, coordinates in the region, successors."""
    errors = _check_unique(services, ("services",), "service", doc)
    errors += _check_unique(stations, ("stations",), "station", doc)
    known = {s.id for _, s in services}
    by_id = {s.id: s for _, s in stations}
    for i, st in stations:
        path, label = ("stations", i), f"station {st.id!r}"
        errors += check_refs(
            st.services,
            known,
            (*path, "services"),
            label,
            "service",
            doc,
            lambda sid: _did_you_mean(sid, sorted(known)),
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
                    f"duplicate {kind} id {item.id!r} (first used at line {line})",
                    "every id must be unique",
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
            errors.append(doc.error((*path, j), f"{label}: unknown {what} {ref!r}", hint(ref)))
        elif ref in seen:
            errors.append(doc.error((*path, j), f"{label}: {what} {ref!r} is listed twice", "remove one"))
        seen.add(ref)
    return errors


def _check_location(st: Station, site: Site, path: Path_, label: str, doc: Document) -> list[DataError]:
    lng, lat = st.location.lng, st.location.lat
    if site.region.contains(lng, lat):
        return []
    r = site.region
    if site.region.contains(lat, lng):
        hint = "lng and lat look swapped: lng is the larger number (about 120 here), lat the smaller (about 31)"
    else:
        hint = (
            f"copy GCJ-02 coordinates from Amap's picker; the region is lng {r.west}–{r.east}, lat {r.south}–{r.north}"
        )
    return [
        doc.error(
            (*path, "location"),
            f"{label}: location {lng}, {lat} is outside the network's region",
            hint,
        )
    ]


def _check_status(st: Station, by_id: dict[str, Station], path: Path_, label: str, doc: Document) -> list[DataError]:
    errors = []
    if st.status == "open":
        for name in ("status_since", "successor", "status_note"):
            if getattr(st, name) is not None:
                errors.append(
                    doc.error(
                        (*path, name),
                        f"{label}: {name} is set but the station is open",
                        f"remove {name} or set status: paused / closed",
                        key=True,
                    )
                )
        return errors
    if st.status_since is None:
        errors.append(
            doc.error(
                (*path, "status"),
                f"{label}: status {st.status!r} needs status_since",
                'add status_since: "YYYY-MM-DD"',
            )
        )
    if st.successor is not None:
        succ = by_id.get(st.successor)
        if succ is None or succ.id == st.id or not succ.is_open:
            problem = "does not exist" if succ is None else "is this station" if succ.id == st.id else "is not open"
            errors.append(
                doc.error(
                    (*path, "successor"),
                    f"{label}: successor {st.successor!r} {problem}",
                    "name the id of an open station nearby",
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
        return [doc.error((), f"the file must be a mapping with {', '.join(required)}", "see the sample")]
    errors = [
        doc.error((key,), f"unknown top-level key {key!r}", _did_you_mean(key, cls.model_fields), key=True)
        for key in doc.data
        if key not in cls.model_fields
    ]
    missing = [key for key in required if key not in doc.data]
    errors += [doc.error((), f"missing top-level key {key!r}", f"add a `{key}:` section") for key in missing]
    return errors
