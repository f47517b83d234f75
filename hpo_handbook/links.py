"""URLs between the handbook's pages, relative to the page being rendered, with no site builder involved.

Every builder (MkDocs, Zensical) serves a page ``a/b.md`` at ``a/b/`` (directory URLs) or ``a/b.html``; the
renderers only need that rule and a relative path, so the rule lives here instead of in ``mkdocs.utils``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

# Where each kind of page lives under docs/ (the site's URL scheme, in one place).
MISSION_PAGE = "missions/{id}.md"
CHECKLIST_PAGE = "checklists/{id}.md"
ALL_CHECKLISTS_PAGE = "checklists/index.md"
ASSESSMENT_PAGE = "assessment/index.md"
REPORT_PAGE = "assessment/report.md"
PLAN_PAGE = "assessment/plan.md"
REFERENCES_PAGE = "reference/references.md"
GLOSSARY_PAGE = "reference/glossary.md"
OFFICE_PAGE = "reference/office.md"
CALENDAR_PAGE = "calendar/index.md"
GROUP_PLANS_PAGE = "calendar/groups.md"
GROUP_PAGE = "calendar/groups/{id}.md"  # one per group, made at build time (calendar_pages.group_pages)
YEAR_PLAN_PAGE = "calendar/year-plan.md"


def _parts(path: str) -> list[str]:
    norm = posixpath.normpath("/" + path)[1:]
    return norm.split("/") if norm else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to ``other`` (both site-root paths); a last part of ``other`` with a dot is a file.

    The same result as ``mkdocs.utils.get_relative_url``, which the unit tests compare it with.
    """
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


@dataclass(frozen=True)
class Links:
    """Builds URLs to other pages relative to the page being rendered.

    ``page_src`` is the current page's path under docs/ (e.g. ``missions/leadership.md``).
    With ``use_directory_urls`` a page ``a/b.md`` is served at ``a/b/``, otherwise at ``a/b.html``.

    ``from_source``: hrefs relative to the folder of the source file instead of the page's URL. Zensical resolves
    a relative href in raw HTML against the ``.md`` file and writes it out again relative to the page, so an href
    computed from the page URL (MkDocs' rule) would land one folder too deep on every ``a/b/`` page.
    """

    page_src: str = "index.md"
    use_directory_urls: bool = True
    from_source: bool = False

    def _here(self) -> str:
        """The site path hrefs are relative to: the page's URL, or the source file's folder."""
        if self.from_source:
            folder = posixpath.dirname(self.page_src)
            return folder + "/" if folder else ""
        return self.url_of(self.page_src)

    def url_of(self, src: str) -> str:
        """The site-root URL of the page built from ``src``."""
        stem = src[: -len(".md")]
        name = posixpath.basename(stem)
        if name in ("index", "README"):
            stem = posixpath.dirname(stem)
            return (stem + "/" if stem else "") + ("" if self.use_directory_urls else "index.html")
        return stem + ("/" if self.use_directory_urls else ".html")

    def to(self, src: str, fragment: str = "") -> str:
        """An HTML href from the current page to the page built from ``src``."""
        return relative_url(self.url_of(src), self._here()) + (f"#{fragment}" if fragment else "")

    def md(self, src: str, fragment: str = "") -> str:
        """A Markdown link target: the source path relative to the current page, so the builder checks it."""
        rel = posixpath.relpath(src, posixpath.dirname(self.page_src) or ".")
        return rel + (f"#{fragment}" if fragment else "")

    def file(self, path: str) -> str:
        """An href to a file under the site root that is not a page (a PDF written after the build, an asset)."""
        return relative_url(path, self._here())
