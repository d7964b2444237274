"""Shrink Material's search index without changing what it contains.

Material writes search/search_index.json with Python's default `ensure_ascii=True`, so each Chinese
character becomes a six-byte `\\uXXXX` escape instead of its three UTF-8 bytes, and so does every
zero-width space jieba's segmentation puts between words. Rewriting the same data as UTF-8 roughly
halves the file every phone downloads on its first search; the parsed JSON is identical.

In a live preview that rebuilds only changed pages, Material merges the previous index with the new
entries assuming a single page changed; when several did, pages appear twice. Given the order of the
site's pages, `compact_search_index` keeps each page's newest entries once, in page order: the index a
clean build would write.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..writer import SiteWriter

INDEX = Path("search") / "search_index.json"


def compact_search_index(writer: SiteWriter, page_order: Sequence[str] | None = None) -> int:
    """Rewrite the index in place as UTF-8 JSON; returns the bytes saved (0 when there is no index)."""
    path = writer.root / INDEX
    if not path.is_file():
        return 0
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    if page_order is not None:
        data["docs"] = _merged(data["docs"], page_order)
    writer.rewrite(INDEX.as_posix(), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return before - path.stat().st_size


def _merged(entries: list[dict], page_order: Sequence[str]) -> list[dict]:
    """Each page's last run of entries (the newest), pages in site order, sections in page order."""
    runs: dict[str, list[dict]] = {}
    current = None
    for entry in entries:
        page = entry["location"].split("#", 1)[0]
        if page != current:  # a new run: it replaces an older one of the same page
            runs[page] = []
            current = page
        runs[page].append(entry)
    rank = {url: i for i, url in enumerate(page_order)}
    return [e for page in sorted(runs, key=lambda p: rank.get(p, len(rank))) for e in runs[page]]
