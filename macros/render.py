"""Turn the handbook's data into HTML and Markdown fragments, one function per macro.

Plain functions of (handbook, links, arguments) -> str, tested without MkDocs. HTML comes from the
Jinja templates in ``macros/templates/`` with autoescaping on, so every string from YAML is escaped;
fields that allow Markdown go through :mod:`safe_markdown`. Inline links are emitted as Markdown so
that ``mkdocs build --strict`` checks them; block fragments are HTML with URLs made relative to the
current page by :class:`Links`.
"""

from __future__ import annotations

import difflib
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import icu
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from .assessment import MACROS as ASSESSMENT_MACROS
from .loader import Handbook
from .model import ADMIN_AREAS, LEVEL_NAMES, PMQA_CATEGORIES, REFERENCE_KINDS, anchor
from .safe_markdown import escape_markdown, to_html

# Where each kind of page lives under docs/ (the site's URL scheme, in one place).
MISSION_PAGE = "missions/{id}.md"
CHECKLIST_PAGE = "checklists/{id}.md"
ALL_CHECKLISTS_PAGE = "checklists/index.md"
ASSESSMENT_PAGE = "assessment/index.md"
REFERENCES_PAGE = "reference/references.md"
GLOSSARY_PAGE = "reference/glossary.md"
OFFICE_PAGE = "reference/office.md"


class UnknownId(LookupError):
    """A page asks for an id that is not in data/: the message names it and suggests close ones."""


@dataclass(frozen=True)
class Links:
    """Builds URLs to other pages relative to the page being rendered.

    ``page_src`` is the current page's path under docs/ (e.g. ``missions/leadership.md``).
    With ``use_directory_urls`` a page ``a/b.md`` is served at ``a/b/``, otherwise at ``a/b.html``.
    """

    page_src: str
    use_directory_urls: bool = True

    def _url(self, src: str) -> str:
        stem = src[: -len(".md")]
        name = posixpath.basename(stem)
        if name in ("index", "README"):
            stem = posixpath.dirname(stem)
            return (stem + "/" if stem else "") + ("" if self.use_directory_urls else "index.html")
        return stem + ("/" if self.use_directory_urls else ".html")

    def to(self, src: str, fragment: str = "") -> str:
        """An HTML href from the current page to the page built from ``src``."""
        return get_relative_url(self._url(src), self._url(self.page_src)) + (f"#{fragment}" if fragment else "")

    def md(self, src: str, fragment: str = "") -> str:
        """A Markdown link target: the source path relative to the current page, so MkDocs checks it."""
        rel = posixpath.relpath(src, posixpath.dirname(self.page_src) or ".")
        return rel + (f"#{fragment}" if fragment else "")


_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters["md"] = lambda text: Markup(to_html(text))
_templates.filters["md_inline"] = lambda text: Markup(to_html(text, inline=True))


def _render(name: str, **context: object) -> str:
    html = _templates.get_template(name).render(
        level_names=LEVEL_NAMES, pmqa=PMQA_CATEGORIES, admin_areas=ADMIN_AREAS, **context
    )
    # Raw HTML blocks in Markdown end at a blank line: keep each fragment one block.
    return "\n".join(line for line in html.splitlines() if line.strip())


def action_key(indicator_id: str, action: str) -> str:
    """A stable key for one checklist action: survives reordering, changes when the text changes."""
    return f"{indicator_id}:{hashlib.sha1(action.encode('utf-8')).hexdigest()[:8]}"


# ── Lookups with helpful errors ───────────────────────────────────────────────────────────────


def _lookup(kind: str, key: str, known: dict[str, object] | list[str]) -> None:
    if key not in known:
        close = difflib.get_close_matches(key, list(known), n=3)
        hint = f" หรือหมายถึง {', '.join(close)}?" if close else ""
        raise UnknownId(f"ไม่รู้จัก{kind} id '{key}'{hint} (ดู id ที่มีใน data/)")


def mission_of(hb: Handbook, mission_id: str):
    _lookup("ภารกิจ", mission_id, [m.id for m in hb.missions])
    return hb.mission(mission_id)


# ── Macros ────────────────────────────────────────────────────────────────────────────────────


def ind(hb: Handbook, links: Links, indicator_id: str) -> str:
    """Inline Markdown link to an indicator on its chapter page: ``[LD-01 ชื่อ](../missions/x.md#ld-01)``."""
    _lookup("ตัวชี้วัด", indicator_id, hb.indicators)
    i = hb.indicators[indicator_id]
    target = links.md(MISSION_PAGE.format(id=hb.indicator_mission[i.id]), anchor(i.id))
    return f"[{i.id} {escape_markdown(i.title)}]({target})"


