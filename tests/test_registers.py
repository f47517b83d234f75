"""An office keeps a few registers (ทะเบียน…), each named once in the glossary and called by that name everywhere
(issue 25: the second edition had about 25 names for them). The registers the law or a regulation already names
are listed below with their reason and stay as they are.

A register's name is read from each "ทะเบียน" in the chapters and the indicator data: it must start with a glossary
register or a legal one (longest name first); a bare "ทะเบียน" is a back-reference ("…ในทะเบียน", "ทะเบียนนี้");
"จดทะเบียน" is the verb. Names that an earlier edition used and that begin with a kept name are listed as folded, so
"ทะเบียนความเสี่ยงการทุจริต" cannot come back as a register of its own.
"""

from __future__ import annotations

import re

import pytest

from hpo_handbook.loader import Handbook, load

from .conftest import ROOT

LEGAL = {
    "ทะเบียนประวัติ": "ทะเบียนประวัติข้าราชการครูและบุคลากรทางการศึกษา ตามหลักเกณฑ์ของ ก.ค.ศ.",
    "ทะเบียนหนังสือ": "ทะเบียนหนังสือรับและหนังสือส่ง ตามระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ",
    "ทะเบียนคุม": "ทะเบียนคุมเงิน การโอนเงิน ทรัพย์สิน และพัสดุ ตามระเบียบของกระทรวงการคลัง",
    "ทะเบียนราษฎร": "ข้อมูลประชากรของสำนักทะเบียน ซึ่งสำนักงานขอใช้ ไม่ได้จัดทำเอง",
}
# A bare "ทะเบียน" that points back to a register named just before it.
BACK_REFERENCE = re.compile(r"ทะเบียน(?=$|[\s\W]|เดียว|นี้|นั้น|และ|ของ|ที่|พร้อม|ใน|ให้|ได้|หรือ|แล้ว|ร่วม|ครบ)")
# Earlier names that begin with a kept name but were folded into it.
FOLDED = ("ทะเบียนความเสี่ยงการทุจริต", "ทะเบียนความเสี่ยงด้าน", "ทะเบียนความเสี่ยงของแผน", "ทะเบียนกระบวนการหลัก")
TEXTS = [*sorted((ROOT / "docs" / "missions").glob("*.md")), *sorted((ROOT / "data" / "indicators").glob("*.yml")),
         ROOT / "data" / "calendar.yml"]


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def glossary_registers(hb: Handbook) -> list[str]:
    return [t.term for t in hb.glossary if t.term.startswith("ทะเบียน")]


def unknown_registers(text: str, names: list[str]) -> list[str]:
    """Each "ทะเบียน…" of ``text`` that is neither a known name, a back-reference nor the verb จดทะเบียน."""
    known = sorted(names, key=len, reverse=True)
    found = []
    for m in re.finditer("ทะเบียน", text):
        rest = text[m.start():]
        if text[max(0, m.start() - 2):m.start()] == "จด":
            continue
        folded = any(rest.startswith(f) for f in FOLDED)
        if folded or (not any(rest.startswith(n) for n in known) and not BACK_REFERENCE.match(rest)):
            found.append(rest[:40].split("\n")[0])
    return found


def test_the_glossary_defines_a_few_registers(hb: Handbook) -> None:
    names = glossary_registers(hb)
    assert 5 <= len(names) <= 12, names
    assert not set(names) & set(LEGAL)


def test_every_register_named_is_one_the_office_keeps(hb: Handbook) -> None:
    names = [*glossary_registers(hb), *LEGAL]
    problems = [f"{path.relative_to(ROOT)}: {hit}" for path in TEXTS
                for hit in unknown_registers(path.read_text(encoding="utf-8"), names)]
    assert not problems, ("registers not in data/glossary.yml (use one of its ทะเบียน… by its exact name, "
                          "or add a legal one to LEGAL with its reason):\n" + "\n".join(problems))


def test_each_glossary_register_is_used(hb: Handbook) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in TEXTS)
    assert [n for n in glossary_registers(hb) if n not in text] == []


def test_the_register_check_can_fail() -> None:
    names = ["ทะเบียนความเสี่ยง", "ทะเบียนคำขอรับบริการ"]
    assert unknown_registers("แผนจัดทำจากทะเบียนความเสี่ยงการทุจริต", names)
    assert unknown_registers("บันทึกในทะเบียนภาคีเครือข่าย", names)
    assert unknown_registers("ระยะเวลาจากทะเบียนคำขอ ของ ST-02", names)
    assert not unknown_registers("บันทึกในทะเบียนคำขอรับบริการ แล้วบันทึกทุกเรื่องในทะเบียน และการจดทะเบียน", names)
