// assessment-stats.js: averages, consensus spread and order, agreed levels only, CSV cells.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Stats = require("../../docs/assets/javascripts/assessment-stats.js");

const data = {
  levelNames: { 1: "เริ่มต้น", 2: "พัฒนา", 3: "เป็นระบบ", 4: "บูรณาการ", 5: "ยั่งยืน" },
  missions: [
    { id: "leadership", number: 1, title: "ภาวะผู้นำ", indicators: ["LD-01", "LD-02", "LD-03"] },
    { id: "strategy", number: 2, title: "กลยุทธ์", indicators: ["SP-01"] },
  ],
  indicators: { "LD-01": { title: "หนึ่ง" }, "LD-02": { title: "สอง" }, "LD-03": { title: "สาม" }, "SP-01": { title: "สี่" } },
};
const r = (level, notes = "") => ({ level, notes });

test("averages are exact and rounded half up to two decimals", () => {
  assert.equal(Stats.average([]), null);
  assert.equal(Stats.average([1, 2]).text, "1.50");
  assert.equal(Stats.average([1, 1, 2]).text, "1.33");
  assert.equal(Stats.average([2, 2, 3]).text, "2.33");
  assert.equal(Stats.average([1, 2, 2]).text, "1.67");
});

test("the level reached is rounded down; nothing yet says so, differently for a team", () => {
  assert.equal(Stats.levelLabel(Stats.average([2, 3, 4, 2]), data.levelNames, false), "ระดับ 2 พัฒนา");
  assert.equal(Stats.levelLabel(null, data.levelNames, false), "ยังไม่ประเมิน");
  assert.equal(Stats.levelLabel(null, data.levelNames, true), "ยังไม่สรุป");
});

test("changes between rounds", () => {
  assert.equal(Stats.change(2, 3), "+1");
  assert.equal(Stats.change(3, 2.5), "−0.50");
  assert.equal(Stats.change(2, 2), "0");
  assert.equal(Stats.change(null, 2), "–");
});

const team = {
  name: "ทีม", ratings: { "LD-02": r(3, "ตกลงตามหลักฐาน") },
  raters: [
    { name: "ก", ratings: { "LD-01": r(2, "มีแผน"), "LD-02": r(1), "LD-03": r(3) } },
    { name: "ข", ratings: { "LD-01": r(3), "LD-02": r(4), "LD-03": r(3) } },
    { name: "ค", ratings: { "LD-01": r(2), "LD-02": r(3) } },
  ],
};

test("consensus: each rater's level and note, spread min–max, widest first, nobody-rated last", () => {
  const rows = Stats.consensus(data, team);
  assert.deepEqual(rows.map((x) => x.id), ["LD-02", "LD-01", "LD-03", "SP-01"]);
  assert.deepEqual(rows.map(Stats.spreadText), ["1–4", "2–3", "3", "–"]);
  assert.deepEqual(rows.map((x) => x.spread), [3, 1, 0, null]);
  assert.deepEqual(rows[1].given, [{ rater: "ก", level: 2, notes: "มีแผน" }, { rater: "ข", level: 3, notes: "" }, { rater: "ค", level: 2, notes: "" }]);
  assert.equal(rows[2].count, 2);
  assert.equal(rows[0].agreed, 3);
  assert.equal(rows[1].agreed, null);
});

test("the report counts agreed levels only, never the raters' mean", () => {
  const s = Stats.summary(data, team);
  assert.deepEqual(s.levels, [3]);
  assert.equal(s.avg.text, "3.00");
  assert.equal(s.missions[1].avg, null);
});

test("CSV cells: quotes, line breaks and formulas made safe", () => {
  assert.equal(Stats.csvCell('มี "คำพูด", และจุลภาค'), '"มี ""คำพูด"", และจุลภาค"');
  assert.equal(Stats.csvCell("สองบรรทัด\nต่อ"), '"สองบรรทัด\nต่อ"');
  assert.equal(Stats.csvCell("=SUM(A1)"), "'=SUM(A1)");
  assert.equal(Stats.csvCell("-1"), "'-1");
  assert.equal(Stats.csvCell(null), "");
  assert.equal(Stats.csvCell(3), "3");
});

test("CSV rows: one per indicator; a team round adds the spread and each rater's level", () => {
  const personal = Stats.csvRows(data, { name: "รอบ", ratings: { "LD-01": r(4, "x") } });
  assert.deepEqual(personal[0], ["ภารกิจ", "รหัสตัวชี้วัด", "ตัวชี้วัด", "ระดับ", "บันทึกหลักฐาน", "รอบการประเมิน"]);
  assert.deepEqual(personal[1], ["1. ภาวะผู้นำ", "LD-01", "หนึ่ง", 4, "x", "รอบ"]);
  const rows = Stats.csvRows(data, team);
  assert.deepEqual(rows[0].slice(6), ["ต่ำสุด–สูงสุด", "ระดับของ ก", "ระดับของ ข", "ระดับของ ค"]);
  assert.deepEqual(rows[2], ["1. ภาวะผู้นำ", "LD-02", "สอง", 3, "ตกลงตามหลักฐาน", "ทีม", "1–4", 1, 4, 3]);
  assert.ok(Stats.csvText(rows).startsWith("\uFEFF"));
  assert.ok(Stats.csvText(rows).endsWith("\r\n"));
});
