"""The Jinja environment of the HTML fragments in ``templates/``: autoescaping on, strict undefined.

Every string from YAML is escaped by Jinja; fields that allow Markdown go through :mod:`safe_markdown` with the
abbreviations of the context, so tooltips appear in descriptions too.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from .model import ADMIN_AREAS, LEVEL_NAMES, PMQA_CATEGORIES
from .safe_markdown import to_html


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(level_names=LEVEL_NAMES, pmqa=PMQA_CATEGORIES, admin_areas=ADMIN_AREAS)
    env.filters["md"] = _md
    env.filters["md_inline"] = _md_inline
    return env


@pass_context
def _md(ctx: Context, text: str) -> Markup:
    return Markup(to_html(text, abbreviations=ctx.get("abbreviations") or {}))


@pass_context
def _md_inline(ctx: Context, text: str) -> Markup:
    return Markup(to_html(text, inline=True, abbreviations=ctx.get("abbreviations") or {}))


def render_fragment(name: str, abbreviations: dict[str, str] | None = None, **context: object) -> str:
    """One template rendered into a single raw-HTML block (Markdown ends such a block at a blank line)."""
    html = _environment().get_template(name).render(abbreviations=abbreviations or {}, **context)
    return "\n".join(line for line in html.splitlines() if line.strip())
