"""`python -m generator check` validates content/study too; its JSON Schemas are committed and current."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process  # the real command line in a subprocess: `make test`, not test-fast


def _run(root: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_check_covers_the_study_files(root: Path, sample: Path) -> None:
    result = _run(root, "check", cwd=sample)
    assert result.returncode == 0, result.stderr
    assert "content/study：检查通过，10 个分类共 40 个条目，3 个学习菜单，8 项活动" in result.stdout


@pytest.fixture()
def bad_study(sample: Path, tmp_path: Path) -> Path:
    """A copy of stations.yaml and content/study with a naive time and an unknown shelf station."""
    shutil.copy(sample / "stations.yaml", tmp_path / "stations.yaml")
    shutil.copytree(sample / "content" / "images", tmp_path / "content" / "images")  # photos named by the data
    shutil.copytree(sample / "content" / "study", tmp_path / "content" / "study")
    acts = tmp_path / "content/study/activities.yaml"
    acts.write_text(acts.read_text(encoding="utf-8").replace('"2026-12-12T09:00+08:00"', '"2026-12-12 09:00"'))
    lib = tmp_path / "content/study/library.yaml"
    lib.write_text(lib.read_text(encoding="utf-8").replace("shelves: [gongboyuan]", "shelves: [gongbo]"))
    return tmp_path


def test_check_reports_study_errors_located(root: Path, bad_study: Path) -> None:
    result = _run(root, "check", cwd=bad_study)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "共 2 处错误，什么都没有生成。"
    assert lines[0].startswith("content/study/activities.yaml:") and "没有写时区" in lines[0]
    assert lines[1].startswith("content/study/library.yaml:") and "是不是想写 'gongboyuan'？" in lines[1]
    assert "Traceback" not in result.stderr


def test_check_needs_site_url_for_the_feeds(root: Path, sample: Path, bad_study: Path) -> None:
    shutil.copytree(sample / "content" / "study", bad_study / "content" / "study", dirs_exist_ok=True)
    stations = bad_study / "stations.yaml"
    stations.write_text(stations.read_text(encoding="utf-8").replace("  site_url: https://bee.example.org/\n", ""))
    result = _run(root, "check", cwd=bad_study)
    assert result.returncode == 1
    assert "缺少必填字段 site_url（网址）" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["library", "activities"])
def test_study_files_point_editors_at_their_schema(root: Path, sample: Path, name: str) -> None:
    first = (sample / f"content/study/{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schema/study-{name}.schema.json"
    schema = json.loads((root / f"schema/study-{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False


def test_committed_study_schemas_are_current(root: Path, tmp_path: Path) -> None:
    # `schema --check` compares all three committed schemas; make one stale in a copy to see it fail.
    shutil.copytree(root / "schema", tmp_path / "schema")
    assert _run(root, "schema", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "schema/study-library.schema.json").write_text("{}\n")
    result = _run(root, "schema", "--check", cwd=tmp_path)
    assert result.returncode == 1 and "study-library.schema.json 已过期" in result.stderr
