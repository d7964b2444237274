"""Inline SVG icons from theme/icons: one sprite per page, referenced with <use>, so no request and no icon font."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markupsafe import Markup

_INNER = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)


@cache
def icon_body(icons_dir: Path, name: str) -> str:
    """The inner SVG markup (paths) of one icon file."""
    text = (icons_dir / f"{name}.svg").read_text(encoding="utf-8")
    match = _INNER.search(text)
    if not match:
        raise ValueError(f"{name}.svg has no <svg> element")
    return match.group(1)


def sprite(icons_dir: Path, names: set[str]) -> Markup:
    """A hidden <svg> holding one <symbol> per icon, to be placed once per page."""
    symbols = "".join(
        f'<symbol id="bee-i-{n}" viewBox="0 0 24 24">{icon_body(icons_dir, n)}</symbol>' for n in sorted(names)
    )
    return Markup(f'<svg class="bee-sprite" aria-hidden="true" hidden>{symbols}</svg>')


def use(name: str, label: str = "") -> Markup:
    """An icon reference; decorative unless a label is given."""
    a11y = f'role="img" aria-label="{Markup.escape(label)}"' if label else 'aria-hidden="true"'
    return Markup(
        f'<svg class="bee-icon" viewBox="0 0 24 24" {a11y}><use xlink:href="#bee-i-{Markup.escape(name)}"></use></svg>'
    )


def inline(icons_dir: Path, name: str, fill: str = "") -> Markup:
    """A standalone icon (for print, where one file holds one poster).

    `fill` is set on the <svg> itself: WeasyPrint's SVG renderer does not inherit CSS `fill` from the page.
    """
    paint = f' fill="{Markup.escape(fill)}"' if fill else ""
    return Markup(
        f'<svg class="bee-icon" viewBox="0 0 24 24"{paint} aria-hidden="true">{icon_body(icons_dir, name)}</svg>'
    )
