"""Make ``thai_date`` (Buddhist Era, Thai month names) available to the theme's templates.

mkdocs-macros registers it for page Markdown only; the "last updated" line is rendered by the theme
(overrides/partials/source-file.html), so the theme's Jinja environment needs it too. A builder
that skips MkDocs hooks (Zensical) would leave it out; the template then shows the ISO date.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# MkDocs puts only hooks/ on sys.path while loading a hook; the formatter lives in the project's package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.thai import thai_date


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["thai_date"] = thai_date
    return env
