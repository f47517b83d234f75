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

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
KEY = "hpo-handbook:v1:assessment"
FORMAT = "hpo-handbook-assessment"


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


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


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
    page.evaluate(f"""() => {{
        window.__writes = 0;
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {{
            if (k === '{KEY}') window.__writes++;
            return original.call(this, k, v);
        }};
    }}""")
    other = next(i for i in hb.indicators if i not in ratings)
    rate(page, {other: 5})
    assert page.evaluate("window.__writes") == 1
    assert stored(page)["rounds"][0]["ratings"][other]["level"] == 5
    assert errors == []
    assert_local(page)


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
    assert exported["format"] == FORMAT and exported["version"] == 1
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


def test_corrupt_stored_value_is_reset_with_a_message(page, base_url: str, hb: Handbook) -> None:
    open_form(page, base_url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{\"format\": \"hpo-handbook-assess')")
    page.reload()
    alert = page.locator("[data-hb=alert][role=alert]")
    alert.wait_for()
    assert "เสียหาย" in alert.inner_text()
    assert page.evaluate(f"localStorage.getItem('{KEY}:backup')").startswith('{"format"')
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
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    page.reload()
    page.locator("[data-hb=status]:has-text('รุ่นก่อน')").wait_for()
    assert checked(page, ident) == "4"
    assert page.locator(f'fieldset[data-indicator="{ident}"] textarea').input_value() == "หลักฐานเดิม"
    assert stored(page)["version"] == 1


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
    level = int(Decimal(overall))
    assert page.locator("[data-hb=overall-level]").inner_text() == f"ระดับ {level} {LEVEL_NAMES[level]}"

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
