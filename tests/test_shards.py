"""Station shards for the nearest finder: every station in exactly one tile, and the browser's planner
(bee-geo.js, run in node) finds the true nearest stations while fetching only a few tiles."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path

import pytest

from generator.data.geo import distance_m
from generator.web.shards import FIELDS, SHARD_DIR, ShardStation, build_shards, records

GEO_JS = Path(__file__).resolve().parents[1] / "theme" / "assets" / "javascripts" / "bee-geo.js"
WEEKDAYS = {"w": [[[510, 1050]]] * 5 + [[], []], "ph": [], "mw": [[510, 1050]]}


def synthetic(n: int, seed: int = 1) -> list[ShardStation]:
    """n stations in a few dense clusters (like a city's districts) plus some scattered ones."""
    rng = random.Random(seed)
    centres = [(120.3 + rng.random() * 0.3, 31.4 + rng.random() * 0.3) for _ in range(5)]
    out = []
    for i in range(n):
        if i % 10 == 0:
            lng, lat = 120.2 + rng.random() * 0.5, 31.3 + rng.random() * 0.5
        else:
            cx, cy = rng.choice(centres)
            lng, lat = rng.gauss(cx, 0.02), rng.gauss(cy, 0.02)
        out.append(
            ShardStation(f"s{i}", f"驿站{i}", lng, lat, "open", WEEKDAYS, ("water",), "0510-0000 0000", "路", "社区")
        )
    return out


def _parse(shards) -> tuple[dict, dict[str, dict]]:  # type: ignore[no-untyped-def]
    index = json.loads(shards.files[shards.index_path])
    tiles = {
        path.rsplit("/", 1)[1][: -len(".json")]: json.loads(text)
        for path, text in shards.files.items()
        if path != shards.index_path
    }
    return index, tiles


def test_sample_network_fits_one_shard(network) -> None:
    shards = build_shards(records(network), [s.id for s in network.services])
    index, tiles = _parse(shards)
    assert index["tree"] == "2" and list(tiles) == ["r"]
    assert index["fields"] == list(FIELDS)  # records describe themselves
    col = {name: i for i, name in enumerate(index["fields"])}
    rows = tiles["r"]["s"]
    assert sorted(r[col["id"]] for r in rows) == sorted(s.id for s in network.stations)
    weixing = next(r for r in rows if r[col["id"]] == "weixing")
    st = network.station_by_id["weixing"]
    assert [weixing[col["lng"]], weixing[col["lat"]]] == [round(st.location.lng, 6), round(st.location.lat, 6)]
    assert tiles["r"]["h"][weixing[col["hours"]]] == st.schedule.to_json()
    assert [index["services"][i] for i in weixing[col["services"]]] == st.services
    assert index["statuses"][weixing[col["status"]]] == "open"
    assert len(tiles["r"]["h"]) < len(rows)  # shared schedules are stored once


NODE_DECODE = r"""
const geo = require(process.argv[1]);
const near = require(process.argv[1].replace("bee-geo.js", "bee-near.js"));
const req = JSON.parse(require("fs").readFileSync(0, "utf8"));
const records = [];
for (const key of Object.keys(req.tiles).sort()) {
  records.push(...geo.decodeShard(req.index, req.tiles[key], near.FIELDS));
}
process.stdout.write(JSON.stringify({ fields: near.FIELDS, records: records }));
"""


def _node(script: str, payload: dict) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    done = subprocess.run([node, "-e", script, str(GEO_JS)], input=json.dumps(payload), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.process  # runs the browser code in Node
def test_browser_decodes_records_by_name_exactly_as_python_wrote_them(network) -> None:
    """Parity: the finder (bee-near.js, decoding with bee-geo.js) reads every field Python writes, by name,
    and Python writes every field it reads."""
    mixed = [*records(network), *synthetic(500, seed=9)]
    shards = build_shards(mixed, [s.id for s in network.services] + ["water"], max_per_tile=20)
    index, tiles = _parse(shards)
    got = _node(NODE_DECODE, {"index": index, "tiles": tiles})
    assert got["fields"] == list(FIELDS)  # fails when a field is added on one side only
    expected = {
        st.id: {**asdict(st), "lng": round(st.lng, 6), "lat": round(st.lat, 6), "services": list(st.services)}
        for st in mixed
    }
    assert {r["id"]: r for r in got["records"]} == expected


def test_every_station_in_exactly_one_small_tile() -> None:
    stations = synthetic(3000)
    shards = build_shards(stations, ["water"], max_per_tile=40)
    index, tiles = _parse(shards)
    ids = [r[0] for t in tiles.values() for r in t["s"]]
    assert sorted(ids) == sorted(s.id for s in stations)
    assert all(len(t["s"]) <= 40 for t in tiles.values())
    assert index["tree"].count("2") == len(tiles) > 50
    assert all(p.startswith(SHARD_DIR + "/") for p in shards.files)
    again = build_shards(stations, ["water"], max_per_tile=40)
    assert again.files == shards.files and again.version == shards.version  # deterministic


NODE_PLAN = r"""
const fs = require("fs");
const geo = require(process.argv[1]);
const req = JSON.parse(fs.readFileSync(0, "utf8"));
const leaves = geo.leaves(req.index);
const out = req.queries.map(([lng, lat]) => {
  const fetched = {}; let found = []; let tiles = 0;
  for (;;) {
    const key = geo.nextTile(leaves, fetched, found.map(s => s[0]), lng, lat, req.k, 50);
    if (key === null) break;
    fetched[key] = true; tiles++;
    for (const r of geo.decodeShard(req.index, req.tiles[key], ["id", "lng", "lat"])) {
      found.push([geo.distance(lng, lat, r.lng, r.lat), r.id]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return { ids: found.slice(0, req.k).map(s => s[1]), tiles: tiles, leaves: leaves.map(l => l.key) };
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.process
def test_browser_planner_finds_true_nearest_with_few_tiles() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    stations = synthetic(3000, seed=3)
    shards = build_shards(stations, ["water"], max_per_tile=40)
    index, tiles = _parse(shards)
    rng = random.Random(5)
    queries = [(120.25 + rng.random() * 0.45, 31.35 + rng.random() * 0.45) for _ in range(40)]
    req = {"index": index, "tiles": tiles, "queries": queries, "k": 10}
    done = subprocess.run([node, "-e", NODE_PLAN, str(GEO_JS)], input=json.dumps(req), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for (lng, lat), got in zip(queries, json.loads(done.stdout), strict=True):
        assert sorted(got["leaves"]) == sorted(tiles)  # JS decodes the same tree
        brute = sorted((distance_m(lng, lat, s.lng, s.lat), s.id) for s in stations)[:10]
        assert got["ids"] == [i for _, i in brute]
        assert got["tiles"] <= 8  # a rider downloads a handful of tiles, not the network
