"""Edge-case fixture networks: a tiny network with a station in each status, no study library, print off."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build_project, copy_project

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
