"""`make pdf`: the checklists, the calendar, each group's plan and the handbook, exported by headless Chromium
(hpo_handbook/tools/export_pdf.py) into the built site, exactly as `make pdf` ships them.

Every shipped file is read back (hpo_handbook/tools/check_pdf.py): each text span in Sarabun, each page's footer
whole, every action of the data that the document prints, its title. Then what a reader of each kind of document
checks: the office named, the actions equal to the data, page counts within bounds, a group's plan a short form.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from hpo_handbook.loader import load
from hpo_handbook.office_year import owners_with_work, year_plan
from hpo_handbook.thai import thai_date
from hpo_handbook.tools import check_pdf

from .conftest import FISCAL_YEAR
from .project import office_block

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HB = load(ROOT / "data", root=ROOT)
OFFICE = office_block()["name"]
EXPECTED = check_pdf.expected_documents(HB, OFFICE, int(FISCAL_YEAR))


def _export_module():
    from hpo_handbook.tools import export_pdf

    return export_pdf


@pytest.fixture(scope="module")
def pdf_dir(shipped_pdfs: Path) -> Path:
    return shipped_pdfs


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
                "calendar.pdf", "year-plan.pdf", *(f"plan-{o}.pdf" for o in owners_with_work(HB))}
    assert {p.name for p in pdf_dir.glob("*.pdf")} == expected == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_pdf_reads_back(pdf_dir: Path, name: str) -> None:
    """Sarabun in every span, every footer whole, every action the document prints, its title: from the file."""
    report = check_pdf.check_file(pdf_dir / name, EXPECTED[name])
    assert not report.problems, report.problems


def _span_fonts(pdf: Path) -> Counter[str]:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return _sum((s["font"], len(s["text"])) for s in check_pdf.spans(doc))


def _sum(pairs):
    total: Counter = Counter()
    for key, n in pairs:
        total[key] += n
    return total


def test_an_export_is_deterministic(pdf_dir: Path, site: Path, browser: object, tmp_path: Path) -> None:
    """The same site exported again gives the same pages and the same fonts, letter for letter."""
    again = _export_module().export(site, tmp_path, ROOT / "mkdocs.yml", what="checklists", browser=browser)
    assert len(again) == len(HB.missions) + 1
    for pdf in again:
        shipped = pdf_dir / pdf.name
        assert len(PdfReader(pdf).pages) == len(PdfReader(shipped).pages), pdf.name
        assert _span_fonts(pdf) == _span_fonts(shipped), pdf.name


def test_the_check_sees_a_broken_file(pdf_dir: Path, tmp_path: Path) -> None:
    """A page set in another face, a lost footer and a missing action are each reported, naming the file."""
    import pymupdf

    name = f"checklist-{HB.missions[0].id}.pdf"
    broken = tmp_path / name
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), "LD-01 text", fontname="helv")
        doc.set_metadata({"title": "other"})
        doc.save(broken)
    problems = check_pdf.check_file(broken, EXPECTED[name]).problems
    assert len(problems) == 4, problems  # font, footer, actions, title
    assert any("Helvetica" in p for p in problems)
    text, ok = check_pdf.summary([check_pdf.Report(name, problems=problems)], tmp_path)
    assert not ok and str(broken) in text


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


def _body_size(pdf: Path) -> float:
    """The text size most of a document's Thai letters are set in (points)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        sizes = _sum((round(s["size"], 1), len(check_pdf.THAI.findall(s["text"]))) for s in check_pdf.spans(doc))
    return sizes.most_common(1)[0][0]


def _page_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, top to bottom, without the footer, and without a glyph cluster Chromium's text layer
    repeats in the top margin when a Thai line sits at the foot of the page before (invisible: y above 1.4 cm)."""
    import pymupdf

    pages = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            lines = []
            blocks = [b for b in page.get_text("blocks") if b[1] >= 40]
            for block in sorted(blocks, key=lambda b: (b[1], b[0])):
                lines += [x for x in block[4].splitlines() if x.strip()]
            pages.append([x for x in lines if not re.fullmatch(r"\s*หน้า \d+ จาก \d+\s*", x)])
    return pages


@pytest.mark.parametrize("owner", owners_with_work(HB))
def test_a_group_plan_prints_as_a_short_office_form(pdf_dir: Path, owner: str) -> None:
    pdf = pdf_dir / f"plan-{owner}.pdf"
    plan = year_plan(HB, owner)
    pages = _page_lines(pdf)
    text = "\n".join("\n".join(p) for p in pages)
    for widget in ("พิมพ์เฉพาะแผนนี้", ".ics", "แผนนี้เป็น PDF", "ดาวน์โหลด"):
        assert widget not in text, widget  # no screen controls on paper
    for n, lines in enumerate(pages, 1):
        assert lines, f"page {n} is empty"
        assert "งานและสิ่งที่ต้องทำ" not in lines[-1], f"page {n} ends with the table's head alone"
        if n > 1:
            assert "งานและสิ่งที่ต้องทำ" in " ".join(lines[:2]), f"page {n}: the table's head does not repeat"
    last = pages[-1]
    assert any("ผู้อนุมัติ" in x for x in last)
    assert re.search(r"[A-Z]{2}-\d{2}", " ".join(last)), "the sign-off stands alone on the last page"
    if len(plan.events) <= 3:
        assert len(pages) <= 2, (owner, len(plan.events), len(pages))
    assert _body_size(pdf) >= _body_size(pdf_dir / f"checklist-{HB.missions[0].id}.pdf")


def test_the_year_plan_is_one_or_two_landscape_sheets_with_every_month(pdf_dir: Path) -> None:
    import pymupdf

    pdf = pdf_dir / "year-plan.pdf"
    with pymupdf.open(pdf) as doc:
        assert 1 <= doc.page_count <= 2
        assert all(p.rect.width > p.rect.height for p in doc)  # landscape
        sizes = [s["size"] for s in check_pdf.spans(doc) if s["text"].strip()]
        text = "".join(p.get_text() for p in doc)
    assert min(sizes) >= 9 - 0.05, min(sizes)  # no text below 9 pt
    flat = re.sub(r"\s+", "", text)
    for month in ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."):
        assert month in flat, month
    assert "ผู้อนุมัติ" in flat and re.sub(r"\s+", "", OFFICE) in flat and f"พ.ศ.{FISCAL_YEAR}" in flat
    for e in year_plan(HB).events:
        assert re.sub(r"\s+", "", e.title)[:30] in flat, e.id


def test_pdf_titles_name_the_office_document_group_and_year(pdf_dir: Path) -> None:
    titles = {p.name: PdfReader(p).metadata.title for p in pdf_dir.glob("*.pdf")}
    assert len(set(titles.values())) == len(titles)  # 25 files tell themselves apart
    for owner, name in HB.owner_names().items():
        if (pdf_dir / f"plan-{owner}.pdf").exists():
            assert titles[f"plan-{owner}.pdf"] == f"{OFFICE} · แผนงานประจำปีงบประมาณ พ.ศ. {FISCAL_YEAR} · {name}"


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
