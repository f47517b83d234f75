"""The calendar page, the group plans and the .ics files of a real build, checked against the data they come from."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from hpo_handbook.ical import group_file, office_file
from hpo_handbook.loader import Handbook, load
from hpo_handbook.office_year import Occasion, monthly_load, owners_with_work, year_plan
from hpo_handbook.schedule import FISCAL_MONTHS

from .conftest import FISCAL_YEAR, ROOT

FY = int(FISCAL_YEAR)


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_event_appears_in_its_months_with_that_months_actions(site: Path, hb: Handbook) -> None:
    soup = _soup(site, "calendar")
    plan = year_plan(hb)
    for e in plan.events:
        assert len(soup.find_all(id=f"event-{e.id}")) == 1, e.id  # one anchor, at its first month
    for occasion in plan.occasions:
        section = soup.select_one(f'.hb-year-month[data-month="{occasion.month or 0}"]')
        entries = [li for li in section.select(".hb-year-event")
                   if li.select_one(".hb-year-title strong").get_text() == occasion.event.title]
        assert len(entries) == 1, (occasion.event.id, occasion.month)
        served = [li.a.get_text() for li in entries[0].select(".hb-year-serves li")]
        assert served == [t.indicator.id for t in occasion.tasks], (occasion.event.id, occasion.month)


def _placements(soup: BeautifulSoup, selector: str) -> dict[str, set[int]]:
    """Action text -> the months whose section lists it (under an event or on its own)."""
    found: dict[str, set[int]] = {}
    for section in soup.select(selector):
        month = int(section["data-month"])
        for li in section.select("li.hb-year-task, .hb-year-event li"):
            text = re.sub(r"\s+", " ", li.get_text(" ")).strip()
            found.setdefault(text, set()).add(month)
    return found


def _named_months(hb: Handbook) -> dict[str, set[int]]:
    every = set(FISCAL_MONTHS)
    out = {}
    for i in hb.indicators.values():
        for n, a in enumerate(i.actions):
            s = hb.action_schedule(i, n)
            out[a.do] = (every if s.cadence == "ทุกเดือน" else set(s.months)) | {0}
    return out


def test_no_action_in_a_month_it_does_not_name(site: Path, hb: Handbook) -> None:
    """On the calendar page and every group's page: an action is listed only under the months it names (0 is the
    every-month section)."""
    named = _named_months(hb)
    wrong = []
    pages = [("calendar", ".hb-year-month[data-month]")]
    pages += [(f"calendar/groups/{o}", ".hb-plan-table tr[data-month]") for o in owners_with_work(hb)]
    for page, selector in pages:
        for text, months in _placements(_soup(site, page), selector).items():
            action = next((a for a in named if a in text), None)
            if action and not months <= named[action]:
                wrong.append((page, action[:40], sorted(months - named[action])))
    assert not wrong, wrong


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


def test_every_group_has_its_own_page_listed_on_the_plans_page(site: Path, hb: Handbook) -> None:
    owners = owners_with_work(hb)
    listing = _soup(site, "calendar/groups")
    links = [a["href"] for a in listing.select(".hb-group-list a")]
    assert links == [f"{o}/" for o in owners]
    names = hb.owner_names()
    for owner in owners:
        page = _soup(site, f"calendar/groups/{owner}")
        plan = page.select_one(f'.hb-plan[data-group="{owner}"]')
        text = plan.get_text(" ")
        assert names[owner] in text and f"ปีงบประมาณ พ.ศ. {FY}" in text
        for t in year_plan(hb, owner).tasks:
            assert t.action.do in text, (owner, t.indicator.id)
        assert len((site / f"calendar/groups/{owner}/index.html").read_bytes()) < 150_000  # a small page


def test_the_load_table_matches_the_data(site: Path, hb: Handbook) -> None:
    load = monthly_load(hb)
    table = _soup(site, "calendar/groups").select_one(".hb-load-table")
    for row in table.select("tbody tr"):
        owner = row.th.a["href"].strip("/").split("/")[-1]
        cells = [c.get_text() for c in row.select("td")]
        expected = [str(load.get(owner, {}).get(m, 0) or "–") for m in FISCAL_MONTHS]
        assert cells == expected, owner


def test_calendar_files_are_written_and_parse(site: Path, hb: Handbook) -> None:
    office = icalendar.Calendar.from_ical((site / office_file(FY)).read_bytes())
    events = list(office.walk("VEVENT"))
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    assert {u.split(f"-{FY}-")[0] for u in uids} >= {e.id for e in year_plan(hb).events}
    days = [e.decoded("dtstart") for e in events]
    assert max(days.count(d) for d in days) <= 8, sorted(set(days), key=days.count)[-1]
    # Each item's actions are named in its month only.
    named = _named_months(hb)
    for e in events:
        month = e.decoded("dtstart").month
        for action, months in named.items():
            if action in str(e.get("description", "")):
                assert month in months, (str(e["summary"]), action[:40])
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
