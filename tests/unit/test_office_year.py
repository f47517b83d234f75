"""The office year: the `when:` language, the loader's calendar errors (one failing fixture each), the year plan,
and the .ics files read back with a maintained iCalendar library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from hpo_handbook.ical import calendar_ics, second_monday
from hpo_handbook.loader import load
from hpo_handbook.office_year import owners_with_work, year_plan
from hpo_handbook.render import action_key
from hpo_handbook.schedule import parse_when

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


def test_an_event_needs_months_and_a_fixed_day_needs_fixed(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "when": "ตลอดปี"}])
    assert any("ต้องมีเดือน" in e.problem for e in errors_of(data_dir))
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "day": 1}])
    assert any("`day` ใช้ได้เฉพาะ" in e.problem for e in errors_of(data_dir))


def test_replaced_id_must_be_gone_and_named_once(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", replaces=["AA-02"])])
    (error,) = errors_of(data_dir)
    assert "AA-02" in error.problem and "ยังเป็นตัวชี้วัดที่ใช้อยู่" in error.problem


# ── The year plan and the iCalendar files ─────────────────────────────────────────────────────


def test_a_shared_event_appears_once_with_every_action_it_serves(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    plan = year_plan(hb)
    (review,) = plan.occasions
    assert [t.indicator.id for t in review.tasks] == ["AA-01", "AA-02", "BB-01", "GG-01"]  # 'ทำหนึ่ง' of each
    assert sum(review is x for x in plan.by_month[1]) == 1  # once in January, not once per indicator
    october = [x for x in plan.by_month[10] if not hasattr(x, "event")]
    assert {t.indicator.id for t in october} == {"AA-01", "AA-02", "BB-01", "GG-01"}  # 'ทำสอง' (ต.ค.)
    assert owners_with_work(hb) == ["policy-plan", "director"]


def test_a_groups_plan_holds_only_its_work(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    mine = year_plan(hb, "director")
    assert {t.owner for t in mine.tasks} == {"director"}
    # The review is policy-plan's event, but BB-01 (owned by the director) has an action in it: it shows.
    assert [o.event.id for o in mine.occasions] == ["review"]
    assert year_plan(hb, "policy-plan").occasions[0].event.id == "review"


def _events(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_ics_recurs_with_stable_uids(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    ics = calendar_ics(hb, FY, "https://office.example.org/handbook/", "ทดสอบ")
    cal = icalendar.Calendar.from_ical(ics)
    events = _events(ics)
    review = next(e for e in events if str(e["summary"]) == "ประชุมทบทวนผล")
    assert str(review["uid"]) == "review-2570.handbook.office.example.org"
    assert review["rrule"]["FREQ"] == ["MONTHLY"] and review["rrule"]["BYDAY"] == ["2MO"]
    dates = [o.start for o in recurring_ical_events.of(cal).between(dt.date(2026, 10, 1), dt.date(2027, 10, 1))
             if str(o["summary"]) == "ประชุมทบทวนผล"]
    # Quarterly in fiscal year 2570: October 2026, January, April, July 2027, each on the second Monday.
    assert dates == [second_monday(2026, 10), second_monday(2027, 1), second_monday(2027, 4), second_monday(2027, 7)]
    assert all(d.weekday() == 0 and 8 <= d.day <= 14 for d in dates)
    # An action of its own month: one all-day event, its UID from its checklist key.
    key = action_key("GG-01", "ทำสอง").replace(":", "-")
    own = next(e for e in events if str(e["uid"]).startswith(key))
    assert own.decoded("dtstart") == second_monday(2026, 10) and "rrule" not in own
    # Rebuilt, the same UIDs and the same bytes; another site, other UIDs.
    assert calendar_ics(hb, FY, "https://office.example.org/handbook/", "ทดสอบ") == ics
    other = calendar_ics(hb, FY, "https://office.example.org/other/", "ทดสอบ")
    assert not {str(e["uid"]) for e in _events(ics)} & {str(e["uid"]) for e in _events(other)}


def test_a_fixed_day_is_kept(data_dir: Path) -> None:
    dump(data_dir / "calendar.yml", [{**CALENDAR[0], "when": ["ต.ค.", "เม.ย."], "fixed": True, "day": 1}])
    hb = load(data_dir, root=data_dir.parent)
    cal = icalendar.Calendar.from_ical(calendar_ics(hb, FY, "https://x.example/", "ทดสอบ"))
    starts = [o.start for o in recurring_ical_events.of(cal).between(dt.date(2026, 10, 1), dt.date(2027, 10, 1))
              if str(o["summary"]) == "ประชุมทบทวนผล"]
    assert starts == [dt.date(2026, 10, 1), dt.date(2027, 4, 1)]


def test_a_link_to_a_replaced_indicator_names_its_successor(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "gamma.yml", [indicator("GG-01", replaces=["GG-09"])])
    dump(data_dir / "indicators" / "alpha.yml", [indicator("AA-01", related=["GG-09"]), indicator("AA-02")])
    (error,) = errors_of(data_dir)
    assert "`GG-09` ถูกรวมเข้ากับ `GG-01` แล้ว" in error.problem and "GG-01" in error.fix
    hb_ok = data_dir  # and without the stale link the data loads, with the map old -> new
    dump(hb_ok / "indicators" / "alpha.yml", [indicator("AA-01"), indicator("AA-02")])
    assert load(hb_ok, root=hb_ok.parent).replaced == {"GG-09": "GG-01"}
