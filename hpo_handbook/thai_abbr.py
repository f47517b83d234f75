"""Abbreviation tooltips that work in Thai text.

Python-Markdown's ``abbr`` extension only matches an abbreviation between ``\\b`` word boundaries.
Thai is written without spaces, so ``สพป.`` inside ``ของสพป.เชียงใหม่`` has no word boundary on either
side and never gets its tooltip. This subclass keeps the extension (and its ``glossary`` option and
``*[X]: ...`` definitions) and only changes the pattern: a match may not touch Latin letters or
digits (so ``PA`` does not match inside ``PAGE``), and Thai letters around it are allowed.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension, AbbrTreeprocessor


class ThaiAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        keys = sorted(self.abbrs, key=len, reverse=True)  # longest first: ผอ.สพป. before สพป.
        alternation = "|".join(re.escape(k) for k in keys)
        self.RE = re.compile(f"(?<![A-Za-z0-9])(?:{alternation})(?![A-Za-z0-9])")
        self.iter_element(root)
        return None


class ThaiAbbrExtension(AbbrExtension):
    """Declared in mkdocs.yml with ``data_dir: !relative $config_dir/data``: the abbreviations then come from the
    handbook's data (glossary, roles, committees), the same list as the search index uses."""

    def __init__(self, data_dir: str | os.PathLike[str] = "", **kwargs: Any):
        super().__init__(**kwargs)  # AbbrExtension sets its own config; data_dir is this subclass's only option
        self.data_dir = os.fspath(data_dir)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        if self.data_dir:
            self.load_glossary(_handbook_abbreviations(Path(self.data_dir)))
        if self.config["glossary"][0]:
            self.load_glossary(self.config["glossary"][0])
        self.abbrs.update(self.glossary)
        md.registerExtension(self)
        md.treeprocessors.register(ThaiAbbrTreeprocessor(md, self.abbrs), "abbr", 7)
        md.parser.blockprocessors.register(AbbrBlockprocessor(md.parser, self.abbrs), "abbr", 16)


def _handbook_abbreviations(data_dir: Path) -> dict[str, str]:
    from .context import load_cached  # here: the loader is only needed when the extension is declared this way
    from .errors import DataErrors

    try:
        return load_cached(data_dir, root=data_dir.parent).abbreviations()
    except DataErrors:
        return {}  # the build reports the data errors itself (and the live preview shows them in the page)


def makeExtension(**kwargs: Any) -> ThaiAbbrExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return ThaiAbbrExtension(**kwargs)
