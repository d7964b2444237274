"""Golden cases for content/study: each file in cases/study holds library.yaml and/or activities.yaml text
(the minimal valid sample below when absent) and the exact errors they must produce against stations.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import language

from generator.errors import DataErrors
from generator.study.validate import load_study

CASES = sorted((Path(__file__).parent / "cases" / "study").glob("*.yaml"))

LIBRARY = """\
categories:
  - {id: traffic, name: 交通安全}
items:
  - id: helmet
    title: 一盔一带
    speaker: 示例
    category: traffic
    kind: audio
    duration: "0:12"
    summary: 示例简介
    audio: audio/ok.mp3
menus:
  - {id: new-rider, title: 新骑手入门, audience: 新骑手, items: [helmet]}
"""
ACTIVITIES = """\
activities:
  - id: clinic
    title: 义诊
    kind: 义诊
    start: "2026-12-12T09:00+08:00"
    end: "2026-12-12T11:30+08:00"
    station: weixing
    description: 示例活动
"""


def _errors_for(case: dict, folder: Path, network) -> list[str]:
    (folder / "audio").mkdir(parents=True)
    (folder / "audio" / "ok.mp3").write_bytes(b"ID3")
    (folder / "library.yaml").write_text(case.get("library", LIBRARY), encoding="utf-8")
    (folder / "activities.yaml").write_text(case.get("activities", ACTIVITIES), encoding="utf-8")
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
