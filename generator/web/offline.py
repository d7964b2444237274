"""The service worker (sw.js at the site root), written after the build so it knows every output file.

It precaches the app shell (Material's CSS and main bundle, our CSS/JS, the holiday calendar, icons,
the manifest, the home page, the directory, the nearest finder and the report page) and the station shards when they
are small, and caches every page the rider opens. Its cache names carry a hash of the built site, so
a new deploy installs fresh caches and deletes the old ones. Pure file work: no MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..writer import SiteWriter
from .shards import SHARD_DIR

SW_NAME = "sw.js"
SW_SOURCE = Path(__file__).with_name("sw.js")
PRECACHE_SHARDS_MAX = 256 * 1024  # precache every shard of a small network; a big one caches tiles as used
PAGES = ("", "near/", "stations/", "report/")  # report/: compose a report offline, send it later
_SHELL_GLOBS = (
    "assets/stylesheets/*.css",
    "assets/javascripts/bundle.*.js",
    "assets/javascripts/bee-*.js",
    "assets/bee/*.js",
    "assets/bee/*.png",
    "manifest.webmanifest",
    f"{SHARD_DIR}/index.json",
)
# Search is left out (Material's and the station search, bee-search.js): bee-boot.js starts it only when
# the rider opens it, and the worker then caches the search files as they are fetched, so search works
# offline once it has been used online. The same goes for a large network's map tiles and bee-maptiles.js,
# which fetches them (bee-map.js loads it on such a map only; the sample never uses it).
_NOT_PRECACHED = {"assets/javascripts/bee-search.js", "assets/javascripts/bee-maptiles.js"}
_HASHED = {".html", ".css", ".js", ".json", ".png", ".svg", ".webmanifest", ".xml", ".pdf"}


def precache_list(site: Path) -> list[str]:
    """Site-relative URLs to fetch when the service worker installs, in a stable order."""
    urls = [p for p in PAGES if (site / p / "index.html").exists()]
    for pattern in _SHELL_GLOBS:
        urls += sorted(u for p in site.glob(pattern) if (u := p.relative_to(site).as_posix()) not in _NOT_PRECACHED)
    shards = sorted(p for p in (site / SHARD_DIR).glob("*.json") if p.name != "index.json")
    if sum(p.stat().st_size for p in shards) <= PRECACHE_SHARDS_MAX:
        urls += [p.relative_to(site).as_posix() for p in shards]
    return urls


def site_hash(site: Path, visit: Callable[[Path, bytes], object] | None = None) -> str:
    """A short hash of every built file (except the worker itself and gzip files, which carry timestamps).

    Files are hashed in the order of their paths, a block at a time: the open data's JSON form alone is
    400 MB at 100,000 stations, and a sorted list of every path in the site would be 250,000 objects.
    `visit(path, data)` is shown each HTML page read, so that a later step needing the pages (the CSP
    hashes) need not read them again; pages are small, so they are read whole.
    """
    h = hashlib.sha256()
    for rel, path in files_in_order(site):
        if path.suffix in _HASHED and path.name != SW_NAME:
            h.update(rel.encode() + b"\0")
            if visit is not None and path.suffix == ".html":
                data = path.read_bytes()
                h.update(data)
                visit(path, data)
                continue
            with path.open("rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
    return h.hexdigest()[:16]


def files_in_order(folder: Path, prefix: str = "") -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, path) of every file under `folder`, in the order `sorted(folder.rglob("*"))` gives
    them (each folder's entries by name, a folder's files right after its name), one folder listed at a time."""
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir() and not entry.is_symlink():  # as rglob: a linked folder is not entered
            yield from files_in_order(Path(entry.path), rel + "/")
        elif entry.is_file():
            yield rel, Path(entry.path)


def write_service_worker(writer: SiteWriter, visit: Callable[[Path, bytes], object] | None = None) -> Path:
    """Write sw.js into a built site and return its path (`visit`: as for `site_hash`)."""
    site = writer.root
    source = SW_SOURCE.read_text(encoding="utf-8")
    text = source.replace('"@VERSION@"', json.dumps(site_hash(site, visit))).replace(
        "[] /* @PRECACHE@ */", json.dumps(precache_list(site), ensure_ascii=False)
    )
    return writer.write(SW_NAME, text, "web: service worker")


# The live preview (`mkdocs serve`) keeps no offline copy. A worker installed by an earlier visit to the
# same address would answer with a cached page whenever a rebuild takes longer than its page timeout
# (most of them do), so the staff member would see stale pages; this one removes itself and its caches.
_RETIRING_WORKER = """\
/* Live preview: no offline copy. Removes any earlier worker of this address and its caches. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) { return caches["delete"](k); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def write_retiring_worker(writer: SiteWriter) -> Path:
    """Write the live preview's sw.js: it unregisters itself and has no fetch handler (pages come from the server)."""
    return writer.write(SW_NAME, _RETIRING_WORKER, "web: service worker (preview)")
