"""The build's clock: one instant per build, taken from the source, so builds are reproducible by default.

Two builds of the same commit must be byte-identical (reproducible-builds.org) without anyone setting
an environment variable, so "now" is never the wall clock: it is SOURCE_DATE_EPOCH when set, else the
date of the last commit, else the newest modification time of the data files (an unpacked copy
without git history), and only as a last resort the wall clock.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")  # China has had no DST since 1991


def project_datetime(root: Path, data_files: Iterable[Path] = ()) -> datetime:
    """The instant this build is of: stamps in PDFs, feeds and calendars, and the build's "today"."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    commit = _last_commit(root)
    if commit is not None:
        return commit
    times = [p.stat().st_mtime for p in data_files if p.is_file()]
    if times:
        return datetime.fromtimestamp(int(max(times)), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def shanghai_date(moment: datetime) -> date:
    """The calendar date in China at `moment` (dates in the data are Chinese dates)."""
    return moment.astimezone(SHANGHAI).date()


def _last_commit(root: Path) -> datetime | None:
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return datetime.fromtimestamp(int(out), UTC) if out.isdigit() else None
