"""A large network's areas (片区, web/zones.py), on made-up communities: no list page grows with the number of
communities, and none of them is lost."""

from __future__ import annotations

import math
import random

import pytest

from generator.render import community_url
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
