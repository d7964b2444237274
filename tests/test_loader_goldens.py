"""Golden cases: each file in cases/loader holds an input stations.yaml and the exact errors it must produce.

test_corpus.py builds the same cases with the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import language
from corpus import cases, dump_golden, encode

from generator.data.load import load_yaml_text
from generator.data.validate import validate_document
from generator.errors import DataErrors

CASES = cases("loader")
LANGUAGES = {"errors_en": "en"}


def _errors_for(golden: dict) -> list[str]:
    """The errors of the case's stations.yaml (markers, line ends and encoding applied; see corpus.py)."""
    try:
        validate_document(load_yaml_text(encode(golden, "stations.yaml", golden["input"]), "stations.yaml"))
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_loader_case(case: Path, update_goldens: bool) -> None:
    """`errors` are the Chinese messages staff read; a case with `errors_en` also checks `--lang en`."""
    golden = yaml.safe_load(case.read_text(encoding="utf-8"))
    actual = {key: _errors_in(lang, golden) for key, lang in LANGUAGES.items() if key in golden}
    actual["errors"] = _errors_for(golden)
    if update_goldens:
        golden.update(actual)
        case.write_text(dump_golden(golden), encoding="utf-8")
        return
    assert actual == {key: golden[key] for key in actual}
    # Only the "ok-" cases are valid input; every other case names at least one located error.
    assert bool(actual["errors"]) != case.stem.startswith("ok-")


def _errors_in(lang: str, golden: dict) -> list[str]:
    with language(lang):
        return _errors_for(golden)
