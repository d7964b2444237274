"""A large network's areas (片区, web/zones.py) and its map tiles (printing/maptiles.py), on made-up communities:
no list page and no page of the map grows with the number of communities, and none of them is lost."""

from __future__ import annotations

import json
import math
import random

import pytest

from generator.printing.guidemap import MAP_BOX, PIN_PX, REFERENCE_PX, Area, pin_layers
from generator.printing.maptiles import MEMBERS, ZOOMS, tile_files, tile_path
from generator.render import community_key, community_url
from generator.web.zones import FANOUT, ZONE_SIZE, Community, trail, zone_of, zone_tree


def _communities(n: int, seed: int = 3, spread: float = 0.15) -> list[Community]:
    rng = random.Random(seed)
    return [
        Community(
            f"社区{i:06d}",
            community_url(f"社区{i:06d}"),
            rng.randint(1, 80),
            0,
            120.3 + rng.random() * spread,
            31.5 + rng.random() * spread,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [ZONE_SIZE, ZONE_SIZE + 1, 2_500, 12_000])
def test_every_community_is_in_one_area_and_no_page_lists_too_many(n: int) -> None:
    items = _communities(n)
    root = zone_tree(items)
    zones = root.walk()
    assert all(len(z.children) <= FANOUT for z in zones)
    assert all(len(z.communities) <= ZONE_SIZE for z in zones if not z.children)
    assert all(len(z.children) > 1 for z in zones if z.children)  # a split always makes at least two areas
    listed = [c.name for leaf in root.leaves() for c in leaf.communities]
    assert sorted(listed) == sorted(c.name for c in items)  # each community once
    assert len({z.url for z in zones}) == len(zones)
    if n <= ZONE_SIZE:
        assert not root.children and zone_of(root) == {}  # one index page, as before areas existed
    else:
        depth = max(len(z.key.split("-")) for z in zones[1:])
        assert depth <= math.ceil(math.log(n / ZONE_SIZE, FANOUT)) + 1  # a few links from the index
        sizes = [len(leaf.communities) for leaf in root.leaves()]
        assert max(sizes) - min(sizes) <= max(sizes) // 2  # areas of about the same size
        mapping = zone_of(root)
        assert all(mapping[c.name] is leaf for leaf in root.leaves() for c in leaf.communities)
        assert len(mapping) == n


def test_areas_are_compact_blocks_in_reading_order() -> None:
    root = zone_tree(_communities(1_200))
    first, second, *_ = root.children
    # 1,200 communities in a square: the first cut is west | east or north | south; the first area is the west or
    # the north, and the two do not interleave along that axis.
    west = max(c.lng for c in first.communities) <= min(c.lng for c in second.communities)
    north = min(c.lat for c in first.communities) >= max(c.lat for c in second.communities)
    assert west or north
    assert all(z.label.startswith(f"片区 {z.key}（") and z.label.endswith("部）") for z in root.walk()[1:])
    deep = root.leaves()[-1]
    assert trail(root, deep)[-1] is deep and [z.key for z in trail(root, deep)] == [
        "-".join(deep.key.split("-")[: i + 1]) for i in range(len(deep.key.split("-")))
    ]


def test_communities_at_one_point_still_split() -> None:
    items = [Community(f"同址{i:04d}", community_url(f"同址{i:04d}"), 1, 0, 120.35, 31.55) for i in range(1_000)]
    root = zone_tree(items)
    assert len(root.leaves()) == math.ceil(1_000 / ZONE_SIZE)
    assert sorted(c.name for leaf in root.leaves() for c in leaf.communities) == sorted(c.name for c in items)


def _areas(n: int, seed: int = 5) -> list[Area]:
    rng = random.Random(seed)
    x0, y0, w, h = MAP_BOX
    return [
        Area(i, f"社区{i:05d}", community_url(f"社区{i:05d}"), rng.randint(1, 50),
             round(x0 + w * (0.08 + 0.84 * rng.random()), 1), round(y0 + h * (0.08 + 0.84 * rng.random()), 1))
        for i in range(1, n + 1)
    ]  # fmt: skip


@pytest.mark.parametrize("n", [500, 2_000])
def test_tiles_hold_every_community_once_per_level_and_stay_small(n: int) -> None:
    areas = _areas(n)
    layers = pin_layers(areas, zooms=ZOOMS)  # type: ignore[arg-type]
    # The page holds the first level: a few dozen pins at most, 44 px apart on a 300 px map, at any n.
    cells = (math.ceil(REFERENCE_PX / PIN_PX) + 1) * (math.ceil(REFERENCE_PX * MAP_BOX[3] / MAP_BOX[2] / PIN_PX) + 1)
    assert len(layers[0].pins) <= cells
    files = {f.src_uri: json.loads(f.content) for f in tile_files(layers)}
    assert not any(uri.startswith("assets/bee/map/1/") for uri in files)  # the first level is in the page
    keys = {community_key(a.name): a for a in areas}
    for layer in layers[1:]:
        zoom = layer.zoom
        tiles = [tile_path(zoom, x, y) for y in range(zoom) for x in range(zoom)]
        assert all(t in files for t in tiles)  # every tile exists, empty or not
        stations = communities = 0
        for t in tiles:
            x, y = (int(v) for v in t.rsplit("/", 1)[1].removesuffix(".json").split("-"))
            assert len(files[t]) <= cells  # one screen of pins, never more
            for row in files[t]:
                left, top = row[0], row[1]
                assert x <= left / 100 * zoom < x + 1 and y <= top / 100 * zoom < y + 1  # in its own tile
                if isinstance(row[2], str):
                    assert keys[row[3]].name == row[2] and keys[row[3]].count == row[4]
                    communities, stations = communities + 1, stations + row[4]
                else:
                    communities, stations = communities + row[2], stations + row[3]
                    if layer is layers[-1]:
                        members = row[4]
                        assert len(members) == min(row[2], MEMBERS)
                        assert all(keys[k].name == name for name, k, _ in members)
                    else:
                        assert len(row) == 4  # groups name no community before the last level
        assert communities == n and stations == sum(a.count for a in areas)
