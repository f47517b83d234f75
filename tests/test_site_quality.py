"""Checks over the built handbook's HTML: Thai alt text, Thai page language, the contributor features.

The alt and language checks are the same functions the failing fixtures exercise
(tests/test_quality_fixtures.py), so a pass here means something.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.quality import html_pages, image_alt_problems, language_problems, sitemap_paths

THAI_DATE = re.compile(
    r'ปรับปรุงล่าสุด\s*<time datetime="(\d{4})-(\d{2})-(\d{2})">(\d{1,2}) '
    r"(มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม) (\d{4})</time>"
)


def content_pages(site: Path) -> list[Path]:
    """The page of every entry in the sitemap (the 404 page is not a content page)."""
    return [site / p / "index.html" if not p.endswith(".html") else site / p for p in sitemap_paths(site)]


def test_every_image_has_thai_alt_text(site: Path) -> None:
    assert image_alt_problems(site) == []


def test_every_page_is_in_thai(site: Path) -> None:
    assert len(list(html_pages(site))) > 20
    assert language_problems(site) == []


def test_every_page_has_an_edit_this_page_button(site: Path) -> None:
    """Every page written in docs/; a group's own plan page is made from data/ at build time (no file to edit)."""
    for page in content_pages(site):
        if re.search(r"calendar/groups/[\w-]+/index\.html$", str(page)):
            continue
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<a href="([^"]+)" title="แก้ไขหน้านี้"[^>]*rel="edit"', html)
        assert match, f"{page}: no edit button"
        assert re.search(r"/edit/main/docs/[\w/.-]+\.md$", match.group(1)), match.group(1)


def test_every_page_shows_when_it_was_last_updated_in_buddhist_era(site: Path) -> None:
    months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
              "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
    for page in content_pages(site):
        match = THAI_DATE.search(page.read_text(encoding="utf-8"))
        assert match, f"{page}: no Thai last-updated date"
        year, month, day, shown_day, shown_month, shown_year = match.groups()
        assert int(shown_year) == int(year) + 543
        assert shown_month == months[int(month) - 1]
        assert int(shown_day) == int(day)


def test_contributing_page_mirrors_contributing_md(site: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    first_heading = next(line for line in (root / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()
                         if line.startswith("# "))
    html = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert f">{first_heading[2:].strip()}<" in html or f">{first_heading[2:].strip()}<a" in html
    assert "--8&lt;--" not in html and "--8<--" not in html
