"""The office's year as iCalendar files (RFC 5545) that Google Calendar, Outlook and Thunderbird import.

Written at build time by a plain function of the data (:func:`write_calendars`, called from the build's post-build
step). Every event is an all-day event; one that recurs in several months carries an RRULE instead of copies.

The date of an event given only a month: the second Monday of that month (``BYDAY=2MO``), a working day clear of
the New Year holidays, as a placeholder the office moves to its real date (the description says so). An event whose
date an outside rule fixes (``fixed: true`` with ``day:``) falls on that day. UIDs are the event's id (or the
action's checklist key), the fiscal year and the handbook's address (``site_url``), so importing a newer file of the
same year updates the events instead of duplicating them, and two handbooks on one host never share a UID.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from .links import CALENDAR_PAGE, Links
from .loader import Handbook
from .office_year import Occasion, Task, owners_with_work, year_plan
from .schedule import Schedule, month_year

CALENDAR_DIR = "calendar"
PRODID = "-//hpo-handbook//office year//TH"


def office_file(fiscal_year: int) -> str:
    """Where the whole office's calendar is written, relative to the site root."""
    return f"{CALENDAR_DIR}/office-{fiscal_year}.ics"


def group_file(owner: str, fiscal_year: int) -> str:
    return f"{CALENDAR_DIR}/{owner}-{fiscal_year}.ics"


def second_monday(year_ce: int, month: int) -> dt.date:
    first = dt.date(year_ce, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7)


def _first_date(schedule: Schedule, fiscal_year: int, day: int | None) -> tuple[dt.date, dt.date]:
    """(first occurrence, last day of the fiscal year) in the Gregorian calendar."""
    month = schedule.months[0]
    year_ce = month_year(month, fiscal_year) - 543
    start = dt.date(year_ce, month, day) if day else second_monday(year_ce, month)
    return start, dt.date(fiscal_year - 543, 9, 30)


def _vevent(uid: str, summary: str, description: str, schedule: Schedule, fiscal_year: int, url: str,
            day: int | None = None) -> VEvent:
    start, end_of_year = _first_date(schedule, fiscal_year, day)
    ev = VEvent()
    ev.add("uid", uid)
    ev.add("dtstamp", dt.datetime(fiscal_year - 544, 10, 1, tzinfo=dt.UTC))  # stable: a rebuild changes nothing
    ev.add("dtstart", start)
    ev.add("dtend", start + dt.timedelta(days=1))
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("url", url)
    ev.add("transp", "TRANSPARENT")  # a reminder of the month's work, not a busy slot
    if len(schedule.months) > 1:
        rule: dict[str, object] = {"freq": "monthly", "until": end_of_year}
        if len(schedule.months) < 12:
            rule["bymonth"] = list(schedule.months)
        if day:
            rule["bymonthday"] = day
        else:
            rule["byday"] = "2MO"
        ev.add("rrule", vRecur(rule))
    return ev


def _scope(site_url: str) -> str:
    parts = urlsplit(site_url or "http://localhost/")
    path = re.sub(r"[^a-z0-9]+", "-", parts.path.lower()).strip("-")
    return f"{path + '.' if path else ''}{parts.hostname or 'localhost'}"


def _occasion_event(hb: Handbook, o: Occasion, fiscal_year: int, site_url: str) -> VEvent:
    names = hb.owner_names()
    e = o.event
    lines = [e.description, "", f"ผู้รับผิดชอบ: {names[e.owner]}",
             "วันที่: " + ("ตามกติกาที่ใช้บังคับ" if e.fixed else "กำหนดโดยสำนักงาน (ในไฟล์นี้ใส่วันจันทร์ที่สองของเดือนไว้ก่อน)")]
    if e.schedule.approximate:
        lines.append("เดือนโดยประมาณตามปฏิทินการศึกษาของสถานศึกษา")
    if o.tasks:
        lines += ["", "สิ่งที่ต้องทำในงานนี้:"]
        lines += [f"- {t.indicator.id} {t.action.do} ({names[t.owner]})" for t in o.tasks]
    url = site_url + Links().url_of(CALENDAR_PAGE) + f"#event-{e.id}"
    return _vevent(f"{e.id}-{fiscal_year}.{_scope(site_url)}", e.title, "\n".join(lines), e.schedule, fiscal_year,
                   url, e.day if e.fixed else None)


def _task_event(hb: Handbook, t: Task, fiscal_year: int, site_url: str) -> VEvent:
    names = hb.owner_names()
    lines = [t.action.do, "", f"ตัวชี้วัด: {t.indicator.id} {t.indicator.title}", f"ผู้รับผิดชอบ: {names[t.owner]}",
             "วันที่: กำหนดโดยสำนักงาน (ในไฟล์นี้ใส่วันจันทร์ที่สองของเดือนไว้ก่อน)"]
    url = site_url + Links().url_of(f"missions/{t.mission}.md") + f"#{t.indicator.id.lower()}"
    summary = f"{t.indicator.id} {t.action.do}"
    return _vevent(f"{t.key.replace(':', '-')}-{fiscal_year}.{_scope(site_url)}", summary, "\n".join(lines),
                   t.schedule, fiscal_year, url)


def calendar_ics(hb: Handbook, fiscal_year: int, site_url: str, name: str, owner: str | None = None) -> bytes:
    """The year of the office (``owner=None``) or of one owner, as an iCalendar file."""
    plan = year_plan(hb, owner)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Bangkok")
    for o in plan.occasions:
        cal.add_component(_occasion_event(hb, o, fiscal_year, site_url))
    shown = {id(o) for o in plan.occasions}
    for t in plan.tasks:
        at_event = t.action.event is not None and t.action.when is None
        if at_event or not t.schedule.in_calendar or id(t) in shown:
            continue
        cal.add_component(_task_event(hb, t, fiscal_year, site_url))
    return cal.to_ical()


def write_calendars(site_dir: Path, hb: Handbook, fiscal_year: int, site_url: str, office_name: str) -> list[Path]:
    """Write the office's calendar and one per owner with work into ``site_dir/calendar/``; return the paths."""
    names = hb.owner_names()
    written = []
    files = [(office_file(fiscal_year), None, f"ปีงบประมาณ {fiscal_year} · {office_name}")]
    files += [(group_file(o, fiscal_year), o, f"ปีงบประมาณ {fiscal_year} · {names[o]}") for o in owners_with_work(hb)]
    for rel, owner, name in files:
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar_ics(hb, fiscal_year, site_url, name, owner))
        written.append(path)
    return written
