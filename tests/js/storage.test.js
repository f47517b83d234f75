// hb-storage.js: scoped keys, copying (never moving) old keys, backups of unreadable values, no silent loss.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { Store, legacyKey, backup, message, MAX_BACKUPS } = require("../../docs/assets/javascripts/hb-storage.js");

/** A Storage-like object over a Map; `full` makes setItem throw like a browser over its quota. */
function memory(entries = {}, full = false) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { if (full) throw new Error("QuotaExceededError"); map.set(k, String(v)); },
    removeItem: (k) => map.delete(k),
  };
}

const SCOPE = "hpo-handbook@aaaaaaaaaaaa";
const KEY = SCOPE + ":v1:checklist:leadership";
const OLD = "hpo-handbook:v1:checklist:leadership";
const parse = (raw) => {
  const v = JSON.parse(raw);
  if (!v || typeof v.done !== "object") throw Object.assign(new Error("รูปแบบข้อมูลไม่ถูกต้อง"));
  return { state: v, migrated: false };
};
const open = (storage) => new Store({ key: KEY, scope: SCOPE, legacy: "hpo-handbook", parse, empty: () => ({ done: {} }), storage });

test("the old key of a scoped key drops the scope", () => {
  assert.equal(legacyKey(KEY, SCOPE, "hpo-handbook"), OLD);
  assert.equal(legacyKey("other:v1:x", SCOPE, "hpo-handbook"), null);
});

test("an empty scoped key copies the old key and leaves it in place", () => {
  const s = memory({ [OLD]: '{"done":{"a":true}}' });
  const got = open(s).load();
  assert.equal(got.status, "copied");
  assert.deepEqual(got.state, { done: { a: true } });
  assert.equal(s.getItem(OLD), '{"done":{"a":true}}', "the old key is never moved or deleted");
  assert.equal(s.getItem(KEY), '{"done":{"a":true}}');
  assert.match(message(got, "ข้อมูลแบบตรวจสอบ", ""), /คัดลอก/);
});

test("a scoped key with data is never overwritten from the old key", () => {
  const s = memory({ [OLD]: '{"done":{"old":true}}', [KEY]: '{"done":{}}' });
  const got = open(s).load();
  assert.equal(got.status, "ok");
  assert.deepEqual(got.state, { done: {} });
});

test("two scopes on one origin keep separate data", () => {
  const s = memory();
  const a = open(s);
  const b = new Store({ key: "hpo-handbook@bbbbbbbbbbbb:v1:checklist:leadership", scope: "hpo-handbook@bbbbbbbbbbbb",
    legacy: "hpo-handbook", parse, empty: () => ({ done: {} }), storage: s });
  a.save({ done: { x: true } });
  assert.equal(b.load().status, "empty");
});

test("an unreadable value is backed up, reset, and said so", () => {
  const s = memory({ [KEY]: "{broken" });
  const got = open(s).load();
  assert.equal(got.status, "corrupt");
  assert.equal(got.backupKey, KEY + ":backup");
  assert.equal(s.getItem(KEY + ":backup"), "{broken");
  assert.equal(s.getItem(KEY), '{"done":{}}');
  assert.match(message(got, "ข้อมูลแบบตรวจสอบ", "จึงเริ่มใหม่"), /อ่านไม่ได้.*สำเนา/);
});

test("a second unreadable value takes the next backup slot; an identical one is not stored twice", () => {
  assert.equal(backup(memory({ [KEY + ":backup"]: "one" }), KEY, "two"), KEY + ":backup:2");
  assert.equal(backup(memory({ [KEY + ":backup"]: "one" }), KEY, "one"), KEY + ":backup");
  const full = {};
  for (let n = 1; n <= MAX_BACKUPS; n++) full[KEY + ":backup" + (n === 1 ? "" : ":" + n)] = "x" + n;
  assert.equal(backup(memory(full), KEY, "new"), null);
});

test("when no backup can be written the unreadable value stays and saving is refused", () => {
  const s = memory({ [KEY]: "{broken" }, true);
  const store = open(s);
  const got = store.load();
  assert.equal(got.status, "corrupt-kept");
  assert.equal(store.save({ done: { a: true } }), false);
  assert.equal(s.getItem(KEY), "{broken");
  assert.match(message(got, "ข้อมูลแบบตรวจสอบ", ""), /ไม่บันทึกทับ/);
});

test("no storage at all is reported, not thrown", () => {
  const got = open(null).load();
  assert.equal(got.status, "unavailable");
  assert.match(message(got, "ข้อมูลการประเมิน", ""), /ไม่อนุญาต/);
});

test("peek reads another key, falling back to its old unscoped key", () => {
  const other = SCOPE + ":v1:checklist:all";
  const s = memory({ "hpo-handbook:v1:checklist:all": '{"done":{"b":true}}' });
  assert.deepEqual(open(s).peek(other), { done: { b: true } });
  assert.equal(open(memory({ [other]: "{bad" })).peek(other), null);
});
