"""mkdocs-macros adapter: load the data once, register the macros and filters (plus an opt-in debug dump).

Usage in a page (see ``docs/contributing.md`` for every macro)::

    {{ indicators("leadership") }}      {{ ind("LD-01") }}      {{ ref("nea-2542") }}

The logic lives in plain modules (``loader``, ``render``) that are tested without MkDocs, so the
handbook can move to another builder (Zensical runs mkdocs-macros modules) with this file only.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import render, safe_markdown
from .errors import DataErrors, emit_annotations
from .loader import Handbook, load
from .thai import fiscal_year, slugify, thai_date
from .thai_abbr import ThaiAbbrExtension

DATA_DIR = "data"


def define_env(env: Any) -> None:
    """Called by mkdocs-macros at ``on_config``."""
    root = Path(env.conf["config_file_path"]).parent
    try:
        hb = load(root / DATA_DIR, root=root)
    except DataErrors as exc:
        emit_annotations(exc.errors)
        raise PluginError(exc.report()) from None
    env.variables["handbook"] = hb

    # Glossary abbreviations show their full form on hover on every page. Registered here rather
    # than in mkdocs.yml because the list comes from data/glossary.yml.
    env.conf["markdown_extensions"].append(ThaiAbbrExtension(glossary=hb.abbreviations()))
    safe_markdown.use_abbreviations(hb.abbreviations())  # and in descriptions rendered from YAML

    env.conf["mdx_configs"].setdefault("toc", {})["slugify"] = slugify  # Thai heading ids (see thai.slugify)

    office = env.conf["extra"]["office"]
    env.conf["copyright"] = f"{office['name']} · {office['address']}"

    for name, function in render.MACROS.items():
        env.macro(_bind(env, hb, function), name)
    env.filter(thai_date, "thai_date")
    env.filter(fiscal_year, "fiscal_year")


def on_post_page_macros(env: Any) -> None:
    """With HB_DUMP_MARKDOWN=<folder>, keep each page's Markdown after the macros ran (for debugging a macro,
    and for the benchmark's same-content comparison with a bare mkdocs-material build)."""
    folder = os.environ.get("HB_DUMP_MARKDOWN")
    if folder and env.page is not None:
        target = Path(folder) / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.markdown, encoding="utf-8")


def _bind(env: Any, hb: Handbook, function: Any) -> Any:
    """Give a render function the handbook and links relative to the page being rendered."""

    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        page_src = env.page.file.src_uri if env.page else "index.md"
        links = render.Links(page_src, bool(env.conf["use_directory_urls"]))
        try:
            return function(hb, links, *args, **kwargs)
        except render.UnknownId as exc:
            raise PluginError(f"docs/{page_src}: {exc}") from None

    return macro
