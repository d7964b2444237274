"""Golden cases for content/community.yaml: each file in cases/community holds the honour roll's text and the
exact errors it must produce against the sample's stations.yaml, in Chinese (the language is pinned here,
whatever the suite's default), with "today" fixed so consent dates are judged the same on every day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import language

from generator.community.validate import load_community
from generator.errors import DataErrors

CASES = sorted((Path(__file__).parent / "cases" / "community").glob("*.yaml"))
TODAY = date(2026, 11, 18)


@pytest.fixture()
def chinese() -> Iterator[None]:
    with language("zh"):
        yield


def errors_for(text: str, folder: Path, network) -> list[str]:  # type: ignore[no-untyped-def]
    """The errors content/community.yaml with `text` gets, as staff read them."""
    path = folder / "community.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_community(path, network, today=TODAY)
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_community_case(case: Path, network, tmp_path: Path, chinese: None, update_goldens: bool) -> None:
    golden = yaml.safe_load(case.read_text(encoding="utf-8"))
    actual = errors_for(golden["community"], tmp_path, network)
    if update_goldens:
        golden["errors"] = actual
        case.write_text(yaml.safe_dump(golden, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        return
    assert actual == golden["errors"]
    assert bool(actual) != case.stem.startswith("ok-")
