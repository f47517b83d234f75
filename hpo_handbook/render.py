"""Turn the handbook's data into HTML and Markdown fragments, one function per macro.

Plain functions of (handbook, links, arguments) -> str, tested without MkDocs. HTML comes from the
Jinja templates in ``hpo_handbook/templates/`` with autoescaping on, so every string from YAML is escaped;
fields that allow Markdown go through :mod:`safe_markdown`. Inline links are emitted as Markdown so
that ``mkdocs build --strict`` checks them; block fragments are HTML with URLs made relative to the
current page by :class:`Links`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import icu

from .context import RenderContext
from .links import (
    ALL_CHECKLISTS_PAGE,
    ASSESSMENT_PAGE,
    CALENDAR_PAGE,
    CHECKLIST_PAGE,
    MISSION_PAGE,
    REFERENCES_PAGE,
)
from .loader import Handbook
from .model import PMQA_CATEGORIES, REFERENCE_KINDS, action_key, anchor
from .safe_markdown import escape_markdown
from .site_paths import HANDBOOK_PDF, checklist_pdf
from .storage import CHECKLIST_NAME, legacy_key, scoped_key, storage_attrs
from .templates import render_fragment


class UnknownId(LookupError):
    """A page asks for an id that is not in data/: the message names it and suggests close ones."""


def _render(ctx: RenderContext, name: str, **context: object) -> str:
    return render_fragment(name, abbreviations=ctx.abbreviations, **context)


# ── Lookups with helpful errors ───────────────────────────────────────────────────────────────


def lookup(kind: str, key: str, known: dict[str, object] | list[str], replaced: dict[str, str] | None = None) -> None:
    if replaced and key in replaced:
        raise UnknownId(f"{kind} `{key}` ถูกรวมเข้ากับ `{replaced[key]}` แล้ว ใช้ `{replaced[key]}` แทน")
    if key not in known:
        close = difflib.get_close_matches(key, list(known), n=3)
        hint = f" หรือหมายถึง {', '.join(close)}?" if close else ""
        raise UnknownId(f"ไม่รู้จัก{kind} id '{key}'{hint} (ดู id ที่มีใน data/)")


def mission_of(hb: Handbook, mission_id: str):
    lookup("ภารกิจ", mission_id, [m.id for m in hb.missions])
    return hb.mission(mission_id)


# ── Macros ────────────────────────────────────────────────────────────────────────────────────


def ind(ctx: RenderContext, indicator_id: str) -> str:
    """Inline Markdown link to an indicator on its chapter page: ``[LD-01 ชื่อ](../missions/x.md#ld-01)``."""
    hb, links = ctx.handbook, ctx.links
    lookup("ตัวชี้วัด", indicator_id, hb.indicators, hb.replaced)
    i = hb.indicators[indicator_id]
    target = links.md(MISSION_PAGE.format(id=hb.indicator_mission[i.id]), anchor(i.id))
    return f"[{i.id} {escape_markdown(i.title)}]({target})"


def ref(ctx: RenderContext, reference_id: str) -> str:
    """Inline Markdown citation linking to the reference list: a Thai document by its title, a book by its
    authors and year (``Deming, W. E. (1986)``), so a sentence is not interrupted by a whole bibliography entry."""
    hb, links = ctx.handbook, ctx.links
    lookup("เอกสารอ้างอิง", reference_id, hb.references)
    r = hb.references[reference_id]
    short = _AUTHOR_YEAR.match(r.title) if r.kind == "book" else None
    text = short.group(1) if short else r.title
    return f"[{escape_markdown(text)}]({links.md(REFERENCES_PAGE, 'ref-' + r.id)})"


_AUTHOR_YEAR = re.compile(r"^(.+?\(\d{4}\))")


def mission_cards(ctx: RenderContext) -> str:
    """The eight missions as cards with their summaries and indicator counts."""
    hb, links = ctx.handbook, ctx.links
    cards = [
        {"m": m, "url": links.to(MISSION_PAGE.format(id=m.id)), "count": len(hb.indicators_of(m.id))}
        for m in hb.missions
    ]
    return _render(ctx, "mission_cards.html", cards=cards)


def mission_summary(ctx: RenderContext, mission_id: str) -> str:
    """The box at the top of a chapter: summary, PMQA categories, admin areas, links to tools."""
    hb, links = ctx.handbook, ctx.links
    m = mission_of(hb, mission_id)
    return _render(ctx,
        "mission_summary.html",
        m=m,
        count=len(hb.indicators_of(m.id)),
        checklist_url=links.to(CHECKLIST_PAGE.format(id=m.id)),
        assessment_url=links.to(ASSESSMENT_PAGE, "mission-" + m.id),
        calendar_url=links.to(CALENDAR_PAGE),
    )


def _mission_of_id(hb: Handbook, indicator_id: str) -> str | None:
    """The mission an indicator id belongs to by its prefix (also for a removed id)."""
    prefix = indicator_id.split("-")[0]
    return next((m.id for m in hb.missions if m.prefix == prefix), None)


def earlier_keys(ctx: RenderContext, indicator_id: str, action_index: int) -> list[list[str]]:
    """Where a tick of this action may be saved by an earlier edition: [storage key, action key] pairs.

    An action keeps its key while its text is unchanged. A reworded action lists its old keys in ``was:``; an
    action moved verbatim from a removed indicator (``replaces:``) had the removed indicator's id in its key. Each
    old key may be in the old mission's checklist or in the all-missions checklist. Storage keys are this
    handbook's scoped keys (:mod:`storage`); the browser falls back to their old unscoped form by itself.
    """
    hb = ctx.handbook
    ind = hb.indicators[indicator_id]
    action = ind.actions[action_index]
    keys = [*action.was, *(action_key(old, action.do) for old in ind.replaces)]
    pairs = []
    for key in dict.fromkeys(keys):
        mission = _mission_of_id(hb, key.split(":")[0])
        for checklist_id in dict.fromkeys([mission, "all"]):
            if checklist_id:
                pairs.append([scoped_key(ctx, CHECKLIST_NAME.format(id=checklist_id)), key])
    return pairs


def action_views(ctx: RenderContext, indicator_id: str) -> list[dict[str, object]]:
    """Each action of an indicator as pages show it: text, checklist key, when, who, the office event."""
    hb, links = ctx.handbook, ctx.links
    ind = hb.indicators[indicator_id]
    names = hb.owner_names()
    views = []
    for n, a in enumerate(ind.actions):
        key = action_key(ind.id, a.do)
        event = hb.events.get(a.event) if a.event else None
        views.append({
            "text": a.do,
            "key": key,
            "dom": "hb-act-" + key.replace(":", "-"),
            "when": hb.action_schedule(ind, n).label(),
            "owner": names[hb.action_owner(ind, n)],
            "event": {"title": event.title, "url": links.to(CALENDAR_PAGE, f"event-{event.id}")} if event else None,
            "was": earlier_keys(ctx, ind.id, n),
        })
    return views


def _replaced_view(hb: Handbook, old: str) -> dict[str, object]:
    mission = _mission_of_id(hb, old)
    return {"old": old, "m": hb.mission(mission) if mission else None}


def _moved(ctx: RenderContext, mission_id: str) -> list[dict[str, str]]:
    """Indicators of this mission removed in a later edition, with the indicator that carries their work now."""
    hb = ctx.handbook
    return [
        {"old": old, "anchor": anchor(old), **_indicator_link(ctx, new)}
        for old, new in hb.replaced.items() if _mission_of_id(hb, old) == mission_id
    ]


def _example_links(ctx: RenderContext, examples: dict[str, dict[str, str]] | None) -> dict[str, list[dict[str, str]]]:
    """The chapter's worked examples, by indicator: ``{"LD-02": {"#ex-agenda": "label"}}``, or a target on another
    chapter, ``{"HR-04": {"strategy#ex-cascade": "label"}}``. Written in the chapter beside the examples, so the
    indicator's section links to its filled-in form on the chapter page only (the assessment page shows no link)."""
    hb, links = ctx.handbook, ctx.links
    out: dict[str, list[dict[str, str]]] = {}
    for indicator_id, targets in (examples or {}).items():
        lookup("ตัวชี้วัด", indicator_id, hb.indicators, hb.replaced)
        for target, label in targets.items():
            page, _, fragment = target.partition("#")
            if not fragment:
                raise UnknownId(f"ตัวอย่างของ {indicator_id}: `{target}` ต้องมี # และ id ของกล่องตัวอย่าง เช่น #ex-agenda")
            url = f"#{fragment}" if not page else links.to(MISSION_PAGE.format(id=mission_of(hb, page).id), fragment)
            out.setdefault(indicator_id, []).append({"url": url, "label": label})
    return out


def indicators(ctx: RenderContext, mission_id: str, examples: dict[str, dict[str, str]] | None = None) -> str:
    """Every indicator of a mission: heading (Markdown, so it joins the table of contents) + details; ``examples``
    adds a link from an indicator to the chapter's filled-in example of its form (see :func:`_example_links`)."""
    hb, links = ctx.handbook, ctx.links
    m = mission_of(hb, mission_id)
    example_links = _example_links(ctx, examples)
    owners = hb.owner_names()
    parts: list[str] = []
    for i in hb.indicators_of(m.id):
        parts.append(f"### {i.id} {escape_markdown(i.title)} {{#{anchor(i.id)} data-indicator=\"{i.id}\"}}")
        related = [_indicator_link(ctx, r) for r in hb.related_indicators[i.id]]
        refs = [
            {"r": hb.references[r], "url": links.to(REFERENCES_PAGE, "ref-" + r)} for r in i.references
        ]
        parts.append(
            _render(ctx,
                "indicator.html",
                i=i,
                owners=[owners[o] for o in i.owners],
                related=related,
                refs=refs,
                rubric=rubric(ctx, i.id),
                actions=action_views(ctx, i.id),
                replaces=[_replaced_view(hb, old) for old in i.replaces],
                examples=example_links.get(i.id, []),
            )
        )
    if moved := _moved(ctx, m.id):
        parts.append(_render(ctx, "moved.html", moved=moved))
    return "\n\n".join(parts)


def _indicator_link(ctx: RenderContext, indicator_id: str) -> dict[str, str]:
    hb, links = ctx.handbook, ctx.links
    i = hb.indicators[indicator_id]
    url = links.to(MISSION_PAGE.format(id=hb.indicator_mission[i.id]), anchor(i.id))
    return {"id": i.id, "title": i.title, "url": url}


def rubric(ctx: RenderContext, indicator_id: str) -> str:
    """The five-level rubric of one indicator as a table."""
    hb = ctx.handbook
    lookup("ตัวชี้วัด", indicator_id, hb.indicators)
    return _render(ctx, "rubric.html", i=hb.indicators[indicator_id])


#: The unscoped localStorage key of a checklist used before keys were scoped to the handbook (:mod:`storage`);
#: the browser copies it into the scoped key once.
CHECKLIST_STORAGE_KEY = legacy_key(CHECKLIST_NAME)


def checklist(ctx: RenderContext, mission_id: str | None = None) -> str:
    """A printable checklist form of a mission's actions (all eight when ``mission_id`` is None).

    Laid out as a Thai office form: the office's name and logo (``ctx.office``, i.e. ``extra.office``),
    one table row per action with fields for ผู้รับผิดชอบ, กำหนดเสร็จ and หมายเหตุ, and sign-off blocks. The tick
    and the fields of each action carry ``data-action`` (indicator id + hash of the text), which
    ``assets/javascripts/checklist.js`` uses as the localStorage key.
    """
    hb, links, office = ctx.handbook, ctx.links, ctx.office
    missions = hb.missions if mission_id is None else [mission_of(hb, mission_id)]
    checklist_id = mission_id or "all"
    owners = hb.owner_names()
    sections = [
        {
            "m": m,
            "url": links.to(MISSION_PAGE.format(id=m.id)),
            "indicators": [
                {
                    "i": i,
                    "url": links.to(MISSION_PAGE.format(id=m.id), anchor(i.id)),
                    "owners": [owners[o] for o in i.owners],
                    "actions": action_views(ctx, i.id),
                }
                for i in hb.indicators_of(m.id)
            ],
        }
        for m in missions
    ]
    head = None
    if office:
        head = {
            "name": office.get("name", ""),
            "logo": links.file(office["logo"]) if office.get("logo") else "",
        }
    return _render(ctx,
        "checklist.html",
        sections=sections,
        checklist_id=checklist_id,
        storage=storage_attrs(ctx, CHECKLIST_NAME.format(id=checklist_id)),
        office=head,
        single=mission_id is not None,
        pdf_url=links.file(checklist_pdf(checklist_id)),
        handbook_pdf_url=links.file(HANDBOOK_PDF),
        all_url=links.to(ALL_CHECKLISTS_PAGE),
        signoff=("ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ"),
    )


def related(ctx: RenderContext, mission_id: str) -> str:
    """Related missions (both directions) with the indicator links that connect them."""
    hb, links = ctx.handbook, ctx.links
    m = mission_of(hb, mission_id)
    rows = []
    for other_id in hb.related_missions[m.id]:
        other = hb.mission(other_id)
        bridges = sorted(
            {
                (a, b)
                for a in (i.id for i in hb.indicators_of(m.id))
                for b in hb.related_indicators[a]
                if hb.indicator_mission[b] == other_id
            }
        )
        rows.append(
            {
                "m": other,
                "url": links.to(MISSION_PAGE.format(id=other.id)),
                "bridges": [(_indicator_link(ctx, a), _indicator_link(ctx, b)) for a, b in bridges],
            }
        )
    return _render(ctx, "related.html", rows=rows)


def mission_references(ctx: RenderContext, mission_id: str) -> str:
    """The documents cited by a mission's indicators, in the order of the reference list."""
    hb, links = ctx.handbook, ctx.links
    m = mission_of(hb, mission_id)
    cited = {r for i in hb.indicators_of(m.id) for r in i.references}
    refs = [{"r": r, "url": links.to(REFERENCES_PAGE, "ref-" + r.id)} for r in hb.references.values()
            if r.id in cited]
    return _render(ctx, "mission_references.html", refs=refs)


def glossary(ctx: RenderContext) -> str:
    """The glossary as a table, sorted in Thai dictionary order (by the Thai term)."""
    hb = ctx.handbook
    terms = sorted(hb.glossary, key=lambda t: _thai_sort_key(t.term))
    return _render(ctx, "glossary.html", terms=terms)


def references(ctx: RenderContext) -> str:
    """Every reference, grouped by kind, each with the indicators that cite it."""
    hb = ctx.handbook
    groups = []
    for kind, label in REFERENCE_KINDS.items():
        refs = [r for r in hb.references.values() if r.kind == kind]
        if refs:
            groups.append({
                "label": label,
                "refs": [
                    {"r": r, "cited_by": [_indicator_link(ctx, i) for i in hb.cited_by.get(r.id, [])]}
                    for r in refs
                ],
            })
    return _render(ctx, "references.html", groups=groups)


def office_structure(ctx: RenderContext) -> str:
    """Groups, roles and committees, each with the indicators it is responsible for."""
    hb = ctx.handbook
    def owned(owner_id: str) -> list[dict[str, str]]:
        return [_indicator_link(ctx, i) for i in hb.owned_by.get(owner_id, [])]

    o = hb.office
    return _render(ctx,
        "office.html",
        groups=[{"x": g, "owned": owned(g.id)} for g in o.groups],
        roles=[{"x": r, "owned": owned(r.id)} for r in o.roles],
        committees=[{"x": c, "owned": owned(c.id)} for c in o.committees],
    )


def crosswalk(ctx: RenderContext) -> str:
    """Every indicator against the seven PMQA 4.0 categories."""
    hb, links = ctx.handbook, ctx.links
    missions = [
        {
            "m": m,
            "url": links.to(MISSION_PAGE.format(id=m.id)),
            "rows": [{"link": _indicator_link(ctx, i.id), "cats": set(i.pmqa)} for i in hb.indicators_of(m.id)],
        }
        for m in hb.missions
    ]
    totals = {c: sum(c in i.pmqa for i in hb.indicators.values()) for c in PMQA_CATEGORIES}
    return _render(ctx, "crosswalk.html", missions=missions, totals=totals)


def _thai_sort_key(text: str) -> bytes:
    """Thai dictionary order (leading vowels เ แ โ ใ ไ sort by the consonant after them), from ICU."""
    return _THAI_COLLATOR.getSortKey(text)


_THAI_COLLATOR = icu.Collator.createInstance(icu.Locale("th_TH"))


#: Macro name -> function(context, *args). An integration registers these (e.g. integrations/mkdocs_macros.py).
MACROS: dict[str, Callable[..., str]] = {
    "ind": ind,
    "ref": ref,
    "mission_cards": mission_cards,
    "mission_summary": mission_summary,
    "indicators": indicators,
    "rubric": rubric,
    "checklist": checklist,
    "related": related,
    "mission_references": mission_references,
    "glossary": glossary,
    "references": references,
    "office_structure": office_structure,
    "crosswalk": crosswalk,
}
