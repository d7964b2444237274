"""The reference Nginx configuration (deploy/nginx/bee.conf) with Debian's real nginx and Chromium.

The sample is built with site_url under /bee/ on the test's own port and served by nginx there; the
root-hosting variant serves the session's sample build at "/". Checked in the browser: every internal
link resolves, the service worker registers, search and near/ work, no page breaks the Content-Security-
Policy, a missing URL gets the Chinese 404 page with status 404 and a did-you-mean, and responses are
compressed.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser import PHONE, Outside, guard
from conftest import SAMPLE, build_project, copy_project, free_port
from nginxserver import BROTLI, nginx
from sitecheck import parse_site

pytestmark = [pytest.mark.server, pytest.mark.browser]

# Records every CSP violation the page sees, from the first script on.
_VIOLATIONS = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""
PAGES = ["", "stations/", "s/weixing/", "near/", "map/", "study/", "study/activities/", "print/", "guide/staff/"]


@pytest.fixture(scope="module")
def bee(tmp_path_factory: pytest.TempPathFactory):
    """(base URL, site folder): the sample built for http://127.0.0.1:PORT/bee/ and served there by nginx."""
    tmp = tmp_path_factory.mktemp("nginx-bee")
    port = free_port()
    project = copy_project(SAMPLE, tmp / "project", posters=False)
    data = project / "stations.yaml"
    url = f"http://127.0.0.1:{port}/bee/"
    data.write_text(data.read_text(encoding="utf-8").replace("https://bee.example.org/", url), encoding="utf-8")
    site = build_project(project, tmp / "site")
    with nginx(site, tmp / "nginx", port) as base:
        assert base == url
        yield base, site


@pytest.fixture(scope="module")
def at_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The session's sample build (site_url https://bee.example.org/) served by nginx at "/"."""
    with nginx(built_site, tmp_path_factory.mktemp("nginx-root"), free_port(), "/") as base:
        yield base


@pytest.fixture()
def browse(chromium):
    """A phone context that records console messages about the policy; yields (context, console, outside)."""
    context = chromium.new_context(**PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.add_init_script(_VIOLATIONS)
    outside = Outside()
    guard(context, outside)
    console: list[str] = []
    context.on("console", lambda m: console.append(m.text))
    yield context, console, outside
    context.close()


def _csp_messages(console: list[str]) -> list[str]:
    return [m for m in console if "Content Security Policy" in m or "Content-Security-Policy" in m]


def test_every_internal_link_resolves_through_nginx(bee, browse) -> None:
    base, site = bee
    context, _, _ = browse
    urls = set()
    for page in parse_site(site).values():
        for href in page.links + page.loads:
            url = urljoin(base + page.url, href).split("#")[0]
            if urlsplit(url).netloc == urlsplit(base).netloc:
                urls.add(url)
    assert len(urls) > 100
    page = context.new_page()
    page.goto(base)
    statuses = page.evaluate(
        """async urls => { const out = {};
             const check = async u => { out[u] = (await fetch(u, {cache: "no-store"})).status; };
             for (let i = 0; i < urls.length; i += 40) await Promise.all(urls.slice(i, i + 40).map(check));
             return out; }""",
        sorted(urls),
    )
    assert {u: s for u, s in statuses.items() if s != 200} == {}


def test_pages_keep_the_policy_and_the_worker_registers(bee, browse) -> None:
    base, _ = bee
    context, console, outside = browse
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for rel in PAGES:
        response = page.goto(base + rel)
        assert response and response.status == 200, rel
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self' 'sha256-" in policy, rel
        # Inline script and <style> only by hash; only style attributes (geometry) may be inline.
        assert [d for d in policy.split(";") if "unsafe-inline" in d] == [" style-src-attr 'unsafe-inline'"], rel
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], rel
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == base
    assert _csp_messages(console) == [] and errors == [] and outside.urls == []


