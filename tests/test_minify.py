"""Minified assets behave like their sources: only comments and whitespace go."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.web.minify import minify_css

STYLES = Path(__file__).resolve().parents[1] / "theme" / "assets" / "stylesheets"


@pytest.mark.parametrize("name", ["bee.css", "bee-pages.css"])
def test_css_minifier_keeps_every_rule(name: str) -> None:
    source = (STYLES / name).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    strings = re.findall(r"\"[^\"\n]*\"|'[^'\n]*'", code)
    assert not [s for s in strings if "/*" in s or "*/" in s]  # the minifier's one assumption
    small = minify_css(source)
    assert "/*" not in small and len(small) < len(source)
    squash = lambda text: re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))  # noqa: E731
    assert squash(small) == squash(source)  # nothing but comments and whitespace removed
    assert minify_css("a  b {\n  color: red;  /* x */\n}\n") == "a b { color: red; }\n"
