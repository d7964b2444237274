"""A live preview's open data: each station's share of every data file, kept from one build to the next.

Every data file lists every station, so a one-station edit changes them all, and a preview made them again
from scratch after every save (about 0.4 s at 1,000 stations). Here a station's lines of each file and its
JSON-LD block are kept by everything they are made of: its public record, its successor's name (a closed
station's HSDS description names it), and the network-wide inputs (site, service catalogue, holiday calendar,
today), a change of which drops every share. The files are joined from the shares in the order in which the
full build writes them; a test compares the bytes of both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from ..data.hours import HolidayCalendar
from ..data.model import Network
from .geojson import feature_line, geojson_head
from .hsds import Catalogue, Row, network_records, station_records
from .hsds_package import (
    HSDS_DIR,
    JSON_FORM,
    PACKAGE,
    compact_row,
    embedded_rows,
    form_chunks,
    location_json,
    operator_phones,
    package_bytes,
    service_json,
)
from .hsds_tables import TABLES, table_cells, table_header
from .jsonld import script, station_jsonld
from .public import PublicStation
from .tabular import BOM, STATION_COLUMNS, csv_lines, station_row


@dataclass(frozen=True)
class Share:
    """One station's part of every data file, each piece as the full build writes it."""

    feature: str
    """Its line of stations.geojson."""
    row: str
    """Its line of stations.csv."""
    tables: dict[str, str]
    """Its lines of each HSDS table's CSV file."""
    location: str
    """Its location in the JSON form, with what the location embeds."""
    services: tuple[str, ...]
    """Its own services in the JSON form, with their links."""
    links: tuple[tuple[str, str], ...]
    """(service id, link as JSON) for each service offered there, for the catalogue services in the JSON form."""
    jsonld: Markup
    """The JSON-LD block of its page."""


class StationShares:
    """The shares of a preview's last build, reused by the next one for the stations whose inputs are the same."""

    def __init__(self) -> None:
        self._network_inputs: tuple[Any, ...] | None = None
        self._kept: dict[tuple[PublicStation, str | None], Share] = {}

    def files(
        self, network: Network, stations: list[PublicStation], calendar: HolidayCalendar, today: date, created: datetime
    ) -> tuple[list[tuple[str, bytes]], dict[str, Markup]]:
        """Every data file (path under data/, bytes) as `build_open_data` writes them, and the JSON-LD blocks."""
        tables, catalogue = network_records(network, stations)
        inputs = (
            network.site.model_dump_json(),
            tuple(s.model_dump_json() for s in network.services),
            calendar,
            today,
        )
        kept = self._kept if inputs == self._network_inputs else {}
        shares: dict[tuple[PublicStation, str | None], Share] = {}
        for st in stations:
            key = (st, network.station_by_id[st.successor].name if st.successor else None)
            shares[key] = kept.get(key) or _share(st, network, catalogue, calendar, today)
        self._network_inputs, self._kept = inputs, shares  # a share no station has any more is dropped
        ordered = list(shares.values())  # station ids are unique, so there is one key per station, in order
        files = list(_files(network, stations, tables, ordered, created))
        return files, {st.id: share.jsonld for st, share in zip(stations, ordered, strict=True)}


def _share(st: PublicStation, network: Network, catalogue: Catalogue, calendar: HolidayCalendar, today: date) -> Share:
    """One station's share, made afresh."""
    rows = station_records(st, network, catalogue, calendar)
    by_location, at_service = embedded_rows(rows)
    [location] = rows["location"]
    own = rows.get("service", [])
    return Share(
        feature=feature_line(st),
        row=csv_lines([station_row(st)]),
        tables={name: csv_lines(table_cells(name, r)) for name, r in rows.items()},
        location=location_json(location, by_location.get(location["id"], {})),
        services=tuple(service_json(s, [compact_row(r) for r in at_service.get(s["id"], [])]) for s in own),
        links=tuple((r["service_id"], compact_row(r)) for r in rows.get("service_at_location", [])),
        jsonld=script(station_jsonld(network, st, calendar, today)),
    )


def _files(
    network: Network,
    stations: list[PublicStation],
    tables: dict[str, list[Row]],
    shares: list[Share],
    created: datetime,
) -> Iterator[tuple[str, bytes]]:
    """The data files in the order `build_open_data` writes them, the network's own rows first in each table."""
    features = ",\n".join(s.feature for s in shares)
    yield "stations.geojson", (geojson_head(network, stations) + features + "\n]}\n").encode("utf-8")
    yield "stations.csv", BOM + (csv_lines([STATION_COLUMNS]) + "".join(s.row for s in shares)).encode("utf-8")
    for name, rows in tables.items():
        text = csv_lines([table_header(name)]) + csv_lines(table_cells(name, rows))
        yield f"{HSDS_DIR}/{TABLES[name].path}", (text + "".join(s.tables.get(name, "") for s in shares)).encode()
    yield f"{HSDS_DIR}/{PACKAGE}", package_bytes(network, created)
    yield f"{HSDS_DIR}/{JSON_FORM}", b"".join(form_chunks(tables["organization"][0], _embedded(tables, shares)))


def _embedded(tables: dict[str, list[Row]], shares: list[Share]) -> dict[str, list[str]]:
    """The JSON form's lists: the operator's phones, every location, the catalogue services (linked to every
    station offering them) and then each station's own services."""
    links: dict[str, list[str]] = {}
    for share in shares:
        for service_id, link in share.links:
            links.setdefault(service_id, []).append(link)
    catalogue = [service_json(s, links.get(s["id"], [])) for s in tables["service"]]
    return {
        "phones": [compact_row(p) for p in operator_phones(tables)],
        "locations": [s.location for s in shares],
        "services": catalogue + [own for s in shares for own in s.services],
    }
