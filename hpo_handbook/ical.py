"""The office's year as iCalendar files (RFC 5545) that Google Calendar, Outlook and Thunderbird import.

Written at build time by a plain function of the data (:func:`write_calendars`, called from the build's post-build
step). Shaped for a phone's calendar, where 196 items on 14 dates are noise:

- one all-day item per event occurrence (an event in one month), its actions that month as a list in the
  description, on the day its rule gives (``day:`` in data/calendar.yml: a date, the Monday of a week, or a
  deadline, titled ``ครบกำหนด:``; without one, the Monday of the second week);
- the actions of a month with no event, one item per owner and month, on a weekday of the month's third week that
  depends on the owner, so that the groups' items spread over the week;
- UIDs from the event id (or the owner), the fiscal year, the month and the handbook's address (``site_url``), so
  importing a newer file of the same year updates the items instead of duplicating them, and two handbooks on one
  host never share a UID.

No RRULE: each occurrence carries its own actions, and a deadline or a date is exact per month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from .links import CALENDAR_PAGE, GROUP_PAGE, Links
from .loader import Handbook
from .office_year import Occasion, Task, owners_with_work, year_plan
from .schedule import DEADLINE, FISCAL_MONTHS, month_name, month_year
from .site_paths import group_ics as group_file
from .site_paths import office_ics as office_file

PRODID = "-//hpo-handbook//office year//TH"
OFFICE_DATE_NOTE = "วันในไฟล์นี้เป็นวันตั้งต้น ให้สำนักงานย้ายเป็นวันจริงในปฏิทินของตน"


def _year_ce(month: int, fiscal_year: int) -> int:
    return month_year(month, fiscal_year) - 543


def owner_day(hb: Handbook, owner: str, month: int, fiscal_year: int) -> dt.date:
    """The day of an owner's item for its month's actions: a weekday of the third week (Monday for the first
    owner in data/groups.yml, Tuesday for the second, ...)."""
    owners = list(hb.owner_names())
    first = dt.date(_year_ce(month, fiscal_year), month, 15)
    monday = first - dt.timedelta(days=first.weekday())
    return monday + dt.timedelta(days=owners.index(owner) % 5)


def _vevent(uid: str, summary: str, description: str, day: dt.date, fiscal_year: int, url: str) -> VEvent:
    ev = VEvent()
    ev.add("uid", uid)
    ev.add("dtstamp", dt.datetime(fiscal_year - 544, 10, 1, tzinfo=dt.UTC))  # stable: a rebuild changes nothing
    ev.add("dtstart", day)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("url", url)
    ev.add("transp", "TRANSPARENT")  # a reminder of the month's work, not a busy slot
    return ev


def _scope(site_url: str) -> str:
    parts = urlsplit(site_url or "http://localhost/")
    path = re.sub(r"[^a-z0-9]+", "-", parts.path.lower()).strip("-")
    return f"{path + '.' if path else ''}{parts.hostname or 'localhost'}"


def _occasion_events(hb: Handbook, o: Occasion, fiscal_year: int, site_url: str, only: str | None) -> list[VEvent]:
    """The event in its month (or in each month, for an every-month event), with the actions done at it then."""
    names = hb.owner_names()
    e = o.event
    tasks = [t for t in o.tasks if only is None or t.owner == only]
    lines = [e.description, "", f"ผู้รับผิดชอบ: {names[e.owner]}", f"วันที่: {e.timing_label}"]
    if e.timing == "office":
        lines.append(OFFICE_DATE_NOTE)
    if e.schedule.approximate:
        lines.append("เดือนโดยประมาณตามปฏิทินการศึกษาของสถานศึกษา")
    if tasks:
        lines += ["", "สิ่งที่ต้องทำในงานนี้:"]
        lines += [f"- {t.indicator.id} {t.action.do} ({names[t.owner]})" for t in tasks]
    url = site_url + Links().url_of(CALENDAR_PAGE) + f"#event-{e.id}"
    rule = e.day_rule
    summary = f"ครบกำหนด: {e.title}" if rule.kind == DEADLINE else e.title
    months = [o.month] if o.month is not None else list(FISCAL_MONTHS)
    return [_vevent(f"{e.id}-{fiscal_year}-{m:02d}.{_scope(site_url)}", summary, "\n".join(lines),
                    rule.date_in(_year_ce(m, fiscal_year), m), fiscal_year, url) for m in months]


def _owner_month_event(hb: Handbook, owner: str, month: int, tasks: list[Task], fiscal_year: int,
                       site_url: str) -> VEvent:
    names = hb.owner_names()
    lines = [f"สิ่งที่ต้องทำของ{names[owner]} ในเดือน{month_name(month)} {month_year(month, fiscal_year)}:"]
    lines += [f"- {t.indicator.id} {t.action.do}" for t in tasks]
    lines += ["", OFFICE_DATE_NOTE]
    url = site_url + Links().url_of(GROUP_PAGE.format(id=owner)) + f"#month-{month}"
    summary = f"งานของ{names[owner]} เดือน{month_name(month)} ({len(tasks)} รายการ)"
    return _vevent(f"tasks-{owner}-{fiscal_year}-{month:02d}.{_scope(site_url)}", summary, "\n".join(lines),
                   owner_day(hb, owner, month, fiscal_year), fiscal_year, url)


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
        for ev in _occasion_events(hb, o, fiscal_year, site_url, owner):
            cal.add_component(ev)
    own: dict[tuple[str, int], list[Task]] = defaultdict(list)
    every_month = [x for x in plan.monthly if isinstance(x, Task)]
    for m in FISCAL_MONTHS:
        for t in [*every_month, *(x for x in plan.by_month[m] if isinstance(x, Task))]:
            own[(t.owner, m)].append(t)
    for (who, m), ts in own.items():
        cal.add_component(_owner_month_event(hb, who, m, ts, fiscal_year, site_url))
    return to_ical(cal)


FOLD = 75  # octets: RFC 5545 lines are folded before they reach this length


def fold(line: str) -> str:
    """icalendar's line folding (``icalendar.parser._foldline`` of the pinned 7.3, which ``Component.to_ical`` uses:
    each part under 75 UTF-8 octets, split between characters, an escaping ``\\`` or ``^`` kept with the character
    after it), done on the encoded bytes rather than character by character: that loop was most of the time of
    writing the .ics files (Thai is three octets a letter). tests/unit/test_office_year.py checks it against
    icalendar's own."""
    data = line.encode()
    if len(data) < FOLD:
        return line
    parts = []
    start = 0
    while len(data) - start >= FOLD:
        end = start + FOLD - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: fold before it
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def to_ical(cal: Calendar) -> bytes:
    """``cal.to_ical()``, byte for byte, with the faster :func:`fold`."""
    return b"\r\n".join(fold(line).encode() for line in cal.content_lines(sorted=True) if line) + b"\r\n"


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
