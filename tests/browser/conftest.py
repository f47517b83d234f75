"""One walk over every page of the built site, shared by the accessibility and the privacy tests.

Each page is opened once in Chromium with requests to other hosts recorded (and aborted, so nothing waits on
the network), laid out in full, and checked by axe-core; the tests then read the walk's findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hpo_handbook.tools import search_eval as se
from tests.quality import block_foreign, foreign_requests, run_axe, sitemap_paths


@dataclass
class PageFindings:
    foreign: list[str] = field(default_factory=list)  # requests to other hosts
    violations: list[dict[str, Any]] = field(default_factory=list)  # serious or critical axe violations


def open_page(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => document.readyState === 'complete'")
    # Lay out everything before axe looks: blocks with `content-visibility: auto` (handbook.css) are not
    # rendered while off screen, and axe's colour-contrast then reads the wrong background behind them.
    page.add_style_tag(content="* { content-visibility: visible !important; }")


@pytest.fixture(scope="session")
def page_walk(browser: Any, base_url: str, site: Path) -> dict[str, PageFindings]:
    """Path -> findings, for every page in the sitemap and the 404 page."""
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    block_foreign(context, base_url)
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))  # workers' requests are reported on the context
    page = context.new_page()
    page.on("request", lambda r: seen.append(r.url))
    found: dict[str, PageFindings] = {}
    try:
        for path in [*sitemap_paths(site), "404.html"]:
            seen.clear()
            open_page(page, base_url + path)
            foreign = sorted(set(foreign_requests(seen, base_url)))
            found[path] = PageFindings(foreign=foreign, violations=run_axe(page))
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def search_page(browser: Any, base_url: str) -> Iterator[Any]:
    """One page of the built handbook with the search worker watched, reused by the tests of a module."""
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(se.WATCH_WORKER)
    page.goto(base_url)
    yield page
    context.close()
