"""What a badge says about a station right now: 营业中 · 17:30 关门, 已休息 · 周一 08:30 开门, or 待确认.

The browser computes this (theme/assets/javascripts/bee-hours.js); this module is the reference it is
checked against in node (tests/test_hours.py), with the same rules:

- the next change is the first minute, within 8 days, at which the open state flips;
- it is written as `HH:MM` today, `明天 HH:MM` tomorrow and `周X HH:MM` later in the week (a close at
  midnight reads `24:00`);
- in a year the build had no holiday data for, a schedule with PH/MW rules cannot be known on what may
  be a holiday: when treating today as a holiday or a make-up workday would change the answer, the state
  is `unknown` (待确认), and otherwise the state is given without a time (a holiday may come before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .hours import DAY_NAMES, SHANGHAI, HolidayCalendar, Schedule, is_open

HORIZON_DAYS = 8


@dataclass(frozen=True)
class OpenState:
    """`state` is 'open', 'closed' or 'unknown'; `text` is the badge, e.g. '营业中 · 17:30 关门'."""

    state: str
    text: str


def next_change(schedule: Schedule, when: datetime, calendar: HolidayCalendar | None = None) -> datetime | None:
    """The first instant after `when`, within 8 days, at which `is_open` flips (same as BeeHours.nextChange)."""
    now = is_open(schedule, when, calendar)
    local = when.astimezone(SHANGHAI)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    candidates = []
    for d in range(-1, HORIZON_DAYS + 1):
        start = midnight + timedelta(days=d)
        for s, e in schedule.for_date(start.date(), calendar):
            candidates += [start + timedelta(minutes=s), start + timedelta(minutes=e)]
    for moment in sorted(candidates):
        if moment > when and is_open(schedule, moment, calendar) != now:
            return moment
    return None


def when_text(moment: datetime, now: datetime) -> str:
    """'17:30', '明天 08:30' or '周一 08:30' (Shanghai time); a change at midnight is '24:00' of the day before."""
    local, today = moment.astimezone(SHANGHAI), now.astimezone(SHANGHAI).date()
    day, clock = local.date(), f"{local.hour:02d}:{local.minute:02d}"
    if clock == "00:00" and day > today:
        day, clock = day - timedelta(days=1), "24:00"
    ahead = (day - today).days
    if ahead <= 0:
        return clock
    return f"{'明天' if ahead == 1 else DAY_NAMES[day.weekday()]} {clock}"


def covered(calendar: HolidayCalendar, day: date) -> bool:
    """True when the build had holiday data for the year of `day`."""
    return day.year in calendar.years_covered


def open_state(schedule: Schedule, when: datetime, calendar: HolidayCalendar) -> OpenState:
    """The badge for a station whose status is open, at `when`."""
    today = when.astimezone(SHANGHAI).date()
    special = schedule.ph is not None or schedule.mw is not None
    sure = not special or covered(calendar, today)
    state = is_open(schedule, when, calendar)
    if not sure and any(is_open(schedule, when, _assume(calendar, today, kind)) != state for kind in ("ph", "mw")):
        return OpenState("unknown", "待确认")
    name, label = ("open", "营业中") if state else ("closed", "已休息")
    change = next_change(schedule, when, calendar)
    if change is None or not sure or (special and not covered(calendar, change.astimezone(SHANGHAI).date())):
        return OpenState(name, label)
    return OpenState(name, f"{label} · {when_text(change, when)} {'关门' if state else '开门'}")


def _assume(calendar: HolidayCalendar, today: date, kind: str) -> HolidayCalendar:
    """The calendar as if today and yesterday were statutory holidays ('ph') or make-up workdays ('mw')."""
    days = {today, today - timedelta(days=1)}
    return calendar.merged(holidays=days) if kind == "ph" else calendar.merged(makeup_workdays=days)
