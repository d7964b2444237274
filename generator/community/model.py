"""The honour roll's data model: volunteer teams, party-member posts, the time bank and named recognitions.

What content/community.yaml may hold is decided here, and personal data has no place in it: there is no
field for a phone number, an address, a route, a GPS point or a day's log, and figures are counted per
month or per year. Names appear only in `people`, only with the person's consent, and are shown masked
unless `show_full_name` is set. Same rules as `data.model`: every scalar arrives as text, models are
strict and closed; checks across entries live in `community.validate`, where errors are located.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ..data import limits as lim
from ..data.limits import Chars, Items
from ..data.model import Bool, Day, Model, Slug, Text, bee_error
from ..i18n import tr

MIN_GROUP = 5
"""A team smaller than this publishes totals only: a breakdown of a handful of people describes each of them."""

PostKind = Literal["示范岗", "先锋岗"]
Mask = Literal["师傅", "星号"]
PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A Chinese name: 2-4 characters, or a transcribed name with a middle dot (e.g. 阿依古丽·买买提).
NAME_PATTERN = r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8})$"
_NAME_RE = re.compile(NAME_PATTERN)
_STAR_KEYS = ("1", "2", "3", "4", "5")


def _to_count(value: Any) -> Any:
    """A whole number of things or hours, 0 allowed; text that is not one gets a hint."""
    if isinstance(value, str):
        if not re.fullmatch(r"0|[1-9]\d{0,6}", value.strip()):
            raise bee_error(
                tr(f"{value!r} 不是整数", f"{value!r} is not a whole number"),
                tr("只写阿拉伯数字，例如 12", "write digits only, e.g. 12"),
            )
        return int(value)
    return value


def _to_stars(value: Any) -> Any:
    if isinstance(value, str):
        if value.strip() not in _STAR_KEYS:
            raise bee_error(
                tr(f"{value!r} 不是星级", f"{value!r} is not a star rating"),
                tr("写 1 到 5 的数字（几颗星）", "write a number from 1 to 5"),
            )
        return int(value)
    return value


def _check_period(value: str) -> str:
    """A year ("2026") or a month ("2026-03"); a day is a per-day log, which is never published."""
    if _DAY_RE.match(value):
        raise bee_error(
            tr(f"{value!r} 是具体某一天：只收按月或按年的统计", f"{value!r} is a single day: count per month or year"),
            tr(
                '写月份 "2026-03" 或年份 "2026"，把这一天的次数并入当月；不记录每天的行动',
                'write the month "2026-03" or the year "2026" and add the day\'s figures to it; '
                "daily logs are not kept",
            ),
        )
    if not re.fullmatch(PERIOD_PATTERN, value):
        raise bee_error(
            tr(f"{value!r} 不是年份或月份", f"{value!r} is not a year or a month"),
            tr(
                '写年份 "2026" 或月份 "2026-03"，加英文双引号',
                'write the year "2026" or the month "2026-03", in quotes',
            ),
        )
    return value


def _check_name(value: str) -> str:
    if not _NAME_RE.match(value):
        raise bee_error(
            tr(f"{value!r} 不像姓名", f"{value!r} does not look like a name"),
            tr(
                "只写汉字姓名（2 到 4 个字，少数民族姓名可用 · 分隔），不要加称呼、号码或说明",
                "write the name in Chinese characters only (2-4, or with a middle dot), no titles or numbers",
            ),
        )
    return value


Count = Annotated[int, BeforeValidator(_to_count), WithJsonSchema({"type": "integer", "minimum": 0})]
Stars = Annotated[int, BeforeValidator(_to_stars), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5})]
# Stars → how many volunteers: keys are checked against the defined bands (validate), so stay text here.
StarCounts = Annotated[
    dict[str, Count],
    WithJsonSchema({
        "type": "object",
        "propertyNames": {"enum": list(_STAR_KEYS)},
        "additionalProperties": {"type": "integer", "minimum": 0},
    }),
]  # fmt: skip
Period = Annotated[
    str,
    AfterValidator(_check_period),
    WithJsonSchema({"type": "string", "pattern": PERIOD_PATTERN, "description": '年份 "2026" 或月份 "2026-03"'}),
    Chars(lim.MONTH),
]
Name = Annotated[str, AfterValidator(_check_name), Field(pattern=NAME_PATTERN), Chars(lim.PERSON_NAME)]
Label = Annotated[Text, Chars(lim.NAME)]
Note = Annotated[Text, Chars(lim.SHORT_NOTE)]


class Kind(Model):
    """A kind of service counted in the tallies (代办服务, 抢险救灾 …) and the group it adds up to."""

    name: Label = Field(description="服务类别，如 代办服务、上门取件、疫情防控")
    group: Label = Field(description="合计到哪一类，如 便民服务、应急帮扶")


class Tally(Model):
    """How many times a team served, by kind, in one month or one year."""

    period: Period
    counts: dict[str, Count] = Field(description="服务类别 → 次数，类别写 kinds 里的名称")


class TeamBank(Model):
    """A team's share of the time bank: total hours, and volunteers per star band (teams of 5 or more only)."""

    hours: Count = Field(description="本队累计服务时长（小时）")
    volunteers: StarCounts | None = Field(None, description="各星级人数，如 {1: 5, 2: 3}；不足 5 人的队伍不写")


