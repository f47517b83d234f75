"""Every file of this repository that a tracked text names exists: README, CONTRIBUTING, data/README.md, the pages,
templates, comments, docstrings, requirements files and mkdocs.yml. A renamed or deleted file leaves no reader
looking for it (the README once named macros/loader.py and hooks/thai_search.py after both had moved).

A name counts as found when a tracked file's path ends with it. Names of files that the build or a tool writes, and of
other projects' files, are listed below with the reason; tests/ is left out (its fixtures name files they create).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import ROOT

TOKEN = re.compile(r"(?<![\w./:@-])((?:\.{1,2}/)*(?:[\w.-]+/)*[\w][\w-]*\.(?:py|js|css|html|yml|yaml|md|toml|sh|txt))"
                   r"(?![\w/-])")
SUFFIXES = {".py", ".md", ".html", ".js", ".css", ".yml", ".yaml", ".txt", ".toml", ".sh", ""}
#: Written by the build or a tool, never tracked: pages, the search index, the offline worker, the bench's files.
GENERATED = re.compile(r"(^|/)(index|404)\.html$|(^|/)sw\.js$|search(_index)?\.js(on)?$|^(site|build)/|"
                       r"^handbook-offline/|\.json$|^mkdocs-reference\.yml$|(^|/)hb-[\w-]+\.js$|"
                       r"^(checklists|missions|calendar|assessment|reference)/[\w/-]+\.html$")  # a built page
#: Other projects' files the text explains (the theme's template, lunr's Thai support, Pagefind, Zensical's entry).
EXTERNAL = {"base.html", "wordcut.js", "tinyseg.js", "pagefind.js", "main.py"}
#: Examples of the URL rule in links.py's docstrings, not files.
EXAMPLES = {"a/b.md", "a/b.html", "links.md", "x.md"}


def tracked() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()


def missing_paths(files: list[str], texts: dict[str, str]) -> list[str]:
    found = []
    for name, text in texts.items():
        for n, line in enumerate(text.splitlines(), 1):
            for m in TOKEN.finditer(line):
                token = re.sub(r"^(\.{1,2}/)+", "", m.group(1))
                if re.search(r"https?://\S*$", line[:m.start()]) or token.startswith("Node."):
                    continue
                if GENERATED.search(token) or token.split("/")[-1] in EXTERNAL | EXAMPLES or token in EXAMPLES:
                    continue
                if not any(f == token or f.endswith("/" + token) for f in files):
                    found.append(f"{name}:{n}: {m.group(1)}")
    return found


def test_every_path_named_in_a_tracked_text_exists() -> None:
    files = tracked()
    texts = {f: (ROOT / f).read_text(encoding="utf-8", errors="replace") for f in files
             if not f.startswith(("tests/", "docs/assets/javascripts/vendor/")) and (ROOT / f).suffix in SUFFIXES
             and (ROOT / f).is_file()}
    assert not missing_paths(files, texts), "\n".join(missing_paths(files, texts))


@pytest.mark.parametrize("text", ["the loader (`macros/loader.py`)", "see group-plan.js", "hooks/thai_search.py"])
def test_the_check_finds_a_file_that_is_gone(text: str) -> None:
    assert missing_paths(tracked(), {"README.md": text})
