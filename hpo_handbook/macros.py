"""Every macro a page may call, by name: ``{{ indicators("leadership") }}`` runs ``render.indicators(context, ...)``.

The one list an integration registers (mkdocs-macros today, a Zensical shim tomorrow); the functions are plain
``(RenderContext, *args) -> str`` and know nothing of the builder.
"""

from __future__ import annotations

from collections.abc import Callable

from . import assessment, calendar_pages, render

MACROS: dict[str, Callable[..., str]] = {**render.MACROS, **assessment.MACROS, **calendar_pages.MACROS}
