"""Each quality gate fails on a fixture made to break it, with a message that says what and where.

Fixtures live in tests/fixtures/<case>/ (tiny sites or a single data file), never in the real content:
- broken-link: a raw HTML link to a page that does not exist and a link to a missing heading;
- missing-alt: an <img> without alt and an image with English alt text;
- external-script: a script loaded from another host;
- invalid-yaml: a glossary.yml whose quoted string is never closed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import mkdocs_build, served
from tests.quality import block_foreign, check_data, foreign_requests, image_alt_problems, yamllint

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parent.parent


def test_broken_internal_link_fails_the_link_check(tmp_path: Path) -> None:
    proc = mkdocs_build(tmp_path / "site", config=FIXTURES / "broken-link" / "mkdocs.yml", check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    assert "invalid url - no-such-page/ [404] [index.md]" in log
    assert "invalid url - other/#missing-heading [404] [index.md]" in log
    # The two valid links on the same page are not reported.
    assert "other/#existing" not in log and "invalid url - other/ " not in log


def test_missing_image_alt_fails_the_alt_check(tmp_path: Path) -> None:
    site = tmp_path / "site"
    mkdocs_build(site, config=FIXTURES / "missing-alt" / "mkdocs.yml")
    problems = [p for p in image_alt_problems(site) if "picture.svg" in p]
    assert len(problems) == 2, problems
    assert any("index.html: <img src=\"picture.svg\"> ไม่มี alt (missing alt)" in p for p in problems), problems
    assert any("alt ไม่ใช่ภาษาไทย (alt is not Thai): 'A chart'" in p for p in problems), problems


@pytest.mark.browser
def test_external_script_fails_the_privacy_check(tmp_path: Path, browser: object) -> None:
    site = tmp_path / "site"
    mkdocs_build(site, config=FIXTURES / "external-script" / "mkdocs.yml")
    with served(site) as url:
        context = browser.new_context()  # type: ignore[attr-defined]
        block_foreign(context, url)
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.goto(url, wait_until="load")
        context.close()
    assert foreign_requests(seen, url) == ["https://cdn.example.com/library.min.js"]


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    """A copy of data/ whose glossary.yml is the invalid fixture."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(FIXTURES / "invalid-yaml" / "glossary.yml", data / "glossary.yml")
    return data


def test_invalid_yaml_fails_yamllint(broken_data: Path) -> None:
    proc = yamllint(broken_data / "glossary.yml")
    assert proc.returncode != 0
    assert "glossary.yml:8:1: [error] syntax error: found unexpected end of stream (syntax)" in proc.stdout


def test_invalid_yaml_fails_the_data_check_in_thai(broken_data: Path) -> None:
    proc = check_data(broken_data)
    assert proc.returncode == 1
    # Line 5 is where the unclosed quote starts, which is where the contributor has to look.
    assert "data/glossary.yml:5: เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่มีตัวปิด" in proc.stderr
    assert "วิธีแก้: ใส่เครื่องหมายคำพูดปิด" in proc.stderr
    assert "พบข้อผิดพลาดในข้อมูล 1 รายการ" in proc.stderr  # nothing else: the glossary's terms are unknown, not absent


def test_invalid_yaml_is_annotated_on_github(broken_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    proc = check_data(broken_data)
    assert proc.returncode == 1
    assert "::error file=data/glossary.yml,line=5," in proc.stdout
