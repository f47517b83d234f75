"""Shared fixtures: each artefact of the default handbook made once per session (the strict build, served at its
own address; its PDFs; its offline edition), and headless Chromium. Tests that need another site (another office,
broken sources, another edition) build it themselves.

Browser tests use Debian's Chromium (``/usr/bin/chromium``, installed by ``make system-deps``);
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hpo_handbook.site_paths import OFFLINE_ZIP
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


#: The session site's address inside its server: a folder, like the default site_url (https://example.org/handbook/)
#: and a project's GitHub Pages.
SITE_PATH = "handbook/"


class SiteServer:
    """Serves ``root`` on 127.0.0.1 for the whole session, on one port, so a site may be built for this address.

    ``paused()`` stops it and starts it again at the same address: the service worker test needs a server that is
    really gone (tests/browser/test_pwa.py).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = 0  # a free one at the first start, then the same one
        self.start()

    def start(self) -> None:
        self._stack = ExitStack()  # holds the running server; closing it stops the server
        self.port = urlsplit(self._stack.enter_context(served(self.root, port=self.port))).port or 0

    def stop(self) -> None:
        self._stack.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{SITE_PATH}"

    @contextmanager
    def paused(self) -> Iterator[str]:
        self.stop()
        try:
            yield self.url
        finally:
            self.start()


@dataclass(frozen=True)
class SiteBuild:
    path: Path
    env: dict[str, str]  # the variables it was built with, besides os.environ (the offline edition takes the same)
    log: str  # mkdocs' output: tests/test_links.py reads the link checker's verdict in it

    def config_env(self) -> dict[str, str]:
        """The variables that make this handbook (less the link check, which only reads it): another edition or
        builder of the same handbook (offline, Zensical) is made with these."""
        return {k: v for k, v in self.env.items() if not k.startswith("CHECK_")}


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    server = SiteServer(tmp_path_factory.mktemp("web"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_build(site_server: SiteServer) -> SiteBuild:
    """The handbook built once per session with ``--strict``, for every test that reads or serves the default site.

    Its ``site_url`` is the address the session serves it from (instant navigation takes over only links listed in
    sitemap.xml, whose URLs come from ``site_url``); a repository is configured (the edit buttons); and the
    internal link check is on (CHECK_LINKS, a check only: the pages are the same), so tests/test_links.py needs
    no build of its own.
    """
    env = {"FISCAL_YEAR": FISCAL_YEAR, "REPO_URL": REPO_URL, "SITE_URL": site_server.url,
           "CHECK_LINKS": "true", "CHECK_EXTERNAL_LINKS": "false"}
    out = site_server.root / SITE_PATH
    proc = mkdocs_build(out, env=env)
    return SiteBuild(out, env, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def site(site_build: SiteBuild) -> Path:
    return site_build.path


@pytest.fixture(scope="session")
def shipped_pdfs(site: Path, browser: object) -> Path:
    """``make pdf``'s export into the session's site (``<site>/pdf``), once per session: the tests read these files."""
    from hpo_handbook.tools import export_pdf

    export_pdf.export(site, site / "pdf", ROOT / "mkdocs.yml", browser=browser)
    return site / "pdf"


@pytest.fixture(scope="session")
def offline_zip(site_build: SiteBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``make offline``'s ZIP of the session's handbook (same variables as its site), built once per session."""
    from hpo_handbook.tools.build_offline import FOLDER, build_offline, zip_site

    work = tmp_path_factory.mktemp("offline")
    # The same handbook as the site: a reader's saved work is scoped by site_url, and the tests compare the two.
    built = build_offline(work / "build" / FOLDER, env=site_build.config_env())
    return zip_site(built, work / "site" / OFFLINE_ZIP)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The session's site served at the root of another address (a random free port): not its ``site_url``, so
    links load pages in full, as on a host whose address differs from the configured one."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_base_url(site_server: SiteServer, site: Path) -> str:
    """The same site at the address its ``site_url`` names: mkdocs-material's instant navigation takes over."""
    return site_server.url


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
