"""The terms of each chapter's field (tests/chapter_terms.yml) find that chapter itself through the search box:
the chapter page, not only its checklist, among the first five results."""

from __future__ import annotations

from typing import Any

import pytest

from hpo_handbook.tools import search_eval as se

from ..test_chapter_terms import chapter_terms

pytestmark = pytest.mark.browser
MIN_FOUND = 0.95  # share of all chapters' terms whose chapter is in the top five


def test_each_chapters_terms_find_the_chapter(search_page: Any) -> None:
    misses, total = [], 0
    for mission, items in chapter_terms().items():
        for t in items:
            total += 1
            urls = se.search_box_results(search_page, t["q"])
            if not any(f"/missions/{mission}/" in u for u in urls):
                misses.append(f"{mission}: {t['q']} -> {[se.mission_of(u) or u for u in urls]}")
    print(f"\nchapter terms: {total - len(misses)}/{total} find their chapter in the top five")
    assert (total - len(misses)) / total >= MIN_FOUND, "\n".join(misses)
