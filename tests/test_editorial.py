"""Editorial rules of the second edition that a machine can check: rubric levels the office itself controls,
no document name printed twice, one term for one thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hpo_handbook.loader import Handbook, load

from .conftest import ROOT

# Recognition from outside (not in the office's control, not observable when it assesses itself), and wording that
# cannot be observed or does not tell two levels apart.
OUTSIDE = ("หน่วยงานอื่น", "ศึกษาดูงาน", "ดูงาน", "แบบอย่าง", "ต้นแบบ", "รางวัล", "ได้รับการยอมรับ", "เป็นที่ยอมรับ",
           "นำไปใช้เป็นแนวทาง", "ขอนำ", "ภายนอกยกย่อง", "ได้รับการยกย่อง", "เผยแพร่จน", "สำนักงานอื่น")
VAGUE = ("รู้สึก", "เกือบครบ", "เกือบทั้งหมด", "ค่อนข้าง", "ความเป็นเจ้าของ", "พอสมควร")


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def test_no_level_depends_on_outsiders_or_vague_words(hb: Handbook) -> None:
    found = [f"{i.id} ระดับ {n}: {w}" for i in hb.indicators.values() for n, text in i.levels.items()
             for w in (*OUTSIDE, *VAGUE) if w in text]
    assert not found, "rubric wording to rewrite:\n" + "\n".join(found)


def test_levels_are_distinct(hb: Handbook) -> None:
    for i in hb.indicators.values():
        assert len(set(i.levels.values())) == 5, i.id


def test_the_wording_check_can_fail() -> None:
    first = (ROOT / "tests/fixtures/first-edition/indicators/leadership.yml").read_text(encoding="utf-8")
    assert any(w in first for w in OUTSIDE)  # the first edition's level 5 asked for visitors


def _article_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    return re.sub(r"\s+", " ", article.get_text(""))


def doubled_names(text: str, names: list[str]) -> list[str]:
    """Names printed twice in a row: "พระราชบัญญัติ… (พระราชบัญญัติ…)", or a lead-in word before a citation that
    repeats the citation's first words ("เกณฑ์คุณภาพ… เกณฑ์คุณภาพ… (PMQA 4.0)")."""
    found = []
    for name in names:
        if len(name) < 8:
            continue
        if re.search(re.escape(name) + r"[\s(“\"]{0,4}" + re.escape(name), text):
            found.append(name)
    return found


def _names(hb: Handbook) -> list[str]:
    """Each reference's name without its year or bracketed short form: what a writer might also type."""
    out = set()
    for r in hb.references.values():
        name = re.split(r"\s*\(|\s+พ\.ศ\.|\s+ฉบับ", r.title)[0].strip()
        out.add(name)
    return sorted(out, key=len, reverse=True)


def test_no_document_name_is_printed_twice(site: Path, hb: Handbook) -> None:
    names = _names(hb)
    problems = []
    for page in sorted(site.rglob("*.html")):
        if "assets" in page.parts:
            continue
        for name in doubled_names(_article_text(page), names):
            problems.append(f"/{page.parent.relative_to(site)}/: {name}")
    assert not problems, "names printed twice (drop the lead-in or the ref()):\n" + "\n".join(problems)


def test_the_doubled_name_check_can_fail() -> None:
    names = ["พระราชบัญญัติการศึกษาแห่งชาติ", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ"]
    assert doubled_names("ตามพระราชบัญญัติการศึกษาแห่งชาติ (พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542) ให้", names)
    assert doubled_names("และเกณฑ์คุณภาพการบริหารจัดการภาครัฐ เกณฑ์คุณภาพการบริหารจัดการภาครัฐ (PMQA 4.0)", names)
    assert not doubled_names("ตามพระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542 มาตรา 39", names)


def test_no_public_relations_group(hb: Handbook) -> None:
    """Public relations is a duty of กลุ่มอำนวยการ; the office structure has no กลุ่มประชาสัมพันธ์."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yml")]
    assert not any("กลุ่มประชาสัมพันธ์" in t for t in texts)
    assert not any(o == "personnel-subcommittee" for i in hb.indicators.values() for o in i.owners)


def test_committees_monitor_groups_own(hb: Handbook) -> None:
    """ก.ต.ป.น. monitors and the area's personnel body decides; a group or role of the office owns the indicator.
    (School networks are partners that may share ownership of the indicators about them.)"""
    committees = {"ktpn", "personnel-subcommittee"}
    owned = [f"{i.id}: {o}" for i in hb.indicators.values() for o in i.owners if o in committees]
    assert not owned, "committees listed as owners (a group of the office owns, the committee monitors):\n" + \
        "\n".join(owned)
