"""The print centre's catalogue: every print file with its paper size, page count and the date of the data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PrintFile:
    """One file under print/, as the print-centre page lists it."""

    rel: str
    """Path under the site, e.g. print/stations.pdf."""
    title: str
    paper: str
    pages: int | None = None
    """None for files that are not paged (CSV, XLSX, SVG)."""
    section: str = ""

    @property
    def href(self) -> str:
        """The link from the print-centre page (which lives at print/)."""
        return self.rel.removeprefix("print/")

    @property
    def kind(self) -> str:
        """PDF, SVG, CSV or XLSX."""
        return Path(self.rel).suffix.lstrip(".").upper()


def page_count(path: Path) -> int:
    """Pages of a PDF (read with pypdf: a count, not a render)."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def poster_paper(paper: str, bleed_mm: float) -> str:
    """`A4 竖版 210 × 297 mm，含 3 mm 出血和裁切线`."""
    size = {"A4": "210 × 297", "A3": "297 × 420"}[paper]
    bleed = f"，另加 {bleed_mm:g} mm 出血和裁切线" if bleed_mm else ""
    return f"{paper} 竖版 {size} mm{bleed}"


PAPER_TABLE = "A4 横版 297 × 210 mm"
PAPER_MAP = "A3 横版 420 × 297 mm"
PAPER_CARD = "A4 横版 297 × 210 mm，双面，三折成 99 × 210 mm"
PAPER_STICKER = "100 × 100 mm 方形，另加 2 mm 出血和裁切线"
PAPER_STICKER_SHEET = "A4 竖版 210 × 297 mm，每张 4 枚，带裁切线"
