"""Synthetic networks for benchmarks: N plausible stations written as a stations.yaml the real loader reads.

Two layouts:
- `uniform` (the default): stations spread uniformly over the sample's own region (about 15 × 17 km),
  so density grows with N, as when a city fills in its map: the hard case for anything spatial.
- `constant`: the area grows with N, keeping the density of the sample (a network growing district
  by district).
Names, communities, hours, services and statuses vary, so search, page text and the finder's data look
like a real network's: road and community names are real Chinese place names from jieba's dictionary
(its words tagged `ns`), about 1,600 distinct characters, not a handful of repeated syllables.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import yaml

HOURS = [
    "Mo-Fr 08:30-17:30; MW 08:30-17:30; PH off",
    "Mo-Fr 08:30-17:30; Sa 09:00-12:00; PH off",
    "Mo-Su 08:00-21:00",
    "24/7",
    "Mo-Fr 08:30-12:00,13:30-17:30; PH off",
    "Mo-Sa 07:00-22:00; Su 09:00-18:00",
    "Mo-Su 18:00-02:00",
]
KINDS = ["社区党群服务中心"] * 8 + ["工作站", "合作营业厅", "商圈党群服务中心"]
SUFFIX = ["路", "大道", "街", "巷"]
PLACES = ["社区", "新村社区", "花园社区", "家园社区", "村"]
MODES = ("uniform", "constant")


def synth_stations(sample: Path, n: int, seed: int = 1, mode: str = "uniform", per_community: int = 40) -> dict:
    """A stations.yaml document: the sample's site, services and stations, grown to `n` stations.

    The sample's own stations stay (the study library's shelves and activities refer to them);
    the rest are generated, `per_community` to a community.
    """
    base = yaml.safe_load(sample.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    region = base["site"]["region"] if mode == "uniform" else _growing_region(base["site"]["region"], n)
    service_ids = [s["id"] for s in base["services"]]
    stations = list(base["stations"][:n])
    open_ids = [s["id"] for s in stations if s.get("status", "open") == "open"]
    for i in range(n - len(stations)):
        st = _station(rng, i, region, service_ids, open_ids, per_community)
        stations.append(st)
        if st["status"] == "open":
            open_ids.append(st["id"])
    site = dict(base["site"], region=region)
    return {"site": site, "services": base["services"], "stations": stations}


@cache
def place_words() -> tuple[str, ...]:
    """Two- and three-character place names (jieba's dictionary, tag `ns`), sorted for stable choices."""
    import jieba

    dictionary = Path(jieba.__file__).with_name("dict.txt")
    words = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "ns" and 2 <= len(parts[0]) <= 3:
            words.append(parts[0])
    return tuple(sorted(words))


def _growing_region(sample: dict, n: int) -> dict:
    # Keep density roughly constant: the area grows with n from the sample's region (which holds the sample's
    # own stations), eastwards and northwards, like a network growing district by district.
    side = 0.012 * n**0.5
    return {
        "west": sample["west"],
        "east": max(sample["east"], sample["west"] + side),
        "south": sample["south"],
        "north": max(sample["north"], sample["south"] + side),
    }


def _station(
    rng: random.Random, i: int, region: dict, service_ids: list[str], open_ids: list[str], per_community: int
) -> dict:
    words = place_words()
    road = rng.choice(words) + rng.choice(SUFFIX)
    group = i // per_community
    community = words[(group * 7919) % len(words)] + PLACES[group % len(PLACES)]
    kind = rng.choice(KINDS)
    st = {
        "id": f"st-{i:06d}",
        "name": f"{community}{'党群服务中心' if kind == '社区党群服务中心' else kind}{i % 9 + 1}号驿站",
        "kind": kind,
        "community": community,
        "demo": i % 50 == 0,
        "address": f"无锡市新吴区{road}{rng.randint(1, 999)}号",
        "postal_code": "214028",
        "location": {
            "lng": round(rng.uniform(region["west"], region["east"]), 6),
            "lat": round(rng.uniform(region["south"], region["north"]), 6),
        },
        "phones": [f"0510-0000 {i % 10000:04d}"],
        "hours": rng.choice(HOURS),
        "services": sorted(rng.sample(service_ids, rng.randint(3, len(service_ids))), key=service_ids.index),
        "status": "open",
    }
    roll = rng.random()
    if roll < 0.02:
        st |= {"status": "paused", "status_since": "2026-10-01", "status_note": "装修中"}
    elif roll < 0.03:
        st |= {"status": "closed", "status_since": "2026-09-01"}
        if open_ids and rng.random() < 0.5:
            st["successor"] = rng.choice(open_ids[-50:])
    return st


def write_stations(path: Path, data: dict) -> None:
    """Write with every scalar quoted where YAML 1.1 would retype it (the loader keeps text as typed)."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
