"""The print manifest: every station URL ever printed, so that no printed QR code ever breaks.

`print-manifest.json` (committed, beside mkdocs.yml) holds one entry per station id with the URL
and the date it was first issued, sorted by id. The build appends new stations and refuses to
build when an issued id has disappeared from the data: a deleted station would turn every poster
already on a wall into a dead link. Closing a station (status: closed) keeps its page instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Network
from .qr import station_payload

MANIFEST_NAME = "print-manifest.json"


class ManifestError(ValueError):
    """An issued URL would no longer resolve, or the manifest file is unreadable."""


@dataclass(frozen=True, order=True)
class Issued:
    """One printed URL."""

    id: str
    url: str
    first_issued: date


def load_manifest(path: Path) -> list[Issued]:
    """The issued URLs, or an empty list when nothing has been printed yet."""
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return sorted(Issued(e["id"], e["url"], date.fromisoformat(e["first_issued"])) for e in raw["issued"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{path.name}: cannot read it ({exc}); restore it from version control") from None


def check_manifest(issued: list[Issued], network: Network, manifest_name: str = MANIFEST_NAME) -> None:
    """Fail when a station whose URL was printed is gone from the data."""
    missing = [e for e in issued if e.id not in network.station_by_id]
    if missing:
        lines = [f"{manifest_name}: station {e.id!r} was printed as {e.url} on {e.first_issued}" for e in missing]
        raise ManifestError(
            "\n".join(lines)
            + f"\n{len(missing)} printed URL(s) would no longer resolve; nothing was built."
            + "\nhint: do not delete a station that was printed; keep it in stations.yaml with `status: closed`"
            " (and optionally `successor:`), which keeps its page and sends riders to the nearest open station."
        )


def moved_urls(issued: list[Issued], network: Network, base_url: str) -> list[str]:
    """Printed URLs that differ from what would be printed now (site_url changed): old posters need a redirect."""
    return [
        f"station {e.id!r}: posters printed since {e.first_issued} point to {e.url}, new ones to "
        f"{station_payload(base_url, network.station_by_id[e.id])}; keep the old address redirecting"
        for e in issued
        if e.id in network.station_by_id and e.url != station_payload(base_url, network.station_by_id[e.id])
    ]


def with_new_stations(issued: list[Issued], network: Network, base_url: str, today: date) -> list[Issued]:
    """The manifest plus an entry for every station not printed before, sorted by id."""
    known = {e.id for e in issued}
    new = [Issued(s.id, station_payload(base_url, s), today) for s in network.stations if s.id not in known]
    return sorted(issued + new)


def dump_manifest(issued: list[Issued]) -> str:
    """Stable text: sorted, one entry per line, so diffs show exactly which URLs were added."""
    rows = ",\n".join(
        "    " + json.dumps({"id": e.id, "url": e.url, "first_issued": e.first_issued.isoformat()}, ensure_ascii=False)
        for e in sorted(issued)
    )
    note = "Every station URL ever printed. Never remove an entry; close stations instead of deleting them."
    return f'{{\n  "note": {json.dumps(note)},\n  "issued": [\n{rows}\n  ]\n}}\n'


def issued_dates(issued: list[Issued]) -> dict[str, date]:
    """First-issued date per id (used as each poster's PDF creation date)."""
    return {e.id: e.first_issued for e in issued}
