"""The repo's own data, as staff last left it, builds and keeps the site's promises. Invariants only, never counts.

Points at the live project (the repo root), or at BEE_LIVE_PROJECT, which `test_staff_edits.py` sets to an
edited copy. Builds a copy, so the repo's print-manifest.json is never rewritten by a test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_project, copy_project, run_cli
from sitecheck import is_external, parse_site, resolve

from generator.data import load_network
from generator.printing.manifest import load_manifest

pytestmark = [pytest.mark.live, pytest.mark.build]

LIVE = Path(os.environ.get("BEE_LIVE_PROJECT", ROOT))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(LIVE, tmp_path_factory.mktemp("live") / "project")


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(project, tmp_path_factory.mktemp("live-site") / "site")


@pytest.fixture(scope="module")
def live_network(project: Path):
    return load_network(project / "stations.yaml")


def test_check_passes(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr


def test_every_station_has_a_page_and_a_poster(site: Path, live_network) -> None:
    for st in live_network.stations:
        html = (site / "s" / st.id / "index.html").read_text(encoding="utf-8")
        assert st.id in html, st.id
        assert (site / "print" / "posters" / f"{st.id}.pdf").is_file(), st.id
        if not st.is_open:
            assert "请前往这些开放的驿站" in html, st.id  # successor and nearest open stations


def test_every_printed_url_still_resolves(site: Path, project: Path, live_network) -> None:
    issued = load_manifest(project / "print-manifest.json")
    base = live_network.site.site_url
    for entry in issued:
        assert entry.url.startswith(base), entry
        assert (site / entry.url.removeprefix(base) / "index.html").is_file(), entry


def test_every_internal_link_resolves(site: Path) -> None:
    pages = parse_site(site)
    broken = []
    for page in pages.values():
        for href in page.links:
            if href.startswith(("tel:", "mailto:", "sms:")) or is_external(href):
                continue
            target, fragment = resolve(site, page, href)
            if target is None or not target.exists():
                broken.append(f"{page.url}: {href}")
            elif fragment and target.suffix == ".html":
                ids = pages[target.relative_to(site).as_posix().removesuffix("index.html")].ids
                if fragment not in ids:
                    broken.append(f"{page.url}: {href} (no #{fragment})")
    assert not broken


def test_nothing_loads_from_another_host(site: Path) -> None:
    pages = parse_site(site)
    assert not [f"{p.url}: {u}" for p in pages.values() for u in p.loads if is_external(u)]
    for css in site.rglob("*.css"):
        assert not re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css
