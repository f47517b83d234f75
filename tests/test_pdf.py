"""`make pdf`: the checklists and the handbook exported by headless Chromium (hpo_handbook/tools/export_pdf.py).

Checks the PDFs themselves: Sarabun embedded, Thai text extractable and equal to the data, every
action present, page counts within bounds, the office named, the book's chapters in order.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from hpo_handbook.loader import load
from hpo_handbook.office_year import owners_with_work, year_plan
from hpo_handbook.thai import thai_date

from .conftest import FISCAL_YEAR
from .project import office_block

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HB = load(ROOT / "data", root=ROOT)


def _export_module():
    from hpo_handbook.tools import export_pdf

    return export_pdf


@pytest.fixture(scope="module")
def pdf_dir(site: Path, browser: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    _export_module().export(site, out, ROOT / "mkdocs.yml", browser=browser)
    return out


def _text(pdf: Path, first: int | None = None, last: int | None = None, raw: bool = False) -> str:
    """Text as poppler extracts it (what search and copy-paste in a PDF reader get); ``raw`` keeps
    the order in which Chromium wrote it (cell by cell) instead of the visual columns."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext not found: run `make system-deps`")
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else [])]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run([*cmd, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    """Drop whitespace: a line break in a table cell must not hide a match."""
    return re.sub(r"\s+", "", text)


def _fonts(pdf: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(pdf).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object().get("/BaseFont", "")))
    return names


def test_every_pdf_is_written(pdf_dir: Path) -> None:
    expected = {"handbook.pdf", "checklist-all.pdf", *(f"checklist-{m.id}.pdf" for m in HB.missions),
                "calendar.pdf", *(f"plan-{o}.pdf" for o in owners_with_work(HB))}
    assert {p.name for p in pdf_dir.glob("*.pdf")} == expected


@pytest.mark.parametrize("owner", owners_with_work(HB))
def test_each_group_plan_is_its_own_office_form(pdf_dir: Path, owner: str) -> None:
    pdf = pdf_dir / f"plan-{owner}.pdf"
    flat = _squash(_text(pdf, raw=True))
    names = HB.owner_names()
    assert _squash(names[owner]) in flat and _squash(office_block()["name"]) in flat
    assert _squash(f"แผนงานประจำปีงบประมาณ พ.ศ. {FISCAL_YEAR}") in flat
    heading = _squash(f"แผนงานประจำปีงบประมาณ พ.ศ. {FISCAL_YEAR}")
    others = [n for o, n in names.items() if o != owner and heading + _squash(n) in flat]
    assert not others, others  # one group per PDF
    for t in year_plan(HB, owner).tasks:
        assert _squash(t.action.do)[:40] in flat, (owner, t.indicator.id)
    assert any(re.fullmatch(r"/[A-Z]{6}\+Sarabun-Regular", f) for f in _fonts(pdf))


@pytest.mark.parametrize("name", ["handbook.pdf", "checklist-all.pdf", f"checklist-{HB.missions[0].id}.pdf"])
def test_sarabun_is_embedded(pdf_dir: Path, name: str) -> None:
    fonts = _fonts(pdf_dir / name)
    # Subset fonts are named like AAAAAA+Sarabun-Regular; both weights are used (headings, body).
    assert any(re.fullmatch(r"/[A-Z]{6}\+Sarabun-Regular", f) for f in fonts), fonts
    assert any(re.fullmatch(r"/[A-Z]{6}\+Sarabun-Bold", f) for f in fonts), fonts


@pytest.mark.parametrize("mission", HB.missions, ids=lambda m: m.id)
def test_mission_checklist_text_matches_the_data(pdf_dir: Path, mission) -> None:
    pdf = pdf_dir / f"checklist-{mission.id}.pdf"
    flat = _squash(_text(pdf, raw=True))
    office = _squash(str(_export_module().load_config(ROOT / "mkdocs.yml")["office"]["name"]))
    assert office in flat
    assert _squash(f"ภารกิจที่ {mission.number} {mission.title}") in flat
    indicators = HB.indicators_of(mission.id)
    for i in indicators:
        assert _squash(f"{i.id} {i.title}") in flat, i.id
        for action in (a.do for a in i.actions):
            assert _squash(action) in flat, (i.id, action)
    for word in ("ผู้รับผิดชอบ", "กำหนดเสร็จ", "หมายเหตุ", "ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ", "ลงชื่อ", "พ.ศ."):
        assert word in flat
    actions = sum(len(i.actions) for i in indicators)
    pages = len(PdfReader(pdf).pages)
    # A4 holds several actions; a page per three actions would mean the layout broke.
    assert 1 <= pages <= 1 + actions // 3, (pages, actions)


def test_all_missions_checklist_has_every_action(pdf_dir: Path) -> None:
    pdf = pdf_dir / "checklist-all.pdf"
    flat = _squash(_text(pdf, raw=True))
    missing = [(i.id, a) for i in HB.indicators.values() for a in (x.do for x in i.actions) if _squash(a) not in flat]
    assert not missing
    pages = len(PdfReader(pdf).pages)
    singles = sum(len(PdfReader(pdf_dir / f"checklist-{m.id}.pdf").pages) for m in HB.missions)
    assert len(HB.missions) <= pages <= singles  # each mission starts a page; one sign-off at the end


def test_handbook_has_cover_contents_and_chapters_in_order(pdf_dir: Path) -> None:
    pdf = pdf_dir / "handbook.pdf"
    reader = PdfReader(pdf)
    cover = _text(pdf, 1, 1)
    office = _export_module().load_config(ROOT / "mkdocs.yml")["office"]["name"]
    assert _squash(str(office)) in _squash(cover)
    assert thai_date(dt.date.today()) in cover  # Buddhist Era, Thai month name
    assert "หน้า" not in cover  # no page number on the cover
    contents = _text(pdf, 2, 3)
    assert "สารบัญ" in contents
    # The contents page gives each mission chapter the page it starts on, in mission order.
    starts = []
    for m in HB.missions:
        match = re.search(re.escape(f"ภารกิจที่ {m.number} {m.title}") + r"\s+(\d+)", contents)
        assert match, m.id
        start = int(match.group(1))
        assert _squash(f"ภารกิจที่ {m.number} {m.title}") in _squash(_text(pdf, start, start))
        assert f"หน้า {start} จาก {len(reader.pages)}" in _text(pdf, start, start)
        starts.append(start)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    # Every indicator is in the book, and its size is sane.
    flat = _squash(_text(pdf))
    assert all(_squash(i.title) in flat for i in HB.indicators.values())
    assert len(HB.missions) + 2 < len(reader.pages) < 40 * len(HB.missions)
    assert reader.outline, "bookmarks (PDF outline) for the chapters"


def test_pdf_pages_render(pdf_dir: Path, tmp_path: Path) -> None:
    """pdftoppm renders the cover and a checklist page (the files are valid PDF, not just bytes)."""
    for name in ("handbook.pdf", "checklist-all.pdf"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf_dir / name),
                        str(tmp_path / name)], check=True)
    assert len(list(tmp_path.glob("*.png"))) == 2
