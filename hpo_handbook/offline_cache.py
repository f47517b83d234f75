"""Readable offline after one visit: the web app manifest and the service worker, written into a built site.

The list of files the worker keeps (the precache) is computed here from the built site itself, with a hash of each
file's content, and written into ``sw.js`` (from ``templates/service-worker.js``). A new build therefore changes
``sw.js`` exactly when a kept file changed, the browser installs the new worker, and that worker fetches only the
files whose hash is new. Left out: what readers download on purpose and what only other editions use (``pdf/``,
``download/``, calendar ``.ics`` files, source maps, the offline ZIP's iframe-worker, lunr's language files for
languages the search does not use). The search index is kept like a page (about 2 MB raw, 230 KB gzip: a quarter
more to the first visit's background download), so that search works offline without an online search first,
with the index of the pages the worker serves.

Caches are named after the handbook's scope (:func:`storage.scope`: site_url and office name), and the worker is
served from the site's root, so its scope is the site's path: two handbooks on one host keep separate caches.
Called by :func:`post_build.finish_site` after a build, whichever builder ran it.
"""

from __future__ import annotations

import fnmatch
import functools
import gzip
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .site_paths import MANIFEST, MKDOCS_SEARCH_INDEX, NOT_PRECACHED
from .site_paths import SERVICE_WORKER as WORKER
from .storage import scope

SEARCH_INDEX = MKDOCS_SEARCH_INDEX
_TEMPLATES = Path(__file__).parent / "templates"

#: Never precached (glob patterns over paths from the site root; ``*`` crosses folders).
EXCLUDE = (
    *NOT_PRECACHED,                          # downloads, written after the build or opened by other apps
    "*.map", "*.gz", "sitemap.xml.gz",       # source maps; the compressed sitemap
    "search/*",                              # what else the search plugin may write: the index is added back
    WORKER,                                  # the worker itself is the browser's to update
    "assets/javascripts/vendor/*",           # iframe-worker: the offline ZIP's (file://) search only
    "assets/javascripts/lunr/*",             # lunr's language support: added back for languages in use
    ".nojekyll", "CNAME",
)

#: mkdocs-material's palette names -> their ``--md-primary-fg-color`` (the bar the browser's own UI should match).
MATERIAL_PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light-green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep-orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
}
_FILES_MARK = re.compile(r"^const FILES = (\[.*\]);", re.MULTILINE)


@dataclass(frozen=True)
class AppFacts:
    """What the manifest and the worker need to know about the handbook (from the builder's configuration)."""

    site_url: str
    office_name: str
    office_short_name: str
    site_name: str
    logo: str = "assets/images/logo.svg"  # path in the site (extra.office.logo)
    theme_color: str = MATERIAL_PRIMARY["indigo"]
    description: str = ""
    search_index: str = SEARCH_INDEX      # where this builder writes it (Zensical: search.json)
    search_langs: tuple[str, ...] = ("en",)
    exclude: tuple[str, ...] = field(default=EXCLUDE)

    @property
    def scope(self) -> str:
        return scope(self.site_url, self.office_name)


@dataclass(frozen=True)
class Entry:
    path: str       # from the site root, as the browser asks for it ("./", "missions/leadership/", "assets/...")
    revision: str   # the first 16 hex digits of the content's SHA-256
    size: int
    file: Path = field(repr=False, compare=False)  # where it is in the built site


def theme_color(palette: object) -> str:
    """The primary colour of mkdocs-material's ``theme.palette`` (one mapping, or a list: the first with a
    ``primary``); a ``#hex`` is taken as it is; indigo, the theme's default, otherwise."""
    entries = palette if isinstance(palette, list) else [palette]
    for entry in entries:
        primary = str(entry.get("primary", "")) if isinstance(entry, dict) else ""
        if primary.startswith("#"):
            return primary
        if primary.replace(" ", "-").lower() in MATERIAL_PRIMARY:
            return MATERIAL_PRIMARY[primary.replace(" ", "-").lower()]
    return MATERIAL_PRIMARY["indigo"]


