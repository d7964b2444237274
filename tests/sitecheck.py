"""Helpers to inspect a built site: parse every HTML page, resolve links, find external loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes through which a page *loads* something (as opposed to linking to it).
_LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("audio", "src"), ("video", "src"), ("source", "src"),
            ("embed", "src"), ("object", "data"), ("video", "poster"), ("img", "data-bee-src")}  # fmt: skip
# Candidate lists (HTML §4.8.4.2): "url 480w, url 960w"; bee-boot.js copies data-bee-srcset into srcset.
_SRCSETS = {"srcset", "data-bee-srcset"}
_LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect",
                      "dns-prefetch", "apple-touch-icon"}  # fmt: skip


@dataclass
class Page:
    path: Path
    url: str  # site-relative URL of the page, e.g. "s/weixing/"
    links: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.page.links.append(a["href"])
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").split())
            (self.page.loads if rels & _LOADING_LINK_RELS else self.page.links).append(a["href"])
        for t, attr in _LOADING:
            if tag == t and attr in a:
                self.page.loads.append(a[attr])
        for attr in _SRCSETS & set(a):
            self.page.loads += [c.strip().split()[0] for c in a[attr].split(",") if c.strip()]


def parse_site(site: Path) -> dict[str, Page]:
    """Every HTML page of a built site, keyed by its site-relative URL."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        page = Page(path, url)
        _Parser(page).feed(path.read_text(encoding="utf-8"))
        pages[url] = page
    return pages


def resolve(site: Path, page: Page, href: str) -> tuple[Path | None, str]:
    """The file an internal href points to (None if external) and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    target = urlsplit(urljoin("http://site/" + page.url, href))
    rel = unquote(target.path.lstrip("/"))
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path, target.fragment


def is_external(url: str) -> bool:
    """True when loading this URL would contact another host."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")
