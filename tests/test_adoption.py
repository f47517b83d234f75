"""Another office rebrands the handbook by editing `extra.office` only: no trace of the default remains. Its own
groups (other ids, other names in data/groups.yml) get their own plans and calendars, with no default group left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT, mkdocs_build
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


def regroup(data: Path) -> dict[str, str]:
    """Give every group of groups.yml another id and name, as an office with its own structure would, and use the
    new ids wherever the data names an owner. Returns old id -> old name."""
    office = yaml.safe_load((data / "groups.yml").read_text(encoding="utf-8"))
    new_id = {g["id"]: f"unit-{n}" for n, g in enumerate(office["groups"], 1)}
    old_names = {g["id"]: g["name"] for g in office["groups"]}
    for n, g in enumerate(office["groups"], 1):
        g["id"], g["name"] = new_id[g["id"]], f"ฝ่ายงานทดสอบที่ {n}"
    (data / "groups.yml").write_text(yaml.safe_dump(office, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in [data / "calendar.yml", *sorted((data / "indicators").glob("*.yml"))]:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in items:
            if "owner" in item:
                item["owner"] = new_id.get(item["owner"], item["owner"])
            if "owners" in item:
                item["owners"] = [new_id.get(o, o) for o in item["owners"]]
            for action in item.get("actions", []):
                if "owner" in action:
                    action["owner"] = new_id.get(action["owner"], action["owner"])
        path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return old_names


@pytest.fixture(scope="module")
def adopted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("adopted")
    config = clone_project(root / "project")
    rebrand(config)
    regroup(config.parent / "data")
    out = root / "site"
    mkdocs_build(out, config=config, env={"REPO_URL": ""})  # an office whose repository is not set up yet
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
def test_its_own_groups_get_the_plans_and_calendars(adopted_site: Path) -> None:
    default = yaml.safe_load((ROOT / "data" / "groups.yml").read_text(encoding="utf-8"))["groups"]
    plans = BeautifulSoup((adopted_site / "calendar/groups/index.html").read_text(encoding="utf-8"), "html.parser")
    sections = [a["href"].strip("/") for a in plans.select(".hb-group-list a")]  # each group's own page
    assert any(s.startswith("unit-") for s in sections)
    assert not {g["id"] for g in default} & set(sections)
    assert all((adopted_site / "calendar/groups" / s / "index.html").is_file() for s in sections)
    files = {p.stem.rsplit("-", 1)[0] for p in (adopted_site / "calendar").glob("*.ics")}
    assert any(f.startswith("unit-") for f in files) and not {g["id"] for g in default} & files
    pages = ["calendar", "calendar/groups", *(f"calendar/groups/{s}" for s in sections)]
    owner_labels = " ".join(x.get_text() for page in pages for x in BeautifulSoup(
        (adopted_site / page / "index.html").read_text(encoding="utf-8"), "html.parser").select(
        ".hb-year-meta, .hb-group-list a, .hb-form-subject"))
    assert "ฝ่ายงานทดสอบที่" in owner_labels
    assert not [g["name"] for g in default if g["name"] in owner_labels]


@pytest.mark.slow
def test_without_a_repository_no_page_links_to_one(adopted_site: Path) -> None:
    """Built without REPO_URL (an office that has not set up its repository yet): no header link to a repository,
    no edit button, no placeholder address; the adopt page says how to get the sources instead."""
    for page in (adopted_site / p for p in ("index.html", "adopt/index.html", "missions/leadership/index.html")):
        text = page.read_text(encoding="utf-8")
        assert 'rel="edit"' not in text and 'class="md-source"' not in text and "github.com/example" not in text, page
    adopt = re.sub(r"<[^>]+>", "", (adopted_site / "adopt/index.html").read_text(encoding="utf-8"))
    assert "ไม่ได้ระบุที่อยู่คลังต้นฉบับ" in adopt and OTHER_OFFICE["email"] in adopt


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

    from hpo_handbook.loader import load
    from hpo_handbook.tools import check_pdf, export_pdf

    config = adopted_site.parent / "project/mkdocs.yml"
    pdfs = export_pdf.export(adopted_site, tmp_path, config, what="all", browser=browser)
    assert len(pdfs) >= 10
    # Read back like make pdf: Sarabun in every span, footers whole, every action, titles naming the new office.
    expected = check_pdf.expected_documents(load(config.parent / "data"), OTHER_OFFICE["name"],
                                            check_pdf.site_fiscal_year(adopted_site))
    problems, ok = check_pdf.summary(check_pdf.check_folder(tmp_path, expected), tmp_path)
    assert ok, problems
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert not traces(text), (pdf.name, traces(text))
        assert "ทดสอบการนำไปใช้" in re.sub(r"\s+", "", text) or pdf.name == "handbook.pdf"
    book = subprocess.run(["pdftotext", str(tmp_path / "handbook.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert OTHER_OFFICE["name"].replace(" ", "") in re.sub(r"\s+", "", book)


@pytest.mark.slow
def test_its_own_groups_are_the_plans_owners(adopted_site: Path) -> None:
    """The plan's owner list and form (assessment-plan-ui.js) and the calendar's plan items (plan-on-calendar.js)
    take the groups from the page, which takes them from data/groups.yml: another office sees its own."""
    import json

    default = yaml.safe_load((ROOT / "data" / "groups.yml").read_text(encoding="utf-8"))["groups"]
    page = BeautifulSoup((adopted_site / "assessment/plan/index.html").read_text(encoding="utf-8"), "html.parser")
    groups = json.loads(page.select_one(".hb-as-data > script").string)[0]["groups"]
    assert [g for g in groups if g.startswith("unit-")] == [f"unit-{n}" for n in range(1, len(default) + 1)]
    assert all(groups[f"unit-{n}"] == f"ฝ่ายงานทดสอบที่ {n}" for n in range(1, len(default) + 1))
    assert not {g["id"] for g in default} & set(groups)
    calendar = BeautifulSoup((adopted_site / "calendar/index.html").read_text(encoding="utf-8"), "html.parser")
    names = json.loads(calendar.select_one(".hb-own-plan")["data-groups"])
    assert names["unit-1"] == "ฝ่ายงานทดสอบที่ 1" and not [g["name"] for g in default if g["name"] in names.values()]
