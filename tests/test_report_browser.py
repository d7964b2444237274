"""The report page in real headless Chromium at 360×740: one composed message reaches the clipboard, sms:, tel:
and the form URL (placeholders URL-encoded), location only on a tap, online and offline; nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from test_rider_browser import MONDAY_MORNING, SHOTS, _page, _wait_until_cached, gcj02_to_wgs84

pytestmark = pytest.mark.browser

TEXT = "门口积水 & 井盖#1 ?x=1 100%"


def _compose(page, network) -> str:  # type: ignore[no-untyped-def]
    """Pick 没开门, add the location and a text; returns the composed message."""
    page.locator("[data-bee-station-name]").filter(has_text="卫星社区党群服务中心").wait_for()
    page.get_by_label("没开门").check()
    page.get_by_role("button", name="附上我的位置").click()
    page.locator("[data-bee-report-status]").filter(has_text="已附上位置").wait_for()
    page.get_by_label("补充说明").fill(TEXT)
    return page.locator("[data-bee-report-message]").input_value()


def _check_message(message: str, site: str) -> str:
    lines = message.splitlines()
    assert lines[0] == "【小蜜蜂驿站·上报问题】" and lines[1] == "问题：没开门（关于驿站）"
    assert lines[2] == "驿站：卫星社区党群服务中心（https://bee.example.org/s/weixing/）"
    assert lines[3].startswith("位置：https://uri.amap.com/marker?position=120.36") and "coordinate=gaode" in lines[3]
    assert lines[4] == "说明：" + TEXT and lines[5] == "时间：2026-11-23 10:00"
    return lines[3].removeprefix("位置：")


def _check_links(page, message: str, place: str) -> None:  # type: ignore[no-untyped-def]
    sms = page.locator("[data-bee-report-sms]").get_attribute("href") or ""
    assert sms.startswith("sms:13900000000?body=") and unquote(sms.split("?body=", 1)[1]) == message
    tel = page.get_by_role("link", name="拨打 市民热线 12345").get_attribute("href")
    assert tel == "tel:12345"
    form = page.locator("[data-bee-report-form-link]").get_attribute("href") or ""
    parts = urlsplit(form)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "forms.example.org", "/bee-report")
    assert "{" not in form and "&x=1" not in form and "#" not in form  # every value encoded, none leaks as syntax
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {"station": ["卫星社区党群服务中心"], "type": ["没开门"], "detail": [f"{TEXT} 位置：{place}"]}


def test_report_reaches_every_channel(phone, site_url: str, network) -> None:
    context, outside = phone
    st = network.station_by_id["weixing"]
    lng, lat = gcj02_to_wgs84(st.location.lng, st.location.lat)
    origin = site_url.rstrip("/")
    context.grant_permissions(["geolocation", "clipboard-read", "clipboard-write"], origin=origin)
    context.set_geolocation({"longitude": lng, "latitude": lat, "accuracy": 20})
    page, errors = _page(context)
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "s/weixing/")
    page.get_by_role("link", name="反馈/纠错").click()
    page.wait_for_url("**/report/?station=weixing")
    message = _compose(page, network)
    place = _check_message(message, site_url)
    assert "position=120.361200,31.538800" in place  # the phone's WGS-84 fix, back in GCJ-02 as the data has it
    page.get_by_role("button", name="复制内容，粘贴到微信群").click()
    page.locator("[data-bee-report-status]").filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == message
    _check_links(page, message, place)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, document.querySelector('#bee-report-text').offsetTop - 120)")  # down: no 回到顶部
    page.mouse.move(0, 0)
    page.wait_for_timeout(600)  # the message as composed and the channels to send it
    page.screenshot(path=str(SHOTS / "report.png"))
    assert not errors and not outside.urls


def test_nothing_is_read_before_a_tap_and_a_category_comes_first(phone, site_url: str) -> None:
    context, outside = phone
    page, errors = _page(context)
    page.add_init_script("navigator.geolocation.getCurrentPosition = function () { window.__asked = true; };")
    page.goto(site_url + "report/")
    assert page.locator("[data-bee-report-station]").is_hidden()  # no station in the URL
    assert not page.evaluate("!!window.__asked")  # location only on a tap
    page.get_by_role("button", name="复制内容，粘贴到微信群").click()
    assert "请先选择问题类型" in page.locator("[data-bee-report-status]").inner_text()
    assert page.evaluate("document.activeElement.name") == "category"
    sms = page.locator("[data-bee-report-sms]")
    sms.click()
    assert page.url == site_url + "report/"  # the link waited for a category
    page.get_by_label("道路隐患").check()
    assert (
        page.locator("[data-bee-report-message]").input_value().splitlines()[1]
        == "问题：道路隐患（关于街面（流动前哨））"
    )
    page.goto(site_url + "report/?station=..%2F..%2Fetc")  # not an id: ignored, nothing fetched
    assert page.locator("[data-bee-report-station]").is_hidden()
    assert not errors and not outside.urls


def test_report_composes_offline(phone, site_url: str, network) -> None:
    context, outside = phone
    st = network.station_by_id["weixing"]
    lng, lat = gcj02_to_wgs84(st.location.lng, st.location.lat)
    origin = site_url.rstrip("/")
    context.grant_permissions(["geolocation", "clipboard-read", "clipboard-write"], origin=origin)
    context.set_geolocation({"longitude": lng, "latitude": lat, "accuracy": 20})
    page, errors = _page(context)
    page.clock.set_fixed_time(MONDAY_MORNING)
    page.goto(site_url + "s/weixing/")
    _wait_until_cached(page, ["", "../../report/", "../../assets/javascripts/bee-report.js"])
    context.set_offline(True)
    try:
        page.goto(site_url + "report/?station=weixing")
        message = _compose(page, network)
        place = _check_message(message, site_url)
        page.get_by_role("button", name="复制内容，粘贴到微信群").click()
        page.locator("[data-bee-report-status]").filter(has_text="已复制").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == message
        _check_links(page, message, place)
    finally:
        context.set_offline(False)
    assert not errors and not outside.urls
