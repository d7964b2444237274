"""Station photos: located errors for a missing file, a non-image, a small image or a path leaving the folder;
the web copies carry no metadata (GPS included), come at two widths within 45 KB, and are cached by content."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from PIL import Image, ImageFilter

from generator.data import load_network
from generator.errors import DataErrors
from generator.i18n import language, set_language
from generator.web.photos import MAX_BYTES, WEB_COPIES, WIDTHS, build_photos, encode_photo

PHOTO = "stations/weixing-entrance.jpg"


@pytest.fixture()
def english():
    before = language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """stations.yaml and content/images/ of the sample, writable."""
    shutil.copy(SAMPLE / "stations.yaml", tmp_path / "stations.yaml")
    shutil.copytree(SAMPLE / "content" / "images", tmp_path / "content" / "images")
    return tmp_path


def _errors(project: Path, photo: str) -> list:
    data = project / "stations.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(PHOTO, photo, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_network(data)
    return caught.value.errors


def _line_of(project: Path, text: str) -> int:
    lines = (project / "stations.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_sample_photos_load(project: Path) -> None:
    network = load_network(project / "stations.yaml")
    assert {s.id for s in network.stations if s.photos} == {"changjianglu", "weixing", "taihu-2"}


@pytest.mark.parametrize(
    ("setup", "photo", "wanted"),
    [
        (None, "stations/nowhere.jpg", "not found"),
        ("text", "stations/notes.jpg", "is not an image"),
        ("small", "stations/small.jpg", "only 479 pixels wide"),
        ("link", "stations/link.jpg", "points outside the content/images folder"),
    ],
)
def test_bad_photo_is_a_located_error(project: Path, english, setup: str | None, photo: str, wanted: str) -> None:
    folder = project / "content" / "images" / "stations"
    if setup == "text":
        (folder / "notes.jpg").write_text("not a picture", encoding="utf-8")
    elif setup == "small":
        Image.new("RGB", (479, 600), "white").save(folder / "small.jpg")
    elif setup == "link":
        secret = project / "secret.jpg"
        Image.new("RGB", (800, 600), "white").save(secret)
        (folder / "link.jpg").symlink_to(secret)  # a symlink out of the folder is refused like '..'
    errors = _errors(project, photo)
    assert len(errors) == 1
    err = errors[0]
    assert (err.line, err.col) == (_line_of(project, photo), 14) and wanted in err.message and "weixing" in err.message


def test_dotdot_never_reaches_the_disk(project: Path, english) -> None:
    errors = _errors(project, "../../stations.yaml")
    assert len(errors) == 1 and "is not an image in the images folder" in errors[0].message


@pytest.mark.build  # real encoding, seconds of CPU: not in the unit set
def test_web_copies_carry_no_metadata_and_fit(project: Path, tmp_path: Path) -> None:
    original = (project / "content" / "images" / PHOTO).read_bytes()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the sample has GPS, like a phone photo
    photo, files = encode_photo(original, tmp_path / "cache")
    assert [r.width for r in photo.renditions] == list(WIDTHS)
    assert len(files) == 4
    for name, data in files.items():
        assert len(data) <= MAX_BYTES, name
        img = Image.open(io.BytesIO(data))
        assert img.format == ("WEBP" if name.endswith(".webp") else "JPEG")
        assert not img.getexif() and not {"exif", "xmp", "icc_profile", "comment"} & set(img.info), name
        assert b"Exif" not in data and b"SampleMaker" not in data and b"http://ns.adobe.com/xap" not in data
    big = Image.open(io.BytesIO(files[photo.renditions[-1].jpeg]))
    assert big.size == (960, 720)


@pytest.mark.build
def test_orientation_is_applied_and_detail_never_breaks_the_limit(tmp_path: Path) -> None:
    """A portrait phone photo stored sideways (EXIF orientation 6), grainy enough that 960 px cannot fit."""
    grain = Image.blend(
        Image.linear_gradient("L").resize((1600, 1200)).convert("RGB"),
        Image.effect_noise((1600, 1200), 40).convert("RGB"),
        0.5,
    ).filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    grain.save(buf, format="JPEG", quality=92, exif=exif)
    photo, files = encode_photo(buf.getvalue(), tmp_path)
    assert (photo.small.width, photo.small.height) == (480, 640)  # upright: portrait
    assert 480 < photo.renditions[-1].width < 960  # made narrower rather than over the limit
    assert all(len(data) <= MAX_BYTES for data in files.values())


@pytest.mark.build
def test_web_copies_are_written_beside_the_photos_once(project: Path, network) -> None:
    images = project / "content" / "images"
    shutil.rmtree(images / WEB_COPIES)
    first = build_photos(network, images)
    stamp = {p: p.stat().st_mtime_ns for p in (images / WEB_COPIES).rglob("*")}
    assert len(stamp) == 3 * 6  # a folder per photo: four copies and meta.json
    second = build_photos(network, images)
    assert first == second and len(first.files) == 12
    assert {p: p.stat().st_mtime_ns for p in (images / WEB_COPIES).rglob("*")} == stamp  # nothing encoded again


@pytest.mark.build  # real encoding, seconds of CPU: not in the unit set
@pytest.mark.parametrize("root", [SAMPLE, ROOT], ids=["fixture", "live"])
def test_committed_web_copies_are_what_encoding_gives_now(root: Path, tmp_path: Path) -> None:
    """The copies a fresh checkout builds from are exactly what this recipe and Pillow make of each photo,
    and every folder there belongs to a photo the data names."""
    images = root / "content" / "images"
    keys = set()
    for rel in {rel for st in load_network(root / "stations.yaml").stations for rel in st.photos}:
        original = (images / rel).read_bytes()
        _, fresh = encode_photo(original, tmp_path)
        key = next(iter(fresh)).rsplit("/", 1)[1].split("-")[0]
        assert (images / WEB_COPIES / key / "meta.json").is_file(), f"{rel}: no web copies committed"
        assert encode_photo(original, images / WEB_COPIES)[1] == fresh, rel
        keys.add(key)
    assert {p.name for p in (images / WEB_COPIES).iterdir()} == keys


def test_built_site_publishes_web_copies_never_originals(built_site: Path) -> None:
    images = SAMPLE / "content" / "images"
    originals = {p.read_bytes() for p in images.rglob("*") if p.is_file() and WEB_COPIES not in p.parts}
    published = [p for p in built_site.rglob("*") if p.is_file() and p.suffix in (".jpg", ".png", ".webp", ".yaml")]
    assert not [p for p in published if p.read_bytes() in originals]
    assert not (built_site / "images").exists() and not (built_site / "reports.yaml").exists()
    page = (built_site / "s" / "weixing" / "index.html").read_text(encoding="utf-8")
    for url in re.findall(r'(?:data-bee-srcset|data-bee-src|srcset|src)="\.\./\.\./(assets/bee/photos/[^" ]+)', page):
        assert (built_site / url).is_file(), url
    qr = Image.open(built_site / "assets" / "bee" / "report-qr.png")
    assert qr.format == "PNG" and not qr.info  # the sample's text chunk is gone
    if shutil.which("zbarimg"):  # and it still scans
        out = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", str(built_site / "assets/bee/report-qr.png")],
                             capture_output=True, text=True)  # fmt: skip
        assert out.stdout.strip() == "https://weixin.qq.com/g/EXAMPLE-SAMPLE-GROUP"