class Team(Model):
    """A volunteer team (红骑士志愿服务队). Figures only: no member list, no routes, no daily log."""

    id: Slug
    name: Label
    founded: Day = Field(description="成立日期 YYYY-MM-DD")
    members: Count = Field(description="队员人数")
    stations: Annotated[list[Slug], Items(lim.TEAM_STATIONS)] = Field(
        min_length=1, description="驻点驿站的 id（stations.yaml）"
    )
    description: Note | None = None
    tallies: Annotated[list[Tally], Items(lim.TALLIES)] = Field([], description="服务次数，按年或按月")
    time_bank: TeamBank | None = None


class Post(Model):
    """A party-member post (党员示范岗 / 先锋岗) at a station."""

    id: Slug
    kind: PostKind
    name: Label
    station: Slug = Field(description="所在驿站的 id（stations.yaml）")
    vehicles: Count = Field(description="配备的配送车辆数")
    team: Slug | None = Field(None, description="依托的志愿服务队 id（可选）")
    description: Note


class Band(Model):
    """A star band of the time bank: from `from_hours` of service on, a volunteer holds `stars` stars."""

    stars: Stars
    from_hours: Count = Field(description="累计服务时长达到多少小时")


class TimeBank(Model):
    """The network-wide time bank (时间银行): bands, total hours and volunteers per band."""

    bands: Annotated[list[Band], Items(5)] = Field(min_length=1)
    hours: Count = Field(description="全网累计服务时长（小时）")
    volunteers: StarCounts = Field(description="全网各星级人数，如 {1: 26, 2: 14}")


class Person(Model):
    """A named recognition, published only with the person's consent; the name is masked unless told otherwise.

    `consent` is optional to the model only so that its absence gets its own message (validate); editors
    see it as required.
    """

    model_config = ConfigDict(json_schema_extra={"required": ["name", "honour", "consent"]})

    name: Name = Field(description="姓名（仅用于生成“张师傅”“张*”，不会原样公开，除非 show_full_name）")
    honour: Annotated[Text, Chars(lim.LABEL)] = Field(description="表彰内容，如 2026 年度服务之星")
    team: Slug | None = None
    stars: Stars | None = Field(None, description="时间银行星级（可选）")
    consent: Day | None = Field(None, description="本人书面同意公开的日期 YYYY-MM-DD（必填）")
    mask: Mask = Field("师傅", description="显示方式：师傅 → 张师傅，星号 → 张*")
    show_full_name: Bool = Field(False, description="显示全名：须本人同意公开全名")


class CommunityFile(Model):
    """The whole of content/community.yaml (for the JSON Schema)."""

    as_of: Day = Field(description="统计截至日期 YYYY-MM-DD")
    kinds: Annotated[list[Kind], Items(lim.KINDS)] = Field(min_length=1)
    teams: Annotated[list[Team], Items(lim.TEAMS)]
    posts: Annotated[list[Post], Items(lim.POSTS)] = Field(default_factory=list)
    time_bank: TimeBank | None = None
    people: Annotated[list[Person], Items(lim.PEOPLE)] = Field(default_factory=list)


@dataclass(frozen=True)
class Community:
    """Validated honour-roll data, ready for the page builder."""

    as_of: date
    kinds: tuple[Kind, ...]
    teams: tuple[Team, ...]
    posts: tuple[Post, ...]
    time_bank: TimeBank | None
    people: tuple[Person, ...]
    path: Path

    @cached_property
    def team_by_id(self) -> dict[str, Team]:
        """Team lookup."""
        return {t.id: t for t in self.teams}

    @cached_property
    def group_of(self) -> dict[str, str]:
        """Kind name → the group it adds up to."""
        return {k.name: k.group for k in self.kinds}
