"""Edge-case fixture networks: a tiny network with a station in each status, no study library, print off."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build_project, copy_project
from hsds_check import json_errors, tabular_report

from generator import build
from generator.opendata.site import DOWNLOADS
from generator.writer import SiteWriter, WriteConflict

TINY = FIXTURES / "tiny"


def test_tiny_project_loads_without_study_or_print(tmp_path: Path) -> None:
    options = build.Options(TINY, theme_dir=str(ROOT / "theme"), print=build.PrintOptions(enabled=False))
    project = build.load_project(options)
    assert project.study is None and project.print_plan is None
    assert [s.status for s in project.network.stations] == ["open", "paused", "closed", "closed"]
    writer = SiteWriter(tmp_path)
    uris = {f.src_uri for f in build.site_files(project, writer)}
    assert {"s/always.md", "s/paused-one.md", "s/closed-one.md", "map.md", "print.md", "report.md"} <= uris
    assert not any(u.startswith("study/") for u in uris)
    # The data files are written at once, through the writer, rather than handed to the engine.
    data = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert data == {f"data/{name}" for name in DOWNLOADS} == {p for p, o in writer.owners.items() if o == "open data"}
    assert "data.md" in uris and not any(u.startswith("data/") for u in uris)


def test_a_clash_with_a_data_file_stops_before_any_data_file_is_written(tmp_path: Path) -> None:
    options = build.Options(TINY, theme_dir=str(ROOT / "theme"), print=build.PrintOptions(enabled=False))
    project = build.load_project(options)
    writer = SiteWriter(tmp_path)
    writer.claim("data/hsds/schedules.csv", "content/data/hsds/schedules.csv")  # an authored file, claimed first
    with pytest.raises(WriteConflict, match=re.escape("site/data/hsds/schedules.csv")):
        build.site_files(project, writer)
    assert not list(tmp_path.iterdir())


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
