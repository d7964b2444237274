"""Text that grows with the network, set directly as PDF operators over pages WeasyPrint drew.

WeasyPrint lays out every line of text through Pango and its box model, about 0.6 ms a line: a
10,000-station table is 118,000 cell lines and took 84 s of CPU. What does not grow with the network
(title blocks, the bee mark, the sample mark) is still drawn by WeasyPrint from the templates; the
rows are set here in the same font (Noto Sans CJK SC through HarfBuzz, fontface.py) with the same
metrics a browser uses (advances, ascender and descender for the line box), broken into lines by the
Chinese rules below, and written as text and rectangle operators (ISO 32000-1 §8–9) on a `Page`.
`overlay` then puts each `Page` under a page of the WeasyPrint document, so PDF/X's output intent,
XMP packet, page boxes and the sample mark stay as WeasyPrint wrote them.

Line breaking (GB/T 15834 and the JIS X 4051 rules CSS calls `line-break: normal`): a break may
fall between any two Chinese characters, and at spaces in Latin text; closing punctuation never
starts a line and opening punctuation never ends one; a word wider than the line is cut by letters.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from .fontface import Face, face

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import IndirectObject

MM = 72 / 25.4
CMYK = tuple[float, float, float, float]
# Characters that may not start a line (closing marks) or end one (opening marks).
NO_START = set("，。、；：！？）」』》〉】〕］｝’”…—·,.;:!?)]}%％‰〃々ー")
NO_END = set("（「『《〈【〔［｛‘“([{")
# A Latin word, a number or a time range ("08:30–17:30") is never broken inside (UAX #14 classes AL, NU).
_WORD = re.compile(r"[A-Za-z0-9_@#&/\-.+'’:–~]+|\s+|.", re.S)


@dataclass
class Font:
    """A face at one weight in one document: the glyphs used so far and their text."""

    face: Face
    name: str
    used: dict[int, str] = field(default_factory=dict)
    _units: dict[str, int] = field(default_factory=dict, repr=False)
    _codes: dict[str, str] = field(default_factory=dict, repr=False)

    def width(self, text: str, size: float) -> float:
        """Advance width of `text` at `size` points, in points."""
        units = self._units
        try:
            total = sum(units[c] for c in text)
        except KeyError:
            for c in text:
                if c not in units:
                    units[c] = self.face.advance(self.face.glyph(c))
            total = sum(units[c] for c in text)
        return total * size / self.face.upem

    def encode(self, text: str) -> str:
        """`text` as hex glyph ids (Identity-H), recording each glyph's text for ToUnicode."""
        codes = self._codes
        try:
            return "".join(codes[c] for c in text)
        except KeyError:
            for c in text:
                if c not in codes:
                    gid = self.face.glyph(c)
                    self.used.setdefault(gid, c)
                    codes[c] = f"{gid:04x}"
            return "".join(codes[c] for c in text)


@dataclass
class Fonts:
    """The regular and bold faces a document sets its text in.

    `charset`, when given, is embedded in both faces whatever the document uses: files that share it
    (the parts of one table) share one subset, made once per process instead of once per file.
    """

    regular: Font = field(default_factory=lambda: Font(face(False), "BeeR"))
    bold: Font = field(default_factory=lambda: Font(face(True), "BeeB"))
    charset: str = ""

    def get(self, bold: bool) -> Font:
        """The bold or the regular font."""
        return self.bold if bold else self.regular


class Texts(Protocol):
    """A layer that can say what text it sets."""

    def texts(self) -> Iterable[str]:
        """Every text the layer sets."""
        ...


L = TypeVar("L", bound=Texts)


def shared_charset(layers: Sequence[L]) -> list[L]:
    """The layers (dataclasses with a `charset` field), each told every character all of them set.

    Files that share a charset share one font subset (Fonts.charset): a worker process makes it
    once for all the parts of a table, map or card instead of once per file.
    """
    charset = "".join(sorted({c for layer in layers for text in layer.texts() for c in text}))
    return [cast(L, replace(cast(Any, layer), charset=charset)) for layer in layers]


