"""The in-browser self-assessment: the rating form, the report page's skeleton and the team page.

Plain functions of (context) -> str, like those in :mod:`render`; :mod:`macros` registers them. The HTML
works without JavaScript (radios and text areas are ordinary form controls); the
browser scripts ``docs/assets/javascripts/assessment*.js`` add saving, rounds, the report, the team's
consensus and export/import. They read the indicators, the state's format and version from a
``<script type="application/json">`` block that this module writes, so they never fetch anything, and the
storage key scoped to this handbook (:mod:`storage`) from the toolbar's ``data-storage-*`` attributes.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .context import RenderContext
from .links import ASSESSMENT_PAGE as FORM_PAGE
from .links import MISSION_PAGE, PLAN_PAGE, REPORT_PAGE
from .model import LEVEL_NAMES, anchor
from .render import action_key
from .safe_markdown import escape_markdown
from .storage import ASSESSMENT_NAME, storage_attrs
from .templates import render_fragment

#: Identifies an export file and the shape of the saved state; the scripts read both from the data block.
#: Version 2 added a team round's raters, version 3 the plan (target, owner, month, actions, evidence links,
#: status) and each rater's role; an older edition refuses a newer file instead of dropping what it cannot read.
STATE_FORMAT = "hpo-handbook-assessment"
STATE_VERSION = 3
#: Below this share of indicators rated (or, in a team round, agreed) the report withholds the overall level: an
#: average of a few indicators is not the office's level. The report and its hint state the figure.
OVERALL_COVERAGE = 0.8
#: The team self-assessment page (members' files as raters, the consensus view, agreed levels).
TEAM_PAGE = "assessment/team.md"
DATA_ID = "hb-assessment-data"


def _render(ctx: RenderContext, name: str, **context: object) -> str:
    return render_fragment(name, abbreviations=ctx.abbreviations, **context)


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no text from YAML can close the tag or open a
    comment; JSON.parse reads the escapes back as the same characters.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # safe: escaped above for the script context


def assessment_data(ctx: RenderContext, full: bool) -> dict[str, Any]:
    """What the browser script needs: missions in order and their indicators.

    ``full`` adds each indicator's rubric, actions (with their checklist keys, which a plan picks them by) and
    owners, and the office's groups, roles and committees from data/groups.yml (a plan's owner is one of them, so
    another office's groups appear); the report and the plan need them, the form page already shows the rubric
    as HTML and stays lighter without them.
    """
    hb, links = ctx.handbook, ctx.links
    owners = hb.owner_names()
    missions = []
    indicators: dict[str, dict[str, Any]] = {}
    for m in hb.missions:
        items = hb.indicators_of(m.id)
        missions.append({
            "id": m.id,
            "number": m.number,
            "title": m.title,
            "url": links.to(MISSION_PAGE.format(id=m.id)),
            "form": links.to(FORM_PAGE, "mission-" + m.id),
            "indicators": [i.id for i in items],
        })
        for i in items:
            entry: dict[str, Any] = {
                "title": i.title,
                "mission": m.id,
                "url": links.to(MISSION_PAGE.format(id=m.id), anchor(i.id)),
            }
            if full:
                entry["levels"] = {str(n): text for n, text in sorted(i.levels.items())}
                entry["actions"] = [a.do for a in i.actions]
                entry["keys"] = [action_key(i.id, a.do) for a in i.actions]
                entry["owners"] = [owners[o] for o in i.owners]
                entry["ownerIds"] = list(i.owners)
            indicators[i.id] = entry
    data: dict[str, Any] = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "levelNames": {str(n): name for n, name in LEVEL_NAMES.items()},
        "office": str(ctx.office.get("name", "")),  # written into exports: which handbook a file came from
        "team": links.to(TEAM_PAGE),
        "missions": missions,
        "indicators": indicators,
        "replaced": dict(hb.replaced),  # a rating saved under a removed indicator's id moves to its successor
        "coverage": OVERALL_COVERAGE,
        "plan": links.to(PLAN_PAGE),
        "report": links.to(REPORT_PAGE),
    }
    if full:
        data["groups"] = owners  # id -> name, in data/groups.yml order: groups, then roles, then committees
    return data


def _data_block(ctx: RenderContext, full: bool) -> str:
    # Wrapped in a one-item array: see the comment in assessment_data.html.
    data = json_for_script([assessment_data(ctx, full)])
    return _render(ctx, "assessment_data.html", data_id=DATA_ID, data=data)


def _toolbar(ctx: RenderContext, page: str) -> str:
    """Round selection, progress and data tools; the root element carries the scoped storage key."""
    links = ctx.links
    return _render(ctx, "assessment_toolbar.html", page=page, total=len(ctx.handbook.indicators),
                   storage=storage_attrs(ctx, ASSESSMENT_NAME), report_url=links.to(REPORT_PAGE),
                   form_url=links.to(FORM_PAGE), team_url=links.to(TEAM_PAGE), plan_url=links.to(PLAN_PAGE))


def assessment(ctx: RenderContext) -> str:
    """The rating form: per mission a heading ``#mission-<id>`` and one radio group per indicator."""
    hb, links = ctx.handbook, ctx.links
    parts = [
        _toolbar(ctx, "form"),
        _render(ctx, "assessment_jump.html", missions=[
            {"m": m, "count": len(hb.indicators_of(m.id))} for m in hb.missions
        ]),
    ]
    for m in hb.missions:
        # A Markdown heading, so the mission joins the page's table of contents; its id is the
        # anchor the chapter pages link to.
        parts.append(f"## ภารกิจที่ {m.number} {escape_markdown(m.title)} {{#mission-{m.id}}}")
        parts.append(_render(
            ctx,
            "assessment_mission.html",
            m=m,
            chapter_url=links.to(MISSION_PAGE.format(id=m.id)),
            items=[
                {"i": i, "key": anchor(i.id), "url": links.to(MISSION_PAGE.format(id=m.id), anchor(i.id))}
                for i in hb.indicators_of(m.id)
            ],
        ))
    parts.append(_data_block(ctx, full=False))
    return "\n\n".join(parts)


