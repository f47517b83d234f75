"""The office's year, computed from the data: which event and which action happens in which month, and who does it.

An office runs one fiscal year through its groups, not eight chapters: each recurring event of data/calendar.yml
appears once, with every action (of any indicator) that it serves, and every other action appears in the months
its ``when:`` gives. The calendar page, the group plans and the ``.ics`` files are all views of :func:`year_plan`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .loader import Handbook
from .model import Action, Event, Indicator
from .render import action_key
from .schedule import AS_NEEDED, FISCAL_MONTHS, MONTHLY, ONGOING, Schedule


@dataclass(frozen=True)
class Task:
    """One action of one indicator, with its resolved owner and months."""

    indicator: Indicator
    mission: str
    index: int
    action: Action
    owner: str
    schedule: Schedule

    @property
    def key(self) -> str:
        """The checklist key of this action (indicator id + hash of its text)."""
        return action_key(self.indicator.id, self.action.do)


@dataclass
class Occasion:
    """A calendar event and the tasks it serves."""

    event: Event
    tasks: list[Task] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(t.indicator.id for t in self.tasks))


@dataclass
class YearPlan:
    """The whole year, or one owner's part of it."""

    occasions: list[Occasion]  # events, in data/calendar.yml order
    tasks: list[Task]  # every task in scope, in handbook order
    by_month: dict[int, list[Occasion | Task]]  # calendar month -> events held and standalone tasks done then
    monthly: list[Occasion | Task]  # every month: shown once, not twelve times
    ongoing: list[Task]  # ตลอดปี
    as_needed: list[Task]  # เมื่อเกิดเหตุ


def tasks(hb: Handbook) -> list[Task]:
    return [
        Task(ind, hb.indicator_mission[ind.id], n, a, hb.action_owner(ind, n), hb.action_schedule(ind, n))
        for ind in hb.indicators.values()
        for n, a in enumerate(ind.actions)
    ]


def year_plan(hb: Handbook, owner: str | None = None) -> YearPlan:
    """The year of the office (``owner=None``) or of one group, role or committee: the events it holds and the
    actions it carries out. An event held by someone else still shows in an owner's plan when one of its actions
    is that owner's."""
    all_tasks = tasks(hb)
    occasions = {e.id: Occasion(e) for e in hb.events.values()}
    for t in all_tasks:
        if t.action.event:
            occasions[t.action.event].tasks.append(t)
    mine = [t for t in all_tasks if owner is None or t.owner == owner]
    held = [o for o in occasions.values()
            if owner is None or o.event.owner == owner or any(t.owner == owner for t in o.tasks)]
    by_month: dict[int, list[Occasion | Task]] = defaultdict(list)
    monthly: list[Occasion | Task] = []
    for o in held:
        if o.event.schedule.cadence == MONTHLY:
            monthly.append(o)
        else:
            for m in o.event.schedule.months:
                by_month[m].append(o)
    for t in mine:
        event = occasions[t.action.event].event if t.action.event else None
        if event and (t.action.when is None or t.schedule.months == event.schedule.months):
            continue  # shown under its event
        if t.schedule.cadence == MONTHLY:
            monthly.append(t)
        else:
            for m in t.schedule.months:
                by_month[m].append(t)
    return YearPlan(
        occasions=held,
        tasks=mine,
        by_month={m: by_month.get(m, []) for m in FISCAL_MONTHS},
        monthly=monthly,
        ongoing=[t for t in mine if t.schedule.cadence == ONGOING],
        as_needed=[t for t in mine if t.schedule.cadence == AS_NEEDED],
    )


def owners_with_work(hb: Handbook) -> list[str]:
    """Every group, role and committee of data/groups.yml that holds an event or carries an action, in file order."""
    busy = {t.owner for t in tasks(hb)} | {e.owner for e in hb.events.values()}
    o = hb.office
    return [x.id for x in [*o.groups, *o.roles, *o.committees] if x.id in busy]
