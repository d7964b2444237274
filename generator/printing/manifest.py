"""The print manifest: every station URL ever printed, so that no printed QR code ever breaks.

`print-manifest.json` (committed, beside mkdocs.yml) holds one entry per station id with the URL
and the date it was first issued, sorted by id. The build appends new stations and refuses to
build when an issued id has disappeared from the data: a deleted station would turn every poster
already on a wall into a dead link. Closing a station (status: closed) keeps its page instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..data.model import Network
from ..errors import BuildError, DataError
from .qr import station_payload

MANIFEST_NAME = "print-manifest.json"


class ManifestError(BuildError):
    """An issued URL would no longer resolve, or the manifest file is unreadable."""


@dataclass(frozen=True, order=True)
class Issued:
    """One printed URL; `line` is where its entry is in the manifest file (0 for a new one)."""

    id: str
    url: str
    first_issued: date
    line: int = field(default=0, compare=False)


def load_manifest(path: Path, display_name: str = MANIFEST_NAME) -> list[Issued]:
    """The issued URLs, or an empty list when nothing has been printed yet."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
        lines = _id_lines(text)
        return sorted(
            Issued(e["id"], e["url"], date.fromisoformat(e["first_issued"]), lines.get(e["id"], 0))
            for e in raw["issued"]
        )
    except json.JSONDecodeError as exc:
        where = DataError(display_name, exc.lineno, exc.colno, f"cannot read it: {exc.msg}", _RESTORE)
        raise ManifestError([where]) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError([DataError(display_name, 0, 0, f"cannot read it: {exc!r}", _RESTORE)]) from None


_RESTORE = "restore it from version control (git checkout print-manifest.json)"


def _id_lines(text: str) -> dict[str, int]:
    """Line of each entry's id (dump_manifest writes one entry per line)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if '"id": ' in line:
            try:
                found.setdefault(json.loads(line.strip().rstrip(","))["id"], number)
            except (ValueError, KeyError, TypeError):
                continue
    return found


def check_manifest(issued: list[Issued], network: Network, manifest_name: str = MANIFEST_NAME) -> None:
    """Fail, located at each manifest entry, when a station whose URL was printed is gone from the data."""
    missing = [e for e in issued if e.id not in network.station_by_id]
    hint = (
        "do not delete a station that was printed: put it back in stations.yaml with `status: closed`"
        " (and optionally `successor:`), which keeps its page and sends riders to the nearest open station"
    )
    errors = [
        DataError(
            manifest_name,
            e.line,
            1 if e.line else 0,
            f"station {e.id!r} was printed as {e.url} on {e.first_issued} but is no longer in stations.yaml",
            hint,
        )
        for e in missing
    ]
    if errors:
        raise ManifestError(errors)


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
