"""The in-browser self-assessment: the rating form and the report page's skeleton.

Plain functions of (context) -> str, like those in :mod:`render`; :mod:`macros` registers them. The HTML
works without JavaScript (radios and text areas are ordinary form controls); the
browser script ``docs/assets/javascripts/assessment.js`` adds saving, rounds, the report and
export/import. It reads the indicators from a ``<script type="application/json">`` block that this
module writes, so the script never fetches anything.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .context import RenderContext
from .links import ASSESSMENT_PAGE as FORM_PAGE
from .links import MISSION_PAGE, REPORT_PAGE
from .model import LEVEL_NAMES, anchor
from .safe_markdown import escape_markdown
from .templates import render_fragment

#: Identifies an export file and the shape of the saved state; assessment.js uses the same values.
STATE_FORMAT = "hpo-handbook-assessment"
STATE_VERSION = 1
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

    ``full`` adds each indicator's rubric, actions and owners (the report's action plan needs them;
    the form page already shows the rubric as HTML and stays lighter without them).
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
                entry["owners"] = [owners[o] for o in i.owners]
            indicators[i.id] = entry
    return {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "levelNames": {str(n): name for n, name in LEVEL_NAMES.items()},
        "missions": missions,
        "indicators": indicators,
        "replaced": dict(hb.replaced),  # a rating saved under a removed indicator's id moves to its successor
    }


def _data_block(ctx: RenderContext, full: bool) -> str:
    # Wrapped in a one-item array: see the comment in assessment_data.html.
    data = json_for_script([assessment_data(ctx, full)])
    return _render(ctx, "assessment_data.html", data_id=DATA_ID, data=data)


def assessment(ctx: RenderContext) -> str:
    """The rating form: per mission a heading ``#mission-<id>`` and one radio group per indicator."""
    hb, links = ctx.handbook, ctx.links
    total = len(hb.indicators)
    parts = [
        _render(ctx, "assessment_toolbar.html", page="form", total=total,
                report_url=links.to(REPORT_PAGE), form_url=links.to(FORM_PAGE)),
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
    ("compare", "เปรียบเทียบรอบการประเมิน", "compare"),
)


def assessment_report(ctx: RenderContext) -> str:
    """The report page's skeleton; assessment.js fills it from the saved ratings."""
    hb, links = ctx.handbook, ctx.links
    parts = [_render(ctx, "assessment_toolbar.html", page="report", total=len(hb.indicators),
                     report_url=links.to(REPORT_PAGE), form_url=links.to(FORM_PAGE))]
    for heading_id, heading, part in REPORT_SECTIONS:
        parts.append(f"## {heading} {{#{heading_id}}}")
        parts.append(_render(ctx, "assessment_report.html", part=part, missions=hb.missions,
                             form_url=links.to(FORM_PAGE)))
    parts.append(_data_block(ctx, full=True))
    return "\n\n".join(parts)


#: Macro name -> function(context). Merged into :data:`macros.MACROS`.
MACROS = {
    "assessment": assessment,
    "assessment_report": assessment_report,
}
