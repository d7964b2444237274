"""Load and check content/community.yaml against stations.yaml, every error located like stations.yaml's.

First the privacy screen (`screen`), then the same strict models and error locating as the other data
files, then the checks across entries: stations and teams that exist, periods that are neither in the
future nor before a team was founded nor counted twice, time-bank figures that add up, consent for
every named person, and no per-person figures for a team of fewer than five.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..data import limits
from ..data.load import Document, Path_, load_yaml
from ..data.model import Day, Model, Network
from ..data.validate import check_top_level, validate_list, validate_one
from ..errors import DataError, DataErrors
from ..i18n import tr
from .banks import check_network_bank, check_team_bank
from .model import MIN_GROUP, Community, CommunityFile, Kind, Person, Post, Tally, Team, TimeBank
from .screen import screen

COMMUNITY_FILE = "content/community.yaml"


class _AsOf(Model):
    as_of: Day


class _Bank(Model):
    time_bank: TimeBank


def load_community(
    path: Path, network: Network, display_name: str = COMMUNITY_FILE, today: date | None = None
) -> Community:
    """Load the honour roll; raise DataErrors with every problem. `today` refuses consent dated in the future."""
    doc = load_yaml(path, display_name, max_bytes=limits.COMMUNITY_FILE)
    errors: list[DataError] = [*doc.problems, *check_top_level(doc, CommunityFile, ("as_of", "kinds", "teams"))]
    if not isinstance(doc.data, dict):
        raise DataErrors(errors)
    data, found = screen(doc)
    errors += found
    parts = _Parts.parse(data, doc, errors)
    if parts.as_of is not None:
        errors += _cross_check(parts, data, doc, network, today)
    if errors or parts.as_of is None:
        raise DataErrors(errors)
    return Community(
        parts.as_of,
        tuple(k for _, k in parts.kinds),
        tuple(t for _, t in parts.teams),
        tuple(p for _, p in parts.posts),
        parts.bank,
        tuple(p for _, p in parts.people),
        path,
    )


@dataclass(frozen=True)
class _Parts:
    """The sections that passed their models, each entry with its index in the file."""

    as_of: date | None
    bank: TimeBank | None
    kinds: list[tuple[int, Kind]]
    teams: list[tuple[int, Team]]
    posts: list[tuple[int, Post]]
    people: list[tuple[int, Person]]

    @classmethod
    def parse(cls, data: dict, doc: Document, errors: list[DataError]) -> _Parts:
        """Validate every section on its own, so one bad entry does not hide the others' problems."""
        as_of = bank = None
        if "as_of" in data:
            as_of = validate_one(_AsOf, {"as_of": data["as_of"]}, (), doc, errors, tr("统计截至日期", "as_of"))
        if "time_bank" in data:
            bank = validate_one(_Bank, {"time_bank": data["time_bank"]}, (), doc, errors, tr("时间银行", "time bank"))
        return cls(
            as_of.as_of if as_of else None,
            bank.time_bank if bank else None,
            _section(Kind, data, "kinds", ("服务类别", "kind"), limits.KINDS, doc, errors),
            _section(Team, data, "teams", ("队伍", "team"), limits.TEAMS, doc, errors),
            _section(Post, data, "posts", ("岗位", "post"), limits.POSTS, doc, errors),
            _section(Person, data, "people", ("表彰人员", "person"), limits.PEOPLE, doc, errors),
        )


def _cross_check(parts: _Parts, data: dict, doc: Document, network: Network, today: date | None) -> list[DataError]:
    """Checks across entries and files (stations.yaml), once every section has been read."""
    assert parts.as_of is not None
    by_id: dict[str, Team] = {}
    for _, team in parts.teams:
        by_id.setdefault(team.id, team)
    kinds = _raw_values(data.get("kinds"), "name")  # a broken kind is reported once, not by every tally
    ctx = _Context(doc, network, parts.as_of, kinds, parts.bank, by_id, _raw_values(data.get("teams"), "id"))
    errors = _check_kinds(parts.kinds, doc)
    errors += _check_ids(parts.teams, "teams", ("队伍", "team"), doc)
    errors += _check_ids(parts.posts, "posts", ("岗位", "post"), doc)
    errors += [e for i, team in parts.teams for e in _check_team(team, ("teams", i), ctx)]
    errors += [e for i, post in parts.posts for e in _check_post(post, ("posts", i), ctx)]
    errors += [e for i, person in parts.people for e in _check_person(person, i, ctx, today)]
    errors += _check_star_counts(parts.people, ctx)
    if parts.bank is not None:
        errors += check_network_bank(parts.bank, parts.teams, doc)
    return errors


