"""Thai presentation helpers: Buddhist Era dates with Thai month names, Thai digits off by default."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
BE_OFFSET = 543


def thai_date(value: dt.date | dt.datetime | str, short: bool = False) -> str:
    """``2026-11-25`` -> ``25 พฤศจิกายน 2569`` (or ``25 พ.ย. 2569`` with ``short=True``).

    Accepts a date, a datetime or an ISO string (as git and mkdocs give them).
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    return f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"


def fiscal_year(day: dt.date) -> int:
    """The Thai fiscal year (ปีงบประมาณ, พ.ศ.) a day falls in: 1 Oct - 30 Sep, named after the year it ends."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


_NOT_IN_SLUG = re.compile(r"[^\w\u0e00-\u0e7f\- ]")


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids that keep Thai: ``ความหมายและหลักการ`` stays whole (vowel and tone marks included).

    Python-Markdown's default drops every non-ASCII letter (Thai headings become ``_1``, ``_2``), and
    pymdownx.slugs drops combining marks, which in Thai are vowels and tone marks.
    """
    text = unicodedata.normalize("NFC", value).lower()
    text = _NOT_IN_SLUG.sub("", text).strip()
    return re.sub(r"[\s-]+", separator, text)
