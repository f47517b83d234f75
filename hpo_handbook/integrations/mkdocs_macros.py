"""mkdocs-macros adapter: register the core's macros and filters, nothing else.

Usage in a page (see ``docs/contributing.md`` for every macro)::

    {{ indicators("leadership") }}      {{ ind("LD-01") }}      {{ ref("nea-2542") }}

Loaded as a pluglet (``plugins.macros.modules`` in mkdocs.yml). The data is loaded and validated once per state of
``data/`` (:func:`context.load_cached`), and each macro call gets a :class:`RenderContext` for the page being
rendered. In the live preview (``mkdocs serve``) a data or macro error does not stop the server: the macro shows
the Thai message in the page, the terminal prints it, and the page is rebuilt once the file is fixed. ``mkdocs
build`` (and CI) fail on the same error.
"""

from __future__ import annotations

import functools
import html
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from ..context import RenderContext, configured_fiscal_year, load_cached
from ..errors import DataErrors, emit_annotations
from ..links import Links
from ..macros import MACROS
from ..render import UnknownId
from ..thai import fiscal_year, thai_date
from . import mkdocs_plugin

DATA_DIR = "data"


def define_env(env: Any) -> None:
    """Called by mkdocs-macros at ``on_config``: register each macro bound to the page being rendered."""
    for name, function in MACROS.items():
        env.macro(_bind(env, function), name)
    env.filter(thai_date, "thai_date")
    env.filter(fiscal_year, "fiscal_year")
    if not mkdocs_plugin.previewing():
        _context(env, "index.md")  # fail the build at once on a data error, before any page is rendered


def on_post_page_macros(env: Any) -> None:
    """With HB_DUMP_MARKDOWN=<folder>, keep each page's Markdown after the macros ran (for debugging a macro,
    and for the benchmark's same-content comparison with a bare mkdocs-material build)."""
    folder = os.environ.get("HB_DUMP_MARKDOWN")
    if folder and env.page is not None:
        target = Path(folder) / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.markdown, encoding="utf-8")


def _fiscal_year(extra: dict[str, Any]) -> int:
    try:
        return configured_fiscal_year(extra.get("fiscal_year"))
    except ValueError as exc:
        raise PluginError(f"mkdocs.yml: extra.fiscal_year {exc}") from None


def _context(env: Any, page_src: str) -> RenderContext:
    root = Path(env.project_dir)
    try:
        handbook = load_cached(root / DATA_DIR, root=root)
    except DataErrors as exc:
        emit_annotations(exc.errors)
        raise PluginError(exc.report()) from None
    return RenderContext(
        handbook=handbook,
        links=Links(page_src, bool(env.conf["use_directory_urls"])),
        office=env.conf["extra"].get("office", {}),
        site_url=env.conf.get("site_url") or "",
        fiscal_year=_fiscal_year(env.conf["extra"]),
    )


def _bind(env: Any, function: Any) -> Any:
    """Give a render function the context of the page being rendered; in the preview, show errors in the page."""

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        page_src = env.page.file.src_uri if env.page else "index.md"
        try:
            return function(_context(env, page_src), *args, **kwargs)
        except UnknownId as exc:
            message = f"docs/{page_src}: {exc}"
            if mkdocs_plugin.previewing():
                print(f"\nข้อผิดพลาดในหน้า {message}\n", file=sys.stderr, flush=True)
                return error_box(message)
            raise PluginError(message) from None
        except PluginError as exc:
            if mkdocs_plugin.previewing():  # data errors: the plugin prints them once and put them atop every page
                return error_box("ข้อมูลใน data/ มีข้อผิดพลาด ดูรายละเอียดที่กรอบด้านบนของหน้า")
            raise exc from None

    return macro


def error_box(message: str) -> str:
    """A red admonition with the message, for the live preview only."""
    body = html.escape(message).replace("\n", "<br>")
    return ('<div class="admonition failure hb-preview-error"><p class="admonition-title">แก้ไขก่อนเผยแพร่</p>'
            f"<p>{body}</p></div>")
