"""Checks of content/community.yaml that need another network than the sample's (a paused and a closed station),
and the loader's guarantee that every scalar of the file went through the privacy screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import language

from generator.community.validate import load_community
from generator.data import load_network
from generator.errors import DataErrors

TINY = Path(__file__).parent / "fixtures" / "tiny" / "stations.yaml"
ROLL = """\
as_of: "2026-10-31"
kinds: [{name: 代办服务, group: 便民服务}]
teams:
  - {id: a, name: 一队, founded: "2025-01-01", members: 5, stations: [STATION]}
posts:
  - {id: p, kind: 先锋岗, name: 先锋岗, station: STATION, vehicles: 2, description: 示例}
"""


@pytest.fixture()
def chinese() -> Iterator[None]:
    with language("zh"):
        yield


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "community.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_community(path, load_network(TINY))
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


def test_a_paused_station_keeps_its_team_and_post(tmp_path: Path) -> None:
    assert _errors(tmp_path, ROLL.replace("STATION", "paused-one")) == []


def test_a_closed_station_has_no_team_or_post(tmp_path: Path, chinese: None) -> None:
    text = ROLL.replace("STATION", "closed-one")
    errors = _errors(tmp_path, text)
    lines = text.splitlines()
    where = [f"content/community.yaml:{n}:{lines[n - 1].index('closed-one') + 1}" for n in (4, 6)]
    assert [e.split(": ", 1)[0] for e in errors] == where
    assert all("驿站 'closed-one' 已关闭" in e for e in errors)


@pytest.mark.parametrize(
    "value",
    ["'13812345678'", '"苏B12345"', "rider@example.com", "[120.3612, 31.5388]", "{x: '0510-8123 4567'}"],
)
def test_personal_values_are_refused_in_any_field(tmp_path: Path, value: str) -> None:
    # A key the models do not know is refused as unknown too; the screen runs first and names the data.
    text = ROLL.replace("STATION", "always").replace("description: 示例", f"description: 示例, extra: {value}")
    assert any("looks like" in e or "像是" in e for e in _errors(tmp_path, text))
