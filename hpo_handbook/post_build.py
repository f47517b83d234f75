"""What a build adds after the pages are written, as plain functions of a built site folder: :func:`finish_site`,
the one post-build step of every builder (the MkDocs plugin's ``on_post_build`` in ``integrations/mkdocs_plugin.py``,
and ``integrations/zensical_build.py`` once Zensical's build returns).

It writes the office year's ``.ics`` files (:func:`ical.write_calendars`), Thai word boundaries in the search index
(:mod:`search_index`, in the index's shape on that builder), the "last updated" line where the builder has no plugin
for it (Zensical; the MkDocs plugin gives each page its date and ``overrides/partials/source-file.html`` shows it) and,
last, the offline worker and web app manifest (:mod:`offline_cache`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .context import load_cached
from .links import Links
from .offline_cache import AppFacts, write_offline_app
from .search_index import WBR, PageMeta, segment_index
from .site_paths import MKDOCS_SEARCH_INDEX, ZENSICAL_SEARCH_INDEX
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
    inline: str | None = None  # a .js copy of the index an offline build inlines for file://, rewritten too


#: mkdocs-material's index (the offline plugin copies it into search_index.js) and Zensical's.
MKDOCS_SEARCH = SearchIndexForm(path=MKDOCS_SEARCH_INDEX, docs_key="docs",
                                inline=MKDOCS_SEARCH_INDEX.removesuffix(".json") + ".js")
ZENSICAL_SEARCH = SearchIndexForm(path=ZENSICAL_SEARCH_INDEX, docs_key="items", wbr="<wbr>")


@dataclass(frozen=True)
class SiteFacts:
    """The settings of the build (from the builder's reading of mkdocs.yml)."""

    site_url: str
    office_name: str
    fiscal_year: int
    use_directory_urls: bool = True
    updated: Mapping[str, dt.date] = field(default_factory=dict)  # page source under docs/ -> last change


def segment_search_index(file: Path, form: SearchIndexForm, abbreviations: Iterable[str],
                         pages: Mapping[str, PageMeta] | None = None, done: Mapping[str, str] | None = None) -> bool:
    """Put Thai word boundaries into a built search index in place (so a word from the middle of a sentence is
    found), with each page's title and description as the hidden ``page`` field where the index declares one
    (``pages``: URL -> meta; ``done``: fields segmented already, see :func:`search_index.segment_index`). False when
    the site has no index there."""
    if not file.is_file():
        return False
    data = json.loads(file.read_text(encoding="utf-8"))
    docs = data.get(form.docs_key, [])
    segment_index({"config": data.setdefault("config", {}), "docs": docs}, abbreviations, dict(pages or {}), done)
    if form.wbr != WBR:
        for doc in docs:
            for key in ("title", "text"):
                if isinstance(doc.get(key), str):
                    doc[key] = doc[key].replace(WBR, form.wbr)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    file.write_text(raw, encoding="utf-8")
    inline = file.parent / Path(form.inline).name if form.inline else None
    if inline and inline.is_file():
        inline.write_text(f"var __index = {raw}", encoding="utf-8")
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


def write_office_calendars(site_dir: Path, root: Path, facts: SiteFacts, data_dir: str = DATA_DIR) -> list[Path]:
    """The office year's ``.ics`` files (:func:`ical.write_calendars`); imported here, so that a builder that writes
    them in another process (the MkDocs plugin, see :mod:`background`) never loads the iCalendar library itself."""
    from .ical import write_calendars

    handbook = load_cached(root / data_dir, root=root)
    return write_calendars(site_dir, handbook, facts.fiscal_year, facts.site_url, facts.office_name)


def finish_site(site_dir: Path, root: Path, facts: SiteFacts, index: SearchIndexForm | None = None,
                icon_svg: str = "", app: AppFacts | None = None, pages: Mapping[str, PageMeta] | None = None,
                data_dir: str = DATA_DIR, calendars: bool = True,
                segmented: Mapping[str, str] | None = None) -> list[str]:
    """Every post-build step for a site built from ``root`` into ``site_dir``; returns what was done, for the log.
    ``index``: the search index to cut into Thai words (None: leave it as built); ``pages``: each page's title and
    description for its hidden field; ``app``: also write the offline worker and manifest (last: it hashes every
    file the other steps wrote); ``calendars=False``: the ``.ics`` files are written already
    (:func:`write_office_calendars`); ``segmented``: index fields cut into words already (``done`` of
    :func:`search_index.segment_index`). A data error raises :class:`errors.DataErrors` (the build already stopped on
    it)."""
    handbook = load_cached(root / data_dir, root=root)
    done = [f"{len(write_office_calendars(site_dir, root, facts, data_dir))} iCalendar files"] if calendars else []
    if index and segment_search_index(site_dir / index.path, index, handbook.abbreviations(), pages, segmented):
        done.append(f"Thai word boundaries in {index.path}")
    if facts.updated:
        done.append(f"last updated on {stamp_last_updated(site_dir, facts.updated, facts.use_directory_urls, icon_svg)}"
                    " pages")
    if app:
        kept = write_offline_app(site_dir, app)
        # The raw size: the gzip size means compressing the whole site (`make bench` reports it).
        done.append(f"offline worker keeping {kept.files} files ({kept.bytes / 1024:,.0f} KB)")
    return done
