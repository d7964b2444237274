"""Shrink Material's search index without changing what it contains.

Material writes search/search_index.json with Python's default `ensure_ascii=True`, so each Chinese
character becomes a six-byte `\\uXXXX` escape instead of its three UTF-8 bytes, and so does every
zero-width space jieba's segmentation puts between words. Rewriting the same data as UTF-8 roughly
halves the file every phone downloads on its first search; the parsed JSON is identical.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..writer import SiteWriter

INDEX = Path("search") / "search_index.json"


def compact_search_index(writer: SiteWriter) -> int:
    """Rewrite the index in place as UTF-8 JSON; returns the bytes saved (0 when there is no index)."""
    path = writer.root / INDEX
    if not path.is_file():
        return 0
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    writer.rewrite(INDEX.as_posix(), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return before - path.stat().st_size
