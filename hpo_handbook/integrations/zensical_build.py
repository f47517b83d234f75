"""Build the handbook with Zensical, then run the post-build step it has no hook for (``make build-zensical``).

    .venv-zensical/bin/python -m hpo_handbook.integrations.zensical_build [--config zensical.yml]

``zensical.yml`` inherits ``mkdocs.yml`` and swaps the MkDocs macros adapter for ``zensical_macros.py``. Before
the build, mkdocs.yml's ``!relative`` tag (MkDocs' own, unknown to Zensical's YAML loader) is taught to the loader.
After it, :func:`post_build.finish_site` writes the ``.ics`` files, the Thai word boundaries of ``search.json``
(an open ``<wbr>``: Zensical's result view fails on ``<wbr/>``), the "last updated" line from git history
(:mod:`last_updated`, as the MkDocs plugin does it) and, with ``extra.offline_app``, the offline worker.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml
import zensical
from zensical.config import get_config

from hpo_handbook.calendar_pages import group_pages
from hpo_handbook.context import configured_fiscal_year
from hpo_handbook.errors import DataErrors
from hpo_handbook.last_updated import last_updated
from hpo_handbook.loader import load
from hpo_handbook.offline_cache import AppFacts, theme_color
from hpo_handbook.post_build import ZENSICAL_SEARCH, SiteFacts, finish_site

SEARCH = ZENSICAL_SEARCH
ICON = ".icons/material/clock-edit-outline.svg"


def _relative_tag(root: Path) -> Any:
    """MkDocs' ``!relative $config_dir/...``: a path from the folder of mkdocs.yml."""

    def construct(loader: yaml.Loader, node: yaml.Node) -> str:
        value = str(loader.construct_scalar(node))  # type: ignore[arg-type]
        if not value.startswith("$config_dir"):
            raise yaml.constructor.ConstructorError(None, None, f"!relative {value}: only $config_dir is known",
                                                    node.start_mark)
        return str(root) + value.removeprefix("$config_dir")

    return construct


def last_changed(root: Path, docs_dir: Path) -> dict[str, dt.date]:
    """Each page's last change (Bangkok), or today's for a page git does not know: the same dates as the MkDocs
    build's (:mod:`last_updated`, one ``git log`` for all pages)."""
    pages = sorted(docs_dir.rglob("*.md"))
    return {md.relative_to(docs_dir).as_posix(): day for md, day in last_updated(root, pages).items()}


def _icon() -> str:
    path = Path(zensical.__file__).parent / "templates" / ICON
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("zensical.yml"))
    args = parser.parse_args(argv)
    config_file = args.config.resolve()
    root = config_file.parent
    yaml.Loader.add_constructor("!relative", _relative_tag(root))
    # Zensical reads pages from docs/ only: write each group's page there for the build (the MkDocs plugin adds them
    # in memory), and remove them after it, whatever happens (.gitignore lists the folder).
    try:
        generated = group_pages(load(root / "data", root=root))
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    written = []
    for uri, markdown in generated.items():
        path = root / "docs" / uri
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            written.append(path)
    try:
        zensical.build(str(config_file), {"clean": True, "strict": True})
    finally:
        for path in written:
            path.unlink(missing_ok=True)
    config = get_config()
    extra = config.get("extra") or {}
    facts = SiteFacts(
        site_url=config.get("site_url") or "",
        office_name=(extra.get("office") or {}).get("name") or config["site_name"],
        fiscal_year=configured_fiscal_year(extra.get("fiscal_year")),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        updated=last_changed(root, root / config["docs_dir"]),
    )
    site_dir = root / config["site_dir"]  # relative to the project folder; an absolute one stays as it is
    office = extra.get("office") or {}
    theme = config.get("theme") or {}
    app = AppFacts(site_url=facts.site_url, office_name=facts.office_name,
                   office_short_name=str(office.get("short_name") or ""), site_name=config["site_name"],
                   logo=str(office.get("logo") or "assets/images/logo.svg"),
                   theme_color=theme_color(theme.get("palette") if isinstance(theme, dict) else None),
                   description=config.get("site_description") or "", search_index=SEARCH.path,
                   ) if extra.get("offline_app") else None
    try:
        done = finish_site(site_dir, root, facts, SEARCH, _icon(), app)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"post-build ({site_dir}): " + ", ".join(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