def ref(hb: Handbook, links: Links, reference_id: str) -> str:
    """Inline Markdown citation linking to the reference list: a Thai document by its title, a book by its
    authors and year (``Deming, W. E. (1986)``), so a sentence is not interrupted by a whole bibliography entry."""
    _lookup("เอกสารอ้างอิง", reference_id, hb.references)
    r = hb.references[reference_id]
    short = _AUTHOR_YEAR.match(r.title) if r.kind == "book" else None
    text = short.group(1) if short else r.title
    return f"[{escape_markdown(text)}]({links.md(REFERENCES_PAGE, 'ref-' + r.id)})"


_AUTHOR_YEAR = re.compile(r"^(.+?\(\d{4}\))")


def mission_cards(hb: Handbook, links: Links) -> str:
    """The eight missions as cards with their summaries and indicator counts."""
    cards = [
        {"m": m, "url": links.to(MISSION_PAGE.format(id=m.id)), "count": len(hb.indicators_of(m.id))}
        for m in hb.missions
    ]
    return _render("mission_cards.html", cards=cards)


def mission_summary(hb: Handbook, links: Links, mission_id: str) -> str:
    """The box at the top of a chapter: summary, PMQA categories, admin areas, links to tools."""
    m = mission_of(hb, mission_id)
    return _render(
        "mission_summary.html",
        m=m,
        count=len(hb.indicators_of(m.id)),
        checklist_url=links.to(CHECKLIST_PAGE.format(id=m.id)),
        assessment_url=links.to(ASSESSMENT_PAGE, "mission-" + m.id),
    )


def indicators(hb: Handbook, links: Links, mission_id: str) -> str:
    """Every indicator of a mission: heading (Markdown, so it joins the table of contents) + details."""
    m = mission_of(hb, mission_id)
    owners = hb.owner_names()
    parts: list[str] = []
    for i in hb.indicators_of(m.id):
        parts.append(f"### {i.id} {escape_markdown(i.title)} {{#{anchor(i.id)} data-indicator=\"{i.id}\"}}")
        related = [_indicator_link(hb, links, r) for r in hb.related_indicators[i.id]]
        refs = [
            {"r": hb.references[r], "url": links.to(REFERENCES_PAGE, "ref-" + r)} for r in i.references
        ]
        parts.append(
            _render(
                "indicator.html",
                i=i,
                owners=[owners[o] for o in i.owners],
                related=related,
                refs=refs,
                rubric=rubric(hb, links, i.id),
            )
        )
    return "\n\n".join(parts)


def _indicator_link(hb: Handbook, links: Links, indicator_id: str) -> dict[str, str]:
    i = hb.indicators[indicator_id]
    url = links.to(MISSION_PAGE.format(id=hb.indicator_mission[i.id]), anchor(i.id))
    return {"id": i.id, "title": i.title, "url": url}


def rubric(hb: Handbook, links: Links, indicator_id: str) -> str:
    """The five-level rubric of one indicator as a table."""
    _lookup("ตัวชี้วัด", indicator_id, hb.indicators)
    return _render("rubric.html", i=hb.indicators[indicator_id])


#: Where ``scripts/export_pdf.py`` writes the PDFs inside the built site (``make pdf``).
PDF_DIR = "pdf"
#: localStorage key of a checklist's ticks and fields; bump the version when the stored shape changes.
CHECKLIST_STORAGE_KEY = "hpo-handbook:v1:checklist:{id}"


def checklist_pdf(checklist_id: str) -> str:
    """The PDF of a checklist, relative to the site root: ``pdf/checklist-<id>.pdf``."""
    return f"{PDF_DIR}/checklist-{checklist_id}.pdf"


def _site_file_url(links: Links, path: str) -> str:
    """An href from the current page to a file under the site root that MkDocs does not know about
    (a PDF written after the build, or an asset). Raw HTML, so ``--strict`` does not check it."""
    return get_relative_url(path, links._url(links.page_src))


