/* plan-on-calendar.js: the office's own plan items on the calendar page and the group pages, beside the handbook's
 * actions for that month (and group). Why a file of its own: the plan's code (assessment-plan*.js) loads only on
 * the assessment pages, and these pages need just a reader, so this stays a few KB: it reads the saved assessment
 * through hb-storage.js (peek: never writes, never backs up; the assessment page does that), takes the current
 * round's plan when its fiscal year is the page's, and adds one list per month. Nothing is sent anywhere.
 * The page carries the store's key and the groups' names (calendar_pages.py: .hb-own-plan).
 */
(function (root, factory) {
  var api = factory(typeof require === "function" ? require("./hb-storage.js") : root.HBStorage);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else api.start();
})(this, function (HBStorage) {
  "use strict";

  var STATUS = { todo: "ยังไม่เริ่ม", doing: "กำลังทำ", done: "เสร็จแล้ว", dropped: "ยกเลิก" };
  var FISCAL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  /** The current round's planned actions by month, for fiscal year `year` and (on a group page) one owner:
   * {round, year, months: {<month>: [{id, text, owner, status}]}, count}, or null when there is no plan. */
  function planItems(state, year, owner) {
    if (!state || !Array.isArray(state.rounds)) return null;
    var round = state.rounds.filter(function (r) { return r && r.id === state.current; })[0] || state.rounds[0];
    if (!round || !round.plans || typeof round.plans !== "object") return null;
    var out = { round: String(round.name || ""), year: round.planYear, months: {}, count: 0 };
    Object.keys(round.plans).sort().forEach(function (id) {
      var p = round.plans[id];
      if (!p || !Array.isArray(p.actions) || FISCAL.indexOf(p.month) < 0 || (owner && p.owner !== owner)) return;
      p.actions.forEach(function (a) {
        if (!a || typeof a.text !== "string") return;
        (out.months[p.month] = out.months[p.month] || []).push({ id: id, text: a.text, owner: p.owner, status: a.status });
        out.count++;
      });
    });
    return out.count && round.planYear === year ? out : out.count ? { other: round.planYear, round: out.round } : null;
  }

  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }

  function list(items, names, owner) {
    var ul = node("ul", "hb-own-list");
    items.forEach(function (x) {
      var who = owner ? "" : (names[x.owner] || "ยังไม่กำหนดผู้รับผิดชอบ") + " · ";
      ul.appendChild(node("li", "", x.id + " " + x.text + " (" + who + (STATUS[x.status] || "") + ")"));
    });
    return ul;
  }

  function show() {
    var holder = document.querySelector(".hb-own-plan");
    var page = document.querySelector("[data-fiscal-year]");
    if (!holder || !page || holder.dataset.done) return;
    holder.dataset.done = "1";
    var store = new HBStorage.Store({ key: holder.dataset.key, scope: holder.dataset.scope, legacy: holder.dataset.legacy,
      parse: function (raw) { return { state: JSON.parse(raw) }; }, empty: function () { return null; } });
    var owner = holder.dataset.group || "";
    var names = {};
    try { names = JSON.parse(holder.dataset.groups || "{}"); } catch (e) { names = {}; }
    var found = planItems(store.peek(holder.dataset.key), Number(page.getAttribute("data-fiscal-year")), owner);
    if (!found) return;
    var link = node("a", "", "หน้าแผนพัฒนา");
    link.href = holder.dataset.url;
    var note = node("p", "hb-own-note");
    holder.appendChild(note);
    holder.hidden = false;
    if (found.other) {
      note.append("แผนพัฒนาในเครื่องนี้ (รอบ “" + found.round + "”) เป็นของปีงบประมาณ พ.ศ. " + found.other
        + " จึงไม่แสดงในปฏิทินปีนี้ ดูหรือเปลี่ยนปีของแผนได้ที่", link);
      return;
    }
    note.append("เครื่องนี้มีแผนพัฒนาของสำนักงาน (รอบ “" + found.round + "”) " + found.count
      + " รายการ แสดงไว้ในเดือนที่ต้องเสร็จ ใต้หัวข้อ “แผนพัฒนาของสำนักงาน” แก้ไขได้ที่", link);
    FISCAL.forEach(function (m, n) {
      var items = found.months[m];
      if (!items) return;
      var box = node("div", "hb-own-month");
      box.setAttribute("data-own-month", m);
      box.appendChild(node("p", "hb-own-title", "แผนพัฒนาของสำนักงาน"));
      box.appendChild(list(items, names, owner));
      var month = document.querySelector('.hb-year-month[data-month="' + m + '"]');
      if (month) { month.appendChild(box); return; }
      var row = document.getElementById("month-" + m);
      if (row) { row.lastElementChild.appendChild(box); return; }
      // A group's page has rows only for months with the handbook's work: add one, in fiscal order.
      var body = document.querySelector(".hb-plan-table tbody");
      if (!body) return;
      var tr = node("tr", "hb-own-row");
      tr.setAttribute("data-month", m);
      var th = node("th", "", holder.dataset["month" + m] || "");
      th.scope = "row";
      var td = node("td");
      td.appendChild(box);
      tr.append(th, td);
      var after = FISCAL.slice(n + 1).map(function (x) { return document.getElementById("month-" + x) || body.querySelector('.hb-own-row[data-month="' + x + '"]'); })
        .filter(Boolean)[0] || body.querySelector("#all-year, #as-needed, .hb-plan-signoff-row");
      body.insertBefore(tr, after);
    });
  }

  function start() {
    HBStorage.onEveryPage(show);
  }

  return { planItems: planItems, start: start };
});
