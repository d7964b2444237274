"""The study pages in real headless Chromium at a phone viewport: audio plays, "my menu" persists,
activities split against the phone's clock, and Chinese search finds items and activities (stations: test_search)."""

from __future__ import annotations

from datetime import datetime

import pytest

from generator.data.hours import SHANGHAI

pytestmark = pytest.mark.browser


def _page(phone, url: str):
    context, outside = phone
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, errors, outside


def test_audio_item_plays_changes_speed_and_resumes(phone, site_url: str) -> None:
    page, errors, outside = _page(phone, site_url + "study/i/ebike-helmet/")
    assert page.evaluate("document.createElement('audio').canPlayType('audio/mpeg')") in ("probably", "maybe")
    page.wait_for_function("document.querySelector('.bee-player audio').readyState >= 3", timeout=10_000)  # canplay
    assert page.evaluate("document.querySelector('.bee-player audio').duration") == pytest.approx(12, abs=1)
    page.click("[data-bee-rate='1.5']")
    assert page.evaluate("document.querySelector('.bee-player audio').playbackRate") == 1.5
    assert page.get_attribute("[data-bee-rate='1.5']", "aria-pressed") == "true"
    page.click("[data-bee-skip='15']")  # clamps at the end of a 12 s clip
    page.evaluate("var a = document.querySelector('.bee-player audio'); a.currentTime = 6.5;")
    page.wait_for_function("(JSON.parse(localStorage.getItem('bee.study.pos') || '{}')['ebike-helmet'] || 0) === 6")
    page.reload()
    page.wait_for_function("document.querySelector('.bee-player audio').currentTime >= 6", timeout=10_000)
    assert page.is_visible(".bee-resume")
    assert page.evaluate("document.querySelector('.bee-player audio').playbackRate") == 1.5  # speed remembered
    assert not errors and not outside.urls


def test_done_mark_on_item_page_shows_on_its_category(phone, site_url: str) -> None:
    page, errors, _ = _page(phone, site_url + "study/i/aid-cpr/")
    page.click("[data-bee-done='aid-cpr']")
    assert page.get_attribute("[data-bee-done='aid-cpr']", "aria-pressed") == "true"
    page.goto(site_url + "study/c/first-aid/")
    assert "bee-done" in (page.get_attribute("[data-bee-item='aid-cpr']", "class") or "")
    assert not errors


def test_my_menu_persists_across_reloads(phone, site_url: str) -> None:
    page, errors, outside = _page(phone, site_url + "study/my/")
    page.check("input[name=bee-menu][value=new-rider]")
    page.check("input[name=bee-cat][value=rights]")
    # The menu's 7, then the 3 rights items not already in it (the list fills in once the data file is in).
    page.wait_for_function("document.querySelectorAll('.bee-my-list li').length === 7 + 3")
    page.check("[data-bee-check='ebike-helmet']")
    assert page.inner_text(".bee-my-progress") == "已学 1 / 10"
    page.reload()
    page.wait_for_function("document.querySelectorAll('.bee-my-list li').length === 10")
    assert page.is_checked("input[name=bee-menu][value=new-rider]")
    assert page.is_checked("input[name=bee-cat][value=rights]")
    assert page.is_checked("[data-bee-check='ebike-helmet']")
    assert page.inner_text(".bee-my-progress") == "已学 1 / 10"
    assert page.locator(".bee-my-list li a").first.inner_text() == "一盔一带，安全常在"
    assert not errors and not outside.urls


def test_activities_split_against_the_phones_clock(phone, site_url: str) -> None:
    context, _ = phone
    page = context.new_page()
    # The site was built on 2026-11-18; the phone says 2027-01-10 (Beijing time).
    page.clock.install(time=datetime(2027, 1, 10, 12, 0, tzinfo=SHANGHAI))
    page.goto(site_url + "study/activities/")
    upcoming = page.locator("[data-bee-activities=upcoming] .bee-activity").evaluate_all("els => els.map(e => e.id)")
    past = page.locator("[data-bee-activities=past] .bee-activity").evaluate_all("els => els.map(e => e.id)")
    assert upcoming == ["volunteer-2027-01", "clinic-2027-02", "rights-day-2027-02"]
    assert past[0] == "aid-training-2027-01" and len(past) == 5
    page.goto(site_url + "s/taihu-1/")
    assert page.is_visible("text=暖冬志愿：为环卫工人送热饮")
    page.goto(site_url + "s/gongboyuan/")
    assert page.locator("li[data-bee-end]").first.is_hidden()  # ended on 2027-01-09
    assert page.is_hidden("h2#activities")  # its only activity: the whole block goes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("心肺复苏", "study/i/aid-cpr/"),
        ("义诊", "study/activities/"),
        ("头盔", "study/i/ebike-helmet/"),
    ],
)
def test_chinese_search_finds_items_and_activities(phone, site_url: str, query: str, expected: str) -> None:
    page, errors, outside = _page(phone, site_url)
    page.click("label.md-header__button[for='__search']")
    # Typing before the search worker has loaded the index is silently ignored: wait until it is ready.
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent === '键入以开始搜索'")
    # Material searches on keyup; typing Chinese goes through the input method (no keyup), so
    # fill the box as an IME would and release a key, as a phone keyboard does when it commits.
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(expected in h for h in hrefs), hrefs
    assert not errors and not outside.urls


def test_an_activity_under_way_is_marked(phone, site_url: str) -> None:
    context, _ = phone
    page = context.new_page()
    page.clock.install(time=datetime(2026, 12, 12, 10, 0, tzinfo=SHANGHAI))
    page.goto(site_url + "study/activities/")
    assert page.is_visible("#clinic-2026-12 .bee-activity-state")  # 进行中
    assert page.is_hidden("#red-study-2026-12 .bee-activity-state")
    assert page.locator("[data-bee-activities=upcoming] .bee-activity").first.get_attribute("id") == "clinic-2026-12"
