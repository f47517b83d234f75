"""Measure the handbook's Thai search against the stock configuration and Pagefind, side by side.

``evaluate(site_dir)`` takes a built handbook and reports, for each engine, recall@1 and recall@5 on the shared
queries (tests/search_queries.yml) and, apart, on the held-out set (tests/search_queries_heldout.yml) and on the
task set (tests/search_queries_tasks.yml: when, who, an example to copy), median query latency in headless
Chromium, the index size (raw and gzip) and what a reader's first search downloads. Engines:

- ``handbook``: the site as given (ICU-segmented index + thai-search.js), queried through the real search box;
- ``stock``: the same pages built with mkdocs-material's stock Thai setup (``search: lang: th``, no hook, no
  query script) into a temporary folder;
- ``pagefind``: Pagefind 1.6 (node_modules/.bin/pagefind) over a copy of the given pages (``<html lang="th">``,
  the article marked ``data-pagefind-body`` so navigation menus are not indexed), queried with its JS API.

CLI: ``.venv/bin/python -m hpo_handbook.tools.search_eval [SITE_DIR] [--json out.json] [--engines handbook]
[--misses]`` (builds a site if none given).
The helpers ``search_box_results`` and ``build_stock`` are shared with tests/browser/test_search.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import yaml

from .localsite import CHROMIUM, CHROMIUM_ARGS, served

ROOT = Path(__file__).resolve().parents[2]  # the project (the package is installed in editable mode)
QUERIES = ROOT / "tests" / "search_queries.yml"
HELDOUT = ROOT / "tests" / "search_queries_heldout.yml"  # kept aside: reported, never tuned on
TASKS = ROOT / "tests" / "search_queries_tasks.yml"  # what staff type to do a task: asserted like QUERIES
# Pages other than the chapters that an `expect` entry may name: name -> the page's path in the site.
NAMED_PAGES = {"calendar": ("calendar",)}
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"

# Installed before the page's scripts: counts the search worker's RESULT messages (type 3) and times them from
# the key-up that sent the query, so a test knows when the result list belongs to the query it typed.
WATCH_WORKER = """
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.__searchResults = 0; window.__searchTimes = [];
  document.addEventListener("keyup", () => { window.__searchSent = performance.now(); }, true);
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.__sent = [];
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 3) {
          // the worker answers in order; the theme also sends "" when the box is cleared: skip that answer
          const [query, typed] = this.__sent.shift() || [];
          if (!query || !query.trim()) return;
          window.__searchTyped = typed;  // the box's value when the theme sent this query
          if (window.__searchSent) window.__searchTimes.push(performance.now() - window.__searchSent);
          // The theme's listener runs after this one and renders the list asynchronously: mark the items now on
          // screen as stale and announce how many fresh items (first page of at most 10) to wait for.
          document.querySelectorAll("li.md-search-result__item").forEach(li => li.dataset.stale = "1");
          window.__searchExpect = Math.min(ev.data.data.items.length, 10);
          window.__searchResults++;
        }
      });
    }
    postMessage(message, ...rest) {
      const box = document.querySelector("input.md-search__input");
      if (message && message.type === 2) this.__sent.push([message.data, box && box.value]);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def mission_of(url: str, kinds: tuple[str, ...] = ("missions", "checklists")) -> str | None:
    """``missions/people/`` or ``checklists/people.html#x`` -> ``people``; any other page -> None.

    ``kinds=("missions",)`` recognises chapters only."""
    parts = [p for p in unquote(urlparse(url).path).split("/") if p]
    for i, part in enumerate(parts[:-1]):
        if part in ("missions", "checklists"):
            name = parts[i + 1].removesuffix(".html")
            return None if name == "index" or part not in kinds else name
    return None


def page_of(url: str, kinds: tuple[str, ...] = ("missions", "checklists")) -> str | None:
    """:func:`mission_of`, or the name of a page of :data:`NAMED_PAGES` (``calendar/`` or ``calendar/#month-3`` ->
    ``calendar``; the group plans under it and the year plan are other pages: None)."""
    mission = mission_of(url, kinds)
    if mission:
        return mission
    parts = [p for p in unquote(urlparse(url).path).split("/") if p]
    if parts and parts[-1] == "index.html":
        parts.pop()
    if parts:
        parts[-1] = parts[-1].removesuffix(".html")
    return next((name for name, path in NAMED_PAGES.items() if tuple(parts[-len(path):]) == path), None)


def hit_rank(urls: list[str], expect: list[str], chapter: bool = False) -> int | None:
    """1-based rank of the first result that is an expected chapter or its checklist, or an expected page named in
    :data:`NAMED_PAGES`; with ``chapter`` (a query marked ``chapter: true``, whose answer is the chapter's own
    text), a checklist does not count."""
    kinds = ("missions",) if chapter else ("missions", "checklists")
    for i, url in enumerate(urls, 1):
        if page_of(url, kinds) in expect:
            return i
    return None


def query_rank(urls: list[str], query: dict[str, Any]) -> int | None:
    """:func:`hit_rank` for one entry of the query file."""
    return hit_rank(urls, query["expect"], bool(query.get("chapter")))


@contextmanager
def browser_page(url: str, browser: Any = None) -> Iterator[Any]:
    """A fresh headless Chromium page (Thai locale) with the worker watch installed, opened at ``url``.

    Pass ``browser`` (a Playwright Browser, e.g. the tests' fixture) to reuse it instead of launching one.
    """
    if browser is not None:
        context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.add_init_script(WATCH_WORKER)
            page.goto(url)
            yield page
        finally:
            context.close()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            with browser_page(url, launched) as page:
                yield page
        finally:
            launched.close()


def search_box_results(page: Any, query: str, limit: int = 5) -> list[str]:
    """Type ``query`` into the theme's search box like a reader and return the top result URLs.

    Thai arrives as text input without a key-up, and the theme searches on key-up, so each query ends with End.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens show a search button instead of the box
        page.locator("label.md-header__button[for=__search]").click()
    box.fill("")
    before = page.evaluate("window.__searchResults || 0")
    box.type(query)
    box.press("End")
    # wait for the answer to the whole query (ASCII letters send a key-up, hence a search, at every letter)
    page.wait_for_function(
        "([before, typed]) => (window.__searchResults || 0) > before && window.__searchTyped === typed"
        " && document.querySelectorAll('li.md-search-result__item:not([data-stale])').length"
        " === window.__searchExpect"
        " && (window.__searchExpect > 0 || !document.querySelector('li.md-search-result__item'))",
        arg=[before, query], timeout=15000)
    # the first link of each item is the page; the links after it are sections of the same page
    hrefs = page.eval_on_selector_all(
        "li.md-search-result__item:not([data-stale]) > a.md-search-result__link:first-child",
        "els => els.map(e => e.href)")
    return hrefs[:limit]


def run_search_box(base_url: str, queries: list[dict[str, Any]], browser: Any = None) -> dict[str, Any]:
    """All queries through the real search box of the site at ``base_url``."""
    ranks: list[int | None] = []
    results: list[list[str]] = []
    with browser_page(base_url, browser) as page:
        for q in queries:
            urls = search_box_results(page, q["q"])
            results.append(urls)
            ranks.append(query_rank(urls, q))
        times = page.evaluate("window.__searchTimes")
    return {"ranks": ranks, "results": results, "latency_ms": statistics.median(times) if times else None}


def mkdocs_build(site_dir: Path, config: Path | None = None, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config:
        cmd += ["--config-file", str(config)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=full_env)
    if proc.returncode:
        raise RuntimeError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")


def build_stock(site_dir: Path) -> None:
    """Build the handbook with mkdocs-material's stock Thai search: ``search: lang: th``, no hook, no query script.

    A temporary config beside mkdocs.yml inherits everything else (INHERIT replaces lists, so the plugin, hook and
    script lists are written out in full minus the Thai search parts).
    """
    from ..integrations.mkdocs_config import raw_yaml

    parent = raw_yaml(ROOT / "mkdocs.yml")
    plugins: list[Any] = [{"search": {"lang": "th"}}]
    for entry in parent.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name not in ("search", "offline"):
            plugins.append(entry)
    child = {
        "INHERIT": "mkdocs.yml",
        "plugins": plugins,
        "extra_javascript": [s for s in parent.get("extra_javascript", []) if "thai-search" not in str(s)],
    }
    config = ROOT / f".mkdocs-stock-{os.getpid()}.yml"
    try:
        config.write_text(yaml.safe_dump(child, allow_unicode=True, sort_keys=False), encoding="utf-8")
        mkdocs_build(site_dir, config, env={"HB_THAI_SEARCH": "false"})  # the plugin leaves the index as built
    finally:
        config.unlink(missing_ok=True)


def _sizes(bodies: list[bytes]) -> dict[str, int]:
    return {"raw": sum(len(b) for b in bodies), "gzip": sum(len(gzip.compress(b, 9)) for b in bodies)}


def first_search_download(base_url: str, query: str, markers: tuple[str, ...]) -> dict[str, Any]:
    """Bytes a fresh reader downloads to run one search (requests whose URL contains one of ``markers``)."""
    bodies: list[bytes] = []
    files: list[str] = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(locale="th-TH").new_page()
            page.add_init_script(WATCH_WORKER)

            def keep(response: Any) -> None:
                if any(m in response.url for m in markers):
                    try:
                        bodies.append(response.body())
                        files.append(urlparse(response.url).path.rsplit("/", 1)[-1])
                    except Exception:  # a redirect or aborted body has no size to count
                        pass

            page.on("response", keep)
            page.goto(base_url)
            search_box_results(page, query)
            page.wait_for_timeout(300)  # let the last responses finish arriving
        finally:
            browser.close()
    return {**_sizes(bodies), "files": files}


def _summary(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"recall@1": sum(r == 1 for r in ranks) / n, "recall@5": sum(r is not None and r <= 5 for r in ranks) / n}


def eval_theme(site_dir: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    index = (site_dir / "search" / "search_index.json").read_bytes()
    with served(site_dir) as url:
        run = run_search_box(url, queries)
        download = first_search_download(url, queries[0]["q"], ("/search/", "/workers/", "/lunr/"))
    return {**_summary(run["ranks"]), "latency_ms": run["latency_ms"], "index": _sizes([index]),
            "first_search": download, "ranks": run["ranks"], "results": run["results"]}


PAGEFIND_RUN = """
async (queries) => {
  const pf = await import("./pagefind/pagefind.js");
  await pf.init();
  const out = [], times = [];
  for (const q of queries) {
    const t0 = performance.now();
    const res = await pf.search(q);
    const top = await Promise.all(res.results.slice(0, 5).map(r => r.data()));
    times.push(performance.now() - t0);
    out.push(top.map(d => d.url));
  }
  return { out, times };
}
"""


def eval_pagefind(site_dir: Path, queries: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    copy = work / "pagefind-site"
    shutil.copytree(site_dir, copy)
    for html in copy.rglob("*.html"):  # index the article, not the navigation repeated on every page
        text = html.read_text(encoding="utf-8")
        html.write_text(text.replace('<article class="md-content__inner', '<article data-pagefind-body '
                                     'class="md-content__inner', 1), encoding="utf-8")
    proc = subprocess.run([str(PAGEFIND), "--site", str(copy)], capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"pagefind failed:\n{proc.stdout}\n{proc.stderr}")
    index_files = [p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()
                   and not p.name.endswith((".js", ".css"))]
    with served(copy) as url:
        with browser_page(url) as page:
            data = page.evaluate(PAGEFIND_RUN, [q["q"] for q in queries])
        download = first_pagefind_download(url, queries[0]["q"])
    ranks = [query_rank(urls, q) for urls, q in zip(data["out"], queries, strict=True)]
    return {**_summary(ranks), "latency_ms": statistics.median(data["times"]), "index": _sizes(index_files),
            "first_search": download, "ranks": ranks, "results": data["out"]}


def first_pagefind_download(base_url: str, query: str) -> dict[str, Any]:
    bodies: list[bytes] = []
    files: list[str] = []
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()

            def keep(response: Any) -> None:
                if "/pagefind/" in response.url:
                    try:
                        bodies.append(response.body())
                        files.append(urlparse(response.url).path.rsplit("/", 1)[-1])
                    except Exception:  # an aborted body has no size to count
                        pass

            page.on("response", keep)
            page.goto(base_url)
            page.evaluate(PAGEFIND_RUN, [query])
            page.wait_for_timeout(300)
        finally:
            browser.close()
    return {**_sizes(bodies), "files": files}


ENGINES = ("handbook", "stock", "pagefind")


SETS = ("heldout", "tasks")  # reported apart from the query file, in this order after it


def _split(result: dict[str, Any], n: int, sizes: dict[str, int]) -> dict[str, Any]:
    """Recall on the query file (the first ``n`` ranks) and, separately, on each set of :data:`SETS` after them
    (``sizes``: how many queries each has)."""
    ranks = result["ranks"]
    out = {**result, **_summary(ranks[:n])}
    start = n
    for name in SETS:
        part = ranks[start:start + sizes[name]]
        out[name] = {**_summary(part), "queries": len(part)}
        start += sizes[name]
    return out


def _load_optional(path: Path) -> list[dict[str, Any]]:
    return load_queries(path) if path.is_file() else []


def evaluate(site_dir: Path, queries: list[dict[str, Any]] | None = None,
             heldout: list[dict[str, Any]] | None = None,
             engines: tuple[str, ...] = ENGINES, tasks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Recall@1/@5 (query file, held-out set and task set apart), median latency, index size and first-search
    download for handbook, stock and Pagefind."""
    queries = queries if queries is not None else load_queries()
    heldout = heldout if heldout is not None else _load_optional(HELDOUT)
    tasks = tasks if tasks is not None else _load_optional(TASKS)
    everything = [*queries, *heldout, *tasks]
    sizes = {"heldout": len(heldout), "tasks": len(tasks)}
    report: dict[str, Any] = {"queries": len(queries), "heldout_queries": len(heldout), "task_queries": len(tasks)}
    with tempfile.TemporaryDirectory(prefix="search-eval-") as tmp:
        work = Path(tmp)
        if "handbook" in engines:
            report["handbook"] = _split(eval_theme(Path(site_dir), everything), len(queries), sizes)
        if "stock" in engines:
            stock = work / "stock-site"
            build_stock(stock)
            report["stock"] = _split(eval_theme(stock, everything), len(queries), sizes)
        if "pagefind" in engines:
            report["pagefind"] = _split(eval_pagefind(Path(site_dir), everything, work), len(queries), sizes)
    return report


def table(report: dict[str, Any]) -> str:
    engines = [e for e in ENGINES if e in report]
    rows = [("recall@1", lambda r: f"{r['recall@1']:.2f}"), ("recall@5", lambda r: f"{r['recall@5']:.2f}"),
            ("held-out recall@1", lambda r: f"{r['heldout']['recall@1']:.2f}"),
            ("held-out recall@5", lambda r: f"{r['heldout']['recall@5']:.2f}"),
            ("task recall@1", lambda r: f"{r['tasks']['recall@1']:.2f}"),
            ("task recall@5", lambda r: f"{r['tasks']['recall@5']:.2f}"),
            ("median latency (ms)", lambda r: f"{r['latency_ms']:.1f}"),
            ("index raw (KB)", lambda r: f"{r['index']['raw'] / 1024:.0f}"),
            ("index gzip (KB)", lambda r: f"{r['index']['gzip'] / 1024:.0f}"),
            ("first search raw (KB)", lambda r: f"{r['first_search']['raw'] / 1024:.0f}"),
            ("first search gzip (KB)", lambda r: f"{r['first_search']['gzip'] / 1024:.0f}")]
    lines = [f"{report['queries']} + {report.get('heldout_queries', 0)} held-out + {report.get('task_queries', 0)} "
             "task queries | " + " | ".join(engines),
             "---|" + "---|".join("" for _ in engines) + "---"]
    lines += [f"{name} | " + " | ".join(fmt(report[e]) for e in engines) for name, fmt in rows]
    return "\n".join(lines)


def misses(report: dict[str, Any], engine: str = "handbook") -> list[str]:
    """One line per query whose expected page is not first, marked H (held-out set) or T (task set); a chapter or
    named page shows by its name, any other page (a checklist too) by its path."""
    queries = [*load_queries(), *_load_optional(HELDOUT), *_load_optional(TASKS)]
    marks = [""] * report["queries"] + ["H "] * report.get("heldout_queries", 0) + \
        ["T "] * report.get("task_queries", 0)
    r = report[engine]

    def shown(url: str) -> str:
        return page_of(url, ("missions",)) or urlparse(url).path

    return [f"{mark}{q['q']} (expect {q['expect']}) rank {rank}: {[shown(u) for u in urls]}"
            for mark, q, rank, urls in zip(marks, queries, r["ranks"], r["results"], strict=True) if rank != 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built handbook (default: build one)")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--misses", action="store_true", help="list the handbook's queries that are not first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-eval-site-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            mkdocs_build(site)
        report = evaluate(site, engines=tuple(args.engines))
    print(table(report))
    if args.misses and "handbook" in report:
        print("\n".join(misses(report)))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
