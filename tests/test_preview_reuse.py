"""What a live preview keeps between its builds gives what a fresh computation gives: each memo is checked
against the work it saves (the end-to-end check, a preview against a clean build, is test_fast_preview.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from generator.render import CompiledTemplates
from generator.web import csp
from generator.web.csp import PageHashes, site_hashes


class _Counting(Environment):
    """An environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def _env(templates: dict[str, str], cache: CompiledTemplates, **settings: object) -> Environment:
    return _Counting(loader=DictLoader(templates), bytecode_cache=cache, **settings)  # type: ignore[arg-type]


def test_compiled_templates_serve_a_new_environment_until_the_source_changes() -> None:
    cache, templates = CompiledTemplates(), {"t.html": "{{ x }}|{% if y %}y{% endif %}"}
    _Counting.compiled = 0
    assert _env(templates, cache).get_template("t.html").render(x="<a>", y=1) == "<a>|y"
    assert _env(templates, cache).get_template("t.html").render(x="<a>", y=1) == "<a>|y"
    assert _Counting.compiled == 1  # the second environment took the first one's code
    templates["t.html"] = "{{ x }}!"
    assert _env(templates, cache).get_template("t.html").render(x="b") == "b!"
    assert _Counting.compiled == 2


def test_compiled_templates_are_not_shared_by_environments_set_up_differently() -> None:
    cache, templates = CompiledTemplates(), {"t.html": "{{ x }}\n  {% if y %}y{% endif %}\n"}
    plain = _env(templates, cache).get_template("t.html").render(x="<a>", y=1)
    escaped = _env(templates, cache, autoescape=True).get_template("t.html").render(x="<a>", y=1)
    trimmed = _env(templates, cache, trim_blocks=True, lstrip_blocks=True).get_template("t.html").render(x="a", y=1)
    assert (plain, escaped, trimmed) == ("<a>\n  y", "&lt;a&gt;\n  y", "a\ny")


def _page(site: Path, rel: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _rewrite(path: Path, text: str) -> None:
    """Rewrite a page in place as the engine does, a while after it was written (the clock's step is coarse)."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp + 10**7, stamp + 10**7))


def test_page_hashes_read_again_only_the_pages_that_changed(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", "<script>a()</script><style>.a{}</style>")
    _page(tmp_path, "s/x/index.html", "<script>b()</script>")
    known = PageHashes()
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    _rewrite(tmp_path / "s/x/index.html", "<script>c()</script>")  # in place, same length: its times tell
    _page(tmp_path, "s/y/index.html", "<script>d()</script>")
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    (tmp_path / "index.html").unlink()
    assert site_hashes(tmp_path, known) == site_hashes(tmp_path)
    assert len(site_hashes(tmp_path)[0]) == 2


def test_page_hashes_scan_only_new_and_changed_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    monkeypatch.setattr(csp, "inline_hashes", lambda html: scanned.append(html) or (set(), set()))
    _page(tmp_path, "index.html", "<script>a()</script>")
    _page(tmp_path, "s/x/index.html", "<script>b()</script>")
    known = PageHashes()
    site_hashes(tmp_path, known)
    assert len(scanned) == 2
    _rewrite(tmp_path / "s/x/index.html", "<script>c()</script>")
    site_hashes(tmp_path, known)
    assert scanned[2:] == ["<script>c()</script>"]
