"""Golden cases for content/reports.yaml: each file in cases/reports holds an input and the errors it must produce.

test_corpus.py builds the same cases with the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import cases, check_case, encode

from generator.data.reports import REPORTS_FILE, load_reports
from generator.errors import DataErrors

CASES = cases("reports")


def _errors_for(golden: dict, folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reports.yaml"
    path.write_bytes(encode(golden, REPORTS_FILE, golden["input"]))
    try:
        load_reports(path)
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_reports_case(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    check_case(case, _errors_for, tmp_path, update_goldens)
