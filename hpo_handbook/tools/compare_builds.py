"""Compare two built sites the way a reader and a link checker see them, and list every difference.

    .venv/bin/python -m hpo_handbook.tools.compare_builds SITE_A SITE_B [--root /handbook/] [--json out.json]

For each page (``**/index.html`` and other ``.html``): the article's normalised text, its heading ids, and its
internal links (resolved to site paths; whether each target page and anchor exists in its own build). With
``--root /handbook/`` both sites are taken as served under that sub-path, so a relative link that climbs above it
counts as broken (at a domain root the browser would quietly clamp it). For the search index (MkDocs'
``search/search_index.json`` or Zensical's ``search.json``, when both have one): the set of locations and each
document's text with its Thai word boundaries. The "last updated" line and the theme's skip link (its target is
the theme's choice) are left out. Exit status 1 when anything differs, so a test can assert that two builders, or
a refactoring, give readers the same site.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

_SPACE = re.compile(r"\s+")
_WBR = re.compile(r"<wbr\s*/?>")
_TAG = re.compile(r"<[^>]+>")
SKIP = (".md-source-file", "script", "style", ".headerlink", ".md-content__button")
OUTSIDE = "/../"  # the site path of a link that leaves the root the site is served under


@dataclass
class Page:
    text: list[str] = field(default_factory=list)  # one entry per block of the article
    ids: list[str] = field(default_factory=list)  # heading ids in order
    anchors: set[str] = field(default_factory=set)  # every id on the page
    links: set[str] = field(default_factory=set)  # internal targets: site path + optional #fragment


def page_path(site: Path, file: Path) -> str:
    """The URL path of a built file: ``a/b/index.html`` -> ``/a/b/``."""
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def read_page(site: Path, file: Path, root: str = "/") -> Page:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    page = Page(anchors={t["id"] for t in soup.find_all(id=True)})
    article = soup.select_one("article") or soup.body or soup
    for sel in SKIP:
        for el in article.select(sel):
            el.decompose()
    for block in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "pre"]):
        if block.find(["p", "li", "td"]):  # a container: its own blocks are read separately
            continue
        text = _SPACE.sub(" ", block.get_text("")).strip()  # as read: inline elements add no space
        if text:
            page.text.append(text)
    page.ids = [h["id"] for h in article.find_all(re.compile("^h[1-6]$")) if h.get("id")]
    base = root.rstrip("/") + page_path(site, file)
    for a in soup.find_all("a", href=True):
        href = a["href"]
        if "md-skip" in (a.get("class") or []):  # "skip to content": each theme picks its own target
            continue
        parsed = urlparse(href)
        if parsed.scheme or href.startswith(("//", "mailto:", "tel:", "javascript:")):
            continue
        target = urlparse(urljoin(base, href))
        path = unquote(target.path)
        if root != "/":
            prefix = root.rstrip("/")
            path = path[len(prefix):] or "/" if path == prefix or path.startswith(prefix + "/") else OUTSIDE + path
        page.links.add(path + (f"#{unquote(target.fragment)}" if target.fragment else ""))
    return page


def read_site(site: Path, root: str = "/") -> dict[str, Page]:
    return {page_path(site, f): read_page(site, f, root) for f in sorted(site.rglob("*.html"))
            if "assets" not in f.relative_to(site).parts and f.name != "404.html"}


def broken_links(pages: dict[str, Page], site: Path) -> list[str]:
    """Internal links whose page or anchor does not exist in this build."""
    out = []
    for path, page in pages.items():
        for link in sorted(page.links):
            target, _, fragment = link.partition("#")
            if target not in pages:
                if target.startswith(OUTSIDE):
                    out.append(f"{path} -> {link.removeprefix(OUTSIDE[:-1])} (outside the site's root)")
                    continue
                if Path(target).suffix not in ("", ".html"):  # a file, not a page: PDF or ZIP written after the
                    continue  # build (make pdf, make offline), an image
                if (site / target.lstrip("/")).exists():
                    continue
                out.append(f"{path} -> {link} (no such page)")
            elif fragment and fragment not in pages[target].anchors:
                out.append(f"{path} -> {link} (no such anchor)")
    return out


def read_index(site: Path, markup: bool = True) -> dict[str, str]:
    """Location -> title and text of each search document. ``markup=False`` drops tags other than word
    boundaries, for comparing indexes that two builders marked up differently."""
    mkdocs, zensical = site / "search" / "search_index.json", site / "search.json"
    path = mkdocs if mkdocs.is_file() else zensical
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs", data.get("items", []))
    out = {}
    for d in docs:
        # Word boundaries count: a <wbr/> (or <wbr>) becomes "·", so a change in Thai segmentation shows.
        text = _WBR.sub("·", d.get("title", "") + " | " + d.get("text", ""))
        if not markup:  # Zensical indexes a <p> inside <noscript> as escaped text: unescape, then drop tags
            text = _TAG.sub(" ", html.unescape(text))
        out[d["location"]] = _SPACE.sub(" ", text).strip()
    return out


def compare(a: Path, b: Path, root: str = "/", search_text: bool = True) -> list[str]:
    """Every difference between the sites in ``a`` and ``b``, as readable lines (empty: the same site), both
    served under ``root``. ``search_text=False`` compares only the search index's locations."""
    pa, pb = read_site(a, root), read_site(b, root)
    diffs: list[str] = []
    for path in sorted(pa.keys() - pb.keys()):
        diffs.append(f"page only in A: {path}")
    for path in sorted(pb.keys() - pa.keys()):
        diffs.append(f"page only in B: {path}")
    for path in sorted(pa.keys() & pb.keys()):
        x, y = pa[path], pb[path]
        if x.text != y.text:
            lines = list(difflib.unified_diff(x.text, y.text, "A", "B", n=0, lineterm=""))[2:]
            diffs.append(f"text differs: {path}\n    " + "\n    ".join(lines[:20]))
        if x.ids != y.ids:
            order = " (order)" if set(x.ids) == set(y.ids) else ""
            diffs.append(f"heading ids differ{order}: {path}: only A {sorted(set(x.ids) - set(y.ids))}, "
                         f"only B {sorted(set(y.ids) - set(x.ids))}")
        if x.links != y.links:
            diffs.append(f"links differ: {path}: only A {sorted(x.links - y.links)}, "
                         f"only B {sorted(y.links - x.links)}")
    for name, site, pages in (("A", a, pa), ("B", b, pb)):
        diffs += [f"broken link in {name}: {line}" for line in broken_links(pages, site)]
    same_form = (a / "search" / "search_index.json").is_file() == (b / "search" / "search_index.json").is_file()
    ia, ib = read_index(a, markup=same_form), read_index(b, markup=same_form)
    if ia and ib:
        for loc in sorted(ia.keys() - ib.keys()):
            diffs.append(f"search index: only in A: {loc}")
        for loc in sorted(ib.keys() - ia.keys()):
            diffs.append(f"search index: only in B: {loc}")
        for loc in sorted(ia.keys() & ib.keys()) if search_text else []:
            if ia[loc] != ib[loc]:
                words_a, words_b = ia[loc].split("·"), ib[loc].split("·")
                changed = [w for w in difflib.ndiff(words_a, words_b) if w[:1] in "+-"][:12]
                diffs.append(f"search index text differs: {loc}: " + " ".join(w.replace(" ", "") for w in changed))
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--root", default="/", help="the sub-path both sites are served under, e.g. /handbook/")
    parser.add_argument("--no-search-text", action="store_true", help="compare only the search index's locations")
    parser.add_argument("--json", type=Path, help="also write the differences to this file")
    args = parser.parse_args(argv)
    diffs = compare(args.a, args.b, args.root, search_text=not args.no_search_text)
    for line in diffs:
        print(line)
    print(f"{len(diffs)} difference(s)" if diffs else "the two builds are the same for readers")
    if args.json:
        args.json.write_text(json.dumps(diffs, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
