"""A file that does not parse, or does not validate, is one error at the line to fix, in Thai, and it does not
cascade: other files' references to the ids it declares are not reported as unknown, while an id that is unknown
anywhere still is (issue 27, part 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hpo_handbook.errors import DataError, DataErrors
from hpo_handbook.loader import load

from .conftest import CALENDAR, dump, indicator

# The way contributors see an indicator file (data/indicators/*.yml): two-space indents, lists indented under
# their key, folded text, flow lists for ids.
ALPHA = """\
# ตัวชี้วัดภารกิจแอลฟา
- id: AA-01
  title: ตัวชี้วัด AA-01
  description: >-
    คำอธิบายบรรทัดแรก
    คำอธิบายบรรทัดที่สอง
  owners: [policy-plan]
  pmqa: [1]
  evidence:
    - หลักฐานหนึ่ง
    - หลักฐานสอง
  levels:
    1: ระดับหนึ่ง
    2: ระดับสอง
    3: ระดับสาม
    4: ระดับสี่
    5: ระดับห้า
  actions:
    - do: ทำหนึ่ง
      event: alpha-only
    - do: ทำสอง
      when: ต.ค.
    - do: ทำสาม
      when: ทุกไตรมาส
      owner: director
  related: [BB-01]
  references: [nea-2542]

- id: AA-02
  title: ตัวชี้วัด AA-02
  description: คำอธิบาย
  owners: [policy-plan]
  pmqa: [1]
  evidence:
    - หลักฐานหนึ่ง
    - หลักฐานสอง
  levels:
    1: ระดับหนึ่ง
    2: ระดับสอง
    3: ระดับสาม
    4: ระดับสี่
    5: ระดับห้า
  actions:
    - do: ทำหนึ่ง
      event: review
    - do: ทำสอง
      when: ต.ค.
    - do: ทำสาม
      when: ทุกไตรมาส
  references: [nea-2542]
"""


@pytest.fixture
def data(data_dir: Path) -> Path:
    """The loader's fixture with a hand-written alpha.yml, an event only alpha uses, and links to alpha's ids."""
    (data_dir / "indicators" / "alpha.yml").write_text(ALPHA, encoding="utf-8")
    dump(data_dir / "calendar.yml", [*CALENDAR, {"id": "alpha-only", "title": "งานของแอลฟา", "when": "ต.ค.",
                                                 "owner": "policy-plan", "description": "ใช้เฉพาะ AA-01"}])
    dump(data_dir / "indicators" / "beta.yml", [indicator("BB-01", owners=["director"], related=["AA-02"])])
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", related=["AA-01", "AA-02"])])
    load(data_dir, root=data_dir.parent)  # valid as written
    return data_dir


def errors_of(data_dir: Path) -> list[DataError]:
    with pytest.raises(DataErrors) as exc:
        load(data_dir, root=data_dir.parent)
    return exc.value.errors


def break_alpha(data_dir: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in alpha.yml; return the 1-based line of the change."""
    path = data_dir / "indicators" / "alpha.yml"
    assert ALPHA.count(old) >= 1, old
    broken = ALPHA.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    return next(n for n, (a, b) in enumerate(zip(ALPHA.splitlines(), broken.splitlines(), strict=False), 1) if a != b)


def assert_plain_thai(error: DataError) -> None:
    """No PyYAML English ("did not find expected key", "mapping values ...") for the mistakes it knows."""
    assert not re.search(r"\b(?:did not|expected|mapping|scanning|while)\b", str(error)), str(error)
    assert "วิธีแก้" in str(error)


