"""Typed data model of the handbook and its schema rules.

Every YAML file under ``data/`` is validated against one of these models. The models are strict:
an unknown key, a wrong type or an empty string is an error, so that a typo in a pull request
fails the build instead of silently dropping content. Cross-references between files (an
indicator's ``owners``, ``related`` and ``references``) are checked by ``loader.py``, which sees
all files at once.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .schedule import DEFAULT_DAY, DayRule, Schedule, parse_day, parse_when

# A non-empty string with surrounding whitespace removed (YAML folded blocks end in "\n").
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
IndicatorId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{2}$")]
ActionKey = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{2}:[0-9a-f]{8}$")]
When = str | list[str]
PmqaCategory = Annotated[int, Field(ge=1, le=7)]

#: The four areas of administration decentralised to service areas (พ.ร.บ.การศึกษาแห่งชาติ มาตรา 39).
ADMIN_AREAS: dict[str, str] = {
    "academic": "วิชาการ",
    "budget": "งบประมาณ",
    "personnel": "การบริหารงานบุคคล",
    "general": "การบริหารทั่วไป",
}
AdminArea = Literal["academic", "budget", "personnel", "general"]

#: PMQA 4.0 categories, Thai names as published by สำนักงาน ก.พ.ร.
PMQA_CATEGORIES: dict[int, str] = {
    1: "การนำองค์การ",
    2: "การวางแผนเชิงยุทธศาสตร์",
    3: "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
    4: "การวัด การวิเคราะห์ และการจัดการความรู้",
    5: "การมุ่งเน้นบุคลากร",
    6: "การมุ่งเน้นระบบปฏิบัติการ",
    7: "ผลลัพธ์การดำเนินการ",
}

#: Rubric levels, 1 = ad hoc ... 5 = results the office itself sustains. Used as column headings.
LEVEL_NAMES: dict[int, str] = {
    1: "เริ่มต้น",
    2: "กำลังพัฒนา",
    3: "เป็นระบบ",
    4: "วัดผลและปรับปรุง",
    5: "ยั่งยืน",
}

#: Level-5 wording that two raters do not score alike (issue 25). A text that depends on a change of holder ("…แม้เปลี่ยน
#: ผอ.สพป.") splits raters where nobody changed: use a cycle written into an order or the office calendar, owned by a
#: position, run on schedule two years in a row. A text asking a figure to keep improving ("ดีขึ้นสองปีติดต่อกัน")
#: punishes an office already at its best: use "meets its target or holds the best level two years in a row".
#: An indicator may keep such wording only with a reason in ``wording_exceptions`` (tests/test_editorial.py).
HOLDER_CHANGE = re.compile(
    r"(?:หลัง|แม้|เมื่อ)\S{0,40}?(?:เปลี่ยน|ย้าย)"
    r"|(?:เปลี่ยน|ย้าย)\s*(?:ตัว)?\s*(?:ผอ\.|ผู้อำนวยการ|หัวหน้า|ผู้รับผิดชอบ|ตัวบุคคล|ผู้บริหาร|รอง|เจ้าของ|ผู้ดูแล|ผู้ประสาน"
    r"|ผู้ปฏิบัติ|ผู้ดำรง|ผู้ถือ|คน)"
)
KEEPS_IMPROVING = re.compile(r"ดีขึ้น|เพิ่มขึ้น|สูงขึ้น|ลดลง|แคบลง|สั้นลง|น้อยลง|มากขึ้น|ต่ำลง|แนวโน้ม\S{0,20}?(?:ดี|เพิ่ม|สูง)")
WORDING_FAMILIES: dict[str, re.Pattern[str]] = {"holder": HOLDER_CHANGE, "trend": KEEPS_IMPROVING}

REFERENCE_KINDS: dict[str, str] = {
    "law": "กฎหมาย",
    "decree": "พระราชกฤษฎีกา",
    "regulation": "ระเบียบและประกาศ",
    "order": "คำสั่ง",
    "plan": "แผนระดับชาติ",
    "framework": "กรอบและเกณฑ์ภาครัฐ",
    "standard": "มาตรฐานสากล",
    "book": "ตำราและงานวิชาการ",
}


@functools.lru_cache(maxsize=4096)  # each action's key is asked for on every page that lists it and in the .ics files
def action_key(indicator_id: str, action: str) -> str:
    """A stable key for one checklist action (indicator id + hash of its text): survives reordering, changes when the
    text changes. Saved ticks, `was:` lists and calendar UIDs are made of it."""
    return f"{indicator_id}:{hashlib.sha1(action.encode('utf-8')).hexdigest()[:8]}"


class Strict(BaseModel):
    """Base: unknown keys are errors, values are not coerced (``"5"`` is not the number 5)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Pmqa(Strict):
    primary: PmqaCategory
    secondary: list[PmqaCategory] = []


