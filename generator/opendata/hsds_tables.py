"""The HSDS 3.0 tables this project publishes, as the official Tabular Data Package defines them.

Columns, types, formats, required flags and enums are those of the tables below in the official
`datapackage.json` (openreferral/specification, branch 3.0; a copy is in schema/hsds/ and a test
checks that these definitions match it). Every column is written, empty when we have no value, so
HSDS tools find the headers they expect. Foreign keys are kept where both tables are published.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .tabular import csv_chunks, text_cell

Column = tuple[str, str, str, bool]  # name, type, format, required

_STATUS = ("active", "inactive", "defunct", "temporarily closed")
_PLACE = ("physical", "postal", "virtual")
ENUMS = {
    ("service", "status"): _STATUS,
    ("location", "location_type"): _PLACE,
    ("address", "address_type"): _PLACE,
    ("schedule", "wkst"): ("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
    ("schedule", "freq"): ("WEEKLY", "MONTHLY"),
}


@dataclass(frozen=True)
class Table:
    """One HSDS object serialised as a CSV file."""

    path: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()
    """(column, referenced table) pairs; the referenced column is always `id`."""


def _cols(required: str, order: str) -> tuple[Column, ...]:
    """Columns in `order` (space separated `name:type[:format]`), required ones named in `required`."""
    needed = set(required.split())
    cols = []
    for spec in order.split():
        name, kind, *fmt = spec.split(":")
        cols.append((name, kind, fmt[0] if fmt else "default", name in needed))
    return tuple(cols)


_UUID = "string:uuid"
TABLES: dict[str, Table] = {
    "organization": Table(
        "organizations.csv",
        _cols(
            "id name description",
            f"id:{_UUID} name:string alternate_name:string description:string email:string:email "
            "website:string:uri tax_status:string tax_id:string year_incorporated:number legal_status:string "
            f"logo:string uri:string:uri parent_organization_id:{_UUID}",
        ),
    ),
    "service": Table(
        "services.csv",
        _cols(
            "id organization_id name status",
            f"id:{_UUID} organization_id:{_UUID} program_id:{_UUID} name:string alternate_name:string "
            "description:string url:string:uri email:string:email status:string interpretation_services:string "
            "application_process:string fees_description:string wait_time:string fees:string accreditations:string "
            "eligibility_description:string minimum_age:number maximum_age:number assured_date:date "
            "assurer_email:string:email licenses:string alert:string last_modified:datetime",
        ),
        (("organization_id", "organization"),),
    ),
    "service_at_location": Table(
        "service_at_location.csv",
        _cols(
            "id service_id location_id",
            f"id:{_UUID} service_id:{_UUID} location_id:{_UUID} description:string",
        ),
        (("service_id", "service"), ("location_id", "location")),
    ),
    "location": Table(
        "locations.csv",
        _cols(
            "id location_type",
            f"id:{_UUID} location_type:string url:string:uri organization_id:{_UUID} name:string "
            "alternate_name:string description:string transportation:string latitude:number longitude:number "
            "external_identifier:string external_identifier_type:string",
        ),
        (("organization_id", "organization"),),
    ),
    "phone": Table(
        "phones.csv",
        _cols(
            "id number",
            f"id:{_UUID} location_id:{_UUID} service_id:{_UUID} organization_id:{_UUID} contact_id:{_UUID} "
            f"service_at_location_id:{_UUID} number:string extension:number type:string description:string",
        ),
        (
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    "address": Table(
        "addresses.csv",
        _cols(
            "id address_1 city state_province postal_code country address_type",
            f"id:{_UUID} location_id:{_UUID} attention:string address_1:string address_2:string city:string "
            "region:string state_province:string postal_code:string country:string address_type:string",
        ),
        (("location_id", "location"),),
    ),
    "schedule": Table(
        "schedules.csv",
        _cols(
            "id",
            f"id:{_UUID} service_id:{_UUID} location_id:{_UUID} service_at_location_id:{_UUID} valid_from:date "
            "valid_to:date dtstart:date timezone:number until:date count:number wkst:string freq:string "
            "interval:number byday:string byweekno:string bymonthday:string byyearday:string description:string "
            "opens_at:time closes_at:time schedule_link:string:uri attending_type:string notes:string",
        ),
        (("location_id", "location"), ("service_id", "service"), ("service_at_location_id", "service_at_location")),
    ),
}


def field_descriptor(table: str, column: Column) -> dict[str, Any]:
    """A Table Schema field, as the official package writes it (name, type, format, constraints)."""
    name, kind, fmt, required = column
    field: dict[str, Any] = {"name": name, "type": kind}
    if fmt != "default":
        field["format"] = fmt
    constraints: dict[str, Any] = {"required": required, "unique": name == "id"}
    if (table, name) in ENUMS:
        constraints["enum"] = list(ENUMS[table, name])
    field["constraints"] = constraints
    return field


def resource_descriptor(name: str, table: Table) -> dict[str, Any]:
    """One tabular data resource: its CSV path and schema (primary key `id`, foreign keys)."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(name, c) for c in table.columns],
        "primaryKey": "id",
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": col, "reference": {"resource": ref, "fields": "id"}} for col, ref in table.foreign_keys
        ]
    return {
        "name": name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _time(value: str) -> str:
    return f"{value[:5]}:00{value[5:]}"


def _number(value: Any) -> str:
    # json.dumps writes an int or a finite float as repr() does; calling it per cell cost more than the
    # rest of the row (thousands of schedule rows each carry a timezone).
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return json.dumps(value)


_CELL: dict[str, Callable[[Any], str]] = {"time": _time, "number": _number, "string": text_cell}


def cell(kind: str, value: Any) -> str:
    """A CSV cell for a column of Table Schema type `kind`; text cells are escaped against formulas.

    Table Schema's `time` is `HH:MM:SS` with an optional offset, where HSDS JSON writes `HH:MM+08:00`:
    the seconds are added here.
    """
    return "" if value is None or value == "" else _CELL.get(kind, str)(value)


def table_csv(name: str, rows: list[dict[str, Any]]) -> Iterator[bytes]:
    """One table as UTF-8 CSV, in chunks (no byte-order mark: these files are for software, not spreadsheets)."""
    return csv_chunks(table_header(name), table_cells(name, rows))


def table_header(name: str) -> list[str]:
    """The table's column names."""
    return [c[0] for c in TABLES[name].columns]


def table_cells(name: str, rows: list[dict[str, Any]]) -> Iterator[list[str]]:
    """The table's cells of `rows`, every column in order."""
    columns = TABLES[name].columns
    return ([cell(kind, row.get(col)) for col, kind, _, _ in columns] for row in rows)
