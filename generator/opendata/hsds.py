"""The network as Open Referral HSDS 3.0 records: one row per object, keyed by HSDS table name.

One organization (the network's operator), one service per catalogue service (the "8+N") and per
station-specific service, one physical location per station with its address, phones and schedule,
and a service_at_location link for each service an open station offers. Paused and closed stations
stay as locations (their ids are permanent) but offer no service and have no schedule.

Every id is a UUIDv5 (RFC 9562 §5.5, URL namespace) of a URL under `site_url`: stable across builds,
distinct per object, and derived from the station or service id, never from row order.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..data.hours import HolidayCalendar
from ..data.model import Network
from ..render import absolute_url
from .public import Named, PublicStation
from .schedules import ICAL_DAYS, UTC_OFFSET, UTC_OFFSET_HOURS, exceptions, weekly

Row = dict[str, Any]
# HSDS service.status for a station's own services, by station status.
SERVICE_STATUS = {"open": "active", "paused": "temporarily closed", "closed": "defunct"}
FEES = "免费"
COUNTRY = "CN"  # ISO 3166-1 alpha-2, as HSDS address.country asks


_URL_NAMESPACE = uuid.NAMESPACE_URL.bytes


def uid(url: str) -> str:
    """The UUIDv5 of a URL: the same URL always gives the same id.

    The text of `uuid.uuid5(uuid.NAMESPACE_URL, url)`, made without a UUID object (a third of the time). A
    network has about twenty ids per station, each asked for once per build, so nothing is cached: a cache
    held every id of a 100,000-station build, with its URL, to the end of the process.
    """
    raw = bytearray(hashlib.sha1(_URL_NAMESPACE + url.encode("utf-8"), usedforsecurity=False).digest()[:16])
    raw[6] = raw[6] & 0x0F | 0x50  # version 5 (RFC 9562 §5.5)
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 9562 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def organization_name(network: Network) -> str:
    """The operator as HSDS and schema.org name it: district and network, e.g. '…江溪街道小蜜蜂驿站'."""
    return f"{network.site.district}{network.site.name}"


def build_records(network: Network, stations: list[PublicStation], calendar: HolidayCalendar) -> dict[str, list[Row]]:
    """Rows per HSDS table (organization, service, location, address, phone, schedule, service_at_location)."""
    tables, catalogue = network_records(network, stations)
    for st in stations:
        for name, rows in station_records(st, network, catalogue, calendar).items():
            tables[name] += rows
    return tables


@dataclass(frozen=True)
class Catalogue:
    """What every station's rows refer to: the operator's id and each catalogue service's id."""

    org_id: str
    service_ids: dict[str, str]


def network_records(network: Network, stations: list[PublicStation]) -> tuple[dict[str, list[Row]], Catalogue]:
    """The network's own rows, first in their tables (the operator, its phone, the catalogue services, whose
    status follows the stations offering them), and the ids the stations' rows refer to."""
    site = network.site
    org_id = uid(site.site_url)
    tables: dict[str, list[Row]] = {name: [] for name in _ORDER}
    tables["organization"].append(_organization(network, org_id))
    if site.contact:
        phone = {"id": uid(site.site_url + "#phone"), "organization_id": org_id, "number": site.contact}
        tables["phone"].append({**phone, "type": "voice", "description": "服务电话"})
    catalogue = {s.id: _catalogue_service(network, s.id, stations, org_id) for s in network.services}
    tables["service"] += catalogue.values()
    return tables, Catalogue(org_id, {sid: row["id"] for sid, row in catalogue.items()})


def station_records(
    st: PublicStation, network: Network, catalogue: Catalogue, calendar: HolidayCalendar
) -> dict[str, list[Row]]:
    """The rows one station contributes, per table; besides the station they depend only on the site, the
    catalogue, the calendar and the name of the station's successor."""
    return dict(_station_rows(st, network, catalogue.org_id, catalogue.service_ids, calendar))


_ORDER = ("organization", "service", "location", "service_at_location", "phone", "address", "schedule")


def _organization(network: Network, org_id: str) -> Row:
    site = network.site
    return {
        "id": org_id,
        "name": organization_name(network),
        "alternate_name": site.name,
        "description": f"{site.district}设立的{site.name}："
        "快递员、外卖骑手等户外劳动者免费歇脚、喝水、充电、热饭的站点。",
        "website": site.site_url,
    }


def _catalogue_service(network: Network, sid: str, stations: list[PublicStation], org_id: str) -> Row:
    service = network.service_by_id[sid]
    offering = {st.status for st in stations if any(s.id == sid for s in st.services)}
    status = "active" if "open" in offering else "temporarily closed" if "paused" in offering else "inactive"
    url = absolute_url(network.site.site_url, "services/") + "#" + sid
    row = {"id": uid(url), "organization_id": org_id, "name": service.name, "description": service.description}
    return {**row, "url": url, "status": status, "fees_description": FEES}


