"""Golden cases for content/study: each file in cases/study holds library.yaml and/or activities.yaml text
(the minimal valid ones in corpus.py when absent) and the exact errors they must produce against stations.yaml.

test_corpus.py builds the same cases with the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import language
from corpus import cases, encode, files_of

from generator.errors import DataErrors
from generator.study.validate import load_study

CASES = cases("study")


def _errors_for(case: dict, folder: Path, network) -> list[str]:
    """The errors of the case's study files (the sample's network; see corpus.py for the defaults)."""
    for rel, text in files_of("study", case).items():
        if rel.startswith("content/study/"):
            path = folder / rel.removeprefix("content/study/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(encode(case, rel, text))
    try:
        load_study(folder, network)
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_study_case(case: Path, network, tmp_path: Path, update_goldens: bool) -> None:
    """`errors` are the Chinese messages staff read; a case with `errors_en` also checks `--lang en`."""
    golden = yaml.safe_load(case.read_text(encoding="utf-8"))
    actual = {"errors": _errors_for(golden, tmp_path / "zh", network)}
    if "errors_en" in golden:
        with language("en"):
            actual["errors_en"] = _errors_for(golden, tmp_path / "en", network)
    if update_goldens:
        golden.update(actual)
        case.write_text(yaml.safe_dump(golden, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        return
    assert actual == {key: golden[key] for key in actual}
    assert bool(actual["errors"]) != case.stem.startswith("ok-")
