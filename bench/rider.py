"""The rider budget: what a phone downloads on a first view, and Lighthouse mobile scores.

    python -m bench.rider [--lighthouse] [--pages s/weixing/ near/ ...] [--site DIR]

Builds the sample site, serves it on 127.0.0.1 with gzip (level 6, as a typical web server would), opens
each page in a fresh headless Chromium context at 360×740 and counts, on the server side, the compressed
bytes of every response. Two runs per page: service workers blocked (what the page itself loads) and
allowed (plus what the worker precaches in the background after the page has loaded). With --lighthouse,
Lighthouse 12 (package.json; CHROME_PATH = Debian's Chromium) scores each page with its mobile defaults.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
BUDGET_KB = 80
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt"}


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it; records (path, body bytes) per response."""

    log: list[tuple[str, int]]
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the slash URL
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:  # the service worker revalidates what the page loaded
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            with self.lock:
                self.log.append((self.path.split("?")[0], 0))
            return None
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, compresslevel=6, mtime=0), "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")  # revalidate: never a stale file after a deploy
        self.send_header("ETag", etag)
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.log.append((self.path.split("?")[0], len(body)))


@contextmanager
def serve_gzip(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """Serve `site` on 127.0.0.1; yields (base URL, the shared response log)."""
    log: list[tuple[str, int]] = []
    handler = type("Handler", (_GzipHandler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


def build(out: Path) -> Path:
    """Build the frozen sample (a copy, so nothing in the repo changes) with the real MkDocs into `out`."""
    from conftest import SAMPLE, copy_project

    project = copy_project(SAMPLE, out.parent / "project")
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1795000000")}
    cmd = [sys.executable, "-m", "generator", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)
    return out


def first_view(browser, url: str, log: list, workers: str) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Responses of one first view in a fresh context (empty cache), after the network has been idle."""
    context = browser.new_context(**PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", service_workers=workers)
    page = context.new_page()
    log.clear()
    page.goto(url, wait_until="networkidle")
    if workers == "allow":
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.wait_for_timeout(1500)
    context.close()
    return list(log)


def weigh(site: Path, pages: list[str]) -> dict[str, dict]:
    """First-view transfer per page (service worker blocked / allowed)."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with serve_gzip(site) as (base, log), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for path in pages:
            page_only = first_view(browser, base + path, log, "block")
            with_sw = first_view(browser, base + path, log, "allow")
            results[path] = {
                "files": sorted(page_only, key=lambda r: -r[1]),
                "page_kb": round(sum(b for _, b in page_only) / 1024, 1),
                "with_sw_kb": round(sum(b for _, b in with_sw) / 1024, 1),
                "search_index_kb": round(sum(b for u, b in page_only if u.endswith("search_index.json")) / 1024, 1),
            }
        browser.close()
    return results


def lighthouse(site: Path, pages: list[str]) -> dict[str, dict[str, float]]:
    """Lighthouse mobile category scores per page."""
    node = shutil.which("node")
    if not node or not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (package.json pins lighthouse 12.8.2)")
    scores = {}
    with serve_gzip(site) as (base, _), tempfile.TemporaryDirectory() as tmp:
        for path in pages:
            report = Path(tmp) / "report.json"
            cmd = [node, str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                   "--only-categories=performance,accessibility,best-practices",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]  # fmt: skip
            subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
            data = json.loads(report.read_text(encoding="utf-8"))
            cats = data["categories"]
            scores[path] = {k: cats[k]["score"] for k in ("performance", "accessibility", "best-practices")}
            audits = data["audits"]
            scores[path].update(
                {
                    a: audits[a]["displayValue"]
                    for a in (
                        "first-contentful-paint",
                        "largest-contentful-paint",
                        "total-blocking-time",
                        "cumulative-layout-shift",
                        "total-byte-weight",
                    )
                    if a in audits
                }
            )
            failed = [k for k, v in audits.items() if v.get("score") is not None and v["score"] < 1
                      and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]  # fmt: skip
            scores[path]["below_1"] = ", ".join(sorted(failed))  # type: ignore[assignment]
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    pages = ["s/weixing/", "near/", "", "stations/", "report/", "sentinel/", "map/"]
    parser.add_argument("--pages", nargs="+", default=pages)
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (slow: ~20 s per page)")
    parser.add_argument("--site", type=Path, help="weigh this built site (e.g. bench.scale's 10,000 stations)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp) / "site")
        print("## First view, gzip transfer (response bodies), fresh cache, 360×740\n")
        print("| page | page loads (KB) | + service worker precache (KB) | of which search index (KB) | budget |")
        print("| --- | --- | --- | --- | --- |")
        weights = weigh(site, args.pages)
        for path, w in weights.items():
            ok = "ok" if w["page_kb"] <= BUDGET_KB else "OVER"
            print(f"| /{path} | {w['page_kb']} | {w['with_sw_kb']} | {w['search_index_kb']} | {ok} (≤ {BUDGET_KB}) |")
        first = args.pages[0]
        print(f"\nFiles of /{first} (bytes, gzip):\n")
        for url, size in weights[first]["files"]:
            print(f"- `{url}` {size}")
        if args.lighthouse:
            print("\n## Lighthouse 12.8.2, mobile defaults (simulated slow 4G, Moto G Power)\n")
            for path, s in lighthouse(site, args.pages).items():
                print(f"- /{path}: " + ", ".join(f"{k} {v}" for k, v in s.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
