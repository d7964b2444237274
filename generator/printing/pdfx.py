"""PDF/X for print shops: the variant, its output intent (an ICC profile from a Debian package), stable ids.

PDF/X (ISO 15930) is the exchange format print shops ask for: fonts embedded, page boxes set,
and an output intent naming the printing condition the colours were prepared for. WeasyPrint 70
writes the PDF/X info and XMP keys for `pdf_variant=`, but an /OutputIntents entry only when the
document declares a colour profile with CSS `@color-profile`; `profile_css()` declares it.

The profile is Artifex's "CMYK SWOP" profile from Debian's libgs-common
(/usr/share/color/icc/ghostscript/default_cmyk.icc, Ghostscript's own default CMYK space): a free
profile for offset printing on coated paper, the common case for posters and stickers.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import cache
from pathlib import Path

from .printenv import PrintEnvironmentError

# ISO 15930-7 (PDF/X-4) as WeasyPrint names it; "none" writes plain PDF. PDF/X-1a and X-3 forbid
# transparency, which the sample mark uses, so they are not offered.
VARIANTS = ("pdf/x-4", "none")
DEFAULT_VARIANT = "pdf/x-4"
ICC_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
ICC_PACKAGE = "libgs-common"
ICC_NAME = "Artifex CMYK SWOP Profile"
# WeasyPrint's XMP packet for PDF/X-4 carries a random xmpMM:DocumentID (uuid4) in an
# uncompressed stream; replacing it with a same-length UUID derived from the content keeps
# every object offset and makes two renderings byte-identical.
_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The trailer's file identifier (ISO 32000-1 §14.4), which pydyf hashes from the objects, the random
# XMP id included: replaced the same way, in the same number of bytes.
_FILE_ID = re.compile(rb"/ID \[\([0-9a-f]{32}\) \([0-9a-f]{32}\)\]")


def require_profile(path: Path = ICC_PROFILE) -> Path:
    """The output-intent profile, or a clear error naming the Debian package that ships it."""
    if not path.is_file():
        raise PrintEnvironmentError(
            f"the CMYK colour profile {path} is missing, so the PDF/X print files cannot name their output intent",
            f"install Debian's {ICC_PACKAGE} (scripts/system-deps does it), or set print: pdf_variant: none",
        )
    return path


@cache
def profile_digest(path: Path = ICC_PROFILE) -> str:
    """SHA-256 of the profile's bytes: part of every PDF's cache key (the profile is embedded)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "none"


def profile_css(variant: str | None, path: Path = ICC_PROFILE) -> str:
    """The `@color-profile` rule that makes WeasyPrint write the output intent, or nothing for plain PDF."""
    if not variant or variant == "none":
        return ""
    # No rendering-intent descriptor: WeasyPrint knows none (it warned on every document) and writes none into
    # the output intent, so the RIP applies its default, relative colorimetric for proofs and print.
    return f"@color-profile device-cmyk {{ src: url({path.as_uri()}); components: cyan, magenta, yellow, black; }}"


def writer_variant(variant: str | None) -> str | None:
    """What to pass to WeasyPrint's `write_pdf(pdf_variant=…)`."""
    return None if not variant or variant == "none" else variant


def pin_document_id(data: bytes, key: str) -> bytes:
    """Replace WeasyPrint's random XMP DocumentID, and the file ID hashed from it, with ids derived from `key`."""
    stable = uuid.uuid5(uuid.NAMESPACE_URL, "bee-print:" + key)
    data = _DOCUMENT_ID.sub(f"xmp.did:{stable}".encode(), data)
    return _FILE_ID.sub(f"/ID [({stable.hex}) ({stable.hex})]".encode(), data)
