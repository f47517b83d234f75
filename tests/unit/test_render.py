"""Each macro's output, tested without MkDocs, including escaping of anything a contributor writes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest

from hpo_handbook import render
from hpo_handbook.context import RenderContext
from hpo_handbook.links import Links
from hpo_handbook.loader import Handbook, load
from hpo_handbook.render import UnknownId
from hpo_handbook.safe_markdown import escape_markdown, to_html
from hpo_handbook.thai import fiscal_year, thai_date
from hpo_handbook.thai_abbr import ThaiAbbrExtension

from .conftest import acts, dump, indicator

CHAPTER = Links("missions/alpha.md")


@pytest.fixture
def hb(data_dir: Path) -> Handbook:
    return load(data_dir, root=data_dir.parent)


@pytest.fixture
def hostile(data_dir: Path) -> Handbook:
    """Data whose every text field tries to inject markup."""
    evil = '<script>alert("x")</script>'
    dump(data_dir / "indicators" / "gamma.yml", [indicator(
        "GG-01", title=f"ชื่อ {evil} [x](javascript:alert(1))", description=f"คำอธิบาย {evil} [ลิงก์](javascript:alert(1))",
        evidence=[evil, "<img src=x onerror=alert(1)>"], actions=acts(evil, "ทำ", "ทำ <b>ตัวหนา</b>"),
        levels={n: f"ระดับ {n} {evil}" for n in range(1, 6)},
    )])
    return load(data_dir, root=data_dir.parent)


def test_links_relative_to_the_current_page() -> None:
    assert CHAPTER.to("reference/references.md", "ref-x") == "../../reference/references/#ref-x"
    assert Links("index.md").to("missions/beta.md") == "missions/beta/"
    assert Links("missions/alpha.md", use_directory_urls=False).to("checklists/index.md") == "../checklists/index.html"
    assert CHAPTER.md("missions/beta.md", "bb-01") == "beta.md#bb-01"


def test_links_from_the_source_file_for_zensical() -> None:
    """Zensical resolves raw-HTML hrefs against the .md file: from missions/alpha.md, one level up, not two."""
    zensical = Links("missions/alpha.md", from_source=True)
    assert zensical.to("reference/references.md", "ref-x") == "../reference/references/#ref-x"
    assert zensical.file("calendar/office-2570.ics") == "../calendar/office-2570.ics"
    assert Links("missions/index.md", from_source=True).to("missions/beta.md") == "beta/"
    assert Links("index.md", from_source=True).to("missions/beta.md") == Links("index.md").to("missions/beta.md")
    assert RenderContext(None, zensical).for_page("reference/glossary.md").links.from_source  # type: ignore[arg-type]


def test_ind_is_a_markdown_link_that_mkdocs_can_check(hb: Handbook) -> None:
    assert render.ind(RenderContext(hb, Links("index.md")), "BB-01") == "[BB-01 ตัวชี้วัด BB-01](missions/beta.md#bb-01)"


def test_unknown_ids_raise_with_suggestions(hb: Handbook) -> None:
    with pytest.raises(UnknownId, match="AA-01"):
        render.ind(RenderContext(hb, CHAPTER), "AA-1")
    with pytest.raises(UnknownId, match="nea-2542"):
        render.ref(RenderContext(hb, CHAPTER), "nea-2543")
    with pytest.raises(UnknownId, match="alpha"):
        render.indicators(RenderContext(hb, CHAPTER), "alpa")


def test_ref_links_to_the_reference_anchor(hb: Handbook) -> None:
    out = render.ref(RenderContext(hb, CHAPTER), "nea-2542")
    assert out == "[พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542](../reference/references.md#ref-nea-2542)"


def test_indicators_have_headings_rubric_and_backlinks(hb: Handbook) -> None:
    out = render.indicators(RenderContext(hb, Links("missions/beta.md")), "beta")
    assert out.startswith('### BB-01 ตัวชี้วัด BB-01 {#bb-01 data-indicator="BB-01"}')
    assert "ผู้อำนวยการ" in out  # owner name, not id
    assert out.count("<tr><th scope=\"row\">") == 5  # five rubric levels
    # AA-01 relates to BB-01 in the data; the back-link appears on BB-01 too.
    assert '<a href="../alpha/#aa-01">AA-01 ตัวชี้วัด AA-01</a>' in out
    assert "<strong>สำคัญ</strong>" in out  # description Markdown rendered
    assert "\n\n" not in out.split("\n", 1)[1]  # the HTML is one raw block


def test_everything_from_yaml_is_escaped(hostile: Handbook) -> None:
    outputs = [
        render.indicators(RenderContext(hostile, CHAPTER), "gamma"),
        render.checklist(RenderContext(hostile, Links("checklists/gamma.md")), "gamma"),
        render.rubric(RenderContext(hostile, CHAPTER), "GG-01"),
        render.crosswalk(RenderContext(hostile, Links("reference/crosswalk.md"))),
        render.ind(RenderContext(hostile, CHAPTER), "GG-01"),
    ]
    for out in outputs:
        assert "<script>" not in out and "<img" not in out and "<b>" not in out
        assert 'href="javascript' not in out
    assert "&lt;script&gt;" in outputs[0]


def test_ind_title_cannot_break_out_of_the_link(hostile: Handbook) -> None:
    out = render.ind(RenderContext(hostile, CHAPTER), "GG-01")
    html = markdown.markdown(out)
    assert html.count("<a ") == 1 and "javascript" not in html.split('href="')[1].split('"')[0]
    assert "<script>" not in html


def test_safe_markdown_drops_unsafe_links() -> None:
    out = to_html("[ก](javascript:alert(1)) [ข](https://example.org) [ค](data:text/html,x) <i>x</i>")
    assert 'href="https://example.org"' in out
    assert "javascript" not in out.split("ก</a>")[0] and "data:" not in out.split("ค</a>")[0]
    assert "&lt;i&gt;" in out
    assert escape_markdown("[a](b) *c*") == r"\[a\]\(b\) \*c\*"


def test_checklist_items_have_stable_keys(hb: Handbook) -> None:
    out = render.checklist(RenderContext(hb, Links("checklists/alpha.md")), "alpha")
    keys = list(dict.fromkeys(re.findall(r'data-action="([^"]+)"', out)))  # a key may mark several fields
    assert len(keys) == 6 and len(set(keys)) == 6  # AA-01 and AA-02, three actions each
    assert keys[0] == render.action_key("AA-01", "ทำหนึ่ง")
    assert render.action_key("AA-01", "ทำหนึ่ง") != render.action_key("AA-01", "ทำหนึ่ง (แก้ไข)")
    everything = render.checklist(RenderContext(hb, Links("checklists/index.md")))
    assert len(set(re.findall(r'data-action="([^"]+)"', everything))) == 12


def test_mission_cards_in_order_with_counts(hb: Handbook) -> None:
    out = render.mission_cards(RenderContext(hb, Links("index.md")))
    titles = re.findall(r"ภารกิจที่ \d (ภารกิจ\w+)", out)
    assert titles == ["ภารกิจแอลฟา", "ภารกิจเบตา", "ภารกิจแกมมา"]
    assert "ตัวชี้วัด 2 ตัว" in out and 'href="missions/alpha/"' in out


def test_mission_summary_links_to_tools(hb: Handbook) -> None:
    out = render.mission_summary(RenderContext(hb, CHAPTER), "alpha")
    assert 'href="../../checklists/alpha/"' in out
    assert 'href="../../assessment/#mission-alpha"' in out
    assert "หมวด 1 การนำองค์การ" in out


def test_related_missions_both_ways_with_bridges(hb: Handbook) -> None:
    out = render.related(RenderContext(hb, Links("missions/beta.md")), "beta")
    assert "ภารกิจแอลฟา" in out and "ภารกิจแกมมา" in out
    assert "BB-01" in out and "AA-01" in out  # the indicator link that bridges beta and alpha


def test_reference_lists(hb: Handbook) -> None:
    refs = render.references(RenderContext(hb, Links("reference/references.md")))
    assert 'id="ref-nea-2542"' in refs and "<h2>กฎหมาย</h2>" in refs and "AA-01" in refs
    cited = render.mission_references(RenderContext(hb, CHAPTER), "alpha")
    assert "พระราชบัญญัติการศึกษาแห่งชาติ" in cited


def test_office_structure_shows_owned_indicators(hb: Handbook) -> None:
    out = render.office_structure(RenderContext(hb, Links("reference/office.md")))
    assert 'id="owner-policy-plan"' in out and 'id="owner-director"' in out
    assert re.search(r'id="owner-director">.*?BB-01', out, re.S)


def test_crosswalk_marks_each_indicator(hb: Handbook) -> None:
    out = render.crosswalk(RenderContext(hb, Links("reference/crosswalk.md")))
    assert out.count("aria-label=\"เกี่ยวข้อง\"") == len(hb.indicators)  # each test indicator has one category
    assert "<td>4</td>" in out  # four indicators in category 1


def test_glossary_in_thai_dictionary_order(data_dir: Path) -> None:
    dump(data_dir / "glossary.yml", [
        {"term": "เอกสาร", "definition": "ก"}, {"term": "กฎหมาย", "definition": "ข"},
        {"term": "อักษร", "definition": "ค"}, {"term": "แผน", "definition": "ง"},
    ])
    out = render.glossary(RenderContext(load(data_dir, root=data_dir.parent), Links("reference/glossary.md")))
    order = re.findall(r'<th scope="row">([^<]+)</th>', out)
    assert order == ["กฎหมาย", "แผน", "อักษร", "เอกสาร"]  # เ/แ sort by the consonant after them


def test_thai_date_and_fiscal_year() -> None:
    assert thai_date(dt.date(2026, 11, 25)) == "25 พฤศจิกายน 2569"
    assert thai_date("2027-01-05T10:00:00+07:00", short=True) == "5 ม.ค. 2570"
    assert fiscal_year(dt.date(2026, 9, 30)) == 2569
    assert fiscal_year(dt.date(2026, 10, 1)) == 2570


def test_abbreviations_match_inside_thai_text() -> None:
    md = markdown.Markdown(extensions=[ThaiAbbrExtension(glossary={"สพป.": "สำนักงานเขต", "ผอ.สพป.": "ผู้อำนวยการ",
                                                                    "PA": "ข้อตกลง"})])
    out = md.convert("งานของสพป.เชียงใหม่ และผอ.สพป. จัดทำ PA ใน PAGE")
    assert '<abbr title="สำนักงานเขต">สพป.</abbr>เชียงใหม่' in out
    assert '<abbr title="ผู้อำนวยการ">ผอ.สพป.</abbr>' in out  # longest match wins
    assert out.count("<abbr") == 3  # not inside PAGE


def test_heading_ids_keep_thai_vowels_and_tone_marks() -> None:
    from hpo_handbook.thai import slugify

    assert slugify("ความหมายและหลักการ") == "ความหมายและหลักการ"
    assert slugify("ขั้นตอนที่ 1: วางแผน (ต.ค.)") == "ขั้นตอนที่-1-วางแผน-ตค"
    assert slugify("PMQA 4.0 กับ ITA") == "pmqa-40-กับ-ita"


def test_book_citations_are_author_and_year(data_dir: Path) -> None:
    dump(data_dir / "references.yml", [
        {"id": "nea-2542", "title": "พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542", "kind": "law", "year": 2542},
        {"id": "deming-1986", "title": "Deming, W. E. (1986). Out of the Crisis. MIT Press.", "kind": "book",
         "year_ce": 1986},
    ])
    hb = load(data_dir, root=data_dir.parent)
    cite = render.ref(RenderContext(hb, CHAPTER), "deming-1986")
    assert cite == r"[Deming, W. E. \(1986\)](../reference/references.md#ref-deming-1986)"
    assert render.ref(RenderContext(hb, CHAPTER), "nea-2542").startswith("[พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542](")


def test_descriptions_from_yaml_get_tooltips_and_stay_escaped() -> None:
    out = to_html("งานของสพป.ตัวอย่าง <script>x</script>",
                  abbreviations={"สพป.": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"})
    assert '<abbr title="สำนักงานเขตพื้นที่การศึกษาประถมศึกษา">สพป.</abbr>' in out
    assert "&lt;script&gt;" in out and "<script>" not in out


def test_indicators_link_to_the_chapters_examples(hb: Handbook) -> None:
    ctx = RenderContext(hb, Links("missions/beta.md"))
    out = render.indicators(ctx, "beta", examples={"BB-01": {"#ex-form": "แบบที่กรอกแล้ว", "alpha#ex-x": "อีกแบบ"}})
    assert '<a href="#ex-form">แบบที่กรอกแล้ว</a>' in out and '<a href="../alpha/#ex-x">อีกแบบ</a>' in out
    assert "hb-examples" not in render.indicators(ctx, "beta")
    with pytest.raises(render.UnknownId):
        render.indicators(ctx, "beta", examples={"ZZ-99": {"#ex-form": "x"}})
    with pytest.raises(render.UnknownId):
        render.indicators(ctx, "beta", examples={"BB-01": {"ex-form": "no #"}})
