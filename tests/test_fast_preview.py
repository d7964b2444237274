"""The live preview (`make serve`, i.e. `mkdocs serve --dirty`) rebuilds only what an edit touched, and what it
then serves is exactly what a clean build of the edited data contains."""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import EPOCH, SAMPLE, build_project, copy_project
from test_preview import _get, mkdocs_serve

from generator.render import generated_page
from generator.sources import SourceCache

pytestmark = pytest.mark.build

_LIVERELOAD = re.compile(r"<script>\s*var livereload\s*=.*?</script>\s*", re.S)


def test_a_source_is_rewritten_only_when_its_page_changes(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path)
    page = generated_page("s/weixing.md", "卫星", "", "<p>一</p>", hide_nav=True)
    first = cache.path_for(page)
    stamp = first.stat().st_mtime_ns
    time.sleep(0.01)
    assert cache.path_for(page).stat().st_mtime_ns == stamp  # same content: untouched, so not rebuilt
    changed = generated_page("s/weixing.md", "卫星", "", "<p>二</p>", hide_nav=True)  # same front matter
    assert cache.path_for(changed).stat().st_mtime_ns != stamp


def _served(base: str, rel: str) -> bytes:
    with urllib.request.urlopen(base + rel, timeout=30) as response:
        data = response.read()
    if rel == "" or rel.endswith((".html", "/")):
        data = _LIVERELOAD.sub("", data.decode("utf-8")).encode("utf-8")  # the preview's reload script
    return data


XUKANG = "name: 叙康社区党群服务中心\n"
EDITS = [
    (
        "s/weixing/",
        "卫星社区党群服务中心（新）",
        [
            ("name: 卫星社区党群服务中心", "name: 卫星社区党群服务中心（新）"),
            ('hours: "Mo-Fr 08:30-17:30; MW 08:30-17:30; PH off"', 'hours: "Mo-Sa 08:00-18:00; PH off"'),
        ],
    ),
    # The successor of a paused station, whose open data names it.
    ("s/xukang/", "叙康社区党群服务中心（新）", [(XUKANG, XUKANG.replace("中心", "中心（新）"))]),
]
"""Two saves in a row, each with the page that shows it: the second preview reuses what the first one kept
(station pages, open-data shares, CSP hashes, compiled templates)."""


def _edit(project: Path, replacements: list[tuple[str, str]]) -> None:
    path = project / "stations.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _differences(base: str, project: Path, clean_dir: Path) -> list[str]:
    """The files of a clean build of the project's data that the preview serves differently."""
    clean = build_project(project, clean_dir)
    files = sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file())
    assert len(files) > 200
    differ = []
    for rel in files:
        if rel == "sw.js":  # the preview's worker unregisters itself (see preview.py)
            continue
        url = rel.removesuffix("index.html") if rel.endswith("index.html") else rel
        if _served(base, url) != (clean / rel).read_bytes():
            differ.append(rel)
    return differ


def test_preview_after_an_edit_equals_a_clean_build(tmp_path: Path) -> None:
    project = copy_project(SAMPLE, tmp_path / "p", posters=False)
    with mkdocs_serve(project, tmp_path / "serve.log", epoch=EPOCH) as base:
        # The clean build to compare with: the same edited data, and no print files (a preview makes none).
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("      print:\n", "      print:\n        enabled: false\n", 1), encoding="utf-8")
        for n, (page, shown, replacements) in enumerate(EDITS):
            _edit(project, replacements)
            deadline = time.monotonic() + 120
            while shown not in _get(base + page)[1]:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
                time.sleep(0.5)
            time.sleep(1)  # the rebuild writes the page before the files after it (search index, sitemap)
            differ = _differences(base, project, tmp_path / f"clean{n}")
            assert not differ, (n, differ[:20])
