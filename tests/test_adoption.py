"""Another office rebrands the handbook by editing `extra.office` only: no trace of the default remains."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import mkdocs_build
from .project import clone_project, office_block

OTHER_OFFICE = {
    "name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบการนำไปใช้ เขต 9",
    "short_name": "สพป.ทดสอบการนำไปใช้ เขต 9",
    "area": "พื้นที่ทดสอบการนำไปใช้",
    "address": "ที่อยู่ทดสอบการนำไปใช้ 99999",
    "phone": "099 999 9999",
    "email": "adopter@example.net",
    "website": "https://adopter.example.net/",
    "logo": "assets/images/adopter-logo.svg",
}
TEXT_SUFFIXES = {".html", ".json", ".js", ".xml", ".txt", ".css", ".svg"}


def rebrand(config: Path) -> None:
    """Replace the values of the extra.office block, exactly as an adopting office would."""
    text = config.read_text(encoding="utf-8")
    for key, value in office_block().items():
        old = f"    {key}: {value}"
        assert old in text, old
        text = text.replace(old, f"    {key}: {OTHER_OFFICE[key]}")
    config.write_text(text, encoding="utf-8")
    (config.parent / "docs" / OTHER_OFFICE["logo"]).write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>',
        encoding="utf-8")


def traces(text: str) -> list[str]:
    flat = re.sub(r"<[^>]+>|[\u200b-\u200d]", "", text)  # <abbr>, search word breaks: compare text too
    found = []
    for key, value in office_block().items():
        if key == "logo":
            continue
        if value in text or value in flat or value.rstrip("/") in text:
            found.append(f"{key}={value}")
    return found


@pytest.fixture(scope="module")
def adopted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("adopted")
    config = clone_project(root / "project")
    rebrand(config)
    out = root / "site"
    mkdocs_build(out, config=config)
    return out


def test_default_office_block_is_complete() -> None:
    assert set(office_block()) == set(OTHER_OFFICE)


@pytest.mark.slow
def test_no_trace_of_the_default_office(adopted_site: Path) -> None:
    leftovers = {}
    for path in adopted_site.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            found = traces(path.read_text(encoding="utf-8", errors="replace"))
            if found:
                leftovers[str(path.relative_to(adopted_site))] = found
    assert not leftovers, leftovers


@pytest.mark.slow
def test_the_new_office_is_named(adopted_site: Path) -> None:
    home = (adopted_site / "index.html").read_text(encoding="utf-8")
    flat = re.sub(r"<[^>]+>", "", home)
    assert OTHER_OFFICE["short_name"] in flat
    assert OTHER_OFFICE["name"] in home  # print header and footer
    assert OTHER_OFFICE["logo"] in home
    index = (adopted_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "ทดสอบการนำไปใช้" in re.sub(r"<[^>]+>|[\u200b-\u200d]", "", index)  # search may mark word breaks


@pytest.mark.slow
@pytest.mark.browser
def test_no_trace_in_the_pdfs(adopted_site: Path, tmp_path: Path, browser: object) -> None:
    import subprocess

    from hpo_handbook.tools import export_pdf

    config = adopted_site.parent / "project/mkdocs.yml"
    pdfs = export_pdf.export(adopted_site, tmp_path, config, what="all", browser=browser)
    assert len(pdfs) >= 10
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert not traces(text), (pdf.name, traces(text))
        assert "ทดสอบการนำไปใช้" in re.sub(r"\s+", "", text) or pdf.name == "handbook.pdf"
    book = subprocess.run(["pdftotext", str(tmp_path / "handbook.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert OTHER_OFFICE["name"].replace(" ", "") in re.sub(r"\s+", "", book)
