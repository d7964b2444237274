"""The strict YAML loader on its own: text kept as typed, positions, and hostile input."""

from __future__ import annotations

import pytest

from generator.data.load import ALIAS, load_yaml_text
from generator.errors import DataErrors


def test_yaml11_lookalikes_stay_as_typed() -> None:
    doc = load_yaml_text("phone: 0510\nmobile: 13800000000\nclose: 22:30\nok: no\nempty:\nnull_word: ~\n", "s.yaml")
    assert doc.data == {
        "phone": "0510",
        "mobile": "13800000000",
        "close": "22:30",
        "ok": "no",
        "empty": None,
        "null_word": None,
    }


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc = load_yaml_text("a:\n  b: [x, 'y']\n", "s.yaml")
    assert (doc.values[("a", "b", 1)].line, doc.values[("a", "b", 1)].col) == (2, 10)
    assert doc.values[("a", "b", 1)].quoted
    assert (doc.keys[("a", "b")].line, doc.keys[("a", "b")].col) == (2, 3)
    assert doc.error(("a", "b", 1), "m", offset=0).col == 11  # inside the quotes


def test_leading_bom_is_fine_but_not_utf8_is_an_error() -> None:
    assert load_yaml_text("\ufeffa: 1\n".encode(), "s.yaml").data == {"a": "1"}
    with pytest.raises(DataErrors) as err:
        load_yaml_text(b"a: \xff\xfe\n", "s.yaml")
    assert str(err.value.errors[0]).startswith("s.yaml:1:4: 文件不是 UTF-8 编码：这里的字节 0xFF 读不出来")
    assert "另存为" in err.value.errors[0].hint


def test_two_documents_are_refused() -> None:
    with pytest.raises(DataErrors) as err:
        load_yaml_text("a: 1\n---\nb: 2\n", "s.yaml")
    assert err.value.errors[0].line == 2 and "删掉多出来的 '---' 行" in err.value.errors[0].hint


def test_billion_laughs_is_reported_not_expanded() -> None:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    # Expanded, this is 10⁹ items; the loader must never descend into an alias.
    doc = load_yaml_text("\n".join(lines) + "\n", "s.yaml")
    assert doc.data["l9"] == [ALIAS] * 10
    assert len(doc.problems) == 90
    assert all(p.message == "不支持别名（*名称）" for p in doc.problems)
    assert (doc.problems[0].line, doc.problems[0].col) == (2, 10)
