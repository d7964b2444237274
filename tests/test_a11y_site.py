"""WCAG 2.2 AA over the whole built site: axe-core (node_modules, pinned in package.json) finds no violation on any
generated HTML page, in the light and the dark scheme, in real headless Chromium at 360×740.

The walk is linear: one browser context per scheme, one tab, each page opened and checked in turn (about half
a second a page). Pages whose content changes after a rider acts are checked again after the change: the
report page with a message composed, near/ after locating, the map zoomed in on a group, the directory with a
filter on, a station page with its photos shown, and closed, paused and scheduled stations (the tiny fixture)
under a mocked clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from browser import PHONE, Outside, axe_source, axe_violations, guard
from test_rider_browser import MONDAY_MORNING, gcj02_to_wgs84

pytestmark = pytest.mark.browser

SCHEMES = ["light", "dark"]
CST = timezone(timedelta(hours=8))


@pytest.fixture(params=SCHEMES)
def scheme_page(request, chromium):  # type: ignore[no-untyped-def]
    """One phone-sized tab in the given colour scheme (service workers off: each page as first opened)."""
    context = chromium.new_context(
        **PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", color_scheme=request.param, service_workers="block"
    )
    outside = Outside()
    guard(context, outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page, request.param, outside, errors
    context.close()


def _pages(site: Path) -> list[str]:
    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [r.removesuffix("index.html") for r in rels]


def test_every_page_of_the_site(scheme_page, built_site: Path, site_url: str) -> None:
    page, scheme, outside, errors = scheme_page
    axe = axe_source()
    pages = _pages(built_site)
    assert len(pages) > 90 and "report/" in pages and "sentinel/" in pages and "map/" in pages
    found: dict[str, list[str]] = {}
    for rel in pages:
        page.goto(site_url + rel)
        if rel == "":  # once per scheme: the palette really is the one under test
            want = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == want
        if violations := axe_violations(page, axe):
            found[rel] = violations
    assert found == {}
    assert not errors and not outside.urls


def _after_locating(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    st = network.station_by_id["weixing"]
    lng, lat = gcj02_to_wgs84(st.location.lng, st.location.lat)
    page.context.grant_permissions(["geolocation"], origin=site_url.rstrip("/"))
    page.context.set_geolocation({"longitude": lng, "latitude": lat, "accuracy": 20})
    page.goto(site_url + "near/")
    page.get_by_role("button", name="用我的位置查找").click()
    page.wait_for_selector(".bee-result")


def _report_composed(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    _after_locating(page, site_url, network)  # grants geolocation too
    page.goto(site_url + "report/?station=weixing")
    page.locator("[data-bee-station-name]").filter(has_text="卫星").wait_for()
    page.get_by_label("药品过期").check()
    page.get_by_role("button", name="附上我的位置").click()
    page.locator("[data-bee-report-status]").filter(has_text="已附上位置").wait_for()
    page.get_by_label("补充说明").fill("两盒药过期了")


def _photos_shown(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "s/weixing/")
    page.locator("#photos").scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('.bee-photo img')].every(i => i.complete && i.naturalWidth > 1)"
    )


def _map_zoomed(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "map/")
    page.locator(".bee-pins:not([hidden]) .bee-pin--group").first.click()
    page.get_by_role("button", name="＋ 放大").click()


def _directory_filtered(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "stations/")
    page.locator("summary", has_text="筛选").click()
    page.get_by_role("checkbox", name="只看营业中").check()


def _sentinel(page, site_url: str, network) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "sentinel/")


STATES = {
    "near/ after locating": _after_locating,
    "report/ composed": _report_composed,
    "station photos shown": _photos_shown,
    "map/ zoomed": _map_zoomed,
    "stations/ filtered": _directory_filtered,
    "sentinel/": _sentinel,
}


@pytest.mark.parametrize("state", list(STATES))
def test_pages_after_a_rider_acts(scheme_page, site_url: str, network, state: str) -> None:
    page, _, outside, errors = scheme_page
    axe = axe_source()
    page.clock.set_fixed_time(MONDAY_MORNING + timedelta(hours=8))  # 18:00: open and closed stations both
    STATES[state](page, site_url, network)
    assert axe_violations(page, axe) == []
    assert not errors and not outside.urls


@pytest.mark.parametrize(
    ("path", "when"),
    [
        ("s/closed-one/", datetime(2026, 11, 25, 10, 0, tzinfo=CST)),
        ("s/paused-one/", datetime(2026, 11, 25, 10, 0, tzinfo=CST)),
        ("s/closing-soon/", datetime(2026, 11, 25, 10, 0, tzinfo=CST)),
        ("s/closing-soon/", datetime(2026, 12, 2, 10, 0, tzinfo=CST)),  # switched on its date
        ("s/always/", datetime(2027, 1, 4, 10, 0, tzinfo=CST)),  # a year without holiday data: the notice
        ("stations/", datetime(2026, 12, 2, 10, 0, tzinfo=CST)),
    ],
)
def test_closed_paused_and_scheduled_stations(scheme_page, tiny_url: str, path: str, when: datetime) -> None:
    page, _, outside, errors = scheme_page
    axe = axe_source()
    page.clock.set_fixed_time(when)
    page.goto(tiny_url + path)
    if when.year == 2027:
        assert page.locator("[data-bee-cal-notice]").first.is_visible()
    assert axe_violations(page, axe) == []
    assert not errors and not outside.urls
