"""Several PDFs as one file for the print shop, or one rendered document as several files; boxes and PDF/X kept.

poppler's pdfunite drops each page's TrimBox and BleedBox (every page of the joined file then had
TrimBox = MediaBox, the bleed size, so a shop trimming to the TrimBox cut the wrong size). pypdf
copies each page dictionary whole: MediaBox, BleedBox and TrimBox survive (ISO 32000-1 §14.11.2).
The parts were rendered with the same variant and output intent, so the first part's
/OutputIntents, XMP metadata and document info describe the joined file too (ISO 15930-7 §6.2).

Splitting is the reverse: many small files (one door sticker each) rendered as one document pay
WeasyPrint's fixed costs (style sheets, font subsetting, the colour profile) once. Each page keeps
its own dictionary, and with it its boxes; it takes only the resources its content names (WeasyPrint
gives all pages of a document one shared resource dictionary), the document's output intent, XMP
packet and info (with the file's own creation date when given) and the embedded font subsets.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from .pdfx import pin_document_id

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, PdfObject

_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of `parts` in order, as one reproducible PDF (its ids derive from the parts' bytes)."""
    from pypdf import PdfReader, PdfWriter

    if not parts:
        raise ValueError("nothing to merge")
    digest = hashlib.md5(b"".join(parts), usedforsecurity=False).digest()
    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(p)) for p in parts]
    for reader in readers:
        writer.append(reader, import_outline=False)
    return finish(writer, readers[0], digest)


def split_pdf(
    data: bytes, created: Sequence[str | None] | None = None, sizes: Sequence[int] | None = None
) -> list[bytes]:
    """`data` as reproducible PDFs of `sizes` pages each (one page each by default).

    `created` (ISO 8601, one per file; None keeps the document's own) dates each file.
    """
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    sizes = list(sizes) if sizes is not None else [1] * len(reader.pages)
    dates = list(created) if created is not None else [None] * len(sizes)
    if sum(sizes) != len(reader.pages) or len(dates) != len(sizes):
        raise ValueError(f"{len(reader.pages)} pages cannot make files of {sizes} pages with {len(dates)} dates")
    out, first = [], 0
    for i, (size, when) in enumerate(zip(sizes, dates, strict=True)):
        writer = PdfWriter()
        for page in reader.pages[first : first + size]:
            writer.add_page(_own_resources(page))
        first += size
        digest = hashlib.md5(data + i.to_bytes(4, "big") + (when or "").encode(), usedforsecurity=False).digest()
        out.append(finish(writer, reader, digest, when))
    return out


def _own_resources(page: PageObject) -> PageObject:
    """The page with a resource dictionary of its own, holding only what its content stream names."""
    from pypdf.generic import DictionaryObject, NameObject

    contents = page.get_contents()
    used = set(_NAME.findall(contents.get_data())) if contents is not None else set()
    shared = cast(DictionaryObject, page["/Resources"].get_object())
    own = DictionaryObject()
    for kind, entries in shared.items():
        entries = entries.get_object()
        if isinstance(entries, DictionaryObject):
            kept = {NameObject(k): entries.raw_get(k) for k in entries if k[1:].encode() in used}
            own[NameObject(kind)] = DictionaryObject(kept)
        else:
            own[NameObject(kind)] = shared.raw_get(kind)
    page[NameObject("/Resources")] = own
    return page


def finish(writer: PdfWriter, source: PdfReader, digest: bytes, created: str | None = None) -> bytes:
    """Give `writer` the output intent, XMP packet and info of `source`, content-derived ids, and write it."""
    from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject

    root = cast(DictionaryObject, source.trailer["/Root"].get_object())
    if "/OutputIntents" in root:
        writer._root_object[NameObject("/OutputIntents")] = root.raw_get("/OutputIntents").clone(writer)
    if "/Metadata" in root:
        writer._root_object[NameObject("/Metadata")] = _xmp(writer, root, created)
    if source.metadata:
        info: dict[str, Any] = dict(source.metadata)
        if created:
            stamp = "D:" + re.sub(r"\D", "", created[:19]) + "Z"
            info.update({"/CreationDate": stamp, "/ModDate": stamp})
        writer.add_metadata(info)
    # ISO 32000-1 §14.4: the file identifier should be computed from the content, not the clock.
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    _deduplicate(writer)
    out = io.BytesIO()
    writer.write(out)
    return pin_document_id(out.getvalue(), digest.hex())


def _xmp(writer: PdfWriter, root: DictionaryObject, created: str | None) -> PdfObject:
    """The XMP packet of `root` for the new file, its dates set to `created` when given."""
    from pypdf.generic import DecodedStreamObject, NameObject, StreamObject

    if not created:
        return root.raw_get("/Metadata").clone(writer)
    xmp = cast(StreamObject, root["/Metadata"].get_object())
    stamp = created.encode()
    packet = DecodedStreamObject()
    packet.update({NameObject(k): v.clone(writer) for k, v in xmp.items() if k not in ("/Length", "/Filter")})
    packet.set_data(_XMP_DATE.sub(lambda m: b"<xmp:%s>%s</xmp:%s>" % (m[1], stamp, m[1]), xmp.get_data()))
    return writer._add_object(packet)


def _deduplicate(writer: PdfWriter) -> None:
    """Keep one copy of identical objects: every part embeds the same ICC profile, often the same fonts.

    One pass merges identical font programs; the descriptors and font dictionaries that pointed at
    the copies only become identical then, so passes repeat until nothing changes.
    """
    count = -1
    while count != (count := sum(o is not None for o in writer._objects)):
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
