"""Stations whose data nobody has checked on site for a while (`verified` older than `site.stale_days`).

Riders' first complaint is a station found locked during its listed hours: data that is not re-checked
drifts. `check` lists these as warnings (errors with `--strict`) with the position of the date to update.
"""

from __future__ import annotations

from datetime import date

from ..errors import DataError
from ..i18n import tr
from .load import Document
from .model import Site, Station


def stale_stations(site: Site, stations: list[tuple[int, Station]], doc: Document, today: date) -> list[DataError]:
    """One located finding per station never verified, or verified more than `site.stale_days` days before `today`."""
    found = []
    hint = tr(
        '到站核实开放时间、电话和服务后，把 verified 改成核实当天的日期，例如 "2026-11-20"',
        'check the hours, phones and services on site, then set verified to that day, e.g. "2026-11-20"',
    )
    for i, st in stations:
        label = tr(f"驿站 {st.id!r}", f"station {st.id!r}")
        if st.verified is None:
            message = tr(f"{label}：没有填写核实日期 verified", f"{label}: no verified date")
            found.append(doc.error(("stations", i, "id"), message, hint))
            continue
        age = (today - st.verified).days
        if age > site.stale_days:
            message = tr(
                f"{label}：信息 {age} 天没有核实（{st.verified.isoformat()}，超过 {site.stale_days} 天）",
                f"{label}: not verified for {age} days (since {st.verified.isoformat()}; limit {site.stale_days})",
            )
            found.append(doc.error(("stations", i, "verified"), message, hint))
    return found
