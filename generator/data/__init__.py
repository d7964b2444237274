"""The data role: strict YAML with positions (`load`) → pydantic models (`model`) → cross-checks (`validate`).

Also the facts the data is made of: opening hours and the holiday calendar (`hours`), coordinates and
distances (`geo`), and the build's clock (`clock`). Nothing here renders or writes anything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import limits
from .load import collector_paused, load_yaml
from .media import IMAGES_DIR
from .model import Network
from .validate import validate_document


def load_network(
    path: Path,
    display_name: str | None = None,
    *,
    images_dir: Path | None = None,
    today: date | None = None,
    max_bytes: int = limits.STATIONS_FILE,
) -> Network:
    """Read and validate stations.yaml; raise DataErrors with every problem found.

    Images the data names are looked up in `images_dir` (default: content/images/ beside the file);
    `today` dates the stale-verification findings (`Network.stale`); a file over `max_bytes` is refused
    unread (the plugin option `max_stations_mb`).
    """
    images = images_dir if images_dir is not None else path.parent / IMAGES_DIR
    with collector_paused():  # a large network is millions of objects: see collector_paused
        doc = load_yaml(path, display_name, max_bytes=max_bytes, size_hint=limits.raise_stations_limit_hint())
        network = validate_document(doc, images_dir=images, today=today)
        del doc  # freed while paused, so the collector never walks its nodes once more
    return network
