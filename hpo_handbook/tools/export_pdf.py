"""Export the checklists and the whole handbook to PDF with headless Chromium (``make pdf``).

    python -m hpo_handbook.tools.export_pdf [--site site] [--build] [--out site/pdf]

Writes into the built site, so a deploy publishes the PDFs next to the pages that link to them:

    pdf/checklist-<mission id>.pdf   one checklist form per mission
    pdf/checklist-all.pdf            the eight missions in one form
    pdf/year-plan.pdf                the year on one or two A4 landscape sheets, for the director's sign-off
    pdf/calendar.pdf                 the year month by month, with every action (the year plan's detail)
    pdf/plan-<group id>.pdf          each group's plan, an office form printed from the group's own page
    pdf/handbook.pdf                 the book: cover, contents with page numbers, every chapter

Pages are printed by Chromium from the built site itself, with the site's own print.css, so a PDF
looks like what a reader gets from the browser's print.

Why a script and not mkdocs-print-site-plugin: the plugin adds a page to the site at build time and
must run after every other plugin, while this handbook keeps build logic out of plugins (Zensical,
the theme's successor, skips third-party plugins silently). Combining the *built*
pages in the browser needs nothing but the site and Chromium, and the same print.css serves both.
The book is assembled in the page with the DOM (ids are prefixed per chapter and links between
chapters become links inside the PDF), then printed twice: the first pass tells on which page each
chapter starts (Chromium writes every linked anchor as a named destination, read back with pypdf),
the second prints the contents page with those numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..integrations.mkdocs_config import site_config
from ..links import CALENDAR_PAGE, GROUP_PAGE, YEAR_PLAN_PAGE, Links
from ..loader import Handbook, load
from ..office_year import owners_with_work
from ..site_paths import CALENDAR_PDF, HANDBOOK_PDF, PDF_DIR, YEAR_PLAN_PDF, checklist_pdf, plan_pdf
from ..thai import thai_date
from .localsite import CHROMIUM, CHROMIUM_ARGS, served

ROOT = Path(__file__).resolve().parents[2]  # the project (the package is installed in editable mode)

#: Pages left out of the book: the checklists, the year plan and each group's plan have their own PDFs; the
#: self-assessment is a tool used on screen; the contributing guide is for editors of the site.
BOOK_EXCLUDE = ("checklists/", "assessment/", "contributing", "calendar/groups", "calendar/year-plan")
PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}


def load_config(config_file: Path) -> dict[str, object]:
    return {**site_config(config_file), "mission_ids": [m.id for m in load(config_file.parent / "data").missions]}


# JavaScript run in the page. Same-origin links that leave the PDF point at the published site.
_REWRITE_LINKS_JS = """
([siteUrl, localRoot]) => {
  for (const a of document.querySelectorAll(".md-content a[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin === location.origin && siteUrl) {
      a.href = siteUrl + url.pathname.slice(new URL(localRoot).pathname.length) + url.hash;
    } else if (url.origin !== location.origin) {
      a.classList.add("hb-ext");
    }
  }
}
"""

# Before each print: lay the page out for paper, then load every face the style sheets declare and wait until
# all are applied. `document.fonts.ready` alone is not enough: it settles once no face is loading, and a face that
# the screen layout never asked for (a face the screen does not use yet: fonts.js) has not started yet; and when
# every page preloaded the Sarabun faces (before fonts.js), the first prints after a navigation set the
# Thai text in Chromium's fallback face on some runs (22-95 % of the letters, `make pdf` on ba5a89d). Loading
# each FontFace explicitly, then two animation frames so that the relayout with the loaded faces is committed,
# made every export set in Sarabun; the PDF is read back anyway (check_pdf.fonts_outside_sarabun) before it is
# written. Returns the faces that failed to load.
_FONTS_READY_JS = """
async () => {
  await Promise.all([...document.fonts].map(f => f.load().catch(() => null)));
  await document.fonts.ready;
  document.body.offsetHeight;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [...document.fonts].filter(f => f.status !== "loaded")
    .map(f => `${f.family} ${f.weight} (${f.unicodeRange.slice(0, 20)})`);
}
"""

#: Prints of one document before the exporter gives up on it (each one from a freshly loaded page).
ATTEMPTS = 3


class ExportError(RuntimeError):
    """A PDF that could not be printed right: the message names the file and says what to do, in Thai."""

# Collect the book's pages in nav order from the sidebar of the home page.
_NAV_JS = """
() => [...document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")]
  .map(a => a.href).filter(h => !h.includes("#"))
"""

# Build the book inside the home page: fetch each chapter, take its article, make ids unique,
# turn links between chapters into in-document links, and replace the home page's article.
_ASSEMBLE_JS = """
async ({pages, cover, siteUrl, localRoot}) => {
  const norm = (u) => { const x = new URL(u); x.hash = ""; x.search = "";
    return x.href.replace(/index\\.html$/, ""); };
  const chapterOf = new Map(pages.map((p, n) => [norm(p), n]));
  const parser = new DOMParser();
  const chapters = [];
  for (const [n, pageUrl] of pages.entries()) {
    const html = await (await fetch(pageUrl)).text();
    const doc = parser.parseFromString(html, "text/html");
    const article = doc.querySelector("article.md-content__inner");
    article.querySelectorAll(".hb-print-header, .md-content__button, .md-source-file, script, .headerlink")
      .forEach(e => e.remove());
    article.querySelectorAll("[id]").forEach(e => { e.id = `c${n}-${e.id}`; });
    article.querySelectorAll("[for]").forEach(e => e.setAttribute("for", `c${n}-${e.getAttribute("for")}`));
    article.querySelectorAll("[aria-labelledby]").forEach(e => e.setAttribute("aria-labelledby",
      e.getAttribute("aria-labelledby").split(/\\s+/).map(i => `c${n}-${i}`).join(" ")));
    article.querySelectorAll("details").forEach(d => d.setAttribute("open", ""));
    article.querySelectorAll("img[src]").forEach(img => { img.src = new URL(img.getAttribute("src"), pageUrl).href; });
    article.querySelectorAll("a[href]").forEach(a => {
      const url = new URL(a.getAttribute("href"), pageUrl);
      const target = chapterOf.get(norm(url.href));
      if (url.origin === location.origin && target !== undefined) {
        const inside = url.hash ? `c${target}-${decodeURIComponent(url.hash.slice(1))}` : `hb-chapter-${target}`;
        a.setAttribute("href", "#" + inside);
      } else if (url.origin === location.origin) {
        const path = url.pathname.slice(new URL(localRoot).pathname.length);
        a.setAttribute("href", siteUrl ? siteUrl + path + url.hash : url.href);
      } else {
        a.classList.add("hb-ext");
      }
    });
    const h1 = article.querySelector("h1");
    const title = h1 ? h1.textContent.trim() : doc.title;
    const section = document.createElement("section");
    section.className = "hb-book-chapter";
    section.id = `hb-chapter-${n}`;
    section.append(...article.childNodes);
    chapters.push({ section, title });
  }

  const el = (tag, cls, text) => { const e = document.createElement(tag);
    if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const book = el("div", "hb-book");
  const coverEl = el("section", "hb-book-cover");
  if (cover.logo) { const img = el("img", "hb-book-logo"); img.src = cover.logo; img.alt = "";
    coverEl.append(img); }
  coverEl.append(el("p", "hb-book-office", cover.office), el("h1", "hb-book-title", cover.title),
                 el("p", "hb-book-subtitle", cover.subtitle), el("p", "hb-book-date", cover.date));
  const toc = el("nav", "hb-book-toc");
  toc.setAttribute("aria-label", "สารบัญ");
  toc.append(el("h2", "", "สารบัญ"));
  const list = el("ol");
  chapters.forEach(({ title }, n) => {
    const li = el("li"); const a = el("a", "", title); a.href = `#hb-chapter-${n}`;
    const num = el("span", "hb-book-toc-page", ""); num.dataset.chapter = String(n);
    li.append(a, num); list.append(li);
  });
  toc.append(list);
  book.append(coverEl, toc, ...chapters.map(c => c.section));
  // The book is the whole document: any box left before the cover (even the theme's empty, hidden
  // wrappers) would start the PDF with a blank numbered page instead of the cover.
  const article = el("article", "md-content__inner md-typeset");
  article.append(book);
  document.body.replaceChildren(article);
  document.title = cover.title;
  await document.fonts.ready;
  return chapters.map(c => c.title);
}
"""

_SET_PAGES_JS = """
(numbers) => { for (const span of document.querySelectorAll(".hb-book-toc-page")) {
  span.textContent = numbers[span.dataset.chapter] || ""; } }
"""


def chapter_pages(pdf: bytes) -> dict[str, int]:
    """Chapter index -> printed page number, from the PDF's named destinations ``c<n>-...``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        name = str(name).lstrip("/")
        if name.startswith("hb-chapter-"):
            found[name.removeprefix("hb-chapter-")] = reader.get_destination_page_number(dest) + 1
    return found


def export(site: Path, out: Path, config_file: Path, what: str = "all", browser: Any = None) -> list[Path]:
    """Write the PDFs into ``out``; return their paths. Launches Chromium unless given a Playwright
    ``browser`` (tests pass theirs: one Playwright per process)."""
    if browser is not None:
        return _export(browser, site, out, config_file, what)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return _export(own, site, out, config_file, what)
        finally:
            own.close()


def print_pdf(page: Any, path: Path, title: str, prepare: Callable[[bool], None]) -> bytes:
    """Print the page prepared by ``prepare`` (which shapes it for this document, and loads it afresh when given
    True) to ``path``.

    Every face is loaded and applied first (``_FONTS_READY_JS``); the PDF is then read back, and a print with any
    text outside Sarabun is done again from a freshly loaded page, at most ``ATTEMPTS`` times in all, each retry
    said on stderr. Raises :class:`ExportError`, naming the file, when a face does not load or the text stays in
    another font: a broken PDF is never written."""
    from .check_pdf import fonts_outside_sarabun

    problem = ""
    for attempt in range(1, ATTEMPTS + 1):
        prepare(attempt > 1)
        page.evaluate("(title) => { document.title = title; }", title)  # the PDF's Title metadata
        failed = page.evaluate(_FONTS_READY_JS)
        if failed:
            raise ExportError(f"{path}: โหลดฟอนต์ไม่สำเร็จ {', '.join(failed)}: ตรวจว่าไฟล์ใน docs/assets/fonts/ "
                              "และ assets/css/fonts.css อยู่ในเว็บไซต์ที่สร้างแล้ว แล้วรัน make pdf ใหม่")
        pdf: bytes = page.pdf(**PDF_OPTIONS)
        foreign = fonts_outside_sarabun(pdf)
        if not foreign:
            path.write_bytes(pdf)
            return pdf
        problem = ", ".join(f"{font} {n} ตัวอักษร" for font, n in sorted(foreign.items()))
        print(f"  {path.name}: ครั้งที่ {attempt} มีข้อความนอกฟอนต์ Sarabun ({problem}) จึงพิมพ์ใหม่", file=sys.stderr)
    raise ExportError(f"{path}: พิมพ์ {ATTEMPTS} ครั้งแล้วข้อความยังตั้งด้วยฟอนต์อื่น ({problem}) "
                      "กระดาษจะแสดงเป็นกล่องว่าง: ไม่ได้บันทึกไฟล์นี้ ตรวจ print.css และ fonts.css แล้วรัน make pdf ใหม่")


def document_titles(cfg: dict[str, Any], hb: Handbook, fiscal_year: int) -> dict[str, str]:
    """File name -> the PDF's title: the office, the document and, for the year's documents, the fiscal year in พ.ศ.
    (and a plan's group), so that 25 files in one folder or one e-mail tell themselves apart."""
    office = str(cfg["office"].get("name", ""))
    year = f"ปีงบประมาณ พ.ศ. {fiscal_year}"
    titles = {
        Path(HANDBOOK_PDF).name: f"{cfg['site_name']} · {office}",
        Path(checklist_pdf("all")).name: f"{office} · แบบตรวจสอบการดำเนินงาน ทั้งแปดภารกิจ",
        Path(CALENDAR_PDF).name: f"{office} · ปฏิทินการดำเนินงานประจำ{year} รายละเอียดรายเดือน",
        Path(YEAR_PLAN_PDF).name: f"{office} · ปฏิทินปฏิบัติงานประจำ{year}",
    }
    for m in hb.missions:
        titles[Path(checklist_pdf(m.id)).name] = (
            f"{office} · แบบตรวจสอบการดำเนินงาน ภารกิจที่ {m.number} {m.title}")
    for owner, name in hb.owner_names().items():
        titles[Path(plan_pdf(owner)).name] = f"{office} · แผนงานประจำ{year} · {name}"
    return titles


def _export(browser: Any, site: Path, out: Path, config_file: Path, what: str) -> list[Path]:
    from .check_pdf import site_fiscal_year

    cfg = site_config(config_file)  # MkDocs' full reading of mkdocs.yml, and the data: once per export
    hb = load(config_file.parent / "data")
    office = cfg["office"]
    titles = document_titles(cfg, hb, site_fiscal_year(site))
    site_url = str(cfg["site_url"])
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    out.mkdir(parents=True, exist_ok=True)
    if what == "all":  # a group or mission that is gone leaves no stale PDF behind
        for old in out.glob("*.pdf"):
            old.unlink()
    written: list[Path] = []
    with served(site) as base:  # fetch() and fonts need http://, not file://
        # No offline worker: it would fetch the whole site in the background while the pages print.
        context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900},
                                      service_workers="block")
        page = context.new_page()

        def open_page(url: str) -> None:
            page.emulate_media(media="screen")
            page.goto(url, wait_until="networkidle")
            page.evaluate(_REWRITE_LINKS_JS, [site_url, base])
            page.emulate_media(media="print")  # lay out for paper before the faces are loaded and checked

        def url_of(src: str) -> str:
            return base + Links(src, bool(cfg["use_directory_urls"])).url_of(src)

        def done(path: Path) -> None:
            written.append(path)
            print(f"  {path}")

        if what in ("all", "checklists"):
            for checklist_id in ["all", *(m.id for m in hb.missions)]:
                src = "checklists/index.md" if checklist_id == "all" else f"checklists/{checklist_id}.md"
                path = out / Path(checklist_pdf(checklist_id)).name  # the name the pages link to
                print_pdf(page, path, titles[path.name], lambda _, src=src: open_page(url_of(src)))
                done(path)

        if what in ("all", "calendar"):
            year_pages = [(CALENDAR_PAGE, CALENDAR_PDF), (YEAR_PLAN_PAGE, YEAR_PLAN_PDF)]
            year_pages += [(GROUP_PAGE.format(id=o), plan_pdf(o)) for o in owners_with_work(hb)]
            for src, pdf_name in year_pages:
                path = out / Path(pdf_name).name
                print_pdf(page, path, titles[path.name], lambda _, src=src: open_page(url_of(src)))
                done(path)

        if what in ("all", "handbook"):
            page.emulate_media(media="screen")
            page.goto(base, wait_until="networkidle")
            pages = [h for h in dict.fromkeys(page.evaluate(_NAV_JS))
                     if not any(h.removeprefix(base).startswith(x) for x in BOOK_EXCLUDE)]
            logo = office.get("logo")
            cover = {
                "title": cfg["site_name"],
                "subtitle": cfg["site_description"],
                "office": office.get("name", ""),
                "logo": base + logo if logo else "",
                "date": "ฉบับวันที่ " + thai_date(dt.date.today()),
            }
            path = out / Path(HANDBOOK_PDF).name

            numbers: dict[str, int] = {}

            def book(reload: bool) -> None:
                if reload or not page.evaluate("() => !!document.querySelector('.hb-book')"):
                    page.emulate_media(media="screen")
                    page.goto(base, wait_until="networkidle")
                    page.evaluate(_ASSEMBLE_JS, {"pages": pages, "cover": cover, "siteUrl": site_url,
                                                 "localRoot": base})
                    page.wait_for_load_state("networkidle")
                    page.emulate_media(media="print")
                page.evaluate(_SET_PAGES_JS, {k: str(v) for k, v in numbers.items()})

            # Print until the contents page's numbers agree with where the chapters start
            # (filling the numbers in does not move anything: the column has a fixed width).
            pdf = print_pdf(page, path, titles[path.name], book)
            for _ in range(3):
                found = chapter_pages(pdf)
                if found == numbers:
                    break
                numbers = found
                pdf = print_pdf(page, path, titles[path.name], book)
            missing = len(pages) - len(numbers)
            if missing:
                print(f"  warning: {missing} chapter(s) without a page number in the contents", file=sys.stderr)
            written.append(path)
            print(f"  {path} ({len(pages)} chapters)")
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, help="where to write the PDFs (default: <site>/pdf)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--build", action="store_true", help="run `mkdocs build --strict` into --site first")
    parser.add_argument("--only", choices=("all", "checklists", "calendar", "handbook"), default="all")
    args = parser.parse_args(argv)
    if args.build:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(args.config),
                        "--site-dir", str(args.site)], check=True, cwd=ROOT, env=env)
    if not (args.site / "index.html").exists():
        print(f"ไม่พบเว็บไซต์ที่สร้างแล้วใน {args.site}: รัน make build ก่อน (no built site)", file=sys.stderr)
        return 1
    out = args.out or args.site / PDF_DIR
    print(f"กำลังสร้าง PDF ใน {out}")
    try:
        export(args.site, out, args.config, args.only)
    except ExportError as e:
        print(str(e), file=sys.stderr)
        return 1
    if args.only != "all" or args.out:
        return 0
    from .check_pdf import main as check

    return check(["--site", str(args.site), "--config", str(args.config)])  # read every shipped file back


if __name__ == "__main__":
    sys.exit(main())