def _section(
    cls: Any, data: dict, key: str, kind: tuple[str, str], max_items: int, doc: Document, errors: list[DataError]
) -> list:
    """The validated entries of one top-level list, at most `max_items` (a missing required list is reported by
    check_top_level)."""
    if key not in data:
        return []
    return validate_list(cls, data[key], (key,), doc, errors, tr(*kind), max_items=max_items)


@dataclass(frozen=True)
class _Context:
    """What the checks of one entry need to know about the rest."""

    doc: Document
    network: Network
    as_of: date
    kinds: set[str]
    bank: TimeBank | None
    teams: dict[str, Team]
    """Valid teams by id (of a duplicated id, the first: the duplicate is reported)."""
    team_ids: set[str]
    """Ids of every team entry, valid or not, so a broken team is not reported again by each reference."""


def _raw_values(entries: Any, key: str) -> set[str]:
    """`key` of every entry of a top-level list as typed, valid or not."""
    entries = entries if isinstance(entries, list) else []
    return {e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)}


def _check_ids(entries: list[tuple[int, Any]], key: str, what: tuple[str, str], doc: Document) -> list[DataError]:
    """Every id once: it is the anchor staff and station pages link to."""
    errors: list[DataError] = []
    first: dict[str, int] = {}
    for i, entry in entries:
        if entry.id in first:
            line = doc.mark((key, first[entry.id], "id")).line
            message = tr(
                f"{what[0]} id {entry.id!r} 重复了（第 {line} 行已用过）",
                f"duplicate {what[1]} id {entry.id!r} (first used at line {line})",
            )
            errors.append(doc.error((key, i, "id"), message, tr("每个 id 都不能重复", "every id must be unique")))
        first.setdefault(entry.id, i)
    return errors


def _check_kinds(kinds: list[tuple[int, Kind]], doc: Document) -> list[DataError]:
    errors: list[DataError] = []
    first: dict[str, int] = {}
    for i, kind in kinds:
        if kind.name in first:
            line = doc.mark(("kinds", first[kind.name], "name")).line
            message = tr(f"服务类别 {kind.name!r} 重复了（第 {line} 行已有）", f"kind {kind.name!r} is listed twice")
            errors.append(doc.error(("kinds", i, "name"), message, tr("删掉一个", "remove one")))
        first.setdefault(kind.name, i)
    return errors


def _suggest(word: str, known: set[str], what: str) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return tr(f"是不是想写 {close[0]!r}？", f"did you mean {close[0]!r}?") if close else what


def _suggester(known: set[str], what: str) -> Callable[[str], str]:
    return lambda word: _suggest(word, known, what)


def _station_errors(ids: list[str], path: Path_, label: str, ctx: _Context, single: bool) -> list[DataError]:
    """Stations must exist in stations.yaml and not be closed (a paused one keeps its team or post)."""
    known = set(ctx.network.station_by_id)
    hint = _suggester(known, tr("写 stations.yaml 里驿站的 id", "use the id of a station in stations.yaml"))
    errors = []
    for j, sid in enumerate(ids):
        where = path if single else (*path, j)
        station = ctx.network.station_by_id.get(sid)
        if sid in ids[:j]:
            message = tr(f"{label}：驿站 {sid!r} 写了两次", f"{label}: station {sid!r} is listed twice")
            errors.append(ctx.doc.error(where, message, tr("删掉一个", "remove one")))
        elif station is None:
            message = tr(f"{label}：没有 id 为 {sid!r} 的驿站", f"{label}: unknown station {sid!r}")
            errors.append(ctx.doc.error(where, message, hint(sid)))
        elif station.status == "closed":
            message = tr(f"{label}：驿站 {sid!r} 已关闭", f"{label}: station {sid!r} is closed")
            errors.append(ctx.doc.error(where, message, tr("换成开放的驿站", "name an open station")))
    return errors


