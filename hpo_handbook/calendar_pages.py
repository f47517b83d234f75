"""The office year on the pages: the calendar, the group work plans, and inline links to events from the chapters.

Plain functions of (RenderContext, ...) -> str, like those in :mod:`render`, over :func:`office_year.year_plan`.
"""

from __future__ import annotations

import datetime as dt
import json

from .context import RenderContext
from .links import CALENDAR_PAGE, GROUP_PAGE, GROUP_PLANS_PAGE, MISSION_PAGE, PLAN_PAGE, REFERENCES_PAGE, YEAR_PLAN_PAGE
from .loader import Handbook
from .model import anchor
from .office_year import Occasion, Task, monthly_load, owners_with_work, year_plan
from .render import UnknownId, lookup
from .safe_markdown import escape_markdown
from .schedule import FISCAL_MONTHS, month_name, month_year
from .site_paths import CALENDAR_PDF, YEAR_PLAN_PDF, plan_pdf
from .site_paths import group_ics as group_file
from .site_paths import office_ics as office_file
from .storage import ASSESSMENT_NAME, storage_attrs
from .templates import render_fragment
from .thai import fiscal_year as fiscal_year_of


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


def own_plan(ctx: RenderContext, owner: str | None = None) -> dict[str, object]:
    """What plan-on-calendar.js needs to show the office's own plan (saved with the self-assessment in this browser)
    on a calendar page: the assessment's storage key, the plan page's address, the owners' names (JSON, escaped by
    the template as an attribute) and, for a group's page, the group and the months' labels for rows it adds."""
    fy = handbook_fiscal_year(ctx)
    return {
        "storage": storage_attrs(ctx, ASSESSMENT_NAME),
        "url": ctx.links.to(PLAN_PAGE),
        "group": owner or "",
        "groups": json.dumps(ctx.handbook.owner_names(), ensure_ascii=False),
        "months": {m: f"{month_name(m)} {month_year(m, fy)}" for m in FISCAL_MONTHS},
    }


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
    """An event in one month as the calendar shows it, with the actions done at it that month; with ``only`` (a
    group's plan), just that owner's actions and a link to the event's full entry on the calendar instead of its
    description (each plan stays a short form)."""
    names = ctx.handbook.owner_names()
    e = o.event
    tasks = [t for t in o.tasks if only is None or t.owner == only]
    missions = list(dict.fromkeys(t.mission for t in tasks))
    return {
        "o": o,
        "e": e,
        "owner": names[e.owner],
        "when": e.schedule.label(),
        "timing": e.timing_label,
        "compact": only is not None,
        "calendar_url": ctx.links.to(CALENDAR_PAGE, f"event-{e.id}"),
        "tasks": [_task_view(ctx, t) for t in tasks],
        "indicator_count": len(dict.fromkeys(t.indicator.id for t in tasks)),
        "missions": [{"m": ctx.handbook.mission(m), "url": ctx.links.to(MISSION_PAGE.format(id=m))} for m in missions],
        "refs": [{"r": ctx.handbook.references[r], "url": ctx.links.to(REFERENCES_PAGE, "ref-" + r)}
                 for r in e.references],
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

    parts = [part("summary", fiscal_year=fy, event_count=len(plan.events), task_count=len(plan.tasks),
                  ics_url=ctx.links.file(office_file(fy)), pdf_url=ctx.links.file(CALENDAR_PDF),
                  plans_url=ctx.links.to(GROUP_PLANS_PAGE), year_url=ctx.links.to(YEAR_PLAN_PAGE), own=own_plan(ctx),
                  months=[{"num": m, "short": month_name(m, short=True)} for m in FISCAL_MONTHS])]
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


def year_plan_sheet(ctx: RenderContext) -> str:
    """The year on one or two A4 landscape sheets for the director's sign-off: each event a row, October to
    September as columns (a date where a rule fixes it), its owner and who sets its date. The detail stays on the
    calendar page."""
    hb = ctx.handbook
    fy = handbook_fiscal_year(ctx)
    o = hb.office
    short = {x.id: getattr(x, "abbr", None) or x.name for x in [*o.groups, *o.roles, *o.committees]}
    rows = []
    for e in year_plan(hb).events:
        day = e.day_rule
        rows.append({
            "e": e,
            "owner": short[e.owner],
            "set_by": {"rule": f"กติกา{' ' + e.set_by if e.set_by else ''}", "yearly": f"{e.set_by} (แจ้งทุกปี)",
                       "office": "สำนักงาน"}[e.timing],
            "cells": [(str(day.number) if e.timing == "rule" and day.number else "●") if m in e.schedule.months
                      else "" for m in FISCAL_MONTHS],
            "url": ctx.links.to(CALENDAR_PAGE, f"event-{e.id}"),
        })
    return render_fragment(
        "year_plan.html",
        abbreviations=ctx.abbreviations,
        fiscal_year=fy,
        rows=rows,
        months=[{"short": month_name(m, short=True), "year": month_year(m, fy) % 100} for m in FISCAL_MONTHS],
        office=ctx.office,
        pdf_url=ctx.links.file(YEAR_PLAN_PDF),
        calendar_url=ctx.links.to(CALENDAR_PAGE),
    )


def group_plan(ctx: RenderContext, owner: str) -> str:
    """One group's (or role's, or committee's) year on its own page: the indicators it answers for, its events and
    actions month by month, printed alone as an office form (print.css, ``make pdf``)."""
    hb = ctx.handbook
    lookup("ผู้รับผิดชอบ", owner, hb.owner_names())
    fy = handbook_fiscal_year(ctx)
    names = hb.owner_names()
    plan = year_plan(hb, owner)
    return render_fragment(
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
        plans_url=ctx.links.to(GROUP_PLANS_PAGE),
        office=ctx.office,
        logo=ctx.links.file(ctx.office["logo"]) if ctx.office.get("logo") else "",
        own=own_plan(ctx, owner),
    )


def group_plans(ctx: RenderContext) -> str:
    """The list of groups, roles and committees with work in the year, each linking to its own page, and the load
    table: actions per owner and month (:func:`office_year.monthly_load`), so an office sees where the year piles
    up. The list comes from data/groups.yml, so another office's groups appear without new files."""
    hb = ctx.handbook
    fy = handbook_fiscal_year(ctx)
    names = hb.owner_names()
    owners = owners_with_work(hb)
    load = monthly_load(hb)
    rows = []
    for owner in owners:
        plan = year_plan(hb, owner)
        counts = load.get(owner, dict.fromkeys(FISCAL_MONTHS, 0))
        on_page = {m for m, items in plan.by_month.items() if items}
        rows.append({"owner": owner, "name": names[owner], "url": ctx.links.to(GROUP_PAGE.format(id=owner)),
                     "events": len(plan.events), "tasks": len(plan.tasks),
                     "months": [{"n": counts[m], "url": ctx.links.to(GROUP_PAGE.format(id=owner), f"month-{m}")
                                 if m in on_page else ctx.links.to(CALENDAR_PAGE, f"month-{m}")}
                                for m in FISCAL_MONTHS]})
    totals = [sum(load.get(o, {}).get(m, 0) for o in load) for m in FISCAL_MONTHS]
    table = render_fragment(
        "group_load.html",
        abbreviations=ctx.abbreviations,
        fiscal_year=fy,
        rows=rows,
        months=[{"n": m, "short": month_name(m, short=True), "url": ctx.links.to(CALENDAR_PAGE, f"month-{m}")}
                for m in FISCAL_MONTHS],
        totals=totals,
        mean=round(sum(totals) / len(totals), 1) if totals else 0,
    )
    return "\n\n".join([render_fragment("group_list.html", abbreviations=ctx.abbreviations, rows=rows),
                         "## ภาระงานของแต่ละกลุ่มรายเดือน {#load}", LOAD_INTRO, table])


LOAD_INTRO = (
    "ตัวเลขคือจำนวนสิ่งที่ต้องทำในเดือนนั้น นับสิ่งที่ต้องทำหนึ่งครั้งในแต่ละเดือนที่เกิดขึ้น ให้กับผู้ทำที่ระบุไว้ "
    "หรือกลุ่มที่จัดงานนั้นเมื่อไม่ได้ระบุ งานตลอดปีและงานเมื่อเกิดเหตุไม่นับ กดตัวเลขเพื่อดูงานของเดือนนั้น "
    "ผู้อำนวยการกลุ่มใช้ตารางนี้ดูว่าเดือนใดงานกระจุก และขอเลื่อนงานที่เลื่อนได้ก่อนถึงเดือนนั้น")


def group_pages(hb: Handbook) -> dict[str, str]:
    """The source of each group's own page (``calendar/groups/<id>.md``), made from data/groups.yml at build time:
    the MkDocs integration adds them to the site's files, the Zensical build writes them before it builds."""
    names = hb.owner_names()
    pages = {}
    for owner in owners_with_work(hb):
        name = names[owner]
        pages[GROUP_PAGE.format(id=owner)] = (
            f"---\ntitle: {_yaml(f'แผนงาน{name}')}\n"
            f"description: {_yaml(f'งานของ{name} รายเดือนตลอดปีงบประมาณ พิมพ์เป็นแบบฟอร์มของสำนักงานได้')}\n"
            # Out of the search index: a short page of common words (งาน, การ, แผน) outranked the chapters; a reader
            # finds the group by name on the list of groups (calendar/groups/), which the index keeps.
            "search:\n  exclude: true\nhb_scripts: [calendar]\n---\n\n"
            f"# {escape_markdown(name)}\n\n{{{{ group_plan(\"{owner}\") }}}}\n"
        )
    return pages


def _yaml(text: str) -> str:
    """A front-matter value, quoted: a JSON string is a YAML string, whatever a group's name holds."""
    return json.dumps(text, ensure_ascii=False)


MACROS = {
    "event": event,
    "group_plan": group_plan,
    "year_plan_sheet": year_plan_sheet,
    "event_months": event_months,
    "office_calendar": office_calendar,
    "group_plans": group_plans,
}

__all__ = ["MACROS", "UnknownId"]
