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
    """Extra HTML per station id, added to its page (e.g. upcoming activities from the study role)."""
    poster_paper: str | None = "A4"
    """Paper size of the station posters the build writes, or None when it writes none (no link then)."""
    images_dir: Path | None = None
    """Station photos and the report QR code as staff put them (None: the pages show no images)."""
    cache_dir: Path | None = None
    """Where encoded photos are kept between builds (.cache/ beside mkdocs.yml)."""
