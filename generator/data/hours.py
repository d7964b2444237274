"""Opening hours: a subset of OpenStreetMap `opening_hours`, compiled, evaluated and described in Chinese.

Syntax: rules separated by `;`, each `<selector> <times>` or `24/7`. A selector is a comma list of weekdays
(`Mo`..`Su`), weekday ranges (`Mo-Fr`, wrapping `Fr-Mo`), `PH` (statutory public holiday, 法定节假日) and our
extension `MW` (make-up workday, 调休上班日); no selector means every day. Times are `off`/`closed` or comma
separated `HH:MM-HH:MM` spans; a span whose end <= start runs past midnight into the next day.

Later rules override earlier ones for the days they match; a rule without a selector matches every day, so it
also replaces earlier PH and MW rules. On a given date a PH schedule (if any) wins on statutory holidays, then an
MW schedule on make-up workdays, then the weekday schedule, whatever the order of the rules.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..i18n import tr
from .clock import SHANGHAI

DAY = 1440
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
Interval = tuple[int, int]
Intervals = tuple[Interval, ...]
FULL_DAY: Intervals = ((0, DAY),)

_OFF = ("off", "closed")
_KINDS = ("PH", "MW")
_EXAMPLE = "'Mo-Fr 08:30-17:30'"


def _range_hint() -> str:
    return tr(
        "小时写 00-23，分钟写 00-59；24:00 只能作为结束时间，例如 '18:00-24:00'",
        "hours run 00-23 and minutes 00-59; 24:00 may end a span, e.g. '18:00-24:00'",
    )


def _kind_hint() -> str:
    return tr("用 ',' 和其他日子并列，例如 'Sa,Su,PH off'", "list it with ',', e.g. 'Sa,Su,PH off'")


def _span_hint() -> str:
    return tr(
        "几段时间之间用 ','，几条规则之间用 ';'，例如 'Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00'",
        "separate spans with ',' and rules with ';', e.g. 'Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00'",
    )


def _day_hint() -> str:
    return tr(
        f"星期用两个字母：Mo Tu We Th Fr Sa Su，例如 {_EXAMPLE}",
        f"use two-letter days Mo Tu We Th Fr Sa Su, e.g. {_EXAMPLE}",
    )


_TOKEN = re.compile(r"[^\s,;:/\d-]+")
_COMMA = re.compile(r"\s*,\s*")
_FULL_WIDTH = re.compile("[：－–—～~，；、]")


class HoursError(ValueError):
    """A problem in an opening-hours string; `column` is the 0-based offset of the offending text."""

    def __init__(self, message: str, hint: str, column: int):
        super().__init__(tr(f"{message}（提示：{hint}）", f"{message} (hint: {hint})"))
        self.message = message
        self.hint = hint
        self.column = column


@dataclass(frozen=True)
class Schedule:
    """Compiled hours: minute intervals per weekday (0 = Monday), optional PH / MW overrides, 24/7 flag.

    An interval is (start, end) in minutes after midnight; a span past midnight has end > 1440.
    `ph` / `mw` are None when no rule names them (the weekday schedule then applies).
    """

    week: tuple[Intervals, ...]
    ph: Intervals | None = None
    mw: Intervals | None = None
    always_open: bool = False

    def for_date(self, day: date, calendar: HolidayCalendar | None = None) -> Intervals:
        """The intervals that apply on a calendar date (PH, then MW, then weekday)."""
        kind = calendar.kind(day) if calendar is not None else ""
        special = {"ph": self.ph, "mw": self.mw}.get(kind)
        return special if special is not None else self.week[day.weekday()]

    def to_json(self) -> dict:
        """Compact form for the browser (bee-hours.js).

        Shape: `{"w": [7 lists, Monday first, of [start, end] minute pairs], "ph": [[s, e], ...] | null,
        "mw": [[s, e], ...] | null}`, e.g. `{"w": [[[510, 1050]], ..., []], "ph": [], "mw": [[510, 1050]]}`.
        An empty list means closed; a span past midnight has end > 1440, e.g. [1080, 1560] for 18:00-02:00.
        """

        def pairs(intervals: Intervals | None) -> list[list[int]] | None:
            return None if intervals is None else [[s, e] for s, e in intervals]

        return {"w": [pairs(d) for d in self.week], "ph": pairs(self.ph), "mw": pairs(self.mw)}


def compile_hours(text: str) -> Schedule:
    """Parse an opening-hours string into a Schedule; raises HoursError with a column on bad input."""
    _check_characters(text)
    if not text.strip():
        raise HoursError(
            tr("开放时间是空的", "opening hours are empty"), tr(f"例如写 {_EXAMPLE}", f"write e.g. {_EXAMPLE}"), 0
        )
    week: list[Intervals] = [() for _ in DAYS]
    special: dict[str, Intervals | None] = {"ph": None, "mw": None}
    for rule, col in _pieces(text, ";", 0):
        if not rule:
            hint = tr("删掉多出来的 ';'", "remove the extra ';'")
            raise HoursError(tr("有一条规则是空的", "empty rule"), hint, min(col, len(text) - 1))
        kinds: set[str] = set()
        if rule == "24/7":
            days, start, times = set(range(7)), 0, FULL_DAY
        else:
            days, kinds, start = _parse_selector(rule, col)
            times = _parse_times(rule[start:], col + start)
        if start == 0:  # no selector: the rule covers every day, holidays included
            special = {"ph": None, "mw": None}
        for d in days:
            week[d] = times
        for k in kinds:
            special[k] = times
    always = all(d == FULL_DAY for d in week) and all(s in (None, FULL_DAY) for s in special.values())
    return Schedule(tuple(week), special["ph"], special["mw"], always)


def _check_characters(text: str) -> None:
    bad = _FULL_WIDTH.search(text)
    if bad:
        hint = tr(
            f"用英文输入法输入半角的 ':' '-' ',' ';'，例如 {_EXAMPLE}",
            f"use half-width ':' '-' ',' ';' (English input method), e.g. {_EXAMPLE}",
        )
        raise HoursError(tr(f"不能用 {bad.group()!r}", f"unexpected character {bad.group()!r}"), hint, bad.start())


def _pieces(text: str, sep: str, base: int) -> Iterator[tuple[str, int]]:
    """Split on `sep`, yielding each stripped piece with the absolute column where it starts."""
    pos = 0
    for raw in text.split(sep):
        lead = len(raw) - len(raw.lstrip())
        yield raw.strip(), base + pos + lead
        pos += len(raw) + 1


def _parse_selector(rule: str, base: int) -> tuple[set[int], set[str], int]:
    """Read the day selector at the start of a rule: (weekdays, {'ph','mw'}, index where the times start)."""
    first = _TOKEN.match(rule)
    if first is None or first.group() in _OFF:
        return set(range(7)), set(), 0
    days: set[int] = set()
    kinds: set[str] = set()
    pos = _parse_item(rule, 0, base, days, kinds)
    while comma := _COMMA.match(rule, pos):
        pos = _parse_item(rule, comma.end(), base, days, kinds)
    selector = rule[:pos]
    if pos == len(rule):
        raise HoursError(
            tr(f"{selector!r} 后面没有写时间", f"{selector!r} has no times"),
            tr(
                f"写上时间或 'off'，例如 '{selector} 08:30-17:30'", f"add times or 'off', e.g. '{selector} 08:30-17:30'"
            ),
            base + pos,
        )
    if not rule[pos].isspace():
        message = tr(f"{selector!r} 后面少了空格", f"missing space after {selector!r}")
        raise HoursError(message, tr(f"例如 {_EXAMPLE}", f"e.g. {_EXAMPLE}"), base + pos)
    return days, kinds, pos


def _parse_item(rule: str, pos: int, base: int, days: set[int], kinds: set[str]) -> int:
    """Read one selector item (`Mo`, `Mo-Fr`, `PH`, `MW`) at `pos`; return the index after it."""
    m = _TOKEN.match(rule, pos)
    if m is None:
        raise HoursError(
            tr(f"{rule[:pos]!r} 后面应该是星期", f"expected a day after {rule[:pos]!r}"),
            tr(f"例如 'Sa,Su 10:00-16:00' 或 {_EXAMPLE}", f"e.g. 'Sa,Su 10:00-16:00' or {_EXAMPLE}"),
            base + pos,
        )
    if not rule.startswith("-", m.end()):
        if m.group() in _KINDS:
            kinds.add(m.group().lower())
        else:
            days.add(_day(m.group(), base + pos))
        return m.end()
    end = _TOKEN.match(rule, m.end() + 1)
    if end is None:
        shown = rule[pos : m.end() + 1]
        message = tr(f"星期范围 {shown!r} 没有写到哪天结束", f"day range {shown!r} has no end")
        raise HoursError(message, tr("例如 'Mo-Fr'", "e.g. 'Mo-Fr'"), base + m.end() + 1)
    for part in (m, end):
        if part.group() in _KINDS:
            message = tr(f"{part.group()!r} 不能用在星期范围里", f"{part.group()!r} cannot be part of a day range")
            raise HoursError(message, _kind_hint(), base + part.start())
    first, last = _day(m.group(), base + m.start()), _day(end.group(), base + end.start())
    days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
    return end.end()


def _day(token: str, col: int) -> int:
    if token not in DAYS:
        raise HoursError(tr(f"没有 {token!r} 这个星期写法", f"unknown day {token!r}"), _day_hint(), col)
    return DAYS.index(token)


def _parse_times(text: str, base: int) -> Intervals:
    """Parse `off`/`closed` or comma-separated spans; `base` is the absolute column of `text`."""
    body = text.strip()
    col = base + len(text) - len(text.lstrip())
    if body in _OFF:
        return ()
    spans = []
    for chunk, start in _pieces(body, ",", col):
        if not chunk:
            hint = tr("删掉多出来的 ','", "remove the extra ','")
            raise HoursError(tr("有一段时间是空的", "empty time span"), hint, min(start, col + len(body) - 1))
        spans.append(_parse_span(chunk, start))
    return _merge(spans)


def _parse_span(chunk: str, col: int) -> Interval:
    token = chunk.split()[0]
    if token in _OFF:
        raise HoursError(
            tr(f"{token!r} 不能和时间写在一起", f"{token!r} cannot be mixed with times"),
            tr("一条规则里要么写时间，要么写 'off'", "write either times or 'off' in one rule"),
            col,
        )
    if token == "24/7":
        raise HoursError(
            tr("'24/7' 要单独写", "'24/7' must stand alone"),
            tr(
                "把 '24/7' 写成单独一条规则，或者写例如 'Sa,Su 00:00-24:00'",
                "write '24/7' as its own rule, or e.g. 'Sa,Su 00:00-24:00'",
            ),
            col,
        )
    if not token[0].isdigit():
        raise HoursError(
            tr(f"这里应该是时间，却写了 {token!r}", f"expected a time, found {token!r}"),
            tr("先写全部星期，再写时间，例如 'Mo,We 08:30-17:30'", "put all days first, e.g. 'Mo,We 08:30-17:30'"),
            col,
        )
    if token != chunk:
        extra = chunk[len(token) :].lstrip()
        message = tr(f"{token!r} 后面多了 {extra!r}", f"unexpected {extra!r} after {token!r}")
        raise HoursError(message, _span_hint(), col + len(chunk) - len(extra))
    if "-" not in token:
        raise HoursError(
            tr(f"{token!r} 没有结束时间", f"time span {token!r} has no end"),
            tr("写成 开始-结束，例如 '08:30-17:30'", "write start-end, e.g. '08:30-17:30'"),
            col,
        )
    left, _, right = token.partition("-")
    start = _parse_time(left, col, is_end=False)
    end = _parse_time(right, col + len(left) + 1, is_end=True)
    return (start, end if end > start else end + DAY)


def _parse_time(token: str, col: int, *, is_end: bool) -> int:
    m = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", token)
    if m is None:
        raise HoursError(
            tr(f"{token!r} 不是时间", f"cannot read time {token!r}"),
            tr("时间写成 时:分，小时写两位，例如 '08:30'", "write HH:MM with two-digit hours, e.g. '08:30'"),
            col,
        )
    hh, mm = m.groups()
    if len(hh) == 1:
        message = tr(f"{token!r} 的小时要写两位", f"time {token!r} needs two-digit hours")
        raise HoursError(message, tr(f"写成 0{hh}:{mm}", f"write 0{hh}:{mm}"), col)
    hour, minute = int(hh), int(mm)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise HoursError(tr(f"{token!r} 超出范围", f"time {token!r} is out of range"), _range_hint(), col)
    if hour == 24 and not is_end:
        raise HoursError(
            tr(f"{token!r} 只能作为结束时间", f"{token!r} can only end a span"),
            tr("从半夜开始写 00:00，例如 '00:00-06:00'", "start at midnight with 00:00, e.g. '00:00-06:00'"),
            col,
        )
    return hour * 60 + minute


def _merge(spans: Iterable[Interval]) -> Intervals:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


def is_open(schedule: Schedule, when: datetime, calendar: HolidayCalendar | None = None) -> bool:
    """True if open at `when` (converted to Asia/Shanghai; a naive datetime is taken as Shanghai wall time).

    Spans past midnight from the previous date's schedule count too. Resolution is one minute.
    """
    local = when.astimezone(SHANGHAI) if when.tzinfo else when
    today = local.date()
    minute = local.hour * 60 + local.minute
    if any(s <= minute < e for s, e in schedule.for_date(today, calendar)):
        return True
    yesterday = schedule.for_date(today - timedelta(days=1), calendar)
    return any(s <= minute + DAY < e for s, e in yesterday)


def _clock(minute: int) -> str:
    hours, minutes = divmod(minute - DAY if minute > DAY else minute, 60)
    return f"{'次日' if minute > DAY else ''}{hours:02d}:{minutes:02d}"


def _format_day(intervals: Intervals) -> str:
    if not intervals:
        return "休息"
    if intervals == FULL_DAY:
        return "24小时开放"
    return "、".join(f"{_clock(s)}–{_clock(e)}" for s, e in intervals)


def _day_group(first: int, last: int) -> str:
    if first == 0 and last == 6:
        return "每天"
    if first == last:
        return DAY_NAMES[first]
    joiner = "、" if last == first + 1 else "至"
    return f"{DAY_NAMES[first]}{joiner}{DAY_NAMES[last]}"


def describe_hours(schedule: Schedule) -> list[str]:
    """Simplified-Chinese display lines, consecutive days with equal hours grouped, e.g. '周一至周五 08:30–17:30'."""
    if schedule.always_open:
        return ["全天24小时开放"]
    lines = []
    first = 0
    for d in range(1, 8):
        if d == 7 or schedule.week[d] != schedule.week[first]:
            lines.append(f"{_day_group(first, d - 1)} {_format_day(schedule.week[first])}")
            first = d
    if schedule.ph is not None:
        lines.append(f"法定节假日 {_format_day(schedule.ph)}")
    if schedule.mw is not None:
        lines.append(f"调休上班日 {_format_day(schedule.mw)}")
    return lines


class CalendarWarning(UserWarning):
    """Some requested years have no official holiday data yet."""


@dataclass(frozen=True)
class HolidayCalendar:
    """Statutory holidays (every day off of a holiday period, weekends included) and make-up workdays (调休)."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    years_covered: frozenset[int] = frozenset()

    def kind(self, day: date) -> str:
        """'ph' for a statutory holiday, 'mw' for a make-up workday, '' otherwise."""
        if day in self.holidays:
            return "ph"
        return "mw" if day in self.makeup_workdays else ""

    def missing_years(self, years: Iterable[int]) -> list[int]:
        """The given years for which neither the package nor staff data supplied dates."""
        return sorted(set(years) - self.years_covered)

    def merged(self, holidays: Iterable[date] = (), makeup_workdays: Iterable[date] = ()) -> HolidayCalendar:
        """A copy with extra dates added; these win over the package, and their years count as covered."""
        extra_h, extra_mw = frozenset(holidays), frozenset(makeup_workdays)
        both = extra_h & extra_mw
        if both:
            day = min(both).isoformat()
            raise ValueError(
                tr(f"{day} 同时写成了节假日和调休上班日", f"{day} is listed both as a holiday and as a make-up workday")
            )
        return HolidayCalendar(
            (self.holidays - extra_mw) | extra_h,
            (self.makeup_workdays - extra_h) | extra_mw,
            self.years_covered | {d.year for d in extra_h | extra_mw},
        )

    def to_json(self) -> dict[str, list]:
        """`{"ph": ["2026-01-01", ...], "mw": ["2026-01-04", ...], "years": [2026]}`, ISO dates, sorted.

        `years` are the years the dates cover: in any other year the browser cannot tell a holiday from an
        ordinary day, and says so rather than guess (bee-hours.js).
        """
        pairs = (("ph", self.holidays), ("mw", self.makeup_workdays))
        out: dict[str, list] = {key: [d.isoformat() for d in sorted(days)] for key, days in pairs}
        out["years"] = sorted(self.years_covered)
        return out


