"""Build the sample site with the real MkDocs + Material and check it by parsing the HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import SAMPLE, copy_project
from sitecheck import is_external, parse_site, resolve

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def pages(site: Path):
    return parse_site(site)


def test_one_page_per_station(site: Path, network) -> None:
    pages = sorted(p.parent.name for p in (site / "s").glob("*/index.html"))
    assert pages == sorted(s.id for s in network.stations)
    assert len(pages) == 33


def test_every_internal_link_resolves(site: Path, pages) -> None:
    broken = []
    for page in pages.values():
        for href in page.links:
            if href.startswith(("tel:", "mailto:")) or is_external(href):
                continue
            target, fragment = resolve(site, page, href)
            if target is None or not target.exists():
                broken.append(f"{page.url}: {href}")
            elif fragment and target.suffix == ".html":
                ids = pages[target.relative_to(site).as_posix().removesuffix("index.html")].ids
                if fragment not in ids:
                    broken.append(f"{page.url}: {href} (no #{fragment})")
    assert not broken


def test_nothing_loads_from_another_host(site: Path, pages) -> None:
    external = [f"{p.url}: {u}" for p in pages.values() for u in p.loads if is_external(u)]
    assert not external
    for css in site.rglob("*.css"):
        assert not re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_map_links_of_a_known_station(pages, network) -> None:
    st = network.station_by_id["weixing"]
    links = {
        urlsplit(h).netloc: parse_qs(urlsplit(h).query) for h in pages["s/weixing/"].links if h.startswith("https://")
    }
    lng, lat = f"{st.location.lng:.6f}", f"{st.location.lat:.6f}"
    assert links["uri.amap.com"]["position"] == [f"{lng},{lat}"]
    assert links["api.map.baidu.com"]["location"] == [f"{lat},{lng}"]
    assert links["api.map.baidu.com"]["coord_type"] == ["gcj02"]
    assert links["apis.map.qq.com"]["marker"][0].startswith(f"coord:{lat},{lng};")


def test_station_pages_are_not_navigation_entries(site: Path) -> None:
    html = (site / "s/weixing/index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)
    assert nav is not None
    assert "/s/" not in nav.group(0) and "s/" not in re.findall(r'href="([^"]*)"', nav.group(0))


def test_sample_notice_and_language(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    assert "示例数据" in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_paused_station_page_keeps_resolving(site: Path, network) -> None:
    paused = [s for s in network.stations if not s.is_open]
    assert paused
    for st in paused:
        html = (site / "s" / st.id / "index.html").read_text(encoding="utf-8")
        assert "暂停开放" in html or "已关闭" in html
        assert "请前往这些开放的驿站" in html  # alternatives with their own buttons


def test_plugin_loads_under_properdocs(tmp_path: Path) -> None:
    """ProperDocs (the maintained MkDocs 1.x fork) finds the plugin through the same entry point."""
    exe = Path(sys.executable).with_name("properdocs")
    project = copy_project(SAMPLE, tmp_path / "proj")  # the frozen sample: staff edits to the live data change counts
    out = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    subprocess.run([str(exe), "build", "-q", "-d", str(out)], cwd=project, check=True, env=env, capture_output=True)
    assert len(list(out.glob("s/*/index.html"))) == 33
