"""Reading a built site the way a crawler or a curious reader would, looking for personal data.

Every file is turned into the texts a person could read in it: HTML text and attribute values (JSON-LD
blocks as their strings), JSON strings (the search index, the finder's data), CSV cells, XML/ICS/SVG
lines, the text layer of each PDF (pdftotext), spreadsheet cells and gzip members. Each text is searched
for the full names that must stay masked and run through the same `find_personal` the build uses.

The site publishes some values that look personal on purpose: the stations' own phone numbers, their
coordinates and addresses next to their opening hours, and identifiers at the site's own host (calendar
UIDs). `PublicValues` names exactly those, from the project's data; anything else is reported.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from generator.data.model import Network
from generator.data.privacy import Finding, find_personal

ZWSP = "\u200b"
TEXT_SUFFIXES = {".xml", ".ics", ".txt", ".svg", ".conf", ".js", ".css"}
# The theme's own code, copied unchanged from the Material package into every site: not data of ours.
VENDOR = re.compile(r"^assets/(javascripts/(bundle\.|lunr/|workers/)|stylesheets/(main|palette)\.)|\.map$")


class _Texts(HTMLParser):
    """Text nodes and attribute values of an HTML page; a JSON-LD block becomes its strings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts += [v for _, v in attrs if v]
        self._jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._jsonld:
            self.texts += list(_json_strings(json.loads(data)))
        elif data.strip():
            self.texts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._jsonld = False


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _json_strings(v)


def _pdf_lines(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").splitlines()


def _xlsx_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]


def texts_of(path: Path) -> list[str]:
    """The readable texts of one built file (an empty list for audio and images)."""
    suffix = path.suffix
    if suffix == ".html":
        parser = _Texts()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser.texts
    if suffix in (".json", ".webmanifest", ".geojson"):
        return list(_json_strings(json.loads(path.read_text(encoding="utf-8"))))
    if suffix == ".csv":
        return [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row]
    if suffix == ".pdf":
        return _pdf_lines(path)
    if suffix == ".xlsx":
        return _xlsx_cells(path)
    if suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    if suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8").splitlines()
    return []


def _digits(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits[2:] if digits.startswith("86") and len(digits) > 11 else digits


@dataclass(frozen=True)
class PublicValues:
    """What the site publishes on purpose that looks personal: the network's own contacts and places."""

    phones: frozenset[str]
    """Digits of the stations' phones, the site's contact, the report channels and the activities' sign-up lines."""
    addresses: tuple[str, ...]
    host: str
    region: tuple[float, float, float, float]
    """The network's box (west, east, south, north), widened by ~1 km for the GCJ-02 → WGS-84 shift."""
    examples: frozenset[str] = frozenset()
    """Example values quoted in the documentation (the validator's own hint for a phone number)."""

    @classmethod
    def of(cls, network: Network, extra_phones: list[str], examples: set[str]) -> PublicValues:
        """The public values of a project's network."""
        phones = [p for s in network.stations for p in s.phones] + extra_phones
        channels = network.site.report_channels  # the street office's own lines on the report page
        phones += [p for p in (network.site.contact, channels.phone, channels.sms) if p]
        r = network.site.region
        box = (r.west - 0.01, r.east + 0.01, r.south - 0.01, r.north + 0.01)
        host = urlsplit(network.site.site_url).hostname or ""
        addresses = tuple(s.address for s in network.stations)
        return cls(frozenset(_digits(p) for p in phones), addresses, host, box, frozenset(examples))

    def allows(self, found: Finding, text: str) -> bool:
        """True for a value the site means to publish."""
        if found.text in self.examples:
            return True
        if found.kind in ("mobile", "landline"):
            return _digits(found.text) in self.phones
        if found.kind == "email":
            return found.text.endswith("@" + self.host)  # the site's own identifiers (calendar UIDs, guids)
        if found.kind == "coordinates":
            a, b = (float(x) for x in re.split(r"[^\d.]+", found.text.strip())[:2])
            return self._inside(a, b) or self._inside(b, a)
        if found.kind == "whereabouts":
            return any(_place_of(found) in a and a in text for a in self.addresses)  # a station's hours and address
        return False

    def _inside(self, lng: float, lat: float) -> bool:
        west, east, south, north = self.region
        return west <= lng <= east and south <= lat <= north


def _place_of(found: Finding) -> str:
    return found.text.split(" … ")[-1]


def scan_site(site: Path, names: list[str], public: PublicValues) -> list[str]:
    """Every masked name anywhere (raw bytes included) and every personal-looking value that is not public."""
    problems = []
    escaped = [n.encode("unicode_escape") for n in names]  # JSON written with \\uXXXX escapes
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        # The search index holds jieba's segmentation: 王建军 may be stored as 王<U+200B>建军.
        raw = path.read_bytes().replace(ZWSP.encode(), b"").replace(b"\\u200b", b"")
        leaked = [n for n, e in zip(names, escaped, strict=True) if n.encode() in raw or e in raw.lower()]
        problems += [f"{rel}: name {n!r}" for n in leaked]
        if VENDOR.search(rel):
            continue
        for text in (t.replace(ZWSP, "") for t in texts_of(path)):
            problems += [f"{rel}: {f.kind} {f.text!r}" for f in find_personal(text) if not public.allows(f, text)]
    return problems
