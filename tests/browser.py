"""Real headless Chromium (Debian's, driven by Playwright) against a site served on 127.0.0.1.

Never downloads a browser. Every request that would leave 127.0.0.1 is aborted and recorded,
so a test can assert that the site contacted no other host.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, plus single byte ranges (RFC 9110 14.2) like any real host: Chromium seeks
    in audio only when the server answers Range requests with 206."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        start, end = int(match.group(1)), int(match.group(2) or len(data) - 1)
        end = min(end, len(data) - 1)
        if start > end:
            self.send_error(416)
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data[start : end + 1])


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Outside:
    """Requests the page tried to make to any host other than 127.0.0.1 (all of them aborted)."""

    urls: list[str] = field(default_factory=list)


def guard(context, outside: Outside) -> None:  # type: ignore[no-untyped-def]
    """Abort and record every request that is not for 127.0.0.1 (data: and blob: never hit the network)."""

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.urls.append(url)
            route.abort()

    context.route("**/*", handle)


# axe-core, as the accessibility tests run it.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Lighthouse also runs axe's best-practice rules; these are the ones Material's markup can trip.
EXTRA_RULES = ["aria-dialog-name", "heading-order", "landmark-one-main", "page-has-heading-one", "region"]
# One run: the WCAG tags' rules (without the experimental ones, as runOnly by tag does) plus the extra rules.
RUN = """async ([tags, rules]) => {
  const ids = axe.getRules(tags).filter(r => !r.tags.includes('experimental')).map(r => r.ruleId).concat(rules);
  const r = await axe.run(document, {runOnly: {type: 'rule', values: ids}, resultTypes: ['violations']});
  return r.violations.map(v => v.id + ': ' + v.help + ' @ ' + JSON.stringify(v.nodes.slice(0, 3).map(n => n.target)));
}"""


def axe_source() -> str:
    """axe-core's script from node_modules (installed by `npm ci`); the test is skipped without it."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (run `make test`, which runs `npm ci`)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The WCAG 2.2 AA and extra rules' violations on the page, injecting axe once."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe)
    return page.evaluate(RUN, [TAGS, EXTRA_RULES])
