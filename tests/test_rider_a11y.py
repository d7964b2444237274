"""Rider pages in real headless Chromium at 360×740: primary buttons are at least 44×44 CSS px; at 200 % zoom
nothing needs sideways scrolling (WCAG 1.4.10 Reflow, 1.4.4 Resize text). axe over every page: test_a11y_site.py."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "stations/", "s/weixing/", "near/", "report/", "sentinel/", "map/"]


def _show_results(page) -> None:  # type: ignore[no-untyped-def]
    """On near/, list stations (via the community picker) so the dynamic results are checked too."""
    if page.url.endswith("/near/"):
        page.select_option("#bee-place", index=1)
        page.get_by_role("button", name="查找", exact=True).click()
        page.wait_for_selector(".bee-result")


@pytest.mark.parametrize("path", ["s/weixing/", "near/", "report/", "map/"])
def test_primary_buttons_are_at_least_44px(phone, site_url: str, path: str) -> None:
    context, _ = phone
    page = context.new_page()
    page.goto(site_url + path)
    _show_results(page)
    boxes = page.locator(".md-typeset .md-button").evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => [e.textContent.trim(), e.getBoundingClientRect().width,"
        " e.getBoundingClientRect().height])"
    )
    assert boxes
    small = [b for b in boxes if b[1] < 44 or b[2] < 44]
    assert not small


@pytest.mark.parametrize("path", PAGES)
def test_readable_at_200_percent_zoom(chromium, site_url: str, path: str) -> None:
    # 200 % zoom on a 360 px phone leaves 180 CSS px of width.
    context = chromium.new_context(viewport={"width": 180, "height": 370}, device_scale_factor=4, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path)
    _show_results(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 1
