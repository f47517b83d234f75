"""A strict build of the real handbook: every page exists and shows its data; bad input fails the build."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from hpo_handbook.integrations.mkdocs_config import raw_yaml
from hpo_handbook.loader import Handbook, load
from hpo_handbook.model import anchor

from .conftest import ROOT, mkdocs_build
from .project import clone_project, edit, office_block


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8") if page else (site / "index.html").read_text(
        encoding="utf-8")


def test_home_page_shows_the_eight_missions_in_order(site: Path, hb: Handbook) -> None:
    page = html(site, "")
    found = re.findall(r"ภารกิจที่ (\d) ([^<]+)</strong>", page)
    assert [(int(n), t) for n, t in found] == [(m.number, m.title) for m in hb.missions]
    assert len(found) == 8
    assert office_block()["short_name"] in re.sub(r"<[^>]+>", "", page)  # tags removed: abbreviations get <abbr>


def test_every_chapter_shows_all_its_indicators(site: Path, hb: Handbook) -> None:
    for m in hb.missions:
        page = html(site, f"missions/{m.id}")
        assert f"ภารกิจที่ {m.number} {m.title}" in page
        for i in hb.indicators_of(m.id):
            assert f'id="{anchor(i.id)}"' in page, f"{i.id} missing on {m.id}"
            assert all(level in page for level in i.levels.values())
        assert f'href="../../checklists/{m.id}/"' in page


def test_checklist_pages_carry_every_action(site: Path, hb: Handbook) -> None:
    every = html(site, "checklists")
    for m in hb.missions:
        page = html(site, f"checklists/{m.id}")
        actions = [a.do for i in hb.indicators_of(m.id) for a in i.actions]
        assert len(set(re.findall(r'data-action="([^"]+)"', page))) == len(actions)
        assert all(a.replace('"', "&#34;") in page or a in page for a in actions)
    every_keys = set(re.findall(r'data-action="([^"]+)"', every))
    assert len(every_keys) == sum(len(i.actions) for i in hb.indicators.values())


def test_reference_pages_show_their_data(site: Path, hb: Handbook) -> None:
    refs = html(site, "reference/references")
    assert all(f'id="ref-{r}"' in refs for r in hb.references)
    glossary = html(site, "reference/glossary")
    assert glossary.count('<th scope="row">') == len(hb.glossary)
    structure = html(site, "reference/office")
    assert all(g.name in structure for g in hb.office.groups)
    crosswalk = html(site, "reference/crosswalk")
    assert all(f'id="{anchor(i)}"' not in crosswalk and i in crosswalk for i in hb.indicators)


def test_pages_are_thai_with_self_hosted_fonts(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert '<html lang="th"' in text, path
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
    [css_file] = (site / "assets/css").glob("hb-bundle.*.css")
    css = css_file.read_text(encoding="utf-8")
    assert "sarabun-thai-400-normal.woff2" in css and (site / "assets/fonts/sarabun-thai-400-normal.woff2").exists()


def test_own_assets_are_one_hashed_stylesheet_and_one_script(site: Path) -> None:
    """mkdocs.yml lists the handbook's own files one job each; a page links them as one file of each kind, named by
    its content, in the listed order (hpo_handbook/asset_bundle.py)."""
    config = raw_yaml(ROOT / "mkdocs.yml")
    page = (site / "missions/leadership/index.html").read_text(encoding="utf-8")
    for key, folder, kind in (("extra_css", "assets/css", "css"), ("extra_javascript", "assets/javascripts", "js")):
        [bundle] = (site / folder).glob(f"hb-bundle.*.{kind}")
        content = bundle.read_bytes()
        assert bundle.name == f"hb-bundle.{hashlib.sha256(content).hexdigest()[:8]}.{kind}"
        assert f"{folder}/{bundle.name}" in page
        sources = [str(s) for s in config[key]]
        offsets = [content.index(f"/* {s} */".encode()) for s in sources]
        assert offsets == sorted(offsets), f"{key}: the bundle keeps mkdocs.yml's order"
        for source in sources:
            assert (ROOT / "docs" / source).read_bytes().rstrip() in content
            assert not (site / source).exists(), f"{source} is in the bundle; the site need not carry it twice"
            assert source not in page


def test_print_rules_never_block_the_screen(site: Path) -> None:
    """Every page links the print-only stylesheet (extra.print_css, joined and hashed) with media="print", so a phone
    neither waits for it nor matches its rules before the first paint; the screen bundle holds no print-only rule,
    and the print sheet holds nothing else."""
    config = raw_yaml(ROOT / "mkdocs.yml")
    [printed] = (site / "assets/css").glob("hb-print.*.css")
    [screen] = (site / "assets/css").glob("hb-bundle.*.css")
    content = printed.read_text(encoding="utf-8")
    assert printed.name == f"hb-print.{hashlib.sha256(printed.read_bytes()).hexdigest()[:8]}.css"
    for source in config["extra"]["print_css"]:
        assert f"/* {source} */" in content and not (site / source).exists()
    assert "@media print" not in screen.read_text(encoding="utf-8") and "@page" not in screen.read_text(
        encoding="utf-8")
    # Outside @media print and @page, print.css holds only comments.
    outside = re.sub(r"/\*.*?\*/", "", content, flags=re.S)
    for opening in re.finditer(r"@(?:media print|page)[^{]*\{", outside):
        depth, end = 1, opening.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(outside[end], 0)
            end += 1
        outside = outside.replace(outside[opening.start():end], " " * (end - opening.start()), 1)
    assert not outside.strip(), outside.strip()[:200]
    link = f'<link rel="stylesheet" href="{{}}assets/css/{printed.name}" media="print">'
    for path in ("index.html", "missions/leadership/index.html", "calendar/index.html", "assessment/plan/index.html"):
        prefix = "../" * path.count("/")
        assert link.format(prefix) in (site / path).read_text(encoding="utf-8"), path


def test_page_scripts_load_only_where_they_run(site: Path) -> None:
    """The self-assessment's scripts (extra.page_scripts) are one hashed file that only the pages naming the kind in
    their front matter load; the home page's own script stays small (a phone parses every byte of it)."""
    config = raw_yaml(ROOT / "mkdocs.yml")
    folder = site / "assets/javascripts"
    [home_script] = folder.glob("hb-bundle.*.js")
    assert home_script.stat().st_size <= 40_000, home_script.stat().st_size
    for kind, sources in config["extra"]["page_scripts"].items():
        [joined] = folder.glob(f"hb-{kind}.*.js")
        content = joined.read_bytes()
        assert joined.name == f"hb-{kind}.{hashlib.sha256(content).hexdigest()[:8]}.js"
        assert [content.index(f"/* {s} */".encode()) for s in sources] == sorted(
            content.index(f"/* {s} */".encode()) for s in sources)
        assert not any((site / s).exists() for s in sources)
        assert "/* assets/javascripts/assessment" not in home_script.read_text(encoding="utf-8")
    def loads(page: str) -> bool:
        return "hb-assessment." in (site / page).read_text(encoding="utf-8")
    assert all(loads(f"assessment/{p}index.html") for p in ("", "report/", "team/", "plan/"))
    assert not any(loads(p) for p in ("index.html", "missions/leadership/index.html", "calendar/index.html"))


