"""The open data of the built sample, checked with real validators and parsers.

frictionless validates the HSDS Tabular Data Package; jsonschema validates the HSDS JSON against the
official HSDS 3.0 schemas (schema/hsds/); pyld expands every page's JSON-LD with schema.org's own
context (tests/fixtures/schemaorg/) and the coordinates are compared with the GeoJSON.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE, build_project, copy_project
from hsds_check import json_errors, tabular_report
from jsonld_check import SCHEMA_ORG, expand, nodes, unknown_terms, value

from generator.data.geo import distance_m, wgs84_to_gcj02

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def geojson(site: Path) -> dict:
    return json.loads((site / "data/stations.geojson").read_text(encoding="utf-8"))


def test_hsds_tabular_package_passes_frictionless(site: Path) -> None:
    report = tabular_report(site / "data/hsds")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:20]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert set(rows) == {"organization", "service", "location", "service_at_location", "phone", "address", "schedule"}
    assert rows["location"] == rows["address"] == 33 and rows["organization"] == 1
    assert all(n > 0 for n in rows.values())


def test_frictionless_catches_a_broken_table(site: Path, tmp_path: Path) -> None:
    """The validator really reads our rows: a bad status and a dangling foreign key are reported."""
    import shutil

    copy = shutil.copytree(site / "data/hsds", tmp_path / "hsds")
    services = (copy / "services.csv").read_text(encoding="utf-8").replace(",active,", ",open,", 1)
    (copy / "services.csv").write_text(services, encoding="utf-8")
    addresses = (copy / "addresses.csv").read_text(encoding="utf-8").splitlines()
    row = addresses[1].split(",")
    row[1] = "00000000-0000-5000-8000-000000000000"
    (copy / "addresses.csv").write_text("\n".join([addresses[0], ",".join(row), *addresses[2:]]) + "\n", "utf-8")
    types = {t for (t,) in tabular_report(copy).flatten(["type"])}
    assert {"constraint-error", "foreign-key"} <= types


@pytest.mark.parametrize("strict", [False, True], ids=["official", "no-unknown-properties"])
def test_hsds_json_passes_the_official_schemas(site: Path, strict: bool) -> None:
    doc = json.loads((site / "data/hsds/organization.json").read_text(encoding="utf-8"))
    errors = json_errors(doc, strict=strict)
    assert not errors, errors[:10]
    assert len(doc["locations"]) == 33 and all(loc["addresses"][0]["postal_code"] for loc in doc["locations"])


def test_hsds_schemas_catch_a_broken_document(site: Path) -> None:
    doc = json.loads((site / "data/hsds/organization.json").read_text(encoding="utf-8"))
    del doc["locations"][0]["addresses"][0]["postal_code"]
    doc["services"][0]["status"] = "open"
    doc["locations"][1]["schedules"][0]["id"] = "not-a-uuid"
    found = {e.split(":", 1)[0] for e in json_errors(doc)}
    assert found == {"required", "enum", "format"}


def _sample_secrets(network) -> list[str]:
    passwords = [st.wifi.password for st in network.stations if st.wifi and st.wifi.password]
    notes = [st.notes for st in network.stations if st.notes]
    assert passwords and notes  # the sample has both, or this test would prove nothing
    return passwords + notes


def _jsonld_blocks(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [json.loads(s.string or "") for s in soup.find_all("script", type="application/ld+json")]


@pytest.fixture(scope="module")
def blocks(site: Path) -> dict[str, list[dict]]:
    """Every page's JSON-LD, keyed by site-relative page URL."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        found[url] = _jsonld_blocks(path.read_text(encoding="utf-8"))
    return found


def test_no_wifi_password_or_staff_note_is_published(site: Path, network, blocks) -> None:
    secrets = _sample_secrets(network)
    files = [p for p in (site / "data").rglob("*") if p.is_file() and p.name != "index.html"]
    assert len(files) == 11
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        if path.suffix == ".json" or path.suffix == ".geojson":
            text += json.dumps(json.loads(text), ensure_ascii=False)  # also as decoded, whatever the escaping
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{path.relative_to(site)}: {leaked}"
    for url, found in blocks.items():
        text = json.dumps(found, ensure_ascii=False)
        assert not [s for s in secrets if s in text], url


