"""Golden cases for content/reports.yaml: each file in cases/reports holds an input and the errors it must produce.

test_corpus.py builds the same cases with the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import language
from corpus import cases, dump_golden, encode, read

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
    golden = read(case)
    actual = {"errors": _errors_for(golden, tmp_path / "zh")}
    if "errors_en" in golden:
        with language("en"):
            actual["errors_en"] = _errors_for(golden, tmp_path / "en")
    if update_goldens:
        golden.update(actual)
        case.write_text(dump_golden(golden), encoding="utf-8")
        return
    assert actual == {key: golden[key] for key in actual}
    assert bool(actual["errors"]) != case.stem.startswith("ok-")
