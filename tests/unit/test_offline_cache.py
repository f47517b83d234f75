"""The offline worker's list of files (hpo_handbook/offline_cache.py), on a small site folder made here."""

from __future__ import annotations

import json
from pathlib import Path

from hpo_handbook.offline_cache import (
    AppFacts,
    manifest,
    precache_entries,
    read_precache,
    theme_color,
    write_offline_app,
)

FACTS = AppFacts(site_url="https://example.org/a/", office_name="สพป.ก", office_short_name="สพป.ก เขต 1",
                 site_name="คู่มือ")


def _site(root: Path) -> Path:
    files = {
        "index.html": "<h1>home</h1>", "missions/leadership/index.html": "<h1>one</h1>", "404.html": "x",
        "assets/css/handbook.css": "a{}", "assets/fonts/sarabun.woff2": "font", "assets/images/logo.svg": "<svg/>",
        "assets/javascripts/bundle.min.js": "js", "assets/javascripts/bundle.min.js.map": "map",
        "assets/javascripts/lunr/min/lunr.th.min.js": "th", "assets/javascripts/vendor/iframe-worker-shim.js": "w",
        "search/search_index.json": "{}", "sitemap.xml": "<urlset/>", "sitemap.xml.gz": "gz",
        "pdf/checklist-all.pdf": "pdf", "download/handbook-offline.zip": "zip", "calendar/index.html": "cal",
        "calendar/office-2570.ics": "ics",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _listed(site: Path) -> dict[str, str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return dict(json.loads(text.split("const FILES = ", 1)[1].split(";", 1)[0]))


def test_pages_assets_and_the_search_index_but_no_downloads_or_maps(tmp_path: Path) -> None:
    site = _site(tmp_path)
    paths = {e.path for e in precache_entries(site, FACTS)}
    assert paths == {"./", "missions/leadership/", "404.html", "calendar/", "sitemap.xml", "assets/css/handbook.css",
                     "assets/fonts/sarabun.woff2", "assets/images/logo.svg", "assets/javascripts/bundle.min.js",
                     "search/search_index.json"}  # search works offline before any online search
    thai = AppFacts(**{**FACTS.__dict__, "search_langs": ("th",)})
    assert "assets/javascripts/lunr/min/lunr.th.min.js" in {e.path for e in precache_entries(site, thai)}


def test_a_new_build_changes_the_hash_of_what_changed_only(tmp_path: Path) -> None:
    site = _site(tmp_path)
    write_offline_app(site, FACTS)
    before, worker = _listed(site), (site / "sw.js").read_text(encoding="utf-8")
    (site / "missions/leadership/index.html").write_text("<h1>two</h1>", encoding="utf-8")
    summary = write_offline_app(site, FACTS)
    after = _listed(site)
    assert [p for p in after if after[p] != before[p]] == ["missions/leadership/"]
    assert (site / "sw.js").read_text(encoding="utf-8") != worker  # so the browser installs the new edition
    assert read_precache(site) == summary and summary.files == len(after) and "manifest.webmanifest" in after


def test_caches_are_named_after_the_handbook(tmp_path: Path) -> None:
    a, b = _site(tmp_path / "a"), _site(tmp_path / "b")
    write_offline_app(a, FACTS)
    write_offline_app(b, AppFacts(**{**FACTS.__dict__, "site_url": "https://example.org/b/"}))
    scopes = [next(line for line in (s / "sw.js").read_text(encoding="utf-8").splitlines()
                   if line.startswith("const SCOPE")) for s in (a, b)]
    assert scopes[0] != scopes[1] and all('"hpo-handbook@' in s for s in scopes)


def test_manifest_is_the_offices_thai_app() -> None:
    m = manifest(AppFacts(**{**FACTS.__dict__, "theme_color": theme_color([{"media": "x"}, {"primary": "teal"}])}))
    assert m["short_name"] == "สพป.ก เขต 1" and "คู่มือ" in str(m["name"]) and m["lang"] == "th"
    assert m["theme_color"] == "#009485" and m["start_url"] == m["scope"] == "./"
    assert m["icons"] == [{"src": "assets/images/logo.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
