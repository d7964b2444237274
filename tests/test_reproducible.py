"""Two builds of one commit are byte-identical with no environment variable set: the whole site/ tree."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, copy_project

pytestmark = pytest.mark.build

COMMITTED = "2026-11-20T10:00:00+08:00"


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(project: Path, out: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    cmd = [sys.executable, "-m", "generator", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return _tree(out)


def _commit(project: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    for cmd in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data"],
    ):
        subprocess.run(["git", *cmd], cwd=project, env=env, check=True)


def test_two_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    project = copy_project(SAMPLE, tmp_path / "p")
    _commit(project)
    first = _build(project, tmp_path / "one")
    second = _build(project, tmp_path / "two")
    assert first == second
    assert {"sitemap.xml", "sw.js", "feeds/activities.ics", "feeds/podcast.xml", "print/stations.xlsx"} <= set(first)
    assert "<lastmod>2026-11-20</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    assert "DTSTAMP:20261120T020000Z" in (tmp_path / "one" / "feeds/activities.ics").read_text(encoding="utf-8")


def test_without_git_history_the_data_files_date_the_build(tmp_path: Path) -> None:
    project = copy_project(SAMPLE, tmp_path / "p", posters=False)
    stamp = 1_790_000_000  # 2026-09-21
    for path in [project / "stations.yaml", *(project / "content").rglob("*")]:
        os.utime(path, (stamp, stamp))
    first = _build(project, tmp_path / "one")
    assert first == _build(project, tmp_path / "two")
    assert "<lastmod>2026-09-21</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
