"""The same sources built with Zensical (``make build-zensical``) give readers the same handbook as MkDocs.

Compared with :mod:`hpo_handbook.tools.compare_builds` with both sites served under ``/handbook/`` (a relative link
that climbs too far is invisible at a domain root): the article text, the heading ids, every internal link and
anchor, and the search index with its Thai word boundaries. Then three Thai words from the middle of sentences
are searched through Zensical's own search box in headless Chromium. Full browser parity (search UI, offline
edition, link check) is not asked of a 0.0.x release: README.md says what differs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hpo_handbook.tools.compare_builds import compare
from hpo_handbook.tools.localsite import served

from .conftest import ROOT, SiteBuild

pytestmark = pytest.mark.slow

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
SUB_PATH = "/handbook/"
# Words that stand inside Thai sentences (no space before them): found only with word boundaries on both sides.
QUERIES = ["บุคลากร", "ตัวชี้วัด", "แผนปฏิบัติราชการ"]
RECORD_RESULTS = """
(() => {
  const Native = window.Worker; window.__zensicalResults = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 3) window.__zensicalResults.push(ev.data.data.items.map(i => i.id));
      });
    }
  };
})();
"""


@pytest.fixture(scope="module")
def zensical_site(site_build: SiteBuild) -> Iterator[Path]:
    """``make build-zensical`` into a folder of the project (Zensical builds only inside it), removed after."""
    out = ROOT / ".cache" / "test-zensical-site"
    env = {**os.environ, **site_build.config_env()}  # as the MkDocs site it is compared with
    proc = subprocess.run(["make", "--no-print-directory", "build-zensical", f"SITE_ZENSICAL={out.relative_to(ROOT)}"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        if not ZENSICAL.exists():
            pytest.skip("the Zensical wheel could not be installed into .venv-zensical (make build-zensical):\n"
                        + proc.stderr[-2000:])
        raise AssertionError(f"make build-zensical failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


def test_readers_get_the_same_handbook(site: Path, zensical_site: Path) -> None:
    diffs = compare(site, zensical_site, root=SUB_PATH)
    assert not diffs, "\n".join(diffs)


def test_post_build_step_wrote_calendars_and_dates(site: Path, zensical_site: Path) -> None:
    ics = sorted(p.relative_to(site).as_posix() for p in (site / "calendar").glob("*.ics"))
    assert ics and ics == sorted(p.relative_to(zensical_site).as_posix()
                                 for p in (zensical_site / "calendar").glob("*.ics"))
    assert (site / ics[0]).read_bytes() == (zensical_site / ics[0]).read_bytes()
    page = (zensical_site / "missions" / "leadership" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="md-source-file hb-updated".*ปรับปรุงล่าสุด <time datetime="\d{4}-\d\d-\d\d">', page)
    index = (zensical_site / "search.json").read_text(encoding="utf-8")
    assert "<wbr>" in index and "<wbr/>" not in index  # Zensical's result view fails on a self-closing one


def _items(zensical_site: Path) -> list[str]:
    """Each search document's text as a reader sees it (tags and word boundaries dropped), by document id."""
    data = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    return [re.sub(r"<[^>]+>", "", d["title"] + " " + d["text"]) for d in data["items"]]


@pytest.mark.browser
def test_thai_words_inside_sentences_are_found(browser: Any, zensical_site: Path, tmp_path: Path) -> None:
    (tmp_path / SUB_PATH.strip("/")).symlink_to(zensical_site, target_is_directory=True)
    texts = _items(zensical_site)
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_RESULTS)
    with served(tmp_path) as url:
        page.goto(url + SUB_PATH.lstrip("/") + "missions/leadership/")
        page.click(".md-search__button")
        for query in QUERIES:
            page.keyboard.press("Control+A")
            page.keyboard.type(query)
            deadline = time.monotonic() + 15
            ids: list[int] = []
            while time.monotonic() < deadline and not ids:
                page.wait_for_timeout(200)
                answers = page.evaluate("window.__zensicalResults")
                ids = answers[-1] if answers else []
            inside = [i for i in ids if re.search(f"[\u0e00-\u0e7f]{query}", texts[i])]
            assert inside, f"{query}: no result with the word inside a sentence ({len(ids)} results)"
            assert page.get_by_text(re.compile(r"\d+ results")).first.is_visible()  # the theme showed them
    context.close()
