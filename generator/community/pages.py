"""The 先锋力量 page (`community/`, a nav entry, in the search index) and the station pages' badges.

Everything the templates receive comes from `public`: masked names, and no star breakdown for a team
of fewer than five. Charts are SVG drawn here at build time (`charts`), so the page needs no script.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..data.model import Network, Station
from ..render import GeneratedFile, environment, generated_page
from .charts import BarChart, bar_chart
from .model import MIN_GROUP, Community, Post, Team
from .public import PublicTeam, public_people, public_team

PAGE = "community.md"
PAGE_URL = "community/"
TITLE = "先锋力量"


@dataclass(frozen=True)
class TeamView:
    """A team with what its section shows: public figures, chart, totals per period, stations and posts."""

    public: PublicTeam
    chart: BarChart
    periods: list[tuple[str, int]]
    stations: list[Station]
    posts: list[Post]
    by_stars: list[tuple[int, int]]
    """(stars, volunteers) for each band with any, empty for a team of fewer than MIN_GROUP."""

    @property
    def team(self) -> Team:
        """The team itself (name, founded, members, description)."""
        return self.public.team


def format_period(period: str) -> str:
    """'2026' → '2026年', '2026-03' → '2026年3月'."""
    year, _, month = period.partition("-")
    return f"{year}年{int(month)}月" if month else f"{year}年"


def stars(n: int) -> str:
    """'★★★' for 3."""
    return "★" * n


def kind_totals(community: Community, teams: tuple[Team, ...]) -> list[tuple[str, int]]:
    """Times served per kind, over every period of `teams`, in the order of `kinds` (zeros kept)."""
    counts: Counter[str] = Counter()
    for team in teams:
        for tally in team.tallies:
            counts.update(tally.counts)
    return [(k.name, counts[k.name]) for k in community.kinds]


def group_totals(community: Community) -> list[tuple[str, int]]:
    """Times served per group (便民服务, 应急帮扶 …) over every team, in the order groups first appear."""
    totals: dict[str, int] = {}
    for name, count in kind_totals(community, community.teams):
        group = community.group_of[name]
        totals[group] = totals.get(group, 0) + count
    return list(totals.items())


def _team_view(network: Network, community: Community, team: Team) -> TeamView:
    ordered = sorted(team.tallies, key=lambda t: t.period)
    span = f"{format_period(ordered[0].period)}—{format_period(ordered[-1].period)}" if ordered else ""
    title = f"{team.name}服务次数" + (f"（{span}）" if span else "")
    chart = bar_chart(f"chart-{team.id}", title, title, kind_totals(community, (team,)), "次")
    periods = [(format_period(t.period), sum(t.counts.values())) for t in ordered]
    posts = [p for p in community.posts if p.team == team.id]
    stations = [network.station_by_id[s] for s in team.stations]
    public = public_team(team)
    bands = community.time_bank.bands if community.time_bank else []
    counts = public.volunteers or {}
    by_stars = [(b.stars, counts[str(b.stars)]) for b in bands if counts.get(str(b.stars))]
    return TeamView(public, chart, periods, stations, posts, by_stars)


def _band_chart(community: Community) -> BarChart | None:
    bank = community.time_bank
    if bank is None:
        return None
    rows = [(stars(b.stars), bank.volunteers.get(str(b.stars), 0)) for b in bank.bands]
    title = "时间银行各星级志愿者人数（全网）"
    return bar_chart("chart-time-bank", title, title, rows, "人")


def community_env(theme_dir: Path) -> Environment:
    """The shared autoescaping environment plus the honour roll's helpers."""
    env = environment(theme_dir)
    env.globals.update(format_period=format_period, stars=stars, min_group=MIN_GROUP)
    return env


def build_community_page(network: Network, community: Community, theme_dir: Path) -> GeneratedFile:
    """The 先锋力量 page: totals, teams with their charts, posts, the time bank and the recognitions."""
    title = f"{TITLE}服务次数（全部队伍）"
    overall = bar_chart("chart-all", title, title, kind_totals(community, community.teams), "次")
    body = (
        community_env(theme_dir)
        .get_template("fragments/community/page.html")
        .render(
            network=network,
            community=community,
            groups=group_totals(community),
            overall=overall,
            teams=[_team_view(network, community, t) for t in community.teams],
            posts=community.posts,
            vehicles=sum(p.vehicles for p in community.posts),
            members=sum(t.members for t in community.teams),
            bank=community.time_bank,
            band_chart=_band_chart(community),
            people=public_people(community),
        )
    )
    description = f"{network.site.name}的红骑士志愿服务队、党员示范岗和先锋岗、时间银行：服务次数和表彰。"
    return generated_page(PAGE, TITLE, description, body, hide_nav=False, in_nav=True, search=True)


def station_badges(community: Community, theme_dir: Path) -> dict[str, Markup]:
    """Per station id, a one-line badge block for its posts and the teams based there, linking to community/."""
    template = community_env(theme_dir).get_template("fragments/community/station-badges.html")
    posts: dict[str, list[Post]] = {}
    teams: dict[str, list[Team]] = {}
    for post in community.posts:
        posts.setdefault(post.station, []).append(post)
    for team in community.teams:
        for sid in team.stations:
            teams.setdefault(sid, []).append(team)
    return {
        sid: Markup(template.render(posts=posts.get(sid, []), teams=teams.get(sid, []), url=PAGE_URL))
        for sid in sorted(posts.keys() | teams.keys())
    }
