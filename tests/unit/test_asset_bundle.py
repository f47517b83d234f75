"""Joining the handbook's own stylesheets and scripts (hpo_handbook/asset_bundle.py)."""

from __future__ import annotations

import pytest

from hpo_handbook.asset_bundle import bundle
from hpo_handbook.errors import DataErrors


def test_scripts_join_in_order_and_cannot_run_into_each_other() -> None:
    read = {"assets/javascripts/a.js": b"var a = 1", "assets/javascripts/b.js": b"(function () {})()\n"}
    joined = bundle(["assets/javascripts/b.js", "assets/javascripts/a.js"], read, "js")
    text = joined.content.decode()
    assert text.index("(function") < text.index("var a")
    # "var a = 1" without a semicolon, then "(function ...)()" would call 1 as a function: the joiner prevents it.
    assert "\n;\n" in text
    assert joined.uri.startswith("assets/javascripts/hb-bundle.") and joined.uri.endswith(".js")


def test_the_name_changes_with_the_content_only() -> None:
    read = {"assets/css/a.css": b"a{}", "assets/css/b.css": b"b{}"}
    first = bundle(["assets/css/a.css", "assets/css/b.css"], read, "css")
    again = bundle(["assets/css/a.css", "assets/css/b.css"], dict(read), "css")
    edited = bundle(["assets/css/a.css", "assets/css/b.css"], {**read, "assets/css/b.css": b"b{color:red}"}, "css")
    assert first.uri == again.uri != edited.uri


def test_stylesheets_from_two_folders_are_refused_with_a_thai_fix() -> None:
    read = {"assets/css/a.css": b"a{}", "css/b.css": b"b{}"}
    with pytest.raises(DataErrors) as caught:
        bundle(["assets/css/a.css", "css/b.css"], read, "css")
    message = str(caught.value)
    assert "mkdocs.yml" in message and "extra_css" in message and "วิธีแก้" in message


def test_a_listed_file_that_does_not_exist_is_named() -> None:
    with pytest.raises(DataErrors) as caught:
        bundle(["assets/javascripts/a.js", "assets/javascripts/gone.js"], {"assets/javascripts/a.js": b""}, "js")
    assert "gone.js" in str(caught.value) and "extra_javascript" in str(caught.value)