def _check_team(team: Team, path: Path_, ctx: _Context) -> list[DataError]:
    label = tr(f"队伍 {team.id!r}", f"team {team.id!r}")
    errors = _station_errors(team.stations, (*path, "stations"), label, ctx, single=False)
    if team.founded > ctx.as_of:
        message = tr(f"{label}：成立日期晚于统计截至日期 {ctx.as_of}", f"{label}: founded after as_of {ctx.as_of}")
        errors.append(ctx.doc.error((*path, "founded"), message, tr("核对日期", "check the date")))
    if team.members == 0:
        message, hint = tr(f"{label}：队员人数是 0", f"{label}: no members"), tr("写实际人数", "write the count")
        errors.append(ctx.doc.error((*path, "members"), message, hint))
    errors += _check_tallies(team, path, label, ctx)
    if team.time_bank is not None:
        errors += check_team_bank(team, (*path, "time_bank"), label, ctx.bank, ctx.doc)
    return errors


def _period_key(period: str) -> tuple[int, int]:
    """'2026' → (2026, 0), '2026-03' → (2026, 3): a year sorts before its months."""
    year, _, month = period.partition("-")
    return int(year), int(month or 0)


def _check_tallies(team: Team, path: Path_, label: str, ctx: _Context) -> list[DataError]:
    errors: list[DataError] = []
    seen: dict[tuple[int, int], int] = {}
    for j, tally in enumerate(team.tallies):
        where = (*path, "tallies", j)
        errors += _check_period(tally, where, label, team, ctx, seen)
        seen.setdefault(_period_key(tally.period), j)
        for kind in tally.counts:
            if kind not in ctx.kinds:
                hint = _suggest(kind, ctx.kinds, tr("先在 kinds 里添加这个类别", "add the kind under kinds first"))
                message = tr(f"{label}：没有 {kind!r} 这个服务类别", f"{label}: unknown kind {kind!r}")
                errors.append(ctx.doc.error((*where, "counts", kind), message, hint, key=True))
    return errors


def _check_period(
    tally: Tally, where: Path_, label: str, team: Team, ctx: _Context, seen: dict[tuple[int, int], int]
) -> list[DataError]:
    year, month = key = _period_key(tally.period)
    doc, at = ctx.doc, (*where, "period")
    if key in seen:
        line = doc.mark((*where[:-1], seen[key], "period")).line
        message = tr(
            f"{label}：{tally.period} 统计了两次（第 {line} 行已有）", f"{label}: {tally.period} is counted twice"
        )
        return [doc.error(at, message, tr("合并成一条", "merge them into one"))]
    overlap = (year, 0) in seen if month else any(y == year for y, _ in seen)
    if overlap:
        message = tr(
            f"{label}：{year} 年既有全年合计又有月份，会重复计数",
            f"{label}: {year} has both a yearly and monthly figures, which would count twice",
        )
        return [doc.error(at, message, tr("一年内只用一种：全年合计，或者逐月", "use either the year or its months"))]
    # A year is compared by its year, a month by its month: "2026" is not after as_of 2026-10-31.
    if (year, month) > (ctx.as_of.year, ctx.as_of.month if month else 0):
        message = tr(f"{label}：{tally.period} 晚于统计截至日期 {ctx.as_of}", f"{label}: {tally.period} is after as_of")
        return [doc.error(at, message, tr("核对年份和月份，或者更新 as_of", "check the period or update as_of"))]
    if (year, month) < (team.founded.year, team.founded.month if month else 0):
        message = tr(
            f"{label}：{tally.period} 早于成立日期 {team.founded}", f"{label}: {tally.period} is before founded"
        )
        return [doc.error(at, message, tr("核对年份和月份", "check the period"))]
    return []