def ink(name: str) -> CMYK:
    """A colour of the print palette (inks.PRINT) by name, as the four values a `k` operator takes."""
    from .inks import PRINT, cmyk_values

    values = cmyk_values(getattr(PRINT, name))
    assert values is not None, name  # every PRINT colour is a device-cmyk() value (inks.py)
    return values


def first_baseline(font: Font, size: float, line_height: float) -> float:
    """Where the baseline sits below the top of a line box `line_height` points high (CSS inline layout).

    Half the leading above the font's ascender: the content area is ascender + descender (hhea), as
    browsers and WeasyPrint place text.
    """
    f = font.face
    content = (f.ascender + f.descender) / f.upem * size
    return (line_height - content) / 2 + f.ascender / f.upem * size


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word, a run of spaces or one other character, with kinsoku glue applied."""
    pieces = [m.group(0) for m in _WORD.finditer(text)]
    out: list[str] = []
    glue_next = False
    for p in pieces:
        if out and (glue_next or p[0] in NO_START) and not p.isspace():
            out[-1] += p
        else:
            out.append(p)
        glue_next = p[-1] in NO_END
    return out


def wrap(text: str, font: Font, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` points (a longer word is cut by letters)."""
    text = " ".join(text.split("\n"))
    if font.width(text, size) <= width + 1e-6:
        return [text.strip()]
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        w = font.width(token, size)
        if token.isspace():
            if line:
                line, used = line + " ", used + w
            continue
        if used + w > width + 1e-6 and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0.0
        while w > width + 1e-6 and len(token) > 1:  # a word or glued run wider than the column
            cut = _fit(token, font, size, width - used)
            lines.append((line + token[:cut]).rstrip())
            token, line, used = token[cut:], "", 0.0
            w = font.width(token, size)
        line, used = line + token, used + w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _fit(token: str, font: Font, size: float, room: float) -> int:
    """How many leading characters of `token` fit in `room` points (at least one)."""
    used = 0.0
    for i, c in enumerate(token):
        used += font.width(c, size)
        if used > room + 1e-6:
            return max(i, 1)
    return len(token)


@dataclass
class Page:
    """One page's operators, in points from the page's bottom left (PDF user space)."""

    height: float
    ops: list[str] = field(default_factory=list)

    def rect(self, x: float, top: float, w: float, h: float, ink: CMYK) -> None:
        """A filled rectangle; x and top in points from the page's top left."""
        self.ops.append(f"{_ink(ink)} k {x:.2f} {self.height - top - h:.2f} {w:.2f} {h:.2f} re f")

    def text(self, x: float, baseline: float, text: str, font: Font, size: float, ink: CMYK) -> None:
        """`text` on one line from x, its baseline `baseline` points below the page's top."""
        if text:
            y = self.height - baseline
            self.ops.append(f"BT {_ink(ink)} k /{font.name} {size:g} Tf {x:.2f} {y:.2f} Td <{font.encode(text)}> Tj ET")

    def stream(self) -> bytes:
        """The content stream, saved and restored so the page's own drawing is unaffected."""
        return ("q\n" + "\n".join(self.ops) + "\nQ\n").encode("ascii")


def _ink(ink: CMYK) -> str:
    return " ".join(f"{v:g}" for v in ink)


def overlay(frame: bytes, pages: Sequence[tuple[int, Page]], fonts: Fonts, key: str) -> bytes:
    """A PDF whose pages are the `frame` document's pages (by index) with each `Page`'s text beneath.

    Underneath, so what WeasyPrint drew last (the sample mark, at half opacity) stays on top. The
    output intent, XMP packet, info and page boxes are the frame's; ids derive from `key`.
    """
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    from .assemble import finish

    reader = _frame_reader(frame)
    writer = PdfWriter()
    font_refs = {f.name: _embed(writer, f, fonts.charset) for f in (fonts.regular, fonts.bold) if f.used}
    templates = [writer.add_page(p) for p in reader.pages]
    resources = [_resources(writer, t, font_refs) for t in templates]
    contents = [t.raw_get("/Contents") for t in templates]
    for t in templates:
        writer.remove_page(t)
    for index, page in pages:
        ours = DecodedStreamObject()
        ours.set_data(page.stream())
        new = writer.add_blank_page(1, 1)
        for k, v in templates[index].items():
            if k not in ("/Contents", "/Resources", "/Parent"):
                new[NameObject(k)] = v
        new[NameObject("/Resources")] = resources[index]
        new[NameObject("/Contents")] = ArrayObject([writer._add_object(ours.flate_encode()), contents[index]])
    digest = hashlib.md5(frame + key.encode(), usedforsecurity=False).digest()
    return finish(writer, reader, digest)


