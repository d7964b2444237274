"""先锋力量 in real headless Chromium at 360×740: axe-core finds no WCAG 2.2 AA violation in the light and the
dark scheme, the charts draw and keep 3:1 contrast without JavaScript, the page reflows at 200 % zoom,
a station's badge leads to its post, and Chinese search finds the honour roll."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import axe_source, axe_violations

pytestmark = pytest.mark.browser

PAGE = "community/"
# Relative luminance (WCAG 2.2) and the contrast of a bar, drawn in currentColor at fill-opacity .75, with the
# page background behind it.
CONTRAST_JS = """fig => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lin = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
  const lum = c => { const [r, g, b] = c.map(lin); return .2126 * r + .7152 * g + .0722 * b; };
  const rect = fig.querySelector('rect:not([width="0"])'), cs = getComputedStyle(rect);
  const fg = rgb(cs.fill), bg = rgb(getComputedStyle(document.body).backgroundColor), a = Number(cs.fillOpacity);
  const bar = fg.map((v, i) => a * v + (1 - a) * bg[i]);
  const [hi, lo] = [lum(bar), lum(bg)].sort((x, y) => y - x);
  return (hi + .05) / (lo + .05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_and_bars_keep_contrast(phone, site_url: str, scheme: str) -> None:
    context, outside = phone
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE)
    want = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == want
    assert axe_violations(page, axe_source()) == []  # the whole site's walk (test_a11y_site) covers it too
    for figure in page.locator("figure.bee-chart").element_handles():
        assert figure.evaluate(CONTRAST_JS) >= 3  # WCAG 1.4.11 non-text contrast
    assert not outside.urls


def test_charts_draw_without_javascript(chromium, site_url: str) -> None:
    from browser import PHONE

    context = chromium.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    charts = page.locator("figure.bee-chart svg")
    assert charts.count() >= 3
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        bars = charts.nth(i).locator("rect").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
        assert max(bars) > 100
    assert page.locator("figure.bee-chart figcaption").first.is_visible()
    context.close()


def test_readable_at_200_percent_zoom(chromium, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 180, "height": 370}, device_scale_factor=4, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + PAGE)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 1


def test_a_station_badge_leads_to_its_post(phone, site_url: str) -> None:
    context, outside = phone
    page = context.new_page()
    page.goto(site_url + "s/changjianglu/")
    page.get_by_role("link", name="党员示范岗").click()
    page.wait_for_url("**/community/#post-changjianglu-shifan")
    assert page.locator("#post-changjianglu-shifan").is_visible()
    assert "长江路党员骑手示范岗" in page.locator("#post-changjianglu-shifan").inner_text()
    assert not outside.urls


@pytest.mark.parametrize(("query", "expected"), [("红骑士", "team-hongqishi-1"), ("时间银行", "time-bank")])
def test_chinese_search_finds_the_honour_roll(phone, site_url: str, query: str, expected: str) -> None:
    context, outside = phone
    page = context.new_page()
    page.goto(site_url)
    page.click("label.md-header__button[for='__search']")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent === '键入以开始搜索'")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hrefs = page.locator(".md-search-result a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    found = [urlsplit(h) for h in hrefs]
    assert any(u.path.endswith("/community/") and u.fragment == expected for u in found), hrefs
    assert not outside.urls
