"""Thai word boundaries for a search index, so a word inside a Thai sentence can be found.

Thai is written without spaces between words, so a stock index holds whole phrases as single tokens. This module
inserts an empty ``<wbr/>`` element at every Thai word boundary found by ICU's word BreakIterator (the engine behind
the browser's ``Intl.Segmenter``, which segments the query in ``docs/assets/javascripts/thai-search.js``).

Why ``<wbr/>`` and not an invisible character such as U+200B: mkdocs-material's worker tokenizer already treats
markup as a token boundary, and result titles and snippets are slices of the indexed string inserted as HTML. A
character would show up in those slices (and in copy/paste of a result); a self-closing ``<wbr/>`` element is no
character at all, and it even marks a correct line-break opportunity. Page HTML is untouched: only the index.

:func:`segment_index` also adds a hidden ``page`` field (the page's title and description, segmented) to every
section, so that a query naming a chapter's subject ranks that chapter's sections first, a hidden ``boxes`` field
(the titles of the boxes in a section: an example to copy, a note; :func:`box_titles`), so that a query naming an
example finds the section that holds it, and joins the words of a label that opens many page titles
(:func:`join_title_labels`), so that a label does not outrank the subject.

Plain functions of (index data, abbreviations, page titles); :func:`post_build.segment_search_index` applies them to
a built index, after the search plugin wrote it. The abbreviations are the handbook's own
(:meth:`loader.Handbook.abbreviations`: glossary, roles and committees), the same list as the tooltips.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import icu

WBR = "<wbr/>"
THAI = "\u0e00-\u0e7f"
_THAI_CHAR = re.compile(f"[{THAI}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters that take two UTF-16 units (emoji)
# Markup and entities are kept whole; only the text between them is segmented.
_MARKUP = re.compile(r"(<[^>]*>|&[#\w]+;)")
# Letter-dot chains such as ก.ค.ศ. or พ.ศ. are always one word. thai-search.js has the same rule.
CHAIN = r"(?:[ก-ฮ]\.){2,}"

_breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))


def thai_abbreviations(abbreviations: Iterable[str]) -> list[str]:
    """The Thai ones among the handbook's abbreviations (สพป., ผอ.สพป., ...), longest first.

    ICU's dictionary does not know them and mangles the words around an unknown one (การบริหารสพป. comes out as
    กา|รบ|ริ|หา|รสพป), so they are cut out before ICU runs. The list also goes to the browser inside the index
    (``config.thai_abbr``) so the query is cut the same way.
    """
    found = {a.strip() for a in abbreviations}
    return sorted((a for a in found if _THAI_CHAR.search(a)), key=lambda a: (-len(a), a))


def _protector(abbrs: list[str]) -> re.Pattern[str]:
    return re.compile("|".join([*(re.escape(a) for a in abbrs), CHAIN]))


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _icu_cuts(piece: str, offset: int) -> list[int]:
    _breaker.setText(piece)
    if not _ASTRAL.search(piece):  # the usual case: UTF-16 units and string indexes are the same
        return [offset + b for b in _breaker]
    # PyICU counts UTF-16 code units; map them back to string indexes (Thai itself is in the BMP).
    units = [0]
    for ch in piece:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    index_of = {u: i for i, u in enumerate(units)}
    return [offset + index_of[b] for b in _breaker if b in index_of]


_PIECE = re.compile(r"[^.]+\.?|\.")  # a run up to and with its dot: ICU runs on each separately


def boundaries(text: str, protect: re.Pattern[str]) -> list[int]:
    """Word boundaries of ``text``: ICU's, run separately on the pieces between known abbreviations and dots (a
    dot ends a Thai abbreviation: ICU reads สพป.ตัวอย่าง as one word), plus every Thai/non-Thai change (ICU
    glues ใช้PLCใน into one word). No boundary falls inside a protected abbreviation."""
    size = len(text)
    spans = [m.span() for m in protect.finditer(text)]
    cuts: set[int] = set()
    pos = 0
    for start, end in [*spans, (size, size)]:
        for piece in _PIECE.finditer(text, pos, start):  # positions in ``text``, as on the slice text[pos:start]
            cuts.update(_icu_cuts(piece.group(), piece.start()))
            cuts.add(piece.end())
        cuts.add(start)
        cuts.add(end)
        pos = end
    cuts = {c for c in cuts if 0 < c < size and text[c] != "."}  # a dot stays on its word: ผอ. not ผอ|.
    cuts.update(m.start() for m in _SCRIPT_CHANGE.finditer(text))
    for start, end in spans:
        cuts.difference_update(range(start + 1, end))
    cuts.discard(0)
    return sorted(cuts)


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
        if ("\u0e00" <= left <= "\u0e7f" or "\u0e00" <= right <= "\u0e7f" or left == ".") \
                and not left.isspace() and not right.isspace():
            out.append(text[prev:cut])
            out.append(sep)
            prev = cut
    out.append(text[prev:])
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # titles and page fields repeat across a page's sections
def segment_html(value: str, protect: re.Pattern[str]) -> str:
    """Segment the text parts of an index field, leaving tags and entities intact."""
    return "".join(part if _MARKUP.fullmatch(part) else segment_text(part, protect) for part in _MARKUP.split(value))


def segmenter(abbreviations: Iterable[str]) -> Callable[[str], str]:
    """:func:`segment_html` with the handbook's abbreviations: what :func:`segment_index` does to each field."""
    return functools.partial(segment_html, protect=_protector(thai_abbreviations(abbreviations)))


