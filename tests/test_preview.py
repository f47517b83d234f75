"""The contributor's live preview (`make serve`): it rebuilds when data/ changes, shows a data or macro error in
the page and the terminal instead of stopping, and shows the page again once the file is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .project import clone_project, edit

pytestmark = pytest.mark.slow

TIMEOUT = 90  # seconds for one rebuild on a busy 2-core machine


def _toc(page: str) -> str:
    """The text of the page's table of contents (mkdocs-material's secondary navigation)."""
    links = re.findall(r'<a href="#[^"]*" class="md-nav__link">(.*?)</a>', page, flags=re.S)
    assert links, "no table of contents in the page"
    return " | ".join(" ".join(re.sub(r"<[^>]+>", " ", link).split()) for link in links)


def _box(page: str) -> str:
    return page.split('hb-preview-error"', 1)[1].split("</div>", 1)[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, predicate, what: str, proc: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the preview server stopped (exit {proc.returncode})"
        page = _get(url)
        if page and predicate(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for: {what}")


#: The files the tests edit; each test gets them back as they were (see ``preview``).
EDITED = ("data/indicators/leadership.yml", "docs/missions/leadership.md")


@pytest.fixture(scope="module")
def preview_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, subprocess.Popen[str], Path]]:
    """One live preview for the module's tests: each start is a full build, and what is tested is what it does with
    edits, so the tests share it (one copy of the project, one server, one log)."""
    root = tmp_path_factory.mktemp("preview")
    config = clone_project(root / "project")
    port = _free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HB_STRICT": "false", "SITE_URL": f"http://127.0.0.1:{port}/"}
    # The same command as `make serve` (Makefile), run in the copy of the project.
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict",
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=config.parent, env=env,
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        yield config.parent, f"http://127.0.0.1:{port}/", proc, log_path
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture
def preview(preview_server: tuple[Path, str, subprocess.Popen[str], Path]
            ) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """The shared preview; after the test, the files it edited are put back and the preview has rebuilt them, so
    the next test starts from the project's own sources whatever this one left."""
    project, url, proc, log_path = preview_server
    saved = {name: (project / name).read_bytes() for name in EDITED}
    yield project, url, proc
    changed = [name for name, content in saved.items() if (project / name).read_bytes() != content]
    if not changed:
        return
    start = log_path.stat().st_size
    for name in changed:
        (project / name).write_bytes(saved[name])

    def rebuilt() -> bool:  # a change seen after the files were put back, and a build finished after it
        with log_path.open("rb") as f:
            f.seek(start)
            tail = f.read().decode("utf-8", errors="replace")
        return "Documentation built" in tail.partition("Detected file changes")[2]

    deadline = time.monotonic() + TIMEOUT
    while not rebuilt():
        assert proc.poll() is None and time.monotonic() < deadline, "the preview did not rebuild the restored files"
        time.sleep(0.5)


