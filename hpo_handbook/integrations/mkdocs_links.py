"""The link check (mkdocs-htmlproofer-plugin), loaded only when it is on: ``plugins: - handbook-links:`` in mkdocs.yml.

htmlproofer is off by default (``enabled: !ENV [CHECK_LINKS, false]``), yet MkDocs imports every listed plugin, and
htmlproofer's imports (BeautifulSoup, soupsieve, requests) were a twentieth of every build's time. This plugin takes
htmlproofer's options as they are, and only when ``enabled`` is true does it import htmlproofer, let it validate
them and hand it the three events it uses; off, it does nothing. The check itself is htmlproofer's, unchanged.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


class LinkCheckPlugin(BasePlugin):
    def __init__(self) -> None:
        self.checker: BasePlugin | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[
            ConfigErrors, ConfigWarnings]:
        if not options.get("enabled", True):
            return super().load_config({}, config_file_path)  # off: the options are htmlproofer's, unread
        from htmlproofer.plugin import HtmlProoferPlugin  # here, not above: imported only when the check is on

        self.checker = HtmlProoferPlugin()
        return self.checker.load_config(options, config_file_path)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        if self.checker is not None:
            self.checker.on_files(files, config)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        if self.checker is not None:
            self.checker.on_post_page(output, page, config)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.checker is not None:
            self.checker.on_post_build(config)
