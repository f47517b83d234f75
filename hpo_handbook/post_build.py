"""What a build adds after the pages are written, as plain functions of a built site folder, for a builder with no
post-build hook (Zensical: ``integrations/zensical_build.py`` calls :func:`finish_site` once the build returns).

The MkDocs build does the same through its hook (``integrations/mkdocs_hooks.py``): the office year's ``.ics``
files (:func:`ical.write_calendars`), Thai word boundaries in the search index (:mod:`search_index`) and, last, the
offline worker and web app manifest (:mod:`offline_cache`). Here also the "last updated" line, which MkDocs gets from
a plugin and ``overrides/partials/source-file.html``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .context import load_cached
from .ical import write_calendars
from .links import Links
from .offline_cache import AppFacts, write_offline_app
from .search_index import WBR, segment_index
from .thai import thai_date

DATA_DIR = "data"


@dataclass(frozen=True)
class SearchIndexForm:
    """Where a builder's search index lives in the site and how it is shaped: a JSON object whose ``docs_key``
    list holds documents with ``title``, ``text`` and ``location``; ``wbr`` is the word-boundary element its
    result view can show."""

    path: str
    docs_key: str
    wbr: str = WBR


@dataclass(frozen=True)
class SiteFacts:
    """The settings of the build (from the builder's reading of mkdocs.yml)."""

    site_url: str
    office_name: str
    fiscal_year: int
    use_directory_urls: bool = True
    updated: Mapping[str, dt.date] = field(default_factory=dict)  # page source under docs/ -> last change


def segment_search_index(file: Path, form: SearchIndexForm, abbreviations: Iterable[str]) -> bool:
    """Put Thai word boundaries into a built search index in place (the same cuts as the MkDocs index, so a word
    from the middle of a sentence is found). False when the site has no index there."""
    if not file.is_file():
        return False
    data = json.loads(file.read_text(encoding="utf-8"))
    docs = data.get(form.docs_key, [])
    segment_index({"config": data.setdefault("config", {}), "docs": docs}, abbreviations)
    if form.wbr != WBR:
        for doc in docs:
            for key in ("title", "text"):
                if isinstance(doc.get(key), str):
                    doc[key] = doc[key].replace(WBR, form.wbr)
    file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def last_updated_html(day: dt.date, icon_svg: str = "") -> str:
    """The "last updated" line as ``overrides/partials/source-file.html`` renders it (Buddhist Era, Thai month)."""
    icon = f'<span class="md-icon" aria-hidden="true">{icon_svg}</span>' if icon_svg else ""
    iso = day.isoformat()
    return ('<aside class="md-source-file hb-updated"><span class="md-source-file__fact">'
            f'{icon} ปรับปรุงล่าสุด <time datetime="{iso}">{html.escape(thai_date(day))}</time></span></aside>')


def stamp_last_updated(site_dir: Path, updated: Mapping[str, dt.date], use_directory_urls: bool = True,
                       icon_svg: str = "") -> int:
    """Add the "last updated" line at the end of the article of each page in ``updated`` that lacks it; return
    how many pages got one."""
    count = 0
    for src, day in sorted(updated.items()):
        url = Links(src, use_directory_urls).url_of(src)
        page = site_dir / (url + "index.html" if url.endswith("/") or not url else url)
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        end = text.rfind("</article>")
        if end < 0 or "hb-updated" in text:
            continue
        page.write_text(text[:end] + last_updated_html(day, icon_svg) + text[end:], encoding="utf-8")
        count += 1
    return count


def finish_site(site_dir: Path, root: Path, facts: SiteFacts, index: SearchIndexForm | None = None,
                icon_svg: str = "", app: AppFacts | None = None) -> list[str]:
    """Every post-build step for a site built from ``root`` into ``site_dir``; returns what was done, for the log.
    ``app``: also write the offline worker and manifest (last: it hashes every file the other steps wrote).
    A data error raises :class:`errors.DataErrors` (the build itself already stopped on it)."""
    handbook = load_cached(root / DATA_DIR, root=root)
    done = [f"{len(write_calendars(site_dir, handbook, facts.fiscal_year, facts.site_url, facts.office_name))}"
            " iCalendar files"]
    if index and segment_search_index(site_dir / index.path, index, handbook.abbreviations()):
        done.append(f"Thai word boundaries in {index.path}")
    if facts.updated:
        done.append(f"last updated on {stamp_last_updated(site_dir, facts.updated, facts.use_directory_urls, icon_svg)}"
                    " pages")
    if app:
        kept = write_offline_app(site_dir, app)
        done.append(f"offline worker keeping {kept.files} files ({kept.gzip_bytes / 1024:,.0f} KB gzip)")
    return done
