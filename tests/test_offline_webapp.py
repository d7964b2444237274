"""Installable and offline: the manifest and maskable icons, and the service worker written after the build."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from pathlib import Path

from PIL import Image

from generator.web import offline
from generator.web.offline import SW_NAME, files_in_order, precache_list, site_hash, write_service_worker
from generator.web.webapp import ICON_SIZES, icon_png, manifest
from generator.writer import SiteWriter


def test_manifest_and_maskable_icons(network) -> None:
    data = json.loads(manifest(network))
    assert data["name"] == "小蜜蜂驿站" and data["start_url"] == "./" and data["display"] == "standalone"
    purposes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert purposes == {(f"{s}x{s}", p) for s in ICON_SIZES for p in ("any", "maskable")}
    for size in ICON_SIZES:
        img = Image.open(io.BytesIO(icon_png(size)))
        assert img.size == (size, size) and img.format == "PNG"
        # Maskable: the corners (cut by launcher masks) are plain background.
        assert img.getpixel((0, 0)) == img.getpixel((size - 1, size - 1)) == (255, 193, 5)
        assert icon_png(size) == icon_png(size)  # deterministic


def test_built_site_has_worker_manifest_and_links(built_site: Path) -> None:
    sw = (built_site / SW_NAME).read_text(encoding="utf-8")
    assert "@VERSION@" not in sw and "@PRECACHE@" not in sw
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', sw)
    assert version
    precache = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw).group(1))  # type: ignore[union-attr]
    assert {"", "near/", "assets/bee/near/index.json", "assets/bee/calendar.js", "manifest.webmanifest"} <= set(
        precache
    )
    assert any(p.startswith("assets/javascripts/bundle.") for p in precache)
    for url in precache:
        assert (built_site / url / "index.html" if url == "" or url.endswith("/") else built_site / url).exists(), url
    html = (built_site / "s/weixing/index.html").read_text(encoding="utf-8")
    assert 'rel="manifest" href="../../manifest.webmanifest"' in html
    assert 'data-bee-sw="../../sw.js"' in html
    assert not any("search" in p for p in precache)  # search is fetched only once it is used
    assert "assets/javascripts/bee-map.js" in precache  # the sample's map zooms offline
    assert not any("maptiles" in p for p in precache)  # a large network's map tiles load as used


def test_new_build_changes_the_cache_version(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    before = site_hash(copy)
    assert before == site_hash(copy)
    (copy / "s/weixing/index.html").write_text("changed", encoding="utf-8")
    assert site_hash(copy) != before
    write_service_worker(SiteWriter(copy))
    assert site_hash(copy) in (copy / SW_NAME).read_text(encoding="utf-8")
    assert precache_list(copy) == precache_list(built_site)


def test_files_are_hashed_in_sorted_path_order(tmp_path: Path) -> None:
    """The worker's version must not change with how the files are listed or read: the digest of every file's
    path and bytes, whole, in sorted path order (rglob does not enter a linked folder)."""
    site = tmp_path / "site"
    names = ["a/x.html", "a/b/y.js", "a-b/z.css", "a.txt", "a b/c.json", "B/d.png", "_/e.svg", ".hidden",
             "s/1/index.html", "s/10/index.html", "s/2/index.html", "站/页.html", "é.xml", "big.json"]  # fmt: skip
    for name in names:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (site / "big.json").write_bytes(bytes(range(256)) * 9000)  # more than one block
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "f.html").write_text("not in the site", encoding="utf-8")
    (site / "linked").symlink_to(tmp_path / "outside")
    in_order = [p for p in sorted(site.rglob("*")) if p.is_file()]
    assert list(files_in_order(site)) == [(p.relative_to(site).as_posix(), p) for p in in_order]
    assert len(in_order) == len(names)
    whole = hashlib.sha256()
    for p in in_order:
        if p.suffix in offline._HASHED and p.name != SW_NAME:
            whole.update(p.relative_to(site).as_posix().encode() + b"\0" + p.read_bytes())
    assert site_hash(site) == whole.hexdigest()[:16]
