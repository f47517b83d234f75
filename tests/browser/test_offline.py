"""The offline edition (``make offline``): unzipped and opened through file:// it navigates, finds Thai words and
keeps checklist ticks after a reload, and loads nothing from any host."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hpo_handbook.tools.build_offline import FOLDER

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_root(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's offline edition, zipped as `make offline` does (tests/conftest.py), unzipped elsewhere."""
    work = tmp_path_factory.mktemp("offline-unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(work)
    root = work / FOLDER
    assert (root / "index.html").is_file()
    return root


def test_offline_edition_has_no_service_worker(offline_root: Path) -> None:
    """file:// has no service worker: the ZIP neither ships one nor registers or links a manifest."""
    assert not (root_files := {p.name for p in offline_root.iterdir()}) & {"sw.js", "manifest.webmanifest"}, root_files
    home = (offline_root / "index.html").read_text(encoding="utf-8")
    assert "serviceWorker" not in home and "manifest.webmanifest" not in home


def open_search(page) -> None:
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show a search button instead of the box
        page.locator("label.md-header__button[for=__search]").click()
    box.click()


def test_offline_navigation_and_thai_search(page, offline_root: Path) -> None:
    page.goto((offline_root / "index.html").as_uri())
    assert page.get_attribute("html", "lang") == "th"
    # navigate to a chapter through the site's own links (offline links end in .html)
    page.locator("a[href$='missions/strategy.html']:visible").first.click()
    page.wait_for_url("**/missions/strategy.html")
    assert "กลยุทธ์" in page.locator("h1").first.inner_text()

    # Thai search from file://: the index comes from search/search_index.js, the worker runs via iframe-worker
    open_search(page)
    box = page.locator("input.md-search__input")
    box.type("แผนปฏิบัติราชการ")  # several words typed without spaces
    box.press("End")  # Thai arrives as text input without a key-up; the theme searches on key-up
    first = page.locator("li.md-search-result__item > a.md-search-result__link").first
    first.wait_for(timeout=20000)
    hrefs = page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link:first-child",
                                      "els => els.map(e => e.getAttribute('href'))")
    assert any("strategy.html" in h for h in hrefs[:5]), hrefs
    text = page.locator(".md-search-result").inner_text()
    assert "\u200b" not in text
    assert not [u for u in page.requests_seen if not u.startswith(("file:", "data:", "blob:", "about:"))]


def test_offline_checklist_tick_survives_reload(page, offline_root: Path) -> None:
    page.goto((offline_root / "checklists" / "strategy.html").as_uri())
    boxes = page.locator(".hb-checklist input[type=checkbox][data-action]")
    assert boxes.count() > 0
    target = boxes.nth(1)
    action = target.get_attribute("data-action")
    assert not target.is_checked()
    target.check(force=True)  # custom checkboxes may hide the native input behind a styled label
    assert target.is_checked()
    page.reload()
    kept = page.locator(f".hb-checklist input[type=checkbox][data-action='{action}']").first
    kept.wait_for(state="attached")
    page.wait_for_function(
        "a => document.querySelector(`.hb-checklist input[type=checkbox][data-action='${a}']`).checked",
        arg=action, timeout=5000)
    assert kept.is_checked()
