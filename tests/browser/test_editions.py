"""Work saved with an earlier edition survives the second: ticks of unchanged, reworded and moved actions,
ratings of merged indicators, and links to a merged indicator's anchor. Saved work belongs to one handbook: two
handbooks (different site_url) on one origin keep their own, old unscoped keys are copied into each (never moved),
and an offline edition unzipped in two folders is one handbook."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from hpo_handbook.loader import Handbook, load
from hpo_handbook.model import anchor
from hpo_handbook.render import CHECKLIST_STORAGE_KEY, action_key
from hpo_handbook.storage import ASSESSMENT_NAME, legacy_key, scope
from hpo_handbook.tools.build_offline import FOLDER
from hpo_handbook.tools.localsite import served

from ..conftest import ROOT, SiteBuild, mkdocs_build
from ..project import clone_project, office_block

pytestmark = pytest.mark.browser
FIRST_EDITION = ROOT / "tests" / "fixtures" / "first-edition" / "indicators"


@pytest.fixture(scope="module")
def hb() -> Handbook:
    return load(ROOT / "data", root=ROOT)


def _first_edition_keys() -> dict[str, str]:
    """Checklist key -> mission, for every action of the first edition (its actions were plain strings)."""
    keys = {}
    for f in FIRST_EDITION.glob("*.yml"):
        for i in yaml.safe_load(f.read_text(encoding="utf-8")):
            for a in i["actions"]:
                keys[action_key(i["id"], a)] = f.stem
    return keys


def _seed(page: Any, base_url: str, items: dict[str, str]) -> None:
    """Write localStorage of the site's origin before any of its scripts runs."""
    page.goto(base_url + "404.html")
    page.evaluate("(items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)


def test_a_tick_saved_by_the_first_edition_is_still_ticked(page: Any, base_url: str, hb: Handbook) -> None:
    old = _first_edition_keys()
    kept = [(hb.indicator_mission[i.id], action_key(i.id, a.do)) for i in hb.indicators.values() for a in i.actions
            if action_key(i.id, a.do) in old]
    assert kept, "no action kept its text: every first-edition tick would be lost"
    mission, key = kept[0]
    _seed(page, base_url, {CHECKLIST_STORAGE_KEY.format(id=mission): json.dumps({"done": {key: True}, "fields": {}})})
    page.goto(f"{base_url}checklists/{mission}/")
    assert page.locator(f'input[type=checkbox][data-action="{key}"]').is_checked()


def test_ticks_of_reworded_and_moved_actions_follow_them(page: Any, base_url: str, site: Path) -> None:
    moved = []
    for checklist in sorted((site / "checklists").glob("*/index.html")):
        soup = BeautifulSoup(checklist.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("input[data-was]"):
            store, old_key = json.loads(box["data-was"])[0]
            moved.append((checklist.parent.name, box["data-action"], store, old_key))
    assert moved, "no action names an earlier key (was: or replaces:)"
    mission, key, store, old_key = moved[0]
    saved = {"done": {old_key: True}, "fields": {old_key: {"note": "บันทึกจากฉบับก่อน"}}}
    _seed(page, base_url, {store: json.dumps(saved)})
    page.goto(f"{base_url}checklists/{mission}/")
    box = page.locator(f'input[type=checkbox][data-action="{key}"]')
    assert box.is_checked()
    assert page.locator(f'input[data-action="{key}"][data-field="note"]').input_value() == "บันทึกจากฉบับก่อน"
    # Copied, never moved: the earlier entry is still there for an older copy of the handbook.
    assert old_key in json.loads(page.evaluate("(k) => localStorage.getItem(k)", store))["done"]


def _state(ratings: dict[str, int]) -> dict[str, Any]:
    return {"format": "hpo-handbook-assessment", "version": 1, "current": "r1", "rounds": [
        {"id": "r1", "name": "รอบฉบับแรก", "created": "2026-10-01T00:00:00Z", "updated": "2026-10-01T00:00:00Z",
         "target": 3, "ratings": {i: {"level": v, "notes": "หลักฐานเดิม"} for i, v in ratings.items()}}]}


def _get(page: Any, key: str) -> Any:
    raw = page.evaluate("(k) => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def test_a_rating_of_a_merged_indicator_moves_to_its_successor(page: Any, base_url: str, hb: Handbook) -> None:
    old, new = next(iter(hb.replaced.items()))
    old_key = legacy_key(ASSESSMENT_NAME)
    _seed(page, base_url, {old_key: json.dumps(_state({old: 4}))})
    page.goto(f"{base_url}assessment/")
    assert page.locator(f'input[name="hb-as-{anchor(new)}"][value="4"]').is_checked()
    scoped = page.locator("[data-hb-assessment]").get_attribute("data-storage-key")
    saved = _get(page, scoped)
    assert saved["rounds"][0]["ratings"][new]["level"] == 4
    assert saved["rounds"][0]["ratings"][old]["level"] == 4  # the old entry stays
    assert _get(page, old_key) == _state({old: 4})  # copied from the old key, which is left as it was


def test_a_plan_of_a_merged_indicator_follows_it_and_a_current_release_file_imports(page: Any, base_url: str,
                                                                                     hb: Handbook) -> None:
    """A file of this release's predecessor (version 2, no plans) still imports; a plan saved under an indicator
    that a later edition merged appears under its successor, and the old entry stays."""
    old, new = next(iter(hb.replaced.items()))
    v2 = _state({old: 2})
    v2["version"] = 2
    page.goto(f"{base_url}assessment/plan/")
    page.wait_for_selector("[data-hb-assessment][data-hb-ready] [data-hb=toolbar]:not([hidden])")
    page.locator("[data-hb=import-file]").set_input_files(
        {"name": "v2.json", "mimeType": "application/json", "buffer": json.dumps(v2).encode()})
    page.locator("[data-hb=status]:has-text('นำเข้า')").wait_for()
    scoped = page.locator("[data-hb-assessment]").get_attribute("data-storage-key")
    saved = _get(page, scoped)
    assert saved["version"] == 3 and saved["rounds"][-1]["ratings"][new]["level"] == 2
    assert saved["rounds"][-1]["plans"] == {}

    v3 = _state({old: 2})
    v3["version"] = 3
    v3["rounds"][0].update(id="r3", name="รอบที่มีแผน", plans={old: {
        "target": 3, "owner": "", "month": 12,
        "actions": [{"id": "t-old123", "text": "งานตามแผนเดิม", "status": "doing"}],
        "evidence": [{"title": "หลักฐานเดิม", "url": "https://example.org/old", "date": "", "checked_by": ""}]}})
    v3["current"] = "r3"
    page.locator("[data-hb=import-file]").set_input_files(
        {"name": "v3.json", "mimeType": "application/json", "buffer": json.dumps(v3).encode()})
    page.locator("[data-hb=status]:has-text('v3.json')").wait_for()
    item = page.locator(f"#plan-{anchor(new)}")
    assert "งานตามแผนเดิม" in item.inner_text() and "หลักฐานเดิม" in item.inner_text()
    plans = next(r for r in _get(page, scoped)["rounds"] if r["id"] == "r3")["plans"]
    assert set(plans) == {old, new} and plans[new]["actions"][0]["status"] == "doing"


def test_a_link_to_a_merged_indicator_lands_on_its_successor(page: Any, base_url: str, hb: Handbook) -> None:
    for old, new in hb.replaced.items():
        prefix = old.split("-")[0]
        mission = next(m.id for m in hb.missions if m.prefix == prefix)
        page.goto(f"{base_url}missions/{mission}/#{anchor(old)}")
        page.wait_for_url(f"**/missions/{hb.indicator_mission[new]}/#{anchor(new)}")


# ── Two handbooks on one origin ─────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def two_handbooks(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two offices' handbooks as GitHub Pages serves an organisation's: one host, folders a/ and b/.

    a/ is the session's site; b/ is a copy of the project built with another site_url, like a second office's
    deploy."""
    root = tmp_path_factory.mktemp("two-handbooks")
    (root / "a").symlink_to(site, target_is_directory=True)
    config = clone_project(tmp_path_factory.mktemp("office-b") / "project")
    mkdocs_build(root / "b", config=config, env={"SITE_URL": "https://owner.github.io/office-b/"})
    with served(root) as url:
        yield url


def _checklist_box(page: Any, n: int) -> Any:
    return page.locator(".hb-checklist input[type=checkbox][data-action]").nth(n)


def _open_checklist(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")


def _open_assessment(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-hb-assessment][data-hb-ready] [data-hb=toolbar]:not([hidden])")


def _rate(page: Any, ident: str, level: int) -> None:
    page.locator(f'fieldset[data-indicator="{ident}"] input[type=radio][value="{level}"]').check()


def _level(page: Any, ident: str) -> str | None:
    return page.locator(f'fieldset[data-indicator="{ident}"] input[type=radio]:checked').get_attribute("value")


def test_two_handbooks_on_one_origin_keep_separate_ticks_and_ratings(page: Any, two_handbooks: str, hb: Handbook,
                                                                     site_build: SiteBuild) -> None:
    a, b = two_handbooks + "a/", two_handbooks + "b/"
    mission = hb.missions[0].id
    _open_checklist(page, f"{a}checklists/{mission}/")
    key_a = page.locator(".hb-checklist").get_attribute("data-storage-key")
    _checklist_box(page, 0).check()
    _open_checklist(page, f"{b}checklists/{mission}/")
    assert page.locator(".hb-checklist").get_attribute("data-storage-key") != key_a
    assert not _checklist_box(page, 0).is_checked(), "office B sees office A's tick"
    _checklist_box(page, 1).check()
    _open_checklist(page, f"{a}checklists/{mission}/")
    assert _checklist_box(page, 0).is_checked() and not _checklist_box(page, 1).is_checked()

    ident = next(iter(hb.indicators))
    _open_assessment(page, f"{a}assessment/")
    _rate(page, ident, 4)
    _open_assessment(page, f"{b}assessment/")
    assert _level(page, ident) == "", "office B sees office A's rating"
    _rate(page, ident, 2)
    _open_assessment(page, f"{a}assessment/")
    assert _level(page, ident) == "4"
    # The scope is the handbook's identity, the same one Python computes from site_url and the office's name.
    office = office_block()["name"]
    assert page.locator("[data-hb-assessment]").get_attribute("data-storage-scope") == \
        scope(site_build.env["SITE_URL"], office)


def test_old_keys_are_copied_into_each_handbook_never_moved(page: Any, two_handbooks: str, hb: Handbook) -> None:
    """Both offices used the unscoped keys before: the first handbook opened must not take the other's data."""
    a, b = two_handbooks + "a/", two_handbooks + "b/"
    mission = hb.missions[0].id
    ident = next(iter(hb.indicators))
    first = hb.indicators_of(mission)[0]
    tick = action_key(first.id, first.actions[0].do)
    old_checklist = CHECKLIST_STORAGE_KEY.format(id=mission)
    old_assessment = legacy_key(ASSESSMENT_NAME)
    old_ticks = json.dumps({"done": {tick: True}, "fields": {}})
    old_ratings = json.dumps(_state({ident: 3}))
    _seed(page, a, {old_checklist: old_ticks, old_assessment: old_ratings})
    for site in (a, b):
        _open_checklist(page, f"{site}checklists/{mission}/")
        assert page.locator(f'.hb-checklist input[data-field=done][data-action="{tick}"]').is_checked()
        assert "คัดลอก" in page.locator("[data-checklist-status]").inner_text()
        _open_assessment(page, f"{site}assessment/")
        assert _level(page, ident) == "3"
        page.locator("[data-hb=status]:has-text('คัดลอก')").wait_for()
        # Nothing moved: the old keys are still there for the other handbook (and for an older copy).
        assert page.evaluate("(k) => localStorage.getItem(k)", old_checklist) == old_ticks
        assert page.evaluate("(k) => localStorage.getItem(k)", old_assessment) == old_ratings
        _rate(page, ident, 5 if site == a else 1)
    _open_assessment(page, f"{a}assessment/")
    assert _level(page, ident) == "5"  # B's change stayed in B; the copy is not taken again
    _open_checklist(page, f"{a}checklists/{mission}/")
    page.locator(f'.hb-checklist input[data-field=done][data-action="{tick}"]').uncheck()
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".hb-checklist[data-checklist-ready]")
    assert not page.locator(f'.hb-checklist input[data-field=done][data-action="{tick}"]').is_checked(), \
        "an emptied checklist must not copy the old key back in"


@pytest.fixture(scope="module")
def offline_twice(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The session's offline edition (tests/conftest.py) unzipped in two folders, as a reader does with a newer
    download."""
    work = tmp_path_factory.mktemp("offline-twice")
    roots = []
    for where in ("old-download", "new-download"):
        with zipfile.ZipFile(offline_zip) as zf:
            zf.extractall(work / where)
        roots.append(work / where / FOLDER)
    return roots[0], roots[1]


def test_the_assessment_works_offline_and_an_unzip_elsewhere_finds_the_ratings(
        page: Any, offline_twice: tuple[Path, Path], site: Path, hb: Handbook) -> None:
    first, second = offline_twice
    ids = list(hb.indicators)[:3]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _open_assessment(page, (first / "assessment" / "index.html").as_uri())
    for n, ident in enumerate(ids):
        _rate(page, ident, n + 2)
    page.reload()
    page.wait_for_selector("[data-hb-ready] [data-hb=toolbar]:not([hidden])")
    assert [_level(page, i) for i in ids] == ["2", "3", "4"]
    _open_assessment(page, (second / "assessment" / "report.html").as_uri())
    assert page.locator("[data-hb=overall-rated]").inner_text().startswith("3 จาก")
    assert page.locator("[data-hb=overall-average]").inner_text() == "3.00"
    # The offline edition is the same handbook as the site: same scope, so a reader's work is found in both.
    online = BeautifulSoup((site / "assessment" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.locator("[data-hb-assessment]").get_attribute("data-storage-scope") == \
        online.select_one("[data-hb-assessment]")["data-storage-scope"]
    assert errors == []
    assert not [u for u in page.requests_seen if not u.startswith(("file:", "data:", "blob:", "about:"))]
