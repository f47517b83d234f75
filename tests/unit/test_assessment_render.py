"""The self-assessment macros: structure of the form, report and team page, escaping of YAML text, and the
storage keys scoped to the handbook (hpo_handbook/storage.py) that the pages hand to the browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from hpo_handbook.assessment import (
    DATA_ID,
    STATE_VERSION,
    assessment,
    assessment_report,
    assessment_team,
    json_for_script,
)
from hpo_handbook.context import RenderContext
from hpo_handbook.links import Links
from hpo_handbook.loader import Handbook, load
from hpo_handbook.macros import MACROS
from hpo_handbook.render import checklist
from hpo_handbook.storage import LEGACY_PREFIX, scope

from .conftest import acts, dump, indicator

EVIL = '</script><script>alert("x")</script><!-- & -->'


def _soup(markdown_html: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_html, "html.parser")


def _data(html: str) -> dict:
    """The JSON block, read the way a browser does: raw text up to the first ``</script``."""
    match = re.search(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script', html, re.S)
    assert match, "no data block"
    wrapped = json.loads(match.group(1))
    assert isinstance(wrapped, list) and len(wrapped) == 1  # an array survives the theme's re-run
    return wrapped[0]


def _form_links() -> Links:
    return Links("assessment/index.md")


def test_json_for_script_escapes_tag_characters() -> None:
    text = json_for_script({"t": EVIL})
    assert not set("<>&") & set(text)
    assert json.loads(text) == {"t": EVIL}


def test_script_in_yaml_cannot_close_the_data_block(data_dir: Path) -> None:
    dump(data_dir / "indicators" / "alpha.yml", [
        indicator("AA-01", title=EVIL, levels={1: EVIL, 2: "สอง", 3: "สาม", 4: "สี่", 5: "ห้า"},
                  actions=acts(EVIL, "ทำสอง", "ทำสาม"), evidence=[EVIL, "หลักฐาน"]),
        indicator("AA-02"),
    ])
    hb = load(data_dir, root=data_dir.parent)
    report_ctx = RenderContext(hb, Links("assessment/report.md"))
    for html in (assessment(RenderContext(hb, _form_links())), assessment_report(report_ctx)):
        # One <script> opens and one closes: the data block's own tags, nothing from YAML.
        assert html.count("<script") == 1
        assert html.count("</script") == 1
        assert "<script>alert" not in html and "<!--" not in html
        data = _data(html)
        assert data["indicators"]["AA-01"]["title"] == EVIL
    form = assessment(RenderContext(hb, _form_links()))
    assert "&lt;/script&gt;" in form  # shown as text in the legend and the level
    report_data = _data(assessment_report(RenderContext(hb, Links("assessment/report.md"))))
    assert report_data["indicators"]["AA-01"]["levels"]["1"] == EVIL
    assert report_data["indicators"]["AA-01"]["actions"][0] == EVIL


def test_form_has_one_radio_group_per_indicator(data_dir: Path) -> None:
    hb: Handbook = load(data_dir, root=data_dir.parent)
    html = assessment(RenderContext(hb, _form_links()))
    for m in hb.missions:
        # The chapter pages link to #mission-<id>; the heading joins the page's table of contents.
        assert re.search(rf"^## ภารกิจที่ {m.number} .*\{{#mission-{m.id}\}}$", html, re.M)
    soup = _soup(html)
    boxes = soup.select("fieldset.hb-as-indicator")
    assert [b["data-indicator"] for b in boxes] == list(hb.indicators)
    for box in boxes:
        ident = box["data-indicator"]
        i = hb.indicators[ident]
        legend = box.find("legend")
        assert legend is not None and ident in legend.get_text() and i.title in legend.get_text()
        radios = box.select('input[type="radio"]')
        assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5", ""]
        assert len({r["name"] for r in radios}) == 1
        assert len(soup.select(f'input[name="{radios[0]["name"]}"]')) == 6  # the name is unique to this group
        assert [r.has_attr("checked") for r in radios] == [False] * 5 + [True]
        for radio, n in zip(radios, range(1, 6), strict=False):
            label = radio.find_parent("label")
            assert label is not None and i.levels[n] in label.get_text()  # the level in full
        assert "ยังไม่ประเมิน" in radios[5].find_parent("label").get_text()
        notes = box.find("textarea")
        assert notes is not None
        assert box.find("label", attrs={"for": notes["id"]}) is not None
        assert soup.find(id=notes["aria-describedby"]) is not None
    assert soup.select_one('progress[data-hb="progress"]')["max"] == str(len(hb.indicators))
    data = _data(html)
    assert [m["id"] for m in data["missions"]] == [m.id for m in hb.missions]
    assert "levels" not in next(iter(data["indicators"].values()))  # the form page stays light


def test_report_skeleton_and_full_data(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    html = assessment_report(RenderContext(hb, Links("assessment/report.md")))
    soup = _soup(html)
    rows = soup.select('table[data-hb="profile-table"] tbody tr:not(.hb-as-total)')
    assert [r["data-mission"] for r in rows] == [m.id for m in hb.missions]
    for heading_id in ("overview", "profile", "gaps", "compare"):
        assert f"{{#{heading_id}}}" in html
    data = _data(html)
    assert [i for m in data["missions"] for i in m["indicators"]] == list(hb.indicators)
    for ident, entry in data["indicators"].items():
        assert entry["levels"] == {str(n): t for n, t in hb.indicators[ident].levels.items()}
        assert entry["actions"] == [a.do for a in hb.indicators[ident].actions]
        assert entry["owners"]
    # Links are relative to the report page.
    assert data["missions"][0]["url"] == f"../../missions/{hb.missions[0].id}/"
    assert data["missions"][0]["form"] == f"../#mission-{hb.missions[0].id}"


def test_macros_are_registered() -> None:
    assert MACROS["assessment"] is assessment
    assert MACROS["assessment_report"] is assessment_report
    assert MACROS["assessment_team"] is assessment_team


def test_the_scope_is_the_handbooks_identity() -> None:
    office = "สพป.ตัวอย่าง เขต 1"
    a = scope("https://owner.github.io/office-a/", office)
    assert a.startswith(LEGACY_PREFIX + "@") and len(a) == len(LEGACY_PREFIX) + 13
    assert a == scope("https://owner.github.io/office-a", office)
    assert a == scope(" https://owner.github.io/office-a/ ", office)
    assert a != scope("https://owner.github.io/office-b/", office)  # another office's deploy on the same host
    assert a != scope("https://owner.github.io/office-a/", "สพป.ตัวอย่าง เขต 2")  # another office, same address


def _ctx(hb: Handbook, page: str, site_url: str = "https://example.org/a/") -> RenderContext:
    return RenderContext(hb, Links(page), office={"name": "สพป.ทดสอบ"}, site_url=site_url)


def test_pages_carry_the_scoped_key_and_the_old_prefix(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    expected = scope("https://example.org/a/", "สพป.ทดสอบ")
    for html in (assessment(_ctx(hb, "assessment/index.md")), assessment_report(_ctx(hb, "assessment/report.md")),
                 assessment_team(_ctx(hb, "assessment/team.md"))):
        root = _soup(html).select_one("[data-hb-assessment]")
        assert root["data-storage-key"] == f"{expected}:v1:assessment"
        assert root["data-storage-scope"] == expected and root["data-storage-legacy"] == LEGACY_PREFIX
        data = _data(html)
        assert data["version"] == STATE_VERSION and data["office"] == "สพป.ทดสอบ"
    form = _soup(checklist(_ctx(hb, "checklists/alpha.md"), "alpha")).select_one(".hb-checklist")
    assert form["data-storage-key"] == f"{expected}:v1:checklist:alpha"
    other = _soup(checklist(_ctx(hb, "checklists/alpha.md", "https://example.org/b/"), "alpha"))
    assert other.select_one(".hb-checklist")["data-storage-key"] != form["data-storage-key"]


def test_earlier_keys_are_scoped_and_readable_from_the_attribute(data_dir: Path) -> None:
    """data-was is JSON in an attribute: it must parse as the browser reads it, with scoped storage keys."""
    dump(data_dir / "indicators" / "alpha.yml", [
        indicator("AA-01", actions=[{"do": "ทำใหม่", "event": "review", "was": ["AA-01:00000000"]},
                                    *acts("ทำสอง", "ทำสาม")]),
        indicator("AA-02"),
    ])
    hb = load(data_dir, root=data_dir.parent)
    box = _soup(checklist(_ctx(hb, "checklists/alpha.md"), "alpha")).select_one("input[data-was]")
    assert box is not None
    pairs = json.loads(box["data-was"])
    scoped = scope("https://example.org/a/", "สพป.ทดสอบ")
    assert [scoped + ":v1:checklist:alpha", "AA-01:00000000"] in pairs
    assert all(store.startswith(scoped + ":") for store, _ in pairs)


def test_team_page_skeleton(data_dir: Path) -> None:
    hb = load(data_dir, root=data_dir.parent)
    html = assessment_team(_ctx(hb, "assessment/team.md"))
    soup = _soup(html)
    assert soup.select_one("[data-hb-assessment]")["data-hb-assessment"] == "team"
    files = soup.select_one('input[type="file"][data-hb="rater-files"]')
    assert files is not None and files.has_attr("multiple")
    assert soup.select_one(".hb-as-team-head .hb-as-report-office").get_text() == "สพป.ทดสอบ"
    for name in ("consensus", "raters", "team-summary", "print"):
        assert soup.select_one(f'[data-hb="{name}"]') is not None, name
