"""A font face read and subset with HarfBuzz, for text the build sets itself (pdftext.py).

The same libraries WeasyPrint uses (Debian's libharfbuzz0b and libharfbuzz-subset0), through
ctypes: glyph ids and advance widths for setting text, and a subset of the used glyphs for
embedding. Subsetting keeps glyph ids (HB_SUBSET_FLAGS_RETAIN_GIDS) as WeasyPrint does, so the
codes in a content stream are the font's own glyph ids (Identity-H, ISO 32000-1 §9.7.5.2), and
drops the empty tail after the highest used id.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import subprocess
import zlib
from dataclasses import dataclass, field
from functools import cache

from ..i18n import tr
from .printenv import PREFERRED_FAMILY, PrintEnvironmentError

_RETAIN_GIDS, _DESUBROUTINIZE, _PASSTHROUGH = 0x2, 0x4, 0x20
_NO_HINTING = 0x1
_SETS_DROP_TABLE_TAG = 3
# Tables a PDF viewer never reads from an embedded CFF font (WeasyPrint drops the same).
_DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


class _Lib:
    """The HarfBuzz functions used here, with their C signatures."""

    def __init__(self) -> None:
        hb = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        sub = ctypes.CDLL(ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0")
        p, u, c = ctypes.c_void_p, ctypes.c_uint, ctypes.c_char_p
        for lib, name, res, args in (
            (hb, "hb_blob_create_from_file_or_fail", p, [c]),
            (hb, "hb_blob_get_data", p, [p, ctypes.POINTER(u)]),
            (hb, "hb_blob_destroy", None, [p]),
            (hb, "hb_face_create", p, [p, u]),
            (hb, "hb_face_destroy", None, [p]),
            (hb, "hb_face_get_upem", u, [p]),
            (hb, "hb_face_reference_blob", p, [p]),
            (hb, "hb_font_create", p, [p]),
            (hb, "hb_font_get_nominal_glyph", ctypes.c_int, [p, u, ctypes.POINTER(u)]),
            (hb, "hb_font_get_glyph_h_advance", ctypes.c_int32, [p, u]),
            (hb, "hb_font_get_h_extents", ctypes.c_int, [p, ctypes.POINTER(ctypes.c_int32 * 12)]),
            (hb, "hb_set_add", None, [p, u]),
            (hb, "hb_tag_from_string", u, [c, ctypes.c_int]),
            (sub, "hb_subset_input_create_or_fail", p, []),
            (sub, "hb_subset_input_destroy", None, [p]),
            (sub, "hb_subset_input_glyph_set", p, [p]),
            (sub, "hb_subset_input_set", p, [p, ctypes.c_int]),
            (sub, "hb_subset_input_set_flags", None, [p, u]),
            (sub, "hb_subset_or_fail", p, [p, p]),
        ):
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
            setattr(self, name, fn)


@cache
def _lib() -> _Lib:
    try:
        return _Lib()
    except (OSError, AttributeError) as e:
        raise PrintEnvironmentError(
            tr(f"无法加载 HarfBuzz（{e}），打印文件无法排字", f"HarfBuzz cannot be loaded ({e})"),
            tr(
                "请安装 Debian 的 libharfbuzz0b 和 libharfbuzz-subset0（scripts/system-deps 会安装）",
                "install Debian's libharfbuzz0b and libharfbuzz-subset0 (scripts/system-deps does it)",
            ),
        ) from e


@dataclass(eq=False)
class Face:
    """One face of a font file: glyph ids and advances (in font units), and subsets of it."""

    path: str
    index: int
    _face: int = field(repr=False, default=0)
    _font: int = field(repr=False, default=0)
    _glyphs: dict[str, int] = field(repr=False, default_factory=dict)
    _advances: dict[int, int] = field(repr=False, default_factory=dict)
    _last: tuple[frozenset[int], bytes] | None = field(repr=False, default=None)
    upem: int = 1000
    ascender: int = 800
    """Above the baseline, in font units (the font's horizontal extents, as browsers place text)."""
    descender: int = 200

    def __post_init__(self) -> None:
        lib = _lib()
        blob = lib.hb_blob_create_from_file_or_fail(self.path.encode())  # type: ignore[attr-defined]
        if not blob:
            raise PrintEnvironmentError(
                tr(f"字体文件 {self.path} 无法读取", f"the font file {self.path} cannot be read"),
                tr("请重新安装 fonts-noto-cjk", "reinstall fonts-noto-cjk"),
            )
        self._face = lib.hb_face_create(blob, self.index)  # type: ignore[attr-defined]
        lib.hb_blob_destroy(blob)  # type: ignore[attr-defined]  # the face holds its own reference
        self._font = lib.hb_font_create(self._face)  # type: ignore[attr-defined]
        self.upem = lib.hb_face_get_upem(self._face)  # type: ignore[attr-defined]
        extents = (ctypes.c_int32 * 12)()
        if lib.hb_font_get_h_extents(self._font, ctypes.byref(extents)):  # type: ignore[attr-defined]
            self.ascender, self.descender = extents[0], -extents[1]

    def glyph(self, char: str) -> int:
        """The glyph id of `char`, 0 (.notdef) when the face has none."""
        gid = self._glyphs.get(char)
        if gid is None:
            out = ctypes.c_uint(0)
            found = _lib().hb_font_get_nominal_glyph(self._font, ord(char), ctypes.byref(out))  # type: ignore[attr-defined]
            gid = self._glyphs[char] = out.value if found else 0
        return gid

    def advance(self, gid: int) -> int:
        """Horizontal advance of glyph `gid` in font units (the font's scale is its units per em)."""
        width = self._advances.get(gid)
        if width is None:
            width = self._advances[gid] = _lib().hb_font_get_glyph_h_advance(self._font, gid)  # type: ignore[attr-defined]
        return width

    def subset(self, gids: set[int]) -> bytes:
        """An OpenType font with glyphs `gids` (and .notdef) at their own ids, nothing after the highest.

        Deflated (ISO 32000-1 §7.4.4), as it goes into a FlateDecode stream. The last result is kept:
        the parts of one table share one glyph set (pdftext.Fonts.charset), so a worker process
        subsets each face once for all the parts it sets.
        """
        key = frozenset(gids | {0})
        if self._last is None or self._last[0] != key:
            self._last = (key, zlib.compress(self._make_subset(sorted(key))))
        return self._last[1]

    def _make_subset(self, keep: list[int]) -> bytes:
        lib = _lib()
        face = self._subset(self._face, keep, _RETAIN_GIDS | _DESUBROUTINIZE | _PASSTHROUGH)
        try:
            # A second pass without RETAIN_GIDS over 0..max keeps the ids and drops the empty tail.
            tail = self._subset(face, list(range(keep[-1] + 1)), _DESUBROUTINIZE | _PASSTHROUGH | _NO_HINTING)
        finally:
            lib.hb_face_destroy(face)  # type: ignore[attr-defined]
        try:
            blob = lib.hb_face_reference_blob(tail)  # type: ignore[attr-defined]
            size = ctypes.c_uint(0)
            data = lib.hb_blob_get_data(blob, ctypes.byref(size))  # type: ignore[attr-defined]
            out = ctypes.string_at(data, size.value)
            lib.hb_blob_destroy(blob)  # type: ignore[attr-defined]
        finally:
            lib.hb_face_destroy(tail)  # type: ignore[attr-defined]
        return out

    def _subset(self, face: int, gids: list[int], flags: int) -> int:
        lib = _lib()
        plan = lib.hb_subset_input_create_or_fail()  # type: ignore[attr-defined]
        try:
            glyphs = lib.hb_subset_input_glyph_set(plan)  # type: ignore[attr-defined]
            for gid in gids:
                lib.hb_set_add(glyphs, gid)  # type: ignore[attr-defined]
            drop = lib.hb_subset_input_set(plan, _SETS_DROP_TABLE_TAG)  # type: ignore[attr-defined]
            for tag in _DROP_TABLES:
                lib.hb_set_add(drop, lib.hb_tag_from_string(tag, 4))  # type: ignore[attr-defined]
            lib.hb_subset_input_set_flags(plan, flags)  # type: ignore[attr-defined]
            out = lib.hb_subset_or_fail(face, plan)  # type: ignore[attr-defined]
        finally:
            lib.hb_subset_input_destroy(plan)  # type: ignore[attr-defined]
        if not out:
            raise PrintEnvironmentError(
                tr(f"HarfBuzz 无法从 {self.path} 取出字形子集", f"HarfBuzz could not subset {self.path}"),
                tr("请重新安装 fonts-noto-cjk", "reinstall fonts-noto-cjk"),
            )
        return int(out)


def locate(family: str = PREFERRED_FAMILY, bold: bool = False) -> tuple[str, int]:
    """The file and face index fontconfig chooses for `family` in regular or bold weight.

    fontconfig substitutes another font for a missing family; that is refused here, since the text
    would then be set in a font without Chinese or without the metrics the layouts assume.
    """
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    out = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern], capture_output=True, text=True, timeout=60
    ).stdout.split("\n")
    if len(out) < 3 or family not in out[2]:
        raise PrintEnvironmentError(
            tr(f"没有安装 {family} 字体，打印文件无法排字", f"{family} is not installed, so print cannot set text"),
            tr("安装 Debian 软件包 fonts-noto-cjk（scripts/system-deps 会安装）", "install Debian's fonts-noto-cjk"),
        )
    return out[0], int(out[1])


@cache
def face(bold: bool = False, family: str = PREFERRED_FAMILY) -> Face:
    """The face print text is set in (one per process: reading the cmap and advances is cached on it)."""
    return Face(*locate(family, bold))
