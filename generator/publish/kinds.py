"""What each kind of file is sent as: Content-Type, Cache-Control and the stage it is uploaded in.

Decided from the file name alone, with our own table rather than the `mimetypes` module, whose answers
depend on the machine's /etc/mime.types: the same site must get the same headers from every CI runner.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..web.offline import SW_NAME

_UTF8 = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + _UTF8,
    ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8,  # RFC 9239
    ".json": "application/json",
    ".map": "application/json",
    ".geojson": "application/geo+json",  # RFC 7946
    ".webmanifest": "application/manifest+json",
    ".ics": "text/calendar" + _UTF8,  # RFC 5545
    ".xml": "application/xml",
    ".txt": "text/plain" + _UTF8,
    ".conf": "text/plain" + _UTF8,
    ".csv": "text/csv" + _UTF8,
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
FEEDS = {"feeds/podcast.xml": "application/rss+xml" + _UTF8}  # RSS 2.0; sitemap.xml stays application/xml
FALLBACK_TYPE = "application/octet-stream"

REVALIDATE = "no-cache"  # may be stored, but is checked with the server (a cheap 304) before each use
IMMUTABLE = "public, max-age=31536000, immutable"
ONE_DAY = "public, max-age=86400"
_DAY_SUFFIXES = {".pdf", ".mp3", ".m4a", ".ogg", ".xlsx", ".csv"}  # downloads and audio: large, seldom changed
# A content hash in the name, as Material names its bundles: bundle.a5f9d56c.min.js, main.57a0d79d.min.css.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(js|css)(\.map)?$")

ASSETS, PAGES, WORKER = 0, 1, 2
STAGE_NAMES = {ASSETS: "assets and data", PAGES: "pages", WORKER: "service worker"}


def content_type(rel: str) -> str:
    """The Content-Type of a site-relative path."""
    if rel in FEEDS:
        return FEEDS[rel]
    return CONTENT_TYPES.get(PurePosixPath(rel).suffix.lower(), FALLBACK_TYPE)


def cache_control(rel: str) -> str:
    """Long and immutable for content-hashed names, a day for downloads and audio, else revalidate.

    HTML, sw.js, the web app manifest, feeds, the search index and the finder's data keep their names
    from one deploy to the next, so a browser must ask before reusing them or riders see old hours.
    """
    name = PurePosixPath(rel).name
    if _HASHED_NAME.search(name):
        return IMMUTABLE
    if PurePosixPath(rel).suffix.lower() in _DAY_SUFFIXES:
        return ONE_DAY
    return REVALIDATE


def stage(rel: str) -> int:
    """Upload order: assets and data first, then pages, then the service worker.

    A page must never arrive before what it loads, and sw.js (whose new version precaches the site)
    must never arrive before the pages and assets it lists.
    """
    if rel == SW_NAME:
        return WORKER
    return PAGES if rel.endswith(".html") else ASSETS
