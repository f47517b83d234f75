""""Last updated" from one git log: the same dates as asking git page by page (``git log -1 --follow
--diff-filter=r``, what mkdocs-git-revision-date-localized-plugin asked before), renames followed, a rename alone
not counted, the build's date for a file git does not know."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hpo_handbook.last_updated import BANGKOK, commit_times, last_updated

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _per_file(root: Path, path: Path) -> int | None:
    out = subprocess.run(["git", "log", "-1", "--follow", "--diff-filter=r", "--format=%at", "--", str(path)],
                         cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    return int(out) if out else None


def _commit(repo: Path, when: int, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{when} +0000", "GIT_COMMITTER_DATE": f"{when + 5} +0000",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


def test_renames_followed_and_a_rename_alone_not_counted(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    docs = repo / "docs"
    docs.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    text = "".join(f"บรรทัดที่ {n} ของหน้านี้\n" for n in range(40))
    (docs / "a.md").write_text(text, encoding="utf-8")
    (docs / "b.md").write_text(text.replace("หน้านี้", "อีกหน้า"), encoding="utf-8")
    (docs / "ไทย.md").write_text("ชื่อไฟล์ภาษาไทย\n", encoding="utf-8")
    _commit(repo, 1_700_000_000, "one")
    (docs / "a.md").write_text(text + "เพิ่ม\n", encoding="utf-8")
    _commit(repo, 1_700_100_000, "two")
    (docs / "b.md").rename(docs / "c.md")
    _commit(repo, 1_700_200_000, "rename only")
    (docs / "a.md").rename(docs / "d.md")
    (docs / "d.md").write_text(text + "เพิ่ม\nอีก\n", encoding="utf-8")
    _commit(repo, 1_700_300_000, "rename and edit")
    (docs / "new.md").write_text("ยังไม่ commit\n", encoding="utf-8")

    pages = sorted(docs.glob("*.md"))
    times = commit_times(docs, pages)  # from a folder inside the repository, as mkdocs.yml's folder may be
    assert times == {p: t for p in pages if (t := _per_file(repo, p)) is not None}
    assert times[docs / "c.md"] == 1_700_000_000 and times[docs / "d.md"] == 1_700_100_000
    assert docs / "new.md" not in times
    today = dt.date(2027, 1, 1)
    dates = last_updated(repo, pages, today)
    assert dates[docs / "new.md"] == today
    assert dates[docs / "ไทย.md"] == dt.datetime.fromtimestamp(1_700_000_000, BANGKOK).date()


def test_no_git_repository_gives_the_build_date(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text("# หน้า\n", encoding="utf-8")
    assert last_updated(tmp_path, [page], dt.date(2027, 1, 1)) == {page: dt.date(2027, 1, 1)}


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the handbook's git history")
def test_the_handbooks_pages_as_git_dates_them_one_by_one() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    times = commit_times(ROOT, pages)
    assert times == {p: t for p in pages if (t := _per_file(ROOT, p)) is not None}
