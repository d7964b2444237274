"""WCAG 2.2 AA in real headless Chromium at 360×740: axe-core (pinned in package.json, injected by the test)
finds no violations on the rider's pages in the light and the dark scheme; primary buttons are at least
44×44 CSS px; at 200 % zoom nothing needs sideways scrolling (WCAG 1.4.10 Reflow, 1.4.4 Resize text)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "stations/", "s/weixing/", "near/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXTRA_RULES = ["aria-dialog-name", "heading-order", "landmark-one-main", "page-has-heading-one", "region"]


def _axe(page) -> list[str]:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.skip("axe-core is not installed (run `make test`, which runs `npm ci`)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    # Lighthouse also runs axe's best-practice rules; these are the ones Material's markup can trip.
    extra = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", EXTRA_RULES)
    result["violations"] += extra["violations"]
    return [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def _show_results(page) -> None:  # type: ignore[no-untyped-def]
    """On near/, list stations (via the community picker) so the dynamic results are checked too."""
    if page.url.endswith("/near/"):
        page.select_option("#bee-place", index=1)
        page.get_by_role("button", name="查找", exact=True).click()
        page.wait_for_selector(".bee-result")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(phone, site_url: str, path: str, scheme: str) -> None:
    context, outside = phone
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    want = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == want
    _show_results(page)
    assert _axe(page) == []
    assert not outside.urls


@pytest.mark.parametrize("path", ["s/weixing/", "near/"])
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
