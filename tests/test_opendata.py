"""The open-data role on its own: allow-list, schedules, HSDS records and tables, GeoJSON, CSV, JSON-LD, sitemap."""

from __future__ import annotations

import csv
import io
import json
import random
import typing
import uuid
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from jsonld_check import SCHEMA_ORG, expand, unknown_terms

from generator.data.geo import distance_m, wgs84_to_gcj02
from generator.data.hours import HolidayCalendar, compile_hours
from generator.data.model import License, Station
from generator.opendata import hsds_tables, jsonld, public, schedules, sitemap
from generator.opendata.geojson import stations_geojson
from generator.opendata.hsds import build_records, uid
from generator.opendata.hsds_package import hsds_files, json_form, json_form_chunks
from generator.opendata.licenses import LICENSES
from generator.opendata.tabular import STATION_COLUMNS, csv_chunks, csv_text, stations_csv, text_cell

ROOT = Path(__file__).resolve().parent.parent
# 2026-10-01 (Thu) and 2026-10-04 (Sun) are statutory holidays; 2026-10-10 (Sat) is a make-up workday.
CALENDAR = HolidayCalendar(
    frozenset({date(2026, 10, 1), date(2026, 10, 4)}), frozenset({date(2026, 10, 10)}), frozenset({2026})
)
CREATED = datetime(2026, 11, 18, tzinfo=UTC)


def test_every_station_field_is_classified_public_or_private() -> None:
    """A new model field must be put on one list on purpose before anything can publish it."""
    assert set(public.PUBLIC_FIELDS) | set(public.PRIVATE_FIELDS) == set(Station.model_fields)
    assert not set(public.PUBLIC_FIELDS) & set(public.PRIVATE_FIELDS)
    assert {"wifi", "notes"} <= set(public.PRIVATE_FIELDS)
    record_fields = {f.name for f in fields(public.PublicStation)}
    assert not record_fields & set(public.PRIVATE_FIELDS)


def test_licence_table_covers_exactly_the_model_choices() -> None:
    assert set(LICENSES) == set(typing.get_args(License))
    assert all(info.url.startswith("https://") for info in LICENSES.values())


def test_weekly_groups_days_and_spells_midnight() -> None:
    split = schedules.weekly(compile_hours("Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00"))
    assert [(w.days, w.opens, w.closes) for w in split] == [
        ((0, 1, 2, 3, 4), "08:30", "12:00"),
        ((0, 1, 2, 3, 4), "13:30", "17:30"),
        ((5,), "09:00", "12:00"),
    ]
    assert [(w.days, w.opens, w.closes) for w in schedules.weekly(compile_hours("24/7"))] == [
        (tuple(range(7)), "00:00", "23:59")
    ]
    night = schedules.weekly(compile_hours("Fr 18:00-02:00"))
    assert [(w.days, w.opens, w.closes) for w in night] == [((4,), "18:00", "02:00")]


def test_exceptions_are_the_holidays_whose_hours_differ() -> None:
    weekdays = compile_hours("Mo-Fr 08:30-17:30; MW 08:30-17:30; PH off")
    got = [(d.day, d.kind, d.spans) for d in schedules.exceptions(weekdays, CALENDAR)]
    # The Sunday holiday is closed anyway, so it is no exception.
    assert got == [(date(2026, 10, 1), "ph", ()), (date(2026, 10, 10), "mw", (("08:30", "17:30"),))]
    assert schedules.exceptions(weekdays, CALENDAR, since=date(2026, 10, 2))[0].day == date(2026, 10, 10)
    assert schedules.exceptions(compile_hours("Mo-Su 09:00-21:00"), CALENDAR) == []


@pytest.fixture(scope="module")
def stations(network) -> list[public.PublicStation]:
    return public.public_stations(network)


@pytest.fixture(scope="module")
def tables(network, stations):
    return build_records(network, stations, CALENDAR)


