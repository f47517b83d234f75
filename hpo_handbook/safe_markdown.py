"""Markdown from YAML, rendered without raw HTML and without unsafe links.

Python-Markdown has no switch to turn raw HTML off, so the text is HTML-escaped first (``<script>``
becomes visible text) and links whose scheme is not http(s), mailto or a relative path are dropped.
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=8)
def _converter(abbreviations: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    extensions: list[markdown.Extension | str] = [_SafeExtension(), "sane_lists"]
    if abbreviations:  # the same hover tooltips as the pages
        extensions.append(ThaiAbbrExtension(glossary=dict(abbreviations)))
    return markdown.Markdown(extensions=extensions)


def to_html(text: str, inline: bool = False, abbreviations: dict[str, str] | None = None) -> str:
    """Render contributor Markdown safely. ``inline=True`` strips the wrapping ``<p>``."""
    md = _converter(tuple(sorted((abbreviations or {}).items())))
    md.reset()
    out = md.convert(html.escape(text, quote=False))
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


def escape_markdown(text: str) -> str:
    """Make text safe inside Markdown link text or a heading: specials backslash-escaped, HTML escaped."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)