def _extra_keys(extras: tuple[Named, ...]) -> Iterator[tuple[str, Named]]:
    """A URL fragment per station-specific service: its name, numbered when a name repeats."""
    seen: dict[str, int] = {}
    for e in extras:
        seen[e.name] = seen.get(e.name, 0) + 1
        yield (e.name if seen[e.name] == 1 else f"{e.name}-{seen[e.name]}"), e


def _station_rows(
    st: PublicStation, network: Network, org_id: str, catalogue: dict[str, str], calendar: HolidayCalendar
) -> Iterator[tuple[str, list[Row]]]:
    """The rows one station contributes, per table."""
    loc = uid(st.url)
    yield "location", [_location(st, network, loc, org_id)]
    yield "address", [_address(st, network, loc)]
    numbers = dict.fromkeys(st.phones)  # a number typed twice is still one phone (and one id)
    yield "phone", [{"id": uid(f"{st.url}#phone-{_digits(n)}"), "location_id": loc, "number": n, "type": "voice"}
                    for n in numbers]  # fmt: skip
    extras = _own_services(st, org_id)
    yield "service", extras
    if st.status != "open":
        return
    links = [(f"{st.url}#at-{s.id}", catalogue[s.id]) for s in st.services]
    links += [(f"{st.url}#at-{e['id']}", e["id"]) for e in extras]
    yield "service_at_location", [{"id": uid(u), "service_id": sid, "location_id": loc} for u, sid in links]
    yield "schedule", list(_schedule_rows(st, loc, calendar))


def _own_services(st: PublicStation, org_id: str) -> list[Row]:
    """The station's own services (the "N"): their status follows the station's."""
    return [
        {
            "id": uid(f"{st.url}#service-{key}"),
            "organization_id": org_id,
            "name": e.name,
            "description": e.description or None,
            "url": st.url,
            "status": SERVICE_STATUS[st.status],
            "fees_description": FEES,
        }
        for key, e in _extra_keys(st.extra_services)
    ]


def _location(st: PublicStation, network: Network, loc: str, org_id: str) -> Row:
    return {
        "id": loc,
        "location_type": "physical",
        "organization_id": org_id,
        "name": st.name,
        "description": _describe(st, network),
        "latitude": st.wgs84[1],  # HSDS location: decimal degrees, WGS84 datum
        "longitude": st.wgs84[0],
    }


def _describe(st: PublicStation, network: Network) -> str:
    """Kind, community, the status for a station that is not open, and the page to read more."""
    text = f"{st.kind}，{st.community}。"
    if st.status != "open":
        since = f"（自 {st.status_since.isoformat()} 起）" if st.status_since else ""
        text += f"{'暂停开放' if st.status == 'paused' else '已关闭'}{since}。{st.status_note or ''}"
        if st.successor:
            text += f"请前往：{network.station_by_id[st.successor].name}。"
    return text + f"驿站页面：{st.url}"


def _address(st: PublicStation, network: Network, loc: str) -> Row:
    return {
        "id": uid(st.url + "#address"),
        "location_id": loc,
        "address_1": st.address,
        "city": network.site.city,
        "state_province": network.site.province,
        "postal_code": st.postal_code,
        "country": COUNTRY,
        "address_type": "physical",
    }


def _schedule_rows(st: PublicStation, loc: str, calendar: HolidayCalendar) -> Iterator[Row]:
    """HSDS schedule rows: the weekly pattern (RFC 5545 FREQ=WEEKLY;BYDAY=…), then dated exceptions.

    A statutory holiday or make-up workday whose hours differ from the weekday's becomes a row valid on
    that date only (valid_from = valid_to); a day off has no opening time, only its description.
    """
    schedule = st.schedule
    base = {"location_id": loc, "timezone": UTC_OFFSET_HOURS}
    for w in weekly(schedule):
        byday = ",".join(ICAL_DAYS[d] for d in w.days)
        times = {"opens_at": w.opens + UTC_OFFSET, "closes_at": w.closes + UTC_OFFSET}
        key = f"{st.url}#schedule-{byday}-{w.opens}-{w.closes}"
        rule = {"freq": "WEEKLY", "wkst": "MO", "byday": byday}
        yield {"id": uid(key), **base, **rule, **times, "description": w.description}
    for d in exceptions(schedule, calendar):
        day = d.day.isoformat()
        dated = {**base, "valid_from": day, "valid_to": day, "description": d.description}
        if not d.spans:
            yield {"id": uid(f"{st.url}#schedule-{day}-closed"), **dated}
        for opens, closes in d.spans:
            times = {"opens_at": opens + UTC_OFFSET, "closes_at": closes + UTC_OFFSET}
            yield {"id": uid(f"{st.url}#schedule-{day}-{opens}-{closes}"), **dated, **times}


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())
