"""A small, valid data/ folder written per test, so loader tests never depend on the real content."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

MISSIONS = [
    {
        "id": "alpha", "number": 1, "prefix": "AA", "title": "ภารกิจแอลฟา", "title_en": "Alpha",
        "icon": "material/compass-outline", "summary": "สรุปภารกิจแอลฟา", "related": ["beta", "gamma"],
        "pmqa": {"primary": 1, "secondary": [2]}, "admin_areas": ["general"],
    },
    {
        "id": "beta", "number": 2, "prefix": "BB", "title": "ภารกิจเบตา", "title_en": "Beta",
        "icon": "material/map-marker-path", "summary": "สรุปภารกิจเบตา", "related": ["alpha", "gamma"],
        "pmqa": {"primary": 2}, "admin_areas": ["budget"],
    },
    {
        "id": "gamma", "number": 3, "prefix": "GG", "title": "ภารกิจแกมมา", "title_en": "Gamma",
        "icon": "material/chart-line", "summary": "สรุปภารกิจแกมมา", "related": ["alpha", "beta"],
        "pmqa": {"primary": 7}, "admin_areas": ["academic"],
    },
]
GROUPS = {
    "groups": [{"id": "policy-plan", "name": "กลุ่มนโยบายและแผน", "name_en": "Policy", "duties": ["วางแผน"]}],
    "roles": [{"id": "director", "name": "ผู้อำนวยการ", "abbr": "ผอ.สพป.", "description": "หัวหน้า"}],
    "committees": [],
}
REFERENCES = [{"id": "nea-2542", "title": "พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542", "kind": "law", "year": 2542}]
CALENDAR = [{"id": "review", "title": "ประชุมทบทวนผล", "when": "ทุกไตรมาส", "owner": "policy-plan",
             "description": "ทบทวนผลการดำเนินงาน"}]
GLOSSARY = [{"term": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "abbr": "สพป.", "definition": "หน่วยงาน"}]


def acts(*texts: str) -> list[dict[str, str]]:
    """Actions with these texts, each held at the fixture's one calendar event."""
    return [{"do": t, "event": "review"} for t in texts]


def indicator(ident: str, **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": ident,
        "title": f"ตัวชี้วัด {ident}",
        "description": "คำอธิบาย **สำคัญ**",
        "owners": ["policy-plan"],
        "pmqa": [1],
        "evidence": ["หลักฐานหนึ่ง", "หลักฐานสอง"],
        "levels": {1: "ระดับหนึ่ง", 2: "ระดับสอง", 3: "ระดับสาม", 4: "ระดับสี่", 5: "ระดับห้า"},
        "actions": [
            {"do": "ทำหนึ่ง", "event": "review"},
            {"do": "ทำสอง", "when": "ต.ค."},
            {"do": "ทำสาม", "when": "ทุกไตรมาส", "owner": "director"},
        ],
        "related": [],
        "references": ["nea-2542"],
    }
    base.update(changes)
    return base


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    dump(d / "missions.yml", MISSIONS)
    dump(d / "groups.yml", GROUPS)
    dump(d / "references.yml", REFERENCES)
    dump(d / "glossary.yml", GLOSSARY)
    dump(d / "calendar.yml", CALENDAR)
    dump(d / "indicators" / "alpha.yml", [indicator("AA-01", related=["BB-01"]), indicator("AA-02")])
    dump(d / "indicators" / "beta.yml", [indicator("BB-01", owners=["director"])])
    dump(d / "indicators" / "gamma.yml", [indicator("GG-01")])
    return d
