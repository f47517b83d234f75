"""Split Thai text in mkdocs-material's search index into words, so lunr can find a word inside a Thai sentence.

Thai is written without spaces between words, so the stock index holds whole phrases as single tokens. This hook
rewrites ``search/search_index.json`` after the search plugin wrote it (and ``search/search_index.js``, the copy
the offline plugin inlines for file://), inserting an empty ``<wbr/>`` element at every Thai word boundary found by
ICU's word BreakIterator (the engine behind the browser's ``Intl.Segmenter``, which segments the query in
``docs/assets/javascripts/thai-search.js``).

Why ``<wbr/>`` and not an invisible character such as U+200B: mkdocs-material's worker tokenizer
(``integrations/search/internal/tokenize``) already treats markup as a token boundary, and result titles and
snippets are slices of the indexed string inserted as HTML. A character would show up in those slices (and in
copy/paste of a result); a self-closing ``<wbr/>`` element is no character at all, and it even marks a correct
line-break opportunity. Page HTML is untouched: only the index changes.

It also adds a hidden ``page`` field (the page's title and description, segmented) to every section, boosted in
``plugins.search.fields`` of mkdocs.yml, so that a query naming a chapter's subject ranks that chapter's sections
above a page that mentions the word once. The worker indexes every configured field but renders only title/text.

Portability: Zensical skips MkDocs hooks and builds its own search index. There this module's ``segment_html``
would move to a small post-build step over Zensical's index (or be dropped if its search learns Thai itself);
the query-side script needs no change.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import icu
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

WBR = "<wbr/>"
THAI = "\u0e00-\u0e7f"
_THAI_CHAR = re.compile(f"[{THAI}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters that take two UTF-16 units (emoji)
# Markup and entities are kept whole; only the text between them is segmented.
_MARKUP = re.compile(r"(<[^>]*>|&[#\w]+;)")
# Letter-dot chains such as ก.ค.ศ. or พ.ศ. are always one word. thai-search.js has the same rule.
CHAIN = r"(?:[ก-ฮ]\.){2,}"
GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"

_breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))
_pages: dict[str, dict[str, str]] = {}


def thai_abbreviations(path: Path = GLOSSARY) -> list[str]:
    """Thai abbreviations of the glossary (สพป., ผอ.สพป., ...), longest first.

    ICU's dictionary does not know them and mangles the words around an unknown one (การบริหารสพป. comes out as
    กา|รบ|ริ|หา|รสพป), so they are cut out before ICU runs. The list also goes to the browser inside the index
    (``config.thai_abbr``) so the query is cut the same way.
    """
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except OSError:
        return []
    found = {str(e["abbr"]).strip() for e in entries if isinstance(e, dict) and e.get("abbr")}
    return sorted((a for a in found if _THAI_CHAR.search(a)), key=lambda a: (-len(a), a))


def _protector(abbrs: list[str]) -> re.Pattern[str]:
    return re.compile("|".join([*(re.escape(a) for a in abbrs), CHAIN]))


def _is_thai(ch: str) -> bool:
    return bool(_THAI_CHAR.match(ch))


def _icu_cuts(piece: str, offset: int) -> set[int]:
    _breaker.setText(piece)
    if not _ASTRAL.search(piece):  # the usual case: UTF-16 units and string indexes are the same
        return {offset + b for b in _breaker}
    # PyICU counts UTF-16 code units; map them back to string indexes (Thai itself is in the BMP).
    units = [0]
    for ch in piece:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    index_of = {u: i for i, u in enumerate(units)}
    return {offset + index_of[b] for b in _breaker if b in index_of}


def boundaries(text: str, protect: re.Pattern[str]) -> list[int]:
    """Word boundaries of ``text``: ICU's, run separately on the pieces between known abbreviations and dots (a
    dot ends a Thai abbreviation: ICU reads สพป.ตัวอย่าง as one word), plus every Thai/non-Thai change (ICU
    glues ใช้PLCใน into one word). No boundary falls inside a protected abbreviation."""
    spans = [m.span() for m in protect.finditer(text)]
    cuts: set[int] = set()
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        for piece in re.finditer(r"[^.]+\.?|\.", text[pos:start]):
            cuts |= _icu_cuts(piece.group(), pos + piece.start())
            cuts.add(pos + piece.end())
        cuts |= {start, end}
        pos = end
    cuts = {c for c in cuts if c >= len(text) or text[c] != "."}  # a dot stays on its word: ผอ. not ผอ|.
    cuts |= {m.start() for m in _SCRIPT_CHANGE.finditer(text)}
    inside = {c for start, end in spans for c in range(start + 1, end)}
    return sorted(c for c in cuts if 0 < c < len(text) and c not in inside)


# Every position where Thai meets a non-Thai character (never before a dot), found in one regex pass.
_SCRIPT_CHANGE = re.compile(r"(?<=[\u0e00-\u0e7f])(?=[^\u0e00-\u0e7f.])|(?<=[^\u0e00-\u0e7f])(?=[\u0e00-\u0e7f])")


def segment_text(text: str, protect: re.Pattern[str], sep: str = WBR) -> str:
    """Insert ``sep`` at each word boundary that touches a Thai letter (or follows a dot), unless a space is there."""
    if not _THAI_CHAR.search(text):
        return text
    out: list[str] = []
    prev = 0
    for cut in boundaries(text, protect):
        left, right = text[cut - 1], text[cut]
        if (_is_thai(left) or _is_thai(right) or left == ".") and not left.isspace() and not right.isspace():
            out.append(text[prev:cut])
            out.append(sep)
            prev = cut
    out.append(text[prev:])
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # titles and page fields repeat across a page's sections
def segment_html(value: str, protect: re.Pattern[str]) -> str:
    """Segment the text parts of an index field, leaving tags and entities intact."""
    return "".join(part if _MARKUP.fullmatch(part) else segment_text(part, protect) for part in _MARKUP.split(value))


def segment_index(data: dict[str, Any]) -> dict[str, Any]:
    """Segment every document's title and text and add the hidden ``page`` field."""
    abbrs = thai_abbreviations()
    protect = _protector(abbrs)
    data.setdefault("config", {})["thai_abbr"] = abbrs
    for doc in data.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segment_html(doc[field], protect)
        meta = _pages.get(doc.get("location", "").split("#")[0])
        if meta and "page" in data.get("config", {}).get("fields", {}):
            doc["page"] = segment_html(" ".join(v for v in (meta["title"], meta["description"]) if v), protect)
    return data


