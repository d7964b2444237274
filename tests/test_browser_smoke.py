"""The station page in real headless Chromium at a phone viewport: renders, shows open/closed, stays local."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"


def test_station_page_renders_on_a_phone(phone, site_url: str) -> None:
    context, outside = phone
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + "s/weixing/")
    assert page.locator("h1").first.inner_text() == "卫星社区党群服务中心"
    state = page.locator(".bee-open-state")
    # Computed by bee-hours.js with the real clock, e.g. "营业中 · 17:30 关门" (待确认 in a year without holiday data).
    assert state.inner_text().split(" · ")[0] in ("营业中", "已休息", "待确认")
    call = page.locator("a.bee-call").first.bounding_box()
    assert call and call["height"] >= 44 and call["width"] >= 44
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "station-weixing.png"), full_page=True)
    assert not errors
    assert not outside.urls
