"""The self-assessment in headless Chromium: saving, rounds, report, export/import, errors, privacy.

Indicator ids and counts come from data/ through the loader, never written here, because the
indicators grow while the handbook is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from urllib.parse import urlparse

import pytest

from hpo_handbook.loader import Handbook, load
from hpo_handbook.model import LEVEL_NAMES
from hpo_handbook.thai import fiscal_year, thai_date
from tests.quality import describe_axe, run_axe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FORMAT = "hpo-handbook-assessment"
VERSION = 3


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def sample(hb: Handbook, per_mission: int = 3) -> dict[str, int]:
    """Ratings for the first few indicators of every mission, with levels spread over 1..5."""
    chosen: dict[str, int] = {}
    for mi, m in enumerate(hb.missions):
        for k, i in enumerate(hb.indicators_of(m.id)[:per_mission]):
            chosen[i.id] = (mi + 2 * k) % 5 + 1
    return chosen


def two_decimals(levels: list[int]) -> str:
    """The average as the report shows it: exact, rounded half up to two decimals."""
    q = Fraction(sum(levels), len(levels))
    return str((Decimal(q.numerator) / Decimal(q.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def open_form(page, base_url: str) -> None:
    page.goto(base_url + "assessment/")
    page.wait_for_selector("[data-hb-assessment][data-hb-ready] [data-hb=toolbar]:not([hidden])")


def open_report(page, base_url: str) -> None:
    page.goto(base_url + "assessment/report/")
    page.wait_for_selector("[data-hb-assessment][data-hb-ready] [data-hb=toolbar]:not([hidden])")


def rate(page, ratings: dict[str, int]) -> None:
    for ident, level in ratings.items():
        page.locator(f'fieldset[data-indicator="{ident}"] input[type=radio][value="{level}"]').check()


def checked(page, ident: str) -> str:
    return page.locator(f'fieldset[data-indicator="{ident}"] input[type=radio]:checked').get_attribute("value")


def key(page) -> str:
    """The page's scoped storage key (hpo_handbook/storage.py), read from the toolbar."""
    return page.locator("[data-hb-assessment]").get_attribute("data-storage-key")


def stored(page) -> dict:
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", key(page)))


def open_tools(page) -> None:
    details = page.locator("details.hb-as-tools")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def progress_text(n: int, total: int) -> str:
    return f"ประเมินแล้ว {n} จาก {total} ตัวชี้วัด"