#: The report's sections: (Markdown heading id, Thai heading, template part).
REPORT_SECTIONS = (
    ("overview", "ภาพรวม", "overview"),
    ("profile", "ผลรายภารกิจ", "profile"),
    ("gaps", "จุดที่ต้องพัฒนาและแผนพัฒนา", "gaps"),
    ("plan", "แผนพัฒนาที่สำนักงานวางไว้", "plan"),
    ("follow-up", "ติดตามผลแผนพัฒนา", "follow-up"),
    ("compare", "เปรียบเทียบรอบการประเมิน", "compare"),
)


def _sectioned_page(ctx: RenderContext, page: str, template: str, sections: tuple[tuple[str, str, str], ...],
                    **context: object) -> str:
    """The toolbar, one Markdown heading (in the table of contents) and template part per section, the data block."""
    parts = [_toolbar(ctx, page)]
    for heading_id, heading, part in sections:
        parts.append(f"## {heading} {{#{heading_id}}}")
        parts.append(_render(ctx, template, part=part, office_name=ctx.office.get("name", ""), **context))
    parts.append(_data_block(ctx, full=True))
    return "\n\n".join(parts)


def assessment_report(ctx: RenderContext) -> str:
    """The report page's skeleton; assessment-report.js fills it from the saved ratings."""
    return _sectioned_page(ctx, "report", "assessment_report.html", REPORT_SECTIONS, missions=ctx.handbook.missions,
                           form_url=ctx.links.to(FORM_PAGE), plan_url=ctx.links.to(PLAN_PAGE),
                           coverage=round(OVERALL_COVERAGE * 100))


def assessment_team(ctx: RenderContext) -> str:
    """The team page's skeleton: importing members' files, the consensus view and the agreed levels.

    assessment-team.js fills it; it needs the levels' names only, so the light data block serves.
    """
    parts = [
        _toolbar(ctx, "team"),
        _render(ctx, "assessment_team.html", office=ctx.office.get("name", "")),
        _data_block(ctx, full=False),
    ]
    return "\n\n".join(parts)


def assessment_plan(ctx: RenderContext) -> str:
    """The plan page's skeleton: the round's start and the plan's fiscal year, one editor per indicator with a
    plan (assessment-plan-ui.js builds them), the follow-up, and the plan as an office form for paper. The owner
    lists come from data/groups.yml through the data block."""
    return _sectioned_page(ctx, "plan", "assessment_plan.html", PLAN_SECTIONS,
                           report_url=ctx.links.to(REPORT_PAGE), form_url=ctx.links.to(FORM_PAGE))


#: The plan page's sections: (Markdown heading id, Thai heading, template part).
PLAN_SECTIONS = (
    ("plans", "แผนรายตัวชี้วัด", "editor"),
    ("follow-up", "ติดตามผล", "follow-up"),
    ("plan-form", "แบบฟอร์มแผนพัฒนา", "form"),
)


#: Macro name -> function(context). Merged into :data:`macros.MACROS`.
MACROS = {
    "assessment": assessment,
    "assessment_report": assessment_report,
    "assessment_team": assessment_team,
    "assessment_plan": assessment_plan,
}
