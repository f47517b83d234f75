// assessment-model.js: validation and migration of saved data, import merge by `updated`, raters from files.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Model = require("../../docs/assets/javascripts/assessment-model.js");

const SPEC = { format: "hpo-handbook-assessment", version: 3 };
const round = (id, updated, ratings, extra = {}) => ({
  id, name: "รอบ " + id, created: "2026-10-01T00:00:00Z", updated, target: 3, ratings, ...extra,
});
const state = (rounds, extra = {}) => ({ format: SPEC.format, version: 3, current: rounds[0].id, rounds, ...extra });

test("a valid state passes unchanged and empty ratings are dropped", () => {
  const got = Model.validate(state([round("a", "2026-10-02T00:00:00Z", { "LD-01": { level: 3, notes: "" }, "LD-02": { level: null, notes: "" } })]), SPEC);
  assert.equal(got.migrated, false);
  assert.deepEqual(got.state.rounds[0].ratings, { "LD-01": { level: 3, notes: "" } });
});

test("version 0 and version 1 are migrated; a newer version is refused in Thai", () => {
  const v0 = Model.validate({ format: SPEC.format, version: 0, ratings: { "LD-01": 4 }, notes: { "LD-01": "หลักฐาน" } }, SPEC);
  assert.equal(v0.migrated, true);
  assert.deepEqual(v0.state.rounds[0].ratings, { "LD-01": { level: 4, notes: "หลักฐาน" } });
  const v1 = Model.validate({ ...state([round("a", "x", {})]), version: 1 }, SPEC);
  assert.equal(v1.migrated, true);
  assert.equal(v1.state.version, 3);
  const v2 = Model.validate({ ...state([round("a", "x", {})]), version: 2 }, SPEC);
  assert.equal(v2.migrated, true);
  assert.deepEqual(v2.state.rounds[0].plans, {});
  assert.throws(() => Model.validate({ format: SPEC.format, version: 4, rounds: [] }, SPEC), /รุ่นใหม่กว่า/);
});

for (const [what, bad, reason] of [
  ["another format", { hello: "world" }, /ไม่ใช่ผลการประเมิน/],
  ["a level out of range", state([round("a", "x", { "LD-01": { level: 9 } })]), /1 ถึง 5/],
  ["a bad indicator id", state([round("a", "x", { "<b>": { level: 1 } })]), /รหัสตัวชี้วัด/],
  ["duplicate round ids", state([round("a", "x", {}), round("a", "x", {})]), /ซ้ำ/],
  ["duplicate rater names", state([round("a", "x", {}, { raters: [{ name: "ก", ratings: {} }, { name: "ก", ratings: {} }] })]), /ซ้ำ/],
]) {
  test("refuses " + what, () => assert.throws(() => Model.validate(bad, SPEC), (e) => e instanceof Model.Invalid && reason.test(e.message)));
}

test("a merged indicator's rating is copied to its successor, the old entry stays", () => {
  const s = state([round("a", "x", { "LD-06": { level: 4, notes: "เดิม" } }, { raters: [{ name: "ก", ratings: { "LD-06": { level: 2, notes: "" } } }] })]);
  assert.equal(Model.carryReplaced(s, { "LD-06": "LD-02" }), true);
  assert.equal(s.rounds[0].ratings["LD-02"].level, 4);
  assert.equal(s.rounds[0].ratings["LD-06"].level, 4);
  assert.equal(s.rounds[0].raters[0].ratings["LD-02"].level, 2);
  assert.equal(Model.carryReplaced(s, { "LD-06": "LD-02" }), false, "only once");
});