def assert_local(page) -> None:
    hosts = {urlparse(u).hostname for u in page.requests_seen if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, hosts


def test_ratings_survive_reload_and_instant_navigation(page, instant_base_url: str, hb: Handbook) -> None:
    ratings = sample(hb, 2)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_form(page, instant_base_url)
    assert "ประเมินตนเอง" in page.title()
    assert page.locator("[data-hb=progress-text]").inner_text() == progress_text(0, len(hb.indicators))
    rate(page, ratings)
    first = next(iter(ratings))
    page.locator(f'fieldset[data-indicator="{first}"] textarea').fill("มีรายงานการประชุม, \"ฉบับล่าสุด\"")
    expected = progress_text(len(ratings), len(hb.indicators))
    assert page.locator("[data-hb=progress-text]").inner_text() == expected
    assert page.locator("progress[data-hb=progress]").evaluate("p => p.value") == len(ratings)

    page.reload()
    page.wait_for_selector("[data-hb-ready] [data-hb=toolbar]:not([hidden])")
    assert {i: checked(page, i) for i in ratings} == {i: str(v) for i, v in ratings.items()}
    assert page.locator(f'fieldset[data-indicator="{first}"] textarea').input_value() == \
        "มีรายงานการประชุม, \"ฉบับล่าสุด\""
    assert page.locator("[data-hb=progress-text]").inner_text() == expected

    # Instant navigation: a link click and Back swap the page without reloading the window.
    page.wait_for_load_state("networkidle")  # the theme reads sitemap.xml before it takes over links
    page.evaluate("window.__sameWindow = true")
    # The sidebar's link to the report (instant navigation makes every href absolute).
    page.locator(".md-sidebar--primary a.md-nav__link[href$='/assessment/report/']").first.click()
    page.wait_for_selector("[data-hb-assessment=report][data-hb-ready]")
    assert page.evaluate("window.__sameWindow === true"), "the link loaded a new page instead of swapping it"
    assert page.locator("[data-hb=overall-rated]").inner_text().startswith(f"{len(ratings)} จาก")
    page.go_back()
    page.wait_for_selector("[data-hb-assessment=form][data-hb-ready]")
    assert page.evaluate("window.__sameWindow === true"), "the page was reloaded, not swapped"
    assert {i: checked(page, i) for i in ratings} == {i: str(v) for i, v in ratings.items()}
    assert page.locator("[data-hb=progress-text]").inner_text() == expected

    # After two page swaps one change is saved once: no listeners left over from earlier pages.
    page.evaluate("""(key) => {
        window.__writes = 0;
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (k === key) window.__writes++;
            return original.call(this, k, v);
        };
    }""", key(page))
    other = next(i for i in hb.indicators if i not in ratings)
    rate(page, {other: 5})
    assert page.evaluate("window.__writes") == 1
    assert stored(page)["rounds"][0]["ratings"][other]["level"] == 5
    assert errors == []
    assert_local(page)


def test_the_form_starts_when_reached_from_the_home_page_by_instant_navigation(page, instant_base_url: str) -> None:
    """The home page never downloads the assessment's scripts; a click from it swaps in the form page, whose own
    script bundle page-scripts.js then loads once, and the form works without a reload."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(instant_base_url, wait_until="networkidle")
    assert not [u for u in page.requests_seen if "hb-assessment." in u]
    page.evaluate("window.__sameWindow = true")
    page.locator(".hb-quick a[href$='/assessment/']").first.click()
    page.wait_for_selector("[data-hb-assessment=form][data-hb-ready]")
    assert page.evaluate("window.__sameWindow === true"), "the link loaded a new page instead of swapping it"
    assert len([u for u in page.requests_seen if "hb-assessment." in u]) == 1
    page.locator(".md-sidebar--primary a.md-nav__link[href$='/assessment/report/']").first.click()
    page.wait_for_selector("[data-hb-assessment=report][data-hb-ready]")
    assert len([u for u in page.requests_seen if "hb-assessment." in u]) == 1  # loaded once, not per page
    assert errors == []


def test_keyboard_changes_the_rating(page, base_url: str, hb: Handbook) -> None:
    ident = next(iter(hb.indicators))
    open_form(page, base_url)
    page.locator(f'fieldset[data-indicator="{ident}"] input[value="1"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert checked(page, ident) == "2"
    assert stored(page)["rounds"][0]["ratings"][ident]["level"] == 2
    assert_local(page)


def test_export_clear_import_gives_the_same_state(page, base_url: str, hb: Handbook, tmp_path: Path) -> None:
    ratings = sample(hb, 2)
    open_form(page, base_url)
    rate(page, ratings)
    page.locator("fieldset.hb-as-indicator textarea").first.fill("บันทึก <b>ไม่ใช่ HTML</b> & อื่น ๆ")
    open_tools(page)
    page.locator("[data-hb=new-round]").click()
    rate(page, dict(list(ratings.items())[:3]))
    before = stored(page)
    assert len(before["rounds"]) == 2

    with page.expect_download() as info:
        page.locator("[data-hb=export-json]").click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == FORMAT and exported["version"] == VERSION
    assert exported["rounds"] == before["rounds"]

    page.once("dialog", lambda d: d.accept())
    page.locator("[data-hb=clear-all]").click()
    assert page.locator("[data-hb=progress-text]").inner_text() == progress_text(0, len(hb.indicators))
    assert len(stored(page)["rounds"]) == 1 and stored(page)["rounds"][0]["ratings"] == {}

    page.locator("[data-hb=import-file]").set_input_files(str(path))
    page.wait_for_selector("[data-hb=status]:has-text('นำเข้า')")
    after = stored(page)
    imported = [r for r in after["rounds"] if r["id"] in {x["id"] for x in before["rounds"]}]
    assert imported == before["rounds"]
    assert after["current"] == before["current"]
    page.select_option("[data-hb=round-select]", before["rounds"][0]["id"])
    assert {i: checked(page, i) for i in ratings} == {i: str(v) for i, v in ratings.items()}
    assert page.locator("fieldset.hb-as-indicator textarea").first.input_value() == "บันทึก <b>ไม่ใช่ HTML</b> & อื่น ๆ"
    assert_local(page)


@pytest.mark.parametrize("content, reason", [
    (b'{"format": "hpo-handbook-assessment", "version": 1, "rou', "ไม่ใช่ JSON"),
    (b'{"hello": "world"}', "ไม่ใช่ผลการประเมิน"),
    (b'{"format": "hpo-handbook-assessment", "version": 1, "current": "a", "rounds": '
     b'[{"id": "a", "name": "x", "ratings": {"XX-01": {"level": 9}}}]}', "ต้องเป็น 1 ถึง 5"),
    (b'{"format": "hpo-handbook-assessment", "version": 99, "rounds": []}', "รุ่นใหม่กว่า"),
])
def test_damaged_import_shows_an_error_and_keeps_the_data(page, base_url: str, hb: Handbook,
                                                          content: bytes, reason: str) -> None:
    ratings = sample(hb, 1)
    open_form(page, base_url)
    rate(page, ratings)
    before = stored(page)
    page.locator("[data-hb=import-file]").set_input_files(
        {"name": "ผลประเมิน.json", "mimeType": "application/json", "buffer": content})
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "นำเข้าไฟล์" in alert.inner_text() and reason in alert.inner_text()
    assert stored(page) == before
    # Still usable: another rating is saved and counted.
    other = next(i for i in hb.indicators if i not in ratings)
    rate(page, {other: 4})
    assert page.locator("[data-hb=progress-text]").inner_text() == progress_text(len(ratings) + 1, len(hb.indicators))
    assert_local(page)


def test_corrupt_stored_value_is_kept_as_a_backup_and_reset_with_a_message(page, base_url: str, hb: Handbook) -> None:
    open_form(page, base_url)
    damaged = '{"format": "hpo-handbook-assess'
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(page), damaged])
    page.reload()
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "เสียหาย" in alert.inner_text() and "สำเนา" in alert.inner_text()
    assert page.evaluate("(k) => localStorage.getItem(k)", key(page) + ":backup") == damaged
    ident = next(iter(hb.indicators))
    rate(page, {ident: 3})
    assert page.locator("[data-hb=progress-text]").inner_text() == progress_text(1, len(hb.indicators))
    assert stored(page)["rounds"][0]["ratings"][ident]["level"] == 3
    page.locator("[data-hb=alert] button").click()
    assert alert.inner_text() == ""
    assert_local(page)


def test_older_stored_value_is_migrated(page, base_url: str, hb: Handbook) -> None:
    ident = next(iter(hb.indicators))
    open_form(page, base_url)
    old = {"format": FORMAT, "version": 0, "ratings": {ident: 4}, "notes": {ident: "หลักฐานเดิม"}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key(page), json.dumps(old)])
    page.reload()
    page.locator("[data-hb=status]:has-text('รุ่นก่อน')").wait_for()
    assert checked(page, ident) == "4"
    assert page.locator(f'fieldset[data-indicator="{ident}"] textarea').input_value() == "หลักฐานเดิม"
    assert stored(page)["version"] == VERSION


def test_csv_has_bom_and_thai(page, base_url: str, hb: Handbook, tmp_path: Path) -> None:
    ratings = sample(hb, 1)
    first = next(iter(ratings))
    open_form(page, base_url)
    rate(page, ratings)
    notes = 'บันทึก, มี "เครื่องหมายคำพูด"\nบรรทัดที่สอง'
    page.locator(f'fieldset[data-indicator="{first}"] textarea').fill(notes)
    open_tools(page)
    with page.expect_download() as info:
        page.locator("[data-hb=export-csv]").click()
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["ภารกิจ", "รหัสตัวชี้วัด", "ตัวชี้วัด", "ระดับ", "บันทึกหลักฐาน", "รอบการประเมิน"]
    assert [r[1] for r in rows[1:]] == list(hb.indicators)
    round_name = f"ปีงบประมาณ {fiscal_year(dt.date.today())}"
    by_id = {r[1]: r for r in rows[1:]}
    for ident, i in hb.indicators.items():
        m = hb.mission(hb.indicator_mission[ident])
        assert by_id[ident][0] == f"{m.number}. {m.title}"
        assert by_id[ident][2] == i.title
        assert by_id[ident][3] == (str(ratings[ident]) if ident in ratings else "")
        assert by_id[ident][5] == round_name
    assert by_id[first][4] == notes
    assert_local(page)


def test_report_numbers_match_the_ratings(page, base_url: str, hb: Handbook) -> None:
    ratings = sample(hb, 3)
    open_form(page, base_url)
    rate(page, ratings)
    open_report(page, base_url)
    total = len(hb.indicators)
    rated_levels = list(ratings.values())
    assert page.locator("[data-hb=overall-rated]").inner_text() == f"{len(ratings)} จาก {total} ตัวชี้วัด"
    overall = two_decimals(rated_levels)
    assert page.locator("[data-hb=overall-average]").inner_text() == overall
    # Below the coverage the page states, the overall level is withheld and says why.
    need = -(-total * 4 // 5)
    assert len(ratings) < need
    assert page.locator("[data-hb=overall-level]").inner_text() == (
        f"ยังไม่สรุประดับภาพรวม: ประเมินแล้ว {len(ratings)} จาก {total} ตัวชี้วัด ต้องประเมินอย่างน้อย {need} ตัวชี้วัด "
        "(ร้อยละ 80) จึงจะบอกระดับของทั้งสำนักงานได้")
    assert "อย่างน้อยร้อยละ 80" in page.locator(".hb-as-overview .hb-as-hint").inner_text()

    desc = page.locator("[data-hb=radar] svg desc").text_content()
    for m in hb.missions:
        levels = [ratings[i.id] for i in hb.indicators_of(m.id) if i.id in ratings]
        row = page.locator(f'table[data-hb=profile-table] tr[data-mission="{m.id}"]')
        assert row.locator("[data-hb=rated]").inner_text() == f"{len(levels)}/{len(hb.indicators_of(m.id))}"
        expected = two_decimals(levels) if levels else "–"
        assert row.locator("[data-hb=average]").inner_text() == expected
        assert f"ภารกิจที่ {m.number} {m.title} {expected if levels else 'ยังไม่ประเมิน'}" in desc
    svg = page.locator("[data-hb=radar] svg")
    assert svg.get_attribute("role") == "img"
    assert page.locator("[data-hb=radar] svg title").text_content().startswith("แผนภูมิเรดาร์")
    assert svg.locator("text.hb-as-radar-label").count() == len(hb.missions)

    # Gaps: below the target (3 by default), each with the next level's text and the actions.
    for target in (3, 4):
        page.select_option("[data-hb=target]", str(target))
        gaps = [i for i, v in ratings.items() if v < target]
        shown = page.locator("li.hb-as-gap").evaluate_all("els => els.map(e => e.dataset.indicator)")
        assert shown == gaps
        for ident in gaps:
            item = page.locator(f'li.hb-as-gap[data-indicator="{ident}"]')
            indicator = hb.indicators[ident]
            assert indicator.levels[ratings[ident] + 1] in item.locator(".hb-as-next").inner_text()
            assert item.locator("ul li").all_inner_texts() == [a.do for a in indicator.actions]
    assert stored(page)["rounds"][0]["target"] == 4
    assert_local(page)


def test_rounds_and_comparison(page, base_url: str, hb: Handbook) -> None:
    first = sample(hb, 2)
    second = {i: min(5, v + 1) if n % 2 == 0 else max(1, v - 1) for n, (i, v) in enumerate(first.items())}
    open_form(page, base_url)
    default_name = f"ปีงบประมาณ {fiscal_year(dt.date.today())}"
    assert page.locator("[data-hb=round-select] option:checked").inner_text() == default_name
    rate(page, first)
    open_tools(page)
    page.locator("[data-hb=new-round]").click()
    page.locator("[data-hb=round-name]").fill("รอบทดสอบที่สอง")
    page.locator("[data-hb=rename-round]").click()
    assert page.locator("[data-hb=round-select] option").all_inner_texts() == [default_name, "รอบทดสอบที่สอง"]
    assert page.locator("[data-hb=progress-text]").inner_text() == progress_text(0, len(hb.indicators))
    rate(page, second)

    open_report(page, base_url)
    assert page.locator("[data-hb=report-round]").inner_text() == "รอบทดสอบที่สอง"
    assert page.locator("[data-hb=compare-a] option:checked").inner_text() == default_name
    assert page.locator("[data-hb=compare-b] option:checked").inner_text() == "รอบทดสอบที่สอง"
    for ident, a in first.items():
        b = second[ident]
        cell = page.locator(f'table[data-hb=compare-indicators] tr[data-indicator="{ident}"] [data-hb=change]')
        assert cell.text_content() == ("0" if a == b else f"+{b - a}" if b > a else f"−{a - b}")
    for m in hb.missions:
        la = [first[i.id] for i in hb.indicators_of(m.id) if i.id in first]
        lb = [second[i.id] for i in hb.indicators_of(m.id) if i.id in second]
        cell = page.locator(f'table[data-hb=compare-missions] tr[data-mission="{m.id}"] [data-hb=change]')
        if not la:
            assert cell.text_content() == "–"
            continue
        d = Decimal(two_decimals(lb)) - Decimal(two_decimals(la))
        text = "0" if d == 0 else (f"+{d}" if d > 0 else f"−{-d}")
        assert cell.text_content() == (text.replace(".00", "") if d == d.to_integral_value() else text)

    # Switching the round switches the report; deleting a round leaves the other.
    page.select_option("[data-hb=round-select]", label=default_name)
    assert page.locator("[data-hb=report-round]").inner_text() == default_name
    assert page.locator("[data-hb=overall-average]").inner_text() == two_decimals(list(first.values()))
    open_tools(page)
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-hb=delete-round]").click()
    assert page.locator("[data-hb=round-select] option").all_inner_texts() == ["รอบทดสอบที่สอง"]
    assert "สองรอบ" in page.locator("[data-hb=compare]").inner_text()
    assert_local(page)


def test_print_layout_and_screenshots(page, base_url: str, hb: Handbook, tmp_path: Path) -> None:
    open_form(page, base_url)
    rate(page, sample(hb, 3))
    open_report(page, base_url)
    office = page.locator(".hb-as-report-office").inner_text()
    assert office.startswith("สำนักงานเขตพื้นที่การศึกษา")
    assert page.locator("[data-hb=report-date]").inner_text() == thai_date(dt.date.today())
    assert re.fullmatch(r"\d{1,2} \S+ 25\d\d", page.locator("[data-hb=report-date]").inner_text())

    shots = Path(os.environ.get("ASSESSMENT_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "report-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "report-390.png"), full_page=True)
    for width in (390, 360):
        page.set_viewport_size({"width": width, "height": 800})
        # Nothing wider than a phone's screen: no sideways scrolling of the page.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 900})

    page.emulate_media(media="print")
    assert not page.locator("[data-hb=toolbar]").is_visible()
    assert page.locator(".hb-as-report-head").is_visible()
    assert page.locator("[data-hb=report-round]").is_visible()
    assert page.locator("table[data-hb=profile-table]").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert_local(page)


# ── Import never replaces newer work ───────────────────────────────────────────────────────────

def _file(name: str, value: dict) -> dict:
    return {"name": name, "mimeType": "application/json", "buffer": json.dumps(value, ensure_ascii=False).encode()}


def _export(rounds: list[dict], **extra: object) -> dict:
    return {"format": FORMAT, "version": VERSION, "current": rounds[0]["id"], "rounds": rounds, **extra}


def _round(ident: str, updated: str, ratings: dict[str, int], name: str = "รอบจากไฟล์") -> dict:
    return {"id": ident, "name": name, "created": "2026-10-01T00:00:00Z", "updated": updated, "target": 3,
            "ratings": {i: {"level": v, "notes": ""} for i, v in ratings.items()}}


def test_an_older_import_does_not_replace_newer_ratings(page, base_url: str, hb: Handbook) -> None:
    ident = next(iter(hb.indicators))
    open_form(page, base_url)
    rate(page, {ident: 4})
    mine = stored(page)["rounds"][0]
    older = _round(mine["id"], "2020-01-01T00:00:00Z", {ident: 2}, mine["name"])
    page.locator("[data-hb=import-file]").set_input_files(_file("สำรองเก่า.json", _export([older])))
    status = page.locator("[data-hb=status]")
    status.locator("text=ใหม่กว่า").wait_for()
    assert "คงไว้" in status.inner_text() and "แยกเป็นรอบ" in status.inner_text()
    rounds = stored(page)["rounds"]
    assert rounds[0] == mine, "the newer round in this browser is untouched"
    assert len(rounds) == 2 and rounds[1]["ratings"][ident]["level"] == 2 and "เก่ากว่า" in rounds[1]["name"]

    # A newer file does replace it, and says so.
    newer = _round(mine["id"], "2999-01-01T00:00:00Z", {ident: 5}, mine["name"])
    page.locator("[data-hb=import-file]").set_input_files(_file("ใหม่.json", _export([newer])))
    status.locator("text=แทนรอบ").wait_for()
    assert stored(page)["rounds"][0]["ratings"][ident]["level"] == 5
    assert len(stored(page)["rounds"]) == 2
    assert_local(page)


# ── The team self-assessment ───────────────────────────────────────────────────────────────────

def open_team(page, base_url: str) -> None:
    page.goto(base_url + "assessment/team/")
    page.wait_for_selector("[data-hb-assessment=team][data-hb-ready] [data-hb=toolbar]:not([hidden])")


def _team_files(hb: Handbook) -> tuple[list[dict], dict[str, list[int | None]]]:
    """Three members' files (two named in the file, one by its file name) and the levels each gave."""
    ids = list(hb.indicators)[:6]
    given: dict[str, list[int | None]] = {
        ids[0]: [3, 3, 3], ids[1]: [1, 5, 3], ids[2]: [2, 4, None], ids[3]: [2, 3, 2], ids[4]: [None, None, None],
        ids[5]: [4, 1, 2],
    }
    files = []
    for n, (name, rater) in enumerate([("a.json", "สมชาย"), ("b.json", "สมหญิง"), ("มานี.json", None)]):
        ratings = {i: levels[n] for i, levels in given.items() if levels[n] is not None}
        rnd = _round(f"m{n}", f"2026-11-0{n + 1}T00:00:00Z", ratings, "รอบของฉัน")
        rnd["ratings"][ids[1]]["notes"] = f"หลักฐานของคนที่ {n + 1}" if ids[1] in rnd["ratings"] else ""
        extra = {"rater": rater} if rater else {}
        files.append(_file(name, _export([rnd], **extra)))
    return files, given


def test_three_raters_give_spread_order_and_an_agreed_report(page, base_url: str, hb: Handbook, tmp_path: Path) -> None:
    files, given = _team_files(hb)
    open_form(page, base_url)
    own = next(iter(hb.indicators))
    rate(page, {own: 1})  # the reader's own round: never turned into "agreed" levels
    open_team(page, base_url)
    page.locator("[data-hb=rater-files]").set_input_files(files)
    page.locator("[data-hb=status]:has-text('ประเมินเป็นทีม')").wait_for()
    assert page.locator(".hb-as-rater-list li").evaluate_all("els => els.map(e => e.dataset.rater)") == \
        ["สมชาย", "สมหญิง", "มานี"]
    assert page.locator("[data-hb=team-summary]").inner_text().startswith("ผู้ประเมิน 3 คน")

    # Widest disagreement first; ties in the handbook's order; indicators nobody rated last.
    def spread(levels: list[int | None]) -> int | None:
        got = [x for x in levels if x is not None]
        return max(got) - min(got) if got else None
    ids = list(hb.indicators)
    expected = sorted(ids, key=lambda i: (spread(given.get(i, [None])) is None, -(spread(given.get(i, [None])) or 0),
                                          ids.index(i)))
    shown = page.locator(".hb-as-consensus-item").evaluate_all("els => els.map(e => e.dataset.indicator)")
    assert shown == expected
    first = list(given)
    texts = {i: page.locator(f'.hb-as-consensus-item[data-indicator="{i}"] [data-hb=spread]').text_content()
             for i in first}
    # Nobody rated first[4]: it waits behind the one control for the unrated indicators.
    assert page.locator(f'details[data-hb=unrated] .hb-as-consensus-item[data-indicator="{first[4]}"]').count() == 1
    assert texts == {first[0]: "3", first[1]: "1–5", first[2]: "2–4", first[3]: "2–3", first[4]: "–",
                     first[5]: "1–4"}
    item = page.locator(f'.hb-as-consensus-item[data-indicator="{first[1]}"]')
    assert item.locator("[data-hb=rater-level]").all_inner_texts() == ["1", "5", "3"]
    assert "หลักฐานของคนที่ 2" in item.inner_text()
    assert page.locator(f'.hb-as-consensus-item[data-indicator="{first[2]}"] [data-hb=rater-level]').last.inner_text() \
        == "ไม่ได้ให้ระดับ"

    # The team agrees on two indicators; the rest stay ยังไม่สรุป.
    agreed = {first[1]: 2, first[5]: 4}
    for ident, level in agreed.items():
        box = page.locator(f'.hb-as-consensus-item[data-indicator="{ident}"]')
        box.locator("[data-hb=agreed-level]").select_option(str(level))
        box.locator("[data-hb=agreed-notes]").fill(f"ทีมตกลงระดับ {level}")
    assert page.locator(f'.hb-as-consensus-item[data-indicator="{first[0]}"] [data-hb=agreed-level]') \
        .evaluate("s => s.options[s.selectedIndex].text") == "ยังไม่สรุป"
    team = stored(page)["rounds"][-1]
    assert {i: r["level"] for i, r in team["ratings"].items()} == agreed
    assert [r["name"] for r in team["raters"]] == ["สมชาย", "สมหญิง", "มานี"]

    # The report uses the agreed levels only (never the raters' mean) and says how many raters took part.
    open_report(page, base_url)
    total = len(hb.indicators)
    assert "3 คน" in page.locator("[data-hb=report-raters]").first.inner_text()
    assert page.locator("[data-hb=overall-rated]").inner_text() == f"สรุปแล้ว 2 จาก {total} ตัวชี้วัด (ยังไม่สรุป {total - 2})"
    assert page.locator("[data-hb=overall-average]").inner_text() == two_decimals(list(agreed.values()))
    mission = hb.missions[-1].id  # no agreed level there
    row = page.locator(f'table[data-hb=profile-table] tr[data-mission="{mission}"]')
    if not any(hb.indicator_mission[i] == mission for i in agreed):
        assert row.locator("[data-hb=level]").inner_text() == "ยังไม่สรุป"
    gaps = page.locator("li.hb-as-gap").evaluate_all("els => els.map(e => e.dataset.indicator)")
    assert gaps == [first[1]]  # below target 3: the agreed 2 only, not the unagreed ones
    assert "ผู้ประเมินให้ 1–5" in page.locator(f'li.hb-as-gap[data-indicator="{first[1]}"]').inner_text()

    # CSV of the team round: the agreed level, the spread and each rater's level.
    open_tools(page)
    with page.expect_download() as info:
        page.locator("[data-hb=export-csv]").click()
    path = tmp_path / "team.csv"
    info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0][6:] == ["ต่ำสุด–สูงสุด", "ระดับของ สมชาย", "ระดับของ สมหญิง", "ระดับของ มานี"]
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id[first[1]][3:5] == ["2", "ทีมตกลงระดับ 2"] and by_id[first[1]][6:] == ["1–5", "1", "5", "3"]

    # The reader's own round is still there, unchanged.
    page.select_option("[data-hb=round-select]", index=0)
    assert stored(page)["rounds"][0]["ratings"] == {own: {"level": 1, "notes": ""}}
    assert_local(page)


