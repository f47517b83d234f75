"""Read ``data/``, validate it against the model, resolve cross-references, derive back-links.

The loader keeps the line of every key it reads, so that each error can name the file, the line and
the key. It collects every problem it finds before failing, so a contributor fixes them in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import DataError, DataErrors
from .model import Event, Indicator, Mission, Office, Reference, Term
from .schedule import Schedule, parse_when

Path_ = tuple[Any, ...]
# libyaml's parser when PyYAML was built with it (the wheels are): about ten times faster, same marks.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=BaseModel)


@dataclass
class Handbook:
    """Everything in ``data/``, validated and cross-linked. Build it with :func:`load`."""

    missions: list[Mission]
    indicators: dict[str, Indicator]  # in handbook order: mission by mission, as written
    office: Office
    references: dict[str, Reference]
    glossary: list[Term]
    indicator_mission: dict[str, str] = field(default_factory=dict)
    related_indicators: dict[str, list[str]] = field(default_factory=dict)  # both directions
    related_missions: dict[str, list[str]] = field(default_factory=dict)  # both directions
    cited_by: dict[str, list[str]] = field(default_factory=dict)  # reference id -> indicator ids
    owned_by: dict[str, list[str]] = field(default_factory=dict)  # owner id -> indicator ids
    events: dict[str, Event] = field(default_factory=dict)  # data/calendar.yml, in file order
    replaced: dict[str, str] = field(default_factory=dict)  # removed indicator id -> the id that carries its work
    _abbreviations: dict[str, str] | None = field(default=None, repr=False, compare=False)
    # Views derived from the data once per load (office_year.year_plan per owner): the pages, the .ics files and
    # the group list ask for the same ones again and again within a build.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def mission(self, mission_id: str) -> Mission:
        return next(m for m in self.missions if m.id == mission_id)

    def indicators_of(self, mission_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if self.indicator_mission[i.id] == mission_id]

    def action_owner(self, indicator: Indicator, index: int) -> str:
        """Who carries out an action: its own ``owner``, else the indicator's first owner."""
        return indicator.actions[index].owner or indicator.owners[0]

    def action_schedule(self, indicator: Indicator, index: int) -> Schedule:
        """When an action happens: its own ``when`` (which may narrow its event's months), else its event's."""
        action = indicator.actions[index]
        if action.when is not None:
            return parse_when(action.when)
        assert action.event is not None  # the model requires one of the two
        return self.events[action.event].schedule

    def owner_names(self) -> dict[str, str]:
        o = self.office
        return {x.id: x.name for x in [*o.groups, *o.roles, *o.committees]}

    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> full form, from the glossary and the office's roles and committees: the one list
        behind the tooltips on every page and the search index's Thai word boundaries."""
        if self._abbreviations is None:
            found = {t.abbr: t.term for t in self.glossary if t.abbr}
            for x in [*self.office.roles, *self.office.committees]:
                if x.abbr:
                    found.setdefault(x.abbr, x.name)
            self._abbreviations = found
        return self._abbreviations


# ── YAML with line numbers ────────────────────────────────────────────────────────────────────


