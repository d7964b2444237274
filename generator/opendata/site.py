"""The open-data role's entry: the data files, the 开放数据 page, robots.txt and the JSON-LD blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from ..data.hours import HolidayCalendar
from ..data.model import Network
from ..render import GeneratedFile, environment
from .geojson import stations_geojson
from .hsds import build_records
from .hsds_package import HSDS_DIR, hsds_files
from .jsonld import script, station_jsonld
from .page import HSDS_LABELS, PAGE_URL, DataFile, data_page
from .public import public_stations
from .sitemap import ROBOTS, robots_txt
from .tabular import stations_csv

DATA_DIR = PAGE_URL.rstrip("/")
_MEDIA = {".geojson": "application/geo+json", ".csv": "text/csv", ".json": "application/json"}


@dataclass(frozen=True)
class OpenData:
    """What the role adds to a build: files for the engine, and a JSON-LD block per station page."""

    files: list[GeneratedFile]
    station_blocks: dict[str, Markup] = field(default_factory=dict)


def build_open_data(
    network: Network, theme_dir: Path, calendar: HolidayCalendar, today: date, created: datetime
) -> OpenData:
    """Data files under data/, the data page listing them, robots.txt, and the station pages' JSON-LD.

    `calendar` dates the holiday exceptions; `today` keeps past ones off the pages; `created` (the
    project clock) stamps the data package, so two builds of one commit write identical files.
    """
    stations = public_stations(network)
    data = [
        DataFile("stations.geojson", stations_geojson(network, stations), _MEDIA[".geojson"],
                 "全部驿站的 GeoJSON（RFC 7946，WGS-84 坐标），每个驿站一个点"),
        DataFile("stations.csv", stations_csv(stations), _MEDIA[".csv"],
                 "与 GeoJSON 相同的字段，每个驿站一行，同时给出 WGS-84 和 GCJ-02 坐标"),
    ]  # fmt: skip
    tables = build_records(network, stations, calendar)
    for name, content in hsds_files(network, tables, created).items():
        data.append(DataFile(f"{HSDS_DIR}/{name}", content, _MEDIA[Path(name).suffix], HSDS_LABELS[name]))
    env = environment(theme_dir)
    files = [GeneratedFile(f"{DATA_DIR}/{f.path}", f.content, origin="open data") for f in data]
    files += [data_page(env, network, data), GeneratedFile(ROBOTS, robots_txt(network.site.site_url))]
    blocks = {st.id: script(station_jsonld(network, st, calendar, today)) for st in stations}
    return OpenData(files, blocks)
