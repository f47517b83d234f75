"""Checklist forms in Chromium: ticks and fields are kept, cleared, recovered from corruption, printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hpo_handbook.loader import load
from hpo_handbook.render import action_key

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HB = load(ROOT / "data", root=ROOT)
MISSION = HB.missions[0]
FIRST = HB.indicators_of(MISSION.id)[0]
FIRST_KEY = action_key(FIRST.id, FIRST.actions[0].do)
OLD_KEY = f"hpo-handbook:v1:checklist:{MISSION.id}"  # before keys were scoped to the handbook
EMPTY = {"done": {}, "fields": {}}  # an emptied checklist is saved as empty, so the old key is not copied back
PAGE = f"checklists/{MISSION.id}/"


def _open(page, base_url: str, path: str = PAGE) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")


def _box(page, key: str = FIRST_KEY):
    return page.locator(f'input[data-field="done"][data-action="{key}"]')


def _field(page, name: str, key: str = FIRST_KEY):
    return page.locator(f'input[data-field="{name}"][data-action="{key}"]')


def _key(page) -> str:
    """The page's scoped storage key (hpo_handbook/storage.py), read from the form."""
    return page.locator(".hb-checklist").first.get_attribute("data-storage-key")


def _stored(page, key: str | None = None) -> object:
    raw = page.evaluate("(k) => localStorage.getItem(k)", key or _key(page))
    return None if raw is None else json.loads(raw)


def test_tick_and_fields_survive_a_reload(page, base_url: str) -> None:
    _open(page, base_url)
    assert not _box(page).is_checked()
    _box(page).check()
    _field(page, "owner").fill("กลุ่มนโยบายและแผน")
    _field(page, "due").fill("30 กันยายน 2570")
    stored = _stored(page)
    assert stored == {"done": {FIRST_KEY: True},
                      "fields": {FIRST_KEY: {"owner": "กลุ่มนโยบายและแผน", "due": "30 กันยายน 2570"}}}
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")
    assert _box(page).is_checked()
    assert _field(page, "owner").input_value() == "กลุ่มนโยบายและแผน"
    assert _field(page, "due").input_value() == "30 กันยายน 2570"
    assert page.locator("[data-checklist-progress]").inner_text().startswith("ทำแล้ว 1 จาก")
    # Another checklist keeps its own ticks.
    _open(page, base_url, "checklists/")
    assert not _box(page).is_checked()


def test_ticks_survive_instant_navigation(page, instant_base_url: str) -> None:
    _open(page, instant_base_url)
    _box(page).check()
    page.evaluate("window.__noReload = true")  # gone if the browser loads a whole new document
    page.locator(".hb-checklist-links a", has_text="อ่านบทภารกิจ").click()
    page.wait_for_url(re.compile(rf"/missions/{MISSION.id}/$"))
    page.wait_for_selector(".hb-mission-summary")
    page.locator(".hb-mission-summary a", has_text="แบบตรวจสอบ").click()
    page.wait_for_url(re.compile(rf"/checklists/{MISSION.id}/$"))
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")
    assert page.evaluate("window.__noReload") is True, "navigation was not instant"
    assert _box(page).is_checked()
    _box(page).nth(0).uncheck()  # the page is live after the swap: changes are still saved
    assert _stored(page) == EMPTY


def test_clear_asks_first_and_then_empties_the_form(page, base_url: str) -> None:
    _open(page, base_url)
    _box(page).check()
    _field(page, "note").fill("รอผลสำรวจ")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="ล้างข้อมูล").click()
    assert _box(page).is_checked() and _stored(page) is not None
    messages: list[str] = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    page.get_by_role("button", name="ล้างข้อมูล").click()
    assert messages and "ล้าง" in messages[0]
    assert not _box(page).is_checked()
    assert _field(page, "note").input_value() == ""
    assert _stored(page) == EMPTY
    assert page.locator("[data-checklist-status]").inner_text() == "ล้างเครื่องหมายและข้อความในแบบตรวจสอบนี้แล้ว"


