"""Readable offline after one visit (the service worker of ``hpo_handbook/offline_cache.py``).

One visit online (no search), then the local server is stopped: the browser's offline switch does not cover
a service worker's own requests, so only a server that is really gone shows what a reader without signal gets.
Links are clicked to a chapter, a checklist, the calendar and the assessment; the reader ticks, rates, and
searches for the first time (the index was kept with the pages).
Then a changed build is served at the same address and the page offers the new edition.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from hpo_handbook.offline_cache import read_precache
from hpo_handbook.tools.localsite import served
from tests.conftest import SITE_PATH, SiteServer, mkdocs_build

pytestmark = pytest.mark.browser

QUERY = "วิสัยทัศน์"  # a Thai word from the middle of sentences


def open_search(page: Any) -> Any:
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    return box


def search(page: Any, query: str) -> list[str]:
    box = open_search(page)
    box.fill("")
    box.type(query)
    box.press("End")  # the theme searches on key-up; Thai arrives as text input
    page.locator("li.md-search-result__item > a.md-search-result__link").first.wait_for(timeout=20000)
    hrefs: list[str] = page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link",
                                                 "els => els.map(e => e.getAttribute('href'))")
    page.keyboard.press("Escape")
    return hrefs


def click_link(page: Any, ending: str) -> None:
    """Follow the first visible link to ``ending`` (the site's own navigation, as a reader does), and wait for the
    new page's heading: instant navigation can change the address before it swaps the content."""
    before = page.locator("h1").first.inner_text()
    page.locator(f"a[href$='{ending}']:visible").first.click()
    page.wait_for_url(f"**/{ending}")
    page.wait_for_function("old => { const h = document.querySelector('h1'); return h && h.innerText !== old; }",
                           arg=before, timeout=20000)


def cache_sizes(page: Any) -> dict[str, int]:
    return page.evaluate("""async () => {
      const out = {};
      for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).length;
      return out;
    }""")


def test_offline_after_one_visit_then_update(page: Any, site_server: SiteServer, site: Path,
                                             tmp_path: Path) -> None:
    """The session's site at the address its site_url names (instant navigation takes over, as for a reader)."""
    url, port = site_server.url, site_server.port
    precache = read_precache(site)
    assert precache and precache.files > 40
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(url)
    # Active means installed, and installing means every listed file was fetched (else the install fails).
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60000)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)") == url + "sw.js"
    # The first worker taking over the first visit is no new edition: nothing to offer the reader.
    page.wait_for_timeout(300)
    assert not page.locator("[data-hb=update]").count()
    sizes = cache_sizes(page)
    [name] = [n for n in sizes if n.endswith(":precache")]
    assert name.startswith("hpo-handbook@") and sizes[name] == precache.files
    # The search index is kept with the pages, though the reader has not searched.
    assert page.evaluate("""async (name) => (await (await caches.open(name)).keys())
                              .some(r => r.url.includes("search/search_index.json"))""", name)

    # The server is gone: everything below comes from the worker.
    with site_server.paused():
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()

        page.goto(url)  # a fresh start of the browser tab, no network
        click_link(page, "missions/strategy/")
        assert "กลยุทธ์" in page.locator("h1").first.inner_text()

        click_link(page, "checklists/strategy/")
        box = page.locator(".hb-checklist input[type=checkbox][data-action]").nth(1)
        action = box.get_attribute("data-action")
        box.check(force=True)  # custom checkboxes hide the native input behind a styled label
        page.reload()
        page.wait_for_function(
            "a => document.querySelector(`.hb-checklist input[type=checkbox][data-action='${a}']`).checked",
            arg=action, timeout=10000)

        click_link(page, "calendar/")
        assert "ปฏิทิน" in page.locator("h1").first.inner_text()
        assert "2570" in page.locator("article").inner_text()

        click_link(page, "assessment/")
        page.wait_for_selector("[data-hb-assessment][data-hb-ready] [data-hb=toolbar]:not([hidden])")
        radio = page.locator("fieldset[data-indicator] input[type=radio][value='4']").first
        radio.check()
        key = page.locator("[data-hb-assessment]").get_attribute("data-storage-key")
        assert '"level":4' in page.evaluate("k => localStorage.getItem(k)", key).replace(" ", "")

        assert any("missions/" in h for h in search(page, QUERY))  # the first search ever, and offline
        page.locator("a[href$='checklists/']:visible").first.wait_for()  # fonts, styles and the page still there
        assert not page.locator("[data-hb=update]").count()
        assert not errors, errors

        # A new edition (another fiscal year: the calendar changes) at the same address: offered, then loaded.
        # Built beside the session's site, which the other tests keep reading.
        new_site = tmp_path / "web" / SITE_PATH
        mkdocs_build(new_site, env={"SITE_URL": url, "FISCAL_YEAR": "2571"})
        assert read_precache(new_site) != precache
        with served(tmp_path / "web", port=port):
            page.goto(url + "calendar/")
            assert "2571" not in page.locator("article").inner_text()  # still the edition installed
            notice = page.locator("[data-hb=update]")
            notice.wait_for(timeout=60000)
            assert "ฉบับปรับปรุงใหม่" in notice.inner_text()
            with page.expect_navigation():
                notice.locator("button.hb-update__go").click()
            assert "2571" in page.locator("article").inner_text()
            sizes = cache_sizes(page)
            assert sizes[name] == read_precache(new_site).files  # the previous edition's files are gone


def test_search_says_why_when_the_index_cannot_load(browser: Any, instant_base_url: str) -> None:
    """Without the offline worker (not installed yet, or a browser without one) and without network, the search box
    explains in Thai instead of showing "initialising search" for ever."""
    context = browser.new_context(locale="th-TH", service_workers="block", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(instant_base_url + "missions/leadership/", wait_until="networkidle")
        page.route("**/search/search_index.json*", lambda route: route.abort("internetdisconnected"))
        box = open_search(page)
        box.type(QUERY)
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("() => (document.querySelector('.md-search-result__meta') || {}).textContent"
                               "?.startsWith('ค้นหาไม่ได้')", timeout=10000)
        box.type("ก")  # typing on keeps the explanation
        page.wait_for_timeout(300)
        assert "เชื่อมต่ออินเทอร์เน็ต" in meta.inner_text()
    finally:
        context.close()
