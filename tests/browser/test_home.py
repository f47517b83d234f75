"""The served site opens in headless Chromium in Thai, in Sarabun once the reader has opened a page (fonts.js), and
nothing is fetched elsewhere."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_in_thai_with_sarabun(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "th"
    heading = page.locator("h1").first.inner_text()
    assert "องค์กรสมรรถนะสูง" in heading
    assert page.locator(".hb-mission-cards li").count() == 8
    # The first page is in the device's Thai font and caches Sarabun (tests/browser/test_fonts.py); the next is in it.
    page.wait_for_function("() => localStorage.getItem('hb-fonts')", timeout=10_000)
    page.reload(wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ภารกิจ')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Sarabun' "
                           "&& f.status === 'loaded').length")
    assert loaded >= 1
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.startswith("Sarabun") or family.startswith('"Sarabun"')
    font_requests = [u for u in page.requests_seen if u.endswith(".woff2")]
    assert font_requests and all("/assets/fonts/sarabun-" in u for u in font_requests)


def test_no_request_leaves_localhost(page, base_url: str) -> None:
    for path in ("", "missions/leadership/", "reference/glossary/"):
        page.goto(base_url + path, wait_until="networkidle")
    hosts = {urlparse(u).hostname for u in page.requests_seen if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


def test_abbreviation_shows_its_full_form(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    abbr = page.locator("abbr", has_text="สพป.").first
    assert abbr.get_attribute("title") == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"
