"""What the web builders need besides the data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup


@dataclass(frozen=True)
class WebOptions:
    """Templates, the build's date and per-station additions from other roles."""

    theme_dir: Path
    today: date = field(default_factory=date.today)
    nearest: int = 3
    station_extras: Mapping[str, Markup] = field(default_factory=dict)
    """Visible extra HTML per station id, on open stations' pages (e.g. upcoming activities)."""
    station_data: Mapping[str, Markup] = field(default_factory=dict)
    """Machine-readable blocks per station id (JSON-LD), on every station page whatever its status."""
    poster_paper: str | None = "A4"
    """Paper size of the station posters the build writes, or None when it writes none (no link then)."""
    images_dir: Path | None = None
    """Station photos and the report QR code as staff put them (None: the pages show no images)."""
    keep_bodies: bool = False
    """A live preview: keep station pages' bodies for the process's next build, which then re-renders only what
    an edit touched. A one-shot build keeps none (at 100,000 stations they are 2 GB)."""
