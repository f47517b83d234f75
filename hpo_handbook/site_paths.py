"""Where the build and the tools put the files they generate, relative to the built site's root: one place, so that
the pages that link a file, the step that writes it, the offline worker that skips or keeps it and the checks that
read it back agree.

Builder-free constants and small functions; ``integrations/`` and ``tools/`` import them, never the reverse.
"""

from __future__ import annotations

# ── Written by `make pdf` (tools/export_pdf.py), read back by tools/check_pdf.py ──────────────────────────────
PDF_DIR = "pdf"
HANDBOOK_PDF = f"{PDF_DIR}/handbook.pdf"  # the whole book
CALENDAR_PDF = f"{PDF_DIR}/calendar.pdf"  # the year month by month, the year plan's detail
YEAR_PLAN_PDF = f"{PDF_DIR}/year-plan.pdf"  # the year on one or two A4 landscape sheets


def checklist_pdf(checklist_id: str) -> str:
    """A checklist form: ``pdf/checklist-<mission id>.pdf``, or ``pdf/checklist-all.pdf`` for the eight."""
    return f"{PDF_DIR}/checklist-{checklist_id}.pdf"


def plan_pdf(owner: str) -> str:
    """A group's (role's, committee's) plan for the year."""
    return f"{PDF_DIR}/plan-{owner}.pdf"


# ── Written by the post-build step (post_build.finish_site) ───────────────────────────────────────────────────
CALENDAR_DIR = "calendar"


def office_ics(fiscal_year: int) -> str:
    """The whole office's calendar file."""
    return f"{CALENDAR_DIR}/office-{fiscal_year}.ics"


def group_ics(owner: str, fiscal_year: int) -> str:
    return f"{CALENDAR_DIR}/{owner}-{fiscal_year}.ics"


SERVICE_WORKER = "sw.js"  # the offline worker (offline_cache.py)
MANIFEST = "manifest.webmanifest"  # the web app manifest
MKDOCS_SEARCH_INDEX = "search/search_index.json"  # mkdocs-material's search index (the offline ZIP inlines a .js copy)
ZENSICAL_SEARCH_INDEX = "search.json"

# ── Written by `make offline` (tools/build_offline.py) ──────────────────────────────────────────────────────
DOWNLOAD_DIR = "download"
OFFLINE_ZIP = f"{DOWNLOAD_DIR}/handbook-offline.zip"

#: Never precached by the offline worker: downloads written after the build, or files other apps open.
NOT_PRECACHED = (f"{PDF_DIR}/*", f"{DOWNLOAD_DIR}/*", "*.ics")
