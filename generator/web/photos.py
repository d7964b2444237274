"""Station photos for the web: WebP with a JPEG fallback at two widths, no metadata, cached by content hash.

A phone photo carries EXIF: the camera, the time and often the GPS position of whoever took it. The
site never publishes the original: each photo is decoded, turned upright by its EXIF orientation, copied
into a fresh image (pixels only: no EXIF, XMP, ICC or comments survive) and encoded again, at 480 px and
at up to 960 px wide (2× screens), each at most `MAX_BYTES` (the quality steps down until it fits, then
the width).

The web copies are kept beside the originals, in content/images/web-copies/<key>/, where <key> is a hash
of the original's bytes and this recipe (Pillow's version included), and are published under names
that carry the key. The build writes a photo's copies there the first time it meets the photo and
staff commit them with it, so a build from a fresh checkout encodes nothing, whether or not a cache
from earlier builds is at hand (a new CI runner, an evicted CI cache, a first build on a laptop):
encoding costs about 0.17 s of CPU a photo, minutes for a network with a photo per station. A copy is
used only under its key, so a changed photo or recipe gets new copies.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from ..data.media import resolve_media
from ..data.model import Network

PHOTO_DIR = "assets/bee/photos"
WEB_COPIES = "web-copies"
"""The folder under content/images/ that keeps every photo's web copies (committed with the photos)."""
WIDTHS = (480, 960)
MAX_BYTES = 45 * 1024
QUALITIES = (82, 74, 66, 58, 50, 42, 34)
RECIPE = f"v1 {WIDTHS} {MAX_BYTES} {QUALITIES} pillow {PIL.__version__}"
FORMATS: dict[str, tuple[str, dict[str, object]]] = {
    "webp": ("WEBP", {"method": 6}),
    "jpg": ("JPEG", {"optimize": True, "progressive": True}),
}


@dataclass(frozen=True)
class Rendition:
    """One width of a photo, in both formats (site-relative URLs)."""

    width: int
    height: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class Photo:
    """A station photo as the page shows it: its renditions, smallest first."""

    renditions: tuple[Rendition, ...]

    @property
    def small(self) -> Rendition:
        """The default rendition (`src`, `width` and `height` of the <img>)."""
        return self.renditions[0]

    def srcset(self, kind: str, prefix: str) -> str:
        """`srcset` for the WebP ('webp') or JPEG ('jpeg') renditions, URLs relative to the page via `prefix`."""
        return ", ".join(f"{prefix}{getattr(r, kind)} {r.width}w" for r in self.renditions)


@dataclass(frozen=True)
class PhotoSet:
    """Every station's photos and the files that serve them."""

    by_station: Mapping[str, tuple[Photo, ...]]
    files: Mapping[str, bytes]


def build_photos(network: Network, images_dir: Path) -> PhotoSet:
    """Every photo the stations name, from its web copies (encoded first when it has none yet)."""
    by_station: dict[str, tuple[Photo, ...]] = {}
    files: dict[str, bytes] = {}
    for st in network.stations:
        photos = []
        for rel in st.photos:
            path = resolve_media(images_dir, rel)
            assert path is not None  # validated when the data was loaded
            photo, encoded = encode_photo(path.read_bytes(), images_dir / WEB_COPIES)
            photos.append(photo)
            files.update(encoded)
        if photos:
            by_station[st.id] = tuple(photos)
    return PhotoSet(by_station, files)


def encode_photo(original: bytes, cache: Path) -> tuple[Photo, dict[str, bytes]]:
    """The photo's renditions and their files, from the folder `cache` when this original was encoded before."""
    key = hashlib.sha256(RECIPE.encode() + b"\0" + original).hexdigest()[:20]
    folder = cache / key
    meta = folder / "meta.json"
    if not meta.exists():
        _write_cache(folder, _encode_all(original))
    sizes = json.loads(meta.read_text(encoding="utf-8"))
    renditions, files = [], {}
    for width, height in sizes:
        names = {ext: f"{PHOTO_DIR}/{key}-{width}.{ext}" for ext in FORMATS}
        files.update({names[ext]: (folder / f"{width}.{ext}").read_bytes() for ext in FORMATS})
        renditions.append(Rendition(width, height, names["webp"], names["jpg"]))
    return Photo(tuple(renditions)), files


def _write_cache(folder: Path, encoded: dict[tuple[int, int], dict[str, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for (width, _), by_ext in encoded.items():
        for ext, data in by_ext.items():
            (folder / f"{width}.{ext}").write_bytes(data)
    # Written last: a build interrupted half-way leaves no meta.json, so the next one starts over.
    (folder / "meta.json").write_text(json.dumps(list(encoded)), encoding="utf-8")


def _encode_all(original: bytes) -> dict[tuple[int, int], dict[str, bytes]]:
    pixels = clean_pixels(original)
    out: dict[tuple[int, int], dict[str, bytes]] = {}
    for target in sorted({min(w, pixels.width) for w in WIDTHS}):
        size, files = _fit(pixels, target)
        out[size] = files
    return out


def _fit(pixels: Image.Image, width: int) -> tuple[tuple[int, int], dict[str, bytes]]:
    """Both formats at `width`, each at the best quality step within MAX_BYTES; a photo too detailed for
    even the lowest step is made narrower (by 15 % at a time) until it fits."""
    while True:
        size = (width, max(1, round(pixels.height * width / pixels.width)))
        small = pixels.resize(size, Image.Resampling.LANCZOS)
        files = {ext: _smallest_fit(small, fmt, params) for ext, (fmt, params) in FORMATS.items()}
        if all(len(data) <= MAX_BYTES for data in files.values()) or width <= 64:
            return size, files
        width = int(width * 0.85)


def clean_pixels(original: bytes) -> Image.Image:
    """The photo upright, as plain RGB pixels in a new image that carries no metadata at all."""
    with Image.open(io.BytesIO(original)) as im:
        upright = ImageOps.exif_transpose(im).convert("RGB")
    return Image.frombytes("RGB", upright.size, upright.tobytes())


def _smallest_fit(image: Image.Image, fmt: str, params: dict[str, object]) -> bytes:
    """The encoding at the best quality step within MAX_BYTES, or at the lowest step when none fits."""
    data = b""
    for quality in QUALITIES:
        buf = io.BytesIO()
        image.save(buf, format=fmt, quality=quality, **params)
        data = buf.getvalue()
        if len(data) <= MAX_BYTES:
            break
    return data


def qr_png(path: Path, max_width: int = 600) -> bytes:
    """The report page's QR image as a metadata-free PNG, at most `max_width` wide (nearest-neighbour keeps
    the modules sharp)."""
    with Image.open(path) as im:
        img = im.convert("L")
    if img.width > max_width:
        img = img.resize((max_width, round(img.height * max_width / img.width)), Image.Resampling.NEAREST)
    clean = Image.frombytes("L", img.size, img.tobytes())
    buf = io.BytesIO()
    clean.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
