"""Build time, pinned by SOURCE_DATE_EPOCH so that two builds of one commit are byte-identical."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_datetime() -> datetime:
    """Now (UTC), or the instant in SOURCE_DATE_EPOCH (reproducible-builds.org convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def build_date() -> date:
    """The build's date: decides which years of the holiday calendar are prepared."""
    return build_datetime().date()
