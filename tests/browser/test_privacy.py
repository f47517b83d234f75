"""Privacy: opening any page of the handbook makes no request to another host.

Every page in the sitemap is loaded in Chromium (plus the 404 page and the search, which starts a web
worker and fetches the index); every request is recorded, including those of scripts, styles, fonts,
images and workers. Requests to other hosts are aborted so that nothing waits on the network, but they
are still recorded and fail the test. The failing fixture is in tests/test_quality_fixtures.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.quality import block_foreign, foreign_requests

from .conftest import PageFindings

pytestmark = pytest.mark.browser


@pytest.fixture
def recording(context: Any, base_url: str) -> Any:
    block_foreign(context, base_url)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda r: page.requests_seen.append(r.url))
    # Requests made by workers (the search index) are reported on the context, not the page.
    context.on("request", lambda r: page.requests_seen.append(r.url))
    return page


def test_no_page_requests_another_host(page_walk: dict[str, PageFindings]) -> None:
    assert len(page_walk) > 20 and "404.html" in page_walk
    offenders = {path: f.foreign for path, f in page_walk.items() if f.foreign}
    assert not offenders, "requests to other hosts:\n" + "\n".join(f"  /{p}: {u}" for p, u in offenders.items())


def test_search_and_fonts_stay_local(recording: Any, base_url: str) -> None:
    recording.goto(base_url, wait_until="networkidle")
    recording.keyboard.press("/")
    recording.locator("input.md-search__input").press_sequentially("PMQA")
    recording.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    seen = recording.requests_seen
    assert foreign_requests(seen, base_url) == []
    assert any("/search/search_index" in u for u in seen), "the search index was not loaded"
    fonts = [u for u in seen if u.split("?")[0].endswith((".woff2", ".woff", ".ttf", ".otf"))]
    assert fonts, "no font was requested"
    assert all("/assets/fonts/sarabun-" in u for u in fonts), fonts