def test_a_rater_file_from_another_edition_gets_a_message_and_loses_nothing(page, base_url: str, hb: Handbook) -> None:
    files, _ = _team_files(hb)
    open_team(page, base_url)
    page.locator("[data-hb=rater-files]").set_input_files(files[:1])
    page.locator("[data-hb=status]:has-text('สมชาย')").wait_for()
    before = stored(page)
    foreign = _export([_round("x", "2026-11-01T00:00:00Z", {"ZZ-01": 3, "ZZ-02": 4})], rater="คนนอก")
    newer = _export([_round("y", "2099-01-01T00:00:00Z", {})], version=VERSION + 1)
    newer["version"] = VERSION + 1
    mixed = _export([_round("z", "2026-11-01T00:00:00Z", {next(iter(hb.indicators)): 2, "ZZ-09": 5})], rater="วิชัย",
                    handbook={"scope": "hpo-handbook@000000000000", "office": "สพป.อื่น"})
    page.locator("[data-hb=rater-files]").set_input_files([
        _file("คนนอก.json", foreign), _file("รุ่นใหม่.json", newer),
        {"name": "เสีย.json", "mimeType": "application/json", "buffer": b'{"format": "hpo'}])
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    text = alert.inner_text()
    assert "คู่มือฉบับอื่น" in text and "รุ่นใหม่กว่า" in text and "ไม่ใช่ JSON" in text and "ข้อมูลเดิมยังอยู่ครบ" in text
    assert stored(page) == before
    page.locator("[data-hb=rater-files]").set_input_files([_file("วิชัย.json", mixed)])
    status = page.locator("[data-hb=status]:has-text('วิชัย')")
    status.wait_for()
    assert "ZZ-09" in status.inner_text() and "สพป.อื่น" in status.inner_text()
    team = stored(page)["rounds"][-1]
    assert [r["name"] for r in team["raters"]] == ["สมชาย", "วิชัย"]
    assert "ZZ-09" not in team["raters"][1]["ratings"]
    assert_local(page)