class Mission(Strict):
    id: Slug
    number: Annotated[int, Field(ge=1, le=8)]
    prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    title: Text
    title_en: Text
    icon: Annotated[str, StringConstraints(pattern=r"^(material|octicons|fontawesome/\w+)/[a-z0-9-]+$")]
    summary: Text
    related: list[Slug] = Field(min_length=2)
    pmqa: Pmqa
    admin_areas: list[AdminArea] = Field(min_length=1)


def _check_when(value: When | None) -> When | None:
    if value is not None:
        parse_when(value)  # raises "problem || fix" in Thai
    return value


class Action(Strict):
    """One checklist item: what to do, when in the fiscal year, and who does it."""

    do: Text
    event: Slug | None = None  # an office event of data/calendar.yml at which (or for which) this is done
    when: When | None = None  # its own months, or some of the event's months
    owner: Slug | None = None  # default: the indicator's first owner
    was: list[ActionKey] = []  # checklist keys of earlier wordings (their saved ticks move here)

    @field_validator("when")
    @classmethod
    def _valid_when(cls, value: When | None) -> When | None:
        return _check_when(value)

    @model_validator(mode="after")
    def needs_a_time(self) -> Action:
        if self.event is None and self.when is None:
            raise ValueError(
                "ไม่ได้บอกว่าทำเมื่อใด || เพิ่ม `event:` (id ของงานใน data/calendar.yml) หรือ `when:` (เช่น ต.ค. หรือ ทุกไตรมาส)"
            )
        return self

    @property
    def own_schedule(self) -> Schedule | None:
        return parse_when(self.when) if self.when is not None else None


#: Who sets an event's date, and how sure its month is.
TIMING_LABELS: dict[str, str] = {
    "office": "กำหนดโดยสำนักงาน",  # the office picks the month (the handbook suggests one)
    "yearly": "กำหนดทุกปีโดย",  # another body sets it each year by letter: follow that year's letter
    "rule": "วันตามกติกา",  # a law or rule in force fixes the date (fiscal year, salary steps, DMC count days)
}
Timing = Literal["office", "yearly", "rule"]


class Event(Strict):
    """A recurring event of the office's year (data/calendar.yml): defined once, whoever sets its date."""

    id: Slug
    title: Text
    when: When
    owner: Slug
    description: Text
    timing: Timing = "office"
    set_by: Text | None = None  # the body that sets the date (สพฐ., สำนักงาน ป.ป.ช., ก.ค.ศ.), when not the office
    day: Text | None = None  # where in the month: วันที่ 10, สัปดาห์ที่ 2, ภายในวันที่ 30 (schedule.parse_day)
    references: list[Slug] = []  # the documents that set it, from data/references.yml

    @field_validator("when")
    @classmethod
    def _valid_when(cls, value: When | None) -> When | None:
        return _check_when(value)

    @field_validator("day")
    @classmethod
    def _valid_day(cls, value: str | None) -> str | None:
        if value is not None:
            parse_day(value)  # raises "problem || fix" in Thai
        return value

    @property
    def schedule(self) -> Schedule:
        return parse_when(self.when)

    @property
    def day_rule(self) -> DayRule:
        return parse_day(self.day) if self.day is not None else DEFAULT_DAY

    @property
    def external(self) -> bool:
        """Set by another body (a rule or a yearly letter), not chosen by the office."""
        return self.set_by is not None

    @property
    def timing_label(self) -> str:
        """How readers see who sets the date: ``วันตามกติกา (วันที่ 1)``, ``กำหนดทุกปีโดย สพฐ.``."""
        if self.timing == "yearly":
            return f"{TIMING_LABELS['yearly']} {self.set_by}: ยึดหนังสือแจ้งของปีนั้น"
        if self.timing == "rule":
            by = f" ({self.set_by})" if self.set_by else ""
            return f"{TIMING_LABELS['rule']}{by}: {self.day_rule.label()}"
        return TIMING_LABELS["office"]

    @model_validator(mode="after")
    def timing_is_consistent(self) -> Event:
        if not self.schedule.in_calendar:
            raise ValueError(f"งานประจำปฏิทินต้องมีเดือน แต่ `when: {self.when}` ไม่มีเดือน || ใช้เดือนหรือรอบ เช่น ต.ค. ทุกไตรมาส")
        if self.timing == "rule" and not self.day_rule.is_date:
            raise ValueError("งานที่ `timing: rule` ต้องมีวันที่ที่กติกากำหนด || ใส่ `day:` เช่น `วันที่ 1` หรือ "
                             "`ภายในวันที่ 30` หรือใช้ `timing: yearly` ถ้าหน่วยงานอื่นแจ้งวันเป็นปี ๆ ไป")
        if self.timing == "yearly" and self.set_by is None:
            raise ValueError("งานที่ `timing: yearly` ต้องบอกหน่วยงานที่กำหนดวัน || ใส่ `set_by:` เช่น `สพฐ.` "
                             "หรือ `สำนักงาน ป.ป.ช.`")
        if self.timing == "office" and self.set_by is not None:
            raise ValueError(f"`set_by: {self.set_by}` ขัดกับงานที่สำนักงานกำหนดเอง (`timing: office`) || "
                             "ใส่ `timing: yearly` (หน่วยงานอื่นแจ้งทุกปี) หรือ `timing: rule` (กติกากำหนดวัน) หรือลบ `set_by`")
        return self


