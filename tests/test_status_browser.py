"""Closed, paused and scheduled stations read consistently in Chromium at 360×740, with a mocked clock.

The tiny fixture has one station per status, plus `closing-soon`, closed from 2026-12-01 (after the build's
date): before that date it is an open station that says 12-01 起关闭; from that date on the page switches
by itself, without a rebuild, to what a closed station shows. A closed station never offers a call or a
route to itself: its successor and nearest open stations come first, each with its own buttons.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

pytestmark = pytest.mark.browser

CST = timezone(timedelta(hours=8))
BEFORE = datetime(2026, 11, 25, 10, 0, tzinfo=CST)  # a Wednesday
AFTER = datetime(2026, 12, 2, 10, 0, tzinfo=CST)  # the Wednesday after status_since
OWN_PHONE = {"paused-one": "tel:051000000002", "closed-one": "tel:051000000003", "closing-soon": "tel:051000000004"}


def _open(context, url: str, when: datetime):  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(when)
    page.goto(url)
    return page, errors


def _visible_hrefs(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent).map(e => e.href)")


@pytest.mark.parametrize(("station", "badge"), [("paused-one", "暂停开放"), ("closed-one", "已关闭")])
def test_a_closed_station_sends_riders_elsewhere(phone, tiny_url: str, station: str, badge: str) -> None:
    context, outside = phone
    page, errors = _open(context, tiny_url + f"s/{station}/", BEFORE)
    assert page.locator(".bee-now .bee-open-state").inner_text() == badge  # the badge matches the status
    assert f"本驿站{badge}" in page.locator(".bee-notice").inner_text()
    calls = _visible_hrefs(page, "a.bee-call")
    assert calls and OWN_PHONE[station] not in calls  # no call button for itself
    maps = _visible_hrefs(page, "a.bee-map")
    assert maps and all("120.3712" not in h and "120.3812" not in h for h in maps)  # no route to itself
    first = page.locator(".bee-result").first
    assert first.locator("a").first.inner_text() == "全天驿站"  # the successor or the nearest open station
    if station == "paused-one":
        assert "接替本站" in first.inner_text()
    order = page.evaluate(
        "[...document.querySelectorAll('.bee-result, .bee-address')].map(e => e.className.split(' ')[0])"
    )
    assert order[0] == "bee-result"  # alternatives come before anything about the closed site
    assert not errors and not outside.urls


def test_a_station_closing_later_switches_on_its_date(phone, tiny_url: str) -> None:
    context, outside = phone
    page, errors = _open(context, tiny_url + "s/closing-soon/", BEFORE)
    assert page.locator(".bee-now .bee-open-state").inner_text() == "营业中 · 17:30 关门 · 12-01 起关闭"
    assert page.get_by_text("本驿站将于 12-01 关闭").is_visible()
    assert OWN_PHONE["closing-soon"] in _visible_hrefs(page, "a.bee-call")
    assert len(_visible_hrefs(page, ".bee-self a.bee-map")) == 3
    assert page.get_by_text("本驿站已关闭").is_hidden()
    page.close()
    page, errors = _open(context, tiny_url + "s/closing-soon/", AFTER)
    assert page.locator(".bee-now .bee-open-state").inner_text() == "已关闭"
    assert page.get_by_text("本驿站将于 12-01 关闭").is_hidden()
    assert page.get_by_text("本驿站已关闭").is_visible()
    calls = _visible_hrefs(page, "a.bee-call")
    assert calls and OWN_PHONE["closing-soon"] not in calls
    assert page.locator(".bee-self").is_hidden()
    assert not errors and not outside.urls


@pytest.mark.parametrize(("when", "badges"), [
    (BEFORE, ["营业中", "暂停开放", "已关闭", "营业中 · 17:30 关门 · 12-01 起关闭"]),
    (AFTER, ["营业中", "暂停开放", "已关闭", "已关闭"]),
])  # fmt: skip
def test_directory_and_finder_agree_with_the_pages(phone, tiny_url: str, when: datetime, badges: list[str]) -> None:
    context, outside = phone
    page, errors = _open(context, tiny_url + "stations/", when)
    ids = ["always", "paused-one", "closed-one", "closing-soon"]
    got = [
        page.locator(".bee-item", has=page.locator(f'a[href$="/s/{i}/"]')).locator(".bee-open-state").inner_text()
        for i in ids
    ]
    assert got == badges
    page.goto(tiny_url + "near/")
    page.select_option("#bee-place", label="丙社区")
    page.get_by_role("button", name="查找", exact=True).click()
    page.wait_for_selector(".bee-result")
    listed = page.eval_on_selector_all(".bee-result", "els => els.map(e => e.dataset.station)")
    assert ("closing-soon" in listed) == (when == BEFORE) and "closed-one" not in listed and "paused-one" not in listed
    assert not errors and not outside.urls
