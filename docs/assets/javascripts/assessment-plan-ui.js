/* assessment-plan-ui.js: the plan on the page. On the plan page (docs/assessment/plan.md) one editor per indicator
 * with a plan: target level, owner (a group, role or committee of data/groups.yml, from the page's data block),
 * due month of the plan's fiscal year, the actions picked from the indicator's own or typed, each with a status,
 * and evidence as links (http and https only: assessment-plan.js). On the plan page and the report: the follow-up
 * (checkpoints at 6 and 12 months, progress per group, what is overdue this month) and the plan as an office form
 * for A4 (print.css), and the plan's calendar file (assessment-plan-ics.js). `ctl` is the page's controller
 * (assessment.js). Text from the data and the reader always goes in as text nodes (assessment-dom.js).
 */
(function (root, factory) {
  var req = typeof require === "function";
  var api = factory(
    req ? require("./assessment-dom.js") : root.HBAssessmentDom,
    req ? require("./assessment-stats.js") : root.HBAssessmentStats,
    req ? require("./assessment-plan.js") : root.HBAssessmentPlan,
    req ? require("./assessment-plan-ics.js") : root.HBAssessmentPlanIcs);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentPlanUi = api;
})(this, function (Dom, Stats, Plan, Ics) {
  "use strict";

  var el = Dom.el, append = Dom.append;
  var SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

  function key(id) {
    return id.toLowerCase();
  }

  function groups(ctl) {
    return ctl.data.groups || {};
  }

  function ownerName(ctl, owner) {
    return owner ? groups(ctl)[owner] || owner : "ยังไม่กำหนดผู้รับผิดชอบ";
  }

  function shortMonth(month, planYear) {
    return SHORT[month - 1] + " " + (Plan.yearOf(month, planYear) + 543);
  }

  function dayText(day) {
    return day ? Dom.thaiDate(new Date(day + "T00:00:00")) : "";
  }

  function option(value, label, selected) {
    var o = el("option", { value: value }, label);
    o.selected = selected;
    return o;
  }

  /** A new plan for an indicator: the round's target (one level up when it is reached already), the indicator's
   * first owner when it is one of the office's groups, no month yet. */
  function newPlan(ctl, id) {
    var round = ctl.round();
    var level = Stats.levelOf(round, id);
    var target = level === null || level < round.target ? round.target : Math.min(5, level + 1);
    var owners = (ctl.data.indicators[id].ownerIds || []).filter(function (o) { return groups(ctl)[o]; });
    return { target: target, owner: owners[0] || "", month: null, actions: [], evidence: [] };
  }

  function touch(ctl, id) {
    var p = ctl.round().plans[id];
    if (p) p.updated = new Date().toISOString();
    ctl.save();
  }

  // ── The plan page ──────────────────────────────────────────────────────────────────────────

  function bind(ctl) {
    ctl.$("plan-start").addEventListener("change", function (e) {
      var day = Plan.checkDate(e.target.value);
      if (!day) { ctl.alert("โปรดใส่วันเริ่มรอบการประเมินให้ครบ (วัน เดือน ปี)"); return; }
      ctl.round().start = day;
      ctl.save();
      fillSettings(ctl);
      fillFollowUp(ctl);
      ctl.status("วันเริ่มรอบเป็น " + dayText(day) + " จุดติดตามผลเลื่อนตามแล้ว");
    });
    ctl.$("plan-year").addEventListener("change", function (e) {
      ctl.round().planYear = Number(e.target.value);
      ctl.save();
      fill(ctl);
      ctl.status("แผนนี้ใช้ปีงบประมาณ พ.ศ. " + e.target.value + " เดือนที่ต้องเสร็จของทุกแผนเป็นเดือนของปีนี้");
    });
    ctl.$("plan-add").addEventListener("click", function () {
      var id = ctl.$("plan-add-select").value;
      if (!id) { ctl.alert("โปรดเลือกตัวชี้วัดที่จะวางแผน"); ctl.$("plan-add-select").focus(); return; }
      addPlans(ctl, [id]);
    });
    ctl.$("plan-from-gaps").addEventListener("click", function () {
      var round = ctl.round();
      var gaps = ctl.ids.filter(function (id) {
        var level = Stats.levelOf(round, id);
        return level !== null && level < round.target && !round.plans[id];
      });
      if (!gaps.length) {
        ctl.status(Stats.rated(round, ctl.ids).length
          ? "ไม่มีจุดที่ต้องพัฒนาที่ยังไม่มีแผน (ตัวชี้วัดที่ต่ำกว่าระดับ " + round.target + " มีแผนครบแล้ว)"
          : "รอบนี้ยังไม่มีผลการประเมิน จึงยังไม่มีจุดที่ต้องพัฒนา เลือกตัวชี้วัดเพื่อวางแผนได้เอง");
        return;
      }
      addPlans(ctl, gaps);
    });
    var list = ctl.$("plan-list");
    list.addEventListener("change", function (e) { onChange(ctl, e.target); });
    list.addEventListener("click", function (e) { onClick(ctl, e.target); });
    list.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || !(e.target instanceof HTMLInputElement) || e.target.type === "checkbox") return;
      var box = e.target.closest("[data-add]");
      if (!box) return;
      e.preventDefault();
      box.querySelector("button[data-do]").click();
    });
    bindForm(ctl);
  }

  function addPlans(ctl, ids) {
    var round = ctl.round();
    ids.forEach(function (id) { if (!round.plans[id]) round.plans[id] = newPlan(ctl, id); });
    ids.forEach(function (id) { round.plans[id].updated = new Date().toISOString(); });
    ctl.save();
    fill(ctl);
    var first = ctl.scope.querySelector("#plan-" + key(ids[0]) + " h3");
    if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
    ctl.status(ids.length === 1 ? "เพิ่มแผนของ " + ids[0] + " แล้ว" : "เพิ่มแผนให้จุดที่ต้องพัฒนา " + ids.length + " ตัวชี้วัดแล้ว: " + ids.join(", "));
  }

  function planOf(ctl, node) {
    var box = node.closest("[data-plan]");
    var id = box && box.getAttribute("data-plan");
    return id ? { id: id, plan: ctl.round().plans[id], box: box } : null;
  }

  function onChange(ctl, input) {
    var at = planOf(ctl, input);
    if (!at || !at.plan) return;
    var p = at.plan;
    var field = input.getAttribute("data-field");
    if (field === "target") p.target = input.value ? Number(input.value) : null;
    else if (field === "owner") p.owner = input.value;
    else if (field === "month") p.month = input.value ? Number(input.value) : null;
    else if (input.hasAttribute("data-pick")) {
      var k = input.getAttribute("data-pick");
      var text = input.getAttribute("data-text");
      if (input.checked) p.actions.push({ id: k, text: text, status: "todo", reason: "" });
      else p.actions = p.actions.filter(function (a) { return a.id !== k; });
    } else if (input.hasAttribute("data-status")) {
      var a = p.actions.filter(function (x) { return x.id === input.getAttribute("data-status"); })[0];
      if (!a) return;
      a.status = input.value;
      if (a.status !== "dropped") a.reason = "";
    } else if (input.hasAttribute("data-reason")) {
      var b = p.actions.filter(function (x) { return x.id === input.getAttribute("data-reason"); })[0];
      if (b) b.reason = input.value.trim().slice(0, 500);
      touch(ctl, at.id);
      fillFollowUp(ctl);
      fillForm(ctl);
      return;
    } else {
      return;
    }
    touch(ctl, at.id);
    redraw(ctl, at.id, input.id);
  }

  function onClick(ctl, button) {
    if (!(button instanceof HTMLButtonElement)) return;
    var at = planOf(ctl, button);
    if (!at || !at.plan) return;
    var p = at.plan, id = at.id, what = button.getAttribute("data-do");
    if (what === "add-action") {
      var input = at.box.querySelector("[data-new-action]");
      var text = input.value.trim().slice(0, 500);
      if (!text) { ctl.alert("โปรดพิมพ์สิ่งที่จะทำก่อนกดเพิ่ม"); input.focus(); return; }
      p.actions.push({ id: Plan.typedId(), text: text, status: "todo", reason: "" });
      touch(ctl, id);
      redraw(ctl, id, input.id);
      ctl.status("เพิ่มสิ่งที่จะทำในแผนของ " + id + " แล้ว");
    } else if (what === "remove-action") {
      var aid = button.getAttribute("data-id");
      p.actions = p.actions.filter(function (a) { return a.id !== aid; });
      touch(ctl, id);
      redraw(ctl, id, "hb-pl-new-" + key(id));
    } else if (what === "add-evidence") {
      addEvidence(ctl, id, p, at.box);
    } else if (what === "remove-evidence") {
      var n = Number(button.getAttribute("data-n"));
      var gone = p.evidence.splice(n, 1)[0];
      touch(ctl, id);
      redraw(ctl, id, "hb-pl-ev-title-" + key(id));
      if (gone) ctl.status("ลบหลักฐาน “" + gone.title + "” ออกจากแผนของ " + id + " แล้ว");
    } else if (what === "remove-plan") {
      if (!window.confirm("ลบแผนของ " + id + " ทั้งหมด (สิ่งที่จะทำ สถานะ และลิงก์หลักฐาน) หรือไม่")) return;
      delete ctl.round().plans[id];
      ctl.save();
      fill(ctl);
      ctl.$("plan-add-select").focus();
      ctl.status("ลบแผนของ " + id + " แล้ว");
    }
  }

  function addEvidence(ctl, id, p, box) {
    var get = function (name) { return box.querySelector('[data-ev="' + name + '"]'); };
    var problem = box.querySelector("[data-hb=evidence-problem]");
    var url = get("url").value.trim();
    var why = Plan.urlProblem(url);
    if (!why && p.evidence.length >= Plan.MAX_EVIDENCE) why = "แผนหนึ่งเก็บหลักฐานได้ไม่เกิน " + Plan.MAX_EVIDENCE + " รายการ";
    if (why) {
      problem.textContent = "เพิ่มหลักฐานไม่ได้: " + why;
      get("url").setAttribute("aria-invalid", "true");
      get("url").focus();
      return;
    }
    p.evidence.push({ title: get("title").value.trim().slice(0, 500) || url, url: url,
      date: Plan.checkDate(get("date").value), checked_by: get("by").value.trim().slice(0, 80) });
    touch(ctl, id);
    redraw(ctl, id, "hb-pl-ev-title-" + key(id));
    ctl.status("เพิ่มหลักฐานในแผนของ " + id + " แล้ว (" + p.evidence.length + " รายการ)");
  }

  /* One plan's editor again after a change of its shape, keeping the reader where they were (the control with
   * the same id gets the focus back); the follow-up and the form follow. */
  function redraw(ctl, id, focusId) {
    var old = ctl.scope.querySelector('[data-plan="' + id + '"]');
    if (old) old.replaceWith(editor(ctl, id));
    var again = focusId && document.getElementById(focusId);
    if (again) again.focus();
    fillFollowUp(ctl);
    fillForm(ctl);
  }

  function fill(ctl) {
    fillSettings(ctl);
    fillAddOptions(ctl);
    var list = ctl.$("plan-list");
    list.textContent = "";
    var round = ctl.round();
    var ids = ctl.ids.filter(function (id) { return round.plans[id]; });
    if (!ids.length) {
      append(list, el("p", {}, "ยังไม่มีแผนในรอบ “" + round.name + "” เลือกตัวชี้วัดแล้วกดเพิ่มแผน หรือกดวางแผนให้ทุกจุดที่ต้องพัฒนา"));
    }
    ids.forEach(function (id) { list.appendChild(editor(ctl, id)); });
    fillFollowUp(ctl);
    fillForm(ctl);
    var orphans = Plan.orphanPlans(round, ctl.ids, ctl.data.replaced);
    if (orphans.length) {
      append(list, el("p", { class: "hb-pl-orphans", "data-hb": "plan-orphans" },
        "รอบนี้มีแผนของตัวชี้วัดที่คู่มือฉบับนี้ไม่มีแล้ว (" + orphans.join(", ") + ") จึงไม่แสดงที่นี่ แต่ยังเก็บไว้ครบและไปกับไฟล์ JSON ที่ส่งออก"));
    }
  }

  function fillSettings(ctl) {
    var round = ctl.round();
    ctl.$("plan-start").value = round.start;
    var select = ctl.$("plan-year");
    select.textContent = "";
    var fy = Plan.fiscalYearOf(round.start);
    [fy - 1, fy, fy + 1, round.planYear].filter(function (y, n, all) { return all.indexOf(y) === n; })
      .sort().forEach(function (y) {
        select.appendChild(option(y, "พ.ศ. " + y + " (ต.ค. " + (y - 1) + " – ก.ย. " + y + ")", y === round.planYear));
      });
    var c = Plan.checkpoints(round);
    ctl.$("plan-checkpoints").textContent = "จุดติดตามผล: 6 เดือน " + dayText(c[0].date) + " และ 12 เดือน " + dayText(c[1].date)
      + " (นับจากวันเริ่มรอบ " + dayText(round.start) + ")";
  }

  function fillAddOptions(ctl) {
    var round = ctl.round();
    var select = ctl.$("plan-add-select");
    select.textContent = "";
    select.appendChild(option("", "เลือกตัวชี้วัด", true));
    ctl.data.missions.forEach(function (m) {
      var group = el("optgroup", { label: "ภารกิจที่ " + m.number + " " + m.title });
      m.indicators.forEach(function (id) {
        if (round.plans[id]) return;
        var level = Stats.levelOf(round, id);
        var note = level === null ? "" : level < round.target ? " (ระดับ " + level + " ต่ำกว่าเป้าหมาย)" : " (ระดับ " + level + ")";
        group.appendChild(option(id, id + " " + ctl.data.indicators[id].title + note, false));
      });
      if (group.children.length) select.appendChild(group);
    });
  }

  function nowText(ctl, id) {
    var round = ctl.round();
    var level = Stats.levelOf(round, id);
    if (level === null) return Stats.isTeam(round) ? "ทีมยังไม่สรุประดับ" : "ยังไม่ประเมิน";
    return "ระดับ " + level + " " + ctl.data.levelNames[String(level)];
  }

  function statusSelect(ctl, id, a) {
    var sid = "hb-pl-status-" + key(id) + "-" + a.id.replace(/[^A-Za-z0-9-]/g, "");
    return [
      el("label", { for: sid, class: "hb-sr" }, "สถานะของ: " + a.text),
      el("select", { id: sid, "data-status": a.id, class: "hb-pl-status" }, Plan.STATUSES.map(function (s) {
        return option(s, Plan.STATUS_LABEL[s], a.status === s);
      })),
      a.status === "dropped" ? el("label", { for: sid + "-why", class: "hb-pl-why" }, "เหตุผลที่ยกเลิก") : null,
      a.status === "dropped" ? el("input", { id: sid + "-why", type: "text", maxlength: 500, "data-reason": a.id,
        value: a.reason, required: "", placeholder: "ต้องบอกเหตุผล" }) : null,
    ];
  }

  function editor(ctl, id) {
    var i = ctl.data.indicators[id];
    var p = ctl.round().plans[id];
    var k = key(id);
    var planYear = ctl.round().planYear;
    var picked = {};
    p.actions.forEach(function (a) { picked[a.id] = a; });
    var own = (i.keys || []).map(function (ak, n) {
      var a = picked[ak];
      var cid = "hb-pl-pick-" + k + "-" + n;
      return el("li", { class: "hb-pl-action" + (a ? " hb-pl-picked" : ""), "data-key": ak }, [
        el("span", { class: "hb-pl-pick" }, [
          el("input", { type: "checkbox", id: cid, "data-pick": ak, "data-text": i.actions[n] }),
          el("label", { for: cid }, i.actions[n]),
        ]),
        a ? el("span", { class: "hb-pl-state" }, statusSelect(ctl, id, a)) : null,
      ]);
    });
    var typed = p.actions.filter(function (a) { return a.id.indexOf("t-") === 0; }).map(function (a) {
      return el("li", { class: "hb-pl-action hb-pl-picked hb-pl-typed", "data-id": a.id }, [
        el("span", { class: "hb-pl-pick" }, el("span", { class: "hb-pl-typed-text" }, a.text + " (พิมพ์เอง)")),
        el("span", { class: "hb-pl-state" }, statusSelect(ctl, id, a).concat([
          el("button", { type: "button", class: "md-button hb-pl-small", "data-do": "remove-action", "data-id": a.id },
            "ลบข้อนี้"),
        ])),
      ]);
    });
    var evidence = p.evidence.map(function (e, n) {
      return el("li", { "data-evidence": n }, [
        el("a", { href: e.url, target: "_blank", rel: "noopener noreferrer" }, e.title),
        el("span", { class: "hb-pl-ev-meta" }, [
          e.date ? " · วันที่ " + dayText(e.date) : "", e.checked_by ? " · ผู้ตรวจ: " + e.checked_by : "",
        ]),
        " ",
        el("button", { type: "button", class: "md-button hb-pl-small", "data-do": "remove-evidence", "data-n": n },
          ["ลบ", el("span", { class: "hb-sr" }, "หลักฐาน " + e.title)]),
      ]);
    });
    var field = function (name, label, control) {
      return [el("label", { for: "hb-pl-" + name + "-" + k }, label), control];
    };
    var node = el("section", { class: "hb-pl-item", id: "plan-" + k, "data-plan": id, "aria-labelledby": "hb-pl-h-" + k }, [
      el("h3", { id: "hb-pl-h-" + k }, [el("a", { href: i.url }, id), " " + i.title]),
      el("p", { class: "hb-pl-now" }, "ตอนนี้: " + nowText(ctl, id)),
      el("div", { class: "hb-pl-grid" }, [].concat(
        field("target", "ระดับเป้าหมาย", el("select", { id: "hb-pl-target-" + k, "data-field": "target" },
          [option("", "ยังไม่กำหนด", p.target === null)].concat([1, 2, 3, 4, 5].map(function (n) {
            return option(n, "ระดับ " + n + " " + ctl.data.levelNames[String(n)], p.target === n);
          })))),
        field("owner", "ผู้รับผิดชอบ", el("select", { id: "hb-pl-owner-" + k, "data-field": "owner" },
          [option("", "ยังไม่กำหนด", !p.owner)].concat(Object.keys(groups(ctl)).map(function (g) {
            return option(g, groups(ctl)[g], p.owner === g);
          })))),
        field("month", "ต้องเสร็จภายในเดือน", el("select", { id: "hb-pl-month-" + k, "data-field": "month" },
          [option("", "ยังไม่กำหนด", p.month === null)].concat(Plan.FISCAL_MONTHS.map(function (m) {
            return option(m, Plan.monthLabel(m, planYear), p.month === m);
          }))))
      )),
      el("fieldset", { class: "hb-pl-actions" }, [
        el("legend", {}, "สิ่งที่จะทำ (เลือกจากสิ่งที่ควรทำของ " + id + " หรือพิมพ์เพิ่ม)"),
        el("ul", {}, own.concat(typed)),
        el("div", { class: "hb-as-row", "data-add": "action" }, [
          el("label", { for: "hb-pl-new-" + k }, "เพิ่มสิ่งที่จะทำเอง"),
          el("input", { type: "text", id: "hb-pl-new-" + k, maxlength: 500, "data-new-action": "" }),
          el("button", { type: "button", class: "md-button", "data-do": "add-action" }, "เพิ่ม"),
        ]),
      ]),
      el("fieldset", { class: "hb-pl-evidence" }, [
        el("legend", {}, "หลักฐาน (ลิงก์ไปยังเอกสารในระบบของสำนักงาน ไม่เก็บไฟล์)"),
        evidence.length ? el("ul", {}, evidence) : el("p", { class: "hb-as-hint" }, "ยังไม่มีลิงก์หลักฐาน"),
        el("div", { class: "hb-pl-ev-add", "data-add": "evidence" }, [
          el("label", { for: "hb-pl-ev-title-" + k }, "ชื่อเอกสาร"),
          el("input", { type: "text", id: "hb-pl-ev-title-" + k, maxlength: 500, "data-ev": "title" }),
          el("label", { for: "hb-pl-ev-url-" + k }, "ลิงก์ (https://…)"),
          el("input", { type: "url", id: "hb-pl-ev-url-" + k, maxlength: 2000, "data-ev": "url", inputmode: "url",
            "aria-describedby": "hb-pl-ev-problem-" + k }),
          el("label", { for: "hb-pl-ev-date-" + k }, "วันที่ของเอกสาร"),
          el("input", { type: "date", id: "hb-pl-ev-date-" + k, "data-ev": "date" }),
          el("label", { for: "hb-pl-ev-by-" + k }, "ผู้ตรวจหลักฐาน"),
          el("input", { type: "text", id: "hb-pl-ev-by-" + k, maxlength: 80, "data-ev": "by" }),
          el("span", {}, el("button", { type: "button", class: "md-button", "data-do": "add-evidence" }, "เพิ่มหลักฐาน")),
        ]),
        el("p", { class: "hb-pl-problem", id: "hb-pl-ev-problem-" + k, role: "alert", "data-hb": "evidence-problem" }),
      ]),
      el("p", {}, el("button", { type: "button", class: "md-button hb-pl-small", "data-do": "remove-plan" }, "ลบแผนของ " + id)),
    ]);
    node.querySelectorAll("input[data-pick]").forEach(function (box) { box.checked = !!picked[box.getAttribute("data-pick")]; });
    return node;
  }

  // ── The follow-up and the form (plan page and report) ──────────────────────────────────────

  function bindForm(ctl) {
    var print = ctl.$("plan-print");
    if (print) {
      print.addEventListener("click", function () {
        document.body.classList.add("hb-print-plan");
        window.addEventListener("afterprint", function done() {
          document.body.classList.remove("hb-print-plan");
          window.removeEventListener("afterprint", done);
        });
        window.HBFonts.print(); // once every Sarabun face is loaded (fonts.js)
      });
    }
    var ics = ctl.$("plan-ics");
    if (ics) ics.addEventListener("click", function () { downloadIcs(ctl); });
  }

  function planUrl(ctl) {
    var a = el("a", { href: ctl.data.plan });
    return /^https?:/.test(a.href) ? a.href.split("#")[0] : "";
  }

  function downloadIcs(ctl) {
    var round = ctl.round();
    var list = Plan.items(ctl.data, round);
    var dated = list.filter(function (x) { return x.month; });
    if (!dated.length) {
      ctl.alert(list.length
        ? "สิ่งที่จะทำในแผนยังไม่มีเดือนที่ต้องเสร็จ โปรดกำหนดเดือนในแผนก่อน แล้วจึงดาวน์โหลดปฏิทิน"
        : "รอบนี้ยังไม่มีสิ่งที่จะทำในแผน จึงยังไม่มีปฏิทินให้ดาวน์โหลด");
      return;
    }
    var text = Ics.calendar({ data: ctl.data, round: round, scope: ctl.storeScope, office: ctl.data.office,
      url: planUrl(ctl), now: new Date() });
    Dom.download("hpo-plan-" + ctl.fileStamp() + ".ics", text, "text/calendar;charset=utf-8");
    ctl.status("ดาวน์โหลดปฏิทินของแผน " + dated.length + " รายการ และจุดติดตามผล 2 รายการแล้ว"
      + (dated.length < list.length ? " (สิ่งที่จะทำ " + (list.length - dated.length) + " ข้อยังไม่มีเดือน จึงไม่อยู่ในปฏิทิน)" : "")
      + " นำเข้าไฟล์ใหม่ซ้ำได้ รายการเดิมจะถูกปรับ ไม่เพิ่มซ้ำ");
  }

  function fillFollowUp(ctl) {
    var box = ctl.$("follow-up");
    if (!box) return;
    box.textContent = "";
    var round = ctl.round();
    var list = Plan.items(ctl.data, round);
    var today = new Date();
    var c = Plan.checkpoints(round);
    var todayDay = Plan.localDate(today);
    append(box, [
      el("p", { "data-hb": "checkpoints" }, [el("strong", {}, "จุดติดตามผล: "), c.map(function (x) {
        return x.months + " เดือน " + dayText(x.date) + (x.date <= todayDay ? " (ถึงแล้ว)" : "");
      }).join(" · "), " (นับจากวันเริ่มรอบ " + dayText(round.start) + ")"]),
    ]);
    if (!list.length) {
      append(box, el("p", {}, ["รอบนี้ยังไม่มีสิ่งที่จะทำในแผน ", el("a", { href: ctl.data.plan }, "วางแผนที่หน้าแผนพัฒนา")]));
      return;
    }
    var total = { todo: 0, doing: 0, done: 0, dropped: 0 };
    list.forEach(function (x) { total[x.status]++; });
    append(box, el("p", { "data-hb": "plan-summary" }, "สิ่งที่จะทำในแผน " + list.length + " ข้อ: เสร็จแล้ว " + total.done
      + " · กำลังทำ " + total.doing + " · ยังไม่เริ่ม " + total.todo + " · ยกเลิก " + total.dropped));
    var rows = Plan.progress(list, Object.keys(groups(ctl)), round.planYear, today);
    var head = ["ผู้รับผิดชอบ", "ทั้งหมด", "เสร็จแล้ว", "กำลังทำ", "ยังไม่เริ่ม", "ยกเลิก", "เลยกำหนด"];
    append(box, el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-as-table", "data-hb": "progress-table" }, [
      el("caption", {}, "ความคืบหน้ารายกลุ่ม"),
      el("thead", {}, el("tr", {}, head.map(function (t) { return el("th", { scope: "col" }, t); }))),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", { "data-owner": r.owner }, [
          el("th", { scope: "row" }, ownerName(ctl, r.owner)),
          el("td", {}, String(r.total)), el("td", {}, String(r.done)), el("td", {}, String(r.doing)),
          el("td", {}, String(r.todo)), el("td", {}, String(r.dropped)),
          el("td", { class: r.overdue ? "hb-pl-late" : "" }, String(r.overdue)),
        ]);
      })),
    ])));
    var late = list.filter(function (x) { return Plan.dueState(x, round.planYear, today) === "overdue"; });
    var due = list.filter(function (x) { return Plan.dueState(x, round.planYear, today) === "due"; });
    var line = function (x) {
      return el("li", { "data-indicator": x.indicator }, [
        el("a", { href: ctl.data.plan + "#plan-" + key(x.indicator) }, x.indicator), " " + x.action.text,
        el("span", { class: "hb-year-meta" }, " (" + ownerName(ctl, x.owner) + " · ภายในเดือน" + Plan.monthLabel(x.month, round.planYear)
          + " · " + Plan.STATUS_LABEL[x.status] + ")"),
      ]);
    };
    var month = Plan.monthLabel(today.getMonth() + 1, Plan.fiscalYearOf(today));
    append(box, [
      el("h3", {}, "เลยกำหนด (" + late.length + " ข้อ)"),
      late.length ? el("ul", { "data-hb": "overdue" }, late.map(line)) : el("p", { "data-hb": "overdue" }, "ไม่มีสิ่งที่จะทำที่เลยกำหนด"),
      el("h3", {}, "ครบกำหนดเดือนนี้ (" + month + ")"),
      due.length ? el("ul", { "data-hb": "due" }, due.map(line)) : el("p", { "data-hb": "due" }, "ไม่มีสิ่งที่จะทำที่ครบกำหนดเดือนนี้"),
    ]);
  }

  function fillForm(ctl) {
    var box = ctl.$("plan-form");
    if (!box) return;
    var round = ctl.round();
    ctl.scope.querySelectorAll('[data-hb="plan-form-round"]').forEach(function (x) { x.textContent = round.name; });
    ctl.scope.querySelectorAll('[data-hb="plan-form-year"]').forEach(function (x) { x.textContent = String(round.planYear); });
    box.textContent = "";
    var plans = round.plans;
    var ids = ctl.ids.filter(function (id) { return plans[id]; });
    if (!ids.length) {
      append(box, el("p", {}, ["ยังไม่มีแผนในรอบนี้ ", el("a", { href: ctl.data.plan }, "วางแผนที่หน้าแผนพัฒนา")]));
      return;
    }
    // One row per planned action (an indicator with none yet: one row saying so), by owner in data/groups.yml order.
    var order = Object.keys(groups(ctl)).concat([""]);
    var rows = [];
    ids.forEach(function (id) {
      var p = plans[id];
      var actions = p.actions.length ? p.actions : [null];
      actions.forEach(function (a) { rows.push({ id: id, p: p, a: a }); });
    });
    rows.sort(function (x, y) {
      var ox = order.indexOf(x.p.owner), oy = order.indexOf(y.p.owner);
      return (ox < 0 ? order.length : ox) - (oy < 0 ? order.length : oy);
    });
    var head = ["ที่", "ผู้รับผิดชอบ", "ตัวชี้วัดและสิ่งที่จะทำ", "เป้าหมาย", "ภายในเดือน", "สถานะ"];
    var body = rows.map(function (r, n) {
      var i = ctl.data.indicators[r.id];
      return el("tr", { "data-indicator": r.id, "data-owner": r.p.owner }, [
        el("td", { class: "hb-pl-no" }, String(n + 1)),
        el("td", {}, ownerName(ctl, r.p.owner)),
        el("td", {}, [el("span", { class: "hb-pl-ind" }, r.id + " " + i.title), el("br"),
          r.a ? r.a.text : "(ยังไม่ได้เลือกสิ่งที่จะทำ)"]),
        el("td", {}, r.p.target ? "ระดับ " + r.p.target : "–"),
        el("td", {}, r.p.month ? shortMonth(r.p.month, round.planYear) : "–"),
        el("td", {}, r.a ? Plan.STATUS_LABEL[r.a.status] + (r.a.status !== "dropped" ? "" : r.a.reason ? " (" + r.a.reason + ")"
          : " (ยังไม่ได้บอกเหตุผล)") : "–"),
      ]);
    });
    body.push(el("tr", { class: "hb-plan-signoff-row" }, el("td", { colspan: 6 }, el("section", { class: "hb-signoff", "aria-label": "การลงนาม" },
      ["ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ"].map(function (role) {
        return el("div", { class: "hb-sign" }, [
          el("p", { class: "hb-sign-role" }, role),
          el("p", { class: "hb-sign-line" }, ["ลงชื่อ", el("span", { class: "hb-fill" })]),
          el("p", { class: "hb-sign-line" }, ["(", el("span", { class: "hb-fill" }), ")"]),
          el("p", { class: "hb-sign-line" }, ["ตำแหน่ง", el("span", { class: "hb-fill" })]),
        ]);
      })))));
    append(box, el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-pl-table", "data-hb": "plan-table" }, [
      el("caption", { class: "hb-sr" }, "แผนพัฒนา รอบ " + round.name + " ปีงบประมาณ " + round.planYear),
      el("colgroup", {}, ["hb-pl-c-no", "hb-pl-c-owner", "hb-pl-c-what", "hb-pl-c-target", "hb-pl-c-month", "hb-pl-c-status"]
        .map(function (c) { return el("col", { class: c }); })),
      el("thead", {}, el("tr", {}, head.map(function (t) { return el("th", { scope: "col" }, t); }))),
      el("tbody", {}, body),
    ])));
  }

  /** The report page's part: the form and the follow-up of the round shown. */
  function fillReport(ctl) {
    fillFollowUp(ctl);
    fillForm(ctl);
  }

  return { bind: bind, bindForm: bindForm, fill: fill, fillReport: fillReport, newPlan: newPlan };
});
