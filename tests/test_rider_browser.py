"""The rider's view in real headless Chromium at 360×740: nearest finder, open now, filters, offline, no other host.

Geolocation is mocked beside a known station; its GCJ-02 coordinates are turned back into the WGS-84 a
phone would report by inverting wgs84_to_gcj02 iteratively (the transform is a smooth small offset).
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.data.geo import wgs84_to_gcj02

pytestmark = pytest.mark.browser

# Screenshots go to tests/artifacts/ (not committed); `make screenshots` writes the README's into docs-images/.
SHOTS = Path(os.environ.get("BEE_SCREENSHOTS", Path(__file__).resolve().parent / "artifacts"))
CST = timezone(timedelta(hours=8))
SUNDAY_EVENING = datetime(2026, 11, 22, 20, 0, tzinfo=CST)  # a plain Sunday, no make-up workday
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=CST)  # screenshots: stable, most stations open


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """Approximate inverse of wgs84_to_gcj02 by fixed-point iteration (converges to < 1 mm in a few steps)."""
    w_lng, w_lat = lng, lat
    for _ in range(10):
        g_lng, g_lat = wgs84_to_gcj02(w_lng, w_lat)
        w_lng, w_lat = w_lng - (g_lng - lng), w_lat - (g_lat - lat)
    return w_lng, w_lat


def _page(context):  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors


def _results(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".bee-result")
    return page.eval_on_selector_all(
        ".bee-result", "els => els.filter(e => e.offsetParent).map(e => e.dataset.station)"
    )


def _wait_until_cached(page, relative: list[str], timeout_s: float = 15) -> None:  # type: ignore[no-untyped-def]
    """Poll until the service worker controls the page and holds these URLs (relative to the page)."""
    check = """async rel => !!navigator.serviceWorker.controller &&
        (await Promise.all(rel.map(r => caches.match(new URL(r, location.href).href)))).every(Boolean)"""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(check, relative):
        assert time.monotonic() < deadline, "service worker did not cache the page"
        page.wait_for_timeout(100)


def test_inverse_transform_round_trips(network) -> None:
    st = network.station_by_id["weixing"]
    w = gcj02_to_wgs84(st.location.lng, st.location.lat)
    g = wgs84_to_gcj02(*w)
    assert abs(g[0] - st.location.lng) < 1e-8 and abs(g[1] - st.location.lat) < 1e-8
    assert abs(w[0] - st.location.lng) > 1e-3  # the offset is real (hundreds of metres)


@pytest.mark.parametrize("station_id", ["weixing", "changjianglu"])
def test_located_beside_a_station_lists_it_first(phone, site_url: str, network, station_id: str) -> None:
    context, outside = phone
    st = network.station_by_id[station_id]
    lng, lat = gcj02_to_wgs84(st.location.lng, st.location.lat + 0.0003)  # ~30 m north of it
    context.grant_permissions(["geolocation"], origin=site_url.rstrip("/"))
    context.set_geolocation({"longitude": lng, "latitude": lat, "accuracy": 20})
    page, errors = _page(context)
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "near/")
    page.get_by_role("button", name="用我的位置查找").click()
    found = _results(page)
    assert found[0] == station_id
    first = page.locator(".bee-result").first
    assert "15分钟服务圈" in first.inner_text()
    assert first.locator(".bee-open-state").inner_text() in ("营业中 · 17:30 关门", "营业中")  # Monday 10:00
    assert first.locator("a").first.evaluate("a => a.href") == f"{site_url}s/{station_id}/"
    hrefs = first.locator("a.bee-map").evaluate_all("els => els.map(e => e.href)")
    assert [h.split("/")[2] for h in hrefs] == ["uri.amap.com", "api.map.baidu.com", "apis.map.qq.com"]
    assert first.locator("a.bee-call").get_attribute("href", timeout=1000).startswith("tel:")
    box = page.get_by_role("button", name="用我的位置查找").bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44  # WCAG 2.2 target size, our 44 px floor
    if station_id == "weixing":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.mouse.move(0, 0)  # no hover left over from the tap
        page.wait_for_timeout(600)  # as the rider sees it: the summary under the header, the first result below
        page.screenshot(path=str(SHOTS / "near.png"))
    assert not errors and not outside.urls


def test_location_denied_falls_back_to_a_community(phone, site_url: str, network) -> None:
    context, outside = phone
    context.clear_permissions()  # headless Chromium then denies the request, like a rider tapping 不允许
    page, errors = _page(context)
    page.goto(site_url + "near/")
    page.get_by_role("button", name="用我的位置查找").click()
    status = page.locator("[data-bee-message]")
    status.filter(has_text="请在下面选择").wait_for()
    focused = page.evaluate("document.activeElement.id")
    assert focused == "bee-place"
    st = network.station_by_id["weixing"]
    page.select_option("#bee-place", label=st.community)
    page.get_by_role("button", name="查找", exact=True).click()
    found = _results(page)
    assert len(found) == 10
    assert st.community in page.locator("[data-bee-message]").inner_text()
    community_ids = {s.id for s in network.stations if s.community == st.community}
    assert found[0] in community_ids
    assert all(network.station_by_id[i].is_open for i in found)  # paused/closed stations are never suggested
    page.select_option("#bee-place", label="叙丰家园社区")  # its only station is paused
    page.get_by_role("button", name="查找", exact=True).click()
    page.locator("[data-bee-message]").filter(has_text="叙丰家园社区").wait_for()
    assert "xufeng" not in _results(page)
    assert not errors and not outside.urls


def test_sunday_evening_weekday_station_is_closed(phone, site_url: str) -> None:
    context, outside = phone
    page, errors = _page(context)
    page.clock.set_fixed_time(SUNDAY_EVENING)
    page.goto(site_url + "s/weixing/")
    assert page.locator(".bee-open-state").inner_text() == "已休息 · 明天 08:30 开门"
    page.goto(site_url + "stations/")
    item = page.locator(".bee-item", has=page.locator('a[href$="/s/weixing/"]'))
    assert item.locator(".bee-open-state").inner_text() == "已休息 · 明天 08:30 开门"
    assert "bee-greyed" in (item.get_attribute("class") or "")
    page.goto(site_url + "near/")
    page.select_option("#bee-place", label="卫星社区")
    page.get_by_role("button", name="查找", exact=True).click()
    _results(page)
    row = page.locator('.bee-result[data-station="weixing"]')
    assert row.locator(".bee-open-state").inner_text() == "已休息 · 明天 08:30 开门"
    page.locator("summary", has_text="筛选").click()
    page.get_by_role("checkbox", name="只看营业中").check()
    assert page.locator("summary", has_text="筛选").text_content() == "筛选（已选 1 项）"
    assert row.is_hidden()
    assert not errors and not outside.urls


def test_service_filter_narrows_directory_and_finder(phone, site_url: str, network) -> None:
    context, outside = phone
    page, errors = _page(context)
    page.goto(site_url + "stations/")
    items = page.locator(".bee-item")
    assert items.count() == len(network.stations)
    page.locator("summary", has_text="筛选").click()
    page.get_by_role("checkbox", name="热饭（微波炉）").check()
    visible = page.locator(".bee-item:visible")
    want = [s.id for s in network.stations if "microwave" in s.services]
    assert 0 < visible.count() == len(want) < len(network.stations)
    assert f"{len(want)} 个" in page.locator("[data-bee-count]").inner_text()
    page.goto(site_url + "near/")
    page.select_option("#bee-place", index=1)
    page.get_by_role("button", name="查找", exact=True).click()
    before = len(_results(page))
    page.locator("summary", has_text="筛选").click()
    page.get_by_role("checkbox", name="热饭（微波炉）").check()
    after = page.eval_on_selector_all(
        ".bee-result", "els => els.filter(e => e.offsetParent).map(e => e.dataset.station)"
    )
    assert after and len(after) < before
    assert all("microwave" in network.station_by_id[i].services for i in after)
    assert not errors and not outside.urls


def test_directory_lists_everything_without_javascript(chromium, site_url: str, network) -> None:
    from browser import PHONE

    context = chromium.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "stations/")
    assert page.locator(".bee-item:visible").count() == len(network.stations)
    assert page.locator("[data-bee-filters]").is_hidden()
    context.close()


def test_visited_station_page_works_offline(phone, site_url: str) -> None:
    context, outside = phone
    page, errors = _page(context)
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "s/weixing/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "station.png"))
    _wait_until_cached(page, ["", "../../near/"])
    context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1").first.inner_text() == "卫星社区党群服务中心"
        assert page.locator(".bee-open-state").inner_text() == "营业中 · 17:30 关门"
        page.goto(site_url + "near/")
        page.select_option("#bee-place", label="卫星社区")
        page.get_by_role("button", name="查找", exact=True).click()
        assert _results(page)[0]
    finally:
        context.set_offline(False)
    assert not errors and not outside.urls


def test_search_loads_only_when_opened(phone, site_url: str) -> None:
    context, outside = phone
    page, errors = _page(context)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "s/weixing/", wait_until="networkidle")
    assert not [u for u in requested if "search" in u]  # no index, no worker, no lunr on a first view
    assert page.evaluate("typeof BeeNear") == "undefined"  # finder scripts stay off station pages
    page.locator("label[for=__search]").first.click()
    page.locator("input[data-md-component=search-query]").fill("卫星")
    page.locator(".bee-search-hit").first.wait_for()
    assert any(u.endswith("search/search_index.json") for u in requested)
    assert any(u.endswith("assets/bee/search/index.json") for u in requested)
    assert not errors and not outside.urls


def test_finder_starts_after_navigating_from_home(phone, site_url: str) -> None:
    context, outside = phone
    page, errors = _page(context)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url)
    page.evaluate("document.querySelector('a[href$=\"near/\"]').click()")
    page.wait_for_url("**/near/")
    # The sitemap lists every station; nothing a rider loads may grow with the network.
    assert not any(u.endswith("sitemap.xml") for u in requested)
    page.select_option("#bee-place", index=1)
    page.get_by_role("button", name="查找", exact=True).click()
    assert _results(page)
    assert not errors and not outside.urls


def test_after_locating_the_summary_has_focus_and_open_stations_come_first(phone, site_url: str, network) -> None:
    """Monday 18:00: the summary is focused, the first result is on a 360×740 screen, open stations first."""
    context, outside = phone
    st = network.station_by_id["weixing"]
    lng, lat = gcj02_to_wgs84(st.location.lng, st.location.lat)
    context.grant_permissions(["geolocation"], origin=site_url.rstrip("/"))
    context.set_geolocation({"longitude": lng, "latitude": lat, "accuracy": 20})
    page, errors = _page(context)
    page.clock.set_fixed_time(MONDAY_MORNING + timedelta(hours=8))
    page.goto(site_url + "near/")
    page.get_by_role("button", name="用我的位置查找").click()
    _results(page)
    assert page.evaluate("document.activeElement.hasAttribute('data-bee-message')")
    first = page.locator(".bee-result").first.bounding_box()
    assert first and first["y"] >= 0 and first["y"] + 120 <= 740  # its name and state are in view
    rows = page.eval_on_selector_all(
        ".bee-result",
        "els => els.map(e => [e.querySelector('.bee-open-state').classList.contains('bee-open'),"
        " e.classList.contains('bee-greyed')])",
    )
    opened = [r[0] for r in rows]
    assert True in opened and False in opened and opened == sorted(opened, reverse=True)  # open ones first
    assert all(greyed != is_open for is_open, greyed in rows)
    assert "个现在营业" in page.locator("[data-bee-message]").inner_text()
    assert not errors and not outside.urls


def test_station_photos_load_only_when_scrolled_near(phone, site_url: str) -> None:
    """Entrance photos stay out of the first view (its 80 KB budget), then load as WebP at the width a 2× screen
    needs, in a box reserved by width/height so nothing below them moves."""
    context, outside = phone
    page, errors = _page(context)
    photos: list[str] = []
    page.on("request", lambda r: photos.append(r.url) if "/assets/bee/photos/" in r.url else None)
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "s/weixing/", wait_until="networkidle")
    assert photos == []
    img = page.locator(".bee-photo img").first
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("480", "360")
    before = page.evaluate("document.querySelector('#services').getBoundingClientRect().top + scrollY")
    page.locator("#photos").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.bee-photo img').complete")
    page.wait_for_function("document.querySelector('.bee-photo img').naturalWidth > 1")
    assert len(photos) == 1 and photos[0].endswith("-960.webp")
    assert page.evaluate("document.querySelector('#services').getBoundingClientRect().top + scrollY") == before
    page.evaluate("window.scrollTo(0, document.querySelector('#photos').offsetTop - 200)")
    page.wait_for_timeout(400)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "station-photos.png"))
    assert not errors and not outside.urls


def test_a_year_without_holiday_data_says_so_and_claims_nothing_a_holiday_could_change(phone, site_url: str) -> None:
    """The sample is built in 2026 (calendar.js covers 2026 only); on 2027-01-04 a phone cannot know whether the
    day is a holiday: a station with PH/MW rules reads 待确认, a 24/7 one still 营业中, and the page says why."""
    context, outside = phone
    page, errors = _page(context)
    page.clock.set_fixed_time(datetime(2027, 1, 4, 10, 0, tzinfo=CST))
    page.goto(site_url + "s/weixing/")
    assert page.locator(".bee-now .bee-open-state").inner_text() == "待确认"
    notice = page.locator("[data-bee-cal-notice]")
    assert notice.is_visible() and "2027 年的法定节假日安排" in notice.inner_text()
    page.goto(site_url + "s/changjianglu/")  # 24/7, no PH rule: known either way
    assert page.locator(".bee-now .bee-open-state").inner_text() == "营业中"
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "s/weixing/")
    assert page.locator("[data-bee-cal-notice]").is_hidden()
    assert not errors and not outside.urls
