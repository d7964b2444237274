"""The print manifest: every station URL ever printed, so that no printed QR code ever breaks.

`print-manifest.json` (committed, beside mkdocs.yml) holds one entry per station id with the URL,
the date it was first issued and its printed number, sorted by id. The build appends new stations
and refuses to build when an issued id has disappeared from the data: a deleted station would turn
every poster already on a wall into a dead link. Closing a station (status: closed) keeps its page.

Numbers (编号 on the table, the guide map, the card and the stickers) are assigned once, the first
time a station is printed, and never change or get reused: maps handed out keep matching new
tables when a station is inserted in the middle of stations.yaml. New stations get the next
numbers in data order. A manifest written before numbers existed gets them the first time, in the
order of (first issued, position in stations.yaml): until then the table numbered stations by
their position in the file, so every number already on paper stays what it was.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..data.jsonpos import array_entries
from ..data.limits import MANIFEST_FILE, check_file_size
from ..data.model import Network
from ..errors import BuildError, DataError
from ..i18n import tr
from .qr import station_payload

MANIFEST_NAME = "print-manifest.json"


class ManifestError(BuildError):
    """An issued URL would no longer resolve, or the manifest file is unreadable."""


@dataclass(frozen=True, order=True)
class Issued:
    """One printed URL; `line` is where its entry is in the manifest file (0 for a new one)."""

    id: str
    url: str
    first_issued: date
    number: int = 0
    """The printed number; 0 only while loading an entry written before numbers existed."""
    line: int = field(default=0, compare=False)


def load_manifest(path: Path, display_name: str = MANIFEST_NAME) -> list[Issued]:
    """The issued URLs, or an empty list when nothing has been printed yet; every problem located."""
    if not path.exists():
        return []
    too_large = check_file_size(path, display_name, MANIFEST_FILE)
    if too_large is not None:
        raise ManifestError([too_large])
    try:
        text = path.read_bytes().decode("utf-8")
        raw = json.loads(text)
    except UnicodeDecodeError:
        message = tr("不是 UTF-8 编码的文本", "not UTF-8 text")
        raise ManifestError([DataError(display_name, 1, 1, message, _restore())]) from None
    except json.JSONDecodeError as exc:
        message = tr(f"JSON 格式不对，读不下去（{exc.msg}）", f"cannot read it: {exc.msg}")
        raise ManifestError([DataError(display_name, exc.lineno, exc.colno, message, _restore())]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("issued"), list):
        message = tr("没有 issued 列表", "there is no issued list")
        raise ManifestError([DataError(display_name, 1, 1, message, _restore())])
    entries, errors = [], []
    for i, ((line, col), entry) in enumerate(array_entries(text, "issued")):
        try:
            entries.append(_issued(entry, line))
        except (ValueError, KeyError, TypeError) as exc:
            message = tr(f"第 {i + 1} 项写法不对：{_reason(exc)}", f"entry {i + 1} is malformed: {_reason(exc)}")
            errors.append(DataError(display_name, line, col, message, _restore()))
    if errors:
        raise ManifestError(errors)
    _check_numbers(entries, display_name)
    return sorted(entries)


def _issued(entry: Any, line: int) -> Issued:
    if not isinstance(entry, dict):
        raise TypeError(tr('应该是 {"id": …, "url": …, "first_issued": …}', "expected an object"))
    for key in ("id", "url", "first_issued"):
        if not isinstance(entry.get(key), str):
            raise KeyError(key)
    return Issued(entry["id"], entry["url"], _date(entry["first_issued"]), _number(entry), line)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(tr(f"first_issued {text!r} 不是日期", f"first_issued {text!r} is not a date")) from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        key = exc.args[0]
        return tr(f"缺少文字字段 {key!r}", f"missing text field {key!r}")
    return str(exc)


def _number(entry: dict[str, object]) -> int:
    value = entry.get("number", 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        ident = entry.get("id")
        raise ValueError(
            tr(
                f"{ident!r} 的编号 {value!r} 不是正整数",
                f"number of {ident!r} is {value!r}, not a positive whole number",
            )
        )
    return value


def _check_numbers(entries: list[Issued], display_name: str) -> None:
    """Two entries with one number would make the table and the map disagree: refuse, located."""
    seen: dict[int, Issued] = {}
    errors = []
    for e in sorted(entries, key=lambda e: e.line):
        if e.number and e.number in seen:
            first = seen[e.number].id
            message = tr(
                f"编号 {e.number} 同时给了 {first!r} 和 {e.id!r}",
                f"number {e.number} is given to both {first!r} and {e.id!r}",
            )
            errors.append(DataError(display_name, e.line, 1 if e.line else 0, message, _restore()))
        seen.setdefault(e.number, e)
    if errors:
        raise ManifestError(errors)


def _restore() -> str:
    return tr(
        "从版本库恢复它（git checkout print-manifest.json）",
        "restore it from version control (git checkout print-manifest.json)",
    )


def check_manifest(
    issued: list[Issued], network: Network, manifest_name: str = MANIFEST_NAME, data_file: Path | None = None
) -> None:
    """Fail, located at each manifest entry, when a station whose URL was printed is gone from the data.

    With `data_file` in a git checkout, the message also says where the station was in the last commit's
    copy of that file (a copy without history says only which station and which manifest entry).
    """
    missing = [e for e in issued if e.id not in network.station_by_id]
    if not missing:
        return
    data_name = data_file.name if data_file is not None else "stations.yaml"
    committed = committed_lines(data_file, {e.id for e in missing}) if data_file is not None else {}
    hint = tr(
        f"印过海报的驿站不能删除：把它放回 {data_name}，写上 `status: closed`（可以再加 `successor:`），"
        "页面会保留，并把骑手引到最近的开放驿站",
        f"do not delete a station that was printed: put it back in {data_name} with `status: closed`"
        " (and optionally `successor:`), which keeps its page and sends riders to the nearest open station",
    )
    errors = []
    for e in missing:
        was = committed.get(e.id)
        where = tr(f"，上一次提交时它写在 {data_name} 第 {was} 行", f" (line {was} in the last commit)") if was else ""
        message = tr(
            f"驿站 {e.id!r} 的网址 {e.url} 在 {e.first_issued} 印上了海报，但 {data_name} 里已经没有这个驿站{where}",
            f"station {e.id!r} was printed as {e.url} on {e.first_issued} but is no longer in {data_name}{where}",
        )
        errors.append(DataError(manifest_name, e.line, 1 if e.line else 0, message, hint))
    raise ManifestError(errors)


_ID_LINE = re.compile(r"^\s*(?:-\s+)?(?:\{\s*)?id:\s*[\"']?([a-z0-9-]+)[\"']?\s*(?:[,}]|$)")


def committed_lines(data_file: Path, ids: set[str]) -> dict[str, int]:
    """Line of each station id in the last commit's copy of `data_file`; empty without git or history."""
    try:
        text = subprocess.run(
            ["git", "show", f"HEAD:./{data_file.name}"],
            cwd=data_file.parent,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = _ID_LINE.match(line)
        if m and m.group(1) in ids:
            found.setdefault(m.group(1), number)
    return found


def moved_urls(issued: list[Issued], network: Network, base_url: str) -> list[str]:
    """Printed URLs that differ from what would be printed now (site_url changed): old posters need a redirect."""
    notes = []
    for e in issued:
        station = network.station_by_id.get(e.id)
        now = station_payload(base_url, station) if station else e.url
        if now != e.url:
            notes.append(
                tr(
                    f"驿站 {e.id!r}：{e.first_issued} 起印的海报指向 {e.url}，新海报指向 {now}；"
                    "旧网址要一直跳转到新网址",
                    f"station {e.id!r}: posters printed since {e.first_issued} point to {e.url}, new ones to "
                    f"{now}; keep the old address redirecting",
                )
            )
    return notes


def with_new_stations(issued: list[Issued], network: Network, base_url: str, today: date) -> list[Issued]:
    """The manifest plus an entry for every station not printed before, every entry numbered; sorted by id.

    Entries keep their numbers. Unnumbered (older) entries, then new stations, take the numbers
    after the highest one ever given, in (first issued, data order) order.
    """
    position = {s.id: i for i, s in enumerate(network.stations)}
    known = {e.id for e in issued}
    new = [Issued(s.id, station_payload(base_url, s), today) for s in network.stations if s.id not in known]
    numbered = [e for e in issued if e.number]
    waiting = sorted((e for e in issued if not e.number), key=lambda e: (e.first_issued, position.get(e.id, 0), e.id))
    top = max((e.number for e in numbered), default=0)
    given = [replace(e, number=top + i) for i, e in enumerate(waiting + new, 1)]
    return sorted(numbered + given)


def dump_manifest(issued: list[Issued]) -> str:
    """Stable text: sorted, one entry per line, so diffs show exactly which URLs were added."""
    rows = ",\n".join("    " + json.dumps(_entry(e), ensure_ascii=False) for e in sorted(issued))
    note = (
        "Every station URL ever printed, with its printed number. Never remove an entry or change a number;"
        " close stations instead of deleting them."
    )
    return f'{{\n  "note": {json.dumps(note)},\n  "issued": [\n{rows}\n  ]\n}}\n'


def _entry(e: Issued) -> dict[str, object]:
    entry: dict[str, object] = {"id": e.id, "url": e.url, "first_issued": e.first_issued.isoformat()}
    if e.number:
        entry["number"] = e.number
    return entry


def numbers(issued: list[Issued]) -> dict[str, int]:
    """The printed number of every station id."""
    return {e.id: e.number for e in issued}


def issued_dates(issued: list[Issued]) -> dict[str, date]:
    """First-issued date per id (used as each poster's PDF creation date)."""
    return {e.id: e.first_issued for e in issued}
