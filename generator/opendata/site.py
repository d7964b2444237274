"""The open-data role's entry: the data files, the 开放数据 page, robots.txt and the JSON-LD blocks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from ..data.hours import HolidayCalendar
from ..data.model import Network
from ..render import GeneratedFile, environment
from ..writer import SiteWriter
from .geojson import stations_geojson
from .hsds import build_records
from .hsds_package import HSDS_DIR, hsds_files
from .jsonld import script, station_jsonld
from .page import HSDS_LABELS, PAGE_URL, DataFile, data_page
from .public import PublicStation, public_stations
from .shares import StationShares
from .sitemap import ROBOTS, robots_txt
from .tabular import stations_csv

DATA_DIR = PAGE_URL.rstrip("/")
DOWNLOADS = ("stations.geojson", "stations.csv", *(f"{HSDS_DIR}/{name}" for name in HSDS_LABELS))
"""Every data file, under data/."""
OWNER = "open data"
LABELS = {
    "stations.geojson": "全部驿站的 GeoJSON（RFC 7946，WGS-84 坐标），每个驿站一个点",
    "stations.csv": "与 GeoJSON 相同的字段，每个驿站一行，同时给出 WGS-84 和 GCJ-02 坐标",
    **{f"{HSDS_DIR}/{name}": label for name, label in HSDS_LABELS.items()},
}
"""What the data page says of each file."""
_MEDIA = {".geojson": "application/geo+json", ".csv": "text/csv", ".json": "application/json"}


@dataclass(frozen=True)
class OpenData:
    """What the role hands to the engine once its data files are written: the data page and robots.txt, and a
    JSON-LD block per station page."""

    files: list[GeneratedFile]
    station_blocks: dict[str, Markup] = field(default_factory=dict)


def build_open_data(
    network: Network,
    theme_dir: Path,
    calendar: HolidayCalendar,
    today: date,
    created: datetime,
    writer: SiteWriter,
    shares: StationShares | None = None,
) -> OpenData:
    """Data files under data/, the data page listing them, robots.txt, and the station pages' JSON-LD.

    The data files (about 8.5 KB a station) are written through `writer` as each is made instead of being
    handed to the engine, which would keep them in memory to the end of the build. Their paths are claimed
    together first, so a clash stops the build before any of them is written.

    `calendar` dates the holiday exceptions; `today` keeps past ones off the pages; `created` (the
    project clock) stamps the data package, so two builds of one commit write identical files. `shares`: a live
    preview's stations' shares of the files from its last build (shares.py), which it reuses.
    """
    for path in DOWNLOADS:
        writer.claim(f"{DATA_DIR}/{path}", OWNER)
    stations = public_stations(network)
    files: Iterable[tuple[str, bytes | Iterable[bytes]]]
    if shares is not None:
        files, blocks = shares.files(network, stations, calendar, today, created)
    else:
        files = _files(network, stations, calendar, created)  # made one at a time, as they are written
        blocks = {st.id: script(station_jsonld(network, st, calendar, today)) for st in stations}
    data = [_publish(writer, path, content, LABELS[path]) for path, content in files]
    return OpenData(_pages(network, theme_dir, data), blocks)


def _files(
    network: Network, stations: list[PublicStation], calendar: HolidayCalendar, created: datetime
) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    """Every data file (path under data/, its bytes or its bytes in chunks), one at a time."""
    yield "stations.geojson", stations_geojson(network, stations)
    yield "stations.csv", stations_csv(stations)
    tables = build_records(network, stations, calendar)
    for name, content in hsds_files(network, tables, created):
        yield f"{HSDS_DIR}/{name}", content


def _pages(network: Network, theme_dir: Path, data: list[DataFile]) -> list[GeneratedFile]:
    """The data page listing the written files, and robots.txt."""
    env = environment(theme_dir)
    return [data_page(env, network, data), GeneratedFile(ROBOTS, robots_txt(network.site.site_url))]


def _publish(writer: SiteWriter, path: str, content: bytes | Iterable[bytes], description: str) -> DataFile:
    """Write one claimed data file and return what the data page says of it."""
    written = writer.write_claimed(f"{DATA_DIR}/{path}", content)
    return DataFile(path, written.stat().st_size, _MEDIA[Path(path).suffix], description)
