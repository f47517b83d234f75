"""The search index is downloaded only when the reader starts to search, and search still works then."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def index_requests(page) -> list[str]:
    return [u for u in page.requests_seen if "search/search_index.json" in u]


def test_first_visit_does_not_download_the_index(page, base_url: str) -> None:
    page.goto(base_url + "missions/leadership/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert index_requests(page) == []


def test_focusing_search_downloads_it_and_finds_thai(page, base_url: str) -> None:
    page.goto(base_url + "missions/leadership/", wait_until="networkidle")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.type("วิสัยทัศน์")
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert len(index_requests(page)) == 1
    assert results.count() >= 1


def test_keyboard_shortcut_also_loads_it(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    assert index_requests(page) == []
    page.keyboard.press("/")
    page.wait_for_timeout(1000)
    assert len(index_requests(page)) == 1