class _Source:
    """One YAML file: its parsed data and the line of every key and list item in it."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        self.lines: dict[Path_, int] = {(): 1}
        self.errors: list[DataError] = []
        self.data: Any = None
        self.text = ""
        self.unparsed = False  # the file exists but is not valid YAML: its data is unknown, not empty
        if not path.exists():
            self._error(None, "", "ไม่พบไฟล์นี้", "สร้างไฟล์ตามตัวอย่างใน data/README.md")
            return
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self._error(None, "", f"ไฟล์ไม่ได้บันทึกเป็น UTF-8 ({exc.reason})",
                        "บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8")
            return
        self.text = text
        loader = _YamlLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                self._walk(loader, node, ())
                self.data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            self.unparsed = True
            line, problem, fix = yaml_syntax_error(exc, text)
            self._error(line, "", problem, fix)
        finally:
            loader.dispose()

    def declared(self, key: str = "id") -> list[str]:
        """The values of ``key`` this file declares, read tolerantly: from the data when the file parsed (even if
        it did not validate), else by a scan of its lines (``- id: LD-02``). A broken file's ids still count as
        known, so that other files' references to them do not add errors that invite wrong fixes."""
        if self.unparsed:
            pattern = rf"^[ \t]*(?:-[ \t]+)?{re.escape(key)}:[ \t]*[\"']?([A-Za-z0-9][\w.-]*)"
            return re.findall(pattern, self.text, flags=re.M)
        found: list[str] = []

        def collect(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get(key), str):
                    found.append(node[key])
                for value in node.values():
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)

        collect(self.data)
        return found

    def _walk(self, loader: Any, node: yaml.Node, path: Path_) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node.value
                line = key_node.start_mark.line + 1
                if key in seen:
                    self._error(line, self.describe((*path, key)),
                                f"คีย์ `{key}` ซ้ำกับบรรทัด {seen[key]} (YAML จะเก็บไว้เพียงค่าเดียว ค่าหนึ่งจะหายไป)",
                                "รวมสองค่าเป็นค่าเดียว หรือลบคีย์ที่ซ้ำ")
                seen[key] = line
                self.lines[(*path, key)] = line
                self._walk(loader, value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lines[(*path, i)] = item.start_mark.line + 1
                self._walk(loader, item, (*path, i))

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known key on ``path`` (a missing key points at its parent)."""
        wanted = tuple(str(p) for p in path)
        best_len, best = -1, 1
        for known, line in self.lines.items():
            as_str = tuple(str(p) for p in known)
            if len(as_str) > best_len and wanted[: len(as_str)] == as_str:
                best_len, best = len(as_str), line
        return best

    def describe(self, path: Path_) -> str:
        """A readable key path: list items are named by their ``id`` when they have one."""
        parts: list[str] = []
        node: Any = self.data
        for p in path:
            if isinstance(p, int) and isinstance(node, list) and 0 <= p < len(node):
                node = node[p]
                ident = node.get("id") if isinstance(node, dict) else None
                parts.append(str(ident) if ident else f"รายการที่ {p + 1}")
            else:
                node = node.get(p) if isinstance(node, dict) else None
                parts.append(str(p))
        return " › ".join(parts)

    def _error(self, line: int | None, key: str, problem: str, fix: str) -> None:
        self.errors.append(DataError(self.name, line, key, problem, fix))

    def error_at(self, path: Path_, problem: str, fix: str) -> None:
        self._error(self.line_of(path), self.describe(path), problem, fix)

    def validate(self, model: type[M] | Any, data: Any, base: Path_ = ()) -> M | None:
        """Validate ``data`` (found at ``base`` in this file) and turn pydantic's errors into Thai."""
        adapter = TypeAdapter(model)
        try:
            return adapter.validate_python(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(p for p in err["loc"] if p != "[key]")
                self.error_at((*base, *loc), *_explain(err, model))
            return None




# ── YAML syntax errors in Thai ───────────────────────────────────────────────────────────────

_INDENT_FIX = ("ย่อหน้าบรรทัดนี้ด้วยช่องว่างให้ตรงกับคีย์อื่นในระดับเดียวกัน (ระดับละสองช่อง ห้ามใช้แท็บ) "
               "เช่น คีย์ของตัวชี้วัดอยู่ลึกกว่า `- id:` สองช่อง ข้อความที่ต่อหลายบรรทัดต้องย่อหน้าลึกกว่าคีย์ของมัน")
_QUOTE_FIX = 'ครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูดคู่ เช่น `title: "ข้อความ: ที่มีเครื่องหมายพิเศษ"`'
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+(?P<value>\S.*)$")


def _misindented(lines: list[str], line: int | None) -> str:
    """'This line is indented n spaces; here a line may start at a, b or c', from the lines above it."""
    problem = "บรรทัดนี้ย่อหน้าไม่ตรงกับคีย์อื่นในระดับเดียวกัน"
    if not line or line > len(lines):
        return problem
    own = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    levels: set[int] = set()
    limit: int | None = None
    for text in reversed(lines[: line - 1]):  # the open blocks above: each line less indented than the last
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        col = len(text) - len(text.lstrip(" "))
        if limit is not None and col >= limit:
            continue
        levels.add(col)
        if item := re.match(r"(\s*-\s+)\S", text):  # "- id: ..": the item's keys start after the dash
            levels.add(len(item.group(1)))
        limit = col
        if col == 0:
            break
    if not levels or own in levels:
        return problem
    shown = [str(n) for n in sorted(levels)]
    choices = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " หรือ " + shown[-1]
    return f"บรรทัดนี้ย่อหน้า {own} ช่อง ซึ่งไม่ตรงกับระดับใดของบรรทัดข้างบน (ตรงนี้ใช้ได้ {choices} ช่อง)"


def yaml_syntax_error(exc: yaml.YAMLError, text: str) -> tuple[int | None, str, str]:
    """(line, problem, fix) for a file PyYAML cannot parse: the line a contributor must change, in plain Thai.

    PyYAML gives two marks. For a construct it was *scanning* (a quoted text, a key, a ``[`` list) the context
    mark is where that construct starts, and the problem mark is wherever the parser gave up, often lines or the
    whole file later; for a block it was *parsing* (the file's list, an indicator's keys) the context mark is the
    start of that block, far above, and the problem mark is the misplaced line itself."""
    lines = text.splitlines()
    if not isinstance(exc, yaml.MarkedYAMLError):  # a reader error: a control character or invalid byte
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        return (line, "ไฟล์มีอักขระพิเศษที่มองไม่เห็น (อักขระควบคุม) ซึ่ง YAML อ่านไม่ได้",
                "ลบอักขระนั้น (มักติดมาจากการคัดลอกข้อความจากเอกสารอื่น) แล้วพิมพ์ส่วนนั้นใหม่")
    context, problem = exc.context or "", exc.problem or ""
    context_mark, problem_mark = exc.context_mark, exc.problem_mark
    scanning = context.startswith("while scanning") or "flow" in context
    mark = (context_mark if scanning and context_mark else problem_mark) or context_mark
    line = mark.line + 1 if mark else None
    source = lines[line - 1] if line and line <= len(lines) else ""
    char = ""
    if problem_mark and problem_mark.line < len(lines):
        char = lines[problem_mark.line][problem_mark.column:problem_mark.column + 1]
    english = f" (YAML: {problem or context})"

    if "quoted scalar" in context:
        return (line, "เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่มีตัวปิด",
                "ใส่เครื่องหมายคำพูดปิดแบบเดียวกับตัวเปิด (\" หรือ ') ท้ายข้อความ "
                "ถ้าในข้อความมีเครื่องหมายคำพูดอีก ให้ใช้อีกแบบหนึ่งครอบ")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[ ]" if "sequence" in context else "{ }"
        return (line, f"วงเล็บ {bracket} ที่เปิดในบรรทัดนี้ไม่มีตัวปิด หรือในวงเล็บมีเครื่องหมายคำพูดไม่ครบคู่",
                f"ปิดรายการด้วย {bracket[-1]} ในบรรทัดเดียวกัน คั่นแต่ละค่าด้วยจุลภาค และเครื่องหมายคำพูดต้องครบคู่ "
                "ถ้าเป็นข้อความที่ขึ้นต้นด้วยวงเล็บ ให้ครอบทั้งข้อความด้วยเครื่องหมายคำพูด")
    if "simple key" in context:
        return (line, "บรรทัดนี้ไม่มีเครื่องหมาย `:` หลังชื่อคีย์ หรือเป็นข้อความต่อจากบรรทัดก่อนที่ย่อหน้าน้อยเกินไป",
                "ถ้าเป็นคีย์ ให้เขียน `ชื่อคีย์: ค่า` (มีช่องว่างหลัง :) "
                "ถ้าเป็นข้อความต่อจากบรรทัดก่อน ให้ย่อหน้าให้ลึกเท่าบรรทัดก่อน")
    if "alias" in context or "anchor" in context or "alias" in problem or "anchor" in problem:
        return (line, "ข้อความขึ้นต้นด้วย `*` หรือ `&` ซึ่ง YAML อ่านเป็นคำสั่งพิเศษ", _QUOTE_FIX)
    if "cannot start any token" in problem:
        if char == "\t" or (line and "\t" in source[: len(source) - len(source.lstrip())]):
            return (line, "บรรทัดนี้ย่อหน้าด้วยแท็บ (Tab) ซึ่ง YAML ไม่อนุญาต",
                    "ลบแท็บ แล้วย่อหน้าด้วยช่องว่างให้ตรงกับคีย์อื่นในระดับเดียวกัน (ระดับละสองช่อง)")
        shown = "เครื่องหมาย ` (แบ็กทิก)" if char == "`" else f"`{char}`" if char.strip() else "เครื่องหมายพิเศษ"
        return (line, f"ค่าในบรรทัดนี้ขึ้นต้นด้วย {shown} ซึ่ง YAML ไม่ยอมให้ขึ้นต้นข้อความ", _QUOTE_FIX)
    block = ("mapping values are not allowed" in problem or "expected key" in problem
             or "expected '-' indicator" in problem or "expected <block end>" in problem)
    # "-do: x" is a key named "-do", so the parser stops on that line or the next: name the line with the dash.
    nearby = [n for n in range(line - 1, -1, -1) if lines[n].strip()][:2] if block and line else []
    dashed = next((n for n in nearby if re.match(r"^\s*-[^\s-]", lines[n])), None)
    if dashed is not None:
        return (dashed + 1, "ไม่มีช่องว่างหลังขีด `-` ที่หน้ารายการ", "เว้นหนึ่งช่องหลังขีด เช่น `- do: ข้อความ`")
    if "mapping values are not allowed" in problem:
        value = _KEY_VALUE.match(source)
        if value and ": " in value["value"] and value["value"][0] not in "\"'[{":
            return (line, "ข้อความหลังชื่อคีย์มีเครื่องหมาย `: ` อยู่ข้างใน YAML จึงอ่านเป็นคีย์ซ้อนอีกชั้น",
                    _QUOTE_FIX)
        return (line, _misindented(lines, line), _INDENT_FIX)
    if block:
        indent = len(source) - len(source.lstrip())
        value = _KEY_VALUE.match(source)
        if value and value["value"][0] in "\"'[{" and problem_mark and problem_mark.column > indent:
            return (line, "ค่าในบรรทัดนี้ขึ้นต้นด้วยเครื่องหมายคำพูดหรือวงเล็บ แล้วมีข้อความต่อหลังเครื่องหมายปิด",
                    'ครอบทั้งข้อความด้วยเครื่องหมายคำพูดคู่ เช่น `do: "[LD-01] ข้อความ"` '
                    "หรือเรียงคำใหม่ไม่ให้ขึ้นต้นด้วยเครื่องหมายนั้น")
        return (line, _misindented(lines, line), _INDENT_FIX)
    return (line, "รูปแบบ YAML ไม่ถูกต้อง" + english,
            "ตรวจการย่อหน้า (ใช้ช่องว่าง ไม่ใช้แท็บ) เครื่องหมาย : หลังชื่อคีย์ และ - หน้ารายการ "
            "ข้อความที่มี : หรือ # ให้ครอบด้วยเครื่องหมายคำพูด")


# ── Pydantic errors in Thai ──────────────────────────────────────────────────────────────────

_TYPES = {
    "string_type": "ข้อความ",
    "int_type": "จำนวนเต็ม",
    "int_parsing": "จำนวนเต็ม",
    "bool_type": "true หรือ false",
    "list_type": "รายการ (แต่ละบรรทัดขึ้นต้นด้วย - )",
    "dict_type": "ชุดคีย์และค่า (key: value)",
    "model_type": "ชุดคีย์และค่า (key: value)",
    "model_attributes_type": "ชุดคีย์และค่า (key: value)",
}


def _explain(err: Any, model: Any) -> tuple[str, str]:
    """(problem, fix) in Thai for one pydantic error."""
    kind, loc, ctx = err["type"], err["loc"], err.get("ctx") or {}
    key = str(loc[-1]) if loc else ""
    given = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f" หรือหมายถึง `{close[0]}`?" if close else ""
        return (f"ไม่รู้จักคีย์ `{key}`{hint}",
                f"ใช้ได้เฉพาะคีย์ {', '.join(f'`{a}`' for a in allowed)} (ดู data/README.md)")
    if kind == "missing":
        return (f"ขาดคีย์ `{key}` ที่จำเป็น", f"เพิ่ม `{key}:` พร้อมค่าให้รายการนี้ (ดู data/README.md)")
    if kind in _TYPES:
        return (f"`{key}` ต้องเป็น{_TYPES[kind]} แต่พบ {_show(given)}",
                f"แก้ค่า `{key}` ให้เป็น{_TYPES[kind]} ถ้าเป็นข้อความที่ YAML อ่านเป็นอย่างอื่น "
                "(เช่น yes, no, 1.0, 12:30) ให้ครอบด้วยเครื่องหมายคำพูด")
    if kind == "string_too_short":
        return (f"`{key}` เป็นค่าว่าง", f"ใส่ข้อความให้ `{key}` หรือลบคีย์นี้ถ้าไม่บังคับ")
    if kind == "too_short":
        return (f"`{key}` ต้องมีอย่างน้อย {ctx.get('min_length')} รายการ แต่มี {ctx.get('actual_length')}",
                f"เพิ่มรายการใน `{key}` ให้ครบ")
    if kind == "string_pattern_mismatch":
        return (f"`{key}` มีรูปแบบไม่ถูกต้อง: {_show(given)}", _PATTERN_FIX.get(ctx.get("pattern", ""),
                f"ค่าต้องตรงกับรูปแบบ {ctx.get('pattern')}"))
    if kind in ("greater_than_equal", "less_than_equal"):
        return (f"`{key}` มีค่า {_show(given)} อยู่นอกช่วงที่ใช้ได้",
                f"ใช้ค่า{'ตั้งแต่ ' + str(ctx['ge']) if 'ge' in ctx else 'ไม่เกิน ' + str(ctx.get('le'))}")
    if kind == "literal_error":
        return (f"`{key}` มีค่า {_show(given)} ซึ่งไม่อยู่ในตัวเลือก", f"ใช้ค่าใดค่าหนึ่ง: {ctx.get('expected')}")
    if kind == "value_error":
        problem, _, fix = str(ctx.get("error")).partition(" || ")
        return (f"`{key}`: {problem}", fix or "ดูคำอธิบายคีย์นี้ใน data/README.md")
    return (f"`{key}`: {err['msg']}", "ดูคำอธิบายคีย์นี้ใน data/README.md")


_PATTERN_FIX = {
    r"^[A-Z]{2}-\d{2}$": "รหัสตัวชี้วัดเป็นอักษรอังกฤษตัวใหญ่สองตัว ขีด และเลขสองหลัก เช่น LD-01",
    r"^[a-z][a-z0-9-]*$": "id ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด - เท่านั้น เช่น policy-plan",
    r"^[A-Z]{2}$": "prefix เป็นอักษรอังกฤษตัวใหญ่สองตัว เช่น LD",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model at ``loc``, for 'did you mean' hints."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            break
        annotation = fields[part].annotation
        current = next((a for a in getattr(annotation, "__args__", ()) if hasattr(a, "model_fields")),
                       annotation)
    if not hasattr(current, "model_fields"):
        current = next((a for a in getattr(current, "__args__", ()) if hasattr(a, "model_fields")), current)
    return list(getattr(current, "model_fields", {}))


# ── Loading the whole handbook ───────────────────────────────────────────────────────────────


def load(data_dir: Path, root: Path | None = None) -> Handbook:
    """Load and check everything under ``data_dir``; raise :class:`DataErrors` listing every problem."""
    root = root or data_dir.parent
    sources: list[_Source] = []

    def read(path: Path) -> _Source:
        src = _Source(path, root)
        sources.append(src)
        return src

    missions_src = read(data_dir / "missions.yml")
    missions = _validate_items(missions_src, Mission)
    office_src = read(data_dir / "groups.yml")
    office = office_src.validate(Office, office_src.data) if office_src.data is not None else None
    refs_src = read(data_dir / "references.yml")
    refs = _validate_items(refs_src, Reference)
    gloss_src = read(data_dir / "glossary.yml")
    glossary = gloss_src.validate(list[Term], gloss_src.data) if gloss_src.data is not None else None
    cal_src = read(data_dir / "calendar.yml")
    events = _validate_items(cal_src, Event) or []
    _unique(cal_src, cal_src.data, "id")

    missions = missions or []
    _unique(missions_src, missions_src.data, "id")
    _unique(missions_src, missions_src.data, "number")
    _unique(missions_src, missions_src.data, "prefix")
    mission_ids = [m.id for m in missions]
    declared_missions = _declared(missions_src, mission_ids)
    for i, m in enumerate(missions):
        for j, rel in enumerate(m.related):
            _known(missions_src, (i, "related", j), rel, declared_missions, "ภารกิจ", "data/missions.yml")

    # Indicators: one file per mission, named after the mission's id.
    indicators: dict[str, Indicator] = {}
    broken_ids: set[str] = set()
    indicator_mission: dict[str, str] = {}
    where: dict[str, tuple[_Source, int]] = {}
    ind_dir = data_dir / "indicators"
    files = sorted(ind_dir.glob("*.yml")) if ind_dir.is_dir() else []
    by_stem = {f.stem: f for f in files}
    indicator_srcs: list[_Source] = []
    silent_prefixes: set[str] = set()  # missions whose file is unreadable and names no ids: their ids are unknowable
    for f in files:
        if f.stem not in mission_ids and (declared_missions is None or f.stem in declared_missions):
            # The mission itself is broken (reported in missions.yml): its ids still count as known.
            src = read(f)
            indicator_srcs.append(src)
            broken_ids.update(src.declared())
        elif f.stem not in mission_ids:
            src = read(f)
            src.errors.append(DataError(src.name, None, "", f"ชื่อไฟล์ `{f.name}` ไม่ตรงกับ id ของภารกิจใด",
                                        f"ตั้งชื่อไฟล์ตาม id ใน data/missions.yml: {', '.join(mission_ids)}"))
    for m in missions:
        if m.id not in by_stem:
            read(ind_dir / f"{m.id}.yml")  # reports the missing file
            continue
        src = read(by_stem[m.id])
        indicator_srcs.append(src)
        if src.unparsed:  # one error for the file (its line, in Thai); what it declares stays known
            broken_ids.update(src.declared())
            if not src.declared():
                silent_prefixes.add(m.prefix)
            continue
        if src.data is None:
            continue
        if not isinstance(src.data, list):
            src.error_at((), "ไฟล์ตัวชี้วัดต้องเป็นรายการ (แต่ละตัวชี้วัดขึ้นต้นด้วย - id: ...)",
                         "ดูตัวอย่างใน data/README.md")
            continue
        _unique(src, src.data, "id")
        for i, raw in enumerate(src.data):
            ind = src.validate(Indicator, raw, base=(i,))
            if ind is None:
                # Still known by id, so that other files' links to it do not cascade into more errors.
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    broken_ids.add(raw["id"])
                continue
            if not ind.id.startswith(m.prefix + "-"):
                src.error_at((i, "id"), f"รหัส `{ind.id}` ไม่ขึ้นต้นด้วย {m.prefix}- ของภารกิจ{m.title}",
                             f"เปลี่ยนรหัสให้ขึ้นต้นด้วย {m.prefix}- หรือย้ายตัวชี้วัดไปไฟล์ของภารกิจที่ถูกต้อง")
            if ind.id in indicators:
                other, _ = where[ind.id]
                if other is src:  # already reported by _unique() above
                    continue
                src.error_at((i, "id"), f"รหัส `{ind.id}` ซ้ำกับตัวชี้วัดใน {other.name}",
                             "ใช้รหัสใหม่ที่ยังไม่มีใครใช้ (รหัสตัวชี้วัดต้องไม่ซ้ำกันทั้งคู่มือ)")
                continue
            indicators[ind.id] = ind
            indicator_mission[ind.id] = m.id
            where[ind.id] = (src, i)

    # Cross-references, checked once everything is read. A file that is broken still declares its ids (read
    # tolerantly), so that one mistake there is one error, not one per reference to it elsewhere.
    owner_ids = _declared(office_src, [x.id for x in [*office.groups, *office.roles, *office.committees]]
                          if office else [])
    event_ids = _declared(cal_src, [e.id for e in events])
    event_by_id = {e.id: e for e in events}
    seen_owner: dict[str, str] = {}
    for section in ("groups", "roles", "committees"):
        for i, x in enumerate(getattr(office, section) if office else []):
            if x.id in seen_owner:
                office_src.error_at((section, i, "id"), f"id `{x.id}` ซ้ำกับ {seen_owner[x.id]}",
                                    "id ของกลุ่ม บทบาท และคณะกรรมการต้องไม่ซ้ำกัน เปลี่ยนให้ต่างกัน")
            seen_owner[x.id] = f"{section} รายการที่ {i + 1}"
    # Removed indicators: each named once, by an indicator that exists, and never an id still in use.
    replaced: dict[str, str] = {}
    for ind_id, ind in indicators.items():
        src, i = where[ind_id]
        for j, old in enumerate(ind.replaces):
            if old in indicators or old in broken_ids:
                src.error_at((i, "replaces", j), f"`{old}` ยังเป็นตัวชี้วัดที่ใช้อยู่ จึงถูกแทนไม่ได้",
                             f"ลบ `{old}` ออกจากไฟล์ตัวชี้วัดก่อน หรือลบออกจาก `replaces`")
            elif old in replaced:
                src.error_at((i, "replaces", j), f"`{old}` ถูกแทนโดย {replaced[old]} แล้ว",
                             "ตัวชี้วัดที่ถูกยุบรวมมีผู้รับช่วงได้ตัวเดียว ลบรายการที่ซ้ำ")
            else:
                replaced[old] = ind_id

    ref_ids = _declared(refs_src, [r.id for r in refs or []])
    _unique(refs_src, refs_src.data, "id")
    for ind_id, ind in indicators.items():
        src, i = where[ind_id]
        for j, o in enumerate(ind.owners):
            _known(src, (i, "owners", j), o, owner_ids, "ผู้รับผิดชอบ", "data/groups.yml")
        for j, r in enumerate(ind.related):
            if r in replaced:
                src.error_at((i, "related", j), f"`{r}` ถูกรวมเข้ากับ `{replaced[r]}` แล้ว",
                             f"เปลี่ยนเป็น `{replaced[r]}` หรือลบออกถ้าซ้ำ")
                continue
            if r[:2] not in silent_prefixes:
                _known(src, (i, "related", j), r, [*indicators, *broken_ids], "ตัวชี้วัด", "data/indicators/")
            if r == ind_id:
                src.error_at((i, "related", j), "ตัวชี้วัดอ้างถึงตัวเอง", "ลบรหัสนี้ออกจาก `related`")
        for j, r in enumerate(ind.references):
            _known(src, (i, "references", j), r, ref_ids, "เอกสารอ้างอิง", "data/references.yml")
        for j, action in enumerate(ind.actions):
            _check_action(src, (i, "actions", j), action, event_by_id, event_ids, owner_ids)

    # The office calendar: owners exist, no event defined twice, every event serves some action.
    for i, event in enumerate(events):
        _known(cal_src, (i, "owner"), event.owner, owner_ids, "ผู้รับผิดชอบ", "data/groups.yml")
        for j, r in enumerate(event.references):
            _known(cal_src, (i, "references", j), r, ref_ids, "เอกสารอ้างอิง", "data/references.yml")
    _same_event_twice(cal_src, events)
    # Events named by actions, broken indicators and unreadable files included.
    used = {e for src in indicator_srcs for e in src.declared("event")}
    for i, event in enumerate(events):
        # Another body's date may carry no handbook action; an unreadable file's actions are unknown.
        if event.id not in used and not event.external and not silent_prefixes:
            cal_src.error_at((i, "id"), f"ไม่มีสิ่งที่ต้องทำใดในตัวชี้วัดอ้างถึงงาน `{event.id}`",
                             f"อ้างถึงงานนี้ด้วย `event: {event.id}` ในสิ่งที่ต้องทำที่เกี่ยวข้อง หรือลบงานนี้ออกจากปฏิทิน")


    errors = [e for s in sources for e in s.errors]
    if errors:
        raise DataErrors(errors)

    assert office is not None and refs is not None and glossary is not None
    hb = Handbook(missions=sorted(missions, key=lambda m: m.number), indicators=indicators, office=office,
                  references={r.id: r for r in refs}, glossary=glossary, indicator_mission=indicator_mission,
                  events={e.id: e for e in events}, replaced=replaced)
    _derive(hb)
    return hb


def _derive(hb: Handbook) -> None:
    """Relations are written once in YAML; here they are made to point both ways."""
    order = {i: n for n, i in enumerate(hb.indicators)}
    rel: dict[str, set[str]] = defaultdict(set)
    for ind in hb.indicators.values():
        for r in ind.related:
            rel[ind.id].add(r)
            rel[r].add(ind.id)
    hb.related_indicators = {i: sorted(rel[i], key=order.__getitem__) for i in hb.indicators}
    mrel: dict[str, set[str]] = defaultdict(set)
    for m in hb.missions:
        for r in m.related:
            mrel[m.id].add(r)
            mrel[r].add(m.id)
    number = {m.id: m.number for m in hb.missions}
    hb.related_missions = {m.id: sorted(mrel[m.id], key=number.__getitem__) for m in hb.missions}
    cited: dict[str, list[str]] = defaultdict(list)
    owned: dict[str, list[str]] = defaultdict(list)
    for ind in hb.indicators.values():
        for r in ind.references:
            cited[r].append(ind.id)
        for o in ind.owners:
            owned[o].append(ind.id)
    hb.cited_by, hb.owned_by = dict(cited), dict(owned)


def _check_action(src: _Source, path: Path_, action: Any, events: dict[str, Event], event_ids: list[str] | None,
                  owner_ids: list[str] | None) -> None:
    if action.owner is not None:
        _known(src, (*path, "owner"), action.owner, owner_ids, "ผู้รับผิดชอบ", "data/groups.yml")
    if action.event is None:
        return
    if action.event not in events:
        _known(src, (*path, "event"), action.event, event_ids, "งานในปฏิทิน", "data/calendar.yml")
        return
    if action.when is not None:
        own, of_event = parse_when(action.when), events[action.event].schedule
        if own.in_calendar and not set(own.months) <= set(of_event.months):
            src.error_at((*path, "when"),
                         f"`when: {action.when}` ไม่อยู่ในเดือนของงาน `{action.event}` ({of_event.label()})",
                         "ใช้เฉพาะเดือนที่งานนั้นจัด หรือลบ `event:` ถ้าสิ่งที่ต้องทำนี้มีกำหนดของตัวเอง")


def _same_event_twice(src: _Source, events: list[Event]) -> None:
    """Two events with the same months and owner and nearly the same title are one event defined twice."""
    for a_index, a in enumerate(events):
        for b in events[:a_index]:
            if (a.owner == b.owner and a.schedule.months == b.schedule.months
                    and difflib.SequenceMatcher(None, a.title, b.title).ratio() >= 0.8):
                src.error_at((a_index, "title"), f"งาน `{a.id}` ซ้ำกับ `{b.id}` (ผู้รับผิดชอบ เดือน และชื่อเกือบเหมือนกัน)",
                             f"รวมเป็นงานเดียว แล้วให้สิ่งที่ต้องทำอ้างถึง `{b.id}`")


def _validate_items(src: _Source, model: type[M]) -> list[M] | None:
    """A list file validated item by item: a broken item is reported, the others stay usable."""
    if src.data is None:
        return None
    if not isinstance(src.data, list):
        return src.validate(list[model], src.data)
    items = [src.validate(model, raw, base=(i,)) for i, raw in enumerate(src.data)]
    return [x for x in items if x is not None]


def _declared(src: _Source, valid: list[str]) -> list[str] | None:
    """The ids other files may name: the valid ones, plus those a broken file still declares; None when the file is
    missing or unreadable and names none, so that references to it are not checked at all (its error says why)."""
    if not src.errors:
        return valid
    found = [*valid, *(x for x in src.declared() if x not in valid)]
    return found if found or not (src.unparsed or src.data is None) else None


def _known(src: _Source, path: Path_, value: str, known: list[str] | None, what: str, where: str) -> None:
    if known is None:  # the file that defines these ids is missing or unreadable: reported there
        return
    if value not in known:
        close = difflib.get_close_matches(value, known, n=3)
        hint = f" หรือหมายถึง {', '.join(f'`{c}`' for c in close)}?" if close else ""
        src.error_at(path, f"ไม่รู้จัก{what} id `{value}`{hint}",
                     f"ใช้ id ที่มีอยู่ใน {where} หรือเพิ่ม `{value}` ที่นั่นก่อน")


def _unique(src: _Source, items: Any, key: str) -> None:
    if not isinstance(items, list):
        return
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and key in item:
            value = item[key]
            if value in seen:
                src.error_at((i, key), f"`{key}` ซ้ำ: `{value}` ใช้ไปแล้วในรายการที่ {seen[value] + 1} "
                             f"(บรรทัด {src.line_of((seen[value], key))})", f"เปลี่ยน `{key}` ให้ไม่ซ้ำกัน")
            else:
                seen[value] = i