# (what the contributor did, text before, text after, a word the Thai problem must contain)
MISTAKES = [
    ("key indented one space too far", "  title: ตัวชี้วัด AA-02", "   title: ตัวชี้วัด AA-02", "ย่อหน้า 3 ช่อง"),
    ("key indented one space too little", "  owners: [policy-plan]\n  pmqa", " owners: [policy-plan]\n  pmqa",
     "ย่อหน้า 1 ช่อง"),
    ("folded text dedented", "    คำอธิบายบรรทัดที่สอง", "   คำอธิบายบรรทัดที่สอง", "ย่อหน้า 3 ช่อง"),
    ("a level indented too far", "    4: ระดับสี่", "     4: ระดับสี่", "ย่อหน้า 5 ช่อง"),
    ("an action's key indented too little", "      event: alpha-only", "     event: alpha-only", "ย่อหน้า 5 ช่อง"),
    ("a tab", "  pmqa: [1]\n  evidence:\n    - หลักฐานหนึ่ง", "  pmqa: [1]\n  evidence:\n\t- หลักฐานหนึ่ง", "แท็บ"),
    ("an unclosed quote", "  title: ตัวชี้วัด AA-02", '  title: "ตัวชี้วัด AA-02', "เครื่องหมายคำพูด"),
    ("an unclosed quote in a list", "  related: [BB-01]", '  related: ["BB-01]', "เครื่องหมายคำพูด"),
    ("an unclosed bracket", "  related: [BB-01]", "  related: [BB-01", "วงเล็บ"),
    ("a missing colon", "  pmqa: [1]\n  evidence:\n    - หลักฐานหนึ่ง\n    - หลักฐานสอง\n  levels",
     "  pmqa [1]\n  evidence:\n    - หลักฐานหนึ่ง\n    - หลักฐานสอง\n  levels", "`:`"),
    ("key: value: x unquoted", "  title: ตัวชี้วัด AA-02", "  title: ตัวชี้วัด: AA-02", "`: `"),
    ("text starting with a bracket", "    - do: ทำหนึ่ง\n      event: review", "    - do: [AA-01] ทำหนึ่ง\n"
     "      event: review", "วงเล็บ"),
    ("text starting with a backtick", "    - do: ทำสอง\n      when: ต.ค.\n    - do: ทำสาม\n      when: ทุกไตรมาส\n"
     "  references", "    - do: `ทำสอง`\n      when: ต.ค.\n    - do: ทำสาม\n      when: ทุกไตรมาส\n  references",
     "แบ็กทิก"),
    ("no space after the dash", "    - do: ทำสาม\n      when: ทุกไตรมาส\n      owner", "    -do: ทำสาม\n"
     "      when: ทุกไตรมาส\n      owner", "ช่องว่างหลังขีด"),
]


@pytest.mark.parametrize(("mistake", "old", "new", "word"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_file_that_does_not_parse_is_one_error_at_its_true_line(data: Path, mistake: str, old: str, new: str,
                                                                  word: str) -> None:
    line = break_alpha(data, old, new)
    errors = errors_of(data)
    assert len(errors) == 1, "\n".join(map(str, errors))  # no knock-on "unknown AA-02" in beta.yml or gamma.yml
    error = errors[0]
    assert (error.file, error.line) == ("data/indicators/alpha.yml", line), str(error)
    assert word in error.problem, str(error)
    assert_plain_thai(error)


def test_a_truly_unknown_id_is_still_reported(data: Path) -> None:
    break_alpha(data, "  title: ตัวชี้วัด AA-02", "   title: ตัวชี้วัด AA-02")
    dump(data / "indicators" / "gamma.yml", [indicator("GG-01", related=["AA-01", "AA-99", "BB-09"])])
    problems = sorted(e.problem for e in errors_of(data))
    assert len(problems) == 3, problems
    assert any("`AA-99`" in p for p in problems) and any("`BB-09`" in p for p in problems)


def test_a_file_without_readable_ids_silences_its_prefix_only(data: Path) -> None:
    (data / "indicators" / "alpha.yml").write_text('- "id: AA-01\n  title: ตัวชี้วัด\n', encoding="utf-8")
    dump(data / "indicators" / "gamma.yml", [indicator("GG-01", related=["AA-01", "BB-09"])])
    errors = errors_of(data)
    assert [e.file for e in errors] == ["data/indicators/alpha.yml", "data/indicators/gamma.yml"]
    assert "`BB-09`" in errors[1].problem


def test_one_invalid_reference_does_not_make_every_citation_unknown(data: Path) -> None:
    text = (data / "references.yml").read_text(encoding="utf-8")
    (data / "references.yml").write_text(text.replace("kind: law", "kind: lawx"), encoding="utf-8")
    errors = errors_of(data)
    assert len(errors) == 1 and errors[0].file == "data/references.yml" and "lawx" in errors[0].problem


def test_an_unreadable_groups_file_does_not_make_every_owner_unknown(data: Path) -> None:
    path = data / "groups.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  name: กลุ่มนโยบายและแผน", "   name: กลุ่มนโยบายและแผน"),
                    encoding="utf-8")
    errors = errors_of(data)
    assert [e.file for e in errors] == ["data/groups.yml"], "\n".join(map(str, errors))
    dump(data / "indicators" / "gamma.yml", [indicator("GG-01", owners=["nobody"])])
    assert any("`nobody`" in e.problem for e in errors_of(data))  # scanned ids: an unknown owner still shows


def test_one_invalid_mission_keeps_its_indicator_file_and_ids(data: Path) -> None:
    path = data / "missions.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("prefix: AA", "prefix: A1"), encoding="utf-8")
    errors = errors_of(data)
    assert [e.file for e in errors] == ["data/missions.yml"], "\n".join(map(str, errors))
