"""Synthetic networks for benchmarks: N plausible stations written as a stations.yaml the real loader reads."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

HOURS = [
    "Mo-Fr 08:30-17:30; MW 08:30-17:30; PH off",
    "Mo-Fr 08:30-17:30; Sa 09:00-12:00; PH off",
    "Mo-Su 08:00-21:00",
    "24/7",
]
KINDS = ["社区党群服务中心"] * 8 + ["工作站", "合作营业厅", "商圈党群服务中心"]
REGION = {"west": 119.0, "east": 122.0, "south": 30.0, "north": 33.0}


def synth_stations(sample: Path, n: int, seed: int = 1) -> dict:
    """A stations.yaml document: the sample's site, services and stations, grown to `n` stations.

    The sample's own stations stay (the study library's shelves and activities refer to them);
    the rest are generated.
    """
    base = yaml.safe_load(sample.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    service_ids = [s["id"] for s in base["services"]]
    # Keep density roughly constant: the area grows with n, like a network growing district by district.
    side = max(0.08, 0.012 * n**0.5)
    stations = list(base["stations"][:n])
    for i in range(n - len(stations)):
        community = f"第{i // 8 + 1}社区"
        stations.append(
            {
                "id": f"st-{i:06d}",
                "name": f"{community}党群服务中心{i % 8 + 1}号驿站",
                "kind": rng.choice(KINDS),
                "community": community,
                "demo": i % 50 == 0,
                "address": f"无锡市新吴区示例路{i + 1}号",
                "location": {"lng": round(120.3 + rng.random() * side, 6), "lat": round(31.4 + rng.random() * side, 6)},
                "phones": [f"0510-0000 {i % 10000:04d}"],
                "hours": rng.choice(HOURS),
                "services": sorted(rng.sample(service_ids, rng.randint(3, len(service_ids))), key=service_ids.index),
                "status": "open",
            }
        )
    site = dict(base["site"], region=REGION)
    return {"site": site, "services": base["services"], "stations": stations}


def write_stations(path: Path, data: dict) -> None:
    """Write with every scalar quoted where YAML 1.1 would retype it (the loader keeps text as typed)."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
