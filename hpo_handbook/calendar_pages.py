"""The office year on the pages: the calendar, the group work plans, and inline links to events from the chapters.

Plain functions of (RenderContext, ...) -> str, like those in :mod:`render`, over :func:`office_year.year_plan`.
"""

from __future__ import annotations

import datetime as dt

from .context import RenderContext
from .ical import group_file, office_file
from .links import CALENDAR_PAGE, GROUP_PLANS_PAGE, MISSION_PAGE
from .model import anchor
from .office_year import Occasion, Task, owners_with_work, year_plan
from .render import UnknownId, lookup
from .safe_markdown import escape_markdown
from .schedule import FISCAL_MONTHS, month_name, month_year
from .templates import render_fragment
from .thai import fiscal_year as fiscal_year_of

#: Where ``make pdf`` writes the calendar and each group's plan (tools/export_pdf.py), relative to the site root.
CALENDAR_PDF = "pdf/calendar.pdf"


def plan_pdf(owner: str) -> str:
    return f"pdf/plan-{owner}.pdf"


def handbook_fiscal_year(ctx: RenderContext) -> int:
    """The fiscal year the calendar describes: configured, else the one in which the site is built."""
    return ctx.fiscal_year or fiscal_year_of(dt.date.today())


def event(ctx: RenderContext, event_id: str) -> str:
    """Inline Markdown link to an office event on the calendar page, with its months: for the chapters' steps."""
    hb = ctx.handbook
    lookup("งานในปฏิทิน", event_id, hb.events)
    e = hb.events[event_id]
    target = ctx.links.md(CALENDAR_PAGE, f"event-{e.id}")
    return f"[{escape_markdown(e.title)}]({target}) ({escape_markdown(e.schedule.label())})"


def event_months(ctx: RenderContext, event_id: str) -> str:
    """The months of an office event as plain Thai text (``ส.ค. ก.ย.``), e.g. for a heading of the steps."""
    lookup("งานในปฏิทิน", event_id, ctx.handbook.events)
    return escape_markdown(ctx.handbook.events[event_id].schedule.label())


def _task_view(ctx: RenderContext, t: Task) -> dict[str, object]:
    names = ctx.handbook.owner_names()
    return {
        "t": t,
        "owner": names[t.owner],
        "when": t.schedule.label(),
        "url": ctx.links.to(MISSION_PAGE.format(id=t.mission), anchor(t.indicator.id)),
        "mission": ctx.handbook.mission(t.mission),
    }


def _occasion_view(ctx: RenderContext, o: Occasion, only: str | None = None) -> dict[str, object]:
    """An event as the calendar shows it; with ``only`` (a group's plan), just that owner's actions in it and a link
    to the event's full entry on the calendar instead of its description (each plan stays a short form)."""
    names = ctx.handbook.owner_names()
    tasks = [t for t in o.tasks if only is None or t.owner == only]
    missions = list(dict.fromkeys(t.mission for t in tasks))
    return {
        "o": o,
        "e": o.event,
        "owner": names[o.event.owner],
        "when": o.event.schedule.label(),
        "compact": only is not None,
        "calendar_url": ctx.links.to(CALENDAR_PAGE, f"event-{o.event.id}"),
        "tasks": [_task_view(ctx, t) for t in tasks],
        "missions": [{"m": ctx.handbook.mission(m), "url": ctx.links.to(MISSION_PAGE.format(id=m))} for m in missions],
    }


def _view(ctx: RenderContext, item: Occasion | Task, only: str | None = None) -> dict[str, object]:
    return {"kind": "event", **_occasion_view(ctx, item, only)} if isinstance(item, Occasion) else {
        "kind": "task", **_task_view(ctx, item)}


def _months(ctx: RenderContext, plan_by_month: dict[int, list[Occasion | Task]],
            only: str | None = None) -> list[dict[str, object]]:
    fy = handbook_fiscal_year(ctx)
    return [
        {"id": f"month-{m}", "num": m, "name": month_name(m), "year": month_year(m, fy),
         "items": [_view(ctx, x, only) for x in plan_by_month[m]]}
        for m in FISCAL_MONTHS
    ]


def office_calendar(ctx: RenderContext) -> str:
    """The fiscal year month by month: each office event once, with the actions it serves; then every other action.

    Month headings are Markdown, so they join the page's table of contents (a phone reader jumps to a month)."""
    plan = year_plan(ctx.handbook)
    fy = handbook_fiscal_year(ctx)

    def part(name: str, **context: object) -> str:
        return render_fragment("calendar.html", abbreviations=ctx.abbreviations, part=name, **context)

    parts = [part("summary", fiscal_year=fy, event_count=len(plan.occasions), task_count=len(plan.tasks),
                  ics_url=ctx.links.file(office_file(fy)), pdf_url=ctx.links.file(CALENDAR_PDF),
                  plans_url=ctx.links.to(GROUP_PLANS_PAGE))]
    if plan.monthly:
        parts += ["## ทุกเดือน {#every-month}",
                  part("month", m={"num": 0, "items": [_view(ctx, x) for x in plan.monthly]})]
    for m in _months(ctx, plan.by_month):
        parts += [f"## {m['name']} {m['year']} {{#{m['id']}}}", part("month", m=m)]
    if plan.ongoing or plan.as_needed:
        parts += ["## งานตลอดปีและงานเมื่อเกิดเหตุ {#all-year}",
                  part("all-year", ongoing=[_task_view(ctx, t) for t in plan.ongoing],
                       as_needed=[_task_view(ctx, t) for t in plan.as_needed])]
    return "\n\n".join(parts)


def group_plans(ctx: RenderContext) -> str:
    """One section per group, role and committee with work in the year: its months, its events, its indicators.

    The sections come from data/groups.yml, so another office's groups appear without new pages or nav entries.
    Each section prints on its own (``assets/javascripts/group-plan.js`` and print.css) for ``make pdf``.
    """
    hb = ctx.handbook
    fy = handbook_fiscal_year(ctx)
    names = hb.owner_names()
    parts = []
    for owner in owners_with_work(hb):
        plan = year_plan(hb, owner)
        parts.append(f"## {escape_markdown(names[owner])} {{#group-{owner} data-group=\"{owner}\"}}")
        parts.append(render_fragment(
            "group_plan.html",
            abbreviations=ctx.abbreviations,
            owner=owner,
            owner_name=names[owner],
            fiscal_year=fy,
            monthly=[_view(ctx, x, owner) for x in plan.monthly],
            months=[m for m in _months(ctx, plan.by_month, owner) if m["items"]],
            ongoing=[_task_view(ctx, t) for t in plan.ongoing],
            as_needed=[_task_view(ctx, t) for t in plan.as_needed],
            indicators=[{"i": hb.indicators[i], "url": ctx.links.to(MISSION_PAGE.format(id=hb.indicator_mission[i]),
                                                                       anchor(i))}
                        for i in hb.owned_by.get(owner, [])],
            ics_url=ctx.links.file(group_file(owner, fy)),
            pdf_url=ctx.links.file(plan_pdf(owner)),
            office=ctx.office,
            logo=ctx.links.file(ctx.office["logo"]) if ctx.office.get("logo") else "",
        ))
    return "\n\n".join(parts)


MACROS = {
    "event": event,
    "event_months": event_months,
    "office_calendar": office_calendar,
    "group_plans": group_plans,
}

__all__ = ["MACROS", "UnknownId"]
