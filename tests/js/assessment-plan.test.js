// assessment-plan.js and assessment-plan-ics.js: the plan's checks, evidence URLs, carrying plans of merged
// indicators, days in the month (at most 8 items a day), progress and overdue, checkpoints, leaders and staff, and
// the calendar file's text (escaping, folding, stable UIDs).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Plan = require("../../docs/assets/javascripts/assessment-plan.js");
const Ics = require("../../docs/assets/javascripts/assessment-plan-ics.js");
const Model = require("../../docs/assets/javascripts/assessment-model.js");

const SPEC = { format: "hpo-handbook-assessment", version: 3 };
const plan = (extra = {}) => ({ target: 3, owner: "policy-plan", month: 11, actions: [], evidence: [], ...extra });
const round = (extra = {}) => ({
  id: "r1", name: "รอบ 2570", created: "2026-11-01T03:00:00Z", updated: "2026-11-02T00:00:00Z", target: 3,
  ratings: { "LD-01": { level: 2, notes: "" } }, ...extra,
});
const state = (r, extra = {}) => ({ format: SPEC.format, version: 3, current: r.id, rounds: [r], ...extra });
const DATA = {
  missions: [{ id: "leadership", indicators: ["LD-01", "LD-02"] }, { id: "strategy", indicators: ["SP-01"] }],
  indicators: { "LD-01": { title: "ทิศทาง" }, "LD-02": { title: "ข้อมูล" }, "SP-01": { title: "แผน" } },
  groups: { "policy-plan": "กลุ่มนโยบายและแผน", personnel: "กลุ่มบริหารงานบุคคล" },
};

test("evidence: only http and https addresses, each refusal in Thai", () => {
  assert.equal(Plan.urlProblem("https://drive.example.org/a?b=1"), "");
  assert.equal(Plan.urlProblem("HTTP://intranet.office.local/doc"), "");
  for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>",
    "file:///C:/x.pdf", "vbscript:x", "ftp://host/x"]) {
    assert.match(Plan.urlProblem(bad), /ไม่รับลิงก์แบบ/, bad);
  }
  assert.match(Plan.urlProblem("drive.google.com/x"), /ต้องขึ้นต้นด้วย https:\/\//);
  assert.match(Plan.urlProblem("https://"), /ไม่มีชื่อเว็บไซต์/);
  assert.match(Plan.urlProblem(""), /ยังไม่ได้ใส่/);
});

test("a version 2 state migrates: a start day, the plan's fiscal year and an empty plan", () => {
  const got = Model.validate({ ...state(round()), version: 2 }, SPEC);
  assert.equal(got.migrated, true);
  assert.equal(got.state.version, 3);
  const r = got.state.rounds[0];
  assert.equal(r.start, "2026-11-01");
  assert.equal(r.planYear, 2570);
  assert.deepEqual(r.plans, {});
});

test("a plan is checked and kept whole; an empty one is dropped", () => {
  const full = plan({
    actions: [{ id: "LD-01:1a2b3c4d", text: "ประชุมทบทวน", status: "doing" },
      { id: "t-abc123", text: "พิมพ์เอง", status: "dropped", reason: "งบไม่พอ" }],
    evidence: [{ title: "รายงาน", url: "https://x.example/1", date: "2026-11-20", checked_by: "สมชาย" }],
  });
  const got = Model.validate(state(round({ start: "2026-10-15", planYear: 2570, plans: { "LD-01": full, "LD-02": plan({ target: null, owner: "", month: null }) } })), SPEC);
  const r = got.state.rounds[0];
  assert.deepEqual(Object.keys(r.plans), ["LD-01"]);
  assert.deepEqual(r.plans["LD-01"].actions[1], { id: "t-abc123", text: "พิมพ์เอง", status: "dropped", reason: "งบไม่พอ" });
  assert.deepEqual(r.plans["LD-01"].evidence[0], { title: "รายงาน", url: "https://x.example/1", date: "2026-11-20", checked_by: "สมชาย" });
  assert.equal(r.start, "2026-10-15");
});

for (const [what, bad, reason] of [
  ["a javascript: evidence link", plan({ evidence: [{ title: "x", url: "javascript:alert(1)" }] }), /ไม่รับลิงก์แบบ “javascript:”/],
  ["a data: evidence link", plan({ evidence: [{ title: "x", url: "data:text/html,x" }] }), /ไม่รับลิงก์แบบ “data:”/],
  ["a month out of range", plan({ month: 13 }), /เดือนที่ต้องเสร็จ/],
  ["a target out of range", plan({ target: 7 }), /ระดับเป้าหมาย/],
  ["an unknown status", plan({ actions: [{ id: "t-abcd", text: "x", status: "later" }] }), /สถานะ/],
  ["duplicate action ids", plan({ actions: [{ id: "t-abcd", text: "x" }, { id: "t-abcd", text: "y" }] }), /ซ้ำ/],
  ["an owner id with markup", plan({ owner: "<b>" }), /ผู้รับผิดชอบ/],
]) {
  test("refuses a plan with " + what, () => {
    assert.throws(() => Model.validate(state(round({ plans: { "LD-01": bad } })), SPEC),
      (e) => e instanceof Model.Invalid && reason.test(e.message));
  });
}