IFRAME_WORKER = "assets/javascripts/vendor/iframe-worker-shim.js"


@event_priority(-100)  # after mkdocs-material's offline plugin added its polyfill
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    """Offline edition: run the search worker through the vendored iframe-worker shim, not the public CDN copy,
    and turn off instant navigation.

    Browsers refuse Web Workers on file://, so the offline plugin adds iframe-worker from a public CDN; the offline
    edition has no network and no page may load from another host, so the vendored copy replaces it.
    """
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [IFRAME_WORKER if "iframe-worker" in str(p) else p for p in polyfills]
    offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    if offline is not None and offline.config.get("enabled"):
        # Instant navigation fetches pages and the sitemap, which file:// forbids; mkdocs-material lists it as
        # unsupported offline. Without it the page scripts (checklists, self-assessment) start on every page.
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def on_page_context(context: dict[str, Any], page: Page, **_: Any) -> dict[str, Any]:
    """Remember each page's title and description for the ``page`` field."""
    _pages[page.url] = {
        "title": str(page.meta.get("title") or page.title or ""),
        "description": str(page.meta.get("description") or ""),
    }
    return context


@event_priority(-50)  # after the search plugin wrote the index (0), before the offline plugin inlines it (-100)
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    base = Path(config.site_dir) / "search"
    path = base / "search_index.json"
    if not path.is_file():
        return
    data = segment_index(json.loads(path.read_text(encoding="utf-8")))
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(raw, encoding="utf-8")
    inline = base / "search_index.js"
    if inline.is_file():  # written already by an offline plugin that ran first: rewrite it the same way
        inline.write_text(f"var __index = {raw}", encoding="utf-8")
