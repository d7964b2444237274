"""Golden cases that need a whole project: each file in cases/project lists files written over tests/fixtures/tiny
(also links, sparse files and print options; see corpus.py) and the exact errors `load_project` must report: the
printed-URL manifest, paths that leave their folder, the roads file, encodings and sizes of any data file.

test_corpus.py builds the same cases with the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import cases, check_case, plugin_options, print_options, write_project

from generator import build
from generator.errors import BuildError

CASES = cases("project")


def _errors_for(golden: dict, dest: Path) -> list[str]:
    root = write_project("project", golden, dest)
    options = build.Options(root, print=build.PrintOptions(**print_options(root)), **plugin_options(root))
    try:
        build.load_project(options, printing=False)
    except BuildError as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_project_case(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    check_case(case, _errors_for, tmp_path, update_goldens)
