"""Golden cases: each file in cases/loader holds an input stations.yaml and the exact errors it must produce."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.data.load import load_yaml_text
from generator.data.validate import validate_document
from generator.errors import DataErrors

CASES = sorted((Path(__file__).parent / "cases" / "loader").glob("*.yaml"))
MARKERS = {"<TAB>": "\t", "<BOM>": "\ufeff"}


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
    golden = yaml.safe_load(case.read_text(encoding="utf-8"))
    actual = _errors_for(golden["input"])
    if update_goldens:
        golden["errors"] = actual
        case.write_text(dump_golden(golden), encoding="utf-8")
        return
    assert actual == golden["errors"]
    # Only the "ok-" cases are valid input; every other case names at least one located error.
    assert bool(actual) != case.stem.startswith("ok-")
