"""Benchmark: build speed, page weight, search, print and Lighthouse, measured side by side.

    make bench                      # everything; writes BENCHMARKS.md and build/bench.json
    .venv/bin/python -m hpo_handbook.tools.bench --runs 3 --skip lighthouse

Prints a table and writes JSON. Figures are medians of several runs; nothing here is asserted by the
tests (timings on shared machines are noisy), they are for people to read and compare.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from ..offline_cache import read_precache
from ..thai import thai_date
from .localsite import CHROMIUM, CHROMIUM_ARGS, served

ROOT = Path(__file__).resolve().parents[2]  # the project (the package is installed in editable mode)

SECTIONS = ("build", "weight", "weight_reference", "precache", "search", "print", "lighthouse")
PAGES = {
    "หน้าแรก (home)": "",
    "บท: ภาวะผู้นำ (chapter)": "missions/leadership/",
    "แบบตรวจสอบ (checklist)": "checklists/leadership/",
    "ประเมินตนเอง (assessment)": "assessment/",
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# ── Build ────────────────────────────────────────────────────────────────────────────────────


def bare_config(tmp: Path, docs_dir: Path = ROOT / "docs", name: str = "bare") -> Path:
    """The same Markdown built by a bare mkdocs-material: no macros, no handbook plugin, no overrides."""
    cfg = {
        "site_name": "bare",
        "docs_dir": str(docs_dir),
        "theme": {"name": "material", "language": "th"},
        "plugins": ["search"],
        "markdown_extensions": ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
                                "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
                                "pymdownx.tasklist"],
    }
    path = tmp / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


def time_build(config: Path | None, out: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)]
        if config:
            cmd += ["--config-file", str(config)]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def bench_build(runs: int, tmp: Path) -> dict[str, Any]:
    """Our build against two bare mkdocs-material builds: of the same source Markdown (macro calls left as
    text, as the issue defines it) and of the Markdown after the macros ran (the same content, so the ratio
    shows what the engine itself costs)."""
    ours = time_build(None, tmp / "site", runs)
    bare = time_build(bare_config(tmp), tmp / "bare", runs)
    rendered = tmp / "rendered-docs"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp / "dump-site")],
                   cwd=ROOT, env={**ENV, "HB_DUMP_MARKDOWN": str(rendered)}, check=True, capture_output=True)
    same = time_build(bare_config(tmp, rendered, "rendered"), tmp / "bare-rendered", runs)
    return {"runs": runs, "handbook_s": median(ours), "bare_material_s": median(bare),
            "bare_same_content_s": median(same), "ratio": median(ours) / median(bare),
            "ratio_same_content": median(ours) / median(same),
            "handbook_all_s": ours, "bare_all_s": bare, "bare_same_content_all_s": same}


# ── Page weight ──────────────────────────────────────────────────────────────────────────────


def kind_of(url: str, content_type: str) -> str:
    path = url.split("?")[0]
    for kind, endings in (("font", (".woff2", ".woff", ".ttf")), ("css", (".css",)), ("js", (".js",)),
                          ("image", (".svg", ".png", ".jpg", ".webp", ".ico")), ("json", (".json",))):
        if path.endswith(endings):
            return kind
    return "html" if "html" in content_type or path.endswith("/") else "other"


def bench_weight(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with served(site, compress=True) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path in PAGES.items():
            if not (site / path / "index.html").exists():
                continue
            # Empty cache: a first visit. The offline worker's background download is reported on its own
            # (bench_precache), not as the page's weight.
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            bodies: list[tuple[str, str, bytes]] = []

            def on_response(response: Any, bodies: list[tuple[str, str, bytes]] = bodies) -> None:
                with contextlib.suppress(Exception):  # a redirect or aborted request has no body
                    bodies.append((response.url, response.headers.get("content-type", ""), response.body()))

            page.on("response", on_response)
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"raw": 0, "gzip": 0, "files": 0})
            for u, ctype, body in bodies:
                k = by_kind[kind_of(u, ctype)]
                k["raw"] += len(body)
                k["gzip"] += len(gzip.compress(body, 6))
                k["files"] += 1
            total = {"raw": sum(k["raw"] for k in by_kind.values()),
                     "gzip": sum(k["gzip"] for k in by_kind.values())}
            results[label] = {"by_kind": dict(by_kind), "total": total}
            ctx.close()
        browser.close()
    return results


def bench_precache(site: Path) -> dict[str, Any]:
    """What the offline worker downloads after a first visit (sw.js's list: pages, styles, scripts, fonts)."""
    kept = read_precache(site)
    if kept is None:
        return {"skipped": "no sw.js in the built site"}
    return {"files": kept.files, "raw": kept.bytes, "gzip": kept.gzip_bytes}


# ── Search and print (measured by their own modules) ────────────────────────────────────────


def bench_search(site: Path) -> dict[str, Any]:
    try:
        from . import search_eval
    except ImportError as exc:
        return {"skipped": f"hpo_handbook/tools/search_eval.py not available: {exc}"}
    return search_eval.evaluate(site)


def bench_print(site: Path) -> dict[str, Any]:
    try:
        from . import export_pdf
    except ImportError as exc:
        return {"skipped": f"hpo_handbook/tools/export_pdf.py not available: {exc}"}
    from pypdf import PdfReader

    out: dict[str, Any] = {}
    for label, what in (("checklists", "checklists"), ("handbook", "handbook")):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            paths = export_pdf.export(site, Path(tmp), ROOT / "mkdocs.yml", what=what)
            seconds = time.perf_counter() - start
            out[label] = {
                "seconds": round(seconds, 1),
                "files": len(paths),
                "pages": {p.name: len(PdfReader(p).pages) for p in paths},
                "kb": {p.name: round(p.stat().st_size / 1024) for p in paths},
            }
    return out


# ── Reference site and Lighthouse ────────────────────────────────────────────────────────────


class _ConfigDumper(yaml.SafeDumper):
    """Writes mkdocs.yml's ``!!python/name:`` values (the emoji and slug functions) back as tags."""


_ConfigDumper.add_multi_representer(
    types.FunctionType,
    lambda dumper, f: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{f.__module__}.{f.__qualname__}", ""),
)


def _entry_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


REFERENCES = {
    # name: (search plugin entry or None for the handbook's own search settings, what the report calls it)
    "reference": (None, "ค่าค้นหาเดียวกับคู่มือ"),
    "reference-stock": ("search", "ค่าเริ่มต้นของปลั๊กอิน search"),
}


# The handbook's Markdown extensions that only change the article's content, not its look or behaviour: the
# reference keeps them, so that both sites serve the same article (the glossary's <abbr> elements, which the
# theme's content.tooltips feature then mounts on both).
CONTENT_EXTENSIONS = ("hpo_handbook.thai_abbr",)


def _at_root(value: Any) -> Any:
    """An extension's options with mkdocs.yml's ``!relative $config_dir`` paths made absolute: the reference's
    configuration lives in a temporary folder."""
    if isinstance(value, dict):
        return {k: _at_root(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_at_root(v) for v in value]
    return value.replace("$config_dir", str(ROOT)) if isinstance(value, str) else value


def thai_system_font() -> str:
    """The font the system gives Chromium for Thai text when a page names none that has Thai letters (fontconfig),
    or "" when there is none. A phone always has one (Android: Noto Sans Thai; iOS: Thonburi); a bare Debian machine
    does not, and there the reference draws every Thai letter as an empty box: no shaping, no real glyphs, a
    yardstick no reader ever sees. ``make bench`` installs one (scripts/system-deps.sh --bench)."""
    try:
        found = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return ""
    families = sorted({line.split(",")[0].strip() for line in found.stdout.splitlines() if line.strip()})
    return families[0] if families else ""


def build_reference(rendered: Path, out: Path, tmp: Path, search: Any = None) -> Path:
    """The issue's yardstick: mkdocs-material with the same content and the same theme features (palette,
    instant navigation, tooltips, Markdown extensions, navigation), but none of the handbook's own stylesheets,
    scripts, fonts, templates, macros or plugin. ``rendered`` is the handbook's Markdown after the macros ran
    (HB_DUMP_MARKDOWN), so both sites show the same text, tables and rubrics.

    ``search``: None keeps the handbook's search settings (theme configuration, not a handbook asset); ``"search"``
    is the plugin's stock defaults (for a Thai site: lunr's Thai pipeline, loaded by the search worker), the
    variant the issue measured."""
    from ..integrations.mkdocs_config import raw_yaml

    cfg = raw_yaml(ROOT / "mkdocs.yml")
    shutil.copytree(ROOT / "docs/assets/images", rendered / "assets/images", dirs_exist_ok=True)  # the logo only
    theme = {k: v for k, v in cfg["theme"].items() if k != "custom_dir"}
    reference = {
        **{k: cfg[k] for k in ("site_name", "site_description", "site_url", "repo_url", "repo_name", "edit_uri",
                               "use_directory_urls", "nav") if k in cfg},
        "docs_dir": str(rendered),
        "strict": False,  # links to the PDFs and .ics files written after a handbook build are not there
        "theme": theme,
        "plugins": [search] if search else [p for p in cfg["plugins"] if _entry_name(p) == "search"],
        "markdown_extensions": [_at_root(e) for e in cfg["markdown_extensions"]
                                if not _entry_name(e).startswith("hpo_handbook.")
                                or _entry_name(e) in CONTENT_EXTENSIONS],
        "extra": {"generator": False},
    }
    config = tmp / f"mkdocs-{out.name}.yml"
    config.write_text(yaml.dump(reference, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out),
                    "--config-file", str(config)], cwd=ROOT, env=ENV, check=True, capture_output=True)
    return out


LIGHTHOUSE_AUDITS = ("first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time",
                     "cumulative-layout-shift")


def lighthouse_once(binary: Path, url: str) -> dict[str, float] | None:
    """One Lighthouse run, mobile profile (simulated slow 4G, CPU slowed 4x): category scores and key metrics."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        proc = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
             "--only-categories=performance,accessibility,best-practices,seo"],
            env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0 or not report.exists():
            return None
        data = json.loads(report.read_text(encoding="utf-8"))
    found = {key: category["score"] * 100 for key, category in data["categories"].items()}
    found.update({audit: data["audits"][audit]["numericValue"] for audit in LIGHTHOUSE_AUDITS})
    return found


def bench_lighthouse(sites: dict[str, Path], runs: int = 5) -> dict[str, Any]:
    """Each page of PAGES on each site, median of ``runs``. The sites take turns run by run (handbook, then each
    reference, then the handbook again), so a machine that slows down mid-way slows all alike: the comparison is
    what counts, absolute scores vary between machines."""
    binary = ROOT / "node_modules/.bin/lighthouse"
    if not binary.exists():
        return {"skipped": "node_modules/.bin/lighthouse missing: run npm ci"}
    seen: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    with contextlib.ExitStack() as stack:
        # Compressed like the real host: Lighthouse would flag uncompressed text.
        urls = {name: stack.enter_context(served(site, compress=True)) for name, site in sites.items()}
        for _ in range(runs):
            for label, path in PAGES.items():
                for name, url in urls.items():
                    found = lighthouse_once(binary, url + path)
                    if found is None:
                        seen[label][name]["failed runs"].append(1)
                        continue
                    for key, value in found.items():
                        seen[label][name][key].append(value)
    return {label: {name: {key: round(median(values), 3 if key == "cumulative-layout-shift" else 0)
                           for key, values in metrics.items()} | {"runs": len(metrics.get("performance", []))}
                    for name, metrics in by_site.items()}
            for label, by_site in seen.items()}


def lighthouse_goal(page: dict[str, dict[str, float]], reference: str = "reference") -> str:
    """The issue's goal for one page against one reference: performance at least the reference's, total blocking
    time at most 1.2 times the reference's, accessibility, best practices and SEO at 100."""
    ours, ref = page.get("handbook", {}), page.get(reference, {})
    if "performance" not in ours or "performance" not in ref:
        return "วัดไม่ได้"
    misses = []
    if ours["performance"] < ref["performance"]:
        misses.append("performance")
    if ours["total-blocking-time"] > 1.2 * ref["total-blocking-time"]:
        misses.append("TBT")
    misses += [key for key in ("accessibility", "best-practices", "seo") if ours.get(key, 0) < 100]
    return "ผ่าน" if not misses else "ไม่ผ่าน: " + ", ".join(misses)


# ── Report ───────────────────────────────────────────────────────────────────────────────────


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def _thai_font_sentence(r: dict[str, Any]) -> str:
    """What the report says of the Thai system font the reference used (nothing for older reports)."""
    if "thai_system_font" not in r:
        return ""
    if r["thai_system_font"]:
        return f"ฟอนต์ไทยของระบบที่ reference ใช้: {r['thai_system_font']} (โทรศัพท์ทุกเครื่องมีฟอนต์ไทยของตัวเอง) "
    return "**เครื่องที่วัดไม่มีฟอนต์ไทยของระบบ: reference แสดงอักษรไทยเป็นกล่องว่าง ผลจึงเทียบไม่ได้** "


def markdown_report(r: dict[str, Any]) -> str:
    lines = [
        "# ผลการวัดประสิทธิภาพ (Benchmarks)",
        "",
        f"วัดเมื่อ {r['date_th']} บนเครื่อง {r['machine']} ด้วย `make bench` "
        "(ค่ามัธยฐานของหลายรอบ ไม่ใช้เป็นเกณฑ์ในการทดสอบอัตโนมัติ)",
        "",
    ]
    carried = r.get("carried") or {}
    if carried:
        lines += ["รอบนี้ไม่ได้วัด " + ", ".join(f"{name} (ค่าจากการวัดเมื่อ {when})" for name, when in carried.items()), ""]
    b = r.get("build")
    if b:
        lines += ["## Build", "", "| | median (s) |", "|---|---|",
                  f"| คู่มือ (macros, ปลั๊กอิน handbook) | {b['handbook_s']:.2f} |",
                  f"| mkdocs-material เปล่า, Markdown ชุดเดียวกัน | {b['bare_material_s']:.2f} |",
                  f"| mkdocs-material เปล่า, Markdown หลัง macros ทำงาน (เนื้อหาเท่ากัน) | {b['bare_same_content_s']:.2f} |",
                  f"| อัตราส่วนต่อ Markdown ต้นฉบับ (เป้าหมาย ≤ 1.5) | {b['ratio']:.2f} |",
                  f"| อัตราส่วนต่อเนื้อหาเท่ากัน (ต้นทุนของ engine เอง) | {b['ratio_same_content']:.2f} |", ""]
    w = r.get("weight")
    if w:
        lines += ["## น้ำหนักหน้าเมื่อเข้าครั้งแรก (first visit)", "",
                  "| หน้า | html | css | js | fonts | images | json | รวม raw | รวม gzip (เป้าหมาย ≤ 200 KB) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for label, v in w.items():
            k = v["by_kind"]

            def cell(name: str, k: dict[str, Any] = k) -> str:
                return kb(k[name]["gzip"]) if name in k else "-"

            lines.append(f"| {label} | {cell('html')} | {cell('css')} | {cell('js')} | {cell('font')} | "
                         f"{cell('image')} | {cell('json')} | {kb(v['total']['raw'])} | {kb(v['total']['gzip'])} |")
        for label, v in (r.get("weight_reference") or {}).items():
            lines.append(f"| {label}, reference | | | | | | | {kb(v['total']['raw'])} | {kb(v['total']['gzip'])} |")
        lines += ["", "แต่ละประเภทแสดงขนาดหลังบีบอัด gzip แถว reference คือ mkdocs-material เนื้อหาเดียวกันที่ไม่มีไฟล์ของคู่มือ "
                  "(ดูหัวข้อ Lighthouse)", ""]
    pc = r.get("precache")
    if pc and "skipped" not in pc:
        lines += ["## อ่านออฟไลน์หลังเข้าครั้งแรก (service worker precache)", "",
                  "| ไฟล์ | raw | gzip |", "|---|---|---|",
                  f"| {pc['files']} | {kb(pc['raw'])} | {kb(pc['gzip'])} |", "",
                  "ดาวน์โหลดเบื้องหลังหลังหน้าแรกโหลดเสร็จ ครั้งเดียว ฉบับถัดไปดาวน์โหลดเฉพาะไฟล์ที่เปลี่ยน "
                  "ดัชนีค้นหาอยู่ในรายการนี้ด้วย จึงค้นหาได้แม้ออฟไลน์ตั้งแต่หลังเข้าครั้งแรก", ""]
    s = r.get("search")
    if s and "skipped" not in s:
        lines += ["## การค้นหา", "",
                  f"คำค้น {s.get('queries')} คำ (tests/search_queries.yml) {'' if s.get('task_queries') else 'และ'}"
                  f"ชุดที่กันไว้ {s.get('heldout_queries', 0)} คำ (tests/search_queries_heldout.yml) "
                  + (f"และคำค้นงาน {s['task_queries']} คำ (tests/search_queries_tasks.yml) " if s.get("task_queries")
                     else "") + "พิมพ์ลงช่องค้นหาจริงใน Chromium", "",
                  "| | recall@1 | recall@5 | held-out recall@1 | held-out recall@5 | task recall@1 | task recall@5 | "
                  "median latency (ms) | index raw / gzip | first search raw / gzip |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name in ("handbook", "stock", "pagefind"):
            v = s.get(name)
            if not isinstance(v, dict) or "recall@5" not in v:
                continue
            idx, first = v.get("index", {}), v.get("first_search", {})
            latency = v.get("latency_ms", float("nan"))
            held = v.get("heldout", {})
            held_cells = (f"{held['recall@1']:.2f} | {held['recall@5']:.2f}" if "recall@1" in held else "- | -")
            task = v.get("tasks", {})
            task_cells = (f"{task['recall@1']:.2f} | {task['recall@5']:.2f}" if "recall@1" in task else "- | -")
            lines.append(f"| {name} | {v['recall@1']:.2f} | {v['recall@5']:.2f} | {held_cells} | {task_cells} | "
                         f"{latency:.1f} | "
                         f"{kb(idx.get('raw', 0))} / {kb(idx.get('gzip', 0))} | "
                         f"{kb(first.get('raw', 0))} / {kb(first.get('gzip', 0))} |")
        lines.append("")
    p = r.get("print")
    if p and "skipped" not in p:
        lines += ["## การพิมพ์ (PDF)", "", "| ไฟล์ | หน้า | ขนาด |", "|---|---|---|"]
        for group in p.values():
            for name, pages in group["pages"].items():
                lines.append(f"| {name} | {pages} | {group['kb'][name]} KB |")
        lines += ["", f"ส่งออกแบบตรวจสอบทั้ง 9 ไฟล์ใช้เวลา {p['checklists']['seconds']} วินาที "
                  f"คู่มือทั้งเล่ม {p['handbook']['seconds']} วินาที", ""]
    lh = r.get("lighthouse")
    if lh and "skipped" not in lh:
        runs = next(iter(next(iter(lh.values())).values())).get("runs", "?")
        lines += ["## Lighthouse เทียบกับ mkdocs-material เนื้อหาเดียวกัน (mobile: 4G ช้าจำลอง, CPU ช้าลง 4 เท่า)", "",
                  "reference คือ mkdocs-material ที่มีเนื้อหาเดียวกัน (Markdown หลัง macros ทำงาน) และเปิด feature ของธีมชุดเดียวกัน "
                  "แต่ไม่มี CSS, script, ฟอนต์, template, macros และปลั๊กอินของคู่มือ มีสองแบบ: "
                  + "; ".join(f"`{name}` {label}" for name, (_, label) in REFERENCES.items())
                  + f" ทุกไซต์วัดสลับกันทีละรอบ ค่ามัธยฐานของ {runs} รอบต่อหน้า " + _thai_font_sentence(r) +
                  "เป้าหมาย: performance ไม่ต่ำกว่า reference, TBT ไม่เกิน 1.2 เท่าของ reference, "
                  "accessibility, best practices และ SEO ได้ 100", "",
                  "| หน้า | เทียบกับ | performance คู่มือ / ref | TBT (ms) คู่มือ / ref (เท่า) | FCP (ms) คู่มือ / ref | "
                  "LCP (ms) คู่มือ / ref | SI (ms) คู่มือ / ref | a11y / BP / SEO คู่มือ (ref) | เป้าหมาย |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for page, by_site in lh.items():
            h = by_site.get("handbook", {})
            for name in REFERENCES:
                f = by_site.get(name)
                if f is None:
                    continue

                def pair(key: str, h: dict[str, Any] = h, f: dict[str, Any] = f) -> str:
                    return f"{h.get(key, '-'):.0f} / {f.get(key, '-'):.0f}" if key in h and key in f else "-"

                tbt = h.get("total-blocking-time", 0) / max(f.get("total-blocking-time", 0), 1)
                others = " / ".join(f"{h.get(k, '-'):.0f}" for k in ("accessibility", "best-practices", "seo")) + \
                    " (" + " / ".join(f"{f.get(k, '-'):.0f}" for k in ("accessibility", "best-practices", "seo")) + ")"
                lines.append(f"| {page} | `{name}` | {pair('performance')} | "
                             f"{pair('total-blocking-time')} ({tbt:.2f}) | "
                             f"{pair('first-contentful-paint')} | {pair('largest-contentful-paint')} | "
                             f"{pair('speed-index')} | {others} | {lighthouse_goal(by_site, name)} |")
        lines.append("")
    lines += [
        "## อ่านตัวเลขอย่างไร",
        "",
        "- Build: mkdocs-material เปล่าที่อ่าน Markdown ต้นฉบับไม่ได้แปลงคำสั่ง macros เป็นตัวชี้วัด เกณฑ์ และแบบตรวจสอบ "
        "หน้าของมันจึงเล็กกว่าหน้าของคู่มือหลายเท่า อัตราส่วนต่อเนื้อหาเท่ากันจึงบอกต้นทุนของ engine "
        "(โหลดและตรวจข้อมูล macros การตัดคำไทยในดัชนีค้นหา วันที่จาก git) ได้ตรงกว่า",
        "- น้ำหนักหน้า: ดัชนีค้นหาไม่ถูกดาวน์โหลดจนกว่าผู้อ่านจะเริ่มค้นหา จึงไม่อยู่ในการเข้าครั้งแรก "
        "ส่วน first search ในตารางการค้นหาคือสิ่งที่ดาวน์โหลดเพิ่มเมื่อค้นครั้งแรก",
        "- การค้นหา: recall@1 คือสัดส่วนคำค้นที่หน้าที่คาดไว้ขึ้นเป็นผลแรก recall@5 คืออยู่ในห้าผลแรก "
        "คำค้นที่ระบุ chapter: true นับเฉพาะหน้าบท ไม่นับแบบตรวจสอบ ชุดที่กันไว้ (held-out) ไม่เคยใช้ปรับการจัดอันดับ "
        "จึงบอกได้ว่าการปรับใช้ได้กับคำค้นใหม่หรือไม่ latency วัดจากการกดแป้นถึงผลลัพธ์กลับจาก worker",
        "- Pagefind: ไฟล์ดัชนีถูกบีบอัดมาแล้ว ขนาด gzip จึงไม่ลดลง และใช้ไม่ได้จาก file:// (ฉบับออฟไลน์)",
        "- Lighthouse: คะแนน performance แกว่งได้หลายคะแนนระหว่างรอบบนเครื่อง 2 cores ที่ใช้ร่วมกัน "
        "จึงวัดสองไซต์สลับกันและอ่านผลเป็นการเทียบกัน เวลาที่บล็อกหน้า (TBT) ส่วนใหญ่มาจาก JavaScript ของ mkdocs-material เอง "
        "(ประเมินผลตอนโหลดและบังคับจัดหน้า) ซึ่ง reference ก็มีเหมือนกัน "
        "reference ดาวน์โหลดดัชนีค้นหาทั้งก้อนตั้งแต่โหลดหน้า (ธีมทำเช่นนั้นเอง) ส่วนคู่มือรอจนผู้อ่านเริ่มค้นหา "
        "น้ำหนักหน้าและ LCP ของ reference จึงสูงกว่า ความต่างนี้เป็นของจริงที่ผู้อ่านได้รับ ไม่ใช่ผลของการวัด",
        "- ฟอนต์: Lighthouse เปิดทุกหน้าเหมือนผู้อ่านที่เข้าครั้งแรก หน้านั้นแสดงด้วยฟอนต์ไทยของเครื่อง "
        "แล้วดาวน์โหลด Sarabun เก็บไว้หลังหน้าโหลดเสร็จ (fonts.js: น้ำหนักหน้าในคอลัมน์ fonts คือส่วนนี้) "
        "ตั้งแต่หน้าที่สองผู้อ่านเห็น Sarabun จากแคชของเบราว์เซอร์ ซึ่ง Lighthouse ไม่ได้วัด",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold builds per configuration (default 5)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["build", "weight", "precache", "search", "print",
                                                                  "lighthouse"])
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page and site (default 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "build/bench.json")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --json, measure nothing")
    args = parser.parse_args()
    if args.report_only:
        args.markdown.write_text(markdown_report(json.loads(args.json.read_text(encoding="utf-8"))) + "\n",
                                 encoding="utf-8")
        return

    now = dt.datetime.now()
    report: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"), "date_th": thai_date(now),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "thai_system_font": thai_system_font(),
    }
    if not report["thai_system_font"] and "lighthouse" not in args.skip:
        print("คำเตือน: เครื่องนี้ไม่มีฟอนต์ไทยของระบบ reference จะแสดงอักษรไทยเป็นกล่องว่าง ผล Lighthouse จึงเทียบไม่ได้ "
              "(make bench ติดตั้ง fonts-tlwg-loma ให้)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "build" not in args.skip:
            report["build"] = bench_build(args.runs, tmp)
            b = report["build"]
            print(f"build: handbook {b['handbook_s']:.2f}s, bare {b['bare_material_s']:.2f}s (ratio {b['ratio']:.2f}),"
                  f" same content {b['bare_same_content_s']:.2f}s (ratio {b['ratio_same_content']:.2f})", flush=True)
        site, rendered = tmp / "measured-site", tmp / "measured-markdown"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, env={**ENV, "HB_DUMP_MARKDOWN": str(rendered)}, check=True)
        references: dict[str, Path] = {}
        if not {"weight", "lighthouse"} <= set(args.skip):
            references = {name: build_reference(rendered, tmp / name, tmp, search)
                          for name, (search, _) in REFERENCES.items()}
        steps: list[tuple[str, Any]] = [
            ("weight", lambda: bench_weight(site)),
            ("weight_reference", lambda: bench_weight(references["reference"])),
            ("precache", lambda: bench_precache(site)),
            ("search", lambda: bench_search(site)),
            ("print", lambda: bench_print(site)),
            ("lighthouse", lambda: bench_lighthouse({"handbook": site, **references}, args.lighthouse_runs)),
        ]
        for name, function in steps:
            if name.removesuffix("_reference") not in args.skip:
                report[name] = function()
                print(f"{name}: {json.dumps(report[name], ensure_ascii=False)[:400]}", flush=True)

    # Steps skipped this time keep their last figures (a Lighthouse-only run does not wipe the build figures), and
    # the report says which ones and from when.
    if args.json.exists():
        previous = json.loads(args.json.read_text(encoding="utf-8"))
        for name in SECTIONS:
            if name not in report and name in previous:
                report[name] = previous[name]
                report.setdefault("carried", {})[name] = previous.get("carried", {}).get(name, previous["date_th"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    args.markdown.write_text(markdown_report(report) + "\n", encoding="utf-8")
    print(markdown_report(report))


if __name__ == "__main__":
    main()
