"""The live preview's error display: code spans as <code>, one line of HTML that never becomes a heading, the page's
line for a macro error, and a Thai error for a ``{{ }}`` that does not parse or names no macro."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
from jinja2 import Environment

from hpo_handbook.errors import PREVIEW_MARK, DataError, code_html, preview_box
from hpo_handbook.integrations.mkdocs_macros import page_line, template_error, with_box


def test_code_spans_become_code_elements_and_the_rest_is_escaped() -> None:
    assert code_html("คีย์ `evidance` <b> & `a<b`") == "คีย์ <code>evidance</code> &lt;b&gt; &amp; <code>a&lt;b</code>"
    assert code_html("lone ` backtick") == "lone ` backtick"


def test_the_box_shows_file_line_problem_and_fix_without_backticks() -> None:
    error = DataError("data/indicators/leadership.yml", 9, "LD-01 › owners", "ไม่รู้จัก `deputy`", "ใช้ `deputies`")
    box = preview_box("ข้อมูลมีข้อผิดพลาด 1 รายการ", [error])
    assert "\n" not in box and "`" not in box
    assert "<strong>data/indicators/leadership.yml:9</strong> [LD-01 › owners]" in box
    assert "<code>deputy</code>" in box and "วิธีแก้: ใช้ <code>deputies</code>" in box


def toc_of(text: str) -> list[str]:
    md = markdown.Markdown(extensions=["toc", "md_in_html"])
    md.convert(text)
    names: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            names.append(token["name"])
            walk(token["children"])

    walk(md.toc_tokens)
    return names


def test_box_and_mark_stay_out_of_headings_and_the_table_of_contents() -> None:
    page = "# บทที่หนึ่ง\n\nคำนำ\n\n### 2. เตรียมแผน (" + PREVIEW_MARK + ")\n\nเนื้อหา\n"
    error = DataError("docs/missions/leadership.md", 5, "", "ไม่รู้จักงาน `annual-plann`", "แก้ id")
    text = with_box(page, preview_box("หน้านี้มีข้อผิดพลาด 1 รายการ", [error]))
    assert text.startswith("# บทที่หนึ่ง\n")  # the title stays first: MkDocs reads the page's title from it
    assert toc_of(text) == ["บทที่หนึ่ง", "2. เตรียมแผน ()"]
    html = markdown.markdown(text, extensions=["toc", "md_in_html"])
    assert "<code>annual-plann</code>" in html and "hb-preview-error-mark" in html


def test_box_goes_first_when_the_page_has_no_title() -> None:
    assert with_box("เนื้อหา\n", "<div>x</div>").startswith("\n<div>x</div>\n\nเนื้อหา")


def env_for(markdown_body: str, front_matter: str = "---\ntitle: ทดสอบ\n---\n\n") -> SimpleNamespace:
    file = SimpleNamespace(src_uri="missions/test.md", content_string=front_matter + markdown_body)
    page = SimpleNamespace(file=file, markdown=markdown_body, meta={"title": "ทดสอบ"})
    return SimpleNamespace(env=Environment(), page=page, markdown=markdown_body, variables={"office": {}},
                           macros={"ind": None, "event_months": None})


def test_a_line_of_the_page_counts_its_front_matter() -> None:
    env = env_for("# หัวข้อ\n\nบรรทัด {{ ind('LD-01') }}\n")
    assert page_line(env, 3) == 7  # three lines of front matter and the blank line after it


def test_a_brace_that_does_not_parse_is_a_thai_error_with_its_line() -> None:
    env = env_for("# หัวข้อ\n\nข้อความ\n\nดู {{ ind(\"LD-01\" }}\n")
    error = template_error(env)
    assert error is not None and (error.file, error.line) == ("docs/missions/test.md", 9)
    assert "วงเล็บปีกกา" in error.problem and "ind(" in error.fix


def test_an_unknown_macro_is_named_with_a_suggestion() -> None:
    env = env_for("# หัวข้อ\n\n{% for x in [1] %}{{ loop.index }}{{ x }}{% endfor %}\n\n{{ indd(\"LD-01\") }}\n")
    error = template_error(env)
    assert error is not None and error.line == 9
    assert "`indd`" in error.problem and "`ind`" in error.problem


def test_a_page_with_known_names_only_has_no_template_error() -> None:
    assert template_error(env_for("{{ ind('LD-01') }} {{ office.name }} {{ title }} {{ range(2) }}\n")) is None
