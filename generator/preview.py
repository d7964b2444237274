"""The live preview's error panel: data errors shown on every page, so a broken save never looks like success.

Under `mkdocs serve` a failed build keeps the old site and the browser's reload waits for a build that
never finishes. Instead the adapter builds a site whose every page carries this panel (the located
errors, escaped like any data): the authored pages, the 404 page, and a stand-in at every generated
page of the last good build (the station page the staff member is looking at). The preview's
live reload then works as usual, and the next good save brings the real pages back.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .errors import BuildError
from .i18n import tr
from .render import GeneratedFile, environment

PANEL_ID = "bee-errors"
# Material's content column; the panel goes first inside it, so it sits under the header like page text.
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
_BODY = re.compile(r"<body\b[^>]*>")


def error_panel(error: BuildError, theme_dir: Path) -> str:
    """The panel's HTML: a count, what to do, then every problem with its place (all text escaped)."""
    problems = [
        {
            "where": f"{e.file}:{e.line}:{e.col}" if e.line else e.file,
            "message": e.message,
            "hint": e.hint,
        }
        for e in error.errors
    ]
    n = len(problems)
    return (
        environment(theme_dir)
        .get_template("fragments/errors.html")
        .render(
            panel_id=PANEL_ID,
            title=tr(
                f"数据有 {n} 处错误，网站没有更新",
                f"{n} error{'s' if n != 1 else ''} in the data; the site was not updated",
            ),
            intro=tr(
                "下面每一行是文件名:行:列和出错的原因。改好后保存文件，这一页会自动刷新。",
                "Each line gives file:line:column and what is wrong. Fix them and save: this page reloads by itself.",
            ),
            hint_label=tr("提示：", "hint: "),
            problems=problems,
        )
    )


def with_panel(html: str, panel: str) -> str:
    """A finished page with the panel at the top of its content (or of its body, outside Material's layout)."""
    article = _ARTICLE.search(html)
    if article:
        return html[: article.end()] + panel + html[article.end() :]
    body = _BODY.search(html)
    at = body.end() if body else 0
    return html[:at] + f'<div class="md-typeset">{panel}</div>' + html[at:]


def remember_pages(files: list[GeneratedFile]) -> list[GeneratedFile]:
    """The generated pages of a good build (front matter only), to stand in for them while the data is broken."""
    return [dataclasses.replace(f, body="") for f in files if f.src_uri.endswith(".md") and f.body is not None]


def stand_ins(pages: list[GeneratedFile]) -> list[GeneratedFile]:
    """The remembered pages with a short note for a body (the panel above it says why)."""
    note = tr(
        "这一页由数据生成，数据改好之前暂时无法显示。",
        "This page is made from the data and shows again once the data is fixed.",
    )
    return [dataclasses.replace(p, body=f"<p>{note}</p>") for p in pages]