test("an older import never replaces newer work: both are kept", () => {
  const stored = [round("a", "2026-11-02T00:00:00Z", { "LD-01": { level: 4, notes: "" } })];
  const older = [round("a", "2026-11-01T00:00:00Z", { "LD-01": { level: 2, notes: "" } })];
  const got = Model.mergeRounds(stored, older, "ฉบับเก่ากว่าจากไฟล์ x.json");
  assert.equal(got.rounds.length, 2);
  assert.equal(got.rounds[0].ratings["LD-01"].level, 4, "the newer stored round stays as it was");
  assert.notEqual(got.rounds[1].id, "a");
  assert.match(got.rounds[1].name, /ฉบับเก่ากว่า/);
  assert.deepEqual(got.replaced, []);
  assert.equal(got.keptBoth.length, 1);
});

test("a newer import replaces the stored round; an identical one changes nothing; a new one is added", () => {
  const stored = [round("a", "2026-11-01T00:00:00Z", { "LD-01": { level: 2, notes: "" } }), round("b", "2026-11-01T00:00:00Z", {})];
  const got = Model.mergeRounds(stored, [
    round("a", "2026-11-05T00:00:00Z", { "LD-01": { level: 5, notes: "" } }),
    round("b", "2026-12-01T00:00:00Z", {}),
    round("c", "2026-11-01T00:00:00Z", {}),
  ], "x");
  assert.equal(got.rounds[0].ratings["LD-01"].level, 5);
  assert.deepEqual(got.replaced, ["รอบ a"]);
  assert.deepEqual(got.unchanged, ["รอบ b"]);
  assert.deepEqual(got.added, ["รอบ c"]);
});

test("too many rounds after a merge is refused and changes nothing", () => {
  const stored = Array.from({ length: Model.MAX_ROUNDS }, (_, n) => round("s" + n, "x", {}));
  assert.throws(() => Model.mergeRounds(stored, [round("new", "x", {})], "x"), Model.Invalid);
  assert.equal(stored.length, Model.MAX_ROUNDS);
});

test("a member's file becomes a rater: named by the name field, else the file name", () => {
  const file = state([round("a", "2026-11-01T00:00:00Z", { "LD-01": { level: 3, notes: "มีแผน" } })], { rater: "สมชาย" });
  const got = Model.raterFromFile(file, "ผลของฉัน.json", SPEC, ["LD-01", "LD-02"], {});
  assert.equal(got.rater.name, "สมชาย");
  assert.deepEqual(got.rater.ratings, { "LD-01": { level: 3, notes: "มีแผน" } });
  delete file.rater;
  assert.equal(Model.raterFromFile(file, "สมหญิง.json", SPEC, ["LD-01"], {}).rater.name, "สมหญิง");
});

test("unknown ids are left out and listed; merged ones follow their successor; none known is refused", () => {
  const file = state([round("a", "x", { "LD-01": { level: 3 }, "LD-06": { level: 2 }, "ZZ-09": { level: 5 } })]);
  const got = Model.raterFromFile(file, "ก.json", SPEC, ["LD-01", "LD-02"], { "LD-06": "LD-02" });
  assert.deepEqual(Object.keys(got.rater.ratings).sort(), ["LD-01", "LD-02"]);
  assert.deepEqual(got.skipped, ["ZZ-09"]);
  const foreign = state([round("a", "x", { "ZZ-01": { level: 3 } })]);
  assert.throws(() => Model.raterFromFile(foreign, "ข.json", SPEC, ["LD-01"], {}), /คู่มือฉบับอื่น/);
});

test("a rater with the same name: the newer file wins, an older one is kept out", () => {
  const r = { ratings: {} };
  assert.equal(Model.addRater(r, { name: "ก", updated: "2026-11-02T00:00:00Z", ratings: { "LD-01": { level: 4 } } }), "added");
  assert.equal(Model.addRater(r, { name: "ก", updated: "2026-11-01T00:00:00Z", ratings: {} }), "kept");
  assert.equal(r.raters[0].ratings["LD-01"].level, 4);
  assert.equal(Model.addRater(r, { name: "ก", updated: "2026-11-03T00:00:00Z", ratings: {} }), "replaced");
});
