"""The guide map page on a 360×740 phone: the whole map fits, zoom and pan work, every pin is a target of at
least 44 px that no other pin overlaps at any zoom level, and the numbered list names every station in full."""

from __future__ import annotations

import pytest

from generator.printing.guidemap import PIN_PX, pin_layers, web_markers

pytestmark = pytest.mark.browser

BOXES = """els => els.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height]; })"""


def _overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a[0] < b[0] + b[2] - 0.5
        and b[0] < a[0] + a[2] - 0.5
        and a[1] < b[1] + b[3] - 0.5
        and b[1] < a[1] + a[3] - 0.5
    ]


def test_pin_layers_never_overlap_and_end_with_one_pin_per_station(network) -> None:
    _, markers = web_markers(network)
    layers = pin_layers(markers)
    assert layers[0].zoom == 1 and all(p.single for p in layers[-1].pins)
    for layer in layers:
        assert sorted(m.number for p in layer.pins for m in p.markers) == list(range(1, len(markers) + 1))
        px = [(p.left / 100 * 300 * layer.zoom, p.top / 100 * 300 * 860 / 960 * layer.zoom) for p in layer.pins]
        for i, a in enumerate(px):
            assert all(max(abs(a[0] - b[0]), abs(a[1] - b[1])) >= PIN_PX - 0.01 for b in px[i + 1 :])


def test_map_fits_zooms_pans_and_keeps_targets_apart(phone, site_url: str, network) -> None:
    context, outside = phone
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + "map/")
    frame = page.locator(".bee-map-frame").bounding_box()
    assert frame and frame["x"] >= 0 and frame["x"] + frame["width"] <= 360 and frame["height"] <= 740 - 56
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling of the page
    levels = page.locator(".bee-pins").count()
    assert levels >= 2
    for level in range(levels):
        boxes = page.eval_on_selector_all(".bee-pins:not([hidden]) .bee-pin", BOXES)
        assert boxes and all(w >= 44 and h >= 44 for _, _, w, h in boxes)
        assert not _overlapping(boxes), level
        if level < levels - 1:
            page.get_by_role("button", name="＋ 放大").click()
    width = page.evaluate("document.querySelector('.bee-map-canvas').offsetWidth")
    assert width >= 2 ** (levels - 1) * 300 - 1  # zoomed in
    before = page.evaluate("document.querySelector('.bee-map-frame').scrollLeft")
    page.locator(".bee-map-frame").evaluate("f => f.scrollBy(120, 80)")  # panning is the frame's own scrolling
    assert page.evaluate("document.querySelector('.bee-map-frame').scrollLeft") == before + 120
    assert page.get_by_role("button", name="＋ 放大").is_disabled()
    for _ in range(levels - 1):
        page.get_by_role("button", name="－ 缩小").click()
    page.locator(".bee-pins:not([hidden]) .bee-pin--group").first.click()  # a group zooms in on itself
    assert page.eval_on_selector_all(".bee-pins:not([hidden])", "els => els.map(e => e.dataset.zoom)") == ["2"]
    names = page.locator("ol.bee-map-list li a").all_inner_texts()
    assert names == [s.name for s in network.stations]  # the list in full, nothing truncated
    number = [s.id for s in network.stations].index("weixing") + 1
    last = page.locator(f'.bee-pins[data-zoom="{2 ** (levels - 1)}"] a.bee-pin[href$="/s/weixing/"]')
    assert last.get_attribute("aria-label") == f"{number}. 卫星社区党群服务中心"
    assert not errors and not outside.urls
