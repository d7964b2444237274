"""Activities as iCalendar (RFC 5545): one feed with every activity, and one file per activity.

Written by hand rather than with a library so that every rule the phone calendars depend on is
visible here: CRLF line ends (3.1), lines folded at 75 octets without splitting a UTF-8 character
(3.1), TEXT escaping of backslash, semicolon, comma and newline (3.3.11), a VTIMEZONE for every
TZID used (3.6.5), DTSTAMP in UTC (3.8.7.2) and a globally unique, stable UID (3.8.4.7).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from ..data.hours import SHANGHAI
from ..data.model import Network
from .model import Activity, Study

CRLF = "\r\n"
TZID = "Asia/Shanghai"
PRODID = "-//Little Bee Station guide//Study activities//ZH"
# China has used UTC+8 without daylight saving time since 1992, so one STANDARD component describes
# every date an activity can have (RFC 5545 3.6.5 needs only the observances that apply).
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash first, then ; , and newlines (CRLF or LF) as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: at most 75 octets per line, continuation lines start with one space.

    Cuts only between characters, so a Chinese character's three UTF-8 octets stay together.
    """
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def local_time(moment: datetime) -> str:
    """Wall-clock time in Asia/Shanghai, for `DTSTART;TZID=Asia/Shanghai:` (RFC 5545 3.3.5 form 3)."""
    return moment.astimezone(SHANGHAI).strftime("%Y%m%dT%H%M%S")


def uid(activity_id: str, site_url: str) -> str:
    """`<activity-id>@<site host>`: unique worldwide and the same in every build, so updates replace events."""
    return f"{activity_id}@{urlsplit(site_url).hostname}"


def event_lines(act: Activity, network: Network, site_url: str, stamp: datetime) -> list[str]:
    """The VEVENT of one activity, unfolded."""
    if act.station:
        st = network.station_by_id[act.station]
        location = f"{st.name}（{st.address}）"
    else:
        location = act.place or ""
    description = act.description
    if act.signup:
        parts = [act.signup.note, act.signup.phone and f"电话 {act.signup.phone}", act.signup.url]
        description += "\n报名：" + "；".join(p for p in parts if p)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(act.id, site_url)}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;TZID={TZID}:{local_time(act.start)}",
        f"DTEND;TZID={TZID}:{local_time(act.end)}",
        f"SUMMARY:{escape_text(act.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location)}",
        f"CATEGORIES:{escape_text(act.kind)}",
        f"URL:{site_url.rstrip('/')}/study/activities/#{act.id}",
        "END:VEVENT",
    ]


def calendar(events: Iterable[list[str]], name: str) -> str:
    """A whole VCALENDAR object: folded lines, each ending in CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",  # de-facto calendar name (Apple, Google)
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def build_calendars(network: Network, study: Study, site_url: str, stamp: datetime) -> dict[str, str]:
    """`feeds/activities.ics` with every activity plus `feeds/activities/<id>.ics` for each one."""
    name = f"{network.site.name}活动"
    acts = sorted(study.activities, key=lambda a: (a.start, a.id))
    events = {a.id: event_lines(a, network, site_url, stamp) for a in acts}
    files = {"feeds/activities.ics": calendar(events.values(), name)}
    for act_id, event in events.items():
        files[f"feeds/activities/{act_id}.ics"] = calendar([event], name)
    return files
