"""mkdocs-macros adapter: register the core's macros and filters, nothing else.

Usage in a page (see ``docs/contributing.md`` for every macro)::

    {{ indicators("leadership") }}      {{ ind("LD-01") }}      {{ ref("nea-2542") }}

Loaded as a pluglet (``plugins.macros.modules`` in mkdocs.yml). The data is loaded and validated once per state of
``data/`` (:func:`context.load_cached`), and each macro call gets a :class:`RenderContext` for the page being
rendered. In the live preview (``mkdocs serve``) a data or macro error does not stop the server: the page shows the
Thai message (with the line of the page's Markdown) in a red box at its top, a red sign marks where the macro was,
the terminal prints it, and the page is rebuilt once the file is fixed. ``mkdocs build`` (and CI) fail on the same
error. The box is HTML, not Markdown, and the sign has no text, so neither enters a heading or the table of contents
(``event_months`` is called inside headings).
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from mkdocs.exceptions import PluginError

from ..context import RenderContext, configured_fiscal_year, load_cached
from ..errors import PREVIEW_MARK, DataError, DataErrors, emit_annotations, preview_box
from ..links import Links
from ..macros import MACROS
from ..render import UnknownId
from ..thai import fiscal_year, thai_date
from . import mkdocs_plugin

DATA_DIR = "data"
# Names a page may use besides the macros, the variables and Jinja's globals: the loop and macro helpers.
JINJA_NAMES = {"loop", "super", "caller", "varargs", "kwargs", "self", "true", "false", "none", "True", "False", "None"}
MACRO_FIX = "แก้ id ให้ตรงกับ id ที่มีอยู่ใน data/ (คำสั่งแต่ละตัวอธิบายไว้ใน CONTRIBUTING.md)"

_page_errors: dict[str, list[DataError]] = {}  # page -> the macro errors of its last rendering (preview)
# page -> its RenderContext while it renders: made at its first macro call and shared by the rest (a chapter calls
# dozens), so data/ is checked for changes once per page, not once per call.
_contexts: dict[str, RenderContext] = {}
# page text -> its Jinja tree, parsed by template_error for the checks and handed to mkdocs-macros' compile of the
# same text (see _parse_once): the page is parsed once, not twice.
_trees: dict[str, nodes.Template] = {}


def define_env(env: Any) -> None:
    """Called by mkdocs-macros at ``on_config``: register each macro bound to the page being rendered."""
    for name, function in MACROS.items():
        env.macro(_bind(env, function), name)
    env.filter(thai_date, "thai_date")
    env.filter(fiscal_year, "fiscal_year")
    if not mkdocs_plugin.previewing():
        _context(env, "index.md")  # fail the build at once on a data error, before any page is rendered


def on_pre_page_macros(env: Any) -> None:
    """Before a page's macros run: check that its ``{{ }}`` parse and name known macros, so that a mistake there is
    one Thai error with its line (the build stops on it; the preview shows it above the page's source)."""
    if env.page is None:
        return
    _page_errors[env.page.file.src_uri] = []
    _contexts.pop(env.page.file.src_uri, None)
    _parse_once(env.env)
    error = template_error(env)
    if error is None:
        return
    if not mkdocs_plugin.previewing():
        raise PluginError(str(error))
    print(f"\nข้อผิดพลาดในหน้า {error}\n", file=sys.stderr, flush=True)
    _page_errors[env.page.file.src_uri].append(error)
    # The page cannot be rendered: show its source as written, under the box.
    env.markdown = "" if "endraw" in env.markdown else "{% raw %}" + env.markdown + "{% endraw %}"


def on_post_page_macros(env: Any) -> None:
    """The preview's box of this page's macro errors, after its title; and with HB_DUMP_MARKDOWN=<folder>, each
    page's Markdown after the macros ran (for debugging a macro, and for the benchmark's same-content comparison
    with a bare mkdocs-material build)."""
    if env.page is not None:
        _contexts.pop(env.page.file.src_uri, None)
    if env.page is not None and (errors := _page_errors.pop(env.page.file.src_uri, None)):
        if not mkdocs_plugin.previewing():  # every error of the page at once, outside mkdocs-macros' English wrapper
            emit_annotations(errors)
            head = f"พบข้อผิดพลาดในหน้า docs/{env.page.file.src_uri} {len(errors)} รายการ (build หยุด):"
            raise PluginError("\n".join([head, *(f"  {i}. {e}" for i, e in enumerate(errors, 1))]))
        box = preview_box(f"หน้านี้มีข้อผิดพลาด {len(errors)} รายการ: แก้แล้วบันทึก หน้านี้จะโหลดใหม่เอง", errors)
        env.markdown = with_box(env.markdown, box)
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
            ctx = _contexts.get(page_src) if env.page else None
            if ctx is None:
                ctx = _context(env, page_src)
                if env.page:
                    _contexts[page_src] = ctx
            return function(ctx, *args, **kwargs)
        except UnknownId as exc:
            # Kept for the page's box (preview) or its one report (build: see on_post_page_macros).
            error = DataError(f"docs/{page_src}", page_line(env, call_line()), "", str(exc), MACRO_FIX)
            if mkdocs_plugin.previewing():
                print(f"\nข้อผิดพลาดในหน้า {error}\n", file=sys.stderr, flush=True)
            _page_errors.setdefault(page_src, []).append(error)
            return PREVIEW_MARK
        except PluginError as exc:
            if mkdocs_plugin.previewing():  # data errors: the plugin prints them once and put them atop every page
                return PREVIEW_MARK
            raise exc from None

    return macro


# ── Where in the page ─────────────────────────────────────────────────────────────────────────


def call_line() -> int | None:
    """The line, in the Markdown given to Jinja, of the ``{{ }}`` being rendered (from the template's frame)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def page_line(env: Any, line: int | None) -> int | None:
    """A line of the Markdown after the front matter, as a line of the page's file (the front matter counted)."""
    if line is None or env.page is None:
        return line
    try:
        source = env.page.file.content_string
    except (OSError, TypeError, ValueError):
        return line
    body = env.page.markdown or ""
    offset = source.count("\n", 0, len(source) - len(body)) if body and source.endswith(body) else 0
    return line + offset


def template_error(env: Any) -> DataError | None:
    """A ``{{ }}`` that does not parse, or names no macro or variable, in the page about to be rendered."""
    page_src = env.page.file.src_uri
    try:
        ast = env.env.parse(env.markdown)
    except TemplateSyntaxError as exc:
        return DataError(f"docs/{page_src}", page_line(env, exc.lineno), "",
                         f"คำสั่งในวงเล็บปีกกาเขียนไม่ครบหรือไม่ถูกต้อง (Jinja: {exc.message})",
                         'เขียนคำสั่งเป็น `{{ ชื่อคำสั่ง("id") }}` ให้วงเล็บ เครื่องหมายคำพูด และ `}}` ครบคู่ '
                         'เช่น `{{ ind("LD-01") }}`')
    known = {*env.variables, *env.macros, *env.env.globals, *(env.page.meta or {}), *JINJA_NAMES}
    known |= {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for name in ast.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known:
            close = difflib.get_close_matches(name.name, list(MACROS), n=1)
            hint = f" หรือหมายถึง `{close[0]}`?" if close else ""
            return DataError(f"docs/{page_src}", page_line(env, name.lineno), "",
                             f"ไม่รู้จักคำสั่ง `{name.name}`{hint}",
                             "ใช้คำสั่งที่มีในตาราง \"คำสั่งดึงข้อมูลที่ใช้ในหน้า Markdown\" ของ CONTRIBUTING.md")
    _trees.clear()
    _trees[env.markdown] = ast
    return None


def _parse_once(jinja_env: Any) -> None:
    """Let mkdocs-macros' Jinja environment take the tree :func:`template_error` just parsed from the same text
    instead of parsing the page again when it compiles it (parsing is half of Jinja's compile of a page). Any other
    text is parsed as before."""
    if getattr(jinja_env, "_hb_parse_once", False) or not callable(getattr(jinja_env, "_parse", None)):
        return  # done already, or a Jinja without this private step: pages are parsed twice, as before
    parse = jinja_env._parse

    def _parse(source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = _trees.pop(source, None)
        return tree if tree is not None else parse(source, name, filename)

    jinja_env._parse = _parse
    jinja_env._hb_parse_once = True


def with_box(markdown: str, box: str) -> str:
    """``markdown`` with ``box`` (one line of HTML) after its title, or first when it has none: the page keeps its
    title (MkDocs reads it from a first-line heading)."""
    title = re.match(r"\A(?:[ \t]*\n)*#[ \t][^\n]*\n", markdown)
    at = title.end() if title else 0
    return f"{markdown[:at]}\n{box}\n\n{markdown[at:]}"
