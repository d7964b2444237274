"""Rendering a print document: a template plus what every print document shares.

Every print template gets the CMYK palette (`ink`), the `@color-profile` rule that gives PDF/X its
output intent (`color_profile`, included by page.css), the creation date for its metadata and the
sample flag's diagonal mark (`print/_sample.html`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from .inks import PRINT
from .pdfx import DEFAULT_VARIANT, profile_css


@dataclass(frozen=True)
class DocContext:
    """What all print documents of one build share."""

    created: str
    """ISO 8601 creation date (SOURCE_DATE_EPOCH or the last commit)."""
    variant: str = DEFAULT_VARIANT

    @property
    def data_date(self) -> str:
        """The date of the data, as printed in title blocks: 2026年11月28日."""
        y, m, d = self.created[:10].split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"


def render_doc(env: Environment, template: str, ctx: DocContext, **values: Any) -> str:
    """The complete HTML document for WeasyPrint."""
    common = {
        "ink": PRINT,
        "color_profile": profile_css(ctx.variant),
        "created": values.pop("created", ctx.created),
        "data_date": ctx.data_date,
    }
    return env.get_template(template).render(**common, **values)
