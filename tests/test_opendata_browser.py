"""The home page's SearchAction target (`?q=`) really searches: Material opens its search with the query."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_search_action_url_opens_search_with_results(phone, site_url: str) -> None:
    context, outside = phone
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + "?q=卫星")
    # bee-boot.js holds the search worker back until search is opened; Material focusing the box opens it.
    assert page.locator("input[data-md-component=search-query]").input_value() == "卫星"
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15_000)
    assert "卫星" in page.locator(".md-search-result").inner_text()
    assert not errors
    assert not outside.urls
