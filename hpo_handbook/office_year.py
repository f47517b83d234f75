"""The office's year, computed from the data: which event and which action happens in which month, and who does it.

An office runs one fiscal year through its groups, not eight chapters: each recurring event of data/calendar.yml
appears once, with every action (of any indicator) that it serves, and every other action appears in the months
its ``when:`` gives. The calendar page, the group plans and the ``.ics`` files are all views of :func:`year_plan`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .loader import Handbook
from .model import Action, Event, Indicator, action_key
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
    """An event held in one month (``month=None``: every month, shown once), with the tasks done at it then: only
    the tasks whose own months include that month, so a half-year review never shows under October."""

    event: Event
    month: int | None
    tasks: list[Task] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(t.indicator.id for t in self.tasks))


@dataclass
class YearPlan:
    """The whole year, or one owner's part of it."""

    events: list[Event]  # the events in scope, in data/calendar.yml order
    occasions: list[Occasion]  # each event in each of its months (or once for every month), in fiscal order
    tasks: list[Task]  # every task in scope, in handbook order
    by_month: dict[int, list[Occasion | Task]]  # calendar month -> events held and standalone tasks done then
    monthly: list[Occasion | Task]  # every month: shown once, not twelve times
    ongoing: list[Task]  # ตลอดปี
    as_needed: list[Task]  # เมื่อเกิดเหตุ


def tasks(hb: Handbook) -> list[Task]:
    """Every action of the handbook as a task, in handbook order (computed once per loaded handbook: read-only)."""
    if ("tasks",) not in hb.derived:
        hb.derived[("tasks",)] = _tasks(hb)
    return hb.derived[("tasks",)]


def _tasks(hb: Handbook) -> list[Task]:
    return [
        Task(ind, hb.indicator_mission[ind.id], n, a, hb.action_owner(ind, n), hb.action_schedule(ind, n))
        for ind in hb.indicators.values()
        for n, a in enumerate(ind.actions)
    ]


def _at_monthly_event(t: Task) -> bool:
    """A task of an every-month event that happens every month (not only in months of its own)."""
    return t.action.when is None or t.schedule.cadence == MONTHLY


def _own_months(t: Task, event: Event | None) -> tuple[int, ...]:
    """The months in which a task shows on its own, not under its event: months its event is not held in."""
    if event is None:
        return t.schedule.months
    if event.schedule.cadence == MONTHLY:
        return () if _at_monthly_event(t) else t.schedule.months
    return tuple(m for m in t.schedule.months if m not in event.schedule.months)


def year_plan(hb: Handbook, owner: str | None = None) -> YearPlan:
    """The year of the office (``owner=None``) or of one group, role or committee: the events it holds and the
    actions it carries out, each in the months it names. An event held by someone else shows in an owner's plan in
    the months when one of its actions is that owner's.

    Computed once per loaded handbook and owner (every group page, the group list and each .ics file ask for it),
    so callers treat the plan as read-only."""
    key = ("year_plan", owner)
    if key not in hb.derived:
        hb.derived[key] = _year_plan(hb, owner)
    return hb.derived[key]


def _year_plan(hb: Handbook, owner: str | None) -> YearPlan:
    all_tasks = tasks(hb)
    at_event: dict[str, list[Task]] = defaultdict(list)
    for t in all_tasks:
        if t.action.event:
            at_event[t.action.event].append(t)

    def in_scope(e: Event, ts: list[Task]) -> bool:
        return owner is None or e.owner == owner or any(t.owner == owner for t in ts)

    by_month: dict[int, list[Occasion | Task]] = defaultdict(list)
    monthly: list[Occasion | Task] = []
    events: list[Event] = []
    occasions: list[Occasion] = []
    for e in hb.events.values():
        ts = at_event[e.id]
        if e.schedule.cadence == MONTHLY:
            held = [Occasion(e, None, [t for t in ts if _at_monthly_event(t)])]
        else:
            held = [Occasion(e, m, [t for t in ts if m in t.schedule.months]) for m in e.schedule.months]
        held = [o for o in held if in_scope(e, o.tasks)]
        if held:
            events.append(e)
        for o in held:
            occasions.append(o)
            (monthly if o.month is None else by_month[o.month]).append(o)

    mine = [t for t in all_tasks if owner is None or t.owner == owner]
    for t in mine:
        if t.schedule.cadence == MONTHLY and not t.action.event:
            monthly.append(t)
            continue
        for m in _own_months(t, hb.events[t.action.event] if t.action.event else None):
            by_month[m].append(t)
    order = {m: n for n, m in enumerate(FISCAL_MONTHS)}
    occasions.sort(key=lambda o: -1 if o.month is None else order[o.month])  # stable: data order within a month
    return YearPlan(
        events=events,
        occasions=occasions,
        tasks=mine,
        by_month={m: by_month.get(m, []) for m in FISCAL_MONTHS},
        monthly=monthly,
        ongoing=[t for t in mine if t.schedule.cadence == ONGOING],
        as_needed=[t for t in mine if t.schedule.cadence == AS_NEEDED],
    )


def load_owner(hb: Handbook, t: Task) -> str:
    """Who carries a task's load in a month: its own owner, else its event's (the group that runs the meeting puts
    it on the agenda and follows it up), else the indicator's first owner."""
    if t.action.owner:
        return t.action.owner
    if t.action.event:
        return hb.events[t.action.event].owner
    return t.indicator.owners[0]


def monthly_load(hb: Handbook) -> dict[str, dict[int, int]]:
    """Owner -> calendar month -> actions in that month: each action once in each month it happens (its own months,
    else its event's; every month for ทุกเดือน, the four for ทุกไตรมาส); ตลอดปี and เมื่อเกิดเหตุ have no month."""
    load: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(FISCAL_MONTHS, 0))
    for t in tasks(hb):
        for m in t.schedule.months:
            load[load_owner(hb, t)][m] += 1
    return dict(load)


def owners_with_work(hb: Handbook) -> list[str]:
    """Every group, role and committee of data/groups.yml that holds an event or carries an action, in file order."""
    busy = {t.owner for t in tasks(hb)} | {e.owner for e in hb.events.values()}
    o = hb.office
    return [x.id for x in [*o.groups, *o.roles, *o.committees] if x.id in busy]