def test_team_page_prints_on_a4_with_the_office_header(page, base_url: str, hb: Handbook) -> None:
    files, _ = _team_files(hb)
    open_team(page, base_url)
    page.locator("[data-hb=rater-files]").set_input_files(files)
    page.locator(".hb-as-consensus-item").first.wait_for()
    # The filled-in consensus view (the page walk of test_a11y sees it empty) has no serious axe violation.
    violations = run_axe(page)
    assert not violations, describe_axe("/assessment/team/", violations)
    page.emulate_media(media="print")
    assert not page.locator("[data-hb=toolbar]").is_visible()
    assert not page.locator("[data-hb=import-raters]").is_visible()
    head = page.locator(".hb-as-team-head")
    assert head.is_visible() and head.inner_text().startswith("สำนักงานเขตพื้นที่การศึกษา")
    assert page.locator(".hb-as-consensus-item").first.is_visible()
    assert page.locator(".hb-as-consensus-item").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    assert page.pdf(format="A4").startswith(b"%PDF")
    assert_local(page)


def test_overall_level_states_its_coverage(page, base_url: str, hb: Handbook) -> None:
    ids = list(hb.indicators)
    total = len(ids)
    need = -(-total * 4 // 5)
    ratings = {i: 3 if n % 2 else 4 for n, i in enumerate(ids[:need])}
    open_form(page, base_url)
    rate(page, ratings)
    open_report(page, base_url)
    level = int(Decimal(two_decimals(list(ratings.values()))))
    assert page.locator("[data-hb=overall-level]").inner_text() == \
        f"ระดับ {level} {LEVEL_NAMES[level]} (ประเมินแล้ว {need} จาก {total} ตัวชี้วัด)"


# ── The plan: target, owner, month, actions, evidence links, status; paper, calendar, follow-up ─────────

def open_plan(page, base_url: str) -> None:
    page.goto(base_url + "assessment/plan/")
    page.wait_for_selector("[data-hb-assessment=plan][data-hb-ready] [data-hb=toolbar]:not([hidden])")


def _groups(hb: Handbook) -> dict[str, str]:
    return hb.owner_names()


def make_plan(page, base_url: str, hb: Handbook) -> tuple[str, str]:
    """Rate one indicator 2, plan it: target 4, the second group of groups.yml, November, its first action and one
    typed, two evidence links, statuses. Returns (indicator id, owner id)."""
    ident = next(iter(hb.indicators))
    owner = list(_groups(hb))[1]
    open_form(page, base_url)
    rate(page, {ident: 2})
    open_plan(page, base_url)
    page.select_option("[data-hb=plan-add-select]", ident)
    page.locator("[data-hb=plan-add]").click()
    item = page.locator(f"#plan-{ident.lower()}")
    item.locator("[data-field=target]").select_option("4")
    item.locator("[data-field=owner]").select_option(owner)
    item.locator("[data-field=month]").select_option("11")
    item.locator("input[data-pick]").first.check()
    item.locator("[data-new-action]").fill("จัดทำสรุปผลการประชุม, เผยแพร่ให้ทุกกลุ่ม; ภายในสองสัปดาห์")
    item.locator("[data-do=add-action]").click()
    links = (("รายงานการประชุมทบทวนวิสัยทัศน์", "https://drive.example.org/d/1?x=1&y=2", "2026-11-20", "สมชาย"),
             ("ประกาศเผยแพร่ <ทดสอบ>", "http://intranet.office.example/doc/2", "2026-11-27", ""))
    for title, url, day, by in links:
        item.locator("[data-ev=title]").fill(title)
        item.locator("[data-ev=url]").fill(url)
        item.locator("[data-ev=date]").fill(day)
        item.locator("[data-ev=by]").fill(by)
        item.locator("[data-do=add-evidence]").click()
    item.locator("select[data-status]").first.select_option("doing")
    item.locator("select[data-status]").last.select_option("dropped")
    item.locator("input[data-reason]").fill("รวมไว้ในรายงานประจำเดือนแล้ว")
    item.locator("input[data-reason]").press("Tab")
    return ident, owner


def _plan_of(page, ident: str) -> dict:
    state = stored(page)
    current = next(r for r in state["rounds"] if r["id"] == state["current"])
    return current["plans"][ident]


def test_plan_survives_reload_export_and_import_in_a_fresh_profile(page, browser, base_url: str, hb: Handbook,
                                                                    tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    ident, owner = make_plan(page, base_url, hb)
    p = _plan_of(page, ident)
    first = hb.indicators[ident].actions[0].do
    assert (p["target"], p["owner"], p["month"]) == (4, owner, 11)
    assert [(a["text"], a["status"]) for a in p["actions"]] == [
        (first, "doing"), ("จัดทำสรุปผลการประชุม, เผยแพร่ให้ทุกกลุ่ม; ภายในสองสัปดาห์", "dropped")]
    assert p["actions"][0]["id"].startswith(ident + ":") and p["actions"][1]["reason"] == "รวมไว้ในรายงานประจำเดือนแล้ว"
    assert [e["url"] for e in p["evidence"]] == ["https://drive.example.org/d/1?x=1&y=2", "http://intranet.office.example/doc/2"]
    assert p["evidence"][0]["checked_by"] == "สมชาย" and p["evidence"][1]["date"] == "2026-11-27"

    page.reload()
    page.wait_for_selector("[data-hb-ready] [data-hb=toolbar]:not([hidden])")
    item = page.locator(f"#plan-{ident.lower()}")
    assert item.locator("[data-field=owner]").input_value() == owner
    assert item.locator("[data-field=month] option:checked").inner_text() == "พฤศจิกายน 2569"
    assert item.locator("input[data-pick]").first.is_checked()
    # Text from the reader stays text: the title with < > is shown as typed, no element made of it.
    assert item.locator("[data-evidence] a").all_inner_texts() == ["รายงานการประชุมทบทวนวิสัยทัศน์", "ประกาศเผยแพร่ <ทดสอบ>"]
    assert item.locator("[data-evidence] a").first.get_attribute("href") == "https://drive.example.org/d/1?x=1&y=2"
    form = page.locator("table[data-hb=plan-table]")
    rows = form.locator("tbody tr:not(.hb-plan-signoff-row)")
    assert rows.count() == 2
    assert _groups(hb)[owner] in rows.first.inner_text() and "ระดับ 4" in rows.first.inner_text()
    assert "พ.ย. 2569" in rows.first.inner_text() and "กำลังทำ" in rows.first.inner_text()
    assert "ยกเลิก (รวมไว้ในรายงานประจำเดือนแล้ว)" in rows.last.inner_text()
    violations = run_axe(page)  # the filled-in editor (the page walk of test_a11y sees it empty)
    assert not violations, describe_axe("/assessment/plan/", violations)

    before = stored(page)
    open_tools(page)
    with page.expect_download() as info:
        page.locator("[data-hb=export-json]").click()
    assert re.fullmatch(r"hpo-assessment-25\d\d-\d\d-\d\d\.json", info.value.suggested_filename)
    path = tmp_path / "plan.json"
    info.value.save_as(path)

    fresh = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    try:
        other = fresh.new_page()
        open_plan(other, base_url)
        other.locator("[data-hb=import-file]").set_input_files(str(path))
        other.wait_for_selector("[data-hb=status]:has-text('นำเข้า')")
        after = stored(other)
        assert [r for r in after["rounds"] if r["id"] == before["current"]] == \
            [r for r in before["rounds"] if r["id"] == before["current"]]
        assert after["current"] == before["current"]
        assert other.locator("table[data-hb=plan-table]").inner_text() == form.inner_text()
        # The calendar and the group's page show the office's own items beside the handbook's.
        other.goto(base_url + "calendar/")
        own = other.locator('.hb-year-month[data-month="11"] .hb-own-month')
        own.wait_for()
        assert first in own.inner_text() and _groups(hb)[owner] in own.inner_text()
        assert other.locator(".hb-own-month").count() == 1
        other.goto(base_url + f"calendar/groups/{owner}/")
        row = other.locator('.hb-plan-table tr[data-month="11"]')
        row.locator(".hb-own-month").wait_for()
        assert first in row.inner_text()
        assert other.locator("th", has_text="พฤศจิกายน 2569").count() == 1
        other.goto(base_url + f"calendar/groups/{next(g for g in _groups(hb) if g != owner)}/")
        other.wait_for_load_state("networkidle")
        assert other.locator(".hb-own-month").count() == 0
    finally:
        fresh.close()
    assert errors == []
    assert_local(page)


def test_the_plans_calendar_file_has_stable_uids(page, base_url: str, hb: Handbook, tmp_path: Path) -> None:
    from icalendar import Calendar

    ident, _ = make_plan(page, base_url, hb)

    def download(name: str) -> Calendar:
        with page.expect_download() as info:
            page.locator("[data-hb=plan-ics]").click()
        assert re.fullmatch(r"hpo-plan-25\d\d-\d\d-\d\d\.ics", info.value.suggested_filename)
        info.value.save_as(tmp_path / name)
        return Calendar.from_ical((tmp_path / name).read_bytes())

    one = download("one.ics")
    # A change of status and a second export: the same items, the same UIDs, so a calendar updates them.
    page.locator(f"#plan-{ident.lower()} select[data-status]").first.select_option("done")
    two = download("two.ics")
    events = [e for e in one.walk("VEVENT")]
    uids = [str(e["UID"]) for e in events]
    assert uids == [str(e["UID"]) for e in two.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 4  # two planned actions, two checkpoints
    actions = [e for e in events if "checkpoint" not in str(e["UID"])]
    first = hb.indicators[ident].actions[0].do
    assert str(actions[0]["SUMMARY"]) == f"{ident} {first}"
    assert str(actions[1]["SUMMARY"]).startswith(f"{ident} จัดทำสรุปผลการประชุม, เผยแพร่")
    assert str(actions[1]["STATUS"]) == "CANCELLED"
    day = actions[0]["DTSTART"].dt
    assert (day.year, day.month, day.weekday()) == (2026, 11, 0) and 8 <= day.day <= 14
    assert str(next(iter(two.walk("VEVENT")))["SUMMARY"]).startswith("เสร็จแล้ว: ")
    start = dt.date.fromisoformat(stored(page)["rounds"][0]["start"])
    checkpoints = [e["DTSTART"].dt for e in events if "checkpoint" in str(e["UID"])]
    assert [(d.year * 12 + d.month) - (start.year * 12 + start.month) for d in checkpoints] == [6, 12]
    assert "ผู้รับผิดชอบ: " + _groups(hb)[list(_groups(hb))[1]] in str(actions[0]["DESCRIPTION"])
    assert_local(page)


def test_the_plan_form_prints_on_a4_in_sarabun(page, base_url: str, hb: Handbook) -> None:
    from hpo_handbook.tools.check_pdf import fonts_outside_sarabun

    _, owner = make_plan(page, base_url, hb)
    for width in (390, 360):  # the editor on a phone: nothing wider than the screen
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert page.locator(".hb-pl-paper .hb-form-head").is_visible()
    assert page.locator("table[data-hb=plan-table]").is_visible()
    for hidden in (".hb-pl-editor", "[data-hb=toolbar]", "[data-hb=follow-up]", ".hb-pl-tools"):
        assert not page.locator(hidden).first.is_visible(), hidden
    signoff = page.locator("table[data-hb=plan-table] tr.hb-plan-signoff-row")
    assert signoff.is_visible() and "ผู้อนุมัติ" in signoff.inner_text()
    page.evaluate("document.fonts.ready")
    pdf = page.pdf(format="A4", print_background=True)
    assert fonts_outside_sarabun(pdf) == {}
    import pymupdf  # as hpo_handbook/tools/check_pdf.py reads the shipped PDFs

    text = "".join(p.get_text() for p in pymupdf.open(stream=pdf, filetype="pdf"))
    flat = re.sub(r"\s+", "", text)
    for words in ("แผนพัฒนาสำนักงานตามผลการประเมินตนเอง", _groups(hb)[owner], "ผู้อนุมัติ", "พ.ย.2569"):
        assert re.sub(r"\s+", "", words) in flat, words
    # The report prints the same form, and its own button prints the form alone.
    page.emulate_media(media="screen")
    open_report(page, base_url)
    page.emulate_media(media="print")
    assert page.locator("table[data-hb=plan-table]").is_visible()
    assert page.locator("[data-hb=progress-table]").is_visible()
    assert_local(page)


def test_the_report_shows_progress_per_group_and_what_is_overdue(page, base_url: str, hb: Handbook) -> None:
    ident, owner = make_plan(page, base_url, hb)
    open_report(page, base_url)
    row = page.locator(f'table[data-hb=progress-table] tr[data-owner="{owner}"]')
    cells = row.locator("td").all_inner_texts()
    assert cells[:5] == ["2", "0", "1", "0", "1"]  # total, done, in progress, not started, dropped
    today = dt.date.today()
    overdue = (today.year, today.month) > (2026, 11)
    assert cells[5] == ("1" if overdue else "0")
    assert ("ไม่มีสิ่งที่จะทำที่เลยกำหนด" not in page.locator("[data-hb=follow-up]").inner_text()) == overdue
    assert "จุดติดตามผล: 6 เดือน" in page.locator("[data-hb=checkpoints]").inner_text()
    gap = page.locator(f'li.hb-as-gap[data-indicator="{ident}"] .hb-pl-gap-plan')
    assert "สิ่งที่จะทำ 2 ข้อ" in gap.inner_text()
    assert_local(page)


# ── Bad input: a clear Thai message, nothing already saved lost ──────────────────────────────────

@pytest.mark.parametrize("url, said", [
    ("javascript:alert(document.cookie)", "ไม่รับลิงก์แบบ “javascript:”"),
    ("data:text/html;base64,PHNjcmlwdD4=", "ไม่รับลิงก์แบบ “data:”"),
    ("www.example.org/doc", "ต้องขึ้นต้นด้วย https://"),
])
def test_evidence_that_is_not_a_web_link_is_refused(page, base_url: str, hb: Handbook, url: str, said: str) -> None:
    ident, _ = make_plan(page, base_url, hb)
    before = stored(page)
    item = page.locator(f"#plan-{ident.lower()}")
    item.locator("[data-ev=title]").fill("ไฟล์แนบ")
    item.locator("[data-ev=url]").fill(url)
    item.locator("[data-do=add-evidence]").click()
    problem = item.locator("[data-hb=evidence-problem][role=alert]")
    assert said in problem.inner_text() and problem.inner_text().startswith("เพิ่มหลักฐานไม่ได้")
    assert stored(page) == before
    assert item.locator("[data-evidence]").count() == 2


def test_an_imported_plan_with_a_javascript_link_is_refused_whole(page, base_url: str, hb: Handbook) -> None:
    ident, _ = make_plan(page, base_url, hb)
    before = stored(page)
    bad = _round("x1", "2026-12-01T00:00:00Z", {ident: 2})
    bad["plans"] = {ident: {"target": 3, "owner": "", "month": 1, "actions": [],
                            "evidence": [{"title": "คลิก", "url": "javascript:alert(1)"}]}}
    page.locator("[data-hb=import-file]").set_input_files(_file("แผน.json", _export([bad])))
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "ไม่รับลิงก์แบบ “javascript:”" in alert.inner_text() and "ข้อมูลเดิมยังอยู่ครบ" in alert.inner_text()
    assert stored(page) == before


def test_a_file_over_the_size_limit_is_refused(page, base_url: str, hb: Handbook) -> None:
    make_plan(page, base_url, hb)
    before = stored(page)
    big = b'{"format": "hpo-handbook-assessment", "pad": "' + b"x" * (5 * 1024 * 1024 + 10) + b'"}'
    too_big = {"name": "ใหญ่.json", "mimeType": "application/json", "buffer": big}
    page.locator("[data-hb=import-file]").set_input_files(too_big)
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "เกินขนาดที่รับได้ (5 MB)" in alert.inner_text() and "ข้อมูลเดิมยังอยู่ครบ" in alert.inner_text()
    assert stored(page) == before
    open_team(page, base_url)
    page.locator("[data-hb=rater-files]").set_input_files(too_big)
    page.locator("[data-hb=alert][role=alert]:has-text('เกินขนาดที่รับได้')").wait_for()
    assert stored(page) == before


def test_a_plan_for_an_indicator_that_no_longer_exists_is_kept_and_named(page, base_url: str, hb: Handbook) -> None:
    ident = next(iter(hb.indicators))
    r = _round("old1", "2026-11-01T00:00:00Z", {ident: 2}, "รอบจากฉบับอื่น")
    r["plans"] = {"ZZ-99": {"target": 3, "owner": "", "month": 2, "actions": [{"id": "t-abcd12", "text": "งานเดิม"}],
                            "evidence": []},
                  ident: {"target": 3, "owner": "", "month": 2, "actions": [{"id": "t-efgh34", "text": "งานนี้"}],
                          "evidence": []}}
    open_plan(page, base_url)
    page.locator("[data-hb=import-file]").set_input_files(_file("ฉบับอื่น.json", _export([r])))
    status = page.locator("[data-hb=status]:has-text('นำเข้า')")
    status.wait_for()
    assert "ZZ-99" in status.inner_text() and "ยังเก็บไว้ครบ" in status.inner_text()
    kept = next(x for x in stored(page)["rounds"] if x["id"] == "old1")
    assert kept["plans"]["ZZ-99"]["actions"][0]["text"] == "งานเดิม"
    assert "ZZ-99" in page.locator("[data-hb=plan-orphans]").inner_text()
    assert page.locator(f"#plan-{ident.lower()}").is_visible()
    assert page.locator("#plan-zz-99").count() == 0


# ── The team, honestly ───────────────────────────────────────────────────────────────────────────

def _role_files(hb: Handbook) -> list[dict]:
    """An executive, a group director and a member of staff; the staff member sees two indicators lower."""
    ids = list(hb.indicators)
    given = {"ผอ.สมศักดิ์": ("executive", {ids[0]: 4, ids[1]: 3, ids[2]: 4}),
             "ผอ.กลุ่มวิไล": ("director", {ids[0]: 4, ids[1]: 3, ids[2]: 2}),
             "ครูมานพ": ("staff", {ids[0]: 1, ids[1]: 3, ids[2]: 4})}
    files = []
    for n, (name, (role, ratings)) in enumerate(given.items()):
        rnd = _round(f"p{n}", f"2026-11-1{n}T00:00:00Z", ratings, "รอบของฉัน")
        files.append(_file(f"{n}.json", _export([rnd], rater=name, role=role, raterId=f"device{n}abc")))
    return files


def test_a_team_of_three_roles_shows_leaders_and_staff(page, base_url: str, hb: Handbook) -> None:
    ids = list(hb.indicators)
    open_form(page, base_url)
    rate(page, {ids[0]: 2})  # the coordinator also rated, alone
    open_team(page, base_url)
    page.locator("[data-hb=rater-files]").set_input_files(_role_files(hb))
    page.locator("[data-hb=status]:has-text('ประเมินเป็นทีม')").wait_for()
    assert page.locator(".hb-as-rater-list li").evaluate_all("els => els.map(e => e.dataset.role)") == \
        ["executive", "director", "staff"]
    assert "ผู้อำนวยการกลุ่มหรือหัวหน้าหน่วย" in page.locator('.hb-as-rater-list li[data-rater="ผอ.กลุ่มวิไล"]').inner_text()
    roles = page.locator("table[data-hb=roles-table] tbody tr")
    assert roles.evaluate_all("els => els.map(e => e.dataset.indicator)") == [ids[0], ids[2], ids[1]]
    assert roles.first.locator("[data-hb=gap]").inner_text() == "ผู้บริหารให้สูงกว่า 3 ระดับ"
    assert roles.nth(1).locator("[data-hb=gap]").inner_text() == "บุคลากรให้สูงกว่า 1 ระดับ"
    assert roles.last.locator("[data-hb=gap]").inner_text() == "เห็นตรงกัน"
    assert "ผู้บริหาร (ผู้บริหารสำนักงานและผู้อำนวยการกลุ่ม) 2 คน · บุคลากร 1 คน" in \
        page.locator("[data-hb=roles-count]").inner_text()
    # Only the indicators someone rated are listed; the rest are behind one control.
    visible = page.locator("[data-hb=consensus] > .hb-as-consensus-item")
    assert visible.count() == 3
    unrated = page.locator("details[data-hb=unrated]")
    assert unrated.locator("summary").inner_text() == f"ตัวชี้วัดที่ยังไม่มีผู้ใดให้ระดับ {len(ids) - 3} ตัวชี้วัด"
    assert not unrated.locator(".hb-as-consensus-item").first.is_visible()
    assert "ผู้ประเมินทั้ง 3 คนให้ระดับ" in visible.first.inner_text()
    # The report names the raters and never sets the coordinator's own round against the team's as before/after.
    open_report(page, base_url)
    assert page.locator("[data-hb=report-raters]").first.inner_text() == \
        "3 คน: ผอ.สมศักดิ์, ผอ.กลุ่มวิไล, ครูมานพ (ใช้ระดับที่ทีมตกลงกัน)"
    compare = page.locator("[data-hb=compare]")
    assert "ไม่เปรียบเทียบเป็นก่อนและหลัง" in compare.inner_text()
    assert page.locator("table[data-hb=compare-missions]").count() == 0
    violations = run_axe(page)
    assert not violations, describe_axe("/assessment/report/", violations)
    assert_local(page)


def test_two_members_with_the_same_name_are_told_apart(page, base_url: str, hb: Handbook) -> None:
    ids = list(hb.indicators)
    one = _export([_round("s1", "2026-11-01T00:00:00Z", {ids[0]: 3})], rater="สมชาย", role="staff",
                  raterId="devicea1")
    two = _export([_round("s2", "2026-11-02T00:00:00Z", {ids[0]: 1})], rater="สมชาย", role="executive",
                  raterId="deviceb2")
    open_team(page, base_url)
    # In one batch: the first file is taken, the second refused with a message.
    page.locator("[data-hb=rater-files]").set_input_files([_file("a.json", one), _file("b.json", two)])
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "ใช้ชื่อผู้ประเมิน “สมชาย” เหมือนกัน" in alert.inner_text() and "ข้อมูลเดิมยังอยู่ครบ" in alert.inner_text()
    before = stored(page)
    assert [x["name"] for x in before["rounds"][-1]["raters"]] == ["สมชาย"]
    # Later, alone: another browser's file under the same name is refused too; nothing changes.
    page.locator("[data-hb=rater-files]").set_input_files([_file("b.json", two)])
    page.locator("[data-hb=alert][role=alert]:has-text('อีกคนหนึ่ง')").wait_for()
    assert stored(page) == before
    assert_local(page)
