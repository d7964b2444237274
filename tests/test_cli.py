"""The command line as staff use it: check, build (atomic) and the committed JSON Schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, copy_project

pytestmark = pytest.mark.process  # the real command line in a subprocess: `make test`, not test-fast


def _run(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd or root, env=env, capture_output=True, text=True
    )


def test_check_passes_on_the_sample(root: Path, sample: Path) -> None:
    result = _run(root, "check", cwd=sample)
    assert result.returncode == 0, result.stderr
    assert "stations.yaml：检查通过，33 个驿站" in result.stdout


@pytest.fixture()
def bad_project(tmp_path: Path) -> Path:
    """A copy of the sample project with two mistakes in stations.yaml."""
    copy_project(SAMPLE, tmp_path)
    text = (tmp_path / "stations.yaml").read_text(encoding="utf-8")
    text = text.replace("demo: true", "demo: yes", 1).replace('"0510-0000 0101"', "0510", 1)
    (tmp_path / "stations.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_check_reports_every_error_located(root: Path, bad_project: Path) -> None:
    result = _run(root, "check", "stations.yaml", cwd=bad_project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert len(lines) == 3 and lines[-1] == "共 2 处错误，什么都没有生成。"
    for line in lines[:2]:
        assert line.startswith("stations.yaml:") and "（提示：" in line
        _file, line_no, col, _ = line.split(":", 3)
        assert line_no.isdigit() and col.isdigit()


@pytest.mark.build
def test_failed_build_leaves_the_previous_site_untouched(root: Path, bad_project: Path) -> None:
    site = bad_project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    result = _run(root, "build", cwd=bad_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "stations.yaml:" in result.stderr and "（提示：" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert not list(bad_project.glob(".site-*"))


def test_committed_schema_is_current(root: Path) -> None:
    result = _run(root, "schema", "--check")
    assert result.returncode == 0, result.stderr


def test_stations_yaml_points_editors_at_the_schema(root: Path, sample: Path) -> None:
    first = (sample / "stations.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/stations.schema.json"
    assert (root / "schema/stations.schema.json").exists()


def test_every_plugin_option_is_documented_in_the_readme(root: Path) -> None:
    """Each option of the plugin's typed config (and of its print: sub-config) appears in the README's table."""
    from generator.plugin_config import DeployConfig, PrintConfig, StationGuideConfig

    readme = (root / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Plugin options", 1)[1].split("\n\n", 2)[1]
    documented = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    subs = {"print": PrintConfig, "deploy": DeployConfig}
    options = {name for name, _ in StationGuideConfig._schema if name not in subs}
    options |= {f"{key}: {name}" for key, sub in subs.items() for name, _ in sub._schema}
    assert options == documented


def test_outside_the_venv_says_what_to_run(root: Path, tmp_path: Path) -> None:
    """Staff who run `python3 -m generator check` with the system Python get one line, not a traceback.

    `-S` skips site-packages (the venv's and the system's), so none of the pinned packages can be imported:
    exactly a Python without the project's dependencies.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BEE_LANG")}
    result = subprocess.run(
        [sys.executable, "-S", "-m", "generator", "check", str(SAMPLE / "stations.yaml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("缺少 Python 软件包 ") and "make check" in lines[0] and "make site" in lines[0]
