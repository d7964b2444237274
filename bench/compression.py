"""What compression saves on a first view: a page and the CSS and JS it loads, raw, gzip and brotli.

    python -m bench.compression SITE_DIR [--pages s/weixing/ near/ ...]

Reads a built site (`make site` writes site/) and compresses each file as deploy/nginx/bee.conf does
(gzip level 6, brotli quality 5). Object storage without a CDN serves the raw column.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

import brotli

_LOADS = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


def first_view(site: Path, page: str) -> list[Path]:
    """The page's HTML file and every script and stylesheet it loads from the site."""
    html = site / page / "index.html"
    urls = _LOADS.findall(html.read_text(encoding="utf-8"))
    files = [site / urljoin("/" + page, u).lstrip("/").split("?")[0] for u in urls if "//" not in u]
    return [html, *(f for f in files if f.is_file())]


def sizes(files: list[Path]) -> tuple[int, int, int]:
    """Total bytes raw, with gzip level 6 and with brotli quality 5."""
    data = [f.read_bytes() for f in files]
    return (
        sum(len(d) for d in data),
        sum(len(gzip.compress(d, 6)) for d in data),
        sum(len(brotli.compress(d, quality=5)) for d in data),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", nargs="+", default=["", "s/weixing/", "near/", "stations/"])
    args = parser.parse_args()
    print("| page | files | raw KB | gzip KB | brotli KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for page in args.pages:
        files = first_view(args.site, page)
        raw, gz, br = sizes(files)
        print(f"| `{page or '/'}` | {len(files)} | {raw / 1024:.0f} | {gz / 1024:.0f} | {br / 1024:.0f} |")


if __name__ == "__main__":
    main()
