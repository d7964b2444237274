"""sitemap.xml with real dates, and robots.txt pointing to it.

MkDocs writes sitemap.xml (and a gzip copy) with the build date as every page's <lastmod>, which
tells a search engine nothing. After the engine's pass the sitemap is rewritten through the writer:
a station page's lastmod is its `verified` date or `status_since`, whichever is later; any other
page, and a station with neither date, gets the project clock's date (SOURCE_DATE_EPOCH, else the
last commit, else the data files' dates: see data/clock.py), so two builds of one commit agree.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import date
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..data.model import Network, Station
from ..render import absolute_url, station_url
from ..writer import SiteWriter

SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
ROBOTS = "robots.txt"
_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def robots_txt(site_url: str) -> str:
    """Allow everything and name the sitemap by its absolute URL (the Sitemaps protocol requires one).

    Crawlers read robots.txt only at a host's root: under a sub-path this copy is not read, and the
    host's own robots.txt should carry the `Sitemap:` line instead (see README).
    """
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(site_url, SITEMAP)}\n"


def station_lastmod(st: Station) -> date | None:
    """The last date we know a station's page changed: verified on site, or its status changed."""
    days = [d for d in (st.verified, st.status_since) if d is not None]
    return max(days) if days else None


def sitemap_xml(entries: Iterable[tuple[str, date]]) -> str:
    """A Sitemaps 0.9 urlset; every <loc> is XML-escaped."""
    urls = "".join(f"<url><loc>{escape(loc)}</loc><lastmod>{day.isoformat()}</lastmod></url>\n" for loc, day in entries)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'


def page_urls(writer: SiteWriter, network: Network) -> list[str]:
    """The URLs in the engine's sitemap, in its order; the home and station pages when it wrote none."""
    path = writer.root / SITEMAP
    if path.is_file():
        # Our own engine's output, not untrusted input: ElementTree is fine here.
        root = ElementTree.fromstring(path.read_bytes())
        return [(loc.text or "").strip() for loc in root.iter(f"{_NS}loc")]
    base = network.site.site_url
    return [base, *(absolute_url(base, station_url(st.id)) for st in network.stations)]


def write_sitemap(writer: SiteWriter, network: Network, changed: date) -> None:
    """Rewrite (or write) sitemap.xml and its gzip copy with per-page lastmod dates."""
    base = network.site.site_url
    by_url = {absolute_url(base, station_url(st.id)): station_lastmod(st) for st in network.stations}
    entries = [(url, by_url.get(url) or changed) for url in page_urls(writer, network)]
    text = sitemap_xml(entries).encode("utf-8")
    for rel, data in ((SITEMAP, text), (SITEMAP_GZ, gzip.compress(text, mtime=0))):
        if rel in writer.owners:
            writer.rewrite(rel, data)
        else:
            writer.write(rel, data, "open data: sitemap")