def segment_index(data: dict[str, Any], abbreviations: Iterable[str],
                  pages: dict[str, PageMeta] | None = None, done: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Segment every document's title and text; with ``pages`` (URL -> title, description and box titles), add
    the hidden ``page`` and ``boxes`` fields when the index's configuration declares them. ``done``: fields already
    segmented (the value as the search plugin wrote it -> :func:`segmenter`'s result), e.g. by a worker process
    during the build."""
    abbrs = thai_abbreviations(abbreviations)
    protect = _protector(abbrs)
    done = done or {}
    data.setdefault("config", {})["thai_abbr"] = abbrs
    fields = data["config"].get("fields", {})
    for doc in data.get("docs", []):
        for field in ("title", "text"):
            if isinstance(value := doc.get(field), str):
                doc[field] = done[value] if value in done else segment_html(value, protect)
        url, _, anchor = doc.get("location", "").partition("#")
        meta = (pages or {}).get(url)
        if meta and "page" in fields:
            doc["page"] = segment_html(" ".join(v for v in (meta.title, meta.description) if v), protect)
        boxes = [title for at, title in meta.boxes if at == anchor] if meta else []
        if boxes and "boxes" in fields:
            doc["boxes"] = segment_html(" ".join(boxes), protect)
    join_title_labels(data.get("docs", []))
    return data


LABEL_PAGES = 4  # a title opening shared by this many pages is a label (แบบตรวจสอบภารกิจที่ …), not a subject


def join_title_labels(docs: list[dict[str, Any]], min_pages: int = LABEL_PAGES) -> None:
    """Close the word boundaries inside a label that opens many page titles, so its words stop matching alone.

    Titles carry the highest boost, so every checklist title ("แบบตรวจสอบภารกิจที่ 3 …") outranked the chapters
    for any query containing ตรวจ or สอบ (ผู้ตรวจสอบภายใน). The longest run of leading words (before the first
    space, two words or more) that at least ``min_pages`` page titles share becomes one token: its words no longer
    match the title alone (the hidden page field still holds them, at a tenth of the title's boost), and the
    subject after the label and the text are untouched. The displayed title does not change (only ``<wbr/>`` goes).
    """
    tops = [d for d in docs if isinstance(d.get("title"), str) and "#" not in d.get("location", "")]
    leads = [d["title"].split(" ", 1)[0].split(WBR) for d in tops]
    shared: dict[tuple[str, ...], int] = {}
    for words in leads:
        for k in range(2, len(words) + 1):
            shared[tuple(words[:k])] = shared.get(tuple(words[:k]), 0) + 1
    for doc, words in zip(tops, leads, strict=True):
        k = max((k for k in range(2, len(words) + 1) if shared[tuple(words[:k])] >= min_pages), default=0)
        if k and not any("<" in w for w in words[:k]):
            doc["title"] = "".join(words[:k]) + doc["title"][len(WBR.join(words[:k])):]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _BoxTitles(HTMLParser):
    """Walks a page's content: the current heading id, and the text of each box title (``p.admonition-title``, or
    the ``summary`` of a ``details``) outside any element marked ``data-search-exclude`` (as the theme's index)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.anchor = ""
        self.stack: list[str] = []
        self.excluded_at: int | None = None  # depth of the excluded element we are inside
        self.title_at: int | None = None  # depth of the box title being read
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.stack.append(tag)
        attr = dict(attrs)
        if self.excluded_at is None and "data-search-exclude" in attr:
            self.excluded_at = len(self.stack)
        if self.excluded_at is not None or self.title_at is not None:
            return
        if re.fullmatch(r"h[1-6]", tag) and attr.get("id") is not None:
            self.anchor = "" if tag == "h1" else str(attr["id"])
        elif tag == "summary" or (tag == "p" and "admonition-title" in (attr.get("class") or "").split()):
            self.title_at, self.text = len(self.stack), []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack and self.stack.pop() != tag:
            pass
        depth = len(self.stack)
        if self.title_at is not None and depth < self.title_at:
            title = " ".join("".join(self.text).split())
            if title:
                self.found.append((self.anchor, title))
            self.title_at = None
        if self.excluded_at is not None and depth < self.excluded_at:
            self.excluded_at = None

    def handle_data(self, data: str) -> None:
        if self.title_at is not None:
            self.text.append(data)


def box_titles(html_text: str) -> tuple[tuple[str, str], ...]:
    """(heading id, box title) for each box of a page's content, in order: the id is the heading the box falls
    under, as in the search index's section locations ("" before the first heading below the page title). Boxes
    inside an element marked ``data-search-exclude`` are left out, as the theme leaves out their text.

    A box's title names what the section holds ("ตัวอย่างสมมติ: คำสั่งมอบอำนาจ…", "ตัวอย่างรูปแบบตาราง RACI…"), but
    the search index keeps it as one more line of the section's text, so "ตัวอย่างคำสั่งมอบอำนาจ" found any page
    with a title holding ตัวอย่าง before the chapter with the order itself."""
    parser = _BoxTitles()
    parser.feed(html_text)
    parser.close()
    return tuple(parser.found)


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str = ""
    boxes: tuple[tuple[str, str], ...] = ()  # (heading id, box title): :func:`box_titles`