test("a merged indicator's plan is copied to its successor; a plan for an unknown id is kept and named", () => {
  const s = Model.validate(state(round({ plans: {
    "LD-06": plan({ actions: [{ id: "LD-06:1a2b3c4d", text: "เดิม", status: "done" }] }),
    "ZZ-09": plan(),
  } })), SPEC).state;
  assert.equal(Model.carryReplaced(s, { "LD-06": "LD-01" }), true);
  const r = s.rounds[0];
  assert.equal(r.plans["LD-01"].actions[0].text, "เดิม");
  assert.equal(r.plans["LD-01"].actions[0].status, "done");
  assert.match(r.plans["LD-01"].actions[0].id, /^t-/);
  assert.ok(r.plans["LD-06"], "the old entry stays");
  assert.deepEqual(Plan.orphanPlans(r, ["LD-01", "LD-02"], { "LD-06": "LD-01" }), ["ZZ-09"]);
  // Validating again keeps the copy as it is: the successor's own id checks.
  assert.doesNotThrow(() => Model.validate(s, SPEC));
});

test("an import that changed only the plan counts as different content", () => {
  const a = round({ plans: {} });
  const b = round({ plans: { "LD-01": plan() }, updated: "2026-12-01T00:00:00Z" });
  const merged = Model.mergeRounds([Model.validate(state(a), SPEC).state.rounds[0]], [Model.validate(state(b), SPEC).state.rounds[0]], "x");
  assert.deepEqual(merged.replaced, ["รอบ 2570"]);
});

test("two members of one name from two browsers: the second is refused, nothing changes", () => {
  const r = { raters: [] };
  Model.addRater(r, { name: "สมชาย", id: "aaaaaa1", role: "staff", updated: "2026-11-01", ratings: {} });
  assert.throws(() => Model.addRater(r, { name: "สมชาย", id: "bbbbbb2", role: "executive", updated: "2026-11-05", ratings: {} }),
    (e) => e instanceof Model.Invalid && /ชื่อ “สมชาย” อยู่แล้ว/.test(e.message) && /เปลี่ยนชื่อ/.test(e.message));
  assert.equal(r.raters.length, 1);
  assert.equal(r.raters[0].id, "aaaaaa1");
  // The same member's newer file (same browser id) replaces the older one.
  assert.equal(Model.addRater(r, { name: "สมชาย", id: "aaaaaa1", role: "staff", updated: "2026-11-09", ratings: {} }), "replaced");
});

test("a member's role and browser id travel in the file and come back as the rater's", () => {
  const file = state(round(), { rater: "สมหญิง", role: "director", raterId: "abc123def" });
  const got = Model.raterFromFile(file, "x.json", SPEC, ["LD-01"], {});
  assert.equal(got.rater.role, "director");
  assert.equal(got.rater.id, "abc123def");
  assert.equal(Model.validate({ ...file, role: "boss" }, SPEC).state.role, undefined);
});

