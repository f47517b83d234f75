/* assessment-plan-ics.js: the office's plan as an iCalendar file (RFC 5545), written in the browser, so it works in
 * the offline edition too and nothing is sent anywhere. Same rules as the office year's files (hpo_handbook/ical.py):
 * - one all-day item per planned action, in its due month, on the Monday of the month's second week, with no more
 *   than 8 items starting on one day (HBAssessmentPlan.days spreads the rest over the next weekdays);
 * - one item for each follow-up checkpoint (6 and 12 months after the round's start);
 * - UIDs from the round, the indicator and the action (and the handbook's storage scope), so importing a newer
 *   file updates each item instead of adding a second one; a dropped action is sent as STATUS:CANCELLED.
 * Written by hand: about sixty lines of text escaping and line folding, where a library would be larger than the
 * rest of the plan's code. Loads in Node for tests/js/.
 */
(function (root, factory) {
  var req = typeof require === "function";
  var api = factory(req ? require("./assessment-plan.js") : root.HBAssessmentPlan);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentPlanIcs = api;
})(this, function (Plan) {
  "use strict";

  /** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
  function escapeText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /** Fold a content line at 75 octets of UTF-8, never inside a character (3.1). */
  function fold(line) {
    var out = [];
    var current = "", size = 0;
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) ch += line[++i];
      var bytes = ch.length > 1 ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += bytes;
    }
    out.push(current);
    return out.join("\r\n ");
  }

  function compact(day) {
    return day.replace(/-/g, "");
  }

  function nextDay(day) {
    var d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function stamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /** A UID part: letters, digits and - only. */
  function part(value) {
    return String(value).replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function uid(round, item, scope) {
    return part(round.id) + "-" + part(item.indicator) + "-" + part(item.action.id) + "@" + part(scope || "hpo-handbook");
  }

  function vevent(lines, fields) {
    lines.push("BEGIN:VEVENT");
    Object.keys(fields).forEach(function (name) {
      if (fields[name] !== "" && fields[name] !== undefined) lines.push(fold(name + ":" + fields[name]));
    });
    lines.push("END:VEVENT");
  }

  /**
   * The calendar file's text. `ctx` = {data (the page's indicator data, with groups), round, scope (the handbook's
   * storage scope), office (name), url (the plan page's address, or ""), now (Date: DTSTAMP)}.
   */
  function calendar(ctx) {
    var data = ctx.data, round = ctx.round;
    var groups = data.groups || {};
    var list = Plan.items(data, round).filter(function (x) { return x.month; });
    var days = Plan.days(list, round.planYear);
    var now = stamp(ctx.now || new Date());
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hpo-handbook//improvement plan//TH", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      fold("X-WR-CALNAME:" + escapeText("แผนพัฒนา " + round.name + (ctx.office ? " · " + ctx.office : ""))),
      "X-WR-TIMEZONE:Asia/Bangkok"];
    list.forEach(function (x, n) {
      var ind = data.indicators[x.indicator] || { title: "" };
      var owner = groups[x.owner] || "";
      var description = [
        "ตัวชี้วัด " + x.indicator + " " + ind.title,
        "สิ่งที่จะทำ: " + x.action.text,
        "ผู้รับผิดชอบ: " + (owner || "ยังไม่ได้กำหนด"),
        "ต้องเสร็จภายในเดือน" + Plan.monthLabel(x.month, round.planYear),
        x.target ? "ระดับเป้าหมาย: ระดับ " + x.target : "",
        "สถานะ: " + Plan.STATUS_LABEL[x.status] + (x.status === "dropped" && x.reason ? " (" + x.reason + ")" : ""),
        "รอบการประเมิน: " + round.name,
        "วันในไฟล์นี้เป็นวันตั้งต้น ให้สำนักงานย้ายเป็นวันจริงในปฏิทินของตน",
      ].filter(Boolean).join("\n");
      vevent(lines, {
        UID: uid(round, x, ctx.scope),
        DTSTAMP: now,
        "DTSTART;VALUE=DATE": compact(days[n]),
        "DTEND;VALUE=DATE": compact(nextDay(days[n])),
        SUMMARY: escapeText((x.status === "done" ? "เสร็จแล้ว: " : "") + x.indicator + " " + x.action.text),
        DESCRIPTION: escapeText(description),
        URL: ctx.url ? ctx.url + "#plan-" + x.indicator.toLowerCase() : "",
        STATUS: x.status === "dropped" ? "CANCELLED" : "CONFIRMED",
        TRANSP: "TRANSPARENT",
      });
    });
    Plan.checkpoints(round).forEach(function (c) {
      vevent(lines, {
        UID: part(round.id) + "-checkpoint-" + c.months + "@" + part(ctx.scope || "hpo-handbook"),
        DTSTAMP: now,
        "DTSTART;VALUE=DATE": compact(c.date),
        "DTEND;VALUE=DATE": compact(nextDay(c.date)),
        SUMMARY: escapeText("ติดตามผลแผนพัฒนา " + c.months + " เดือน: " + round.name),
        DESCRIPTION: escapeText("ทบทวนสถานะของทุกสิ่งที่จะทำในแผนพัฒนา ปรับสถานะ และบันทึกหลักฐานที่ได้ แล้วพิมพ์รายงานความคืบหน้าเสนอผู้บริหาร"),
        URL: ctx.url || "",
        TRANSP: "TRANSPARENT",
      });
    });
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  return { calendar: calendar, escapeText: escapeText, fold: fold, uid: uid };
});
