"""The web role: every page and asset riders use, from one validated Network."""

from __future__ import annotations

import json
from datetime import date

from ..data.hours import HolidayCalendar, build_calendar
from ..data.model import Network
from ..render import GeneratedFile, environment, is_large
from . import lists
from .notfound import station_ids
from .options import WebOptions
from .photos import PhotoSet, build_photos
from .report import build_report
from .search import build_search
from .search import rows as search_rows
from .shards import build_shards, records
from .stations import build_station_pages
from .webapp import webapp_files

CALENDAR_JS = "assets/bee/calendar.js"


def holiday_calendar(network: Network, today: date) -> HolidayCalendar:
    """Statutory holidays and make-up workdays for this year and next, plus the data's own additions."""
    extra = network.calendar
    return build_calendar([today.year, today.year + 1], holidays=extra.holidays, makeup_workdays=extra.makeup_workdays)


def build_web(network: Network, options: WebOptions) -> list[GeneratedFile]:
    """Every generated page and asset of the website part, in a stable order."""
    env = environment(options.theme_dir)
    photos = _photos(network, options)
    files = list(build_station_pages(network, options, env, photos.by_station))
    files += [GeneratedFile(uri, data) for uri, data in photos.files.items()]
    # Stations are searched with their own small entries (search.py), not by parsing the directory page.
    files += lists.directory_pages(network, options, env)
    # The services page repeats the directory's names once per service: searching it adds only duplicates.
    files.append(lists.services_page(network, options, env))
    files += build_report(network, options, env)
    cal = holiday_calendar(network, options.today)
    files.append(GeneratedFile(CALENDAR_JS, f"window.BEE_CALENDAR={json.dumps(cal.to_json())};\n"))
    files += _rider_files(network, options)
    return files


def _photos(network: Network, options: WebOptions) -> PhotoSet:
    """Every station photo, encoded for the web (none without an images folder, e.g. in unit tests)."""
    if options.images_dir is None:
        return PhotoSet({}, {})
    return build_photos(network, options.images_dir)


def _rider_files(network: Network, options: WebOptions) -> list[GeneratedFile]:
    """The nearest finder page, the station shards it reads, the not-found page's station list, and the web
    app manifest with its icons."""
    env = environment(options.theme_dir)
    shards = build_shards(records(network), [s.id for s in network.services])
    places = lists.near(network, shards.index_path)
    large = is_large(network)
    ctx = {**places, "places_url": lists.PLACES_FILE if large else None}
    near = lists.list_page(env, "near.md", "附近驿站", "fragments/near.html", options, ctx)
    # A large network's picker options come from a file fetched when the rider opens it.
    near_extra = [lists.places_file(places)] if large else []
    extra = {**shards.files, **build_search(search_rows(network)), **webapp_files(network)}
    files = [near, *near_extra, station_ids(network)]
    return files + [GeneratedFile(uri, content) for uri, content in extra.items()]