def test_public_record_has_both_datums(network, stations) -> None:
    for st, rec in zip(network.stations, stations, strict=True):
        assert rec.gcj02 == (st.location.lng, st.location.lat)
        assert rec.wgs84 == tuple(round(v, 6) for v in rec.wgs84)
        assert distance_m(*rec.gcj02, *wgs84_to_gcj02(*rec.wgs84)) < 0.5
        assert rec.url == f"https://bee.example.org/s/{st.id}/"


def test_hsds_ids_are_uuid5_of_the_station_and_service_urls(tables) -> None:
    ids = [row["id"] for rows in tables.values() for row in rows]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(i).version == 5 for i in ids)
    locations = {row["name"]: row["id"] for row in tables["location"]}
    assert locations["卫星社区党群服务中心"] == str(
        uuid.uuid5(uuid.NAMESPACE_URL, "https://bee.example.org/s/weixing/")
    )
    services = {row["name"]: row["id"] for row in tables["service"]}
    assert services["手机充电"] == uid("https://bee.example.org/services/#charging")


def test_hsds_uid_is_the_standard_uuid5_for_every_kind_of_url(stations) -> None:
    """uid skips the UUID object: its text must stay exactly the standard library's, whatever the URL holds."""
    urls = [f"{st.url}#{suffix}" for st in stations for suffix in ("address", "phone-051081234567", "at-charging")]
    urls += [f"{st.url}#service-{e.name}" for st in stations for e in st.extra_services]  # Chinese names
    urls += ["", "https://bee.example.org/", "https://例子.中国/s/x/#schedule-2026-10-01-closed", "a\x00b", "😀" * 40]
    assert any(not u.isascii() for u in urls)
    for url in urls:
        assert uid(url) == str(uuid.uuid5(uuid.NAMESPACE_URL, url)), url


def test_hsds_number_cells_are_written_as_json_writes_them() -> None:
    rng = random.Random(7)
    numbers = [0, 8, -3, 10**20, 0.1, -0.0, 1e-7, 1e22, 120.35, float("nan"), float("inf"), True]
    numbers += [rng.uniform(-180, 180) for _ in range(500)] + [rng.randint(-(10**9), 10**9) for _ in range(100)]
    for value in numbers:
        assert hsds_tables.cell("number", value) == json.dumps(value), value
    assert hsds_tables.cell("number", None) == hsds_tables.cell("number", "") == ""
    assert hsds_tables.cell("time", "08:30+08:00") == "08:30:00+08:00"
    assert hsds_tables.cell("string", "=1+1") == "'=1+1" and hsds_tables.cell("date", "2026-10-01") == "2026-10-01"


def test_hsds_records_are_stable_and_follow_the_data(network, stations, tables) -> None:
    assert build_records(network, stations, CALENDAR) == tables
    weixing = uid("https://bee.example.org/s/weixing/")
    address = next(a for a in tables["address"] if a["location_id"] == weixing)
    assert (address["postal_code"], address["city"], address["state_province"], address["country"]) == (
        "214028",
        "无锡市",
        "江苏省",
        "CN",
    )
    rows = [s for s in tables["schedule"] if s["location_id"] == weixing]
    weekly = [s for s in rows if s.get("freq")]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("MO,TU,WE,TH,FR", "08:30+08:00", "17:30+08:00")
    ]
    dated = {s["valid_from"]: s for s in rows if not s.get("freq")}
    assert dated["2026-10-01"]["valid_to"] == "2026-10-01" and "opens_at" not in dated["2026-10-01"]
    assert dated["2026-10-10"]["opens_at"] == "08:30+08:00"


def test_paused_station_offers_nothing_and_has_no_schedule(network, tables) -> None:
    paused = [st for st in network.stations if st.status == "paused"]
    assert paused
    for st in paused:
        loc = uid(f"https://bee.example.org/s/{st.id}/")
        assert not [r for r in tables["schedule"] + tables["service_at_location"] if r["location_id"] == loc]
        row = next(r for r in tables["location"] if r["id"] == loc)
        assert "暂停开放" in row["description"]


