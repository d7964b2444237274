"""Opening hours as calendar terms: the weekly pattern and the dated holiday exceptions.

Shared by HSDS `schedule` rows (RFC 5545 RRULE terms: FREQ=WEEKLY, BYDAY) and schema.org's
OpeningHoursSpecification. Times are local Beijing time (UTC+8, no daylight saving since 1991).
A span that ends at midnight closes at 23:59 (a time of day cannot be 24:00); one that runs past
midnight closes at the next day's time, earlier than it opens, which both vocabularies read as overnight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..data.hours import DAY, DAY_NAMES, HolidayCalendar, Intervals, Schedule

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC_OFFSET_HOURS = 8
UTC_OFFSET = "+08:00"


@dataclass(frozen=True)
class Weekly:
    """Open from `opens` to `closes` (HH:MM) on each of `days` (0 = Monday)."""

    days: tuple[int, ...]
    opens: str
    closes: str

    @property
    def description(self) -> str:
        """Chinese text, e.g. '周一、周二 08:30–17:30'."""
        return f"{'、'.join(DAY_NAMES[d] for d in self.days)} {self.opens}–{self.closes}"


@dataclass(frozen=True)
class Dated:
    """What applies on one statutory holiday or make-up workday: spans (opens, closes), none when closed."""

    day: date
    kind: str  # "ph" or "mw"
    spans: tuple[tuple[str, str], ...]

    @property
    def description(self) -> str:
        """Chinese text, e.g. '法定节假日 休息' or '调休上班日 08:30–17:30'."""
        label = "法定节假日" if self.kind == "ph" else "调休上班日"
        hours = "、".join(f"{o}–{c}" for o, c in self.spans) if self.spans else "休息"
        return f"{label} {hours}"


def clock(minute: int) -> str:
    """HH:MM for a minute of the day; 24:00 becomes 23:59 and a time past midnight wraps."""
    if minute == DAY:
        return "23:59"
    hours, minutes = divmod(minute % DAY, 60)
    return f"{hours:02d}:{minutes:02d}"


def _spans(intervals: Intervals) -> tuple[tuple[str, str], ...]:
    return tuple((clock(s), clock(e)) for s, e in intervals)


# Both helpers are asked once per station by HSDS and again by JSON-LD, and most stations share one of
# a few dozen schedules (`model.schedule_of`): each distinct question is answered once. Schedule and
# HolidayCalendar are frozen, so they are safe keys; callers get a fresh list every time.
def weekly(schedule: Schedule) -> list[Weekly]:
    """One entry per distinct span, listing every weekday that has it (Monday first, then by time)."""
    return list(_weekly(schedule))


@lru_cache(maxsize=4096)
def _weekly(schedule: Schedule) -> tuple[Weekly, ...]:
    days: dict[tuple[str, str], list[int]] = {}
    for d, intervals in enumerate(schedule.week):
        for span in _spans(intervals):
            days.setdefault(span, []).append(d)
    entries = [Weekly(tuple(ds), o, c) for (o, c), ds in days.items()]
    return tuple(sorted(entries, key=lambda w: (w.days[0], w.opens, w.closes)))


def exceptions(
    schedule: Schedule, calendar: HolidayCalendar, since: date | None = None, until: date | None = None
) -> list[Dated]:
    """Holidays and make-up workdays (from `since` to `until`, inclusive) whose hours differ from the weekday's."""
    return list(_exceptions(schedule, calendar, since, until))


@lru_cache(maxsize=4096)
def _exceptions(
    schedule: Schedule, calendar: HolidayCalendar, since: date | None, until: date | None
) -> tuple[Dated, ...]:
    dated = []
    for day in sorted(calendar.holidays | calendar.makeup_workdays):
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        special = schedule.for_date(day, calendar)
        if special != schedule.week[day.weekday()]:
            dated.append(Dated(day, calendar.kind(day), _spans(special)))
    return tuple(dated)
