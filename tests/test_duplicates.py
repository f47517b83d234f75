"""Each piece of work is asked for in one indicator only (the second edition merged the first edition's doubles).

The measure (tests/similarity.py) is proven both ways: on the committed first-edition data it flags every pair
that the current data merged (a survivor and the indicator it ``replaces``); on the current data it flags none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hpo_handbook.loader import Handbook, load

from .conftest import ROOT
from .similarity import copied_actions, indicator_text, similar_indicators

FIRST_EDITION = ROOT / "tests" / "fixtures" / "first-edition" / "indicators"
# Merged in the third edition on a reader's judgement (issue 25): each pair overlapped in its rubric levels and in
# the practice asked for (SP-07 re-did the quarterly review's decisions; LO-02 re-did PR-03's manuals, one-person
# work and handover), which the measure does not read (it leaves the levels out). Their words differ, so the measure
# is not expected to flag them in the first edition; the threshold stays where it is.
MERGED_BY_READING = {"SP-07": "RS-08", "LO-02": "PR-03"}


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def _raw(folder: Path) -> list[tuple[str, str, dict]]:
    return [(i["id"], f.stem, i) for f in sorted(folder.glob("*.yml"))
            for i in yaml.safe_load(f.read_text(encoding="utf-8"))]


def test_the_measure_flags_every_merged_pair_of_the_first_edition(hb: Handbook) -> None:
    assert MERGED_BY_READING.items() <= hb.replaced.items(), "MERGED_BY_READING names a merge the data does not"
    merged = {tuple(sorted((old, new))) for old, new in hb.replaced.items() if old not in MERGED_BY_READING}
    assert merged, "the current data names no replaced indicator"
    first = _raw(FIRST_EDITION)
    flagged = {(a, b) for _, a, b in similar_indicators([(i, m, indicator_text(r)) for i, m, r in first])}
    missed = merged - flagged
    assert not missed, f"merged pairs the measure does not see in the first edition: {sorted(missed)}"


def test_no_two_indicators_ask_for_the_same_work(hb: Handbook) -> None:
    items = [(i.id, hb.indicator_mission[i.id], " ".join([i.title, i.description, *(a.do for a in i.actions)]))
             for i in hb.indicators.values()]
    pairs = similar_indicators(items)
    assert not pairs, "near-duplicate indicators (score, id, id): merge them or make each ask for its own work\n" + \
        "\n".join(map(str, pairs))


def test_the_action_check_catches_the_first_editions_copies() -> None:
    first = _raw(FIRST_EDITION)
    assert copied_actions([(i, r["actions"]) for i, _, r in first]), "the check finds no copy in the first edition"


def test_no_checklist_action_is_asked_for_twice(hb: Handbook) -> None:
    copies = copied_actions([(i.id, [a.do for a in i.actions]) for i in hb.indicators.values()])
    assert not copies, "the same action in two indicators (keep it in one):\n" + "\n".join(map(str, copies))
