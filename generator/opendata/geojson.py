"""stations.geojson: one RFC 7946 Point Feature per station, in WGS-84.

RFC 7946 §4: coordinates are WGS-84 longitude, latitude and there is no `crs` member, so the stored
GCJ-02 is converted (data/geo.py) and kept as two plain properties for Chinese map APIs.
Network-wide facts (name, licence, attribution) are foreign members of the collection (§6.1).
"""

from __future__ import annotations

import json
from typing import Any

from ..data.model import Network
from .licenses import license_info
from .public import PublicStation


def feature(st: PublicStation) -> dict[str, Any]:
    """One station as a GeoJSON Feature; `id` is the station's permanent id (RFC 7946 §3.2)."""
    props: dict[str, Any] = {
        "id": st.id,
        "name": st.name,
        "kind": st.kind,
        "community": st.community,
        "demo": st.demo,
        "status": st.status,
        "status_since": _day(st.status_since),
        "successor": st.successor,
        "status_note": st.status_note,
        "address": st.address,
        "postal_code": st.postal_code,
        "phones": list(st.phones),
        "opening_hours": st.hours,
        "services": [{"id": s.id, "name": s.name} for s in st.services],
        "extra_services": [{"name": s.name, "description": s.description} for s in st.extra_services],
        "url": st.url,
        "verified": _day(st.verified),
        "gcj02_lng": st.gcj02[0],
        "gcj02_lat": st.gcj02[1],
    }
    geometry = {"type": "Point", "coordinates": [st.wgs84[0], st.wgs84[1]]}
    return {"type": "Feature", "id": st.id, "geometry": geometry, "properties": props}


def stations_geojson(network: Network, stations: list[PublicStation]) -> bytes:
    """The FeatureCollection as UTF-8 JSON (one feature per line, so a changed station is a one-line diff)."""
    return (geojson_head(network, stations) + ",\n".join(map(feature_line, stations)) + "\n]}\n").encode("utf-8")


def feature_line(st: PublicStation) -> str:
    """One station's line of the collection."""
    return _dumps(feature(st))


def geojson_head(network: Network, stations: list[PublicStation]) -> str:
    """The collection up to its first feature: network-wide members and the bounding box of `stations`."""
    site = network.site
    lic = license_info(site.license)
    head: dict[str, Any] = {
        "type": "FeatureCollection",
        "name": f"{site.district}{site.name}",
        "license": {"id": lic.id, "title": lic.title, "url": lic.url},
        "attribution": f"{site.district}{site.name}（{site.site_url}）",
        "source": site.site_url,
    }
    if stations:
        lngs, lats = [s.wgs84[0] for s in stations], [s.wgs84[1] for s in stations]
        head["bbox"] = [min(lngs), min(lats), max(lngs), max(lats)]  # RFC 7946 §5
    return _dumps(head)[:-1] + ',"features":[\n'


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