_frames: dict[bytes, PdfReader] = {}


def _frame_reader(frame: bytes) -> PdfReader:
    """The parsed frame, kept for the next part: every part of a kind of sheet shares one frame."""
    from pypdf import PdfReader

    digest = hashlib.sha256(frame).digest()
    if digest not in _frames:
        _frames.clear()
        _frames[digest] = PdfReader(io.BytesIO(frame))
    return _frames[digest]


def _resources(writer: PdfWriter, template: PageObject, fonts: dict[str, IndirectObject]) -> IndirectObject:
    """The template page's resources with our fonts added, shared by every page made from it."""
    from pypdf.generic import DictionaryObject, NameObject

    own = DictionaryObject()
    for k, v in cast(DictionaryObject, template["/Resources"].get_object()).items():
        own[NameObject(k)] = v
    merged = DictionaryObject()
    if "/Font" in own:
        merged.update(cast(DictionaryObject, own["/Font"].get_object()))
    merged.update({NameObject("/" + name): ref for name, ref in fonts.items()})
    own[NameObject("/Font")] = merged
    return writer._add_object(own)


def _embed(writer: PdfWriter, font: Font, charset: str = "") -> IndirectObject:
    """The Type 0 font for `font`'s used glyphs: CFF subset, widths, ToUnicode (ISO 32000-1 §9.7, §9.10.3)."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    f = font.face
    gids = sorted(font.used)
    program = StreamObject()
    program._data = f.subset(set(gids) | {f.glyph(c) for c in charset})  # already deflated
    program[NameObject("/Filter")] = NameObject("/FlateDecode")
    program[NameObject("/Subtype")] = NameObject("/OpenType")
    tag = "".join(chr(65 + b % 26) for b in hashlib.md5(bytes(str(gids), "ascii")).digest()[:6])
    base = NameObject(f"/{tag}+NotoSansCJKsc-{'Bold' if font.name == 'BeeB' else 'Regular'}")
    scale = 1000 / f.upem
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): base,
            NameObject("/Flags"): NumberObject(4),
            NameObject("/FontBBox"): ArrayObject(
                [NumberObject(v) for v in (-1000, round(-f.descender * scale), 3000, round(f.ascender * scale))]
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(round(f.ascender * scale)),
            NameObject("/Descent"): NumberObject(round(-f.descender * scale)),
            NameObject("/CapHeight"): NumberObject(733),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile3"): writer._add_object(program),
        }
    )
    widths = ArrayObject()
    for gid in gids:
        widths += [NumberObject(gid), ArrayObject([FloatObject(round(f.advance(gid) * scale, 3))])]
    cid = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType0"),
            NameObject("/BaseFont"): base,
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
            NameObject("/W"): widths,
        }
    )
    cmap = DecodedStreamObject()
    cmap.set_data(_to_unicode(font.used))
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type0"),
                NameObject("/BaseFont"): base,
                NameObject("/Encoding"): NameObject("/Identity-H"),
                NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
                NameObject("/ToUnicode"): writer._add_object(cmap.flate_encode()),
            }
        )
    )


def _to_unicode(used: dict[int, str]) -> bytes:
    """A ToUnicode CMap (ISO 32000-1 §9.10.3): glyph id → the text it was set for, so text can be copied."""
    head = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
    )
    items = sorted(used.items())
    body = []
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        body.append(f"{len(chunk)} beginbfchar")
        body += [f"<{g:04x}> <{c.encode('utf-16-be').hex()}>" for g, c in chunk]
        body.append("endbfchar")
    tail = "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    return (head + "\n".join(body) + tail).encode("ascii")
