"""The station list the not-found page reads to suggest a station for a mistyped `s/<id>/` address.

Self-describing records (`fields` names the columns), read by name in bee-404.js; ids and names only,
about 30 bytes a station, fetched only by a 404 page under s/.
"""

from __future__ import annotations

import json

from ..data.model import Network
from ..render import GeneratedFile

IDS_JSON = "assets/bee/ids.json"
FIELDS = ("id", "name")


def station_ids(network: Network) -> GeneratedFile:
    """`assets/bee/ids.json`: every station's id and name, closed ones too (their pages still exist)."""
    rows = [[s.id, s.name] for s in sorted(network.stations, key=lambda s: s.id)]
    text = json.dumps({"fields": FIELDS, "stations": rows}, ensure_ascii=False, separators=(",", ":"))
    return GeneratedFile(IDS_JSON, text + "\n", origin="web: station ids for the not-found page")
