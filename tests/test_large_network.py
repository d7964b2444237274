"""A large network (more than render.LARGE_NETWORK stations): lists split by area and community, the map page's
finer levels are tiles fetched on demand, and no page grows with the network."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, build_project, copy_project

from bench.synth import synth_stations, write_stations
from generator.data import load_network
from generator.printing.maptiles import TILE_DIR, ZOOMS
from generator.render import LARGE_NETWORK, community_url, environment
from generator.web.lists import PAGE_SIZE, PLACES_FILE, directory_pages
from generator.web.options import WebOptions
from generator.web.zones import FANOUT, ZONE_SIZE

ROOT = Path(__file__).resolve().parents[1]
N = 1200


def _network(tmp: Path, n: int, **kw):  # type: ignore[no-untyped-def]
    path = tmp / "stations.yaml"
    write_stations(path, synth_stations(SAMPLE / "stations.yaml", n, **kw))
    (tmp / "content").symlink_to(SAMPLE / "content")  # the sample stations' photos
    return load_network(path)


@pytest.mark.build
def test_a_big_community_is_paginated(tmp_path: Path) -> None:
    network = _network(tmp_path, 500)
    crowded = network.stations[40].community
    stations = tuple(st.model_copy(update={"community": crowded}) for st in network.stations)
    network = type(network)(network.site, network.services, stations, network.calendar)
    options = WebOptions(theme_dir=ROOT / "theme")
    files = {f.src_uri: f for f in directory_pages(network, options, environment(options.theme_dir))}
    pages = -(-len(stations) // PAGE_SIZE)
    first = community_url(crowded).removesuffix("/") + ".md"
    assert first in files and all(
        community_url(crowded, n).removesuffix("/") + ".md" in files for n in range(2, pages + 1)
    )
    listed = [
        h
        for f in files.values()
        if f.src_uri != "stations.md"
        for h in re.findall(r'href="[./]*s/([^/]+)/"', f.html or "")
    ]
    assert sorted(listed) == sorted(st.id for st in stations)  # every station once, on some page
    assert "下一页" in (files[first].html or "") and "上一页" not in (files[first].html or "")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """N stations in communities of three: more communities than one list page holds, so the directory and the
    map page split them into areas (web/zones.py)."""
    project = copy_project(SAMPLE, tmp_path_factory.mktemp("large") / "p", posters=False)
    write_stations(project / "stations.yaml", synth_stations(SAMPLE / "stations.yaml", N, per_community=3))
    (project / "print-manifest.json").unlink()  # a new network: nothing printed yet
    return build_project(project, tmp_path_factory.mktemp("large-site") / "site")


@pytest.mark.build
def test_every_page_stays_small(large_site: Path) -> None:
    assert N > LARGE_NETWORK
    sizes = {
        p.relative_to(large_site).as_posix(): len(gzip.compress(p.read_bytes(), 6)) for p in large_site.rglob("*.html")
    }
    assert len(sizes) > N
    assert max(sizes.values()) < 80 * 1024, max(sizes, key=sizes.__getitem__)
    for page in ("stations/", "services/", "near/", "map/", "print/"):
        assert sizes[page + "index.html"] < 20 * 1024, page  # independent of N: no station list on them


def _links(site: Path, page: str) -> list[str]:
    """Site-relative targets of the links in a page's content (`page` is a folder URL like `stations/a/1/`)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    out = []
    for href in re.findall(r'<a [^>]*href="([^"#?]+)"', body):
        target = (Path("/") / page / href).resolve().as_posix().lstrip("/")
        out.append(target + "/" if target and not target.endswith("/") else target)
    return out


@pytest.mark.build
def test_every_station_is_a_few_links_from_the_directory(large_site: Path) -> None:
    """From stations/ through its areas and communities (and their next pages), each station within four links;
    no list page names more than a page's worth of entries."""
    depth = {"stations/": 0}
    queue = ["stations/"]
    while queue:
        page = queue.pop(0)
        links = [u for u in _links(large_site, page) if u.startswith(("stations/a/", "stations/c/", "s/"))]
        assert len(links) <= max(FANOUT, ZONE_SIZE, PAGE_SIZE) + 2, page
        for url in links:
            if url not in depth:
                depth[url] = depth[page] + 1
                if url.startswith("stations/"):
                    queue.append(url)
    areas = [u for u in depth if u.startswith("stations/a/")]
    assert len(areas) >= 2  # more communities than one page holds: the index lists areas
    index = _links(large_site, "stations/")
    assert not [u for u in index if u.startswith(("stations/c/", "s/"))]  # neither communities nor stations
    reached = sorted(u.removeprefix("s/").removesuffix("/") for u, d in depth.items() if u.startswith("s/"))
    stations = sorted(p.parent.name for p in (large_site / "s").glob("*/index.html"))
    assert reached == stations
    assert max(d for u, d in depth.items() if u.startswith("s/")) <= 4


@pytest.mark.build
def test_finder_picker_and_services_link_to_the_finder(large_site: Path) -> None:
    near = (large_site / "near/index.html").read_text(encoding="utf-8")
    assert f'data-bee-places="../{PLACES_FILE}"' in near and "<optgroup" not in near
    places = json.loads((large_site / PLACES_FILE).read_text(encoding="utf-8"))
    assert places["communities"] and all(len(row) == 3 for row in places["communities"] + places["landmarks"])
    services = (large_site / "services/index.html").read_text(encoding="utf-8")
    assert 'href="../near/?svc=microwave"' in services and "个驿站提供" in services


