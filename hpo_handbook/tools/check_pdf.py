"""Read back every PDF that ``make pdf`` ships and say, in Thai, what is wrong with each one.

    python -m hpo_handbook.tools.check_pdf [--site site]

Checks the shipped files themselves, never a copy exported for the check:

- every text span with a letter or digit is set in Sarabun, or in a monospace face (code) when it has no Thai
  letter: Thai in any other face is what paper shows as empty boxes (a fallback font without Thai letters).
  Spans of symbols only (→, ●), which Sarabun does not have, may come from another face;
- every page but a cover carries its footer ``หน้า N จาก M`` whole in the text layer (copy and search need it);
- the text layer holds every action of the data that the document prints;
- the document's title (metadata) names the office and the document, and for a group's plan the group and the
  fiscal year in พ.ศ.;
- no PDF is missing and none is left over from an earlier export.

Spans are read with PyMuPDF (``page.get_text("dict")``), the only reader at hand that reports the font of each
run of text; pypdf lists only the fonts a page embeds, which cannot tell a Thai word in Sarabun from one in the
fallback face. PyMuPDF is a development dependency (requirements-dev.txt), like Chromium: the site never needs it.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loader import Handbook, load
from ..office_year import owners_with_work, year_plan
from ..site_paths import CALENDAR_PDF, HANDBOOK_PDF, PDF_DIR, YEAR_PLAN_PDF, checklist_pdf, plan_pdf

ROOT = Path(__file__).resolve().parents[2]
THAI = re.compile(r"[\u0e01-\u0e5b]")
FONT_OK = "Sarabun"
MONOSPACE = re.compile(r"mono|courier|consol", re.IGNORECASE)
FISCAL_YEAR_ATTR = re.compile(r'data-fiscal-year="(\d{4})"')


@dataclass(frozen=True)
class Expected:
    """What one shipped PDF must hold."""

    name: str  # file name in pdf/
    title: tuple[str, ...]  # words its metadata title contains
    actions: tuple[str, ...]  # texts its text layer holds: the actions it prints (the year plan: its events)
    covers: int = 0  # leading pages without a footer (the book's cover)
    what: str = "สิ่งที่ต้องทำ"  # what ``actions`` are, for the message


@dataclass
class Report:
    name: str
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Compare text as a reader copies it: compatibility forms (ำ may come back as ํ + า), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def site_fiscal_year(site: Path) -> int:
    """The fiscal year the built site describes (the calendar page says it), so a check agrees with the build."""
    for page in (site / "calendar" / "index.html", site / "calendar.html"):
        if page.exists():
            found = FISCAL_YEAR_ATTR.search(page.read_text(encoding="utf-8"))
            if found:
                return int(found.group(1))
    raise SystemExit(f"{site}: ไม่พบปีงบประมาณในหน้าปฏิทิน (data-fiscal-year): สร้างเว็บไซต์ใหม่ด้วย make build")


def expected_documents(hb: Handbook, office: str, fiscal_year: int) -> dict[str, Expected]:
    """Every PDF ``make pdf`` ships, with the actions each one prints (tools/export_pdf.py writes them)."""
    every = tuple(a.do for i in hb.indicators.values() for a in i.actions)
    docs = [
        Expected(Path(HANDBOOK_PDF).name, (office,), every, covers=1),
        Expected(Path(checklist_pdf("all")).name, (office, "แบบตรวจสอบ"), every),
        Expected(Path(CALENDAR_PDF).name, (office, "ปฏิทิน", f"พ.ศ. {fiscal_year}"),
                 tuple(t.action.do for t in year_plan(hb).tasks)),
        Expected(Path(YEAR_PLAN_PDF).name, (office, "ปฏิทินปฏิบัติงาน", f"พ.ศ. {fiscal_year}"),
                 tuple(e.title for e in year_plan(hb).events), what="งาน"),
    ]
    for m in hb.missions:
        docs.append(Expected(Path(checklist_pdf(m.id)).name, (office, "แบบตรวจสอบ", m.title),
                             tuple(a.do for i in hb.indicators_of(m.id) for a in i.actions)))
    names = hb.owner_names()
    for owner in owners_with_work(hb):
        docs.append(Expected(Path(plan_pdf(owner)).name, (office, names[owner], f"พ.ศ. {fiscal_year}"),
                             tuple(t.action.do for t in year_plan(hb, owner).tasks)))
    return {d.name: d for d in docs}


def spans(doc: object) -> Iterator[dict[str, Any]]:
    """Every run of text of a PyMuPDF document, each with its ``text``, ``font`` and ``size``."""
    for page in doc:  # type: ignore[attr-defined]
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                yield from line["spans"]


def foreign_fonts(doc: object) -> dict[str, int]:
    """Font name -> characters of spans set in it that Sarabun should carry (Thai anywhere; Latin outside code)."""
    found: dict[str, int] = {}
    for span in spans(doc):
        text, font = span["text"], span["font"]
        if FONT_OK in font or not any(ch.isalnum() for ch in text):
            continue  # a symbol Sarabun lacks (→, ●) may come from another face; letters may not
        if THAI.search(text) or not MONOSPACE.search(font):
            found[font] = found.get(font, 0) + len(text.strip())
    return found


def fonts_outside_sarabun(pdf: bytes) -> dict[str, int]:
    """:func:`foreign_fonts` of a PDF in memory (the exporter checks each file before writing it)."""
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return foreign_fonts(doc)


def check_file(path: Path, expected: Expected) -> Report:
    import pymupdf

    report = Report(path.name)
    with pymupdf.open(path) as doc:
        report.pages = doc.page_count
        foreign = foreign_fonts(doc)
        if foreign:
            fonts = ", ".join(f"{f} ({n} ตัวอักษร)" for f, n in sorted(foreign.items()))
            report.problems.append(f"ข้อความตั้งด้วยฟอนต์อื่นที่ไม่ใช่ Sarabun: {fonts} กระดาษจะแสดงเป็นกล่องว่าง")
        texts = [page.get_text() for page in doc]
        broken = [n for n, text in enumerate(texts, 1)
                  if n > expected.covers and f"หน้า{n}จาก{doc.page_count}" not in squash(text)]
        if broken:
            shown = ", ".join(map(str, broken[:8])) + (" …" if len(broken) > 8 else "")
            report.problems.append(f"ท้ายกระดาษ \"หน้า N จาก {doc.page_count}\" อ่านกลับไม่ครบใน {len(broken)} หน้า "
                                   f"(หน้า {shown}): ชั้นข้อความของ PDF ทำตัวอักษรหาย")
        flat = squash("".join(texts))
        missing = [a for a in dict.fromkeys(expected.actions) if squash(a) not in flat]
        if missing:
            report.problems.append(f"ไม่พบ{expected.what} {len(missing)} จาก {len(set(expected.actions))} รายการ "
                                   f"ในชั้นข้อความ เช่น \"{missing[0]}\"")
        title = doc.metadata.get("title", "") if doc.metadata else ""
        lacking = [w for w in expected.title if squash(w) not in squash(title)]
        if lacking:
            report.problems.append(f"ชื่อเอกสาร (metadata) \"{title}\" ไม่มี {' / '.join(lacking)}")
    return report


def check_folder(folder: Path, expected: dict[str, Expected]) -> list[Report]:
    """One report per expected PDF (a missing file is a problem), plus one per file nobody expects."""
    reports = []
    for name, exp in sorted(expected.items()):
        path = folder / name
        reports.append(check_file(path, exp) if path.exists() else Report(name, problems=["ไม่พบไฟล์: รัน make pdf"]))
    for stray in sorted(set(p.name for p in folder.glob("*.pdf")) - set(expected)):
        reports.append(Report(stray, problems=["ไม่มีเอกสารนี้ในคู่มือแล้ว (ไฟล์ค้างจากการส่งออกครั้งก่อน): ลบทิ้ง"]))
    return reports


def check_site(site: Path, config_file: Path) -> list[Report]:
    from ..integrations.mkdocs_config import site_config

    office = str(site_config(config_file)["office"].get("name", ""))
    hb = load(config_file.parent / "data", root=config_file.parent)
    return check_folder(site / PDF_DIR, expected_documents(hb, office, site_fiscal_year(site)))


def summary(reports: Iterable[Report], folder: Path) -> tuple[str, bool]:
    lines, ok = [], True
    for r in reports:
        if r.problems:
            ok = False
            lines += [f"{folder / r.name}: {p}" for p in r.problems]
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site with pdf/ (default: site/)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    reports = check_site(args.site, args.config)
    text, ok = summary(reports, args.site / PDF_DIR)
    if not ok:
        print(text, file=sys.stderr)
        print("วิธีแก้: รัน make pdf ใหม่ ถ้ายังผิดซ้ำ ให้แจ้งผู้ดูแลพร้อมข้อความนี้", file=sys.stderr)
        return 1
    pages = sum(r.pages for r in reports)
    print(f"ตรวจ PDF ครบ {len(reports)} ไฟล์ {pages} หน้า: ทุกตัวอักษรเป็น Sarabun ท้ายกระดาษครบ สิ่งที่ต้องทำครบ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
