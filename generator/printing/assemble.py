"""Several PDFs as one file for the print shop, page boxes and PDF/X output intent kept.

poppler's pdfunite drops each page's TrimBox and BleedBox (every page of the joined file then had
TrimBox = MediaBox, the bleed size, so a shop trimming to the TrimBox cut the wrong size). pypdf
copies each page dictionary whole: MediaBox, BleedBox and TrimBox survive (ISO 32000-1 §14.11.2).
The parts were rendered with the same variant and output intent, so the first part's
/OutputIntents, XMP metadata and document info describe the joined file too (ISO 15930-7 §6.2).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import cast

from .pdfx import pin_document_id


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of `parts` in order, as one reproducible PDF (its ids derive from the parts' bytes)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject

    if not parts:
        raise ValueError("nothing to merge")
    digest = hashlib.md5(b"".join(parts), usedforsecurity=False).digest()
    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(p)) for p in parts]
    for reader in readers:
        writer.append(reader, import_outline=False)
    first = readers[0]
    root = cast(DictionaryObject, first.trailer["/Root"].get_object())
    for key in ("/OutputIntents", "/Metadata"):
        if key in root:
            writer._root_object[NameObject(key)] = root.raw_get(key).clone(writer)
    if first.metadata:
        writer.add_metadata(dict(first.metadata))
    # ISO 32000-1 §14.4: the file identifier should be computed from the content, not the clock.
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    # Every part embeds the same ICC profile (and often the same font subsets): keep one copy.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return pin_document_id(out.getvalue(), digest.hex())