def _lunr_files(langs: Iterable[str]) -> set[str]:
    """The lunr scripts mkdocs-material's search worker imports for these languages (none for English alone)."""
    langs = list(langs)
    base = "assets/javascripts/lunr/"
    files = {f"{base}min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    files |= {f"{base}tinyseg.js" for lang in langs if lang == "ja"}
    files |= {f"{base}wordcut.js" for lang in langs if lang in ("th", "hi")}
    if len(langs) > 1:
        files.add(f"{base}min/lunr.multi.min.js")
    if files:
        files.add(f"{base}min/lunr.stemmer.support.min.js")
    return files


def _url_path(rel: str) -> str:
    """The address a page is asked for: a folder's index.html as the folder (the root as ``./``)."""
    if rel == "index.html":
        return "./"
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def _excluded(rel: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) for p in patterns)


def precache_entries(site_dir: Path, facts: AppFacts) -> list[Entry]:
    """Every file of the built site the worker keeps, sorted by path, with its content hash and sizes."""
    keep_anyway = {*_lunr_files(facts.search_langs), facts.search_index}
    entries = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = file.relative_to(site_dir).as_posix()
        if _excluded(rel, facts.exclude) and rel not in keep_anyway:
            continue
        data = file.read_bytes()
        entries.append(Entry(_url_path(rel), hashlib.sha256(data).hexdigest()[:16], len(data), file))
    return entries


def manifest(facts: AppFacts) -> dict[str, object]:
    """The web app manifest: the handbook as the office's app, in Thai, opening at the site's root."""
    logo_type = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}.get(
        Path(facts.logo).suffix.lower(), "image/png")
    return {
        "id": "./",
        "name": f"{facts.site_name} · {facts.office_short_name}" if facts.office_short_name else facts.site_name,
        "short_name": facts.office_short_name or facts.site_name,
        "description": facts.description or facts.office_name,
        "lang": "th",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": facts.theme_color,
        "background_color": "#ffffff",
        # An SVG scales to every size a launcher asks for; a PNG logo is declared as "any" size too.
        "icons": [{"src": facts.logo, "sizes": "any", "type": logo_type, "purpose": "any"}],
    }


def _worker_source(scope_name: str, files: list[Entry]) -> str:
    text = (_TEMPLATES / "service-worker.js").read_text(encoding="utf-8")
    listed = json.dumps([[e.path, e.revision] for e in files], ensure_ascii=False, separators=(",", ":"))
    return text.replace("__HB_SCOPE__", scope_name).replace("__HB_FILES__", listed)


@dataclass(frozen=True)
class Precache:
    files: int
    bytes: int
    paths: tuple[Path, ...] = field(default=(), repr=False, compare=False)

    @functools.cached_property
    def gzip_bytes(self) -> int:
        """What a host that compresses sends (fonts barely shrink). Measured only when asked (the benchmark, a
        builder's log): compressing every file of the site took a tenth of the build's time."""
        return sum(len(gzip.compress(p.read_bytes(), 6)) for p in self.paths)


def write_offline_app(site_dir: Path, facts: AppFacts) -> Precache:
    """Write ``manifest.webmanifest`` and ``sw.js`` into a built site (after every other post-build step that
    changes its files); return the size of what a first visit then downloads in the background."""
    (site_dir / MANIFEST).write_text(json.dumps(manifest(facts), ensure_ascii=False, indent=1), encoding="utf-8")
    files = precache_entries(site_dir, facts)
    (site_dir / WORKER).write_text(_worker_source(facts.scope, files), encoding="utf-8")
    return Precache(len(files), sum(e.size for e in files), tuple(e.file for e in files))


def write_retired_worker(site_dir: Path) -> Path:
    """The live preview's ``sw.js``: retires a worker left by a built site at the same address (see the file)."""
    path = site_dir / WORKER
    path.write_text((_TEMPLATES / "service-worker-retired.js").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def read_precache(site_dir: Path) -> Precache | None:
    """The precache a built site ships (from its ``sw.js``), for the benchmark; None without a worker."""
    worker = site_dir / WORKER
    found = _FILES_MARK.search(worker.read_text(encoding="utf-8")) if worker.is_file() else None
    if not found:
        return None
    paths = tuple(site_dir / (path + "index.html" if path.endswith("/") else path)
                  for path, _ in json.loads(found.group(1)))
    return Precache(len(paths), sum(p.stat().st_size for p in paths), paths)
