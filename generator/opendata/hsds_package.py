"""HSDS 3.0 serialisations of the records: the Tabular Data Package and the JSON form.

HSDS 3.0 "Serialization": JSON is canonical and objects are embedded (dereferenced); the Tabular
Data Package is one CSV per object plus `datapackage.json`, objects linked by `id` columns.
The JSON form is one organization with its `locations` (addresses, phones, schedules embedded)
and its `services` (with their service_at_locations), the shape of HSDS's compiled organization
schema, so each station's schedule is written once rather than once per service.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ..data.model import Network
from ..render import absolute_url
from .hsds import Row, organization_name
from .hsds_tables import TABLES, resource_descriptor, table_csv
from .licenses import license_info

HSDS_DIR = "hsds"
PACKAGE = "datapackage.json"
JSON_FORM = "organization.json"
HSDS_VERSION = "3.0"


def hsds_files(
    network: Network, tables: dict[str, list[Row]], created: datetime
) -> Iterator[tuple[str, Iterable[bytes]]]:
    """(file name under hsds/, its bytes in chunks), one file at a time: one CSV per table, the package
    descriptor, the JSON form. No file is ever whole in memory (the JSON form as one object and one text would
    be about 25 KB a station)."""
    for name, rows in tables.items():
        yield TABLES[name].path, table_csv(name, rows)
    yield PACKAGE, [package_bytes(network, created)]
    yield JSON_FORM, json_form_chunks(tables)


def package_bytes(network: Network, created: datetime) -> bytes:
    """datapackage.json as written."""
    return _json_bytes(package_descriptor(network, created))


def package_descriptor(network: Network, created: datetime) -> dict[str, Any]:
    """The Tabular Data Package descriptor: title, licence, sources and one resource per table."""
    site = network.site
    lic = license_info(site.license)
    host = urlsplit(site.site_url).hostname or "site"
    return {
        "profile": "tabular-data-package",
        "name": f"{host.replace('.', '-')}-hsds",
        "title": f"{organization_name(network)} 驿站数据（HSDS {HSDS_VERSION}）",
        "description": f"{site.district}{site.name}的组织、服务、驿站位置（WGS-84）、地址、电话和开放时间，"
        f"按 Open Referral 人类服务数据规范（HSDS {HSDS_VERSION}）发布。",
        "homepage": absolute_url(site.site_url, "data/"),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [{"name": lic.id, "path": lic.url, "title": lic.title}],
        "sources": [{"title": organization_name(network), "path": site.site_url}],
        "resources": [resource_descriptor(name, TABLES[name]) for name in TABLES],
    }


def _clean(row: Row) -> Row:
    """Drop empty values: JSON leaves an unknown property out rather than writing null."""
    return {k: v for k, v in row.items() if v is not None and v != ""}


_UNDER_LOCATION = {"address": "addresses", "phone": "phones", "schedule": "schedules"}


def json_form(tables: dict[str, list[Row]]) -> dict[str, Any]:
    """The organization object with everything embedded under it."""
    by_location, at_service = embedded_rows(tables)
    return {
        **_clean(tables["organization"][0]),
        "phones": [_clean(p) for p in operator_phones(tables)],
        "locations": [
            {**_clean(loc), **{key: [_clean(r) for r in rows] for key, rows in by_location.get(loc["id"], {}).items()}}
            for loc in tables["location"]
        ],
        "services": [
            {**_clean(s), "service_at_locations": [_clean(r) for r in at_service.get(s["id"], [])]}
            for s in tables["service"]
        ],
    }


def json_form_chunks(tables: dict[str, list[Row]]) -> Iterator[bytes]:
    """`json_form(tables)` as compact UTF-8 JSON, the bytes `json.dumps` would give, one embedded object at a
    time: each location with its addresses, phones and schedules, each service with its links."""
    by_location, at_service = embedded_rows(tables)
    embedded = {
        "phones": (compact_row(p) for p in operator_phones(tables)),
        "locations": (location_json(loc, by_location.get(loc["id"], {})) for loc in tables["location"]),
        "services": (service_json(s, [compact_row(r) for r in at_service.get(s["id"], [])]) for s in tables["service"]),
    }
    return form_chunks(tables["organization"][0], embedded)


def form_chunks(organization: Row, embedded: Mapping[str, Iterable[str]]) -> Iterator[bytes]:
    """The JSON form from the organization's own row and its embedded lists, each item already compact JSON."""
    org = _clean(organization)
    head, sep = _compact(org)[:-1], "," if org else ""  # the organization's own fields, without the closing brace
    for key, items in embedded.items():
        yield f"{head}{sep}{_compact(key)}:[".encode()
        head, sep = "", ","
        comma = ""
        for item in items:
            yield (comma + item).encode()
            comma = ","
        yield b"]"
    yield b"}\n"


def embedded_rows(tables: dict[str, list[Row]]) -> tuple[dict[str, dict[str, list[Row]]], dict[str, list[Row]]]:
    """The rows each location embeds (addresses, phones, schedules, by location id) and the links each service
    embeds (by service id), in table order."""
    by_location: dict[str, dict[str, list[Row]]] = {}
    for name, plural in _UNDER_LOCATION.items():
        for row in tables.get(name, ()):
            if row.get("location_id"):
                by_location.setdefault(row["location_id"], {}).setdefault(plural, []).append(row)
    at_service: dict[str, list[Row]] = {}
    for row in tables.get("service_at_location", ()):
        at_service.setdefault(row["service_id"], []).append(row)
    return by_location, at_service


def operator_phones(tables: dict[str, list[Row]]) -> Iterator[Row]:
    """The organization's own phones (not a location's)."""
    return (p for p in tables["phone"] if p.get("organization_id") and not p.get("location_id"))


def location_json(location: Row, embedded: dict[str, list[Row]]) -> str:
    """One location with its addresses, phones and schedules, as compact JSON."""
    return _compact({**_clean(location), **{key: [_clean(r) for r in rows] for key, rows in embedded.items()}})


def service_json(service: Row, links: list[str]) -> str:
    """One service with its service_at_locations (each already compact JSON), as compact JSON."""
    return _compact(_clean(service))[:-1] + ',"service_at_locations":[' + ",".join(links) + "]}"


def compact_row(row: Row) -> str:
    """A row as compact JSON, empty values left out."""
    return _compact(_clean(row))


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""json.dumps(value, ensure_ascii=False, separators=(",", ":")), without making an encoder per call."""


def _json_bytes(value: Any) -> bytes:
    """UTF-8 JSON indented for people (the descriptor; the JSON form is compact: it repeats for every station)."""
    return (json.dumps(value, ensure_ascii=False, indent=1, separators=(",", ": ")) + "\n").encode("utf-8")
