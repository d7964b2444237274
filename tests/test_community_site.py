"""The honour roll in the built sample site: the 先锋力量 page in the nav and the search index, station badges,
the YAML itself never published, and a privacy scan of every built file (HTML, JSON, search index, feeds,
CSV, spreadsheets and the PDFs' text) for the masked names and for anything that looks personal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from privacy_scan import PublicValues, scan_site, texts_of

from generator.community.validate import load_community
from generator.data import load_network
from generator.data.privacy import find_personal
from generator.study.validate import load_study

pytestmark = pytest.mark.build

# The phone-number hint of stations.yaml's validator, quoted in the staff guide as an example.
DOCUMENTED_EXAMPLES = {"0510-8123 4567"}


def _soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def roll(sample: Path, network):  # type: ignore[no-untyped-def]
    return load_community(sample / "content" / "community.yaml", network, today=date(2026, 11, 18))


def test_the_page_is_a_nav_entry(built_site: Path) -> None:
    home = _soup(built_site, "index.html")
    link = home.select_one("nav.md-nav--primary a[href='community/']")
    assert link is not None and "先锋力量" in link.get_text()
    page = _soup(built_site, "community/index.html")
    assert page.h1.get_text(strip=True) == "先锋力量"
    assert page.select("figure.bee-chart svg[role=img]")


def test_the_yaml_is_not_published(built_site: Path) -> None:
    assert not list(built_site.rglob("community.yaml"))
    assert not list(built_site.rglob("*.yaml"))


def test_station_pages_link_their_post_and_team(built_site: Path, roll) -> None:  # type: ignore[no-untyped-def]
    anchors = {el["id"] for el in _soup(built_site, "community/index.html").select("[id]")}
    for post in roll.posts:
        page = _soup(built_site, f"s/{post.station}/index.html")
        badge = page.select_one(f"a.bee-badge[href='../../community/#post-{post.id}']")
        assert badge is not None and badge.get_text() == f"党员{post.kind}"
        assert f"post-{post.id}" in anchors
    for team in roll.teams:
        for sid in team.stations:
            page = _soup(built_site, f"s/{sid}/index.html")
            assert page.select_one(f"a.bee-badge[href='../../community/#team-{team.id}']") is not None
            assert f"team-{team.id}" in anchors
    # A station with neither has no badge block from the honour roll.
    assert not _soup(built_site, "s/xukang/index.html").select("a.bee-badge[href*='community/']")


def test_the_page_is_searchable_in_chinese(built_site: Path, roll) -> None:  # type: ignore[no-untyped-def]
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    ours = [d for d in docs if d["location"].startswith("community/")]
    sections = {"community/", "community/#teams", "community/#posts", "community/#time-bank"}
    assert {d["location"] for d in ours} >= sections
    words = {w for d in ours for w in (d["title"] + " " + d["text"]).replace("\u200b", " ").split()}
    assert {"红", "骑士", "时间", "银行", "示范岗"} & words
    text = "".join(d["title"] + d["text"] for d in ours).replace("\u200b", "")
    for post in roll.posts:
        assert post.name in text
    assert "王师傅" in text


def test_nothing_personal_anywhere_in_the_site(built_site: Path, sample: Path, roll) -> None:  # type: ignore[no-untyped-def]
    network = load_network(sample / "stations.yaml")
    study = load_study(sample / "content" / "study", network)
    signup = [a.signup.phone for a in study.activities if a.signup and a.signup.phone]
    public = PublicValues.of(network, signup, DOCUMENTED_EXAMPLES)
    masked = [p.name for p in roll.people if not p.show_full_name]
    assert masked
    assert scan_site(built_site, masked, public) == []


def test_the_page_itself_has_nothing_that_looks_personal(built_site: Path) -> None:
    found = [f for t in texts_of(built_site / "community/index.html") for f in find_personal(t)]
    assert found == []
