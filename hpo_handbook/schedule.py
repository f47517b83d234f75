"""When things happen in the office's year: the values of ``when:`` in data/ and the fiscal-year months they mean.

A contributor writes Thai, as an office does (``ต.ค.``, ``[ต.ค., เม.ย.]``, ``พ.ย.–มี.ค.``, ``ทุกไตรมาส``); this module
turns it into calendar months in fiscal-year order (October first) and back into one Thai label, so the chapters,
the calendar, the group plans and the ``.ics`` files all say the same thing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass

from .thai import THAI_MONTHS, THAI_MONTHS_SHORT

#: Calendar months in the order of the Thai fiscal year (1 October - 30 September).
FISCAL_MONTHS: tuple[int, ...] = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
MONTH_OF: dict[str, int] = {name: n for n, name in enumerate(THAI_MONTHS_SHORT, 1)}

#: Cadence words: the months each stands for, and the kind shown to readers.
MONTHLY, QUARTERLY, SEMESTER, ONGOING, AS_NEEDED = "ทุกเดือน", "ทุกไตรมาส", "ทุกภาคเรียน", "ตลอดปี", "เมื่อเกิดเหตุ"
CADENCES: dict[str, tuple[int, ...]] = {
    MONTHLY: FISCAL_MONTHS,
    # After each fiscal quarter closes (Dec, Mar, Jun, Sep): the review of that quarter.
    QUARTERLY: (1, 4, 7, 10),
    # About when each semester of the academic year starts (mid-May and November): approximate, the schools'
    # calendar moves a little from year to year.
    SEMESTER: (5, 11),
    ONGOING: (),  # a duty carried all year, with no meeting or deadline of its own
    AS_NEEDED: (),  # each time it happens: a complaint, a data breach, a transfer round
}
_RANGE = re.compile(r"^\s*(\S+?)\s*[–-]\s*(\S+)\s*$")
TOKENS_HELP = ("เดือนแบบย่อ เช่น ต.ค. หรือหลายเดือน [ต.ค., เม.ย.] หรือช่วง พ.ย.–มี.ค. "
               f"หรือ {MONTHLY}, {QUARTERLY}, {SEMESTER}, {ONGOING}, {AS_NEEDED}")


@dataclass(frozen=True)
class Schedule:
    """Calendar months (fiscal-year order) and how they were written."""

    months: tuple[int, ...]
    cadence: str = ""  # one of CADENCES, or "" for months written out
    approximate: bool = False  # a school-term date: the month is close, not certain

    @property
    def in_calendar(self) -> bool:
        """False for ``ตลอดปี`` and ``เมื่อเกิดเหตุ``: no month of their own."""
        return bool(self.months)

    def label(self) -> str:
        """Thai, as readers see it: ``ต.ค.``, ``ม.ค. เม.ย. ก.ค. ต.ค. (ทุกไตรมาส)``, ``ตลอดปี``."""
        if self.cadence == MONTHLY or not self.months:
            return self.cadence
        text = " ".join(THAI_MONTHS_SHORT[m - 1] for m in self.months)
        if self.cadence == SEMESTER:
            text = f"ประมาณ {text}"
        return f"{text} ({self.cadence})" if self.cadence else text


def fiscal_order(months: set[int] | tuple[int, ...]) -> tuple[int, ...]:
    return tuple(m for m in FISCAL_MONTHS if m in months)


def parse_when(value: str | list[str] | tuple[str, ...]) -> Schedule:
    """Read a ``when:`` value; raise ``ValueError("problem || fix")`` in Thai for anything else."""
    # Read each distinct value once: the pages, the plans and the .ics files ask for every action's months many
    # times (Schedule is frozen, so one object can serve them all). A list is looked up as a tuple of its items.
    key = value if isinstance(value, str) else tuple(value)
    try:
        return _parse_when_cached(key)
    except TypeError:  # an item that is no text (a mapping): not hashable, and an error to report anyway
        return _parse_when(value)


@functools.lru_cache(maxsize=1024)
def _parse_when_cached(value: str | tuple[str, ...]) -> Schedule:
    return _parse_when(value)


def _parse_when(value: str | list[str] | tuple[str, ...]) -> Schedule:
    # "ต.ค., เม.ย." or "ต.ค. เม.ย." in one string reads as a list of months (a range or a cadence has no space).
    items = re.split(r"\s*,\s*|\s+", value.strip()) if isinstance(value, str) else list(value)
    if not items:
        raise ValueError(f"ไม่ได้ระบุเดือน || ใส่{TOKENS_HELP}")
    months: set[int] = set()
    cadence = ""
    approximate = False
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"ค่า {item!r} ไม่ใช่ข้อความ || ใส่{TOKENS_HELP}")
        token = item.strip()
        if token in CADENCES:
            if len(items) > 1:
                raise ValueError(f"`{token}` ใช้ร่วมกับเดือนอื่นในรายการเดียวกันไม่ได้ || ใช้ `{token}` อย่างเดียว "
                                 "หรือเขียนเป็นรายการเดือน")
            return Schedule(fiscal_order(CADENCES[token]), token, approximate=token == SEMESTER)
        if token in MONTH_OF:
            months.add(MONTH_OF[token])
            continue
        span = _RANGE.match(token)
        if span and span.group(1) in MONTH_OF and span.group(2) in MONTH_OF:
            first, last = FISCAL_MONTHS.index(MONTH_OF[span.group(1)]), FISCAL_MONTHS.index(MONTH_OF[span.group(2)])
            if last < first:
                raise ValueError(f"ช่วง `{token}` ย้อนข้ามสิ้นปีงบประมาณ (ก.ย.) || ปีงบประมาณเริ่ม ต.ค. และจบ ก.ย. "
                                 "แยกเป็นสองรายการ หรือเรียงช่วงตามปีงบประมาณ")
            months.update(FISCAL_MONTHS[first:last + 1])
            continue
        close = difflib.get_close_matches(token, [*MONTH_OF, *CADENCES], n=1, cutoff=0.5)
        hint = f" หรือหมายถึง `{close[0]}`?" if close else ""
        raise ValueError(f"ไม่รู้จักช่วงเวลา `{token}`{hint} || ใช้{TOKENS_HELP}")
    return Schedule(fiscal_order(months), cadence, approximate)


def month_name(month: int, short: bool = False) -> str:
    return (THAI_MONTHS_SHORT if short else THAI_MONTHS)[month - 1]


def month_year(month: int, fiscal_year: int) -> int:
    """The Buddhist Era year of a month in fiscal year ``fiscal_year`` (ต.ค.–ธ.ค. fall in the year before)."""
    return fiscal_year - 1 if month >= 10 else fiscal_year


#: Where an event falls inside its month, written in Thai in ``day:`` of data/calendar.yml.
DATE, WEEK, DEADLINE = "date", "week", "deadline"
_DAY_RULES = (
    (re.compile(r"^ภายในสิ้นเดือน$"), DEADLINE),
    (re.compile(r"^ภายในวันที่\s*(\d{1,2})$"), DEADLINE),
    (re.compile(r"^วันที่\s*(\d{1,2})$"), DATE),
    (re.compile(r"^สัปดาห์ที่\s*([1-4])$"), WEEK),
)
DAY_HELP = "`วันที่ 10` (วันที่แน่นอน) `สัปดาห์ที่ 2` (วันจันทร์ของสัปดาห์นั้น) `ภายในวันที่ 30` หรือ `ภายในสิ้นเดือน` (วันครบกำหนด)"


@dataclass(frozen=True)
class DayRule:
    """A date in each month of an event: a fixed date, the Monday of a week, or a deadline (0 = the month's end)."""

    kind: str  # DATE, WEEK or DEADLINE
    number: int  # the day of the month (DATE, DEADLINE; 0 = last day) or the week (WEEK, 1-4)

    @property
    def is_date(self) -> bool:
        """A date an outside rule can fix (a date or a deadline), as against a week the office picks."""
        return self.kind != WEEK

    def date_in(self, year_ce: int, month: int) -> dt.date:
        """The day this rule gives in ``month`` of ``year_ce`` (Gregorian); a date past the month's end is its
        last day (``วันที่ 31`` in February)."""
        last = (dt.date(year_ce + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        if self.kind == WEEK:
            first = dt.date(year_ce, month, 1)
            return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * (self.number - 1))
        return dt.date(year_ce, month, min(self.number or last, last))

    def label(self) -> str:
        if self.kind == WEEK:
            return f"สัปดาห์ที่ {self.number} ของเดือน"
        if self.kind == DEADLINE:
            return f"ภายในวันที่ {self.number}" if self.number else "ภายในสิ้นเดือน"
        return f"วันที่ {self.number}"


#: The day of an event that gives none: the Monday of the month's second week, clear of the New Year holidays.
DEFAULT_DAY = DayRule(WEEK, 2)


@functools.lru_cache(maxsize=256)  # every event's day rule, asked for by each .ics file and the year plan
def parse_day(value: str) -> DayRule:
    """Read a ``day:`` value; raise ``ValueError("problem || fix")`` in Thai for anything else."""
    text = str(value).strip()
    for pattern, kind in _DAY_RULES:
        found = pattern.match(text)
        if found:
            number = int(found.group(1)) if found.groups() else 0
            if kind != WEEK and not 1 <= number <= 31 and not (kind == DEADLINE and number == 0):
                raise ValueError(f"วันที่ {number} ไม่มีในเดือนใด || ใช้วันที่ 1–31")
            return DayRule(kind, number)
    raise ValueError(f"ไม่รู้จักกำหนดวัน `{text}` || ใช้{DAY_HELP}")
