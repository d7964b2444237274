"""schema.org JSON-LD: each station page describes its station, the home page the operator and site.

A station is a `CivicStructure` ("a public structure"): the stations are free public amenities run
by the street office, not businesses, so LocalBusiness and its GovernmentOffice subtype (which also
fit the partner shops badly) would claim commerce that is not there; CivicStructure is a Place, so
geo, address, telephone, openingHoursSpecification and amenityFeature all apply to it.
Blocks are compact (no indentation) because a station page's first view has a byte budget, and are
escaped for a <script> element by `render.to_json`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from ..data.hours import HolidayCalendar, Schedule
from ..data.model import Network
from ..render import absolute_url, to_json
from .hsds import organization_name
from .licenses import license_info
from .public import PublicStation
from .schedules import exceptions, weekly

CONTEXT = "https://schema.org"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEARCH_PARAM = "q"  # Material opens its search with ?q=… on any page (see README, "Open data")
# Holiday changes a station page announces: the coming three months keep every page small (the full
# calendar is in the HSDS schedules), and a site rebuilt on each edit moves the window along.
HOLIDAY_HORIZON = timedelta(days=92)


def script(value: dict[str, Any]) -> Markup:
    """A <script type="application/ld+json"> element; `<`, `>` and `&` are \\u-escaped inside."""
    return Markup(f'<script type="application/ld+json">{to_json(value)}</script>')


def telephone(phone: str) -> str:
    """The number as dialled from abroad, for search engines: '0510-0000 0011' → '+86 510-0000 0011'.

    Mobiles get +86 in front; 400/800 hotlines and short public numbers work only inside China and
    stay as typed.
    """
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        return "+86 " + phone[1:]
    if len(digits) == 11 and digits.startswith("1"):
        return "+86 " + phone
    return phone


def station_jsonld(network: Network, st: PublicStation, calendar: HolidayCalendar, today: date) -> dict[str, Any]:
    """The station as a CivicStructure; hours only while it is open, holiday changes from `today` on.

    specialOpeningHoursSpecification is schema.org's Place property for dates that override the week.
    """
    site = network.site
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "CivicStructure",
        "name": st.name,
        "url": st.url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": st.address,
            "addressLocality": site.city,
            "addressRegion": site.province,
            "postalCode": st.postal_code,
            "addressCountry": "CN",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": st.wgs84[1], "longitude": st.wgs84[0]},
        "telephone": [telephone(p) for p in st.phones],
        "isAccessibleForFree": True,
        "publicAccess": True,
    }
    if st.status == "open":
        data["openingHoursSpecification"] = opening_hours(st.schedule)
        special = special_hours(st.schedule, calendar, today)
        if special:
            data["specialOpeningHoursSpecification"] = special
    features = [s.name for s in st.services] + [s.name for s in st.extra_services]
    data["amenityFeature"] = [{"@type": "LocationFeatureSpecification", "name": n, "value": True} for n in features]
    return data


def opening_hours(schedule: Schedule) -> list[dict[str, Any]]:
    """The usual week as OpeningHoursSpecification entries, one per distinct span."""
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_NAMES[d] for d in w.days], "opens": w.opens,
         "closes": w.closes}
        for w in weekly(schedule)
    ]  # fmt: skip


def special_hours(schedule: Schedule, calendar: HolidayCalendar, today: date) -> list[dict[str, Any]]:
    """Dated holiday and make-up-day hours within HOLIDAY_HORIZON; a day off opens and closes at 00:00."""
    specs = []
    for d in exceptions(schedule, calendar, since=today, until=today + HOLIDAY_HORIZON):
        day = {"validFrom": d.day.isoformat(), "validThrough": d.day.isoformat()}
        for opens, closes in d.spans or (("00:00", "00:00"),):
            specs.append({"@type": "OpeningHoursSpecification", "opens": opens, "closes": closes, **day})
    return specs


def home_jsonld(network: Network) -> dict[str, Any]:
    """The operator (Organization) and the site (WebSite) with a SearchAction on Material's `?q=`."""
    site = network.site
    org_id = site.site_url + "#organization"
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": org_id,
        "name": organization_name(network),
        "alternateName": site.name,
        "url": site.site_url,
        "logo": absolute_url(site.site_url, "assets/bee/icon-512.png"),
    }
    if site.contact:
        org["telephone"] = telephone(site.contact)
    action = {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": f"{site.site_url}?{SEARCH_PARAM}={{search_term_string}}"},
        "query-input": "required name=search_term_string",
    }
    web = {
        "@type": "WebSite",
        "@id": site.site_url + "#website",
        "name": site.name,
        "url": site.site_url,
        "inLanguage": "zh-CN",
        "publisher": {"@id": org_id},
        "potentialAction": action,
    }
    return {"@context": CONTEXT, "@graph": [org, web]}


def dataset_jsonld(network: Network, page_url: str, files: list[tuple[str, str]]) -> dict[str, Any]:
    """The open data as a schema.org Dataset (page_url: the data page; files: (absolute URL, media type))."""
    site = network.site
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": f"{organization_name(network)}开放数据",
        "description": f"{site.district}{site.name}全部驿站的名称、类型、地址、邮政编码、电话、开放时间、服务和状态，"
        "提供 GeoJSON（WGS-84）、CSV 和 Open Referral HSDS 3.0 三种格式，可自由下载和再利用。",
        "url": page_url,
        "license": license_info(site.license).url,
        "isAccessibleForFree": True,
        "inLanguage": "zh-CN",
        "creator": {
            "@type": "Organization",
            "@id": site.site_url + "#organization",
            "name": organization_name(network),
        },
        "spatialCoverage": {"@type": "Place", "name": site.district},
        "distribution": [{"@type": "DataDownload", "contentUrl": url, "encodingFormat": kind} for url, kind in files],
    }
