"""A load an office can carry (issue 24, part 3): the actions per owner and month, computed from the data.

The counting rule is :func:`hpo_handbook.office_year.monthly_load`: each action once in each month it happens (its
own months, else its event's; every month for ทุกเดือน, the four for ทุกไตรมาส), for its own owner, else its event's
owner, else the indicator's first owner; ตลอดปี and เมื่อเกิดเหตุ have no month and are not counted.

The bounds are met by spreading real work. Moving actions to a month-less or every-month cadence, or deleting them,
would also meet them, so the test pins those too.
"""

from __future__ import annotations

from collections import Counter

import pytest

from hpo_handbook.loader import Handbook, load
from hpo_handbook.office_year import monthly_load, tasks
from hpo_handbook.schedule import AS_NEEDED, FISCAL_MONTHS, MONTHLY, ONGOING, month_name

from .conftest import ROOT

#: No group, role or committee carries more than this many actions in one month (a group of 4-8 people).
MAX_PER_OWNER_MONTH = 12
#: No month of the office carries more than this multiple of its monthly mean.
MAX_MONTH_OVER_MEAN = 1.5

#: Actions with no month of their own or with every month, counted when issue 24 was filed (data of commit 33ce66e).
#: They may not grow: moving an action to one of these cadences takes it out of the monthly load (ตลอดปี,
#: เมื่อเกิดเหตุ) or spreads it thinly over all twelve months (ทุกเดือน) without anyone doing less work.
CADENCE_CEILING: dict[str, int] = {MONTHLY: 15, ONGOING: 15, AS_NEEDED: 15}

#: All actions of the handbook when issue 24 was filed, and how many may disappear by merging true duplicates.
#: Issue 24 folded five "report X at the quarterly review" actions into the review's standing agenda, written once in
#: data/calendar.yml (PR-06 risk status, LD-05 use of delegated powers, PR-04 service times, LO-01 KM progress, LD-03
#: ITA measures; their checklist keys moved to RS-08's one-page report) and merged PR-02's process indicators into its
#: process specification. The external year added actions, so the total is well above this floor.
ACTIONS_WHEN_FILED = 222
MERGED_DUPLICATES = 6


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def _table(load: dict[str, dict[int, int]], names: dict[str, str]) -> str:
    """The load as a plain-text table: one row per owner, ต.ค.–ก.ย., then the office's total per month."""
    width = max(len(o) for o in load) + 2
    head = "owner".ljust(width) + "".join(month_name(m, short=True).rjust(6) for m in FISCAL_MONTHS)
    rows = [o.ljust(width) + "".join(str(row[m]).rjust(6) for m in FISCAL_MONTHS) + f"   {names.get(o, '')}"
            for o, row in load.items()]
    totals = [sum(row[m] for row in load.values()) for m in FISCAL_MONTHS]
    mean = sum(totals) / len(totals)
    rows.append("TOTAL".ljust(width) + "".join(str(t).rjust(6) for t in totals))
    return "\n".join([head, *rows, f"monthly mean {mean:.1f}, largest month {max(totals)} ({max(totals) / mean:.2f}×)"])


def test_no_owner_carries_more_than_it_can_in_a_month(hb: Handbook) -> None:
    load = monthly_load(hb)
    over = [(o, month_name(m, short=True), n) for o, row in load.items() for m, n in row.items()
            if n > MAX_PER_OWNER_MONTH]
    assert not over, f"above {MAX_PER_OWNER_MONTH} actions in a month: {over}\n{_table(load, hb.owner_names())}"


def test_no_month_far_above_the_office_mean(hb: Handbook) -> None:
    load = monthly_load(hb)
    totals = {m: sum(row[m] for row in load.values()) for m in FISCAL_MONTHS}
    mean = sum(totals.values()) / len(totals)
    over = [(month_name(m, short=True), n) for m, n in totals.items() if n > MAX_MONTH_OVER_MEAN * mean]
    assert not over, (f"above {MAX_MONTH_OVER_MEAN}× the monthly mean {mean:.1f}: {over}\n"
                      f"{_table(load, hb.owner_names())}")


def test_the_bounds_are_not_met_by_hiding_work(hb: Handbook) -> None:
    """Not by moving actions out of the months (ตลอดปี, เมื่อเกิดเหตุ), not by smearing them over the year
    (ทุกเดือน), and not by deleting them."""
    everything = tasks(hb)
    cadences = Counter(t.schedule.cadence for t in everything)
    grown = {c: (cadences[c], ceiling) for c, ceiling in CADENCE_CEILING.items() if cadences[c] > ceiling}
    assert not grown, f"more actions than when issue 24 was filed (now, then): {grown}"
    floor = ACTIONS_WHEN_FILED - MERGED_DUPLICATES
    assert len(everything) >= floor, (
        f"{len(everything)} actions, fewer than {floor}: merge only true duplicates, and record each merge in "
        "MERGED_DUPLICATES with the removed action's key in a surviving action's `was:`")