def _official_year(year: int) -> tuple[set[date], set[date]] | None:
    """Holidays and make-up workdays of one year from `chinese_calendar`, or None if not yet published.

    We use chinese-calendar rather than `holidays`: it follows the State Council notice day by day (every day
    off of a holiday period, weekends included, and the 调休 working weekends as plain data) and raises for a
    year with no notice yet. `holidays.China` leaves out weekend days inside holiday periods (2026-02-21,
    2026-10-04), keeps make-up workdays only in a side attribute (`weekend_workdays`) and silently
    estimates unpublished years.
    """
    import chinese_calendar  # imported here so parsing hours works without it

    holidays: set[date] = set()
    workdays: set[date] = set()
    day = date(year, 1, 1)
    try:
        while day.year == year:
            off, name = chinese_calendar.get_holiday_detail(day)
            if name is not None:  # None means an ordinary day
                (holidays if off else workdays).add(day)
            day += timedelta(days=1)
    except NotImplementedError:  # its message: "no available data for year ..."
        return None
    return holidays, {d for d in workdays if d.weekday() >= 5}


def build_calendar(
    years: Iterable[int], *, holidays: Iterable[date] = (), makeup_workdays: Iterable[date] = ()
) -> HolidayCalendar:
    """The official calendar for `years`, merged with staff-supplied extra dates (which win).

    Never fails for an unpublished year: it stays out of `years_covered` and a CalendarWarning names it.
    """
    years = sorted(set(years))
    calendar = HolidayCalendar()
    for year in years:
        official = _official_year(year)
        if official is not None:
            calendar = calendar.merged(*official)
    calendar = calendar.merged(holidays, makeup_workdays)
    missing = calendar.missing_years(years)
    if missing:
        listed = ", ".join(map(str, missing))
        message = tr(
            f"还没有 {listed} 年的放假安排：这一年的 PH（法定节假日）、MW（调休上班日）规则暂按平日开放时间显示"
            "（公布后可在 stations.yaml 的 calendar: 下补上日期）",
            f"no holiday data for {listed}; PH/MW rules fall back to weekday hours there "
            "(add the dates under 'calendar:')",
        )
        warnings.warn(message, CalendarWarning, stacklevel=2)
    return calendar