@pytest.mark.parametrize("corrupt", ["{not json", "[1, 2]", '{"done": {"x": "yes"}, "fields": {}}',
                                     '{"done": {}, "fields": {"x": {"owner": 5}}}'])
def test_corrupt_value_is_kept_as_a_backup_and_reset_with_a_message(page, base_url: str, corrupt: str) -> None:
    _open(page, base_url)
    key = _key(page)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, corrupt])
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")
    status = page.locator("[data-checklist-status]")
    assert status.is_visible()
    assert "อ่านไม่ได้" in status.inner_text() and "สำเนา" in status.inner_text()
    assert page.evaluate("(k) => localStorage.getItem(k)", key + ":backup") == corrupt  # nothing is lost
    assert _stored(page) == EMPTY
    assert not errors
    _box(page).check()  # still usable, and saving works again
    assert _stored(page) == {"done": {FIRST_KEY: True}, "fields": {}}


def test_every_checkbox_and_field_has_an_accessible_name(page, base_url: str) -> None:
    _open(page, base_url)
    assert page.get_by_role("checkbox", name=FIRST.actions[0].do, exact=True).count() == 1
    for column in ("ผู้รับผิดชอบ", "กำหนดเสร็จ", "หมายเหตุ"):
        assert page.get_by_role("textbox", name=f"{column} {FIRST.actions[0].do}", exact=True).count() == 1
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.hb-checklist input')].filter(i => {
        const ids = (i.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
        const byIds = ids.length && ids.every(id => document.getElementById(id));
        return !(byIds || i.labels.length);
      }).length""")
    assert unnamed == 0


def test_print_shows_ticks_and_no_site_chrome(page, base_url: str) -> None:
    _open(page, base_url)
    _box(page).check()
    _field(page, "owner").fill("กลุ่มนโยบายและแผน")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-content__button",
                   ".hb-checklist-tools", ".hb-checklist-links"):
        loc = page.locator(chrome)
        assert loc.count() == 0 or not loc.first.is_visible(), chrome
    assert _box(page).is_visible() and _box(page).is_checked()
    # Inputs do not wrap on paper: the value is printed from its mirror instead.
    assert not _field(page, "owner").is_visible()
    mirror = page.locator(f'tr[data-action-row="{FIRST_KEY}"] .hb-print-value').first
    assert mirror.is_visible() and mirror.inner_text() == "กลุ่มนโยบายและแผน"
    assert page.locator(".hb-form-office").is_visible()
    assert page.locator(".hb-signoff").is_visible()
    styles = page.evaluate("[...document.querySelectorAll('.md-typeset, .md-typeset td, .md-typeset th, "
                           ".md-typeset a, .md-typeset p')].map(e => getComputedStyle(e).wordBreak)")
    assert "break-all" not in styles  # Thai breaks between words (dictionary), never inside one
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize") == "21.3333px"  # 16pt
    head_display = page.evaluate("getComputedStyle(document.querySelector('.hb-checklist-table thead')).display")
    assert head_display == "table-header-group"  # repeated on every page


def test_checklist_pages_match_the_data_and_link_back(site: Path) -> None:
    """Built HTML: every action of the data is a checkbox; each page links to its chapter and PDF."""
    everything = (site / "checklists" / "index.html").read_text(encoding="utf-8")
    for mission in HB.missions:
        html = (site / "checklists" / mission.id / "index.html").read_text(encoding="utf-8")
        keys = [action_key(i.id, a.do) for i in HB.indicators_of(mission.id) for a in i.actions]
        found = re.findall(r'data-field="done" data-action="([^"]+)"|data-action="([^"]+)" data-field="done"', html)
        assert [a or b for a, b in found] == keys
        assert all(f'data-action="{k}"' in everything for k in keys)
        assert f'href="../../missions/{mission.id}/"' in html
        assert f'href="../../pdf/checklist-{mission.id}.pdf"' in html
        assert 'href="../../pdf/handbook.pdf"' in html
        chapter = (site / "missions" / mission.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../checklists/{mission.id}/"' in chapter
    assert 'href="../pdf/checklist-all.pdf"' in everything
