"""The office year: the `when:` language, the loader's calendar errors (one failing fixture each), the year plan,
and the .ics files read back with a maintained iCalendar library."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import icalendar
import pytest

from hpo_handbook.ical import calendar_ics, fold, to_ical
from hpo_handbook.loader import load
from hpo_handbook.office_year import monthly_load, owners_with_work, year_plan
from hpo_handbook.schedule import parse_day, parse_when

from .conftest import CALENDAR, dump, indicator
from .test_loader import errors_of, line_of

FY = 2570  # 1 October 2026 - 30 September 2027


# ── The `when:` language ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("value", "months"), [
    ("ต.ค.", (10,)),
    (["เม.ย.", "ต.ค."], (10, 4)),  # fiscal-year order: October first
    ("เม.ย., ต.ค.", (10, 4)),
    ("พ.ย.–มี.ค.", (11, 12, 1, 2, 3)),
    ("ทุกไตรมาส", (10, 1, 4, 7)),
    ("ทุกเดือน", (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
    ("ทุกภาคเรียน", (11, 5)),
    ("ตลอดปี", ()),
])
def test_when_values(value: str | list[str], months: tuple[int, ...]) -> None:
    assert parse_when(value).months == months


@pytest.mark.parametrize(("value", "says"), [
    ("ตค.", "ไม่รู้จักช่วงเวลา"),
    ("ทุกสัปดาห์", "ไม่รู้จักช่วงเวลา"),
    ("มี.ค.–พ.ย.", "ย้อนข้ามสิ้นปีงบประมาณ"),
    (["ทุกเดือน", "ต.ค."], "ใช้ร่วมกับเดือนอื่น"),
])
def test_bad_when_values_say_why_and_what_to_do(value: str | list[str], says: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_when(value)
    problem, _, fix = str(exc.value).partition(" || ")
    assert says in problem and fix


def test_semester_months_are_marked_approximate() -> None:
    assert parse_when("ทุกภาคเรียน").approximate and "ประมาณ" in parse_when("ทุกภาคเรียน").label()
    assert not parse_when("ต.ค.").approximate


# ── The loader's errors, one fixture each ─────────────────────────────────────────────────────


def _set_actions(data_dir: Path, actions: list[dict[str, str]]) -> Path:
    path = data_dir / "indicators" / "gamma.yml"
    dump(path, [indicator("GG-01", actions=actions)])
    return path


def test_unknown_event(data_dir: Path) -> None:
    path = _set_actions(data_dir, [{"do": "หนึ่ง", "event": "reveiw"}, {"do": "สอง", "event": "review"},
                                   {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert error.file == "data/indicators/gamma.yml" and error.line == line_of(path, "event: reveiw")
    assert "reveiw" in error.problem and "`review`" in error.problem and "data/calendar.yml" in error.fix


def test_month_out_of_range(data_dir: Path) -> None:
    path = _set_actions(data_dir, [{"do": "หนึ่ง", "when": "เดือน 13"}, {"do": "สอง", "event": "review"},
                                   {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert error.line == line_of(path, "when: เดือน 13") and "ไม่รู้จักช่วงเวลา" in error.problem


def test_month_outside_its_event(data_dir: Path) -> None:
    path = _set_actions(data_dir, [{"do": "หนึ่ง", "event": "review", "when": "ก.พ."},
                                   {"do": "สอง", "event": "review"}, {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert error.line == line_of(path, "when: ก.พ.") and "ไม่อยู่ในเดือนของงาน" in error.problem


def test_action_without_a_time(data_dir: Path) -> None:
    _set_actions(data_dir, [{"do": "หนึ่ง"}, {"do": "สอง", "event": "review"}, {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert "ไม่ได้บอกว่าทำเมื่อใด" in error.problem and "event:" in error.fix


def test_unknown_owner_of_an_action(data_dir: Path) -> None:
    path = _set_actions(data_dir, [{"do": "หนึ่ง", "when": "ต.ค.", "owner": "policy"},
                                   {"do": "สอง", "event": "review"}, {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert error.line == line_of(path, "owner: policy") and "`policy-plan`" in error.problem


def test_unknown_owner_of_an_event(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "owner": "finance"}])
    (error,) = errors_of(data_dir)
    assert error.file == "data/calendar.yml" and "finance" in error.problem


def test_an_event_no_action_uses(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [*CALENDAR, {"id": "retreat", "title": "สัมมนาประจำปี", "when": "ธ.ค.",
                                                 "owner": "director", "description": "สัมมนา"}])
    (error,) = errors_of(data_dir)
    assert error.file == "data/calendar.yml" and "retreat" in error.problem and "event: retreat" in error.fix


def test_the_same_event_defined_twice(data_dir: Path) -> None:
    twin = {**CALENDAR[0], "id": "review-2", "title": "ประชุมทบทวนผลฯ"}
    dump(data_dir / "calendar.yml", [*CALENDAR, twin])
    _set_actions(data_dir, [{"do": "หนึ่ง", "event": "review-2"}, {"do": "สอง", "event": "review"},
                            {"do": "สาม", "when": "ต.ค."}])
    (error,) = errors_of(data_dir)
    assert "`review-2` ซ้ำกับ `review`" in error.problem and "รวมเป็นงานเดียว" in error.fix


def test_an_event_needs_months_and_a_consistent_timing(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "when": "ตลอดปี"}])
    assert any("ต้องมีเดือน" in e.problem for e in errors_of(data_dir))
    for changes, says in [({"timing": "rule"}, "ต้องมีวันที่ที่กติกากำหนด"),
                          ({"timing": "rule", "day": "สัปดาห์ที่ 2"}, "ต้องมีวันที่ที่กติกากำหนด"),
                          ({"timing": "yearly"}, "ต้องบอกหน่วยงาน"),
                          ({"set_by": "สพฐ."}, "ขัดกับงานที่สำนักงานกำหนดเอง"),
                          ({"day": "วันจันทร์"}, "ไม่รู้จักกำหนดวัน"),
                          ({"fixed": True}, "fixed")]:
        dump(data_dir / "calendar.yml", [{**CALENDAR[0], **changes}])
        found = errors_of(data_dir)
        assert any(says in e.problem or says in e.key for e in found), (changes, found)


def test_an_event_another_body_sets_may_carry_no_action(data_dir: Path) -> None:
    onet = {"id": "onet", "title": "สทศ. จัดสอบ O-NET", "when": "ก.พ.–มี.ค.", "owner": "policy-plan",
            "description": "ประสานสนามสอบ", "timing": "yearly", "set_by": "สทศ."}
    dump(data_dir / "calendar.yml", [*CALENDAR, onet])
    hb = load(data_dir, root=data_dir.parent)
    assert hb.events["onet"].external and "สทศ." in hb.events["onet"].timing_label
    dump(data_dir / "calendar.yml", [*CALENDAR, {**onet, "timing": "office", "set_by": None}])
    assert any("ไม่มีสิ่งที่ต้องทำใด" in e.problem or "set_by" in e.problem for e in errors_of(data_dir))


@pytest.mark.parametrize(("value", "year", "month", "day"), [
    ("วันที่ 10", 2027, 6, dt.date(2027, 6, 10)),
    ("วันที่ 31", 2027, 2, dt.date(2027, 2, 28)),  # past the month's end: its last day
    ("ภายในสิ้นเดือน", 2027, 9, dt.date(2027, 9, 30)),
    ("ภายในวันที่ 15", 2026, 11, dt.date(2026, 11, 15)),
    ("สัปดาห์ที่ 2", 2026, 11, dt.date(2026, 11, 9)),  # the Monday of the second week
    ("สัปดาห์ที่ 1", 2026, 10, dt.date(2026, 10, 5)),
])
def test_day_rules(value: str, year: int, month: int, day: dt.date) -> None:
    assert parse_day(value).date_in(year, month) == day


def test_replaced_id_must_be_gone_and_named_once(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", replaces=["AA-02"])])
    (error,) = errors_of(data_dir)
    assert "AA-02" in error.problem and "ยังเป็นตัวชี้วัดที่ใช้อยู่" in error.problem


# ── The year plan and the iCalendar files ─────────────────────────────────────────────────────


def test_a_shared_event_appears_once_a_month_with_the_actions_of_that_month(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    plan = year_plan(hb)
    assert [e.id for e in plan.events] == ["review"]
    assert [o.month for o in plan.occasions] == [10, 1, 4, 7]
    january = next(o for o in plan.occasions if o.month == 1)
    assert [t.indicator.id for t in january.tasks] == ["AA-01", "AA-02", "BB-01", "GG-01"]  # 'ทำหนึ่ง' of each
    assert sum(january is x for x in plan.by_month[1]) == 1  # once in January, not once per indicator
    october = [x for x in plan.by_month[10] if not hasattr(x, "event")]
    assert {t.indicator.id for t in october} == {"AA-01", "AA-02", "BB-01", "GG-01"}  # 'ทำสอง' (ต.ค.)
    assert owners_with_work(hb) == ["policy-plan", "director"]


def test_an_action_shows_only_in_the_months_it_names(data_dir: Path) -> None:
    """An action of an event that names some of the event's months shows in those months only: under the event
    in April, nowhere in October, and never a second time on its own."""
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", actions=[
        {"do": "ทบทวนครึ่งปี", "event": "review", "when": "เม.ย."},
        {"do": "ทำสอง", "when": "ต.ค."}, {"do": "ทำสาม", "when": "ทุกไตรมาส"}])])
    plan = year_plan(load(data_dir, root=data_dir.parent))
    placed: dict[int, list[str]] = {}
    for m, items in plan.by_month.items():
        for x in items:
            texts = [t.action.do for t in x.tasks] if hasattr(x, "event") else [x.action.do]
            placed.setdefault(m, []).extend(texts)
    assert [m for m, texts in placed.items() if "ทบทวนครึ่งปี" in texts] == [4]
    assert placed[4].count("ทบทวนครึ่งปี") == 1


def test_a_groups_plan_holds_only_its_work(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    mine = year_plan(hb, "director")
    assert {t.owner for t in mine.tasks} == {"director"}
    # The review is policy-plan's event, but BB-01 (owned by the director) has an action in it: it shows.
    assert [e.id for e in mine.events] == ["review"]
    assert year_plan(hb, "policy-plan").occasions[0].event.id == "review"


def test_the_load_counts_each_action_once_a_month_for_its_owner(data_dir: Path) -> None:
    load_ = monthly_load(load(data_dir, root=data_dir.parent))
    # Per indicator: 'ทำหนึ่ง' at the review (its owner, policy-plan, runs it: 4 months), 'ทำสอง' in ต.ค.
    # (the indicator's owner), 'ทำสาม' quarterly for the director. Four indicators, BB-01 owned by the director.
    assert load_["policy-plan"][10] == 4 + 3 and load_["policy-plan"][1] == 4
    assert load_["director"][10] == 4 + 1 and load_["director"][4] == 4


def _events(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_ics_one_item_per_occurrence_with_stable_uids(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    ics = calendar_ics(hb, FY, "https://office.example.org/handbook/", "ทดสอบ")
    events = _events(ics)
    reviews = [e for e in events if str(e["summary"]) == "ประชุมทบทวนผล"]
    # Quarterly in fiscal year 2570: October 2026, January, April, July 2027, each on the second week's Monday.
    assert [e.decoded("dtstart") for e in reviews] == [dt.date(2026, 10, 12), dt.date(2027, 1, 11),
                                                       dt.date(2027, 4, 12), dt.date(2027, 7, 12)]
    assert str(reviews[0]["uid"]) == "review-2570-10.handbook.office.example.org"
    assert all("rrule" not in e for e in events)
    assert "ทำหนึ่ง" in str(reviews[1]["description"])
    # Actions of their own month: one item per owner and month, its actions listed.
    october = [e for e in events if str(e["uid"]).startswith("tasks-policy-plan-2570-10.")]
    assert len(october) == 1 and str(october[0]["description"]).count("ทำสอง") == 3
    # At most 8 items start on one day.
    days = [e.decoded("dtstart") for e in events]
    assert max(days.count(d) for d in days) <= 8
    # Rebuilt, the same UIDs and the same bytes; another site, other UIDs.
    assert calendar_ics(hb, FY, "https://office.example.org/handbook/", "ทดสอบ") == ics
    other = calendar_ics(hb, FY, "https://office.example.org/other/", "ทดสอบ")
    assert not {str(e["uid"]) for e in _events(ics)} & {str(e["uid"]) for e in _events(other)}


def test_ics_folded_as_icalendar_folds(data_dir: Path) -> None:
    """The faster folding writes the bytes icalendar's own ``to_ical`` writes: Thai, emoji, escapes at a fold."""
    from icalendar.parser import _foldline

    rng = random.Random(5)
    for _ in range(3000):
        line = "".join(rng.choice("ab \\^;,กำ่๑😀é") for _ in range(rng.randint(0, 300)))
        assert fold(line) == _foldline(line)
    hb = load(data_dir, root=data_dir.parent)
    cal = icalendar.Calendar.from_ical(calendar_ics(hb, FY, "https://office.example.org/handbook/", "ทดสอบ"))
    assert to_ical(cal) == cal.to_ical()


