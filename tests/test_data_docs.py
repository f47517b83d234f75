"""data/README.md documents exactly the keys of the data model, and whether each one is required.

The README is what a contributor reads before editing YAML; if it drifts from ``hpo_handbook/model.py`` they
are told to write keys the loader rejects. Each model has a ``### `Model` ...`` heading followed by a
table whose first column is the key and whose third column says whether it is required.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from hpo_handbook import model

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "data" / "README.md"
REQUIRED = {"ใช่": True, "ไม่": False}

HEADING = re.compile(r"^###\s+`(\w+)`", re.M)
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|[^|]*\|\s*([^|]+?)\s*\|", re.M)


def documented(text: str) -> dict[str, dict[str, str]]:
    """``{model name: {key: required cell}}`` from the README's per-model sections."""
    sections: dict[str, dict[str, str]] = {}
    heads = list(HEADING.finditer(text))
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        body = text[head.end():end]
        body = body.split("\n## ", 1)[0]  # stop at the next level-2 section
        sections[head.group(1)] = {m.group(1): m.group(2) for m in ROW.finditer(body)}
    return sections


def data_models() -> dict[str, type[BaseModel]]:
    """Every model a YAML file is validated against: the subclasses of ``Strict``."""
    return {
        name: cls for name, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, model.Strict) and cls is not model.Strict
    }


def problems(text: str) -> list[str]:
    docs = documented(text)
    found: list[str] = []
    models = data_models()
    for name, cls in models.items():
        if name not in docs:
            found.append(f"data/README.md has no section '### `{name}`'")
            continue
        keys = docs[name]
        for key, info in cls.model_fields.items():
            if key not in keys:
                found.append(f"{name}.{key} is not documented")
            elif REQUIRED.get(keys[key]) is None:
                found.append(f"{name}.{key}: required cell must be ใช่ or ไม่, not {keys[key]!r}")
            elif REQUIRED[keys[key]] != info.is_required():
                found.append(f"{name}.{key}: README says required={keys[key]}, model says {info.is_required()}")
        found += [f"{name}.{key} is documented but not in the model" for key in keys if key not in cls.model_fields]
    found += [f"section `{name}` documents a model that does not exist" for name in docs if name not in models]
    return found


def test_readme_documents_every_key_and_no_other() -> None:
    assert problems(README.read_text(encoding="utf-8")) == []


def test_readme_covers_every_data_file() -> None:
    text = README.read_text(encoding="utf-8")
    for f in ("missions.yml", "groups.yml", "references.yml", "glossary.yml", "indicators/"):
        assert f"`{f}" in text, f"data/README.md does not mention {f}"
    for level, name in model.LEVEL_NAMES.items():
        assert re.search(rf"^\| {level} \| {name} \|", text, re.M), f"level {level} ({name}) not explained"


@pytest.mark.parametrize("edit, expected", [
    # A key removed from the README, a key the model doesn't have, a wrong required flag.
    (lambda t: t.replace("| `title_en` |", "| `titel_en` |"), "Mission.title_en is not documented"),
    (lambda t: t.replace("| `titel_en` |", "| `title_en` |"), None),
    (lambda t: t.replace("| `verify` | `true` หรือ `false` | ไม่ |", "| `verify` | `true` หรือ `false` | ใช่ |"),
     "Reference.verify: README says required=ใช่, model says False"),
    (lambda t: t.replace("### `Term`", "### `Terms`"), "no section '### `Term`'"),
])
def test_the_check_can_fail(edit: object, expected: str | None) -> None:
    text = edit(README.read_text(encoding="utf-8"))  # type: ignore[operator]
    found = problems(text)
    if expected is None:
        assert found == []
    else:
        assert any(expected in p for p in found), found
