"""Quality checks over a built site, shared by the tests on the real site and on the failing fixtures.

Each check returns a list of problems (empty = pass), one readable line each, so a test can both assert
that the real site is clean and that a fixture made to break it is caught with a clear message.
Link checking is not here: mkdocs-htmlproofer-plugin does it during the build (see mkdocs.yml).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
THAI = re.compile(r"[\u0E00-\u0E7F]")
SERIOUS = ("serious", "critical")


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def _hidden(tag: Any) -> bool:
    """True when the element or an ancestor is hidden from assistive technology."""
    return any(t.get("aria-hidden") == "true" for t in [tag, *tag.parents] if hasattr(t, "get"))


def image_alt_problems(site: Path) -> list[str]:
    """Every <img> has Thai alt text, or alt="" and is aria-hidden (a decoration)."""
    found: list[str] = []
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for img in soup.find_all("img"):
            alt = img.get("alt")
            where = f"{path.relative_to(site)}: <img src=\"{img.get('src')}\">"
            if alt is None:
                found.append(f"{where} ไม่มี alt (missing alt): ใส่คำอธิบายภาพภาษาไทย "
                             "หรือ alt=\"\" กับ aria-hidden=\"true\" ถ้าเป็นภาพตกแต่ง")
            elif alt.strip() == "":
                if not _hidden(img):
                    found.append(f"{where} มี alt ว่างแต่ไม่ได้ซ่อนจากโปรแกรมอ่านหน้าจอ (empty alt without "
                                 "aria-hidden): เพิ่ม aria-hidden=\"true\" หรือเขียนคำอธิบายภาพ")
            elif not THAI.search(alt):
                found.append(f"{where} alt ไม่ใช่ภาษาไทย (alt is not Thai): {alt!r}")
    return found


def language_problems(site: Path) -> list[str]:
    found: list[str] = []
    for path in html_pages(site):
        match = re.search(r"<html\b[^>]*>", path.read_text(encoding="utf-8"))
        lang = re.search(r'\blang="([^"]*)"', match.group(0)) if match else None
        if not lang or lang.group(1) != "th":
            found.append(f"{path.relative_to(site)}: <html> ต้องมี lang=\"th\" (found {match and match.group(0)!r})")
    return found


def foreign_requests(urls: list[str], base_url: str) -> list[str]:
    """Requests to any host other than the one serving the site (data: and blob: URLs stay local)."""
    host = urlsplit(base_url).netloc
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != host]


def block_foreign(context: Any, base_url: str) -> None:
    """Abort requests to other hosts (they are still seen by page.on("request")); nothing waits on the network."""
    host = urlsplit(base_url).netloc

    def route(r: Any) -> None:
        url = urlsplit(r.request.url)
        if url.scheme in ("http", "https") and url.netloc != host:
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return violations of serious or critical impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }"""
    )
    return [v for v in result if v["impact"] in SERIOUS]


def describe_axe(label: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{label}: {len(violations)} serious/critical axe violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        lines += [f"      {n['target']}  — {n['summary'].splitlines()[-1].strip()}" for n in v["nodes"][:8]]
    return "\n".join(lines)


def sitemap_paths(site: Path) -> list[str]:
    """Site-relative paths of every page (sitemap.xml lists each page built from the nav and docs)."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", text)
    prefix = urlsplit(urls[0]).path if urls else "/"
    root = min((urlsplit(u).path for u in urls), key=len, default=prefix)
    return [urlsplit(u).path[len(root):] for u in urls]


def yamllint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / ".venv" / "bin" / "yamllint"), "--strict", "-f", "parsable",
                           "-c", str(ROOT / ".yamllint.yml"), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def check_data(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hpo_handbook.tools.check_data", str(data_dir)],
                          capture_output=True, text=True, cwd=ROOT)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)
