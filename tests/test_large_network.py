"""A large network (more than render.LARGE_NETWORK stations): lists split by area and community, nothing grows
per page."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, build_project, copy_project

from bench.synth import synth_stations, write_stations
from generator.data import load_network
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
def test_map_page_text_stays_small_per_community(large_site: Path) -> None:
    """The map of a large network grows with its communities only: a group pin names at most six of them and
    the list names them without links (the pins and the directory carry those), which kept the 10,000-station
    map within its 80 KB first view (BENCHMARKS.md)."""
    html = (large_site / "map/index.html").read_text(encoding="utf-8")
    groups = re.findall(r'aria-label="放大查看这 (\d+) 个社区：([^"]*)"', html)
    assert groups and all(len(numbers.rstrip("等").split("、")) == min(int(n), 6) for n, numbers in groups)
    items = re.search(r'<ol class="bee-map-list">(.*?)</ol>', html, re.S)
    assert items and "<a " not in items[1] and items[1].count("<li>") > 1
