"""The handbook as a MkDocs plugin (``plugins: - handbook:`` in mkdocs.yml; entry point in pyproject.toml), modelled
on mkdocs-material's own plugins (a typed, validated config class and one plugin class). It does, through short
calls into the builder-free core, what a macro cannot:

- each group's own plan page (:func:`calendar_pages.group_pages`), made from data/groups.yml;
- the handbook's own stylesheets and scripts joined per kind of page (:mod:`asset_bundle`);
- each page's "last updated" date from one ``git log`` (:mod:`last_updated`) and the ``thai_date`` filter that shows
  it in the theme's templates (``overrides/partials/source-file.html``);
- the offline edition's search worker from the vendored iframe-worker instead of a public CDN;
- the live preview: data errors printed once and shown atop every page instead of stopping the server;
- the office year's ``.ics`` files, in a forked process while the pages render (:mod:`background`; after the
  build under ``mkdocs serve``);
- after the build, :func:`post_build.finish_site`, the same function Zensical's build calls (there it writes the
  ``.ics`` files too): Thai word boundaries in the search index, and last the offline worker and web app manifest
  (``offline_app``), off under ``mkdocs serve`` (whose ``sw.js`` retires a worker a built site left at the same
  address) and in the offline ZIP (file:// has no service worker).

mkdocs-macros keeps the macros (``integrations/mkdocs_macros.py``); ``extra.office`` keeps the office's identity
where the templates read it, so an office still rebrands in one block.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..asset_bundle import bundle
from ..background import Background, Worker
from ..calendar_pages import group_pages
from ..context import configured_fiscal_year, load_cached
from ..errors import DataErrors, preview_box
from ..last_updated import BANGKOK, last_updated
from ..offline_cache import AppFacts, theme_color, write_retired_worker
from ..post_build import MKDOCS_SEARCH, SiteFacts, finish_site, write_office_calendars
from ..search_index import PageMeta, box_titles, segmenter
from ..thai import thai_date

IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-shim.js"

_state: dict[str, Any] = {"command": None}


def previewing() -> bool:
    """True under ``mkdocs serve``: errors are shown in the page and the server keeps running."""
    return _state["command"] == "serve"


class HandbookConfig(base.Config):
    """The plugin's options (mkdocs.yml, ``plugins: - handbook:``); MkDocs validates each and names a wrong one."""

    #: The folder of the handbook's YAML, relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")
    #: Cut Thai words in the search index (the benchmark's stock-search reference turns it off: HB_THAI_SEARCH).
    thai_search = c.Type(bool, default=True)
    #: Write the offline worker and web app manifest (a host that forbids workers turns it off: HB_OFFLINE_APP).
    offline_app = c.Type(bool, default=True)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, PageMeta] = {}
        self.updated: dict[str, str] = {}  # page source (under docs/) -> ISO date of its last change
        self.calendars: Background | None = None  # the .ics files, written while the pages are rendered
        # Cuts each page's search entries into Thai words and reads its box titles, as the pages are made.
        self.segmenting: Worker[tuple[str, str], Any] | None = None
        self._entries_seen = 0
        self._contents: dict[str, tuple[str, str, str]] = {}  # page URL -> title, description, content (for boxes)

    @property
    def root(self) -> Path:
        return Path(self._config.config_file_path).parent

    def _data_errors(self) -> DataErrors | None:
        try:
            load_cached(self.root / self.config.data_dir, root=self.root)
        except DataErrors as exc:
            return exc
        return None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        _state["command"] = command

    @event_priority(-100)  # after mkdocs-material's offline plugin added its polyfill
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Offline edition: run the search worker through the vendored iframe-worker shim, not the public CDN copy,
        and turn off instant navigation (it fetches pages and the sitemap, which file:// forbids)."""
        self._config = config
        if not config.repo_url:
            config.edit_uri = None  # no repository configured: no edit button (it would link to nowhere)
        polyfills = config.extra.get("polyfills")
        if polyfills:
            config.extra["polyfills"] = [IFRAME_WORKER if "iframe-worker" in str(p) else p for p in polyfills]
        offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
        offline_edition = offline is not None and bool(offline.config.get("enabled"))
        if offline_edition:
            features = config.theme["features"]
            features[:] = [f for f in features if not f.startswith("navigation.instant")]
        config.extra["offline_app"] = self.config.offline_app and not (previewing() or offline_edition)
        return config

    @event_priority(100)  # before other plugins read the files (htmlproofer maps every page to its source)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Each group's own plan page (from data/groups.yml), and the handbook's own stylesheets and scripts joined in
        mkdocs.yml's order: ``extra_css``, ``extra.print_css`` and ``extra_javascript`` into one file each,
        ``extra.page_scripts`` into one per kind of page. An entry with attributes (``defer``, ``type: module``) or on
        another host stays as listed; the joined sources leave the site, since no page links them."""
        try:
            pages = group_pages(load_cached(self.root / self.config.data_dir, root=self.root))
        except DataErrors:
            pages = {}  # only reachable in the preview: the pages show the errors
        for uri, markdown in pages.items():
            if (old := files.get_file_from_path(uri)) is not None:
                files.remove(old)  # a copy the Zensical build left in docs/
            files.append(File.generated(config, uri, content=markdown))
        for kind, key in (("css", "extra_css"), ("js", "extra_javascript")):
            entries = list(config[key])
            plain = [e for e in entries if isinstance(e, str) or not (
                getattr(e, "type", "") or getattr(e, "defer", False) or getattr(e, "async_", False))]
            sources = [str(getattr(e, "path", e)) for e in plain]
            sources = [s for s in sources if "://" not in s and not s.startswith("//")]
            if len(sources) < 2:
                continue
            joined: Any = _join(files, config, sources, kind, "hb-bundle", key)
            if kind == "js":
                # Deferred: it runs after the page is parsed, in a task of its own rather than inside the one that
                # runs the theme's bundle (one long task less on a phone), and still before DOMContentLoaded, when
                # the theme mounts its components and this code's listeners run.
                joined = c.ExtraScriptValue(joined)
                joined.defer = True
            config[key] = [joined, *(e for e in entries if str(getattr(e, "path", e)) not in sources)]
        # Scripts of some pages only: one file per kind, named for overrides/main.html (config.extra.page_bundles).
        config.extra["page_bundles"] = {
            kind: _join(files, config, [str(s) for s in sources], "js", f"hb-{kind}", f"extra.page_scripts.{kind}")
            for kind, sources in (config.extra.get("page_scripts") or {}).items()
        }
        # Print-only stylesheets: one file that overrides/main.html links with media="print" (no render blocking).
        if print_css := [str(s) for s in config.extra.get("print_css") or []]:
            config.extra["print_bundle"] = _join(files, config, print_css, "css", "hb-print", "extra.print_css")
        # "Last updated": every page's date from one git log; a generated page (a group's plan) has the build's.
        sources = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages()
                   if f.abs_src_path and not f.generated_by}
        today = dt.datetime.now(BANGKOK).date()
        dates = last_updated(self.root, sources.values(), today)
        self.updated = {f.src_uri: (dates[sources[f.src_uri]] if f.src_uri in sources else today).isoformat()
                        for f in files.documentation_pages()}
        # The .ics files need the data only: written in another process while this one renders the pages (the site
        # folder is clean by now). The live preview writes them after the build, as before.
        if not previewing() and self._data_errors() is None:
            site_dir, facts = Path(config.site_dir), _site_facts(config)
            self.calendars = Background(lambda: write_office_calendars(site_dir, self.root, facts,
                                                                       self.config.data_dir), "the .ics files")
            if self.config.thai_search and _search_entries(config) is not None:
                abbreviations = load_cached(self.root / self.config.data_dir, root=self.root).abbreviations()
                self.segmenting = Worker(functools.partial(_index_work, segmenter(abbreviations)))
                self._entries_seen = 0
            # What is loaded by now (the data, the theme, the Markdown extensions) lives as long as the build: keep it
            # out of the garbage collector's full passes, which otherwise walk it again and again as pages render.
            gc.freeze()
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.pages.clear()
        self._contents.clear()
        if previewing() and (errors := self._data_errors()):
            print(f"\n{errors.report()}\n", file=sys.stderr, flush=True)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.filters["thai_date"] = thai_date
        return env

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Live preview with broken data: the messages (file, line, what to do) at the top of every page."""
        if previewing() and (errors := self._data_errors()):
            title = f"ข้อมูลใน data/ มีข้อผิดพลาด {len(errors.errors)} รายการ: แก้แล้วบันทึก หน้านี้จะโหลดใหม่เอง"
            return preview_box(title, errors.errors) + html_text
        return html_text

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Remember each page's title and description for the search index's hidden ``page`` field, and the titles
        of its boxes for the ``boxes`` field; give the page its "last updated" date."""
        title, description = str(page.meta.get("title") or page.title or ""), str(page.meta.get("description") or "")
        if page.file.src_uri in self.updated:
            page.meta["hb_updated"] = self.updated[page.file.src_uri]  # for overrides/partials/source-file.html
        entries = _search_entries(config)
        if self.segmenting is not None and entries is not None:  # the search plugin (listed first) indexed the page
            new, self._entries_seen = entries[self._entries_seen:], len(entries)
            self.segmenting.submit([*(("text", v) for e in new for k in ("title", "text")
                                      if isinstance(v := e.get(k), str)), ("boxes", page.content or "")])
            self._contents[page.url] = (title, description, page.content or "")  # boxes: from the worker
        else:
            self.pages[page.url] = PageMeta(title, description, box_titles(page.content or ""))
        return context

    @event_priority(-50)  # after the search plugin wrote the index (0), before the offline plugin inlines it (-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if previewing() and self._data_errors():
            return  # the pages already show the errors
        site_dir = Path(config.site_dir)
        written, self.calendars = self.calendars, None
        segmenting, self.segmenting = self.segmenting, None
        done = segmenting.results() if segmenting is not None else {}
        for url, (title, description, content) in self._contents.items():  # anything the worker missed, here
            boxes = done[("boxes", content)] if ("boxes", content) in done else box_titles(content)
            self.pages[url] = PageMeta(title, description, boxes)
        self._contents.clear()
        try:
            if written is not None:
                written.wait()
            finish_site(site_dir, self.root, _site_facts(config), MKDOCS_SEARCH if self.config.thai_search else None,
                        app=_app_facts(config) if config.extra.get("offline_app") else None, pages=self.pages,
                        data_dir=self.config.data_dir, calendars=written is None,
                        segmented={text: cut for (kind, text), cut in done.items() if kind == "text"})
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        if previewing() and not config.extra.get("offline_app"):
            write_retired_worker(site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still ends its processes (none is left behind)."""
        written, self.calendars = self.calendars, None
        if written is not None:
            written.close()
        segmenting, self.segmenting = self.segmenting, None
        if segmenting is not None:
            segmenting.close()


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


def _index_work(segment: Callable[[str], str], item: tuple[str, str]) -> Any:
    """The worker's job for one item: ("text", a field of the index) -> its Thai word cuts; ("boxes", a page's
    HTML) -> its box titles (:func:`search_index.box_titles`)."""
    kind, value = item
    return segment(value) if kind == "text" else box_titles(value)


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The entries mkdocs-material's search plugin has made so far (title, text, location per section), or None
    when its index is not where this reads it: then the Thai words are all cut after the build, as before."""
    entries = getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else None


def _search_plugin(config: MkDocsConfig) -> Any:
    """mkdocs-material's search plugin (``search`` or ``material/search``), or None."""
    return next((p for name, p in config.plugins.items() if name.endswith("search")), None)


def _site_facts(config: MkDocsConfig) -> SiteFacts:
    return SiteFacts(site_url=config.site_url or "",
                     office_name=str(config.extra.get("office", {}).get("name", config.site_name)),
                     fiscal_year=configured_fiscal_year(config.extra.get("fiscal_year")),
                     use_directory_urls=bool(config.use_directory_urls))


def _app_facts(config: MkDocsConfig) -> AppFacts:
    office = config.extra.get("office", {})
    search = _search_plugin(config)
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
