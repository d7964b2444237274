"""Station search data: one short entry per station (name, community, address), fetched a piece at a time.

Material's search downloads its whole index on the first search, so listing every station there (or
parsing the directory page, as before) made that download grow with the network: 568 KB at 10,000
stations. Stations are searched with this data instead, by bee-search.js, shown above Material's
results in the same search box; Material's index keeps only the content pages.

Layout under `assets/bee/search/`:
- `index.json` (what every first search fetches): the record fields, the row-file size, the station
  URL pattern, and for every character of every entry how many stations contain it and which posting
  file lists them;
- `p<k>.json`: row numbers of the stations containing each character (delta-encoded, ascending);
  characters are packed into files of about `POSTING_BYTES` each, so a rare character's file is small
  and a common one gets a file of its own;
- `r<k>.json`: the rows themselves, `SHARD` rows per file, sorted by community.
A query uses its rarest character: its posting file, then the row files of its stations (the first
`MAX_SHARDS` files they are in), keeping those whose text contains the whole query: substring search
over Chinese text, which finds everything a word segmenter would and needs none in the browser. A
query made only of very common characters ("驿站") thus sees part of the network and says so.
Sizes grow linearly with the number of stations.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.model import Network
from ..render import station_url, to_json

SEARCH_DIR = "assets/bee/search"
FIELDS = ("id", "name", "community", "address")
SHARD = 16  # small row files: a rare character's stations are spread over the network
POSTING_BYTES = 4096
MAX_SHARDS = 24  # row files one query may fetch: a query of common characters looks at part of the network
MAX_RESULTS = 20
_IGNORED = re.compile(r"[\s\-_·.,，。、；;:：()（）【】\[\]\"'“”‘’/]")


@dataclass(frozen=True)
class SearchRow:
    """What search shows and matches of one station."""

    id: str
    name: str
    community: str
    address: str

    @property
    def text(self) -> str:
        """The normalised text a query must be a substring of."""
        return normalise(f"{self.name}{self.community}{self.address}")


def normalise(text: str) -> str:
    """Lower-case, without spaces and punctuation: '长江路 28号' and '长江路28号' match alike."""
    return _IGNORED.sub("", text).lower()


def rows(network: Network) -> list[SearchRow]:
    """Every station's search entry, sorted by community then id."""
    found = [SearchRow(st.id, st.name, st.community, st.address) for st in network.stations]
    return sorted(found, key=lambda r: (r.community, r.id))


def build_search(entries: Sequence[SearchRow]) -> dict[str, str]:
    """The index, posting and row files, keyed by site-relative path."""
    postings = _postings(entries)
    out: dict[str, str] = {}
    where: dict[str, list[int]] = {}
    for k, chars in enumerate(_pack(postings)):
        out[f"{SEARCH_DIR}/p{k}.json"] = to_json({c: _deltas(postings[c]) for c in chars})
        where.update({c: [len(postings[c]), k] for c in chars})
    for start in range(0, len(entries), SHARD):
        chunk = entries[start : start + SHARD]
        out[f"{SEARCH_DIR}/r{start // SHARD}.json"] = to_json([[getattr(r, f) for f in FIELDS] for r in chunk])
    version = hashlib.sha256("".join(out[p] for p in sorted(out)).encode()).hexdigest()[:12]
    index = {
        "v": version,
        "fields": list(FIELDS),
        "shard": SHARD,
        "files": MAX_SHARDS,
        "url": station_url("{id}"),  # the browser fills in the id: the URL scheme stays in render.py
        "chars": dict(sorted(where.items())),
    }
    return {f"{SEARCH_DIR}/index.json": to_json(index), **out}


def _postings(entries: Sequence[SearchRow]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(entries):
        for char in sorted(set(row.text)):
            found[char].append(number)
    return found


def _pack(postings: dict[str, list[int]]) -> list[list[str]]:
    """Characters grouped into posting files of about POSTING_BYTES, in a stable order."""
    files: list[list[str]] = []
    size = POSTING_BYTES
    for char in sorted(postings, key=lambda c: (len(postings[c]), c)):
        cost = 4 + 3 * len(postings[char])  # roughly its JSON size
        if size + cost > POSTING_BYTES:
            files.append([])
            size = 0
        files[-1].append(char)
        size += cost
    return files


def rarest(entries_counts: dict[str, int], query: str) -> str | None:
    """The query character fewest stations contain (the first such, in query order); None if one is absent."""
    best: str | None = None
    for char in query:
        count = entries_counts.get(char, 0)
        if not count:
            return None
        if best is None or count < entries_counts[best]:
            best = char
    return best


def search(entries: Sequence[SearchRow], query: str, limit: int = MAX_RESULTS) -> list[str]:
    """The reference bee-search.js follows: ids of the best `limit` matches.

    Among the stations containing the query's rarest character that lie in the first MAX_SHARDS row
    files, those whose text contains the whole query; name matches first (a name starting with the
    query before one containing it), then community, then address matches; ties keep the rows' order.
    """
    q = normalise(query)
    postings = _postings(entries)
    char = rarest({c: len(ns) for c, ns in postings.items()}, q)
    if not q or char is None:
        return []
    ranked = []
    for number in scanned(postings[char]):
        row = entries[number]
        if q in row.text:
            ranked.append((_rank(row, q), number, row.id))
    return [i for _, _, i in sorted(ranked)[:limit]]


def scanned(numbers: list[int]) -> list[int]:
    """The row numbers a query looks at: those in the first MAX_SHARDS row files the postings reach."""
    shards: set[int] = set()
    out = []
    for n in numbers:
        if n // SHARD not in shards:
            if len(shards) == MAX_SHARDS:
                break
            shards.add(n // SHARD)
        out.append(n)
    return out


def _rank(row: SearchRow, q: str) -> int:
    name = normalise(row.name)
    if name.startswith(q):
        return 0
    if q in name:
        return 1
    if q in normalise(row.community):
        return 2
    return 3


def _deltas(numbers: list[int]) -> list[int]:
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]