def test_station_pages_describe_their_station_at_the_geojson_coordinates(blocks, geojson, network) -> None:
    features = {f["id"]: f for f in geojson["features"]}
    for st in network.stations:
        (doc,) = blocks[f"s/{st.id}/"]
        expanded = expand(doc)
        assert not unknown_terms(expanded)
        (place,) = [n for n in nodes(expanded) if SCHEMA_ORG + "CivicStructure" in n["@type"]]
        assert value(place, "url") == f"https://bee.example.org/s/{st.id}/"
        (geo,) = place[SCHEMA_ORG + "geo"]
        lng, lat = features[st.id]["geometry"]["coordinates"]
        assert (value(geo, "longitude"), value(geo, "latitude")) == (lng, lat)
        assert distance_m(st.location.lng, st.location.lat, *wgs84_to_gcj02(lng, lat)) < 0.5
        (address,) = place[SCHEMA_ORG + "address"]
        assert value(address, "postalCode") == st.postal_code
        services = {value(f, "name") for f in place[SCHEMA_ORG + "amenityFeature"]}
        assert services == {network.service_by_id[s].name for s in st.services} | {e.name for e in st.extra_services}
        assert (SCHEMA_ORG + "openingHoursSpecification" in place) == st.is_open


def test_home_page_names_the_operator_and_a_search_action(blocks, network) -> None:
    (doc,) = blocks[""]
    expanded = expand(doc)
    assert not unknown_terms(expanded)
    types = {t.removeprefix(SCHEMA_ORG) for n in nodes(expanded) for t in n["@type"]}
    assert {"Organization", "WebSite", "SearchAction", "EntryPoint"} <= types
    (entry,) = [n for n in nodes(expanded) if SCHEMA_ORG + "EntryPoint" in n["@type"]]
    assert value(entry, "urlTemplate") == "https://bee.example.org/?q={search_term_string}"
    stations = {f"s/{st.id}/" for st in network.stations}
    assert {u for u, found in blocks.items() if found} == {"", "data/", *stations}


def test_data_page_lists_every_file_with_its_size_and_licence(site: Path, blocks) -> None:
    html = (site / "data/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select(".bee-data table")[0].select("tbody tr")
    listed = {r.select("a")[0]["href"]: r.select("td")[1].get_text() for r in rows}
    files = sorted(p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*.*") if p.suffix != ".html")
    assert sorted(listed) == files
    for rel, size in listed.items():
        n = (site / "data" / rel).stat().st_size
        assert size == (f"{n} 字节" if n < 1024 else f"{n / 1024:.1f} KB"), rel
    assert soup.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
    (dataset,) = blocks["data/"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(dataset["distribution"]) == len(files)
    assert not unknown_terms(expand(dataset))
    nav = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select(".md-nav--primary")
    assert "开放数据" in nav[0].get_text()


def test_licence_is_embedded_in_the_data(site: Path, geojson) -> None:
    package = json.loads((site / "data/hsds/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [
        {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
         "title": "Creative Commons Attribution 4.0 International"}
    ]  # fmt: skip
    assert geojson["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_no_gcj02_geojson_is_published(site: Path, network) -> None:
    """The guide map's roads (GCJ-02) stay out; the only GeoJSON is ours, in WGS-84."""
    assert [p.relative_to(site).as_posix() for p in site.rglob("*.geojson")] == ["data/stations.geojson"]
    assert (SAMPLE / "content" / "guide-map.geojson").exists()


def test_sitemap_dates_and_robots(site: Path, network) -> None:
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in root}
    assert dates["https://bee.example.org/s/jiangxi-center/"] == "2026-11-06"  # verified
    assert dates["https://bee.example.org/s/xufeng/"] == "2026-11-01"  # paused since, verified the same day
    # Every sample station has a verified date now; a station with neither date is covered by test_opendata.
    assert dates["https://bee.example.org/s/taihu-1/"] == network.station_by_id["taihu-1"].verified.isoformat()
    assert dates["https://bee.example.org/data/"] == "2026-11-18"
    assert all(f"https://bee.example.org/s/{st.id}/" in dates for st in network.stations)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: https://bee\.example\.org/sitemap\.xml$", robots, re.M)


def test_data_files_are_byte_identical_across_builds(site: Path, tmp_path: Path) -> None:
    """A second build of the same sources, from another folder, writes the same data, sitemap and robots."""
    other = build_project(copy_project(SAMPLE, tmp_path / "again", posters=False), tmp_path / "site")

    def outputs(root: Path) -> dict[str, bytes]:
        paths = [p for p in (root / "data").rglob("*") if p.is_file() and p.suffix != ".html"]
        paths += [root / "sitemap.xml", root / "sitemap.xml.gz", root / "robots.txt"]
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}

    first, second = outputs(site), outputs(other)
    assert first.keys() == second.keys() and len(first) == 14
    assert [k for k in first if first[k] != second[k]] == []
