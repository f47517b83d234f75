/* assessment-plan.js: a rating leads to a plan the office runs. The plan's shape and its arithmetic, with no DOM:
 * checking a saved or imported plan, evidence links (http and https only), carrying plans of merged indicators,
 * the planned actions as one list, the day each falls on in its month, progress per group, what is overdue, and
 * the follow-up checkpoints. Loads in Node for tests/js/.
 *
 * Saved with the round (assessment-model.js checks the rest of the state and calls checkRound here):
 *   round.start     "YYYY-MM-DD": when the round started; the checkpoints are 6 and 12 months after it
 *   round.planYear  the fiscal year (พ.ศ.) the plan runs in; its due months are months of that year
 *   round.plans     {<indicator id>: plan}
 *   plan = {target: 1-5|null, owner: <id from data/groups.yml>|"", month: 1-12|null, updated: ISO,
 *           actions: [{id, key?, text, status: todo|doing|done|dropped, reason}],
 *           evidence: [{title, url, date: "YYYY-MM-DD"|"", checked_by}]}
 *   action.id is the indicator's checklist key ("LD-01:1a2b3c4d", hpo_handbook/render.action_key) for an action
 *   picked from the indicator, or "t-<random>" for one the office typed; with the round and the indicator it
 *   makes the calendar item's UID, so importing a newer calendar file updates the item instead of adding one.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentPlan = api;
})(this, function () {
  "use strict";

  var STATUSES = ["todo", "doing", "done", "dropped"];
  var STATUS_LABEL = { todo: "ยังไม่เริ่ม", doing: "กำลังทำ", done: "เสร็จแล้ว", dropped: "ยกเลิก" };
  /** A team member's role, recorded in the member's own file (the team page compares leaders with staff). */
  var ROLES = ["executive", "director", "staff"];
  var ROLE_LABEL = { executive: "ผู้บริหารสำนักงาน (ผอ.สพป. หรือรอง ผอ.สพป.)", director: "ผู้อำนวยการกลุ่มหรือหัวหน้าหน่วย", staff: "บุคลากร" };
  var LEADERS = ["executive", "director"];
  var FISCAL_MONTHS = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
    "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var MAX_ACTIONS = 30;
  var MAX_EVIDENCE = 30;
  var MAX_TEXT = 500;
  var MAX_URL = 2000;
  /** How many calendar items may start on one day (the office year's .ics rule). */
  var PER_DAY = 8;
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  var ID_RE = /^[A-Z]{2}-\d{2}$/;
  var ACTION_ID_RE = /^([A-Z]{2}-\d{2}:[0-9a-f]{8}|t-[a-z0-9]{4,20})$/;
  var OWNER_RE = /^[a-z][a-z0-9-]{0,40}$/;

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function text(value, max) {
    return typeof value === "string" ? value.trim().slice(0, max || MAX_TEXT) : "";
  }

  /**
   * Why `url` cannot be kept as evidence, in Thai, or "" when it can: an absolute http or https address only.
   * javascript:, data:, file: and every other scheme are refused (a link that runs code or carries a file is
   * not evidence); so is a relative path, which means nothing outside this browser.
   */
  function urlProblem(url) {
    var raw = typeof url === "string" ? url.trim() : "";
    if (!raw) return "ยังไม่ได้ใส่ที่อยู่ลิงก์ของหลักฐาน";
    if (raw.length > MAX_URL) return "ลิงก์ยาวเกิน " + MAX_URL + " ตัวอักษร";
    // Control characters and spaces go before the scheme is read, as browsers drop them ("java\tscript:").
    // eslint-disable-next-line no-control-regex
    var scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw.replace(/[\u0000-\u0020]/g, ""));
    if (!scheme) return "ลิงก์หลักฐานต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://drive.google.com/…";
    var name = scheme[1].toLowerCase();
    if (name !== "http" && name !== "https") {
      return "ไม่รับลิงก์แบบ “" + name + ":” เป็นหลักฐาน รับเฉพาะลิงก์ที่ขึ้นต้นด้วย https:// หรือ http:// ไปยังเอกสารที่เก็บไว้ในระบบของสำนักงาน (คู่มือเก็บเฉพาะลิงก์ ไม่เก็บไฟล์)";
    }
    if (!/^https?:\/\/[^\s/?#]+/i.test(raw)) return "ลิงก์ไม่มีชื่อเว็บไซต์ต่อจาก " + name + "://";
    if (/\s/.test(raw)) return "ลิงก์มีช่องว่าง โปรดคัดลอกลิงก์จากแถบที่อยู่ของเบราว์เซอร์อีกครั้ง";
    return "";
  }

  function checkDate(value) {
    if (typeof value !== "string" || !DATE_RE.test(value)) return "";
    var d = new Date(value + "T00:00:00Z");
    return isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? "" : value;
  }

  function checkPlan(id, p, where, Invalid) {
    var at = where + ": แผนของตัวชี้วัด " + id;
    if (!isObject(p)) throw new Invalid(at + " ไม่อยู่ในรูปแบบที่ถูกต้อง");
    var target = p.target === undefined || p.target === null ? null : p.target;
    if (target !== null && [1, 2, 3, 4, 5].indexOf(target) < 0) throw new Invalid(at + ": ระดับเป้าหมายต้องเป็น 1 ถึง 5");
    var month = p.month === undefined || p.month === null ? null : p.month;
    if (month !== null && (month % 1 !== 0 || month < 1 || month > 12)) throw new Invalid(at + ": เดือนที่ต้องเสร็จไม่ถูกต้อง");
    var owner = p.owner === undefined || p.owner === null ? "" : p.owner;
    if (typeof owner !== "string" || (owner && !OWNER_RE.test(owner))) throw new Invalid(at + ": รหัสผู้รับผิดชอบไม่ถูกต้อง");
    var actions = p.actions === undefined ? [] : p.actions;
    if (!Array.isArray(actions) || actions.length > MAX_ACTIONS) {
      throw new Invalid(at + ": รายการสิ่งที่จะทำไม่อยู่ในรูปแบบที่ถูกต้องหรือมีเกิน " + MAX_ACTIONS + " ข้อ");
    }
    var seen = {};
    actions = actions.map(function (a, n) {
      var which = at + " สิ่งที่จะทำข้อ " + (n + 1);
      if (!isObject(a) || typeof a.id !== "string" || !ACTION_ID_RE.test(a.id) || seen[a.id]) {
        throw new Invalid(which + " มีรหัสไม่ถูกต้องหรือซ้ำ");
      }
      seen[a.id] = true;
      var words = text(a.text);
      if (!words) throw new Invalid(which + " ไม่มีข้อความ");
      var status = a.status === undefined ? "todo" : a.status;
      if (STATUSES.indexOf(status) < 0) throw new Invalid(which + ": สถานะไม่ถูกต้อง");
      return { id: a.id, text: words, status: status, reason: status === "dropped" ? text(a.reason) : "" };
    });
    var evidence = p.evidence === undefined ? [] : p.evidence;
    if (!Array.isArray(evidence) || evidence.length > MAX_EVIDENCE) {
      throw new Invalid(at + ": รายการหลักฐานไม่อยู่ในรูปแบบที่ถูกต้องหรือมีเกิน " + MAX_EVIDENCE + " รายการ");
    }
    evidence = evidence.map(function (e, n) {
      var which = at + " หลักฐานรายการที่ " + (n + 1);
      if (!isObject(e)) throw new Invalid(which + " ไม่อยู่ในรูปแบบที่ถูกต้อง");
      var problem = urlProblem(e.url);
      if (problem) throw new Invalid(which + ": " + problem);
      return { title: text(e.title) || e.url.trim(), url: e.url.trim(), date: checkDate(e.date),
        checked_by: text(e.checked_by, 80) };
    });
    var out = { target: target, owner: owner, month: month, actions: actions, evidence: evidence };
    if (typeof p.updated === "string") out.updated = p.updated;
    return out;
  }

  function isEmpty(p) {
    return p.target === null && !p.owner && p.month === null && !p.actions.length && !p.evidence.length;
  }

  /**
   * The plan part of a saved round, checked: {start, planYear, plans}. `Invalid` is the model's error type, so a
   * bad plan stops an import with the same Thai message path as a bad rating.
   */
  function checkRound(r, where, Invalid, created) {
    var start = checkDate(r.start) || localDate(new Date(Date.parse(created) || Date.now()));
    var planYear = typeof r.planYear === "number" && r.planYear % 1 === 0 && r.planYear >= 2500 && r.planYear <= 2700
      ? r.planYear : fiscalYearOf(start);
    var plans = {};
    if (r.plans !== undefined) {
      if (!isObject(r.plans)) throw new Invalid(where + ": แผนพัฒนา (plans) ไม่อยู่ในรูปแบบที่ถูกต้อง");
      Object.keys(r.plans).forEach(function (id) {
        if (!ID_RE.test(id)) throw new Invalid(where + ": รหัสตัวชี้วัดของแผน “" + id.slice(0, 20) + "” ไม่ถูกต้อง");
        var p = checkPlan(id, r.plans[id], where, Invalid);
        if (!isEmpty(p)) plans[id] = p;
      });
    }
    return { start: start, planYear: planYear, plans: plans };
  }

  /** "YYYY-MM-DD" of a day in the browser's time zone (the office's). */
  function localDate(d) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /** The fiscal year (พ.ศ.) of a "YYYY-MM-DD" day or a Date: 1 October starts the year named after the next one. */
  function fiscalYearOf(day) {
    var y, m;
    if (typeof day === "string") { y = Number(day.slice(0, 4)); m = Number(day.slice(5, 7)); }
    else { y = day.getFullYear(); m = day.getMonth() + 1; }
    return y + 543 + (m >= 10 ? 1 : 0);
  }

  /** The Gregorian year of calendar month `month` in fiscal year `planYear` (ต.ค.–ธ.ค. fall in the year before). */
  function yearOf(month, planYear) {
    return planYear - 543 - (month >= 10 ? 1 : 0);
  }

  /** "พฤศจิกายน 2569": a month of the plan's fiscal year as readers see it. */
  function monthLabel(month, planYear) {
    return MONTHS[month - 1] + " " + (yearOf(month, planYear) + 543);
  }

  /** Order of a month in the fiscal year, 0 for October. */
  function fiscalIndex(month) {
    return FISCAL_MONTHS.indexOf(month);
  }

  /* A rating's successor carries the plan too: a plan saved under a merged indicator is copied to the indicator
   * that replaced it when that one has no plan of its own (copy, never move, as for ratings). */
  function carryPlans(round, replaced) {
    var changed = false;
    var plans = round.plans || {};
    Object.keys(replaced).forEach(function (old) {
      var next = replaced[old];
      if (plans[old] && !plans[next]) {
        var copy = JSON.parse(JSON.stringify(plans[old]));
        // A picked action keeps its text; its key named the old indicator, so it becomes the successor's own item.
        copy.actions.forEach(function (a) { if (a.id.indexOf(old + ":") === 0) a.id = "t-" + a.id.replace(/[^a-z0-9]/g, "").slice(0, 20); });
        plans[next] = copy;
        changed = true;
      }
    });
    round.plans = plans;
    return changed;
  }

  /** Ids of saved plans this edition has no indicator for (neither an indicator nor a merged one's old id). */
  function orphanPlans(round, knownIds, replaced) {
    return Object.keys(round.plans || {}).filter(function (id) {
      return knownIds.indexOf(id) < 0 && !(replaced && replaced[id]);
    });
  }

  /**
   * Every planned action of a round, in the handbook's order: {indicator, action, owner, month, target, status,
   * reason, index}. Indicators this edition does not know are left out (orphanPlans names them).
   */
  function items(data, round) {
    var out = [];
    var plans = round.plans || {};
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var p = plans[id];
        if (!p) return;
        p.actions.forEach(function (a, n) {
          out.push({ indicator: id, mission: m.id, action: a, owner: p.owner, month: p.month, target: p.target,
            status: a.status, reason: a.reason, index: n });
        });
      });
    });
    return out;
  }

  /** True when an action still has work in it: not done and not dropped. */
  function open(item) {
    return item.status === "todo" || item.status === "doing";
  }

  /**
   * Where `today` (a Date) stands against an item's due month: "overdue" (a month before this one, still open),
   * "due" (this month, still open), "later", or "none" (no month, or closed).
   */
  function dueState(item, planYear, today) {
    if (!open(item) || !item.month) return "none";
    var dueY = yearOf(item.month, planYear), dueM = item.month;
    var y = today.getFullYear(), m = today.getMonth() + 1;
    if (dueY < y || (dueY === y && dueM < m)) return "overdue";
    if (dueY === y && dueM === m) return "due";
    return "later";
  }

  /**
   * Progress per owner, in data/groups.yml order (owners without a planned action left out; actions without an
   * owner last): [{owner, total, todo, doing, done, dropped, overdue}].
   */
  function progress(list, ownerIds, planYear, today) {
    var rows = {};
    list.forEach(function (x) {
      var key = x.owner || "";
      var row = rows[key] || (rows[key] = { owner: key, total: 0, todo: 0, doing: 0, done: 0, dropped: 0, overdue: 0 });
      row.total++;
      row[x.status]++;
      if (dueState(x, planYear, today) === "overdue") row.overdue++;
    });
    var order = ownerIds.concat([""]);
    return Object.keys(rows).sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    }).map(function (k) { return rows[k]; });
  }

  /** A day `months` months after "YYYY-MM-DD" (the 31st of a shorter month becomes its last day). */
  function addMonths(day, months) {
    var y = Number(day.slice(0, 4)), m = Number(day.slice(5, 7)) - 1 + months, d = Number(day.slice(8, 10));
    y += Math.floor(m / 12);
    m = ((m % 12) + 12) % 12;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
  }

  /** The follow-up checkpoints of a round: 6 and 12 months after its start. */
  function checkpoints(round) {
    return [6, 12].map(function (n) { return { months: n, date: addMonths(round.start, n) }; });
  }

  /** The Monday of the second week of a month (the office year's default day rule, hpo_handbook/schedule.py). */
  function weekTwoMonday(yearCE, month) {
    var first = new Date(Date.UTC(yearCE, month - 1, 1));
    var toMonday = (8 - first.getUTCDay()) % 7; // getUTCDay: 0 Sunday ... 1 Monday
    return new Date(Date.UTC(yearCE, month - 1, 1 + toMonday + 7));
  }

  /**
   * The day each planned action falls on: the Monday of its month's second week, as an event without a `day:`
   * rule in the office year; when more than PER_DAY items share a month, the next ones go to the following
   * weekdays (Tuesday, Wednesday, ...) so that no day starts more than PER_DAY items. Items without a month get
   * none. Returns "YYYY-MM-DD" per item, in the items' order (stable for the same plan).
   */
  function days(list, planYear) {
    var count = {};
    return list.map(function (x) {
      if (!x.month) return "";
      var n = count[x.month] || 0;
      count[x.month] = n + 1;
      var day = weekTwoMonday(yearOf(x.month, planYear), x.month);
      var slot = Math.floor(n / PER_DAY);
      var step = slot % 5 + 7 * Math.floor(slot / 5); // weekdays only: Mon..Fri of week 2, then of week 3
      day.setUTCDate(day.getUTCDate() + step);
      return day.toISOString().slice(0, 10);
    });
  }

  /** A fresh id for an action the office typed. */
  function typedId() {
    return "t-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  /**
   * The leaders-and-staff view of a team round: per indicator rated by at least one leader (executive or group
   * director) and one member of staff, both sides' average level and the gap (leaders − staff), widest gap first.
   *   -> {rows: [{id, leaders: {avg, n}, staff: {avg, n}, gap}], leaders: n, staff: n, unknown: [names]}
   */
  function leadersAndStaff(data, round) {
    var raters = round.raters || [];
    var side = function (x) { return LEADERS.indexOf(x.role) >= 0 ? "leaders" : x.role === "staff" ? "staff" : ""; };
    var counts = { leaders: 0, staff: 0 };
    var unknown = [];
    raters.forEach(function (x) { var s = side(x); if (s) counts[s]++; else unknown.push(x.name); });
    var rows = [];
    var order = 0;
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var levels = { leaders: [], staff: [] };
        raters.forEach(function (x) {
          var s = side(x), r = x.ratings[id];
          if (s && r && r.level) levels[s].push(r.level);
        });
        order++;
        if (!levels.leaders.length || !levels.staff.length) return;
        var avg = function (a) { return a.reduce(function (s, v) { return s + v; }, 0) / a.length; };
        var l = avg(levels.leaders), s = avg(levels.staff);
        rows.push({ id: id, order: order, leaders: { avg: l, n: levels.leaders.length },
          staff: { avg: s, n: levels.staff.length }, gap: Math.round((l - s) * 100) / 100 });
      });
    });
    rows.sort(function (a, b) { return Math.abs(b.gap) - Math.abs(a.gap) || a.order - b.order; });
    return { rows: rows, leaders: counts.leaders, staff: counts.staff, unknown: unknown };
  }

  return {
    STATUSES: STATUSES,
    STATUS_LABEL: STATUS_LABEL,
    ROLES: ROLES,
    ROLE_LABEL: ROLE_LABEL,
    FISCAL_MONTHS: FISCAL_MONTHS,
    PER_DAY: PER_DAY,
    MAX_ACTIONS: MAX_ACTIONS,
    MAX_EVIDENCE: MAX_EVIDENCE,
    urlProblem: urlProblem,
    checkDate: checkDate,
    checkRound: checkRound,
    isEmpty: isEmpty,
    localDate: localDate,
    fiscalYearOf: fiscalYearOf,
    yearOf: yearOf,
    monthLabel: monthLabel,
    fiscalIndex: fiscalIndex,
    carryPlans: carryPlans,
    orphanPlans: orphanPlans,
    items: items,
    open: open,
    dueState: dueState,
    progress: progress,
    addMonths: addMonths,
    checkpoints: checkpoints,
    weekTwoMonday: weekTwoMonday,
    days: days,
    typedId: typedId,
    leadersAndStaff: leadersAndStaff,
  };
});