@pytest.mark.browser
def test_picker_loads_on_demand_and_a_service_link_filters(chromium, large_site: Path) -> None:
    from browser import PHONE, Outside, guard, serve

    with serve(large_site) as base:
        context = chromium.new_context(**PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
        outside = Outside()
        guard(context, outside)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "near/?svc=microwave", wait_until="networkidle")
        assert not any(u.endswith("places.json") for u in requested)  # not on the first view
        assert page.locator("input[name=svc][value=microwave]").is_checked()
        page.locator("#bee-place").focus()
        page.wait_for_function("document.querySelectorAll('#bee-place option').length > 10")
        page.select_option("#bee-place", index=3)
        page.click(".bee-pick-btn")
        page.locator(".bee-results li").first.wait_for()
        assert not outside.urls
        context.close()


@pytest.mark.build
def test_map_page_holds_one_level_and_its_tiles_every_community(large_site: Path) -> None:
    """The map page carries its first zoom level and the list of areas; the other levels are JSON tiles, and the
    last one names every community (on a pin of its own or in a group's list)."""
    html = (large_site / "map/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<div class="bee-pins" data-zoom="(\d+)"', html) == ["1"]
    levels = re.search(r'data-bee-levels="([\d ]+)"', html)
    assert levels and levels[1].split()[0] == "1" and len(levels[1].split()) > 1
    zones = re.findall(r'<a href="\.\./(stations/a/[^"]+)">片区', html)
    index = _links(large_site, "stations/")
    assert zones and zones == [u for u in index if u.startswith("stations/a/")]  # the directory's areas
    last = int(levels[1].split()[-1])
    named: list[str] = []
    for tile in (large_site / TILE_DIR / str(last)).glob("*.json"):
        for row in json.loads(tile.read_text(encoding="utf-8")):
            named += [row[3]] if isinstance(row[2], str) else [key for _, key, _ in row[4]]
    communities = sorted(p.parent.name for p in (large_site / "stations/c").glob("*/index.html"))
    assert sorted(named) == communities
    assert len(list((large_site / TILE_DIR / str(last)).glob("*.json"))) == last * last


def _tiles_loaded(page, zoom: str, requested: list[str], finished: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Wait until the tiles of one level that the map asked for (at least one) have all arrived."""
    for _ in range(200):
        asked = sorted(u for u in requested if zoom in u)
        if asked and asked == sorted(u for u in finished if zoom in u):
            page.wait_for_timeout(50)  # the script adds their pins when the response is read
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"tiles of {zoom} never arrived: {requested}")


@pytest.mark.browser
def test_map_loads_its_levels_on_demand(chromium, large_site: Path) -> None:
    """No tile on the first view; zooming fetches the tiles in view, whose pins keep 44 px apart; a community's
    pin leads to its list; a group on the last level lists its communities; axe finds nothing, zoomed or not."""
    from browser import PHONE, Outside, axe_source, axe_violations, guard, serve
    from test_map_browser import BOXES, _overlapping

    axe = axe_source()
    with serve(large_site) as base:
        context = chromium.new_context(**PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", service_workers="block")
        outside = Outside()
        guard(context, outside)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        requested: list[str] = []
        finished: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.on("requestfinished", lambda r: finished.append(r.url))
        page.goto(base + "map/", wait_until="networkidle")
        assert not [u for u in requested if TILE_DIR in u]
        assert axe_violations(page, axe) == []
        levels = page.locator(".bee-pins").count()
        assert levels == len(ZOOMS)
        for level in range(levels):
            if level:
                # Zoom in on a group where there is one (its communities are then in view), else on the middle.
                group = page.locator(".bee-pins:not([hidden]) .bee-pin--group").first
                if group.count():
                    group.click()
                else:
                    page.get_by_role("button", name="＋ 放大").click()
                _tiles_loaded(page, f"/{TILE_DIR}/{ZOOMS[level]}/", requested, finished)
            boxes = page.eval_on_selector_all(".bee-pins:not([hidden]) .bee-pin", BOXES)
            assert boxes and all(w >= 44 and h >= 44 for _, _, w, h in boxes), level
            assert not _overlapping(boxes), level
        for zoom in ZOOMS[1:]:  # the tiles in view (a screen's worth, with a pin's width around it), not the level
            assert 0 < len({u for u in requested if f"/{TILE_DIR}/{zoom}/" in u}) <= 9, zoom
        assert axe_violations(page, axe) == []
        groups = page.locator(".bee-pins:not([hidden]) .bee-pin--group")
        if groups.count():
            groups.first.click()
            panel = page.locator("[data-bee-map-members]")
            assert panel.is_visible() and panel.locator("a").count() >= 2
            hrefs = panel.locator("a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
            assert all(h.startswith("../stations/c/") for h in hrefs)
            assert axe_violations(page, axe) == []
        # A community's own pin (or, where there is none in view, a group's list) leads to its stations.
        link = page.locator(".bee-pins:not([hidden]) a.bee-pin, [data-bee-map-members] a").first
        name = (link.get_attribute("aria-label") or link.inner_text()).split("，")[0]
        link.click()
        page.wait_for_url("**/stations/c/*/")
        assert name and page.locator("nav.bee-crumbs [aria-current=page]").inner_text() == name
        assert axe_violations(page, axe) == []
        for url in ("stations/", "stations/a/1/"):
            page.goto(base + url)
            assert axe_violations(page, axe) == [], url
        assert not errors and not outside.urls
        context.close()
