"""Edge-case fixture networks: a tiny network with a station in each status, no study library, print off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build_project, copy_project
from hsds_check import json_errors, tabular_report

from generator import build

TINY = FIXTURES / "tiny"


def test_tiny_project_loads_without_study_or_print() -> None:
    options = build.Options(TINY, theme_dir=str(ROOT / "theme"), print=build.PrintOptions(enabled=False))
    project = build.load_project(options)
    assert project.study is None and project.print_plan is None
    assert [s.status for s in project.network.stations] == ["open", "paused", "closed", "closed"]
    uris = {f.src_uri for f in build.site_files(project)}
    assert {"s/always.md", "s/paused-one.md", "s/closed-one.md", "map.md", "print.md", "report.md"} <= uris
    assert not any(u.startswith("study/") for u in uris)


@pytest.mark.build
def test_tiny_project_builds_under_a_sub_path(tmp_path: Path) -> None:
    site = build_project(copy_project(TINY, tmp_path / "tiny"), tmp_path / "site")
    pages = sorted(p.parent.name for p in (site / "s").glob("*/index.html"))
    assert pages == ["always", "closed-one", "closing-soon", "paused-one"]
    assert not (site / "print" / "posters").exists() and not (site / "study").exists()
    closed = (site / "s" / "closed-one" / "index.html").read_text(encoding="utf-8")
    assert "本驿站已关闭" in closed and 'href="../always/"' in closed  # the nearest open station
    paused = (site / "s" / "paused-one" / "index.html").read_text(encoding="utf-8")
    assert "装修中" in paused and "请前往" in paused
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://tiny.example.org/bee/">' in home
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://tiny.example.org/bee/sitemap.xml" in robots.splitlines()
    assert "<loc>https://tiny.example.org/bee/s/always/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.build
def test_tiny_open_data_is_valid_hsds(tmp_path: Path) -> None:
    """A paused and a closed station and no contact phone still make valid HSDS."""
    site = build_project(copy_project(TINY, tmp_path / "tiny"), tmp_path / "site")
    report = tabular_report(site / "data/hsds")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    doc = json.loads((site / "data/hsds/organization.json").read_text(encoding="utf-8"))
    assert not json_errors(doc, strict=True)
    assert not doc["phones"]
    places = {loc["name"]: loc for loc in doc["locations"]}
    assert "已关闭" in places["关闭驿站"]["description"] and "schedules" not in places["关闭驿站"]
    assert "请前往：全天驿站" in places["暂停驿站"]["description"]
    assert places["全天驿站"]["schedules"][0]["closes_at"] == "23:59+08:00"
