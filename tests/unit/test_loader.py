"""The loader accepts valid data and names file, line and key for every kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpo_handbook.errors import DataError, DataErrors, emit_annotations
from hpo_handbook.loader import load

from .conftest import acts, dump, indicator


def errors_of(data_dir: Path) -> list[DataError]:
    with pytest.raises(DataErrors) as exc:
        load(data_dir, root=data_dir.parent)
    return exc.value.errors


def only_error(data_dir: Path) -> DataError:
    errors = errors_of(data_dir)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_data_loads_in_order(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    assert [m.id for m in hb.missions] == ["alpha", "beta", "gamma"]
    assert list(hb.indicators) == ["AA-01", "AA-02", "BB-01", "GG-01"]
    assert hb.indicator_mission["BB-01"] == "beta"


def test_relations_are_derived_both_ways(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    assert hb.related_indicators["AA-01"] == ["BB-01"]
    assert hb.related_indicators["BB-01"] == ["AA-01"]  # written only on AA-01
    assert hb.cited_by["nea-2542"] == ["AA-01", "AA-02", "BB-01", "GG-01"]
    assert hb.owned_by["director"] == ["BB-01"]
    assert hb.related_missions["alpha"] == ["beta", "gamma"]


def test_abbreviations_come_from_glossary_and_roles(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    assert hb.abbreviations() == {"สพป.": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "ผอ.สพป.": "ผู้อำนวยการ"}


def test_yaml_syntax_error_names_file_and_line(data_dir: Path) -> None:
    path = data_dir / "indicators" / "alpha.yml"
    replace(path, "- do: ทำสอง", "- do: [ทำสอง")
    error = only_error(data_dir)
    assert error.file == "data/indicators/alpha.yml"
    assert error.line is not None and abs(error.line - line_of(path, "[ทำสอง")) <= 1
    assert "วงเล็บ [ ]" in error.problem and "วิธีแก้" in str(error)


def test_unknown_key_is_named_with_a_suggestion(data_dir: Path) -> None:
    path = data_dir / "indicators" / "alpha.yml"
    replace(path, "  title: ตัวชี้วัด AA-02", "  titel: ตัวชี้วัด AA-02")
    errors = errors_of(data_dir)
    unknown = next(e for e in errors if "titel" in e.problem)
    assert unknown.file == "data/indicators/alpha.yml"
    assert unknown.line == line_of(path, "titel:")
    assert unknown.key == "AA-02 › titel"
    assert "`title`" in unknown.problem  # "did you mean"
    # The missing `title` is reported too, on the indicator's own line.
    missing = next(e for e in errors if "ขาดคีย์ `title`" in e.problem)
    assert missing.key == "AA-02 › title"


def test_missing_field(data_dir: Path) -> None:
    item = indicator("GG-01")
    del item["evidence"]
    dump(data_dir / "indicators" / "gamma.yml", [item])
    error = only_error(data_dir)
    assert (error.file, error.line, error.key) == ("data/indicators/gamma.yml", 1, "GG-01 › evidence")
    assert "ขาดคีย์ `evidence`" in error.problem


def test_wrong_type(data_dir: Path) -> None:
    path = data_dir / "indicators" / "gamma.yml"
    replace(path, "pmqa:\n  - 1", "pmqa: หมวดหนึ่ง")
    error = only_error(data_dir)
    assert error.key == "GG-01 › pmqa" and error.line == line_of(path, "pmqa:")
    assert "ต้องเป็นรายการ" in error.problem


def test_yaml_boolean_where_text_expected(data_dir: Path) -> None:
    path = data_dir / "indicators" / "gamma.yml"
    replace(path, "title: ตัวชี้วัด GG-01", "title: yes")
    error = only_error(data_dir)
    assert error.key == "GG-01 › title" and "True" in error.problem and "เครื่องหมายคำพูด" in error.fix


def test_duplicate_id_in_one_file(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01"), indicator("GG-01")])
    error = only_error(data_dir)
    lines = (data_dir / "indicators" / "gamma.yml").read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if line == "- id: GG-01"][1]
    assert (error.file, error.line) == ("data/indicators/gamma.yml", second)
    assert "ซ้ำ" in error.problem and "รายการที่ 1" in error.problem


def test_duplicate_id_across_files(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01"), indicator("GG-02", id="AA-01")])
    errors = errors_of(data_dir)
    assert any("ไม่ขึ้นต้นด้วย GG-" in e.problem for e in errors)
    assert any("ซ้ำกับตัวชี้วัดใน data/indicators/alpha.yml" in e.problem for e in errors)


def test_duplicate_yaml_key_is_not_silently_dropped(data_dir: Path) -> None:
    path = data_dir / "indicators" / "gamma.yml"
    replace(path, "  title: ตัวชี้วัด GG-01", "  title: ตัวชี้วัด GG-01\n  title: ชื่อที่สอง")
    error = only_error(data_dir)
    assert error.line == line_of(path, "ชื่อที่สอง") and "ซ้ำ" in error.problem


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("related", ["ZZ-09"], "ตัวชี้วัด"),
        ("owners", ["policy-plann"], "ผู้รับผิดชอบ"),
        ("references", ["nea-2543"], "เอกสารอ้างอิง"),
    ],
)
def test_unknown_ids_are_named_with_suggestions(data_dir: Path, field: str, value: list[str], what: str) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", **{field: value})])
    error = only_error(data_dir)
    assert error.file == "data/indicators/gamma.yml"
    assert error.key == f"GG-01 › {field} › รายการที่ 1"
    assert error.line == line_of(data_dir / "indicators" / "gamma.yml", value[0])
    assert f"ไม่รู้จัก{what} id `{value[0]}`" in error.problem
    if field != "related":
        assert "หรือหมายถึง" in error.problem


def test_unknown_mission_in_related_missions(data_dir: Path) -> None:
    replace(data_dir / "missions.yml", "- beta\n  - gamma", "- beta\n  - gama")
    error = only_error(data_dir)
    assert error.file == "data/missions.yml" and "`gama`" in error.problem and "`gamma`" in error.problem


@pytest.mark.parametrize("levels", [{1: "a", 2: "b", 3: "c", 4: "d"}, {1: "a", 2: "b", 3: "c", 4: "d", 5: "e", 6: "f"}])
def test_wrong_number_of_levels(data_dir: Path, levels: dict[int, str]) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", levels=levels)])
    error = only_error(data_dir)
    assert error.key == "GG-01 › levels"
    assert error.line == line_of(data_dir / "indicators" / "gamma.yml", "levels:")
    assert f"พบ {len(levels)} ระดับ" in error.problem


def test_empty_and_too_few(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", title="  ", actions=acts("ทำ"))])
    problems = {e.key: e.problem for e in errors_of(data_dir)}
    assert "ค่าว่าง" in problems["GG-01 › title"]
    assert "อย่างน้อย 3 รายการ" in problems["GG-01 › actions"]


def test_indicator_file_must_be_named_after_a_mission(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "delta.yml", [indicator("DD-01")])
    error = only_error(data_dir)
    assert error.file == "data/indicators/delta.yml" and "delta.yml" in error.problem


def test_missing_indicator_file(data_dir: Path) -> None:
    (data_dir / "indicators" / "gamma.yml").unlink()
    error = only_error(data_dir)
    assert error.file == "data/indicators/gamma.yml" and "ไม่พบไฟล์" in error.problem


def test_all_errors_are_reported_together(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", owners=["nobody"], references=["nothing"])])
    replace(data_dir / "indicators" / "alpha.yml", "  title: ตัวชี้วัด AA-02", "  colour: red\n  title: ตัวชี้วัด AA-02")
    files = {e.file for e in errors_of(data_dir)}
    assert files == {"data/indicators/gamma.yml", "data/indicators/alpha.yml"}


def test_github_annotations_only_under_actions(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", owners=["nobody"])])
    errors = errors_of(data_dir)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    emit_annotations(errors)
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    emit_annotations(errors)
    out = capsys.readouterr().out.strip()
    line = line_of(data_dir / "indicators" / "gamma.yml", "nobody")
    assert out.startswith(f"::error file=data/indicators/gamma.yml,line={line},title=")
    assert "\n" not in out and "`nobody`" in out
