"""How alike two indicators are, as a reader would judge "these ask for the same work".

Text of an indicator = title + description + actions (evidence and rubric levels are left out: they repeat stock
phrases). Words come from ICU's Thai word breaker (the search index's); each indicator becomes a TF-IDF vector over
words and adjacent word pairs, with the IDF taken over the indicators compared, so phrases every indicator uses
weigh nothing and a shared rare phrase (ทะเบียนความเสี่ยง, แผนสืบทอดตำแหน่ง) weighs a lot. Two indicators whose
cosine reaches :data:`THRESHOLD` ask for the same work. Checklist actions are compared one by one too, by the Dice
coefficient of their character trigrams (a copied line inside otherwise different indicators).

The threshold was chosen on the first edition (tests/fixtures/first-edition): at 0.18 it flags every pair that the
second edition merged and no pair that a reader would call different work.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable

import icu

THRESHOLD = 0.18
ACTION_THRESHOLD = 0.62
_WORDLIKE = re.compile(r"[\u0e01-\u0e4eA-Za-z0-9]")
_breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))


def words(text: str) -> list[str]:
    _breaker.setText(text)
    bounds = [0, *_breaker]
    return [t for a, b in itertools.pairwise(bounds) if _WORDLIKE.search(t := text[a:b])]


def _vectors(texts: list[str]) -> list[dict[str, float]]:
    feats = [Counter(w + [f"{a}_{b}" for a, b in itertools.pairwise(w)]) for w in map(words, texts)]
    df = Counter(t for f in feats for t in f)
    out = []
    for f in feats:
        v = {t: (1 + math.log(c)) * math.log(len(texts) / df[t]) for t, c in f.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({t: x / norm for t, x in v.items() if x})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _trigrams(text: str) -> set[str]:
    s = re.sub(r"\s+", "", text)
    return {s[i:i + 3] for i in range(len(s) - 2)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def indicator_text(raw: dict) -> str:
    actions = [a["do"] if isinstance(a, dict) else a for a in raw["actions"]]
    return " ".join([raw["title"], raw["description"], *actions])


def similar_indicators(items: list[tuple[str, str, str]], threshold: float = THRESHOLD
                       ) -> list[tuple[float, str, str]]:
    """(score, id, id) for every pair of indicators of different missions at or above ``threshold``.

    ``items`` are (indicator id, mission, text)."""
    vecs = _vectors([text for _, _, text in items])
    found = []
    for (x, (ia, ma, _)), (y, (ib, mb, _)) in itertools.combinations(enumerate(items), 2):
        if ma != mb and (score := _cosine(vecs[x], vecs[y])) >= threshold:
            found.append((round(score, 3), *sorted((ia, ib))))
    return sorted(found, reverse=True)


def copied_actions(items: Iterable[tuple[str, list[str]]], threshold: float = ACTION_THRESHOLD
                   ) -> list[tuple[float, str, str, str, str]]:
    """Checklist actions of two different indicators that say nearly the same thing."""
    flat = [(ident, text, _trigrams(text)) for ident, actions in items for text in actions]
    return sorted(
        ((round(d, 2), ia, ta, ib, tb) for (ia, ta, ga), (ib, tb, gb) in itertools.combinations(flat, 2)
         if ia != ib and (d := _dice(ga, gb)) >= threshold),
        reverse=True,
    )
