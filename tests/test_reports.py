"""content/reports.yaml (流动前哨): strict like the other data files, with a committed schema, and no personal
information on a public page: phone numbers, ID numbers, plates and whereabouts are located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE

from generator.data.reports import load_reports
from generator.errors import DataErrors
from generator.i18n import language, set_language
from generator.web.sentinel import build_sentinel

REPORTS = SAMPLE / "content" / "reports.yaml"
EXAMPLE = "骑手反映长江路辅路一处窨井盖松动，城管当天更换。"


@pytest.fixture()
def english():
    before = language()
    set_language("en")
    yield
    set_language(before)


def _errors(tmp_path: Path, old: str, new: str) -> tuple[str, list]:
    text = REPORTS.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_reports(path)
    return text, caught.value.errors


def _where(text: str, needle: str) -> tuple[int, int]:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(needle)


def test_sample_follows_the_source_practice() -> None:
    reports = load_reports(REPORTS)
    assert reports.total >= 100  # "the street has solved 100+ problems"
    assert [m.month for m in reports.months] == sorted(m.month for m in reports.months)
    assert reports.examples[0].date >= reports.examples[-1].date
    assert REPORTS.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../schema/reports.schema.json"
    )


@pytest.mark.parametrize(
    ("found", "kind"),
    [
        ("13912345678", "a mobile number"),
        ("0510-8123 4567", "a landline number"),
        ("320211199001011234", "an ID card number"),
        ("苏B12345", "a licence plate"),
        ("20:30在长江路28号", "a precise time and place"),
    ],
)
def test_personal_information_is_refused_where_it_starts(tmp_path: Path, english, found: str, kind: str) -> None:
    text, errors = _errors(tmp_path, EXAMPLE, f"窨井盖松动，联系{found}。")
    (err,) = errors
    line, col = _where(text, "窨井盖松动，联系")
    assert (err.line, err.col) == (line, col + len("窨井盖松动，联系")) and kind in err.message


def test_unknown_category_duplicate_month_and_bad_month_are_located(tmp_path: Path, english) -> None:
    text, errors = _errors(tmp_path, "road: 5, sanitation: 4", "rode: 5, sanitation: 4")
    assert [(e.line, e.col) for e in errors] == [_where(text, "rode")] and "did you mean 'road'?" in errors[0].hint
    text, errors = _errors(tmp_path, 'month: "2026-07"', 'month: "2026-06"')
    assert [e.line for e in errors] == [_where(text, 'month: "2026-06"')[0] + 2]
    text, errors = _errors(tmp_path, 'month: "2026-07"', 'month: "2026-13"')
    assert [e.line for e in errors] == [_where(text, '"2026-13"')[0]]
    text, errors = _errors(tmp_path, "road: 5,", "road: many,")
    assert [e.line for e in errors] == [_where(text, "road: many")[0]] and "whole number" in errors[0].message


def test_sentinel_page_shows_totals_and_examples(network, root) -> None:
    from generator.render import environment

    page = build_sentinel(network, load_reports(REPORTS), environment(root / "theme"))
    html = page.html or ""
    assert page.src_uri == "sentinel.md" and page.in_nav
    assert '<strong class="bee-big">110</strong>' in html and EXAMPLE in html and 'href="../report/"' in html
    empty = build_sentinel(network, None, environment(root / "theme")).html or ""
    assert "还没有公布统计" in empty
