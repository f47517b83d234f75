// checklist.js: strict validation of the stored shape and copying ticks from earlier action keys.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parseState, copyEarlier } = require("../../docs/assets/javascripts/checklist.js");

test("a well-formed value parses", () => {
  const v = { done: { "LD-01:abc": true }, fields: { "LD-01:abc": { owner: "กลุ่มอำนวยการ", due: "", note: "x" } } };
  assert.deepEqual(parseState(JSON.stringify(v)), v);
});

for (const bad of ["{not json", "[1, 2]", '{"done": {"x": "yes"}, "fields": {}}', '{"done": {}, "fields": {"x": {"owner": 5}}}',
  '{"done": {}, "fields": {"x": {"colour": "red"}}}', '{"done": {}}']) {
  test("rejects " + bad, () => assert.throws(() => parseState(bad), (e) => /[ก-๙]/.test(e.message)));
}

test("ticks and fields of earlier keys are copied, never moved, and never over newer ones", () => {
  const old = { done: { "LD-06:old": true }, fields: { "LD-06:old": { note: "ฉบับก่อน" } } };
  const state = { done: { "LD-02:kept": true }, fields: {} };
  const moves = [
    { action: "LD-02:new", was: [["k:leadership", "LD-06:old"]] },
    { action: "LD-02:kept", was: [["k:leadership", "LD-06:old"]] },
    { action: "LD-02:none", was: [["k:missing", "x"]] },
  ];
  const copied = copyEarlier(state, moves, "k:own", (k) => (k === "k:leadership" ? old : null));
  assert.equal(copied, true);
  assert.equal(state.done["LD-02:new"], true);
  assert.deepEqual(state.fields["LD-02:new"], { note: "ฉบับก่อน" });
  assert.equal(state.fields["LD-02:kept"], undefined, "an action with its own tick keeps it");
  assert.ok(old.done["LD-06:old"], "the earlier entry stays");
  assert.notEqual(state.fields["LD-02:new"], old.fields["LD-06:old"], "a copy, not a shared object");
});
