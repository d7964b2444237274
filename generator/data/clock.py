"""Build time, pinned by SOURCE_DATE_EPOCH so that two builds of one commit are byte-identical."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def build_datetime() -> datetime:
    """Now (UTC), or the instant in SOURCE_DATE_EPOCH (reproducible-builds.org convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def shanghai_date(moment: datetime) -> date:
    """The calendar date in China at `moment` (dates in the data are Chinese dates)."""
    return moment.astimezone(SHANGHAI).date()


def source_datetime(repo: Path | None = None) -> datetime:
    """The instant print files are stamped with: SOURCE_DATE_EPOCH, else the last commit's date, else now.

    PDFs carry creation and modification dates; taking them from the source (not the wall clock)
    makes two builds of one commit byte-identical (reproducible-builds.org).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return datetime.fromtimestamp(int(out), UTC) if out.isdigit() else datetime.now(UTC).replace(microsecond=0)
