"""Make a throw-away copy of the project to build variants (another office, broken data, a bad page)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LINKED = ("hpo_handbook", "overrides", "node_modules")  # code: linked, never changed by a test
COPIED = ("docs", "data", "mkdocs.yml", "CONTRIBUTING.md")  # content: copied so a test may change it


def clone_project(dest: Path) -> Path:
    """Copy content and link code into ``dest``; return the path of its mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        if (ROOT / name).exists():
            os.symlink(ROOT / name, dest / name)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest / "mkdocs.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def office_block(config: Path = ROOT / "mkdocs.yml") -> dict[str, str]:
    """The ``extra.office`` block of a mkdocs.yml, read as text (the file has !ENV and python tags)."""
    block = re.search(r"^  office:\n((?:    .*\n)+)", config.read_text(encoding="utf-8"), re.M)
    assert block, f"extra.office block not found in {config}"
    return yaml.safe_load(re.sub(r"^    ", "", block.group(1), flags=re.M))
