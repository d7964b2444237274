"""CSV output: stations.csv (flat, both datums) and the cell escaping every CSV file here uses."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from .public import PublicStation

BOM = b"\xef\xbb\xbf"
# OWASP "CSV Injection": a cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"

STATION_COLUMNS = (
    "id", "name", "kind", "community", "demo", "status", "status_since", "successor", "status_note",
    "address", "postal_code", "phones", "opening_hours", "services", "service_names", "extra_services",
    "url", "verified", "wgs84_lng", "wgs84_lat", "gcj02_lng", "gcj02_lat",
)  # fmt: skip


def text_cell(value: str | None) -> str:
    """A text cell that a spreadsheet shows as text: a leading formula character gets a `'` (OWASP)."""
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed); cells must already be strings."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def csv_lines(rows: Iterable[Sequence[str]]) -> str:
    """Rows as `csv_text` writes them, without a header: the writer keeps nothing from one row to the next, so
    lines written apart and joined are the lines written together."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[str]], batch: int = 1000) -> Iterator[bytes]:
    """The UTF-8 bytes of `csv_text(header, rows)`, `batch` rows at a time: a large table is never one string."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % batch == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _coord(value: float) -> str:
    return f"{value:.6f}"


def station_row(st: PublicStation) -> list[str]:
    """One station's cells, in STATION_COLUMNS order; lists are joined with ';'."""
    join = LIST_SEPARATOR.join
    return [
        st.id,
        text_cell(st.name),
        st.kind,
        text_cell(st.community),
        "true" if st.demo else "false",
        st.status,
        st.status_since.isoformat() if st.status_since else "",
        st.successor or "",
        text_cell(st.status_note),
        text_cell(st.address),
        st.postal_code,
        join(st.phones),
        st.hours,
        join(s.id for s in st.services),
        text_cell(join(s.name for s in st.services)),
        text_cell(join(s.name for s in st.extra_services)),
        st.url,
        st.verified.isoformat() if st.verified else "",
        _coord(st.wgs84[0]),
        _coord(st.wgs84[1]),
        _coord(st.gcj02[0]),
        _coord(st.gcj02[1]),
    ]


def stations_csv(stations: list[PublicStation]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows does not read the Chinese as GBK."""
    return BOM + csv_text(STATION_COLUMNS, (station_row(st) for st in stations)).encode("utf-8")