def checklist(hb: Handbook, links: Links, mission_id: str | None = None,
              office: dict[str, str] | None = None) -> str:
    """A printable checklist form of a mission's actions (all eight when ``mission_id`` is None).

    Laid out as a Thai office form: office name and logo (``office`` is ``extra.office`` from
    mkdocs.yml; the page passes it as ``{{ checklist("x", office) }}``), one table row per action
    with fields for ผู้รับผิดชอบ, กำหนดเสร็จ and หมายเหตุ, and sign-off blocks. The tick and the fields
    of each action carry ``data-action`` (indicator id + hash of the text), which
    ``assets/javascripts/checklist.js`` uses as the localStorage key.
    """
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
                    "actions": [
                        {"text": a, "key": (key := action_key(i.id, a)), "dom": "hb-act-" + key.replace(":", "-")}
                        for a in i.actions
                    ],
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
            "logo": _site_file_url(links, office["logo"]) if office.get("logo") else "",
        }
    return _render(
        "checklist.html",
        sections=sections,
        checklist_id=checklist_id,
        storage_key=CHECKLIST_STORAGE_KEY.format(id=checklist_id),
        office=head,
        single=mission_id is not None,
        pdf_url=_site_file_url(links, checklist_pdf(checklist_id)),
        handbook_pdf_url=_site_file_url(links, f"{PDF_DIR}/handbook.pdf"),
        all_url=links.to(ALL_CHECKLISTS_PAGE),
        signoff=("ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ"),
    )


def related(hb: Handbook, links: Links, mission_id: str) -> str:
    """Related missions (both directions) with the indicator links that connect them."""
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
                "bridges": [(_indicator_link(hb, links, a), _indicator_link(hb, links, b)) for a, b in bridges],
            }
        )
    return _render("related.html", rows=rows)


def mission_references(hb: Handbook, links: Links, mission_id: str) -> str:
    """The documents cited by a mission's indicators, in the order of the reference list."""
    m = mission_of(hb, mission_id)
    cited = {r for i in hb.indicators_of(m.id) for r in i.references}
    refs = [{"r": r, "url": links.to(REFERENCES_PAGE, "ref-" + r.id)} for r in hb.references.values()
            if r.id in cited]
    return _render("mission_references.html", refs=refs)


def glossary(hb: Handbook, links: Links) -> str:
    """The glossary as a table, sorted in Thai dictionary order (by the Thai term)."""
    terms = sorted(hb.glossary, key=lambda t: _thai_sort_key(t.term))
    return _render("glossary.html", terms=terms)


def references(hb: Handbook, links: Links) -> str:
    """Every reference, grouped by kind, each with the indicators that cite it."""
    groups = []
    for kind, label in REFERENCE_KINDS.items():
        refs = [r for r in hb.references.values() if r.kind == kind]
        if refs:
            groups.append({
                "label": label,
                "refs": [
                    {"r": r, "cited_by": [_indicator_link(hb, links, i) for i in hb.cited_by.get(r.id, [])]}
                    for r in refs
                ],
            })
    return _render("references.html", groups=groups)


def office_structure(hb: Handbook, links: Links) -> str:
    """Groups, roles and committees, each with the indicators it is responsible for."""
    def owned(owner_id: str) -> list[dict[str, str]]:
        return [_indicator_link(hb, links, i) for i in hb.owned_by.get(owner_id, [])]

    o = hb.office
    return _render(
        "office.html",
        groups=[{"x": g, "owned": owned(g.id)} for g in o.groups],
        roles=[{"x": r, "owned": owned(r.id)} for r in o.roles],
        committees=[{"x": c, "owned": owned(c.id)} for c in o.committees],
    )


def crosswalk(hb: Handbook, links: Links) -> str:
    """Every indicator against the seven PMQA 4.0 categories."""
    missions = [
        {
            "m": m,
            "url": links.to(MISSION_PAGE.format(id=m.id)),
            "rows": [{"link": _indicator_link(hb, links, i.id), "cats": set(i.pmqa)} for i in hb.indicators_of(m.id)],
        }
        for m in hb.missions
    ]
    totals = {c: sum(c in i.pmqa for i in hb.indicators.values()) for c in PMQA_CATEGORIES}
    return _render("crosswalk.html", missions=missions, totals=totals)


def _thai_sort_key(text: str) -> bytes:
    """Thai dictionary order (leading vowels เ แ โ ใ ไ sort by the consonant after them), from ICU."""
    return _THAI_COLLATOR.getSortKey(text)


_THAI_COLLATOR = icu.Collator.createInstance(icu.Locale("th_TH"))


#: Macro name -> function(handbook, links, *args). ``macros/__init__.py`` registers these.
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
    **ASSESSMENT_MACROS,  # assessment(), assessment_report(): macros/assessment.py
}
