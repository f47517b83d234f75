"""Sarabun in Chromium (fonts.js, overrides/main.html): the device's Thai font on a reader's first page, with no
font fetched before the page is up and none applied late; Sarabun from the next page on, after a full load or an
instant navigation; Sarabun on paper always, the print buttons waiting for every face."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CHAPTER = "missions/leadership/"
CHECKLIST = "checklists/leadership/"
FACES = "[...document.fonts].filter(f => f.family.replace(/[\"']/g, '') === 'Sarabun')"
FLAG = "() => localStorage.getItem('hb-fonts')"


def _fonts_seen(page) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    page.on("request", lambda r: seen.append((r.url.rsplit("/", 1)[-1], r.resource_type)) if ".woff2" in r.url
            else None)
    return seen


def _first_family(page, selector: str = ".md-typeset") -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily.split(',')[0]")


def test_first_page_shows_the_device_font_and_caches_sarabun_after_load(page, base_url: str) -> None:
    seen = _fonts_seen(page)
    page.goto(base_url + CHAPTER, wait_until="load")
    assert "hb-sarabun" not in page.evaluate("document.documentElement.className")
    assert "Sarabun" not in _first_family(page)
    page.wait_for_function(FLAG, timeout=10_000)
    # Fetched by fonts.js once the page had loaded (resource type "fetch"), never by the page's layout ("font"):
    # the first page is laid out once, in the device's font.
    assert sorted(seen) == sorted((f"sarabun-{face}-normal.woff2", "fetch")
                                  for face in ("thai-400", "thai-700", "latin-400", "latin-700")), seen
    assert page.evaluate(f"{FACES}.every(f => f.status === 'unloaded')")

    seen.clear()
    page.goto(base_url + CHECKLIST, wait_until="load")
    page.evaluate("document.fonts.ready")
    assert "hb-sarabun" in page.evaluate("document.documentElement.className")
    assert _first_family(page).strip("\"'") == "Sarabun"
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ภารกิจ')")
    assert {kind for _, kind in seen} == {"font"}  # preloaded by the inline script and used by the page


def test_a_flag_for_other_files_is_not_trusted(page, base_url: str) -> None:
    """A note left by another handbook on the same host (or an older edition's fonts) names other files."""
    page.goto(base_url + CHAPTER, wait_until="load")
    page.wait_for_function(FLAG, timeout=10_000)  # this page's own note first, then another one over it
    page.evaluate("localStorage.setItem('hb-fonts', 'https://example.org/other/sarabun.woff2')")
    page.reload(wait_until="load")
    assert "hb-sarabun" not in page.evaluate("document.documentElement.className")
    page.wait_for_function("() => localStorage.getItem('hb-fonts').includes('sarabun-thai-400')", timeout=10_000)


def test_instant_navigation_takes_sarabun_once_cached(page, instant_base_url: str) -> None:
    page.goto(instant_base_url + CHAPTER, wait_until="load")
    page.wait_for_function(FLAG, timeout=10_000)
    page.evaluate("window.__samePage = true")  # gone if the browser loads the next page in full
    page.locator(".md-footer__link--next").click()
    page.wait_for_url("**/missions/strategy/")
    assert page.evaluate("window.__samePage === true"), "instant navigation did not take over"
    page.wait_for_function("document.documentElement.classList.contains('hb-sarabun')", timeout=5_000)


def test_paper_is_set_in_sarabun_even_on_a_first_page(page, base_url: str) -> None:
    page.goto(base_url + CHECKLIST, wait_until="load")
    assert "Sarabun" not in _first_family(page)
    page.emulate_media(media="print")
    assert _first_family(page).strip("\"'") == "Sarabun"


@pytest.mark.parametrize("path, button", [
    (CHECKLIST, "[data-checklist-print]"),
    ("calendar/groups/admin/", "[data-plan-print]"),
])
def test_print_buttons_wait_for_every_sarabun_face(page, base_url: str, path: str, button: str) -> None:
    page.goto(base_url + path, wait_until="load")
    assert page.evaluate(f"{FACES}.length") == 4
    page.evaluate(f"window.print = () => {{ window.__printed = {FACES}.map(f => f.status); }}")
    page.locator(button).first.click()
    page.wait_for_function("window.__printed", timeout=10_000)
    assert page.evaluate("window.__printed") == ["loaded"] * 4
