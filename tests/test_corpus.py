"""The bad-input corpus through the real command line: every golden case in tests/cases/ is written over the tiny
project (print off) and built with `python -m generator build`, one process per case, two at a time.

A bad case must exit 1, print no traceback, start its report with the case's first golden error (the same text the
in-process golden tests check; for study cases, which those check against the sample's network, the same place),
and leave the previous site/ byte for byte as it was, with no staging folder behind. A valid case (`ok-…`) must
build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT
from corpus import all_cases, read, write_project

pytestmark = pytest.mark.build

CASES = all_cases()
OLD_SITE = {"index.html": b"<p>the site as it was</p>\n", "s/always/index.html": b"<p>a station</p>\n"}
_LOCATED = re.compile(r"^(?P<file>[^\s:]+)(?::(?P<line>\d+):(?P<col>\d+))?: \S")


@dataclass(frozen=True)
class Outcome:
    """What one build left: exit code, output, the site folder's files and the project folder's entries."""

    code: int
    stderr: str
    stdout: str
    site: dict[str, bytes]
    entries: list[str]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(case: Path, folder: Path) -> Outcome:
    project = write_project(case.parent.name, read(case), folder / "project")
    (project / "theme").symlink_to(ROOT / "theme")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (project / ".cache").symlink_to(ROOT / ".cache")
    for rel, data in OLD_SITE.items():
        (project / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / rel).write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("BEE_LANG", None)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project, env=env, capture_output=True, text=True
    )
    return Outcome(
        result.returncode,
        result.stderr,
        result.stdout,
        _snapshot(project / "site"),
        sorted(p.name for p in project.iterdir()),
    )


@pytest.fixture(scope="session")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Outcome]:
    """Every selected case built once, two processes at a time (the machine has two cores)."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_case_builds_or_fails_cleanly"
    ]
    root = tmp_path_factory.mktemp("corpus")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {case: pool.submit(_build, case, root / f"{case.parent.name}-{case.stem}") for case in selected}
        return {case: future.result() for case, future in futures.items()}


def test_the_corpus_covers_every_kind_of_input() -> None:
    bad = [c for c in CASES if not c.stem.startswith("ok-")]
    kinds = {c.parent.name for c in CASES}
    assert len(bad) >= 60 and len(CASES) - len(bad) >= 15 and kinds == {"loader", "study", "reports", "project"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_case_builds_or_fails_cleanly(case: Path, outcomes: dict[Path, Outcome]) -> None:
    out = outcomes[case]
    golden = read(case)
    assert "Traceback" not in out.stderr + out.stdout
    assert not [name for name in out.entries if name.startswith(".site-") or name == "site.old"], out.entries
    if case.stem.startswith("ok-"):
        assert out.code == 0, out.stderr
        assert out.site.keys() > {"index.html", "sitemap.xml"} and out.site["index.html"] != OLD_SITE["index.html"]
        return
    assert out.code == 1, out.stderr
    assert out.site == OLD_SITE
    first = out.stderr.splitlines()[0].removeprefix("ERROR - ")
    expected = golden["errors"][0]
    if case.parent.name == "study":  # the in-process goldens check these against the sample's network
        assert _where(first) == _where(expected)
    else:
        assert first == expected


def _where(line: str) -> tuple[str, ...]:
    m = _LOCATED.match(line)
    assert m, f"not located: {line!r}"
    return m.group("file"), m.group("line") or "", m.group("col") or ""
