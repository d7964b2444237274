"""Imposition: single-page PDFs placed several to a sheet, each cut to its TrimBox, with cut marks.

The print shop's sheet of door stickers is made from the very pages of the single stickers, so the
two can never differ and the sheet costs no second rendering. Each single page becomes a Form XObject
(ISO 32000-1 §8.10) whose bounding box is the page's TrimBox: its bleed and crop marks are clipped
away, and neighbouring stickers abut on the sheet. Cut marks are drawn in black ink only (K 100 %,
inks.PRINT.black), in the sheet's margins.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .assemble import finish

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import IndirectObject

MM = 72 / 25.4


@dataclass(frozen=True)
class SheetLayout:
    """Where items go on a sheet; all lengths in mm, measured from the sheet's top-left corner."""

    size: tuple[float, float]
    """Sheet width and height (its MediaBox, BleedBox and TrimBox)."""
    slots: tuple[tuple[float, float], ...]
    """Top-left corner of each item's trimmed area, in filling order."""
    cuts: tuple[tuple[float, float, float, float], ...] = ()
    """Cut marks: x, y, width, height rectangles, drawn on every sheet."""


def impose(singles: Sequence[bytes], layout: SheetLayout, created: str | None = None) -> bytes:
    """The first page of each of `singles`, len(layout.slots) to a sheet, as one reproducible PDF/X file."""
    from pypdf import PdfReader, PdfWriter

    if not singles:
        raise ValueError("nothing to impose")
    readers = [PdfReader(io.BytesIO(s)) for s in singles]
    writer = PdfWriter()
    per = len(layout.slots)
    for start in range(0, len(readers), per):
        _sheet(writer, [r.pages[0] for r in readers[start : start + per]], layout)
    digest = hashlib.md5(b"".join(singles) + (created or "").encode(), usedforsecurity=False).digest()
    return finish(writer, readers[0], digest, created)


def _sheet(writer: PdfWriter, pages: list[PageObject], layout: SheetLayout) -> None:
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    width, height = layout.size
    sheet = writer.add_blank_page(width * MM, height * MM)
    box = ArrayObject(FloatObject(round(v * MM, 6)) for v in (0, 0, width, height))
    for key in ("/MediaBox", "/BleedBox", "/TrimBox"):
        sheet[NameObject(key)] = box
    forms = DictionaryObject()
    ops = []
    for i, (page, (left, top)) in enumerate(zip(pages, layout.slots, strict=False)):
        x0, y0, _, y1 = (float(v) for v in page.trimbox)
        name = f"/P{i}"
        forms[NameObject(name)] = _form(writer, page)
        # The trim box's lower-left corner goes to the slot's lower-left corner (PDF y grows upwards).
        tx, ty = left * MM - x0, (height - top) * MM - (y1 - y0) - y0
        ops.append(f"q 1 0 0 1 {tx:.4f} {ty:.4f} cm {name} Do Q")
    for x, y, w, h in layout.cuts:
        ops.append(f"q 0 0 0 1 k {x * MM:.4f} {(height - y - h) * MM:.4f} {w * MM:.4f} {h * MM:.4f} re f Q")
    content = DecodedStreamObject()
    content.set_data("\n".join(ops).encode())
    sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode(level=9))
    sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a Form XObject clipped to its TrimBox."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject([FloatObject(float(v)) for v in page.trimbox])
    form[NameObject("/Resources")] = page["/Resources"].clone(writer)
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].clone(writer)
    return writer._add_object(form.flate_encode(level=9))
