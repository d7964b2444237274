"""The map page of a large network: an overview in the page, finer pins in JSON tiles fetched per zoom level.

The page carries the pins of the first zoom level only (at least PIN_PX apart on a map 300 px wide, so a few
dozen whatever the network's size). Each further level's pins are cut into zoom × zoom tiles, each about one
screen of the map at that level, written as `assets/bee/map/<zoom>/<x>-<y>.json`; bee-maptiles.js fetches the
tiles in view when a rider zooms or pans. Every tile exists (an empty one is `[]`), so the script never asks
for a file that is not there. A tile is a list of pins:

- `[left, top, name, key, stations]`: one community, linking to its directory page (`stations/c/<key>/`);
- `[left, top, communities, stations]`: several too close to tell apart at this level (zooming in parts them);
- on the last level, a group also lists its communities, `[[name, key, stations], ...]` (at most MEMBERS),
  which the page shows as links when the group is tapped.

`left` and `top` are percentages of the map panel, as in the page. Without JavaScript the page's list of
areas (zones.py) leads to every community through the directory.
"""

from __future__ import annotations

from typing import Any

from ..render import GeneratedFile, community_key, to_json
from .guidemap import Area, Layer, Pin

TILE_DIR = "assets/bee/map"
ZOOMS = (1, 2, 4, 8, 16, 32)
"""A large network's zoom levels: at 32 the map is 9,600 px wide on a phone, 44 px pins about 80 m apart in a
city's district."""
MEMBERS = 40
"""At most this many communities named by a group on the last level (the directory lists the rest)."""


def tile_files(layers: list[Layer]) -> list[GeneratedFile]:
    """Every tile of every level after the first (which is in the page)."""
    files = []
    for layer in layers[1:]:
        last = layer is layers[-1]
        tiles: dict[tuple[int, int], list[list[Any]]] = {
            (x, y): [] for y in range(layer.zoom) for x in range(layer.zoom)
        }
        for pin in layer.pins:
            tiles[_tile(pin.left, layer.zoom), _tile(pin.top, layer.zoom)].append(_row(pin, last))
        files += [GeneratedFile(tile_path(layer.zoom, x, y), to_json(rows)) for (x, y), rows in tiles.items()]
    return files


def tile_path(zoom: int, x: int, y: int) -> str:
    """The site-relative path of one tile."""
    return f"{TILE_DIR}/{zoom}/{x}-{y}.json"


def _tile(percent: float, zoom: int) -> int:
    return min(zoom - 1, max(0, int(percent / 100 * zoom)))


def _row(pin: Pin, last: bool) -> list[Any]:
    areas: tuple[Area, ...] = pin.markers  # type: ignore[assignment]
    if len(areas) == 1:
        a = areas[0]
        return [pin.left, pin.top, a.name, community_key(a.name), a.count]
    row: list[Any] = [pin.left, pin.top, len(areas), sum(a.count for a in areas)]
    if last:
        row.append([[a.name, community_key(a.name), a.count] for a in areas[:MEMBERS]])
    return row
