"""The 先锋力量 page and the station badges, rendered from the frozen sample without MkDocs: masked names,
totals only for small teams, charts with text alternatives, every post linked to its station."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.community.charts import WIDTH, bar_chart
from generator.community.model import Community, Person, Team
from generator.community.pages import build_community_page, group_totals, station_badges
from generator.community.public import public_people, public_team, shown_name
from generator.community.validate import load_community

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
SVG = ""  # inline SVG in HTML carries no xmlns: ElementTree reads it as plain (well-formed) XML


@pytest.fixture(scope="module")
def community(sample: Path, network) -> Community:
    return load_community(sample / "content" / "community.yaml", network, today=date(2026, 11, 18))


@pytest.fixture(scope="module")
def page(community: Community, network) -> BeautifulSoup:
    built = build_community_page(network, community, THEME)
    assert built.src_uri == "community.md" and built.in_nav and built.html
    assert "search" not in built.content  # the page stays in Material's search index
    return BeautifulSoup(built.html, "html.parser")


def _person(name: str, **fields: object) -> Person:
    return Person.model_validate({"name": name, "honour": "示例", "consent": "2026-01-01", **fields})


@pytest.mark.parametrize(
    ("name", "fields", "shown"),
    [
        ("王建军", {}, "王师傅"),
        ("李晓梅", {"mask": "星号"}, "李*"),
        ("欧阳晨", {}, "欧阳师傅"),  # a two-character surname stays whole
        ("欧阳", {}, "欧师傅"),  # ... unless it is the whole name
        ("阿依古丽·买买提", {"mask": "星号"}, "阿*"),
        ("赵海涛", {"show_full_name": "true"}, "赵海涛"),
    ],
)
def test_names_are_masked_unless_shown_in_full(name: str, fields: dict, shown: str) -> None:
    assert shown_name(_person(name, **fields)) == shown


def test_the_sample_follows_the_source_practice(community: Community) -> None:
    assert len(community.teams) == 3
    assert dict(group_totals(community)) == {"便民服务": 35, "应急帮扶": 26}
    assert len(community.posts) == 4 and sum(p.vehicles for p in community.posts) == 22
    bank = community.time_bank
    assert bank is not None and len(bank.bands) == 5
    counts = [bank.volunteers[str(b.stars)] for b in bank.bands]
    assert counts == sorted(counts, reverse=True) and counts[-1] > 0  # fewer volunteers the more stars


def test_a_small_team_gives_totals_only_whatever_the_data_says() -> None:
    # Built past validation on purpose: the page's own rule must hold even for data that slipped through.
    team = Team.model_validate({
        "id": "small", "name": "小队", "founded": "2025-01-01", "members": "4", "stations": ["weixing"],
        "time_bank": {"hours": "90", "volunteers": {"1": "3", "2": "1"}},
    })  # fmt: skip
    shown = public_team(team)
    assert shown.hours == 90 and shown.volunteers is None
    big = team.model_copy(update={"members": 5})
    assert public_team(big).volunteers == {"1": 3, "2": 1}


def test_a_person_without_consent_never_reaches_the_page(community: Community) -> None:
    unconsented = Person.model_validate({"name": "孙丽丽", "honour": "示例"})
    roll = Community(community.as_of, community.kinds, community.teams, (), None, (unconsented,), community.path)
    assert public_people(roll) == []


def test_the_page_shows_masked_names_and_no_full_ones(page: BeautifulSoup, community: Community) -> None:
    text = page.get_text()
    for person in community.people:
        assert (person.name in text) == person.show_full_name, person.name
        assert shown_name(person) in text
    assert "陈师傅" in text and "王师傅" in text and "李*" in text


def test_the_small_team_shows_no_breakdown(page: BeautifulSoup, community: Community) -> None:
    small = next(t for t in community.teams if t.members < 5)
    section = []
    for el in page.find(id=f"team-{small.id}").find_next_siblings():
        if el.name in ("h2", "h3"):
            break
        section.append(el)
    text = " ".join(el.get_text() for el in section)
    assert "只公布合计" in text and "★" not in text
    assert not any(el.select("[aria-label$='星']") for el in section)
    # Its recognised member is listed without stars either.
    person = next(li for li in page.select("#honours ~ ul li") if f"#team-{small.id}" in str(li))
    assert "★" not in person.get_text()


def test_every_post_links_its_station(page: BeautifulSoup, community: Community, network) -> None:
    for post in community.posts:
        heading = page.find("h3", id=f"post-{post.id}")
        assert heading.get_text() == post.name
        item = heading.find_next_sibling("p")
        station = network.station_by_id[post.station]
        link = item.find("a", href=f"../s/{post.station}/")
        assert link is not None and link.get_text() == station.name
        assert f"配送车辆 {post.vehicles} 辆" in item.get_text()
        if post.team:  # and its team's section links back to it
            team = page.find("h3", id=f"team-{post.team}")
            links = [a["href"] for el in team.find_next_siblings("p", limit=4) for a in el.find_all("a")]
            assert f"#post-{post.id}" in links


def test_every_chart_has_a_text_alternative(page: BeautifulSoup, community: Community) -> None:
    figures = page.select("figure.bee-chart")
    assert len(figures) == 2 + len(community.teams)  # overall, one per team, the time bank
    for figure in figures:
        svg = ET.fromstring(str(figure.find("svg")))
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        labels = [t.text for t in svg.iter(f"{SVG}text")]
        for label, value in zip(labels[::2], labels[1::2], strict=True):
            assert f"{label} {value} " in desc.text  # every bar is read out
        assert figure.figcaption.get_text() == title.text
        assert svg.get("fill") == "currentColor"  # follows the theme's text colour, light and dark
    ids = [el["id"] for el in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_team_charts_add_up_to_the_tallies(page: BeautifulSoup, community: Community) -> None:
    for team in community.teams:
        svg = ET.fromstring(str(page.find("svg", attrs={"aria-labelledby": f"chart-{team.id}-t chart-{team.id}-d"})))
        values = [int(t.text) for t in list(svg.iter(f"{SVG}text"))[1::2]]
        assert sum(values) == sum(sum(t.counts.values()) for t in team.tallies)


def test_bar_lengths_follow_the_values() -> None:
    chart = bar_chart("c", "标题", "标题", [("代办服务", 10), ("上门取件", 5), ("疫情防控", 0), ("邮件速递", 1)], "次")
    lengths = [b.length for b in chart.bars]
    assert lengths[0] == 2 * lengths[1] or abs(lengths[0] - 2 * lengths[1]) <= 1
    assert lengths[2] == 0 and lengths[3] >= 1
    assert all(chart.bar_x + b.length + 6 + 8 * len(str(b.value)) <= WIDTH for b in chart.bars)
    assert chart.description == "代办服务 10 次，上门取件 5 次，疫情防控 0 次，邮件速递 1 次。"


def test_chart_text_is_escaped(network, community: Community) -> None:
    kinds = (community.kinds[0].model_copy(update={"name": "代办&<服务>"}), *community.kinds[1:])
    team = community.teams[0]
    tally = team.tallies[0].model_copy(update={"counts": {"代办&<服务>": 2}})
    roll = Community(
        community.as_of, kinds, (team.model_copy(update={"tallies": [tally]}),), (), None, (), community.path
    )
    html = build_community_page(network, roll, THEME).html or ""
    assert "代办&amp;&lt;服务&gt;" in html and "<服务>" not in html
    ET.fromstring(str(BeautifulSoup(html, "html.parser").find("svg")))  # still well-formed


def test_station_badges_are_tiny_links_to_the_page(community: Community) -> None:
    badges = station_badges(community, THEME)
    posts = {p.station for p in community.posts}
    based = {s for t in community.teams for s in t.stations}
    assert set(badges) == posts | based
    for sid, html in badges.items():
        assert len(html.encode()) < 400, sid
        soup = BeautifulSoup(html, "html.parser")
        hrefs = [a["href"] for a in soup.find_all("a")]
        assert hrefs and all(h.startswith("../../community/#") for h in hrefs)
        assert not soup.find(["script", "style", "link"])
    assert "党员示范岗" in badges["changjianglu"] and "红骑士志愿服务一队" in badges["changjianglu"]
