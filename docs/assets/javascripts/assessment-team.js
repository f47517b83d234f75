/* assessment-team.js: the team self-assessment page (hpo_handbook/templates/assessment_team.html). Each member
 * rates alone and exports a JSON file; the team imports the files here as raters of one team round, looks at each
 * indicator's levels and notes (widest disagreement first) and records the level and note it agrees on. Those
 * agreed levels are the round's ratings, so the report, gaps and action plan use them. Everything stays in the
 * browser: files are read with File.text(), nothing is uploaded. `ctl` is the controller (assessment.js). */
(function (root, factory) {
  var req = typeof require === "function";
  var api = factory(
    req ? require("./assessment-dom.js") : root.HBAssessmentDom,
    req ? require("./assessment-model.js") : root.HBAssessmentModel,
    req ? require("./assessment-stats.js") : root.HBAssessmentStats,
    // assessment-plan.js (roles, leaders and staff) loads after this file: looked up when first needed.
    function () { return req ? require("./assessment-plan.js") : root.HBAssessmentPlan; });
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentTeam = api;
})(this, function (Dom, Model, Stats, planApi) {
  "use strict";

  var el = Dom.el, append = Dom.append;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  function bind(ctl) {
    var files = ctl.$("rater-files");
    ctl.$("import-raters").addEventListener("click", function () { files.click(); });
    files.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(files.files || []);
      files.value = ""; // choosing the same files again fires change again
      if (chosen.length) importRaters(ctl, chosen);
    });
    var box = ctl.$("consensus");
    box.addEventListener("change", function (e) {
      var select = e.target;
      if (select.getAttribute("data-hb") !== "agreed-level") return;
      var id = select.closest("[data-indicator]").getAttribute("data-indicator");
      ctl.rating(id).level = select.value ? Number(select.value) : null;
      ctl.tidy(id);
      ctl.save();
      select.closest("[data-indicator]").setAttribute("data-agreed", select.value || "");
      fillSummary(ctl);
    });
    box.addEventListener("input", function (e) {
      var area = e.target;
      if (area.getAttribute("data-hb") !== "agreed-notes") return;
      var id = area.closest("[data-indicator]").getAttribute("data-indicator");
      ctl.rating(id).notes = area.value.slice(0, Model.MAX_NOTES);
      ctl.tidy(id);
      ctl.save();
      var mirror = area.nextElementSibling;
      if (mirror) mirror.textContent = area.value;
    });
    ctl.$("raters").addEventListener("click", function (e) {
      var button = e.target.closest("[data-remove-rater]");
      if (!button) return;
      var name = button.getAttribute("data-remove-rater");
      if (!window.confirm("นำผลของ “" + name + "” ออกจากรอบนี้หรือไม่ (นำเข้าไฟล์ของผู้ประเมินคนนี้ใหม่ได้ภายหลัง)")) return;
      var round = ctl.round();
      round.raters = round.raters.filter(function (x) { return x.name !== name; });
      ctl.save();
      fill(ctl);
      ctl.status("นำผลของ “" + name + "” ออกจากรอบ “" + round.name + "” แล้ว");
    });
  }

  /* The current round if it is a team round; otherwise a new team round becomes current (a reader's own ratings
   * are never turned into "agreed" levels). */
  function teamRound(ctl) {
    var round = ctl.round();
    if (Stats.isTeam(round)) return { round: round, created: false };
    if (ctl.state.rounds.length >= Model.MAX_ROUNDS) {
      throw new Model.Invalid("มีรอบการประเมินครบ " + Model.MAX_ROUNDS + " รอบแล้ว โปรดลบรอบเก่าก่อน");
    }
    var fresh = Model.newRound(ctl.uniqueName("ประเมินเป็นทีม ปีงบประมาณ " + Model.fiscalYear(new Date())));
    fresh.raters = [];
    ctl.state.rounds.push(fresh);
    ctl.state.current = fresh.id;
    return { round: fresh, created: true };
  }

  function readAll(files) {
    return Promise.all(files.map(function (file) {
      if (file.size > MAX_IMPORT_BYTES) {
        return { file: file, error: "ไฟล์ใหญ่ " + (file.size / 1048576).toFixed(1) + " MB เกินขนาดที่รับได้ ("
          + MAX_IMPORT_BYTES / 1048576 + " MB) ไฟล์ผลการประเมินของสมาชิกมีขนาดไม่เกินไม่กี่ร้อย KB โปรดตรวจว่าเลือกไฟล์ถูก" };
      }
      return file.text().then(function (text) { return { file: file, text: text }; },
        function () { return { file: file, error: "เบราว์เซอร์อ่านไฟล์ไม่ได้" }; });
    }));
  }

  function importRaters(ctl, files) {
    readAll(files).then(function (read) {
      var done = [];
      var problems = [];
      var target = null;
      var changed = false; // something added or replaced: only then is the round saved (and stamped)
      var known = ctl.ids;
      var batch = {}; // rater name -> the file of this import that gave it
      var noRole = [];
      read.forEach(function (x) {
        var name = x.file.name;
        if (x.error) { problems.push("“" + name + "”: " + x.error); return; }
        var parsed;
        try {
          parsed = JSON.parse(x.text.replace(/^\uFEFF/, ""));
        } catch (e) {
          problems.push("“" + name + "”: ไม่ใช่ JSON ที่อ่านได้ โปรดใช้ไฟล์ที่ส่งออกจากปุ่มส่งออก JSON");
          return;
        }
        try {
          var got = Model.raterFromFile(parsed, name, ctl.spec, known, ctl.data.replaced || {});
          if (batch[got.rater.name]) {
            problems.push("“" + name + "” และ “" + batch[got.rater.name] + "” ใช้ชื่อผู้ประเมิน “" + got.rater.name
              + "” เหมือนกัน จึงนำเข้าเฉพาะไฟล์แรก ถ้าเป็นคนละคน ให้ผู้ประเมินใส่ชื่อให้ต่างกัน (เช่น เติมนามสกุลหรือชื่อกลุ่ม) แล้วส่งออกใหม่"
              + " ถ้าเป็นคนเดียวกัน ให้นำเข้าเฉพาะไฟล์ล่าสุด");
            return;
          }
          batch[got.rater.name] = name;
          if (!target) target = teamRound(ctl);
          var result = Model.addRater(target.round, got.rater);
          if (result !== "kept") changed = true;
          var who = "“" + got.rater.name + "”";
          if (!got.rater.role) noRole.push(got.rater.name);
          if (result === "added") done.push("เพิ่มผลของ " + who);
          if (result === "replaced") done.push("แทนผลของ " + who + " ด้วยไฟล์ที่ใหม่กว่า");
          if (result === "kept") done.push("คงผลของ " + who + " ที่นำเข้าไว้แล้ว เพราะไฟล์ “" + name + "” ไม่ใหม่กว่า");
          if (got.skipped.length) {
            done.push("ไฟล์ของ " + who + " มีตัวชี้วัดที่คู่มือฉบับนี้ไม่มี (" + got.skipped.join(", ")
              + ") จึงไม่นำเข้าตัวชี้วัดเหล่านี้ ไฟล์อาจมาจากคู่มือฉบับอื่น");
          }
          var from = parsed.handbook;
          if (Model.isObject(from) && typeof from.scope === "string" && from.scope !== ctl.storeScope) {
            done.push("ไฟล์ของ " + who + " ส่งออกจากคู่มือฉบับอื่น"
              + (typeof from.office === "string" && from.office ? " (" + from.office.slice(0, 120) + ")" : "")
              + " โปรดตรวจดูว่าเป็นไฟล์ของทีมนี้");
          }
        } catch (e) {
          if (!(e instanceof Model.Invalid)) throw e;
          problems.push("“" + name + "”: " + e.message);
        }
      });
      if (target && (changed || target.created)) {
        ctl.save();
        ctl.refresh();
        if (target.created) done.unshift("สร้างรอบ “" + target.round.name + "” สำหรับประเมินเป็นทีม");
      }
      if (noRole.length) {
        done.push("ไฟล์ของ " + noRole.map(function (n) { return "“" + n + "”"; }).join(", ")
          + " ไม่ได้ระบุบทบาท จึงไม่นับในการเทียบผู้บริหารกับบุคลากร (ผู้ประเมินเลือกบทบาทได้ในเมนูจัดการรอบการประเมินและข้อมูล แล้วส่งออกใหม่)");
      }
      var text = done.join(" · ");
      if (problems.length) {
        ctl.alert((text ? text + " · " : "") + "นำเข้าไม่ได้ " + problems.join(" · ") + " ข้อมูลเดิมยังอยู่ครบ");
      } else {
        ctl.status(text);
      }
    });
  }

  function fillSummary(ctl) {
    var round = ctl.round();
    var box = ctl.$("team-summary");
    if (!Stats.isTeam(round)) {
      box.textContent = "รอบ “" + round.name + "” ไม่ใช่รอบประเมินเป็นทีม นำเข้าไฟล์ของผู้ประเมินเพื่อเริ่มรอบประเมินเป็นทีม";
      return;
    }
    var agreed = Stats.rated(round, ctl.ids).length;
    box.textContent = "ผู้ประเมิน " + round.raters.length + " คน · ทีมสรุปแล้ว " + agreed + " จาก " + ctl.ids.length
      + " ตัวชี้วัด (ยังไม่สรุป " + (ctl.ids.length - agreed) + ")";
  }

  function fillRaters(ctl) {
    var round = ctl.round();
    var box = ctl.$("raters");
    box.textContent = "";
    var raters = round.raters || [];
    if (!raters.length) return;
    append(box, el("ul", { class: "hb-as-rater-list" }, raters.map(function (x) {
      var n = Stats.rated({ ratings: x.ratings }, ctl.ids).length;
      return el("li", { "data-rater": x.name, "data-role": x.role || "" }, [
        el("strong", {}, x.name),
        " · " + (x.role ? planApi().ROLE_LABEL[x.role] : "ไม่ได้ระบุบทบาท"),
        " · ประเมิน " + n + " ตัวชี้วัด" + (x.source ? " (ไฟล์ " + x.source + ")" : "") + " ",
        el("button", { type: "button", class: "md-button hb-as-remove", "data-remove-rater": x.name }, "นำออก"),
      ]);
    })));
  }

  function levelOptions(ctl, selected) {
    var options = [el("option", { value: "" }, "ยังไม่สรุป")];
    for (var n = 1; n <= 5; n++) {
      var option = el("option", { value: n }, "ระดับ " + n + " " + ctl.data.levelNames[String(n)]);
      option.selected = selected === n;
      options.push(option);
    }
    return options;
  }

  function item(ctl, row, round) {
    var i = ctl.data.indicators[row.id];
    var key = row.id.toLowerCase();
    var r = round.ratings[row.id] || {};
    var spread = row.spread === null ? "ยังไม่มีผู้ประเมินให้ระดับ"
      : row.spread === 0 ? "ทุกคนให้ระดับเดียวกัน" : "ต่างกัน " + row.spread + " ระดับ";
    return el("section", {
      class: "hb-as-consensus-item", "data-indicator": row.id, "data-spread": row.spread === null ? "" : row.spread,
      "data-agreed": r.level || "", "aria-labelledby": "hb-as-team-" + key,
    }, [
      el("h3", { id: "hb-as-team-" + key }, [el("a", { href: i.url }, row.id), " " + i.title]),
      el("p", { class: "hb-as-spread" }, [
        "ระดับที่ผู้ประเมินให้: ", el("strong", { "data-hb": "spread" }, Stats.spreadText(row)),
        " (" + spread + " · " + (row.count === row.given.length
          ? "ผู้ประเมินทั้ง " + row.count + " คนให้ระดับ"
          : "ผู้ประเมิน " + row.count + " จาก " + row.given.length + " คนให้ระดับ อีก " + (row.given.length - row.count) + " คนไม่ได้ให้ระดับ") + ")",
      ]),
      el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-as-table hb-as-raters-table" }, [
        el("caption", { class: "hb-sr" }, "ระดับและหลักฐานของผู้ประเมินแต่ละคน ตัวชี้วัด " + row.id),
        el("thead", {}, el("tr", {}, [
          el("th", { scope: "col" }, "ผู้ประเมิน"), el("th", { scope: "col" }, "ระดับ"), el("th", { scope: "col" }, "บันทึกหลักฐาน"),
        ])),
        el("tbody", {}, row.given.map(function (g) {
          return el("tr", { "data-rater": g.rater }, [
            el("th", { scope: "row" }, g.rater),
            el("td", { "data-hb": "rater-level" }, g.level === null ? "ไม่ได้ให้ระดับ" : String(g.level)),
            el("td", {}, g.notes || "–"),
          ]);
        })),
      ])),
      el("div", { class: "hb-as-agree" }, [
        el("label", { for: "hb-as-agreed-" + key }, "ระดับที่ทีมตกลง"),
        el("select", { id: "hb-as-agreed-" + key, "data-hb": "agreed-level" }, levelOptions(ctl, r.level || null)),
        el("label", { for: "hb-as-agreed-notes-" + key }, "บันทึกของทีม (เหตุผลและหลักฐานที่ใช้ตัดสิน)"),
        el("textarea", { id: "hb-as-agreed-notes-" + key, rows: 2, maxlength: Model.MAX_NOTES, "data-hb": "agreed-notes" }),
        el("p", { class: "hb-print-value", "aria-hidden": "true" }, r.notes || ""),
      ]),
    ]);
  }

  function fill(ctl) {
    var current = ctl.round();
    ctl.scope.querySelectorAll('[data-hb="report-round"]').forEach(function (x) { x.textContent = current.name; });
    ctl.scope.querySelectorAll('[data-hb="report-date"]').forEach(function (x) { x.textContent = Dom.thaiDate(new Date()); });
    fillSummary(ctl);
    fillRaters(ctl);
    var round = ctl.round();
    fillRoles(ctl);
    var box = ctl.$("consensus");
    box.textContent = "";
    if (!Stats.isTeam(round) || !round.raters.length) {
      append(box, el("p", {}, "ยังไม่มีผลของผู้ประเมินในรอบนี้ ให้สมาชิกแต่ละคนประเมินในเครื่องของตนแล้วส่งออกไฟล์ JSON จากนั้นนำเข้าไฟล์ทั้งหมดที่นี่"));
      return;
    }
    var rows = Stats.consensus(ctl.data, round);
    var rated = rows.filter(function (row) { return row.count > 0; });
    var rest = rows.filter(function (row) { return row.count === 0; });
    var add = function (parent, row) {
      var node = item(ctl, row, round);
      node.querySelector('[data-hb="agreed-notes"]').value = (round.ratings[row.id] || {}).notes || "";
      parent.appendChild(node);
    };
    append(box, el("p", { "data-hb": "consensus-count" }, "ตัวชี้วัดที่มีผู้ประเมินให้ระดับ " + rated.length + " จาก " + rows.length
      + " ตัวชี้วัด เรียงจากที่เห็นต่างกันมากที่สุด"));
    rated.forEach(function (row) { add(box, row); });
    if (rest.length) {
      // The rest are one control away: the meeting rarely needs them, but the team can still agree a level.
      var more = el("details", { class: "hb-as-unrated", "data-hb": "unrated" }, [
        el("summary", {}, "ตัวชี้วัดที่ยังไม่มีผู้ใดให้ระดับ " + rest.length + " ตัวชี้วัด"),
      ]);
      rest.forEach(function (row) { add(more, row); });
      box.appendChild(more);
    }
  }

  function levelText(avg) {
    return (Math.round(avg * 100) / 100).toFixed(2).replace(/\.00$/, "");
  }

  /* Leaders (executives and group directors) against staff, widest gap first: where the two see the office
   * differently is what the meeting should talk about (the Baldrige "Are We Making Progress?" idea of asking both). */
  function fillRoles(ctl) {
    var box = ctl.$("roles");
    if (!box) return;
    box.textContent = "";
    var round = ctl.round();
    if (!Stats.isTeam(round) || !round.raters.length) return;
    var view = planApi().leadersAndStaff(ctl.data, round);
    var who = "ผู้บริหาร (ผู้บริหารสำนักงานและผู้อำนวยการกลุ่ม) " + view.leaders + " คน · บุคลากร " + view.staff + " คน"
      + (view.unknown.length ? " · ไม่ได้ระบุบทบาท " + view.unknown.length + " คน (" + view.unknown.join(", ") + ") ไม่นับในตารางนี้" : "");
    var parts = [el("h2", { id: "leaders-and-staff" }, "ผู้บริหารกับบุคลากรเห็นต่างกันตรงไหน"), el("p", { "data-hb": "roles-count" }, who)];
    if (!view.leaders || !view.staff) {
      parts.push(el("p", {}, "ต้องมีผลของผู้บริหารอย่างน้อยหนึ่งคนและบุคลากรอย่างน้อยหนึ่งคน จึงจะเทียบกันได้"
        + " ให้ผู้ประเมินเลือกบทบาทในเมนูจัดการรอบการประเมินและข้อมูลก่อนส่งออกไฟล์"));
    } else if (!view.rows.length) {
      parts.push(el("p", {}, "ยังไม่มีตัวชี้วัดที่ทั้งผู้บริหารและบุคลากรให้ระดับ"));
    } else {
      parts.push(el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-as-table", "data-hb": "roles-table" }, [
        el("caption", {}, "ระดับเฉลี่ยที่ผู้บริหารและบุคลากรให้ เรียงจากที่ต่างกันมากที่สุด"),
        el("thead", {}, el("tr", {}, ["ตัวชี้วัด", "ผู้บริหารให้ (เฉลี่ย)", "บุคลากรให้ (เฉลี่ย)", "ต่างกัน"].map(function (t) {
          return el("th", { scope: "col" }, t);
        }))),
        el("tbody", {}, view.rows.map(function (r) {
          var i = ctl.data.indicators[r.id];
          var gap = r.gap === 0 ? "เห็นตรงกัน" : (r.gap > 0 ? "ผู้บริหารให้สูงกว่า " : "บุคลากรให้สูงกว่า ") + levelText(Math.abs(r.gap)) + " ระดับ";
          return el("tr", { "data-indicator": r.id, "data-gap": r.gap }, [
            el("th", { scope: "row" }, [el("a", { href: "#hb-as-team-" + r.id.toLowerCase() }, r.id), " " + i.title]),
            el("td", {}, levelText(r.leaders.avg) + " (" + r.leaders.n + " คน)"),
            el("td", {}, levelText(r.staff.avg) + " (" + r.staff.n + " คน)"),
            el("td", { "data-hb": "gap" }, gap),
          ]);
        })),
      ])));
    }
    append(box, parts);
  }

  return { bind: bind, fill: fill };
});
