"""Shared fixtures: one strict build per session, a local server, and headless Chromium.

Browser tests use Debian's Chromium (``/usr/bin/chromium``, installed by ``make system-deps``);
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hpo_handbook.tools.localsite import CHROMIUM, CHROMIUM_ARGS, served

ROOT = Path(__file__).resolve().parent.parent
FISCAL_YEAR = "2570"  # the fiscal year every test build describes (1 October 2569 - 30 September 2570)
#: The repository the session's site links (edit buttons); a build without one shows none (tests/test_adoption.py).
REPO_URL = os.environ.get("REPO_URL") or "https://github.com/hpo-handbook/hpo-handbook"

def mkdocs_build(site_dir: Path, config: Path | None = None, env: dict[str, str] | None = None,
                 check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` like CI does; return the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config:
        cmd += ["--config-file", str(config)]
    # The calendar's fiscal year comes from configuration, never from the clock of the machine running the tests.
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FISCAL_YEAR": FISCAL_YEAR, **(env or {})}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=full_env)
    if check and proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once per test session with ``--strict``, with a repository configured (the edit buttons)."""
    out = tmp_path_factory.mktemp("site")
    mkdocs_build(out, env={"REPO_URL": REPO_URL})
    return out


@pytest.fixture(scope="session")
def shipped_pdfs(site: Path, browser: object) -> Path:
    """``make pdf``'s export into the session's site (``<site>/pdf``), once per session: the tests read these files."""
    from hpo_handbook.tools import export_pdf

    export_pdf.export(site, site / "pdf", ROOT / "mkdocs.yml", browser=browser)
    return site / "pdf"


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a random free port)."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with ``site_url`` set to the address it is served from, once per session.

    mkdocs-material's instant navigation only takes over links listed in sitemap.xml, whose URLs come from
    ``site_url``; the shared ``base_url`` build (site_url example.org) loads every page in full. The server
    starts first, so the build knows its port.
    """
    out = tmp_path_factory.mktemp("site-instant")
    with served(out) as url:
        mkdocs_build(out, env={"SITE_URL": url})
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh browser profile (empty localStorage) per test, Thai locale."""
    ctx = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    """A page that records every request URL in ``page.requests_seen``."""
    p = context.new_page()  # type: ignore[attr-defined]
    p.requests_seen = []
    p.on("request", lambda r: p.requests_seen.append(r.url))
    yield p
