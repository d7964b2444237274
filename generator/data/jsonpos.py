"""Where the entries of a JSON file's top-level array are: Python's json module gives no positions.

The document is decoded entry by entry with `JSONDecoder.raw_decode`, which reports where each value
ends; call this only on text `json.loads` has already accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_WHITESPACE = " \t\n\r"


def array_entries(text: str, key: str) -> Iterator[tuple[tuple[int, int], Any]]:
    """((line, column), value) of each entry of the array under `key` in the top-level object (1-based)."""
    decoder = json.JSONDecoder()
    i = _skip(text, 0)
    if text[i : i + 1] != "{":
        return
    i = _skip(text, i + 1)
    while i < len(text) and text[i] != "}":
        name, i = decoder.raw_decode(text, i)
        i = _skip(text, _skip(text, i) + 1)  # past the ':'
        if name == key and text[i : i + 1] == "[":
            i = _skip(text, i + 1)
            while text[i] != "]":
                value, end = decoder.raw_decode(text, i)
                yield position(text, i), value
                i = _skip(text, end)
                i = _skip(text, i + 1) if text[i] == "," else i
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        i = _skip(text, i)
        i = _skip(text, i + 1) if text[i : i + 1] == "," else i


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WHITESPACE:
        i += 1
    return i
