"""Time-bank checks (时间银行): star bands in order, volunteers only in defined bands, hours that add up.

Every volunteer in a band has served at least that band's `from_hours`, so the hours must cover the
sum of count × from_hours; the network's figures must cover its teams'. A team of fewer than five
members gives its total hours only: how many of four people hold which stars describes each of them.
"""

from __future__ import annotations

from ..data.load import Document, Path_
from ..errors import DataError
from ..i18n import tr
from .model import MIN_GROUP, Team, TimeBank


def least_hours(volunteers: dict[str, int], bank: TimeBank) -> int:
    """The fewest hours `volunteers` (stars → how many) can have served between them."""
    start = {str(b.stars): b.from_hours for b in bank.bands}
    return sum(count * start.get(stars, 0) for stars, count in volunteers.items())


def check_team_bank(team: Team, path: Path_, label: str, bank: TimeBank | None, doc: Document) -> list[DataError]:
    """A team's time-bank figures: no breakdown for a small team, bands that exist, counts and hours that fit."""
    own = team.time_bank
    if own is None or own.volunteers is None:
        return []
    at = (*path, "volunteers")
    if team.members < MIN_GROUP:
        message = tr(
            f"{label}：只有 {team.members} 人（不足 {MIN_GROUP} 人），只公开合计，不按星级列人数",
            f"{label}: {team.members} members (fewer than {MIN_GROUP}): totals only, no breakdown by stars",
        )
        return [doc.error(at, message, tr("删掉 volunteers，只留 hours", "remove volunteers and keep hours"))]
    if bank is None:
        message = tr(f"{label}：文件里没有 time_bank，星级无从对照", f"{label}: no time_bank defines the bands")
        return [doc.error(at, message, tr("先在文件末尾写 time_bank 的 bands", "add time_bank with its bands"))]
    errors = _unknown_bands(own.volunteers, at, label, bank, doc)
    if sum(own.volunteers.values()) > team.members:
        message = tr(
            f"{label}：各星级人数合计 {sum(own.volunteers.values())} 人，多于队员 {team.members} 人",
            f"{label}: {sum(own.volunteers.values())} volunteers by stars, more than {team.members} members",
        )
        errors.append(doc.error(at, message, tr("核对人数", "check the counts")))
    errors += _hours_cover(own.hours, own.volunteers, (*path, "hours"), label, bank, doc)
    return errors


def check_network_bank(bank: TimeBank, teams: list[tuple[int, Team]], doc: Document) -> list[DataError]:
    """The network's bands, volunteers and hours, and that they cover every team's."""
    label = tr("时间银行", "time bank")
    errors = _band_order(bank, doc)
    errors += _unknown_bands(bank.volunteers, ("time_bank", "volunteers"), label, bank, doc)
    errors += _hours_cover(bank.hours, bank.volunteers, ("time_bank", "hours"), label, bank, doc)
    banks = [t.time_bank for _, t in teams if t.time_bank is not None]
    team_hours = sum(b.hours for b in banks)
    if team_hours > bank.hours:
        message = tr(
            f"{label}：全网 {bank.hours} 小时，少于各队合计 {team_hours} 小时",
            f"{label}: {bank.hours} hours network-wide, fewer than the teams' {team_hours}",
        )
        errors.append(doc.error(("time_bank", "hours"), message, tr("全网合计应包括各队", "include every team")))
    for b in bank.bands:
        key = str(b.stars)
        in_teams = sum((t.volunteers or {}).get(key, 0) for t in banks)
        if in_teams > bank.volunteers.get(key, 0):
            message = tr(
                f"{label}：{b.stars} 星全网 {bank.volunteers.get(key, 0)} 人，少于各队合计 {in_teams} 人",
                f"{label}: {b.stars} stars: fewer volunteers network-wide than in the teams ({in_teams})",
            )
            errors.append(doc.error(("time_bank", "volunteers"), message, tr("核对人数", "check the counts")))
    return errors


def _band_order(bank: TimeBank, doc: Document) -> list[DataError]:
    """Bands list more stars for more hours, each star count once."""
    errors = []
    for j in range(1, len(bank.bands)):
        before, band = bank.bands[j - 1], bank.bands[j]
        if band.stars <= before.stars or band.from_hours <= before.from_hours:
            message = tr(
                "时间银行：星级要从少到多排列，星级越高，起点小时数越大",
                "time bank: list bands from fewest to most stars, with rising from_hours",
            )
            hint = tr(f"这一档在 {before.stars} 星（{before.from_hours} 小时）之后", "check the order and the hours")
            errors.append(doc.error(("time_bank", "bands", j), message, hint))
    return errors


def _unknown_bands(
    volunteers: dict[str, int], path: Path_, label: str, bank: TimeBank, doc: Document
) -> list[DataError]:
    known = {str(b.stars) for b in bank.bands}
    return [
        doc.error(
            (*path, stars),
            tr(f"{label}：没有 {stars} 星这一档", f"{label}: no {stars}-star band"),
            tr("先在 time_bank 的 bands 里定义星级", "define the band under time_bank"),
            key=True,
        )
        for stars in volunteers
        if stars not in known
    ]


def _hours_cover(
    hours: int, volunteers: dict[str, int], path: Path_, label: str, bank: TimeBank, doc: Document
) -> list[DataError]:
    least = least_hours(volunteers, bank)
    if hours >= least:
        return []
    message = tr(
        f"{label}：累计 {hours} 小时，少于各星级起点时长之和 {least} 小时",
        f"{label}: {hours} hours, fewer than the bands' starting hours add up to ({least})",
    )
    return [doc.error(path, message, tr("核对累计时长或各星级人数", "check the hours or the counts"))]
