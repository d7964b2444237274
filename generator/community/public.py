"""What the honour roll publishes, built from an explicit allow-list: the page never sees a full name.

A person becomes a `PublicPerson` holding only the name as shown (张师傅, 张*, or the full name when
`show_full_name` is set), the honour, the team's name and, for a team of five or more, the stars.
A team becomes a `PublicTeam` whose star breakdown is dropped below five members, whatever the data says.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import MIN_GROUP, Community, Person, Team

# Two-character surnames (复姓) in common use: 欧阳建 is 欧阳师傅, not 欧师傅.
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "端木", "澹台", "公冶", "宗政", "濮阳", "太叔", "申屠", "钟离", "闻人", "万俟", "赫连", "呼延", "独孤",
    "南宫", "西门", "百里", "第五", "司空",
))  # fmt: skip


def surname(name: str) -> str:
    """The family name: a known two-character surname, else the first character (of a transcribed name too)."""
    return name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]


def shown_name(person: Person) -> str:
    """The name as published: full only with show_full_name (consent is checked before), else masked."""
    if person.show_full_name:
        return person.name
    return surname(person.name) + ("师傅" if person.mask == "师傅" else "*")


@dataclass(frozen=True)
class PublicPerson:
    """A recognition as it appears on the page."""

    name: str
    honour: str
    team: str | None
    team_id: str | None
    stars: int | None


@dataclass(frozen=True)
class PublicTeam:
    """A team as it appears on the page; `volunteers` is None for a team of fewer than MIN_GROUP."""

    team: Team
    hours: int | None
    volunteers: dict[str, int] | None


def public_team(team: Team) -> PublicTeam:
    """The team's public figures: totals always, a breakdown by stars only for five members or more."""
    bank = team.time_bank
    breakdown = bank.volunteers if bank and team.members >= MIN_GROUP else None
    return PublicTeam(team, bank.hours if bank else None, breakdown)


def public_people(community: Community) -> list[PublicPerson]:
    """Every recognition with consent, names masked as asked, stars dropped for small teams."""
    result = []
    for p in community.people:
        if p.consent is None:  # never published; validation refuses it, this keeps the page safe regardless
            continue
        team = community.team_by_id.get(p.team) if p.team else None
        small = team is not None and team.members < MIN_GROUP
        stars = None if small else p.stars
        result.append(PublicPerson(shown_name(p), p.honour, team.name if team else None, p.team, stars))
    return result
