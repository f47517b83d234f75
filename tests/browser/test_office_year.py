"""What do we do this month, on a phone: two taps from the home page's first screen, by the device's date.

Playwright's clock sets the date inside and outside the fiscal year the build describes; the viewport is a phone's.
Online (instant navigation) and on a plain load alike, the calendar and a group's page open at this month.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from hpo_handbook.loader import load
from hpo_handbook.office_year import owners_with_work

from ..conftest import FISCAL_YEAR, ROOT

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HB = load(ROOT / "data", root=ROOT)


@pytest.fixture
def phone(browser: Any) -> Any:
    ctx = browser.new_context(locale="th-TH", viewport=PHONE, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def _at(page: Any, when: dt.datetime) -> None:
    page.clock.install(time=when)


def _in_first_screen(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def _top_month(page: Any, selector: str) -> int:
    """The month whose heading or row is nearest the top of the screen (within the first screen)."""
    months = page.eval_on_selector_all(selector, """els => els.map(e => [e.id, e.getBoundingClientRect().top])""")
    visible = [(int(i.split("-")[1]), top) for i, top in months if -5 <= top < PHONE["height"] / 2]
    assert visible, months
    return min(visible, key=lambda m: abs(m[1]))[0]


def test_this_months_work_is_one_tap_from_the_home_pages_first_screen(phone: Any, instant_base_url: str) -> None:
    page = phone.new_page()
    _at(page, dt.datetime(int(FISCAL_YEAR) - 543 - 1, 12, 6, 9, 0))  # 6 December 2569: in fiscal year 2570
    page.goto(instant_base_url)
    link = ".hb-quick a[href$='calendar/']"
    assert _in_first_screen(page, link)
    page.locator(link).first.tap()  # tap 1
    page.wait_for_selector("h1:has-text('ปฏิทินการดำเนินงาน')")
    page.wait_for_function("() => !document.querySelector('.hb-this-month').hidden")
    assert _top_month(page, "h2[id^='month-']") == 12
    assert "ธันวาคม 2569" in page.inner_text(".hb-this-month")


@pytest.mark.parametrize("owner", [owners_with_work(HB)[0], "deputies"])
def test_a_groups_month_is_two_taps_from_the_home_page(phone: Any, instant_base_url: str, owner: str) -> None:
    name = HB.owner_names()[owner]
    page = phone.new_page()
    _at(page, dt.datetime(int(FISCAL_YEAR) - 543, 4, 20, 9, 0))  # 20 April 2570
    page.goto(instant_base_url)
    link = ".hb-quick a[href$='calendar/groups/']"
    assert _in_first_screen(page, link)
    page.locator(link).first.tap()  # tap 1: the list of groups, each one line
    page.wait_for_selector(".hb-group-list")
    page.locator(".hb-group-list a", has_text=name).first.tap()  # tap 2
    page.wait_for_selector(f".hb-plan[data-group='{owner}']")
    page.wait_for_function("() => !document.querySelector('.hb-this-month').hidden")
    rows = [int(r.split("-")[1]) for r in page.eval_on_selector_all("tr[id^='month-']", "els => els.map(e => e.id)")]
    expected = next((m for m in (4, 5, 6, 7, 8, 9) if m in rows), None)
    if expected is not None:
        assert _top_month(page, "tr[id^='month-']") == expected


def test_a_date_outside_the_fiscal_year_opens_at_its_start_and_says_so(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    _at(page, dt.datetime(int(FISCAL_YEAR) - 543 + 1, 3, 1, 9, 0))  # March of the next fiscal year
    page.goto(base_url + "calendar/")
    page.wait_for_function("() => !document.querySelector('.hb-this-month').hidden")
    note = page.inner_text(".hb-this-month")
    assert f"นอกปีงบประมาณ พ.ศ. {FISCAL_YEAR}" in note and "ตุลาคม" in note
    assert _top_month(page, "h2[id^='month-']") == 10
    # The page still holds every month, and the fiscal year shown stays the configured one.
    assert len(page.query_selector_all("h2[id^='month-']")) == 12
    assert f"พ.ศ. {FISCAL_YEAR}" in page.inner_text(".hb-year-summary")


def test_a_link_to_a_month_is_not_overridden(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    _at(page, dt.datetime(int(FISCAL_YEAR) - 543 - 1, 12, 6, 9, 0))
    page.goto(base_url + "calendar/#month-7")
    page.wait_for_function("() => !document.querySelector('.hb-this-month').hidden")
    assert _top_month(page, "h2[id^='month-']") == 7


def test_the_group_list_reads_as_one_line_per_group_on_a_phone(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "calendar/groups/")
    items = page.locator(".hb-group-list li")
    assert items.count() == len(owners_with_work(HB))
    first = items.first.bounding_box()
    assert first is not None and first["y"] < 2 * PHONE["height"]  # the list starts near the top
    assert re.search(r"งานประจำ \d+ งาน", items.first.inner_text())
