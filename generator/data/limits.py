"""How large each data file, text and list may be: every limit in one place.

Without limits a 100 KB station name kept the search plugin's word segmentation busy for 30 s and a
10 MB one passed `check`. Each limit here is well above what a real entry needs and well below what
would break a page, a poster or the build's time. They are enforced cheaply and early:

- a file larger than its limit is refused from its size on disk, before a byte is read (`load`);
- a key longer than `KEY` is refused by the loader, and any text longer than `TEXT_MAX` (the largest
  field limit) is replaced there by a `LongText` placeholder, so nothing later (hints, messages,
  the privacy scan, a page) ever reads it;
- each field's own limit is the first check of that field (`Chars`, `Items` in the models), located at
  the value, with the limit and the actual length.

The JSON Schemas carry the same numbers (maxLength, maxItems); README ("Limits") and the staff guide
list them from there (`generator.schemas.limit_rows`), and a test keeps both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ..errors import DataError
from ..i18n import tr

KB = 1024
MB = 1024 * KB

# Files, in bytes on disk.
STATIONS_FILE = 5 * MB
"""stations.yaml's default limit: about 12,000 stations (420 bytes each), on which `check` takes under 2 s.

A district has tens of stations and a city hundreds, so 5 MB is far above any real file while keeping the worst
input the limit lets through (millions of tiny values composed before a list's limit can refuse them) under
2 s. A provincial network raises it with the plugin option `max_stations_mb` (at most STATIONS_FILE_CEILING);
`check` then costs about 0.12 ms per station (11.6 s at 100,000; BENCHMARKS.md, "Limits")."""
STATIONS_FILE_CEILING = 256 * MB
LIBRARY_FILE = 4 * MB
ACTIVITIES_FILE = 2 * MB
REPORTS_FILE = 1 * MB
MANIFEST_FILE = 32 * MB  # about 110 bytes per printed station
ROADS_FILE = 16 * MB  # the guide map's roads (print: map_geojson)
COMMUNITY_FILE = 1 * MB  # the honour roll
FILES = {
    "stations.yaml": STATIONS_FILE,
    "content/study/library.yaml": LIBRARY_FILE,
    "content/study/activities.yaml": ACTIVITIES_FILE,
    "content/reports.yaml": REPORTS_FILE,
    "content/community.yaml": COMMUNITY_FILE,
    "print-manifest.json": MANIFEST_FILE,
    "print: map_geojson": ROADS_FILE,
}

# Texts, in characters (code points, as JSON Schema's maxLength counts).
ID = 32
KEY = 40
NAME = 40  # the site, a station, a category
SERVICE_NAME = 20  # a label on posters, printed as one unbreakable unit
PLACE = 40  # district, community
REGION = 20  # province, city
ADDRESS = 80  # address, place, access
LABEL = 40  # phone_label, group, qr_label, author, speaker, audience
TITLE = 60
SHORT_NOTE = 200  # status_note, a service's or category's description, signup note
DESCRIPTION = 500  # an activity's description, an item's summary, a menu's description
NOTES = 1000
EXAMPLE = 80  # a 流动前哨 example: one or two sentences
SSID = 32  # IEEE 802.11: 32 octets
WIFI_PASSWORD = 63  # WPA2 passphrase
PHONE = 20
HOURS = 200
URL = 500
SITE_URL = 100  # QR codes want it short: above 46 bytes per station URL the build already warns
PATH = 120
POSTAL_CODE = 20  # six digits; a few more, so "214 028" still gets the hint about its form
MONTH = 20  # "2026-11"; likewise
PERSON_NAME = 20  # a recognised person's name; the pattern then asks for 2-4 characters
TIME = 40  # a duration "1:02:03" or a date and time "2026-12-12T09:00+08:00"; likewise

# Lists, in entries.
PHONES = 5
SERVICES = 30  # the catalogue, and one station's services
EXTRA_SERVICES = 10
PHOTOS = 6
SHELVES = 50
MENU_ITEMS = 100
CATEGORIES = 50
MENUS = 50
CALENDAR_DAYS = 100
EXAMPLES = 200
KINDS = 50  # the honour roll's service kinds (a tally counts only these)
TEAMS = 200
TEAM_STATIONS = 100
TALLIES = 240  # twenty years of months
POSTS = 500
PEOPLE = 1000

TEXT_MAX = max(NOTES, URL, DESCRIPTION)
"""Longer than any field allows: the loader puts a LongText in its place."""


@dataclass(frozen=True)
class LongText:
    """Stands where a text longer than TEXT_MAX was typed: its length and first characters, never the text."""

    length: int
    head: str

    def __repr__(self) -> str:
        return tr(f"'{self.head}…'（共 {self.length:,} 个字）", f"'{self.head}…' ({self.length:,} characters)")


def length_of(value: Any) -> int | None:
    """Characters of a text as typed (a LongText counts as its full length), None for anything else."""
    if isinstance(value, LongText):
        return value.length
    return len(value) if isinstance(value, str) else None


def too_long(length: int, limit: int) -> tuple[str, str]:
    """Message and hint for a text over its limit."""
    return (
        tr(f"太长：{length:,} 个字，最多 {limit:,} 个字", f"too long: {length:,} characters, at most {limit:,}"),
        tr(
            "删短一些；各项的长度上限见工作人员指南“长度上限”一节",
            "shorten it; the staff guide's section on limits lists them all",
        ),
    )


def too_many(count: int, limit: int) -> tuple[str, str]:
    """Message and hint for a list over its limit."""
    return (
        tr(f"太多：{count:,} 项，最多 {limit:,} 项", f"too many: {count:,} entries, at most {limit:,}"),
        tr("只留下最要紧的几项", "keep only the ones that matter most"),
    )


def _limit_error(message_hint: tuple[str, str]) -> PydanticCustomError:
    """A pydantic error of its own type, which validation locates like the others and never replaces with a hint."""
    message, hint = message_hint
    return PydanticCustomError("bee_limit", "{message}", {"message": message, "hint": hint})


@dataclass(frozen=True)
class Chars:
    """`Annotated[Text, Chars(40)]`: at most 40 characters, checked before anything else of the field.

    Put it last in `Annotated[...]`: pydantic applies metadata in order, so the last wraps the others and
    its check runs first (a 10 MB value never reaches a regular expression). The JSON Schema gets maxLength.
    """

    limit: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_before_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**handler(schema), "maxLength": self.limit}

    def _check(self, value: Any) -> Any:
        if type(value) is str and len(value) <= self.limit:  # the common case first: one call per text field
            return value
        length = length_of(value)
        if length is not None and length > self.limit:
            raise _limit_error(too_long(length, self.limit))
        return value


@dataclass(frozen=True)
class Items:
    """`Annotated[list[Phone], Items(5)]`: at most 5 entries, counted before any entry is validated."""

    limit: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_before_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**handler(schema), "maxItems": self.limit}

    def _check(self, value: Any) -> Any:
        if isinstance(value, list) and len(value) > self.limit:
            raise _limit_error(too_many(len(value), self.limit))
        return value


def file_size(size: int) -> str:
    """A size for a message: bytes, KB or MB, as staff see them in a file manager."""
    if size >= MB:
        return f"{size / MB:,.1f} MB"
    if size >= KB:
        return f"{size / KB:,.1f} KB"
    return tr(f"{size} 字节", f"{size} bytes")


def check_file_size(path: Path, name: str, max_bytes: int, hint: str | None = None) -> DataError | None:
    """The error for a data file over its size limit, from its size on disk alone (nothing is read), else None."""
    size = path.stat().st_size
    return file_too_large(name, size, max_bytes, hint) if size > max_bytes else None


def raise_stations_limit_hint() -> str:
    """The extra hint for stations.yaml: how a network that really is that large raises the limit."""
    return tr(
        "如果驿站确实有这么多（全省联网等），在 mkdocs.yml 的 station-guide: 下把 max_stations_mb 设大些"
        "（单位 MB，最多 256；10 万个驿站约 44 MB）",
        "if the network really is that large (a province), raise max_stations_mb under station-guide: in mkdocs.yml "
        "(MB, at most 256; 100,000 stations take about 44 MB)",
    )


def file_too_large(name: str, size: int, max_bytes: int, extra_hint: str | None = None) -> DataError:
    """A data file over its size limit, located at its first line."""
    shown, limit = file_size(size), file_size(max_bytes)
    hint = tr(
        "检查是不是粘贴进了别的文件或很长的内容；各文件的大小上限见工作人员指南“长度上限”一节",
        "check for pasted-in files or long texts; the staff guide's section on limits lists them",
    )
    return DataError(
        name,
        1,
        1,
        tr(
            f"文件太大：{shown}（{size:,} 字节），最多 {limit}",
            f"file too large: {shown} ({size:,} bytes), at most {limit}",
        ),
        f"{hint}{tr('；', '; ')}{extra_hint}" if extra_hint else hint,
    )
