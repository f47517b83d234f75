"""Data errors that contributors can act on: file, line, key, what is wrong, how to fix it.

Messages are Thai (contributors are education staff) with the English key names as they appear in
the YAML. Under GitHub Actions every error is also printed as a workflow annotation so that it shows
on the changed line of the pull request.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DataError:
    file: str  # path relative to the project root, e.g. "data/indicators/leadership.yml"
    line: int | None  # 1-based; None when the problem is the file as a whole
    key: str  # where in the file, e.g. "LD-01 › levels"; "" for the whole file
    problem: str  # what is wrong (Thai)
    fix: str  # what to do (Thai)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.problem}\n    วิธีแก้: {self.fix}"

    def annotation(self) -> str:
        """The GitHub Actions workflow command that marks this error on the file's line."""
        props = f"file={self.file}" + (f",line={self.line}" if self.line else "")
        title = f"ข้อมูลไม่ถูกต้อง: {self.key}" if self.key else "ข้อมูลไม่ถูกต้อง"
        body = f"{self.problem} วิธีแก้: {self.fix}"
        return f"::error {props},title={_escape_property(title)}::{_escape_data(body)}"


class DataErrors(Exception):
    """All problems found in ``data/``, raised together so a contributor can fix them in one pass."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__(self.report())

    def report(self) -> str:
        head = f"พบข้อผิดพลาดในข้อมูล {len(self.errors)} รายการ (build หยุดเพื่อไม่ให้เนื้อหาหายไปโดยไม่รู้ตัว):"
        return "\n".join([head, *(f"  {i}. {e}" for i, e in enumerate(self.errors, 1))])


def emit_annotations(errors: list[DataError]) -> None:
    """Print workflow annotations when running under GitHub Actions; do nothing elsewhere."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for error in errors:
            print(error.annotation(), flush=True)


# ── The live preview's box ────────────────────────────────────────────────────────────────────

PREVIEW_MARK = '<span class="hb-preview-error-mark" title="ข้อผิดพลาด: ดูกรอบสีแดงด้านบน"></span>'
"""Where a macro failed, in the preview: no text of its own (the stylesheet shows a red sign), so that a macro in a
heading leaves the heading's words, its anchor and the table of contents as they were."""


def code_html(text: str) -> str:
    """``text`` escaped for HTML, its `code` spans shown as <code> (the terminal shows the backticks themselves)."""
    parts = re.split(r"`([^`\n]+)`", text)
    return "".join(f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p) for i, p in enumerate(parts))


def error_html(error: DataError | str) -> str:
    """One error as HTML: where (bold), what is wrong, what to do."""
    if isinstance(error, str):
        return "<br>".join(code_html(line.strip()) for line in error.splitlines())
    where = error.file if error.line is None else f"{error.file}:{error.line}"
    key = f" [{html.escape(error.key)}]" if error.key else ""
    return f"<strong>{html.escape(where)}</strong>{key}: {code_html(error.problem)}<br>วิธีแก้: {code_html(error.fix)}"


def preview_box(title: str, errors: Sequence[DataError | str]) -> str:
    """The live preview's red box, as one line of HTML: Markdown keeps it as it is, so no part of it becomes a
    heading or an entry of the table of contents, and code spans are <code>, not backticks."""
    items = "".join(f"<li>{error_html(e)}</li>" for e in errors)
    return (f'<div class="admonition failure hb-preview-error" role="alert"><p class="admonition-title">'
            f"{code_html(title)}</p><ul>{items}</ul></div>")


# Escaping rules of GitHub's workflow commands (actions/toolkit, command.ts).
def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
