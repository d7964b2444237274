"""The shell cache (generator/web/shell.py) gives exactly what Material renders for every page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import SAMPLE, build_project, copy_project
from test_injection import _hostile_project

pytestmark = pytest.mark.build


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _both_ways(project: Path, out: Path) -> tuple[dict[str, str], dict[str, str]]:
    cached = _tree(build_project(project, out / "cached"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - station-guide:\n", "  - station-guide:\n      shell_cache: false\n"
    )
    config.write_text(text, encoding="utf-8")
    return cached, _tree(build_project(project, out / "full"))


@pytest.mark.parametrize("data", ["sample", "hostile"])
def test_cached_shell_pages_equal_a_full_render(tmp_path: Path, data: str) -> None:
    project = (
        copy_project(SAMPLE, tmp_path / "p", posters=False) if data == "sample" else _hostile_project(tmp_path / "p")
    )
    cached, full = _both_ways(project, tmp_path)
    assert sum(k.startswith(("s/", "study/i/")) for k in cached) > 70
    assert cached == full  # every file, sw.js's version hash included
