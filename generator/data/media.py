"""Image files the data names (station photos, the report page's QR code): inside their folder, real images, big enough.

Paths in the data are relative to the images folder (`content/images/` beside stations.yaml). Each is
resolved with symlinks followed and must stay inside that folder, so a path or a link cannot publish a
file from elsewhere on the machine. The file must open as a JPEG, PNG or WebP image; a photo must be at
least `MIN_PHOTO_WIDTH` pixels wide as it will be shown (after its EXIF orientation), since the site
serves it at two widths starting there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import DataError
from ..i18n import tr
from .load import Document, Path_
from .model import Site, Station

IMAGES_DIR = "content/images"
MIN_PHOTO_WIDTH = 480
MIN_QR_WIDTH = 200
FORMATS = ("JPEG", "PNG", "WEBP")
_EXIF_ORIENTATION = 0x0112
_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class MediaProblem:
    """Why a media path was refused: message and hint for staff."""

    message: str
    hint: str


def resolve_media(images_dir: Path, rel: str) -> Path | None:
    """The file `rel` names under `images_dir`, symlinks resolved; None when it would lie outside the folder."""
    base = images_dir.resolve()
    target = (images_dir / rel).resolve()
    return target if target.is_relative_to(base) else None


def shown_size(path: Path) -> tuple[int, int]:
    """Width and height as displayed (EXIF orientation applied); raises OSError for a file that is not an image."""
    with Image.open(path) as im:
        if im.format not in FORMATS:
            raise UnidentifiedImageError(im.format)
        w, h = im.size
        turned = im.getexif().get(_EXIF_ORIENTATION) in _TURNED
    return (h, w) if turned else (w, h)


def check_image(images_dir: Path, rel: str, min_width: int) -> MediaProblem | None:
    """None when `rel` is an image inside `images_dir` at least `min_width` pixels wide, else the problem."""
    folder = images_dir.name
    path = resolve_media(images_dir, rel)
    if path is None:
        return MediaProblem(
            tr(f"{rel!r} 指向 {folder} 文件夹以外", f"{rel!r} points outside the {folder} folder"),
            tr(f"把图片放进 {folder} 文件夹，不要用链接或 ..", f"put the image inside {folder}/, no links or '..'"),
        )
    if not path.is_file():
        return MediaProblem(
            tr(f"找不到图片 {rel!r}", f"image {rel!r} not found"),
            tr(f"把文件放到 {IMAGES_DIR}/{rel}", f"put the file at {IMAGES_DIR}/{rel}"),
        )
    try:
        width, _ = shown_size(path)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return MediaProblem(
            tr(f"{rel!r} 不是图片", f"{rel!r} is not an image"),
            tr("用手机拍的 JPEG，或 PNG、WebP 图片", "use a JPEG photo from a phone, or a PNG or WebP image"),
        )
    if width < min_width:
        return MediaProblem(
            tr(f"图片 {rel!r} 只有 {width} 像素宽", f"image {rel!r} is only {width} pixels wide"),
            tr(f"至少要 {min_width} 像素宽：用原图，不要用截图或缩略图", f"use one at least {min_width} pixels wide"),
        )
    return None


def check_media(site: Site, stations: list[tuple[int, Station]], doc: Document, images_dir: Path) -> list[DataError]:
    """Located errors for every station photo and the report QR code that is missing, not an image or too small."""
    errors = []
    channels = site.report
    if channels is not None and channels.qr is not None:
        errors += _located(doc, ("site", "report", "qr"), images_dir, channels.qr, MIN_QR_WIDTH, "site")
    for i, st in stations:
        for j, rel in enumerate(st.photos):
            errors += _located(
                doc, ("stations", i, "photos", j), images_dir, rel, MIN_PHOTO_WIDTH, f"station {st.id!r}"
            )
    return errors


def _located(doc: Document, path: Path_, images_dir: Path, rel: str, min_width: int, label: str) -> list[DataError]:
    problem = check_image(images_dir, rel, min_width)
    return [doc.error(path, f"{label}: {problem.message}", problem.hint)] if problem else []
