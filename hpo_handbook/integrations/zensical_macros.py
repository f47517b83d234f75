"""Zensical adapter: the same core macros as ``mkdocs_macros.py``, registered through Zensical's mkdocs-macros
support (``plugins.macros.modules`` in ``zensical.yml``).

Zensical calls ``define_env`` once per page, inside that page's Markdown conversion, with a fresh env whose
``page.path`` is the source file under docs/. Hence:

- imports are absolute (Zensical may also load a macros module from a file path, outside its package);
- the project root is ``env.project_dir`` (Zensical's env has no ``conf["config_file_path"]``);
- nothing here changes the configuration: Zensical does not honour such changes reliably (heading ids, the
  footer and tooltips then depend on the order pages happen to be rendered in);
- links are computed from the source file (:attr:`Links.from_source`), the base Zensical resolves raw-HTML hrefs
  against.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from hpo_handbook.context import RenderContext, configured_fiscal_year, load_cached
from hpo_handbook.links import Links
from hpo_handbook.macros import MACROS
from hpo_handbook.render import UnknownId
from hpo_handbook.thai import fiscal_year, thai_date

DATA_DIR = "data"


class MacroError(Exception):
    """A data or macro error in a page; with ``on_error_fail`` it stops the build with the Thai message."""


def define_env(env: Any) -> None:
    """Register each macro bound to the page this env was made for."""
    page_src = str(getattr(env.page, "path", None) or "index.md")
    for name, function in MACROS.items():
        env.macro(_bind(env, function, page_src), name)
    env.filter(thai_date, "thai_date")
    env.filter(fiscal_year, "fiscal_year")


def page_context(env: Any, page_src: str) -> RenderContext:
    """The core's render context for one page, from Zensical's reading of mkdocs.yml."""
    root = Path(env.project_dir)
    conf = env.conf
    extra = conf.get("extra") or {}
    return RenderContext(
        handbook=load_cached(root / DATA_DIR, root=root),  # DataErrors carries the Thai report of every problem
        links=Links(page_src, bool(conf.get("use_directory_urls", True)), from_source=True),
        office=dict(extra.get("office") or {}),
        site_url=conf.get("site_url") or "",
        fiscal_year=configured_fiscal_year(extra.get("fiscal_year")),
    )


def _bind(env: Any, function: Any, page_src: str) -> Any:
    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        try:
            return function(page_context(env, page_src), *args, **kwargs)
        except UnknownId as exc:
            raise MacroError(f"docs/{page_src}: {exc}") from None

    return macro