def test_table_definitions_match_the_official_datapackage() -> None:
    """Columns, types, formats, required flags, enums and file names as in HSDS 3.0's datapackage.json."""
    official = json.loads((ROOT / "schema/hsds/datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in official["resources"]}
    for name, table in hsds_tables.TABLES.items():
        ours = hsds_tables.resource_descriptor(name, table)
        theirs = resources[name]
        assert ours["path"] == theirs["path"]
        assert ours["schema"]["primaryKey"] == theirs["schema"]["primaryKey"]
        keep = ("name", "type", "format", "constraints")
        expected = [{k: f[k] for k in keep if k in f} for f in theirs["schema"]["fields"]]
        assert ours["schema"]["fields"] == expected, name
        for fk in ours["schema"].get("foreignKeys", []):
            assert fk in theirs["schema"]["foreignKeys"]


def test_csv_cells_cannot_become_formulas(network, stations) -> None:
    """OWASP CSV injection: text that starts with = + - @ gets a leading quote in every CSV we write."""
    evil = '=HYPERLINK("https://evil.example/","点我")'
    st = replace(stations[0], name=evil, address="+86 路", status_note="@SUM(1)")
    rows = list(csv.reader(io.StringIO(stations_csv([st]).decode("utf-8-sig"))))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0] == list(STATION_COLUMNS)
    assert (cells["name"], cells["address"], cells["status_note"]) == ("'" + evil, "'+86 路", "'@SUM(1)")
    tables = build_records(network, [st], CALENDAR)
    location = _hsds_bytes(network, tables)["locations.csv"].decode("utf-8")
    assert "'" + evil.replace('"', '""') in location
    assert text_cell("-1") == "'-1" and text_cell("路") == "路" and text_cell(None) == ""


def test_tabular_times_get_seconds_and_json_keeps_hhmm(network, tables) -> None:
    files = _hsds_bytes(network, tables)
    rows = list(csv.DictReader(io.StringIO(files["schedules.csv"].decode("utf-8"))))
    assert {r["opens_at"] for r in rows if r["opens_at"]} >= {"08:30:00+08:00"}
    assert all(r["timezone"] == "8" for r in rows)
    org = json_form(tables)
    opens = {s["opens_at"] for loc in org["locations"] for s in loc.get("schedules", []) if "opens_at" in s}
    assert "08:30+08:00" in opens


def _hsds_bytes(network, tables) -> dict[str, bytes]:
    return {name: b"".join(chunks) for name, chunks in hsds_files(network, tables, CREATED)}


def test_json_form_in_chunks_is_exactly_its_json(network, stations, tables) -> None:
    """The JSON form is written one location at a time: the bytes must be json.dumps of the whole object."""
    expected = (json.dumps(json_form(tables), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    assert _hsds_bytes(network, tables)["organization.json"] == expected
    assert b"".join(json_form_chunks(tables)) == expected
    # An organization with nothing under it: empty lists, as json.dumps writes them.
    bare = {name: rows if name == "organization" else [] for name, rows in tables.items()}
    compact = json.dumps(json_form(bare), ensure_ascii=False, separators=(",", ":"))
    assert b"".join(json_form_chunks(bare)) == (compact + "\n").encode() and '"locations":[]' in compact


@pytest.mark.parametrize("count", [0, 1, 3, 4, 7])
def test_csv_in_chunks_is_exactly_the_whole_text(count: int) -> None:
    rows = [[f"站{i}", "a,b", 'say "hi"', "line\nbreak"] for i in range(count)]
    chunks = list(csv_chunks(["名称", "x", "y", "z"], rows, batch=3))
    assert len(chunks) == count // 3 + 1
    assert b"".join(chunks) == csv_text(["名称", "x", "y", "z"], rows).encode("utf-8")


def test_geojson_is_rfc7946(network, stations) -> None:
    doc = json.loads(stations_geojson(network, stations))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert doc["license"]["id"] == "CC-BY-4.0"
    west, south, east, north = doc["bbox"]
    for f in doc["features"]:
        lng, lat = f["geometry"]["coordinates"]
        assert west <= lng <= east and south <= lat <= north
        assert distance_m(f["properties"]["gcj02_lng"], f["properties"]["gcj02_lat"], *wgs84_to_gcj02(lng, lat)) < 0.5
        assert not {"wifi", "notes"} & set(f["properties"])


def test_jsonld_script_is_safe_inside_html() -> None:
    value = {"name": "</script><script>alert(1)</script> & <!--"}
    html = str(jsonld.script(value))
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == value


def test_station_jsonld_hours_and_holidays(network, stations) -> None:
    weixing = next(s for s in stations if s.id == "weixing")
    data = jsonld.station_jsonld(network, weixing, CALENDAR, date(2026, 9, 1))
    assert data["@type"] == "CivicStructure" and data["url"] == weixing.url
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": weixing.wgs84[1], "longitude": weixing.wgs84[0]}
    (week,) = data["openingHoursSpecification"]
    assert week["dayOfWeek"] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    special = {
        h["validFrom"]: (h["validThrough"], h["opens"], h["closes"]) for h in data["specialOpeningHoursSpecification"]
    }
    assert special == {"2026-10-01": ("2026-10-01", "00:00", "00:00"), "2026-10-10": ("2026-10-10", "08:30", "17:30")}
    # Only the coming three months, from the build date on.
    assert "specialOpeningHoursSpecification" not in jsonld.station_jsonld(network, weixing, CALENDAR, date(2026, 6, 1))
    assert "specialOpeningHoursSpecification" not in jsonld.station_jsonld(
        network, weixing, CALENDAR, date(2026, 11, 1)
    )
    paused = next(s for s in stations if s.status == "paused")
    assert "openingHoursSpecification" not in jsonld.station_jsonld(network, paused, CALENDAR, date(2026, 9, 1))


def test_every_jsonld_term_is_schema_org(network, stations) -> None:
    """Read back with a JSON-LD processor: every type and property used exists in schema.org."""
    chosen = [st for st in stations if st.id in ("jiangxi-center", "weixing") or st.status != "open"]
    docs = [jsonld.station_jsonld(network, st, CALENDAR, date(2026, 9, 1)) for st in chosen]
    docs += [jsonld.home_jsonld(network), jsonld.dataset_jsonld(network, "https://bee.example.org/data/", [])]
    for doc in docs:
        assert not unknown_terms(expand(doc))
    assert unknown_terms(expand({**docs[0], "openingHour": "Mo-Fr"})) == [SCHEMA_ORG + "openingHour"]


def test_telephones_for_search_engines() -> None:
    assert jsonld.telephone("0510-0000 0011") == "+86 510-0000 0011"
    assert jsonld.telephone("13800000000") == "+86 13800000000"
    assert jsonld.telephone("12345") == "12345"


def test_home_jsonld_search_uses_materials_query_parameter(network) -> None:
    org, site = jsonld.home_jsonld(network)["@graph"]
    assert org["@type"] == "Organization" and site["@type"] == "WebSite"
    assert site["potentialAction"]["target"]["urlTemplate"] == "https://bee.example.org/?q={search_term_string}"


def test_sitemap_dates_and_escaping(network) -> None:
    xufeng = network.station_by_id["xufeng"]
    assert sitemap.station_lastmod(xufeng) == max(xufeng.verified, xufeng.status_since)
    assert sitemap.station_lastmod(xufeng.model_copy(update={"verified": None, "status_since": None})) is None
    text = sitemap.sitemap_xml([("https://h.example/a?b=1&c=<2>", date(2026, 1, 2))])
    assert "<loc>https://h.example/a?b=1&amp;c=&lt;2&gt;</loc><lastmod>2026-01-02</lastmod>" in text


def test_robots_names_the_sitemap_under_a_sub_path() -> None:
    text = sitemap.robots_txt("https://tiny.example.org/bee/")
    assert text.splitlines()[-1] == "Sitemap: https://tiny.example.org/bee/sitemap.xml"