def _check_post(post: Post, path: Path_, ctx: _Context) -> list[DataError]:
    label = tr(f"岗位 {post.id!r}", f"post {post.id!r}")
    errors = _station_errors([post.station], (*path, "station"), label, ctx, single=True)
    if post.team is not None and post.team not in ctx.team_ids:
        hint = _suggest(post.team, ctx.team_ids, tr("写 teams 里队伍的 id", "use the id of a team"))
        errors.append(
            ctx.doc.error((*path, "team"), tr(f"{label}：没有队伍 {post.team!r}", f"{label}: unknown team"), hint)
        )
    return errors


def _check_person(person: Person, index: int, ctx: _Context, today: date | None) -> list[DataError]:
    path, doc = ("people", index), ctx.doc
    label = tr(f"第 {index + 1} 个表彰人员", f"person #{index + 1}")
    errors = []
    if person.consent is None:
        message = tr(
            f"{label}：没有本人同意公开的日期（consent），不能公开", f"{label}: no consent date; cannot publish"
        )
        hint = tr(
            '请本人书面同意后写 consent: "YYYY-MM-DD"（同意书由街道留存）；没有同意就删掉这一条',
            'once the person has agreed in writing, add consent: "YYYY-MM-DD"; otherwise remove the entry',
        )
        errors.append(doc.error(path, message, hint))
    elif today is not None and person.consent > today:
        message = tr(
            f"{label}：同意日期 {person.consent} 还没到", f"{label}: consent {person.consent} is in the future"
        )
        errors.append(doc.error((*path, "consent"), message, tr("写本人签字同意的那一天", "write the day they agreed")))
    team = ctx.teams.get(person.team) if person.team else None
    if person.team is not None and person.team not in ctx.team_ids:
        hint = _suggest(person.team, ctx.team_ids, tr("写 teams 里队伍的 id", "use the id of a team"))
        errors.append(
            doc.error((*path, "team"), tr(f"{label}：没有队伍 {person.team!r}", f"{label}: unknown team"), hint)
        )
    if person.stars is not None:
        errors += _check_person_stars(person, path, label, team, ctx)
    return errors


def _check_person_stars(person: Person, path: Path_, label: str, team: Team | None, ctx: _Context) -> list[DataError]:
    doc, at = ctx.doc, (*path, "stars")
    if team is not None and team.members < MIN_GROUP:
        message = tr(
            f"{label}：所在队伍不足 {MIN_GROUP} 人，不公开个人的星级",
            f"{label}: the team has fewer than {MIN_GROUP} members; no per-person figures",
        )
        return [doc.error(at, message, tr("删掉 stars", "remove stars"))]
    bands = {b.stars for b in ctx.bank.bands} if ctx.bank else set()
    if person.stars not in bands:
        message = tr(f"{label}：时间银行没有 {person.stars} 星这一档", f"{label}: no {person.stars}-star band")
        return [doc.error(at, message, tr("先在 time_bank 的 bands 里定义星级", "define the band under time_bank"))]
    return []


def _check_star_counts(people: list[tuple[int, Person]], ctx: _Context) -> list[DataError]:
    """No more people listed with k stars than the time bank counts, in their team and network-wide."""
    errors = []
    seen: Counter[tuple[str | None, int]] = Counter()
    for i, person in people:
        if person.stars is None:
            continue
        k = str(person.stars)
        team = ctx.teams.get(person.team) if person.team else None
        seen.update([(person.team, person.stars), (None, person.stars)] if team else [(None, person.stars)])
        counted: list[tuple[str | None, int]] = [(None, ctx.bank.volunteers.get(k, 0))] if ctx.bank else []
        if team and team.time_bank and team.time_bank.volunteers is not None:
            counted.append((team.id, team.time_bank.volunteers.get(k, 0)))
        for where, limit in counted:
            if seen[(where, person.stars)] > limit:
                scope = tr(f"队伍 {where!r}", f"team {where!r}") if where else tr("全网", "the network")
                message = tr(
                    f"第 {i + 1} 个表彰人员：{scope}的时间银行只有 {limit} 名 {k} 星志愿者，表彰里列了更多",
                    f"person #{i + 1}: {scope} counts {limit} {k}-star volunteers, fewer than listed here",
                )
                errors.append(ctx.doc.error(("people", i, "stars"), message, tr("核对星级或人数", "check the stars")))
    return errors
