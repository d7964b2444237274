"""Staff-facing text: Simplified Chinese by default, English on request (`--lang en` or BEE_LANG=en).

Every message is written in both languages at the place that raises it, `tr("中文", "English")`, so the
two stay together when the code changes. The language is chosen once per process, before loading.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
_current = os.environ.get("BEE_LANG", "zh") if os.environ.get("BEE_LANG") in LANGUAGES else "zh"


def set_language(lang: str) -> None:
    """Choose the language of every message created from now on."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    """The current language code."""
    return _current


def tr(zh: str, en: str) -> str:
    """The message in the current language."""
    return en if _current == "en" else zh