def test_search_and_the_nearest_finder_work(bee, browse) -> None:
    base, _ = bee
    context, console, _ = browse
    page = context.new_page()
    page.goto(base)
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").fill("卫星")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href") or "").path.startswith("/bee/")
    page.goto(base + "near/")
    page.select_option("#bee-place", index=1)
    page.get_by_role("button", name="查找", exact=True).click()
    page.wait_for_selector(".bee-result")
    assert page.locator(".bee-result").count() == 10
    assert page.evaluate("window.__csp") == [] and _csp_messages(console) == []


def test_a_missing_page_is_the_chinese_404_with_a_suggestion(bee, browse) -> None:
    base, _ = bee
    context, console, _ = browse
    page = context.new_page()
    response = page.goto(base + "s/weixin/")
    assert response and response.status == 404
    assert page.locator("h1").inner_text() == "找不到这个页面"
    suggestion = page.locator("[data-bee-suggestions] a").first
    suggestion.wait_for()
    assert suggestion.get_attribute("href") == "/bee/s/weixing/" and "卫星" in suggestion.inner_text()
    body = page.locator("body").inner_text()
    assert "Not found" not in body and "Made with" not in body
    # Deep under the sub-path the theme still loads and every way out works.
    response = page.goto(base + "a/b/c/d.html")
    assert response and response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.locator("[data-bee-suggestions] a").count() == 0  # not an s/ address: no guess
    page.locator(".bee-404 a", has_text="附近驿站").click()
    page.wait_for_url(base + "near/")
    assert page.evaluate("window.__csp") == [] and _csp_messages(console) == []


def test_responses_are_compressed(bee, browse) -> None:
    base, _ = bee
    context, _, _ = browse
    page = context.new_page()
    encodings = {}
    page.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding")))
    page.goto(base + "s/weixing/")
    page.wait_for_load_state("load")
    text = [u for u in encodings if u.endswith((".html", "/", ".css", ".js"))]
    assert len(text) >= 5 and all(encodings[u] in ("gzip", "br") for u in text), encodings
    assert _fetch(base + "assets/stylesheets/bee.css", "gzip")[1] == "gzip"
    if BROTLI.exists():
        assert _fetch(base + "assets/stylesheets/bee.css", "br")[1] == "br"


@pytest.mark.parametrize(
    ("rel", "ctype", "cache"),
    [
        ("", "text/html; charset=utf-8", "no-cache"),
        ("sw.js", "application/javascript; charset=utf-8", "no-cache"),
        ("manifest.webmanifest", "application/manifest+json; charset=utf-8", "no-cache"),
        ("feeds/podcast.xml", "application/rss+xml; charset=utf-8", "no-cache"),
        ("feeds/activities.ics", "text/calendar; charset=utf-8", "no-cache"),
        ("assets/bee/near/index.json", "application/json; charset=utf-8", "no-cache"),
        ("print/stations.pdf", "application/pdf", "public, max-age=86400"),
    ],
)
def test_headers_per_kind(bee, rel: str, ctype: str, cache: str) -> None:
    headers, _ = _fetch(bee[0] + rel, "identity")
    assert (headers["Content-Type"], headers["Cache-Control"]) == (ctype, cache)
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_hashed_assets_are_immutable_and_server_files_hidden(bee) -> None:
    base, site = bee
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    headers, _ = _fetch(base + "assets/javascripts/" + bundle, "identity")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with pytest.raises(urllib.error.HTTPError) as caught:
        _fetch(base + "nginx-csp.conf", "identity")
    assert caught.value.code == 404


def test_the_404_page_works_at_the_root(at_root, browse) -> None:
    context, console, _ = browse
    page = context.new_page()
    response = page.goto(at_root + "s/weixin/")
    assert response and response.status == 404
    suggestion = page.locator("[data-bee-suggestions] a").first
    suggestion.wait_for()
    assert suggestion.get_attribute("href") == "/s/weixing/"
    suggestion.click()
    page.wait_for_url(at_root + "s/weixing/")
    assert page.evaluate("window.__csp") == [] and _csp_messages(console) == []


def _fetch(url: str, encoding: str) -> tuple[dict[str, str], str | None]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
        used = answer.headers.get("Content-Encoding")
        if used == "gzip":
            gzip.decompress(body)
        return dict(answer.headers), used
