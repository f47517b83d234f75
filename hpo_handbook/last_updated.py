"""When each page last changed, from git history: the "last updated" line under every page.

One ``git log`` of the whole history answers for every page at once (a per-page ``git log`` was a tenth of the
build's time). It gives what ``git log -1 --follow --diff-filter=r -- <page>`` gives for each page, the question
mkdocs-git-revision-date-localized-plugin asked page by page before this module replaced it: the author date of the
last commit that changed the file, followed back across renames, a commit that only renamed it not counted.
A page git does not know (not committed yet, made at build time, or a copy without ``.git``) gets the build's date.
Dates are Bangkok's. Used by the MkDocs plugin (``integrations/mkdocs_plugin.py``, read by
``overrides/partials/source-file.html``) and by the Zensical build (``integrations/zensical_build.py``).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

BANGKOK = dt.timezone(dt.timedelta(hours=7))  # Asia/Bangkok: +07:00 all year, no daylight saving
_COMMIT = "\x01"  # marks a commit's line (its author time) among the name-status lines of ``git log``


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except OSError:  # no git on this machine
        return None
    return proc.stdout if proc.returncode == 0 else None


def commit_times(root: Path, files: Iterable[Path]) -> dict[Path, int]:
    """The author time (Unix seconds) of the last commit that changed each of ``files``; files git does not know
    are left out."""
    top = _git(root, "rev-parse", "--show-toplevel")
    log = _git(root, "log", f"--format={_COMMIT}%at", "--name-status", "-M", "--no-show-signature") if top else None
    if not top or log is None:
        return {}
    base = Path(top.strip()).resolve()
    wanted: dict[str, Path] = {}  # a path in history (from the top of the repository) -> the file it is now
    for f in files:
        real = Path(f).resolve()
        if real.is_relative_to(base):
            wanted[real.relative_to(base).as_posix()] = Path(f)
    found: dict[Path, int] = {}
    when = 0
    for line in log.splitlines():  # newest commit first
        if not wanted:
            break
        if line.startswith(_COMMIT):
            when = int(line[1:])
        elif line:
            status, *paths = line.split("\t")
            if status.startswith("R"):  # a rename: follow the file to its older name; the rename itself is no change
                if paths[1] in wanted:
                    wanted[paths[0]] = wanted.pop(paths[1])
            elif paths and paths[-1] in wanted:
                found[wanted.pop(paths[-1])] = when
    return found


def last_updated(root: Path, files: Iterable[Path], today: dt.date | None = None) -> dict[Path, dt.date]:
    """Each file's last change as a Bangkok date; the build's date (``today``) for a file git does not know."""
    files = list(files)
    times = commit_times(root, files)
    today = today or dt.datetime.now(BANGKOK).date()
    return {f: dt.datetime.fromtimestamp(times[f], BANGKOK).date() if f in times else today for f in files}