def test_glossary_abbreviations_become_tooltips(site: Path, hb: Handbook) -> None:
    abbreviations = hb.abbreviations()
    tooltips = set()
    for path in site.rglob("*.html"):
        tooltips |= set(re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', path.read_text(encoding="utf-8")))
    shown = {abbr for _, abbr in tooltips}
    assert "สพป." in shown
    for title, abbr in tooltips:
        assert abbreviations.get(abbr) == title or abbr not in abbreviations


def test_search_index_lists_every_page(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"", "missions/leadership/", "checklists/leadership/", "reference/glossary/"} <= locations
    # Duplicates of the chapters' text stay out: the all-missions checklist and the assessment's rubrics.
    assert "checklists/" not in locations
    assessment = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("assessment/"))
    # Four pages of prose and toolbar hints (form, report, team, plan) stay well under the rubrics' 100 000+.
    assert "ยังไม่ประเมิน" not in assessment and len(assessment) < 24_000


def test_unknown_indicator_in_a_page_fails_the_build(tmp_path: Path) -> None:
    config = clone_project(tmp_path / "project")
    page = tmp_path / "project/docs/how-to-use.md"
    edit(page, "# วิธีใช้คู่มือ", '# วิธีใช้คู่มือ\n\nดู {{ ind("LD-99") }}')
    line = next(n for n, t in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "LD-99" in t)
    proc = mkdocs_build(tmp_path / "out", config=config, check=False)
    assert proc.returncode != 0
    # The page's file and the macro's line in it (front matter counted), in Thai, with what to do.
    assert f"docs/how-to-use.md:{line}: ไม่รู้จักตัวชี้วัด id 'LD-99' หรือหมายถึง" in proc.stderr
    assert "วิธีแก้" in proc.stderr


def test_a_listed_script_that_does_not_exist_fails_the_build(tmp_path: Path) -> None:
    config = clone_project(tmp_path / "project")
    edit(config, "  - assets/javascripts/checklist.js\n", "  - assets/javascripts/checklists.js\n")
    proc = mkdocs_build(tmp_path / "out", config=config, check=False)
    assert proc.returncode != 0
    assert "mkdocs.yml [extra_javascript]" in proc.stderr and "assets/javascripts/checklists.js" in proc.stderr
    assert "วิธีแก้" in proc.stderr


def test_broken_data_fails_the_build_with_a_thai_message(tmp_path: Path) -> None:
    config = clone_project(tmp_path / "project")
    path = tmp_path / "project/data/indicators/leadership.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  owners: [", "  owners: [no-such-group, ", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "no-such-group" in t)
    proc = mkdocs_build(tmp_path / "out", config=config, check=False, env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode != 0
    assert f"data/indicators/leadership.yml:{line}" in proc.stderr
    assert "ไม่รู้จักผู้รับผิดชอบ id `no-such-group`" in proc.stderr and "วิธีแก้" in proc.stderr
    assert f"::error file=data/indicators/leadership.yml,line={line}," in proc.stdout


def test_search_index_puts_the_explaining_page_first(site: Path) -> None:
    """Issue 27: each chapter's sections carry the page boost 2 and the pages that gather other pages' text 0.5
    (front matter), and a section's box titles (an example to copy) are its hidden ``boxes`` field."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boost = {d["location"].split("#")[0]: d.get("boost", 1) for d in docs}
    assert {boost[f"missions/{m}/"] for m in ("leadership", "people", "results")} == {2}
    assert {boost[p] for p in ("calendar/", "calendar/year-plan/", "checklists/people/", "assessment/plan/")} == {0.5}
    assert boost[""] == boost["missions/"] == 1
    boxes = [re.sub("<[^>]*>", "", d["boxes"]) for d in docs
             if d["location"].startswith("missions/leadership/#") and "boxes" in d]
    assert any("คำสั่งมอบอำนาจ" in b for b in boxes), boxes