def test_a_rule_date_and_a_deadline_are_kept(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "when": ["ต.ค.", "เม.ย."], "timing": "rule", "day": "วันที่ 1"}])
    hb = load(data_dir, root=data_dir.parent)
    starts = [e.decoded("dtstart") for e in _events(calendar_ics(hb, FY, "https://x.example/", "ทดสอบ"))
              if str(e["summary"]) == "ประชุมทบทวนผล"]
    assert starts == [dt.date(2026, 10, 1), dt.date(2027, 4, 1)]
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "when": "ก.ย.", "timing": "yearly", "set_by": "สพฐ.",
                                      "day": "ภายในวันที่ 15"}])
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", actions=[
        {"do": "ทำหนึ่ง", "event": "review"}, {"do": "ทำสอง", "when": "ต.ค."}, {"do": "ทำสาม", "when": "ก.ย."}])])
    for name in ("alpha", "beta"):
        dump(data_dir / "indicators" / f"{name}.yml", [])
    hb = load(data_dir, root=data_dir.parent)
    (deadline,) = [e for e in _events(calendar_ics(hb, FY, "https://x.example/", "ทดสอบ"))
                   if "ประชุมทบทวนผล" in str(e["summary"])]
    assert str(deadline["summary"]) == "ครบกำหนด: ประชุมทบทวนผล" and deadline.decoded("dtstart") == dt.date(2027, 9, 15)


def test_a_link_to_a_replaced_indicator_names_its_successor(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", replaces=["GG-09"])])
    dump(data_dir / "indicators" / "alpha.yml", [indicator("AA-01", related=["GG-09"]), indicator("AA-02")])
    (error,) = errors_of(data_dir)
    assert "`GG-09` ถูกรวมเข้ากับ `GG-01` แล้ว" in error.problem and "GG-01" in error.fix
    hb_ok = data_dir  # and without the stale link the data loads, with the map old -> new
    dump(hb_ok / "indicators" / "alpha.yml", [indicator("AA-01"), indicator("AA-02")])
    assert load(hb_ok, root=hb_ok.parent).replaced == {"GG-09": "GG-01"}
