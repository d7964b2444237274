"""The theme's page shell rendered once per kind of page, filled in for each station and item page.

Material renders its whole page (head, header, navigation, search, footer, scripts) around every
page's content: about 1 ms a page, 10 s at 10,000 stations, for output that differs between two
station pages only in the title, the meta description, the canonical URL and the content. So for
generated pages outside the navigation, the shell is rendered once per kind of page (folder depth,
section, and the two content tests the templates make) with marker values in those four places,
split at the markers, and joined around each page's own values. The output is byte-identical to
a full render (a test compares them); a page whose values the templates might transform (entities,
quotes, angle brackets, runs of white space, which `| e` or `| striptags` would change) is rendered
in full instead.

Pure Jinja: the adapter passes the template context and the theme's template; no engine import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

# Private-use markers around a letter naming the slot; the '&' shows whether the template escaped it.
_MARK = "\ue000{}&\ue001"
_SLOTS = ("title", "description", "canonical", "content")
_PLAIN = re.compile(r"^(?!\s)(?!.*\s$)(?!.*\s\s)[^&<>\"'\n\r\t\ue000\ue001]*$", re.S)


class _Page:
    """The page as the shell render sees it: marker values in the four slots, the real page otherwise."""

    def __init__(self, page: Any, content_tests: str):
        self._page = page
        self.title = _MARK.format("T")
        self.canonical_url = _MARK.format("U")
        # What the templates look for in the content is kept in its marker, so they branch as for the page.
        self.content = _MARK.format("C" + content_tests)
        self.meta = {**page.meta, "title": self.title}
        if "description" in page.meta:
            self.meta["description"] = _MARK.format("D")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


@dataclass(frozen=True)
class _Shell:
    """Literal text between slots, and for each slot whether the template printed it escaped."""

    texts: tuple[str, ...]
    slots: tuple[tuple[str, bool], ...]

    def fill(self, values: Mapping[str, str]) -> str:
        out = [self.texts[0]]
        for (slot, escaped), text in zip(self.slots, self.texts[1:], strict=True):
            value = values[slot]
            out.append(str(escape(value)) if escaped else value)
            out.append(text)
        return "".join(out)


_LETTER = {"T": "title", "D": "description", "U": "canonical", "C": "content"}
_FOUND = re.compile("\ue000([TDU]|C[^&\ue001]*)&(amp;)?\ue001")


def _split(rendered: str) -> _Shell:
    texts, slots, last = [], [], 0
    for m in _FOUND.finditer(rendered):
        texts.append(rendered[last : m.start()])
        slots.append((_LETTER[m.group(1)[0]], m.group(2) is not None))
        last = m.end()
    texts.append(rendered[last:])
    return _Shell(tuple(texts), tuple(slots))


class ShellCache:
    """One rendered shell per kind of page; `render` returns None when a page must be rendered in full."""

    def __init__(self) -> None:
        self._shells: dict[tuple[object, ...], _Shell] = {}

    def render(self, render_template: Callable[[dict[str, Any]], str], context: Mapping[str, Any]) -> str | None:
        """The page's full HTML from the cached shell, or None (its values need the real templates)."""
        page = context["page"]
        values = {
            "title": page.title or "",
            "description": page.meta.get("description", ""),
            "canonical": page.canonical_url or "",
            "content": page.content or "",
        }
        if not all(_PLAIN.match(values[slot]) for slot in ("title", "description", "canonical")):
            return None
        if any(m in values["content"] for m in ("\ue000", "\ue001")):
            return None
        key = _kind(page, values["content"])
        shell = self._shells.get(key)
        if shell is None:
            tests = " ".join(t for t, found in zip(_CONTENT_TESTS, key[-len(_CONTENT_TESTS) :], strict=True) if found)
            shell = _split(render_template({**context, "page": _Page(page, tests)}))
            if {s for s, _ in shell.slots} - set(_SLOTS) or not any(s == "content" for s, _ in shell.slots):
                return None
            self._shells[key] = shell
        return shell.fill(values)


# Substrings the templates test the content for: theme/main.html (the study script) and Material's
# partials/content.html (a page without its own <h1> gets one).
_CONTENT_TESTS = ("data-bee-end", "<h1")


def _kind(page: Any, content: str) -> tuple[object, ...]:
    """What the theme's templates branch on for a page outside the nav: folder depth, section, whether it
    has a description, and the content tests."""
    url = page.url
    return (url.count("/"), url.split("/", 1)[0], "description" in page.meta, *(t in content for t in _CONTENT_TESTS))
