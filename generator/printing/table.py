"""The station table (分布示意一览表): the same rows as PDF (A4 landscape), CSV and XLSX.

Numbers follow the order of stations.yaml and match the markers of the guide map.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from jinja2 import Environment

from ..data.hours import describe_hours
from ..data.model import Network
from ..render import STATUS_LABEL

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
HEADER = ("编号", "名称", "地址", "电话", "开放时间", "服务", "状态")


@dataclass(frozen=True)
class Row:
    """One station as the table shows it."""

    number: int
    id: str
    name: str
    address: str
    phones: str
    hours: str
    services: str
    status: str
    demo: bool

    def cells(self) -> tuple[str | int, ...]:
        """Values in HEADER order."""
        return (self.number, self.name, self.address, self.phones, self.hours, self.services, self.status)


def station_rows(network: Network) -> list[Row]:
    """Every station, numbered from 1 in data order."""
    rows = []
    for number, st in enumerate(network.stations, 1):
        services = [network.service_by_id[s].name for s in st.services] + [e.name for e in st.extra_services]
        rows.append(
            Row(
                number,
                st.id,
                st.name,
                st.address,
                "、".join(st.phones),
                "；".join(describe_hours(st.schedule)),
                "、".join(services),
                STATUS_LABEL[st.status],
                st.demo,
            )
        )
    return rows


def to_csv(rows: list[Row]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel on Windows reads the Chinese as GBK mojibake."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180 line endings
    writer.writerow(HEADER)
    writer.writerows(r.cells() for r in rows)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def to_xlsx(rows: list[Row], title: str, stamp: datetime) -> bytes:
    """An Excel workbook with one sheet; document dates and zip entry times pinned to `stamp`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "驿站一览"
    ws.append(HEADER)
    for r in rows:
        ws.append(r.cells())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFG", (6, 26, 40, 22, 36, 50, 10), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    naive = stamp.replace(tzinfo=None)
    wb.properties.title = title
    wb.properties.creator = title
    wb.properties.created = naive
    wb.properties.modified = naive
    buf = io.BytesIO()
    wb.save(buf)
    return _pin_zip_times(buf.getvalue(), naive)


def _pin_zip_times(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with fixed entry times and modified date: openpyxl stamps both with the wall clock."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                body = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def table_html(env: Environment, network: Network, rows: list[Row], created: str) -> str:
    """The A4 landscape table document for WeasyPrint."""
    return env.get_template("print/table.html").render(network=network, rows=rows, header=HEADER, created=created)
