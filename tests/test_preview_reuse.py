"""What a live preview keeps between its builds gives what a fresh computation gives: each memo is checked
against the work it saves (the end-to-end check, a preview against a clean build, is test_fast_preview.py)."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from generator.render import CompiledTemplates


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
