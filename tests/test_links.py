"""Every internal link and anchor in the built handbook resolves.

The checker is mkdocs-htmlproofer-plugin (pinned in requirements.txt), maintained and already part of the
MkDocs toolchain, so it sees the site exactly as MkDocs builds it: it reads each rendered page, theme
included (`validate_rendered_template`), and checks every <a href> and <img src> against the built files
and the ids each page really renders (`strict_anchors`). It is configured in mkdocs.yml and turned on by
CHECK_LINKS=true, so `mkdocs serve` stays quick; the session's one build (tests/conftest.py) turns it on, so this
test reads that build's verdict and costs no build of its own (`make check` runs it too). External links are
checked separately and never block (`make linkcheck-external`, .github/workflows/links.yml).
"""

from __future__ import annotations

from tests.conftest import SiteBuild


def test_every_internal_link_and_anchor_resolves(site_build: SiteBuild) -> None:
    """Read from the session's strict build, which runs the checker (tests/conftest.py): a broken link fails it."""
    assert site_build.env.get("CHECK_LINKS") == "true" and site_build.env.get("CHECK_EXTERNAL_LINKS") == "false"
    broken = [line.strip() for line in site_build.log.splitlines() if "htmlproofer" in line]
    assert not broken, "broken internal links:\n" + "\n".join(broken)
    assert (site_build.path / "index.html").exists()
