"""Each chapter explains, in a paragraph of its own, the terms an office's staff would search for in its field
(tests/chapter_terms.yml; kept apart from tests/search_queries.yml, whose recall figures stay comparable). The
browser search test runs the same list and expects the chapter itself among the first results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from hpo_handbook.loader import Handbook, load

from .conftest import ROOT

TERMS_FILE = ROOT / "tests" / "chapter_terms.yml"
MIN_TERMS = 10
MIN_PARAGRAPH = 120  # characters: a sentence that explains, not a passing mention


def chapter_terms() -> dict[str, list[dict[str, str]]]:
    return yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def test_every_chapter_has_its_terms(hb: Handbook) -> None:
    terms = chapter_terms()
    assert set(terms) == {m.id for m in hb.missions}
    for mission, items in terms.items():
        assert len(items) >= MIN_TERMS, mission
        assert len({t["q"] for t in items}) == len(items), f"{mission}: a term listed twice"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def test_each_term_is_explained_in_a_paragraph_of_its_chapter(site: Path) -> None:
    unexplained = []
    for mission, items in chapter_terms().items():
        soup = BeautifulSoup((site / "missions" / mission / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        for el in article.select(".hb-indicator, .hb-mission-summary, .hb-moved"):  # the data, not the prose
            el.decompose()
        blocks = [b.get_text("") for b in article.find_all(["p", "li", "td", "dd"])]
        for t in items:
            q = _squash(t["q"])
            if not any(q in _squash(b) and len(b) >= MIN_PARAGRAPH for b in blocks):
                unexplained.append(f"{mission}: {t['q']}")
    assert not unexplained, "terms a chapter mentions without explaining:\n" + "\n".join(unexplained)