test("days: the Monday of week 2, at most 8 items starting on one day, then the next weekdays", () => {
  // November 2569 (2026): 1 Nov is a Sunday, so week 2's Monday is the 9th; October 2026: 1 Oct Thursday -> 12th.
  assert.equal(Plan.weekTwoMonday(2026, 11).toISOString().slice(0, 10), "2026-11-09");
  assert.equal(Plan.weekTwoMonday(2026, 10).toISOString().slice(0, 10), "2026-10-12");
  assert.equal(Plan.weekTwoMonday(2027, 2).toISOString().slice(0, 10), "2027-02-08");
  const list = Array.from({ length: 45 }, () => ({ month: 11 })).concat([{ month: 1 }, { month: null }]);
  const days = Plan.days(list, 2570);
  const perDay = {};
  days.filter(Boolean).forEach((d) => { perDay[d] = (perDay[d] || 0) + 1; });
  assert.ok(Object.values(perDay).every((n) => n <= Plan.PER_DAY), JSON.stringify(perDay));
  assert.deepEqual(Object.keys(perDay).filter((d) => d.startsWith("2026-11")),
    ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-16"]);
  assert.ok(Object.keys(perDay).every((d) => [1, 2, 3, 4, 5].includes(new Date(d + "T00:00:00Z").getUTCDay())), "weekdays only");
  assert.equal(days[45], "2027-01-11");
  assert.equal(days[46], "");
});

test("progress per group and what is overdue, by the due month of the plan's fiscal year", () => {
  const r = round({ planYear: 2570, plans: {
    "LD-01": plan({ owner: "personnel", month: 11, actions: [{ id: "t-aaaa", text: "ก", status: "todo" }, { id: "t-bbbb", text: "ข", status: "done" }] }),
    "SP-01": plan({ owner: "policy-plan", month: 12, actions: [{ id: "t-cccc", text: "ค", status: "doing" }] }),
    "LD-02": plan({ owner: "", month: 3, actions: [{ id: "t-dddd", text: "ง", status: "dropped", reason: "ไม่จำเป็น" }] }),
  } });
  const list = Plan.items(DATA, r);
  assert.deepEqual(list.map((x) => x.action.id), ["t-aaaa", "t-bbbb", "t-dddd", "t-cccc"]);
  const today = new Date(2026, 11, 6); // 6 December 2569
  assert.deepEqual(list.map((x) => Plan.dueState(x, 2570, today)), ["overdue", "none", "none", "due"]);
  const rows = Plan.progress(list, Object.keys(DATA.groups), 2570, today);
  assert.deepEqual(rows.map((x) => [x.owner, x.total, x.done, x.overdue]), [["policy-plan", 1, 0, 0], ["personnel", 2, 1, 1], ["", 1, 0, 0]]);
  assert.equal(Plan.monthLabel(11, 2570), "พฤศจิกายน 2569");
  assert.equal(Plan.monthLabel(3, 2570), "มีนาคม 2570");
});

test("checkpoints 6 and 12 months after the start; a 31st becomes the month's last day", () => {
  assert.deepEqual(Plan.checkpoints({ start: "2026-11-15" }).map((c) => c.date), ["2027-05-15", "2027-11-15"]);
  assert.deepEqual(Plan.checkpoints({ start: "2026-08-31" }).map((c) => c.date), ["2027-02-28", "2027-08-31"]);
});

test("leaders and staff: averages per side, widest gap first, members without a role left out and named", () => {
  const r = { raters: [
    { name: "ผอ.", role: "executive", ratings: { "LD-01": { level: 4 }, "LD-02": { level: 3 }, "SP-01": { level: 2 } } },
    { name: "ผอ.กลุ่ม", role: "director", ratings: { "LD-01": { level: 4 }, "LD-02": { level: 3 } } },
    { name: "ครู", role: "staff", ratings: { "LD-01": { level: 1 }, "LD-02": { level: 3 }, "SP-01": { level: 4 } } },
    { name: "ไม่ระบุ", role: "", ratings: { "LD-01": { level: 5 } } },
  ] };
  const view = Plan.leadersAndStaff(DATA, r);
  assert.deepEqual(view.rows.map((x) => [x.id, x.gap]), [["LD-01", 3], ["SP-01", -2], ["LD-02", 0]]);
  assert.deepEqual([view.leaders, view.staff, view.unknown], [2, 1, ["ไม่ระบุ"]]);
});

test("the calendar file: one item per planned action with a month, the checkpoints, escaped and folded, stable UIDs", () => {
  const r = Model.validate(state(round({ start: "2026-11-01", planYear: 2570, plans: {
    "LD-01": plan({ month: 11, actions: [{ id: "LD-01:1a2b3c4d", text: "ประชุม, ทบทวน; และสรุป\\ผล " + "ยาว".repeat(40), status: "todo" },
      { id: "t-abcd12", text: "ยกเลิกแล้ว", status: "dropped", reason: "ซ้ำกับงานอื่น" }] }),
    "LD-02": plan({ month: null, actions: [{ id: "t-zzzz99", text: "ยังไม่มีเดือน", status: "todo" }] }),
  } })), SPEC).state.rounds[0];
  const ctx = { data: DATA, round: r, scope: "hpo-handbook@abc", office: "สพป.ทดสอบ", url: "https://x.example/assessment/plan/" };
  const one = Ics.calendar({ ...ctx, now: new Date("2026-12-01T00:00:00Z") });
  const two = Ics.calendar({ ...ctx, now: new Date("2026-12-05T00:00:00Z") });
  const uids = (text) => text.split("\r\n").filter((l) => l.startsWith("UID:")).map((l) => l.slice(4));
  assert.deepEqual(uids(one), uids(two));
  assert.deepEqual(uids(one), ["r1-LD-01-LD-01-1a2b3c4d@hpo-handbook-abc", "r1-LD-01-t-abcd12@hpo-handbook-abc",
    "r1-checkpoint-6@hpo-handbook-abc", "r1-checkpoint-12@hpo-handbook-abc"]);
  assert.ok(one.includes("DTSTART;VALUE=DATE:20261109\r\n"));
  assert.ok(one.includes("STATUS:CANCELLED"));
  assert.ok(one.includes("DTSTART;VALUE=DATE:20270501"));
  const unfolded = one.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("SUMMARY:LD-01 ประชุม\\, ทบทวน\\; และสรุป\\\\ผล"));
  for (const line of one.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
  assert.ok(one.endsWith("END:VCALENDAR\r\n"));
});
