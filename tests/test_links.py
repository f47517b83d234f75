"""Every internal link and anchor in the built handbook resolves.

The checker is mkdocs-htmlproofer-plugin (pinned in requirements.txt), maintained and already part of the
MkDocs toolchain, so it sees the site exactly as MkDocs builds it: it reads each rendered page, theme
included (`validate_rendered_template`), and checks every <a href> and <img src> against the built files
and the ids each page really renders (`strict_anchors`). It is configured in mkdocs.yml and turned on by
CHECK_LINKS=true, so `mkdocs serve` stays quick. External links are checked separately and never block
(`make linkcheck-external`, .github/workflows/links.yml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import mkdocs_build


@pytest.mark.slow
def test_every_internal_link_and_anchor_resolves(tmp_path: Path) -> None:
    proc = mkdocs_build(tmp_path / "site", env={"CHECK_LINKS": "true", "CHECK_EXTERNAL_LINKS": "false"},
                        check=False)
    log = proc.stdout + proc.stderr
    broken = [line.strip() for line in log.splitlines() if "htmlproofer" in line]
    assert proc.returncode == 0 and not broken, "broken internal links:\n" + "\n".join(broken or [log[-3000:]])
    assert (tmp_path / "site" / "index.html").exists()
