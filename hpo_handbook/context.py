"""What every renderer gets: the handbook's data, links from the current page, the office's identity.

An integration (the mkdocs-macros adapter, a Zensical shim, a test) builds one :class:`RenderContext` per page
with :meth:`RenderContext.for_page`; the data itself is loaded and validated once per build by
:func:`load_cached`, however often an integration asks for it (a successor builder calls the adapter once per
page), and again only when a file under ``data/`` changed (the live preview).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataErrors
from .links import Links
from .loader import Handbook, load
from .thai import fiscal_year


@dataclass(frozen=True)
class RenderContext:
    handbook: Handbook
    links: Links = field(default_factory=Links)
    office: Mapping[str, str] = field(default_factory=dict)  # extra.office of mkdocs.yml
    site_url: str = ""  # the configured site_url: the handbook's identity (storage scope, calendar UIDs)
    fiscal_year: int | None = None  # ปีงบประมาณ (พ.ศ.) the calendar describes

    @property
    def abbreviations(self) -> dict[str, str]:
        return self.handbook.abbreviations()

    def for_page(self, page_src: str) -> RenderContext:
        """The same context with links relative to the page built from ``page_src`` (a path under docs/)."""
        return dataclasses.replace(self, links=dataclasses.replace(self.links, page_src=page_src))


def configured_fiscal_year(value: object) -> int:
    """The fiscal year the calendar describes, from configuration (``extra.fiscal_year``, or ``FISCAL_YEAR`` in the
    environment): a Buddhist Era year, or ``auto`` (or nothing) for the fiscal year in which the site is built."""
    text = str(value or "auto").strip()
    if text == "auto":
        return fiscal_year(dt.date.today())
    if not text.isdigit() or not 2500 <= int(text) <= 2700:
        raise ValueError(f"ต้องเป็นปี พ.ศ. เช่น 2570 หรือ auto แต่พบ {text!r}")
    return int(text)


_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Handbook | DataErrors]] = {}


def _fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(data_dir.rglob("*.yml")) if data_dir.is_dir() else []
    return tuple((str(f), (s := f.stat()).st_mtime_ns, s.st_size) for f in files)


def load_cached(data_dir: Path, root: Path | None = None) -> Handbook:
    """:func:`loader.load`, once per state of ``data_dir``: a repeated call with no file changed returns the
    same :class:`Handbook` (or raises the same :class:`DataErrors`) without reading YAML again."""
    key = data_dir.resolve()
    stamp = _fingerprint(key)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        try:
            result: Handbook | DataErrors = load(key, root=root)
        except DataErrors as exc:
            result = exc
        cached = _cache[key] = (stamp, result)
    if isinstance(cached[1], DataErrors):
        raise cached[1]
    return cached[1]