class WordingExceptions(Strict):
    """Why an indicator's level 5 keeps wording the editorial check otherwise rejects: one reason per family."""

    holder: Text | None = None  # why level 5 depends on a change of holder
    trend: Text | None = None  # why level 5 asks a figure to keep improving

    @model_validator(mode="after")
    def not_empty(self) -> WordingExceptions:
        if self.holder is None and self.trend is None:
            raise ValueError("ไม่มีเหตุผลใดใน `wording_exceptions` "
                             "|| ใส่ `holder:` หรือ `trend:` พร้อมเหตุผล หรือลบ `wording_exceptions` ออก")
        return self


class Indicator(Strict):
    id: IndicatorId
    title: Text
    description: Text
    owners: list[Slug] = Field(min_length=1)
    pmqa: list[PmqaCategory] = Field(min_length=1)
    evidence: list[Text] = Field(min_length=2)
    levels: dict[int, Text]
    actions: list[Action] = Field(min_length=3)
    related: list[IndicatorId] = []
    references: list[Slug] = []
    replaces: list[IndicatorId] = []  # ids of removed indicators whose work this one now carries
    wording_exceptions: WordingExceptions | None = None  # reasons for level-5 wording the editorial check rejects

    @field_validator("levels")
    @classmethod
    def five_levels(cls, levels: dict[int, str]) -> dict[int, str]:
        if sorted(levels) != [1, 2, 3, 4, 5]:
            found = ", ".join(str(k) for k in sorted(levels)) or "ไม่มี"
            raise ValueError(
                f"ต้องมีระดับ 1, 2, 3, 4, 5 ครบห้าระดับพอดี แต่พบ {len(levels)} ระดับ ({found})"
                " || เขียนคำอธิบายระดับ 1 ถึง 5 ให้ครบ ระดับละหนึ่งข้อ โดยใช้เลข 1-5 เป็นคีย์"
            )
        return levels

    @model_validator(mode="after")
    def exceptions_match_the_wording(self) -> Indicator:
        if self.wording_exceptions is None or 5 not in self.levels:
            return self
        names = {"holder": "ที่ขึ้นกับการเปลี่ยนผู้ดำรงตำแหน่ง", "trend": "ที่ขอให้ตัวเลขดีขึ้นต่อเนื่อง"}
        for family, pattern in WORDING_FAMILIES.items():
            if getattr(self.wording_exceptions, family) is not None and not pattern.search(self.levels[5]):
                raise ValueError(
                    f"`wording_exceptions.{family}` ให้เหตุผลไว้ แต่ระดับ 5 ไม่มีถ้อยคำ{names[family]} "
                    f"|| ลบ `{family}` ออกจาก `wording_exceptions`"
                )
        return self


class Group(Strict):
    id: Slug
    name: Text
    name_en: Text
    duties: list[Text] = Field(min_length=1)


class Role(Strict):
    id: Slug
    name: Text
    abbr: Text | None = None
    description: Text


class Committee(Strict):
    id: Slug
    name: Text
    abbr: Text | None = None
    description: Text


class Office(Strict):
    groups: list[Group] = Field(min_length=1)
    roles: list[Role] = []
    committees: list[Committee] = []


class Reference(Strict):
    id: Slug
    title: Text
    kind: Literal["law", "decree", "regulation", "order", "plan", "framework", "standard", "book"]
    issuer: Text | None = None
    year: Annotated[int, Field(ge=2400, le=2700)] | None = None  # พ.ศ.
    year_ce: Annotated[int, Field(ge=1800, le=2200)] | None = None  # ค.ศ., for books
    verify: bool = False


class Term(Strict):
    term: Text
    abbr: Text | None = None
    english: Text | None = None
    definition: Text


def anchor(indicator_id: str) -> str:
    """The HTML id of an indicator on its chapter page: ``LD-01`` -> ``ld-01``."""
    return re.sub(r"[^a-z0-9-]", "", indicator_id.lower())
