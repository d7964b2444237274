"""Staff edit the live data the way they do in the guide: the data-dependent tests must still pass.

A copy of the repo's project gets a new station, a renamed one, a closed one, a new study item and a
new activity, each written as text into the YAML at the place a person would put it; then the live
invariant tests (test_live_data.py) run against that copy in a separate pytest process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

pytestmark = [pytest.mark.build, pytest.mark.live]


def _top(text: str, key: str) -> Node:
    root = yaml.compose(text)
    assert isinstance(root, MappingNode)
    return next(v for k, v in root.value if k.value == key)


def _get(node: MappingNode, key: str) -> Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _append(text: str, key: str, entry: dict) -> str:
    """Add an entry at the end of the block list under top-level `key`, indented like its siblings."""
    seq = _top(text, key)
    assert isinstance(seq, SequenceNode) and seq.value
    col = seq.value[0].start_mark.column
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    indented = "".join(" " * (col - 2) + line + "\n" for line in block.splitlines())
    lines = text.splitlines(keepends=True)
    end = seq.value[-1].end_mark.line + (1 if seq.value[-1].end_mark.column else 0)
    return "".join(lines[:end]) + indented + "".join(lines[end:])


def _replace_scalar(text: str, node: Node, value: str) -> str:
    return text[: node.start_mark.index] + f'"{value}"' + text[node.end_mark.index :]


def _station_edits(text: str, activity_stations: set[str], successors: set[str]) -> tuple[str, str, str]:
    """Rename one open station and close another; returns the text, the renamed id and the closed id."""
    stations = _top(text, "stations")
    assert isinstance(stations, SequenceNode)
    candidates = []
    for n in stations.value:
        status, ident = _get(n, "status"), _get(n, "id")  # type: ignore[arg-type]
        if (status is None or status.value == "open") and ident.value not in activity_stations | successors:  # type: ignore[union-attr]
            candidates.append(n)
    to_close, to_rename = candidates[-1], candidates[0]
    closed_id = _get(to_close, "id").value  # type: ignore[union-attr]
    renamed_id = _get(to_rename, "id").value  # type: ignore[union-attr]
    # The later station first, so the earlier one's marks stay valid.
    status = _get(to_close, "status")
    anchor = status if status is not None else _get(to_close, "id")
    assert isinstance(anchor, ScalarNode)
    line_end = text.index("\n", anchor.end_mark.index) + 1
    pad = " " * next(k for k, _ in to_close.value if k.value == "id").start_mark.column
    added = (
        f'{pad}status_since: "2026-12-01"\n'
        if status is not None
        else f'{pad}status: closed\n{pad}status_since: "2026-12-01"\n'
    )
    text = text[:line_end] + added + text[line_end:]
    if status is not None:
        text = text[: status.start_mark.index] + "closed" + text[status.end_mark.index :]
    name = _get(to_rename, "name")
    assert isinstance(name, ScalarNode)
    text = _replace_scalar(text, name, name.value + "（新址）")
    return text, renamed_id, closed_id


def edit_like_staff(project: Path) -> dict[str, str]:
    """Apply the five edits to a project copy; returns what was changed, for the failure message."""
    stations_path = project / "stations.yaml"
    library_path = project / "content" / "study" / "library.yaml"
    activities_path = project / "content" / "study" / "activities.yaml"
    data = yaml.safe_load(stations_path.read_text(encoding="utf-8"))
    acts = yaml.safe_load(activities_path.read_text(encoding="utf-8"))["activities"]
    library = yaml.safe_load(library_path.read_text(encoding="utf-8"))
    activity_stations = {a.get("station") for a in acts if a.get("station")}
    successors = {s.get("successor") for s in data["stations"] if s.get("successor")}
    text, renamed, closed = _station_edits(stations_path.read_text(encoding="utf-8"), activity_stations, successors)
    first = data["stations"][0]
    new_station = {
        "id": "staff-new-1",
        "name": "新开驿站（测试）",
        "kind": first["kind"],
        "community": first["community"],
        "address": "测试路1号",
        "postal_code": "214028",
        "location": {"lng": first["location"]["lng"], "lat": first["location"]["lat"]},
        "phones": ["0510-0000 9999"],
        "hours": "Mo-Fr 08:30-17:30; PH off",
        "services": [data["services"][0]["id"]],
    }
    stations_path.write_text(_append(text, "stations", new_station), encoding="utf-8")
    item = {
        "id": "staff-new-item",
        "title": "新增学习材料（测试）",
        "author": "街道工作人员",
        "category": library["categories"][0]["id"],
        "kind": "article",
        "summary": "工作人员新增的一篇文章。",
    }
    library_path.write_text(_append(library_path.read_text(encoding="utf-8"), "items", item), encoding="utf-8")
    open_station = next(s["id"] for s in data["stations"] if s["id"] != closed and s.get("status", "open") == "open")
    activity = {
        "id": "staff-new-activity",
        "title": "新增活动（测试）",
        "kind": "志愿",
        "start": "2027-03-05T09:00+08:00",
        "end": "2027-03-05T11:00+08:00",
        "station": open_station,
        "description": "工作人员新增的活动。",
    }
    text = _append(activities_path.read_text(encoding="utf-8"), "activities", activity)
    activities_path.write_text(text, encoding="utf-8")
    return {"renamed": renamed, "closed": closed, "activity at": open_station}


def test_staff_edits_keep_the_suite_green(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "edited")
    changed = edit_like_staff(project)
    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert check.returncode == 0, (changed, check.stderr)
    env = {**os.environ, "BEE_LIVE_PROJECT": str(project)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_live_data.py"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, (changed, result.stdout[-3000:])
