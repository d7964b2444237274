"""Golden cases: each file in cases/loader holds an input stations.yaml and the exact errors it must produce."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import language

from generator.data.load import load_yaml_text
from generator.data.validate import validate_document
from generator.errors import DataErrors

CASES = sorted((Path(__file__).parent / "cases" / "loader").glob("*.yaml"))
MARKERS = {"<TAB>": "\t", "<BOM>": "\ufeff"}
LANGUAGES = {"errors_en": "en"}


def _errors_for(text: str) -> list[str]:
    for marker, char in MARKERS.items():
        text = text.replace(marker, char)
    try:
        validate_document(load_yaml_text(text, "stations.yaml"))
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


class _GoldenDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks so golden inputs stay readable YAML."""


_GoldenDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def dump_golden(golden: dict) -> str:
    """The golden file's text: description, input as a literal block, expected errors."""
    return yaml.dump(golden, Dumper=_GoldenDumper, allow_unicode=True, sort_keys=False, width=1000)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_loader_case(case: Path, update_goldens: bool) -> None:
    """`errors` are the Chinese messages staff read; a case with `errors_en` also checks `--lang en`."""
    golden = yaml.safe_load(case.read_text(encoding="utf-8"))
    actual = {key: _errors_in(lang, golden["input"]) for key, lang in LANGUAGES.items() if key in golden}
    actual["errors"] = _errors_for(golden["input"])
    if update_goldens:
        golden.update(actual)
        case.write_text(dump_golden(golden), encoding="utf-8")
        return
    assert actual == {key: golden[key] for key in actual}
    # Only the "ok-" cases are valid input; every other case names at least one located error.
    assert bool(actual["errors"]) != case.stem.startswith("ok-")


def _errors_in(lang: str, text: str) -> list[str]:
    with language(lang):
        return _errors_for(text)