def test_data_error_is_shown_and_fixed_without_restarting(preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    chapter = url + "missions/leadership/"
    data = project / "data" / "indicators" / "leadership.yml"
    _wait_for(chapter, lambda p: 'id="ld-01"' in p, "the chapter", proc)

    # An edit in data/ reaches the page (data/ is watched).
    edit(data, "title: ผู้บริหารกำหนดและสื่อสารทิศทางของสำนักงาน", "title: ทิศทางของสำนักงานฉบับแก้ไขทดสอบ")
    _wait_for(chapter, lambda p: "ทิศทางของสำนักงานฉบับแก้ไขทดสอบ" in p, "the edited title", proc)

    # A broken owner id: the page shows the Thai message with file, line and fix; the server keeps running.
    log = project.parent / "serve.log"  # the module's one preview writes it (preview_server)
    logged = log.stat().st_size
    edit(data, "owners: [director, deputies, policy-plan]", "owners: [director, deputy, policy-plan]")
    page = _wait_for(chapter, lambda p: "hb-preview-error" in p, "the error message in the page", proc)
    assert "data/indicators/leadership.yml:" in page and "deputy" in page and "วิธีแก้" in page
    assert "<code>deputy</code>" in _box(page) and "`" not in _box(page)  # code spans, not raw backticks
    # The chapter's headings that call event_months() keep their words; no error text in the table of contents.
    toc = _toc(page)
    assert "เตรียมคำสั่งและแผนก่อนเปิดปี" in toc
    assert "data/" not in toc and "วิธีแก้" not in toc and "ไม่รู้จัก" not in toc
    assert "ไม่รู้จักผู้รับผิดชอบ" in log.read_bytes()[logged:].decode("utf-8", errors="replace")  # and in the terminal

    # Fixed, and the title put back: the page is back as it was, without the message (and the module's next test
    # starts from the project's own sources with no rebuild to wait for).
    edit(data, "owners: [director, deputy, policy-plan]", "owners: [director, deputies, policy-plan]")
    edit(data, "title: ทิศทางของสำนักงานฉบับแก้ไขทดสอบ", "title: ผู้บริหารกำหนดและสื่อสารทิศทางของสำนักงาน")
    _wait_for(chapter, lambda p: "hb-preview-error" not in p and 'id="ld-01"' in p
              and "ผู้บริหารกำหนดและสื่อสารทิศทางของสำนักงาน" in p, "the fixed page", proc)


def test_unknown_id_in_a_page_is_shown_in_that_page(preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    chapter = url + "missions/leadership/"
    page_src = project / "docs" / "missions" / "leadership.md"
    _wait_for(chapter, lambda p: 'id="ld-01"' in p, "the chapter", proc)
    lines = page_src.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if '{{ ind("LD-01") }}' in line)
    heading = next(n for n, line in enumerate(lines, 1)
                   if line.startswith("#") and 'event_months("annual-plan")' in line)
    edit(page_src, '{{ ind("LD-01") }}', '{{ ind("LD-99") }}')
    edit(page_src, '{{ event_months("annual-plan") }}', '{{ event_months("annual-plann") }}')
    page = _wait_for(chapter, lambda p: "hb-preview-error" in p, "the macro error in the page", proc)
    box = _box(page)
    # Each error names the page's file and the line of the macro in it (front matter counted).
    assert f"docs/missions/leadership.md:{at}</strong>" in box and "LD-99" in box
    assert f"docs/missions/leadership.md:{heading}</strong>" in box and "annual-plann" in box
    toc = _toc(page)  # the error in a heading stays out of it, and out of the table of contents
    assert "เตรียมคำสั่งและแผนก่อนเปิดปี" in toc and "annual-plann" not in toc and "ไม่รู้จัก" not in toc
    assert page.count("hb-preview-error-mark") >= 2

    # A {{ }} that does not parse: one Thai error with its line, not mkdocs-macros' English page and headings.
    edit(page_src, '{{ ind("LD-99") }}', '{{ ind("LD-01" }}')
    edit(page_src, '{{ event_months("annual-plann") }}', '{{ event_months("annual-plan") }}')
    page = _wait_for(chapter, lambda p: "วงเล็บปีกกา" in p, "the syntax error in the page", proc)
    assert f"docs/missions/leadership.md:{at}</strong>" in _box(page) and "Macro Syntax Error" not in page

    edit(page_src, '{{ ind("LD-01" }}', '{{ ind("LD-01") }}')
    _wait_for(chapter, lambda p: "hb-preview-error" not in p, "the fixed page", proc)


def test_preview_registers_no_worker_and_retires_an_old_one(preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    """The live preview never installs the offline worker (it would serve cached pages instead of the edits), and
    its sw.js retires a worker that a built site served at the same address left in the browser."""
    _project, url, proc = preview
    page = _wait_for(url, lambda p: "md-content" in p, "the home page", proc)
    assert "manifest.webmanifest" not in page and "serviceWorker" not in page
    worker = _get(url + "sw.js")
    assert "unregister()" in worker and "PRECACHE" not in worker
