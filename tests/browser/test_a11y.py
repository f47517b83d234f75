"""axe-core in headless Chromium: no serious or critical accessibility violation on any page.

Every page in the built site's sitemap (home, chapters, checklists, the self-assessment and its report,
reference pages, and any page added later) is checked in one shared walk (tests/browser/conftest.py), in the
light scheme; one page of each type in the dark scheme too; plus the search with its results open. axe-core is
the pinned copy in node_modules/ (package.json), injected into the page, so nothing is fetched from elsewhere.

On failure the message lists each rule with the CSS selectors of the offending elements.
No rule is disabled and no element excluded: a violation is fixed, not hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.quality import describe_axe, run_axe, sitemap_paths

from .conftest import PageFindings, open_page

pytestmark = pytest.mark.browser

# One page of each type, also checked in the dark scheme. A page not built (yet) is skipped there, and
# is in any case covered by the all-pages test as soon as it is in the sitemap.
PAGE_TYPES = {
    "home": "",
    "chapter": "missions/leadership/",
    "checklist": "checklists/leadership/",
    "assessment": "assessment/",
    "report": "assessment/report/",
    "reference": "reference/glossary/",
    "crosswalk": "reference/crosswalk/",
}


def test_every_page_has_no_serious_violation(page_walk: dict[str, PageFindings]) -> None:
    assert {p for p in PAGE_TYPES.values() if p in page_walk} >= {"", "missions/leadership/", "reference/glossary/"}
    # Not the 404 page: it links its styles from site_url's path (/handbook/ here), which this server does not
    # serve, so axe would judge an unstyled page; the privacy test still checks its requests.
    failures = [describe_axe(f"/{path}", f.violations) for path, f in page_walk.items()
                if f.violations and path != "404.html"]
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_in_dark_scheme(kind: str, browser: Any, base_url: str, site: Path) -> None:
    path = PAGE_TYPES[kind]
    if path not in sitemap_paths(site):
        pytest.skip(f"/{path} is not built yet")
    context = browser.new_context(locale="th-TH", color_scheme="dark", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, base_url + path)
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        violations = run_axe(page)
        assert not violations, describe_axe(f"/{path} (dark)", violations)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_with_results_open(scheme: str, browser: Any, base_url: str) -> None:
    context = browser.new_context(locale="th-TH", color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_page(page, base_url)
        page.keyboard.press("/")  # the theme's shortcut focuses the search box
        # Type only once the search worker has loaded the index (the theme then shows its placeholder).
        page.locator(".md-search-result__meta", has_text="พิมพ์เพื่อเริ่มค้นหา").wait_for(timeout=15_000)
        page.locator("input.md-search__input").press_sequentially("PMQA")  # the theme searches on keyup
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible", timeout=15_000)
        assert results.count() > 0
        violations = run_axe(page)
        assert not violations, describe_axe(f"search results ({scheme})", violations)
    finally:
        context.close()


def test_the_check_can_fail(page: Any, base_url: str) -> None:
    """An image without alt and an unlabelled button are reported with their selectors."""
    open_page(page, base_url)
    page.evaluate("""() => {
        const img = document.createElement('img'); img.src = 'x.png'; img.id = 'no-alt';
        const button = document.createElement('button'); button.id = 'no-name';
        document.querySelector('article').append(img, button);
    }""")
    violations = run_axe(page)
    text = describe_axe("/", violations)
    assert "image-alt" in text and "#no-alt" in text
    assert "button-name" in text and "#no-name" in text


@pytest.mark.parametrize("path", ["", "missions/leadership/", "checklists/leadership/", "assessment/"])
def test_on_a_phone_as_loaded(browser: Any, base_url: str, path: str) -> None:
    """The four pages Lighthouse's mobile audit loads, at a phone's size and as they first render: nothing forced
    into layout, so a block the browser skips while off screen (content-visibility) is judged as a phone shows it,
    with the touch-target size of WCAG 2.2 (a rating's radio button must be at least 24 px)."""
    context = browser.new_context(locale="th-TH", viewport={"width": 412, "height": 823}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    if path == "assessment/":
        # The form's indicators start skipped off screen and are laid out one per idle moment (assessment.js).
        page.wait_for_selector("[data-hb-assessment][data-hb-laid-out]", state="attached", timeout=30000)
        assert page.evaluate("""() => [...document.querySelectorAll('fieldset.hb-as-indicator')]
            .every(f => f.classList.contains('hb-as-shown'))""")
    violations = run_axe(page)
    context.close()
    assert not violations, describe_axe(f"/{path} (phone)", violations)
