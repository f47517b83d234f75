"""The search index's hidden fields: a section's box titles (search_index.box_titles) and where they go."""

from __future__ import annotations

from hpo_handbook.search_index import WBR, PageMeta, box_titles, segment_index

PAGE = """<h1 id="x">บท</h1>
<div class="admonition note">
<p class="admonition-title">ก่อนหัวข้อ</p><p>ข้อความ</p></div>
<h2 id="ขั้นที่-2">2. เตรียมคำสั่ง</h2>
<p>ข้อความ</p>
<div class="admonition example">
<p class="admonition-title">ตัวอย่างสมมติ: คำสั่งมอบอำนาจ</p>
<p>ข้อความ</p></div>
<details class="note">
<summary>ตัวอย่างรูปแบบตาราง <strong>RACI</strong> &amp; อื่น ๆ</summary><p>ข้อความ</p></details>
"""


def test_box_titles_fall_under_their_heading() -> None:
    assert box_titles(PAGE) == (("", "ก่อนหัวข้อ"), ("ขั้นที่-2", "ตัวอย่างสมมติ: คำสั่งมอบอำนาจ"),
                                ("ขั้นที่-2", "ตัวอย่างรูปแบบตาราง RACI & อื่น ๆ"))


def test_boxes_field_only_where_the_index_declares_it() -> None:
    meta = {"missions/a/": PageMeta("บท", "", box_titles(PAGE))}

    def docs(fields: dict) -> list[dict]:
        data = {"config": {"fields": fields}, "docs": [
            {"location": "missions/a/", "title": "บท", "text": ""},
            {"location": "missions/a/#ขั้นที่-2", "title": "2. เตรียมคำสั่ง", "text": ""},
            {"location": "missions/b/", "title": "อื่น", "text": ""}]}
        return segment_index(data, [], meta)["docs"]

    with_boxes = docs({"title": {}, "text": {}, "boxes": {"boost": 300}})
    assert with_boxes[0]["boxes"] == "ก่อน" + WBR + "หัวข้อ"
    assert "มอบ" in with_boxes[1]["boxes"] and "RACI" in with_boxes[1]["boxes"]
    assert "boxes" not in with_boxes[2]
    assert all("boxes" not in d for d in docs({"title": {}, "text": {}}))
