// thai-search.js: the query is cut into Thai words the way hpo_handbook/search_index.py cuts the index, and
// prepared for mkdocs-material's search (stop words out, hyphenated codes as AND, whole words exact).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const search = require("../../docs/assets/javascripts/thai-search.js");

// Module state: the abbreviations arrive once with the index (SETUP). Each test starts from none.
test.beforeEach(() => search.setAbbreviations([]));

test("text without Thai is left exactly as typed", () => {
  for (const q of ["O-NET", "plan  b", "", "LD-01 PLC"]) assert.equal(search.segmentQuery(q), q);
});

test("Thai typed without spaces is cut into words", () => {
  assert.equal(search.segmentQuery("แผนปฏิบัติราชการ"), "แผน ปฏิบัติ ราชการ");
  assert.equal(search.segmentQuery("แผน ปฏิบัติ"), "แผน ปฏิบัติ", "an existing space is not doubled");
});

test("Thai meets other letters: a cut at each change, never before a dot", () => {
  assert.equal(search.segmentQuery("ใช้PLCใน"), "ใช้ PLC ใน");
  assert.equal(search.segmentQuery("พ.ศ.2542"), "พ.ศ. 2542");
});

test("letter-dot chains stay one word", () => {
  assert.equal(search.segmentQuery("ก.ค.ศ.กำหนด"), "ก.ค.ศ. กำหนด");
  assert.deepEqual(search.boundaries("ก.ค.ศ.กำหนด"), [6]);
});

test("the glossary's abbreviations stay one word once the index sent them", () => {
  search.setAbbreviations(["ผอ.สพป.", "สพป."]);  // longest first, as search_index.thai_abbreviations sends them
  assert.equal(search.segmentQuery("ผอ.สพป.ประชุม"), "ผอ.สพป. ประชุม");
  assert.equal(search.segmentQuery("สพป.ตัวอย่าง"), "สพป. ตัวอย่าง");
  search.setAbbreviations(undefined);  // an index without the list: letter-dot chains only
  assert.equal(search.segmentQuery("พ.ศ.2542"), "พ.ศ. 2542");
});

test("abbreviations with regular-expression characters are taken literally", () => {
  search.setAbbreviations(["ก(ข)+.", "ค*."]);
  assert.equal(search.segmentQuery("ก(ข)+.ค*.ง"), search.segmentQuery("ก(ข)+.ค*.ง"));  // no exception
  assert.match(search.segmentQuery("ก(ข)+.งาน"), /^ก\(ข\)\+\. /);
});

test("hyphenated codes become an AND of their parts, the last one a prefix", () => {
  assert.equal(search.joinHyphenated("LD-01"), "+LD +01*");
  assert.equal(search.joinHyphenated("ผล O-NET"), "ผล +O +NET*");
  assert.equal(search.joinHyphenated("a- -b ก-ข"), "a- -b ก-ข", "only letter-or-digit parts on both sides");
});

test("Thai function words are left out, unless nothing else is left", () => {
  assert.equal(search.dropThaiStopWords("การ จัดการ ความ รู้"), "จัดการ รู้");
  assert.equal(search.dropThaiStopWords("การ และ"), "การ และ");
});

test("every Thai word but the last is asked for exactly", () => {
  assert.equal(search.exactParts("แผน ปฏิบัติ ราชการ"), "แผน^1 ปฏิบัติ^1 ราชการ");
  assert.equal(search.exactParts("แผน PLC ผอ. งาน"), "แผน^1 PLC ผอ. งาน", "non-Thai and dotted words keep the prefix");
  assert.equal(search.exactParts(" แผน  "), "แผน");
});

test("prepareQuery chains the steps", () => {
  assert.equal(search.prepareQuery("แผนปฏิบัติราชการ"), "แผน^1 ปฏิบัติ^1 ราชการ");
  assert.equal(search.prepareQuery("การจัดการความรู้"), "จัดการ^1 รู้");
  assert.equal(search.prepareQuery("ผลO-NET"), "ผล^1 +O +NET*");
  assert.equal(search.prepareQuery("O-NET"), "+O +NET*");
});

test("the worker shim rewrites queries only, reads the abbreviations, and patches once", () => {
  const sent = [];
  class FakeWorker { postMessage(message, transfer) { sent.push([message, transfer]); } }
  search.patchWorker(FakeWorker);
  const patched = FakeWorker.prototype.postMessage;
  search.patchWorker(FakeWorker);
  assert.equal(FakeWorker.prototype.postMessage, patched, "instant navigation runs the script again: no double patch");

  const w = new FakeWorker();
  w.postMessage({ type: 0, data: { config: { thai_abbr: ["สพป."] }, docs: [] } });
  w.postMessage({ type: 2, data: "สพป.แผนงาน" }, ["t"]);
  w.postMessage({ type: 1, data: "แผนงาน" });
  w.postMessage("anything");
  assert.deepEqual(sent[1], [{ type: 2, data: "สพป. แผน^1 งาน" }, ["t"]]);
  assert.deepEqual(sent[2][0], { type: 1, data: "แผนงาน" }, "other messages go as they are");
  assert.equal(sent[3][0], "anything");
  assert.doesNotThrow(() => search.patchWorker(undefined));  // a browser without workers
});
