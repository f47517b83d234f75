// The office year's pages open at this month: office-year.js's pure part, in Node.
const test = require("node:test");
const assert = require("node:assert");
const { fiscalYearOf, monthTarget } = require("../../docs/assets/javascripts/office-year.js");

const ALL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];

test("the fiscal year starts on 1 October and is named after the year it ends (B.E.)", () => {
  assert.strictEqual(fiscalYearOf(new Date(2026, 8, 30)), 2569);
  assert.strictEqual(fiscalYearOf(new Date(2026, 9, 1)), 2570);
  assert.strictEqual(fiscalYearOf(new Date(2027, 8, 30)), 2570);
});

test("inside the fiscal year the page opens at this month", () => {
  assert.deepStrictEqual(monthTarget(new Date(2026, 11, 6), 2570, ALL), { inYear: true, month: 12 });
  assert.deepStrictEqual(monthTarget(new Date(2027, 6, 1), 2570, ALL), { inYear: true, month: 7 });
});

test("a group with no work this month opens at its next month with work, never an earlier one", () => {
  assert.deepStrictEqual(monthTarget(new Date(2026, 11, 6), 2570, [10, 1, 4]), { inYear: true, month: 1 });
  assert.deepStrictEqual(monthTarget(new Date(2027, 7, 6), 2570, [10, 1, 4]), { inYear: true, month: null });
});

test("outside the fiscal year the page opens at its start", () => {
  assert.deepStrictEqual(monthTarget(new Date(2028, 2, 1), 2570, ALL), { inYear: false, month: 10 });
  assert.deepStrictEqual(monthTarget(new Date(2026, 0, 1), 2570, [11, 2]), { inYear: false, month: 11 });
});
