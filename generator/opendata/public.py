"""What of a station may be published: an explicit allow-list, and the public record built from it.

Every open-data file (GeoJSON, CSV, HSDS) and every JSON-LD block is built from `PublicStation`,
never from the `Station` model itself, so a field is published only when it is named here. A field
added to the model must be classified in one of the two tuples below (a test checks that every
model field is), which makes publishing a new field a deliberate decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..data.geo import gcj02_to_wgs84
from ..data.hours import Schedule
from ..data.model import Network, Station
from ..render import absolute_url, station_url

PUBLIC_FIELDS = (
    "id", "name", "kind", "community", "demo", "address", "postal_code", "location", "phones", "hours",
    "services", "extra_services", "status", "status_since", "successor", "status_note", "verified",
)  # fmt: skip
PRIVATE_FIELDS = (
    "wifi",  # the network name is posted in the station; its password must not end up in a data file
    "notes",  # free text written for staff and riders on the spot, not for redistribution
    "access",  # how to get in (刷工牌进门): shown on the station page, for riders there, like notes
    "photos",  # paths of the originals, whose EXIF may hold a position; the page shows cleaned copies
)
COORD_DECIMALS = 6  # RFC 7946 §11.2: six decimal places are about 10 cm, more is false precision


@dataclass(frozen=True)
class Named:
    """A service as published: catalogue id (empty for a station's own service), name, description."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class PublicStation:
    """The published part of one station, with both datums and its absolute page URL."""

    id: str
    name: str
    kind: str
    community: str
    demo: bool
    address: str
    postal_code: str
    phones: tuple[str, ...]
    hours: str
    schedule: Schedule
    """`hours` compiled (the model's cached copy)."""
    services: tuple[Named, ...]
    extra_services: tuple[Named, ...]
    status: str
    status_since: date | None
    successor: str | None
    status_note: str | None
    verified: date | None
    url: str
    gcj02: tuple[float, float]
    wgs84: tuple[float, float]
    """(lng, lat) converted from GCJ-02 and rounded to COORD_DECIMALS."""


def public_station(network: Network, st: Station) -> PublicStation:
    """Copy the allow-listed fields of one station (and nothing else) into its public record."""
    catalogue = network.service_by_id
    lng, lat = st.location.lng, st.location.lat
    wlng, wlat = gcj02_to_wgs84(lng, lat)
    return PublicStation(
        id=st.id,
        name=st.name,
        kind=st.kind,
        community=st.community,
        demo=st.demo,
        address=st.address,
        postal_code=st.postal_code,
        phones=tuple(st.phones),
        hours=st.hours,
        schedule=st.schedule,
        services=tuple(Named(s, catalogue[s].name, catalogue[s].description) for s in st.services),
        extra_services=tuple(Named("", e.name, e.description) for e in st.extra_services),
        status=st.status,
        status_since=st.status_since,
        successor=st.successor,
        status_note=st.status_note,
        verified=st.verified,
        url=absolute_url(network.site.site_url, station_url(st.id)),
        gcj02=(lng, lat),
        wgs84=(round(wlng, COORD_DECIMALS), round(wlat, COORD_DECIMALS)),
    )


def public_stations(network: Network) -> list[PublicStation]:
    """Every station's public record, in the data's order."""
    return [public_station(network, st) for st in network.stations]
