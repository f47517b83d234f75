"""Markdown from YAML, rendered without raw HTML and without unsafe links.

Python-Markdown has no switch to turn raw HTML off, so the text is HTML-escaped first (``<script>``
becomes visible text) and links whose scheme is not http(s), mailto or a relative path are dropped.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from .thai_abbr import ThaiAbbrExtension

_SAFE_URL = re.compile(r"^(https?:|mailto:|#|\.{0,2}/|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                url = el.get(attr)
                if url is not None and not _SAFE_URL.match(url.strip()):
                    del el.attrib[attr]


class _SafeExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", 0)


_md = markdown.Markdown(extensions=[_SafeExtension(), "sane_lists"])


def use_abbreviations(abbreviations: dict[str, str]) -> None:
    """Give text rendered from YAML (indicator descriptions) the same hover tooltips as the pages."""
    global _md
    _md = markdown.Markdown(extensions=[_SafeExtension(), "sane_lists", ThaiAbbrExtension(glossary=abbreviations)])


def to_html(text: str, inline: bool = False) -> str:
    """Render contributor Markdown safely. ``inline=True`` strips the wrapping ``<p>``."""
    _md.reset()
    out = _md.convert(html.escape(text, quote=False))
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


def escape_markdown(text: str) -> str:
    """Make text safe inside Markdown link text or a heading: specials backslash-escaped, HTML escaped."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)
