/* The office year's pages (calendar/, calendar/groups/<id>/): open at this month, print a group's plan.
 *
 * Hand-written because it is a few lines no library offers: the pages are static and hold every month of the
 * configured fiscal year (data-fiscal-year, Buddhist Era); the reader's device date picks the month to open at.
 * A date outside that fiscal year opens the page at its start (October) and says so, in Thai. A link with its own
 * #anchor is left alone. Runs on every page swap of mkdocs-material's instant navigation (document$).
 * The pure part (monthTarget) loads in Node for tests/js/.
 */
(function (root, factory) {
  var api = factory(typeof require === "function" ? require("./hb-storage.js") : root.HBStorage);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else api.start();
})(this, function (HBStorage) {
  "use strict";

  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
    "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var FISCAL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  /* The fiscal year (พ.ศ.) a date falls in: 1 October starts the year named after the next calendar year. */
  function fiscalYearOf(date) {
    return date.getFullYear() + 543 + (date.getMonth() >= 9 ? 1 : 0);
  }

  /* Which month a page of fiscal year `fiscalYear` opens at on `date`, among the months it has (`available`,
   * calendar months): this month, else the next month with work, else none; outside the year, its first month. */
  function monthTarget(date, fiscalYear, available) {
    var inYear = fiscalYearOf(date) === fiscalYear;
    var order = inYear ? FISCAL.slice(FISCAL.indexOf(date.getMonth() + 1)) : FISCAL;
    var month = null;
    for (var i = 0; i < order.length; i++) {
      if (available.indexOf(order[i]) !== -1) { month = order[i]; break; }
    }
    return { inYear: inYear, month: month };
  }

  function thaiDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + (date.getFullYear() + 543);
  }

  function openAtThisMonth() {
    var holder = document.querySelector("[data-fiscal-year]");
    if (!holder || holder.dataset.hbOpened) return;
    holder.dataset.hbOpened = "true";
    var fiscalYear = parseInt(holder.getAttribute("data-fiscal-year"), 10);
    var available = Array.prototype.map.call(document.querySelectorAll("[id^='month-']"), function (el) {
      return parseInt(el.id.slice("month-".length), 10);
    });
    var today = new Date();
    var target = monthTarget(today, fiscalYear, available);
    var note = document.querySelector(".hb-this-month");
    if (note) {
      note.textContent = target.inYear
        ? "วันนี้ " + thaiDate(today) + " (ตามวันที่ในเครื่อง) หน้านี้จึงเปิดที่งานของเดือนนี้"
        : "วันนี้ " + thaiDate(today) + " อยู่นอกปีงบประมาณ พ.ศ. " + fiscalYear +
          " ที่คู่มือนี้แสดง หน้านี้จึงเปิดที่ต้นปีงบประมาณ (ตุลาคม)";
      note.hidden = false;
    }
    if (window.location.hash || target.month === null) return;
    var el = document.getElementById("month-" + target.month);
    if (el) {
      el.classList.add("hb-now");
      el.scrollIntoView({ block: "start" });
    }
  }

  function setupPrint() {
    document.querySelectorAll("[data-plan-print]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "true";
      button.hidden = false;
      button.addEventListener("click", function () { window.HBFonts.print(); });
    });
  }

  function init() {
    openAtThisMonth();
    setupPrint();
  }

  function start() {
    HBStorage.onEveryPage(init);
  }

  return { fiscalYearOf: fiscalYearOf, monthTarget: monthTarget, start: start };
});
