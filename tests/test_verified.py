"""Verified dates and report channels in stations.yaml: stale stations are located warnings (`check --strict`:
errors), report channels fall back to the contact phone, and a form URL may only use the known placeholders."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLE

from generator.data import load_network
from generator.data.load import load_yaml_text
from generator.data.validate import validate_document
from generator.errors import DataErrors
from generator.i18n import language, set_language

TINY = (SAMPLE.parent / "tiny" / "stations.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def english():
    before = language()
    set_language("en")
    yield
    set_language(before)


def _lines(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line]


def test_stale_and_never_verified_stations_are_located(network) -> None:
    text = (SAMPLE / "stations.yaml").read_text(encoding="utf-8")
    assert network.site.stale_days == 180
    fresh = load_network(SAMPLE / "stations.yaml", today=date(2026, 10, 16))
    assert [w.line for w in fresh.stale] == []  # 2026-04-20 + 180 days is 2026-10-17
    later = load_network(SAMPLE / "stations.yaml", today=date(2026, 11, 18))
    assert [(w.line, w.col) for w in later.stale] == [(_lines(text, '"2026-04-20"')[0], 15)]
    assert "telecom-cjl" in later.stale[0].message and "212" in later.stale[0].message
    tiny = validate_document(load_yaml_text(TINY, "stations.yaml"), today=date(2026, 11, 18))
    assert [w.line for w in tiny.stale] == _lines(TINY, "  - id: ")  # never verified: at each station's id


def test_stale_days_is_configurable(english) -> None:
    text = TINY.replace("  district: 测试街道\n", "  district: 测试街道\n  stale_days: 30\n")
    text = text.replace("    services: [rest, water]\n", '    services: [rest, water]\n    verified: "2026-10-01"\n', 1)
    net = validate_document(load_yaml_text(text, "stations.yaml"), today=date(2026, 11, 18))
    assert "not verified for 48 days" in net.stale[0].message and "limit 30" in net.stale[0].message
    bad = text.replace("stale_days: 30", "stale_days: 0")
    with pytest.raises(DataErrors) as caught:
        validate_document(load_yaml_text(bad, "stations.yaml"))
    assert [e.line for e in caught.value.errors] == _lines(bad, "stale_days")


def test_check_strict_fails_on_stale_stations(tmp_path: Path, english, monkeypatch, capsys) -> None:
    from generator.cli import main

    shutil.copy(SAMPLE / "stations.yaml", tmp_path / "stations.yaml")
    shutil.copytree(SAMPLE / "content" / "images", tmp_path / "content" / "images")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: one sample station is 212 days old
    data = str(tmp_path / "stations.yaml")
    assert main(["--lang", "en", "check", data]) == 0
    relaxed = capsys.readouterr().err
    assert "warning: stations.yaml:" in relaxed and "telecom-cjl" in relaxed
    assert main(["--lang", "en", "check", "--strict", data]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "1 error found; nothing was built."


def test_report_channels_fall_back_to_the_contact_phone_then_12345(network) -> None:
    assert network.site.report_channels.phone == "12345" and network.site.report_channels.form
    tiny = validate_document(load_yaml_text(TINY, "stations.yaml"))
    assert tiny.site.report_channels.phone == "12345"
    with_contact = TINY.replace("  district: 测试街道\n", '  district: 测试街道\n  contact: "0510-0000 0000"\n')
    assert (
        validate_document(load_yaml_text(with_contact, "stations.yaml")).site.report_channels.phone == "0510-0000 0000"
    )


@pytest.mark.parametrize(
    ("form", "column"),
    [
        ("https://f.example.org/r?s={station}&x={name}", 38),  # an unknown placeholder, pointed at
        ("https://f.example.org/r?s={station", 26),  # an unclosed brace
        ("javascript:alert(1)//{text}", None),  # not http(s)
    ],
)
def test_form_url_placeholders(english, form: str, column: int | None) -> None:
    text = TINY.replace(
        "  district: 测试街道\n", f'  district: 测试街道\n  report:\n    phone: "12345"\n    form: "{form}"\n'
    )
    with pytest.raises(DataErrors) as caught:
        validate_document(load_yaml_text(text, "stations.yaml"))
    (err,) = caught.value.errors
    assert err.line == _lines(text, "form:")[0]
    if column is not None:
        assert err.col == 11 + 1 + column and "placeholder" in err.message
    good = text.replace(form, "https://f.example.org/r?s={station}&c={category}&t={text}")
    assert validate_document(load_yaml_text(good, "stations.yaml")).site.report_channels.form


def test_a_build_log_names_the_first_stale_stations_and_counts_the_rest() -> None:
    from generator.build import stale_notes

    tiny = validate_document(load_yaml_text(TINY, "stations.yaml"), today=date(2026, 11, 18))
    assert len(stale_notes(tiny.stale, None)) == len(tiny.stale) == 4
    short = stale_notes(tiny.stale, 2)
    assert len(short) == 3 and short[:2] == [str(w) for w in tiny.stale[:2]] and "2" in short[2]
