"""Reading mkdocs.yml for the project's tools (PDF export, search evaluation): MkDocs' own loader, which knows its
``!ENV`` and ``!relative`` tags, kept here so that the tools and the core import no site builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def site_config(config_file: Path) -> dict[str, Any]:
    """The settings the tools need, from a full MkDocs configuration load."""
    from mkdocs.config import load_config

    cfg = load_config(str(config_file))
    return {
        "site_name": cfg.site_name,
        "site_description": cfg.site_description or "",
        "site_url": cfg.site_url or "",
        "office": dict(cfg.extra.get("office", {})),
        "fiscal_year": cfg.extra.get("fiscal_year"),
        "use_directory_urls": cfg.use_directory_urls,
    }


def raw_yaml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written, for deriving a variant configuration: ``!ENV`` resolved by MkDocs' YAML loader, and
    ``!relative`` (which that plain loader does not know; a Markdown extension's option uses it) kept as its text."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader()
    loader.add_constructor("!relative", lambda load, node: load.construct_scalar(node))
    with open(config_file, encoding="utf-8") as f:
        return yaml_load(f, loader)
