"""MkDocs hooks: short calls into the core for what a macro cannot do (listed under ``hooks:`` in mkdocs.yml
through ``hooks/handbook.py``).

- the Thai search index (:mod:`search_index`), rewritten after the search plugin wrote it, and the office year's
  ``.ics`` files (:mod:`ical`), both post-build steps of the core;
- the ``thai_date`` filter for the theme's templates (the "last updated" line);
- the offline edition's search worker from the vendored iframe-worker instead of a public CDN;
- the live preview: data errors printed once and shown atop every page instead of stopping the server;
- the web app manifest and service worker (:mod:`offline_cache`) of the published site: ``extra.offline_app`` tells
  the templates to link and register them, off under ``mkdocs serve`` (whose ``sw.js`` retires a worker left by
  a built site at the same address) and in the offline ZIP (file:// has no service worker).

Zensical skips MkDocs hooks; its shim runs the same core functions as a post-build step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..asset_bundle import bundle
from ..calendar_pages import group_pages
from ..context import configured_fiscal_year, load_cached
from ..errors import DataErrors, preview_box
from ..ical import write_calendars
from ..offline_cache import AppFacts, theme_color, write_offline_app, write_retired_worker
from ..search_index import PageMeta, rewrite_index_files
from ..thai import thai_date

DATA_DIR = "data"
IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-shim.js"

_state: dict[str, Any] = {"command": None}
_pages: dict[str, PageMeta] = {}


def previewing() -> bool:
    """True under ``mkdocs serve``: errors are shown in the page and the server keeps running."""
    return _state["command"] == "serve"


def on_startup(command: str, **_: Any) -> None:
    _state["command"] = command


def _data_errors(config: MkDocsConfig) -> DataErrors | None:
    root = Path(config.config_file_path).parent
    try:
        load_cached(root / DATA_DIR, root=root)
    except DataErrors as exc:
        return exc
    return None


@event_priority(-100)  # after mkdocs-material's offline plugin added its polyfill
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    """Offline edition: run the search worker through the vendored iframe-worker shim, not the public CDN copy,
    and turn off instant navigation (it fetches pages and the sitemap, which file:// forbids)."""
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [IFRAME_WORKER if "iframe-worker" in str(p) else p for p in polyfills]
    offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    offline_edition = offline is not None and bool(offline.config.get("enabled"))
    if offline_edition:
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
    # HB_OFFLINE_APP=false: a build without the worker (the benchmark's reference, a host that forbids it).
    config.extra["offline_app"] = not (previewing() or offline_edition
                                       or os.environ.get("HB_OFFLINE_APP") == "false")
    return config


def _app_facts(config: MkDocsConfig) -> AppFacts:
    office = config.extra.get("office", {})
    search = next((p for name, p in config.plugins.items() if name.endswith("search")), None)
    langs = search.config.get("lang") if search is not None else None
    return AppFacts(
        site_url=config.site_url or "",
        office_name=str(office.get("name", config.site_name)),
        office_short_name=str(office.get("short_name", "")),
        site_name=config.site_name,
        logo=str(office.get("logo") or config.theme.get("logo") or "assets/images/logo.svg"),
        theme_color=theme_color(config.theme.get("palette")),
        description=config.site_description or "",
        search_langs=tuple(langs) if isinstance(langs, list | tuple) else ("en",),
    )


@event_priority(100)  # before other plugins read the files (htmlproofer maps every page to its source)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Each group's own plan page (:func:`calendar_pages.group_pages`, from data/groups.yml), and the handbook's own
    stylesheets and scripts as one file each (:mod:`asset_bundle`), in mkdocs.yml's order. An entry with attributes
    (``defer``, ``type: module``) or on another host stays as listed; the joined sources are left out of the site,
    since no page links them."""
    root = Path(config.config_file_path).parent
    try:
        pages = group_pages(load_cached(root / DATA_DIR, root=root))
    except DataErrors:
        pages = {}  # only reachable in the preview: the pages show the errors
    for uri, markdown in pages.items():
        if (old := files.get_file_from_path(uri)) is not None:
            files.remove(old)  # a copy the Zensical build left in docs/
        files.append(File.generated(config, uri, content=markdown))
    for kind, key in (("css", "extra_css"), ("js", "extra_javascript")):
        entries = list(config[key])
        plain = [e for e in entries if isinstance(e, str) or not (getattr(e, "type", "") or getattr(e, "defer", False)
                                                                   or getattr(e, "async_", False))]
        sources = [str(getattr(e, "path", e)) for e in plain]
        sources = [s for s in sources if "://" not in s and not s.startswith("//")]
        if len(sources) < 2:
            continue
        joined = _join(files, config, sources, kind, "hb-bundle", key)
        config[key] = [joined, *(e for e in entries if str(getattr(e, "path", e)) not in sources)]
    # Scripts of some pages only: one file per kind, named for overrides/main.html (config.extra.page_bundles).
    config.extra["page_bundles"] = {
        kind: _join(files, config, [str(s) for s in sources], "js", f"hb-{kind}", f"extra.page_scripts.{kind}")
        for kind, sources in (config.extra.get("page_scripts") or {}).items()
    }
    return files


def _join(files: Files, config: MkDocsConfig, sources: list[str], kind: str, name: str, key: str) -> str:
    """Join ``sources`` into one file of the site named ``name.<hash>.<kind>``; the sources leave the site."""
    found = {s: f for s in sources if (f := files.get_file_from_path(s)) is not None}
    try:
        joined = bundle(sources, {s: f.content_bytes for s, f in found.items()}, kind, name, key)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    for f in found.values():
        files.remove(f)
    files.append(File.generated(config, joined.uri, content=joined.content))
    return joined.uri


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    _pages.clear()
    if previewing() and (errors := _data_errors(config)):
        print(f"\n{errors.report()}\n", file=sys.stderr, flush=True)


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    env.filters["thai_date"] = thai_date
    return env


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Live preview with broken data: the messages (file, line, what to do) at the top of every page."""
    if previewing() and (errors := _data_errors(config)):
        title = f"ข้อมูลใน data/ มีข้อผิดพลาด {len(errors.errors)} รายการ: แก้แล้วบันทึก หน้านี้จะโหลดใหม่เอง"
        return preview_box(title, errors.errors) + html_text
    return html_text


def on_page_context(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    """Remember each page's title and description for the search index's hidden ``page`` field."""
    _pages[page.url] = PageMeta(str(page.meta.get("title") or page.title or ""),
                                str(page.meta.get("description") or ""))
    return context


@event_priority(-50)  # after the search plugin wrote the index (0), before the offline plugin inlines it (-100)
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    root = Path(config.config_file_path).parent
    try:
        abbreviations = load_cached(root / DATA_DIR, root=root).abbreviations()
    except DataErrors:
        return  # only reachable in the preview: the pages already show the errors
    handbook = load_cached(root / DATA_DIR, root=root)
    office_name = config.extra.get("office", {}).get("name", config.site_name)
    fiscal_year = configured_fiscal_year(config.extra.get("fiscal_year"))
    write_calendars(Path(config.site_dir), handbook, fiscal_year, config.site_url or "", office_name)
    if os.environ.get("HB_THAI_SEARCH") != "false":  # off only for the benchmark's stock-search build
        rewrite_index_files(Path(config.site_dir) / "search", abbreviations, _pages)
    # Last: the worker lists every file with its hash, so nothing may change after it.
    if config.extra.get("offline_app"):
        write_offline_app(Path(config.site_dir), _app_facts(config))
    elif previewing():
        write_retired_worker(Path(config.site_dir))
