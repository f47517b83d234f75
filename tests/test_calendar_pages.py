"""The calendar page, the group plans and the .ics files of a real build, checked against the data they come from."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from hpo_handbook.ical import group_file, office_file
from hpo_handbook.loader import Handbook, load
from hpo_handbook.office_year import Occasion, owners_with_work, year_plan
from hpo_handbook.schedule import FISCAL_MONTHS

from .conftest import FISCAL_YEAR, ROOT

FY = int(FISCAL_YEAR)


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_event_appears_once_with_the_actions_it_serves(site: Path, hb: Handbook) -> None:
    soup = _soup(site, "calendar")
    plan = year_plan(hb)
    for occasion in plan.occasions:
        anchors = soup.find_all(id=f"event-{occasion.event.id}")
        assert len(anchors) == 1, occasion.event.id
        served = anchors[0].select(".hb-year-serves li")
        assert [li.a.get_text() for li in served] == [t.indicator.id for t in occasion.tasks], occasion.event.id
        # Its months: in each month section it recurs in, and in no other.
        months = {int(s["data-month"]) for s in soup.select(".hb-year-month")
                  if occasion.event.title in s.get_text() and s["data-month"] != "0"}
        expected = set() if occasion.event.schedule.cadence == "ทุกเดือน" else set(occasion.event.schedule.months)
        assert months == expected, occasion.event.id


def test_each_month_lists_its_own_actions(site: Path, hb: Handbook) -> None:
    soup = _soup(site, "calendar")
    plan = year_plan(hb)
    headings = [h["id"] for h in soup.select("h2[id^=month-]")]
    assert headings == [f"month-{m}" for m in FISCAL_MONTHS]
    assert soup.find(id="month-10").get_text().startswith(f"ตุลาคม {FY - 1}")
    for m in FISCAL_MONTHS:
        section = soup.select_one(f'.hb-year-month[data-month="{m}"]')
        text = section.get_text(" ")
        for item in plan.by_month[m]:
            if not isinstance(item, Occasion):
                assert item.action.do in text, (m, item.indicator.id)


def test_every_group_has_its_plan(site: Path, hb: Handbook) -> None:
    soup = _soup(site, "calendar/groups")
    owners = owners_with_work(hb)
    assert [h["data-group"] for h in soup.select("h2[data-group]")] == owners
    names = hb.owner_names()
    for owner in owners:
        plan = soup.select_one(f'.hb-plan[data-group="{owner}"]')
        text = plan.get_text(" ")
        assert names[owner] in text and f"ปีงบประมาณ พ.ศ. {FY}" in text
        for t in year_plan(hb, owner).tasks:
            assert t.action.do in text, (owner, t.indicator.id)


def test_calendar_files_are_written_and_parse(site: Path, hb: Handbook) -> None:
    office = icalendar.Calendar.from_ical((site / office_file(FY)).read_bytes())
    uids = [str(e["uid"]) for e in office.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert {u.split(f"-{FY}.")[0] for u in uids} >= set(hb.events)
    for owner in owners_with_work(hb):
        cal = icalendar.Calendar.from_ical((site / group_file(owner, FY)).read_bytes())
        assert hb.owner_names()[owner] in str(cal["x-wr-calname"])
        assert {str(e["uid"]) for e in cal.walk("VEVENT")} <= set(uids)  # a group's events are the office's


def test_chapters_and_home_link_to_the_calendar(site: Path, hb: Handbook) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="calendar/"' in home
    for m in hb.missions:
        page = (site / "missions" / m.id / "index.html").read_text(encoding="utf-8")
        assert 'href="../../calendar/"' in page, m.id
        # Each action shows its month and its group.
        for i in hb.indicators_of(m.id):
            for n, _ in enumerate(i.actions):
                label = hb.action_schedule(i, n).label()
                assert re.escape(label) and label.split(" (")[0] in page, (i.id, n)


def test_steps_headings_type_no_month(hb: Handbook) -> None:
    """Months in the steps headings come from the data ({{ event_months(...) }}), never typed twice."""
    months = "|".join(re.escape(x) for x in [
        "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย."])
    typed = []
    for m in hb.missions:
        text = (ROOT / "docs" / "missions" / f"{m.id}.md").read_text(encoding="utf-8")
        steps = text.split("## ขั้นตอนการดำเนินงาน", 1)[1].split("\n## ", 1)[0]
        for heading in re.findall(r"^###.*$", steps, re.M):
            if re.search(months, re.sub(r"\{\{.*?\}\}", "", heading)):
                typed.append(f"{m.id}: {heading}")
    assert not typed, "months typed in steps headings (use {{ event_months(\"id\") }}):\n" + "\n".join(typed)


def test_steps_name_every_office_event_the_chapters_actions_use(hb: Handbook) -> None:
    """The steps section and the data agree: each event that an action of the chapter happens at is named in the
    chapter's steps with {{ event("id") }} (which prints the event's months from data/calendar.yml)."""
    missing = []
    for m in hb.missions:
        text = (ROOT / "docs" / "missions" / f"{m.id}.md").read_text(encoding="utf-8")
        steps = text.split("## ขั้นตอนการดำเนินงาน", 1)[1].split("\n## ", 1)[0]
        named = set(re.findall(r"event(?:_months)?\(\s*[\"']([a-z0-9-]+)[\"']\s*\)", steps))
        used = {a.event for i in hb.indicators_of(m.id) for a in i.actions if a.event}
        missing += [f"{m.id}: {e}" for e in sorted(used - named)]
    assert not missing, "events the chapter's actions use but its steps do not name:\n" + "\n".join(missing)
