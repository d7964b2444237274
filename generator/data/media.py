"""Files the data names: inside their folder (symlinks included), and for images real images, big enough.

Paths in the data are relative to a folder: station photos and the report page's QR code to the images
folder (`content/images/` beside stations.yaml), study audio and covers to `content/study/`. Each is
resolved with symlinks followed and must stay inside its folder (`resolve_inside`), so neither a path
nor a link can publish a file from elsewhere on the machine; `links_outside` finds every link in the
docs folder that leads out of it, since MkDocs copies whatever a link points to into the site.
An image must open as a JPEG, PNG or WebP image; a photo must be at least `MIN_PHOTO_WIDTH` pixels
wide as it will be shown (after its EXIF orientation), since the site serves it at two widths
starting there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import DataError
from ..i18n import tr
from .load import Document, Path_
from .model import Site, Station
from .wording import entry_label, section_label

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


def resolve_inside(folder: Path, rel: str) -> Path | None:
    """The file `rel` names under `folder`, symlinks resolved; None when it would lie outside the folder."""
    base = folder.resolve()
    target = (folder / rel).resolve()
    return target if target.is_relative_to(base) else None


resolve_media = resolve_inside
"""Station photos and the report QR code under the images folder."""


def outside_problem(rel: str, folder: str) -> MediaProblem:
    """Why a path that leaves its folder (by '..' or through a link) is refused."""
    return MediaProblem(
        tr(f"{rel!r} 指向 {folder} 文件夹以外", f"{rel!r} points outside the {folder} folder"),
        tr(f"把文件放进 {folder} 文件夹，不要用链接或 ..", f"put the file inside {folder}/, no links or '..'"),
    )


def links_outside(folder: Path) -> list[Path]:
    """Symbolic links under `folder` (files or folders, at any depth) whose target lies outside it, sorted."""
    base = folder.resolve()
    found = []
    for parent, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(parent, name)
            if path.is_symlink() and not path.resolve().is_relative_to(base):
                found.append(path)
    return sorted(found)


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
    path = resolve_inside(images_dir, rel)
    if path is None:
        return outside_problem(rel, IMAGES_DIR)
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
        label = section_label("site")
        errors += _located(doc, ("site", "report", "qr"), images_dir, channels.qr, MIN_QR_WIDTH, label)
    for i, st in stations:
        for j, rel in enumerate(st.photos):
            label = entry_label("station", st.id, i)
            errors += _located(doc, ("stations", i, "photos", j), images_dir, rel, MIN_PHOTO_WIDTH, label)
    return errors


def _located(doc: Document, path: Path_, images_dir: Path, rel: str, min_width: int, label: str) -> list[DataError]:
    problem = check_image(images_dir, rel, min_width)
    return [doc.error(path, tr(f"{label}：", f"{label}: ") + problem.message, problem.hint)] if problem else []
