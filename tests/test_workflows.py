"""The GitHub workflows keep their safety rules: pinned actions, least privilege, time limits, no stored token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parent.parent / ".github" / "workflows").glob("*.yml"))


def steps(doc: dict) -> list[dict]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_locked_down(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert doc["permissions"] == {"contents": "read"}, "top-level permissions must be read-only"
    assert "concurrency" in doc
    for name, job in doc["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{name}: no timeout-minutes"
    for line in re.findall(r"uses: (\S+.*)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+", line), f"not pinned: {line}"
    for step in steps(doc):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert step["with"]["fetch-depth"] == 0  # git history for the last-updated dates


def test_ci_runs_make_test_and_deploys_only_from_main() -> None:
    doc = yaml.safe_load((WORKFLOWS[0].parent / "ci.yml").read_text(encoding="utf-8"))
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "push" in triggers
    runs = [s.get("run", "") for s in steps(doc)]
    assert "make test" in runs
    assert doc["jobs"]["deploy"]["needs"] == "test"
    assert "refs/heads/main" in doc["jobs"]["deploy"]["if"]
    assert doc["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_external_links_do_not_block() -> None:
    doc = yaml.safe_load((WORKFLOWS[0].parent / "links.yml").read_text(encoding="utf-8"))
    job = doc["jobs"]["external-links"]
    assert job["continue-on-error"] is True
    assert any("make linkcheck-external" in s.get("run", "") for s in job["steps"])
