"""Typed data model of the handbook and its schema rules.

Every YAML file under ``data/`` is validated against one of these models. The models are strict:
an unknown key, a wrong type or an empty string is an error, so that a typo in a pull request
fails the build instead of silently dropping content. Cross-references between files (an
indicator's ``owners``, ``related`` and ``references``) are checked by ``loader.py``, which sees
all files at once.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

# A non-empty string with surrounding whitespace removed (YAML folded blocks end in "\n").
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
IndicatorId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{2}$")]
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

#: Rubric levels, 1 = ad hoc ... 5 = a model for others. Used as column headings.
LEVEL_NAMES: dict[int, str] = {
    1: "เริ่มต้น",
    2: "กำลังพัฒนา",
    3: "เป็นระบบ",
    4: "วัดผลและปรับปรุง",
    5: "เป็นแบบอย่าง",
}

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


class Indicator(Strict):
    id: IndicatorId
    title: Text
    description: Text
    owners: list[Slug] = Field(min_length=1)
    pmqa: list[PmqaCategory] = Field(min_length=1)
    evidence: list[Text] = Field(min_length=2)
    levels: dict[int, Text]
    actions: list[Text] = Field(min_length=3)
    related: list[IndicatorId] = []
    references: list[Slug] = []

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
