/* assessment-report.js: fills the report page (hpo_handbook/templates/assessment_report.html): overview, missions'
 * averages and radar, gaps with the action plan, comparison of two rounds. `ctl` is the page's controller
 * (assessment.js): its data, state, current round and element lookup. In a team round the numbers use the levels
 * the team agreed on, say how many raters took part, and leave out what is not agreed yet (ยังไม่สรุป). */
(function (root, factory) {
  var req = typeof require === "function";
  var api = factory(
    req ? require("./assessment-dom.js") : root.HBAssessmentDom,
    req ? require("./assessment-stats.js") : root.HBAssessmentStats,
    req ? require("./assessment-radar.js") : root.HBAssessmentRadar);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentReport = api;
})(this, function (Dom, Stats, Radar) {
  "use strict";

  var el = Dom.el, append = Dom.append;

  function bind(ctl) {
    ctl.$("target").addEventListener("change", function (e) {
      ctl.round().target = Number(e.target.value);
      ctl.save();
      fillGaps(ctl);
    });
    ["compare-a", "compare-b"].forEach(function (name) {
      ctl.$(name).addEventListener("change", function () { fillCompare(ctl); });
    });
  }

  /* "ยังไม่ประเมิน" for one reader's round, "ยังไม่สรุป" for a team's. */
  function noLevel(round) {
    return Stats.isTeam(round) ? "ยังไม่สรุป" : "ยังไม่ประเมิน";
  }

  /* Who rated, by name: a team round's raters (with the level the report uses: the agreed one), or this
   * browser's rater name when it was given. */
  function ratersText(round, state) {
    if (!Stats.isTeam(round)) return "ประเมินคนเดียว" + (state.rater ? " (" + state.rater + ")" : " (ไม่ได้ระบุชื่อผู้ประเมิน)");
    if (!round.raters.length) return "ยังไม่มีผู้ประเมินในรอบนี้";
    return round.raters.length + " คน: " + round.raters.map(function (x) { return x.name; }).join(", ")
      + " (ใช้ระดับที่ทีมตกลงกัน)";
  }

  function fill(ctl) {
    var data = ctl.data;
    var round = ctl.round();
    var team = Stats.isTeam(round);
    var s = Stats.summary(data, round);
    var total = ctl.ids.length;
    ctl.scope.querySelectorAll('[data-hb="report-round"]').forEach(function (x) { x.textContent = round.name; });
    ctl.scope.querySelectorAll('[data-hb="report-date"]').forEach(function (x) { x.textContent = Dom.thaiDate(new Date()); });
    ctl.scope.querySelectorAll('[data-hb="report-raters"]').forEach(function (x) { x.textContent = ratersText(round, ctl.state); });
    ctl.$("overall-rated").textContent = team
      ? "สรุปแล้ว " + s.levels.length + " จาก " + total + " ตัวชี้วัด (ยังไม่สรุป " + (total - s.levels.length) + ")"
      : s.levels.length + " จาก " + total + " ตัวชี้วัด";
    ctl.$("overall-average").textContent = s.avg ? s.avg.text : "–";
    ctl.$("overall-level").textContent = overallLevel(data, s, total, team);
    var table = ctl.$("profile-table");
    var rows = s.missions.map(function (x) { return { id: x.m.id, n: x.levels.length, total: x.m.indicators.length, avg: x.avg }; });
    rows.push({ id: "all", n: s.levels.length, total: total, avg: s.avg });
    rows.forEach(function (row) {
      var tr = table.querySelector('tr[data-mission="' + row.id + '"]');
      if (!tr) return;
      tr.querySelector('[data-hb="rated"]').textContent = row.n + "/" + row.total;
      tr.querySelector('[data-hb="average"]').textContent = row.avg ? row.avg.text : "–";
      tr.querySelector('[data-hb="level"]').textContent = Stats.levelLabel(row.avg, data.levelNames, team);
    });
    Radar.draw(ctl.$("radar"), s, round, noLevel(round));
    ctl.$("target").value = String(round.target || 3);
    fillGaps(ctl);
    fillCompareOptions(ctl);
    fillCompare(ctl);
  }

  /* The overall level with its coverage ("ระดับ 2 พัฒนา (ประเมินแล้ว 50 จาก 56 ตัวชี้วัด)"); withheld, saying why,
   * below the coverage the page states (data.coverage, from hpo_handbook/assessment.py). */
  function overallLevel(data, s, total, team) {
    var n = s.levels.length;
    var done = (team ? "สรุปแล้ว " : "ประเมินแล้ว ") + n + " จาก " + total + " ตัวชี้วัด";
    if (!n) return Stats.levelLabel(null, data.levelNames, team);
    var need = Math.ceil((data.coverage || 0) * total);
    if (n < need) {
      return "ยังไม่สรุประดับภาพรวม: " + done + " ต้อง" + (team ? "สรุป" : "ประเมิน") + "อย่างน้อย " + need
        + " ตัวชี้วัด (ร้อยละ " + Math.round((data.coverage || 0) * 100) + ") จึงจะบอกระดับของทั้งสำนักงานได้";
    }
    return Stats.levelLabel(s.avg, data.levelNames, team) + " (" + done + ")";
  }

  /** Gaps: indicators with a level below the round's target, each with its next level and actions. */
  function fillGaps(ctl) {
    var data = ctl.data;
    var round = ctl.round();
    var team = Stats.isTeam(round);
    var spread = {};
    if (team) Stats.consensus(data, round).forEach(function (row) { spread[row.id] = row; });
    var target = round.target || 3;
    var box = ctl.$("gaps");
    box.textContent = "";
    var rated = Stats.rated(round, ctl.ids);
    var unrated = ctl.ids.length - rated.length;
    if (!rated.length) {
      append(box, el("p", {}, team
        ? ["ทีมยังไม่ได้สรุประดับของตัวชี้วัดใดในรอบนี้ ", el("a", { href: data.team || data.missions[0].form.split("#")[0] }, "สรุปผลที่หน้าประเมินเป็นทีม")]
        : ["ยังไม่มีผลการประเมินในรอบนี้ ", el("a", { href: data.missions[0].form.split("#")[0] }, "เริ่มประเมินที่หน้าแบบประเมิน")]));
      return;
    }
    var gaps = 0;
    data.missions.forEach(function (m) {
      var items = m.indicators.filter(function (id) {
        var level = Stats.levelOf(round, id);
        return level !== null && level < target;
      });
      if (!items.length) return;
      gaps += items.length;
      var list = el("ol", { class: "hb-as-plan" });
      items.forEach(function (id) {
        var i = data.indicators[id];
        var level = round.ratings[id].level;
        var next = level + 1;
        var now = "ตอนนี้: ระดับ " + level + " " + data.levelNames[String(level)];
        if (team) now += " (ทีมตกลง ผู้ประเมินให้ " + Stats.spreadText(spread[id]) + ")";
        list.appendChild(el("li", { class: "hb-as-gap", "data-indicator": id, "data-level": level }, [
          el("h4", {}, [el("a", { href: i.url }, id), " " + i.title]),
          el("p", {}, [now + " · เป้าหมาย: ระดับ " + target]),
          el("p", { class: "hb-as-next" }, [el("strong", {}, "ระดับถัดไป (ระดับ " + next + " " + data.levelNames[String(next)] + "): "), i.levels[String(next)]]),
          el("p", { class: "hb-as-label" }, "สิ่งที่ควรทำ"),
          el("ul", {}, i.actions.map(function (text) { return el("li", {}, text); })),
          i.owners && i.owners.length ? el("p", { class: "hb-as-owners" }, "ผู้รับผิดชอบหลัก: " + i.owners.join(" · ")) : null,
          planLine(data, round, id),
        ]));
      });
      append(box, [el("h3", {}, "ภารกิจที่ " + m.number + " " + m.title + " (" + items.length + " ตัวชี้วัด)"), list]);
    });
    var open = team ? "ยังไม่สรุป" : "ยังไม่ประเมิน";
    box.insertBefore(el("p", { "data-hb": "gap-count" }, gaps
      ? "ตัวชี้วัดที่ต่ำกว่าระดับ " + target + " มี " + gaps + " ตัวชี้วัด" + (unrated ? " และ" + open + "อีก " + unrated + " ตัวชี้วัด" : "")
      : "ไม่มีตัวชี้วัดที่" + (team ? "สรุปแล้ว" : "ประเมินแล้ว") + "ต่ำกว่าระดับ " + target + (unrated ? " (" + open + " " + unrated + " ตัวชี้วัด)" : "")), box.firstChild);
  }

  /* Where the gap's plan stands, with a link to it on the plan page. */
  function planLine(data, round, id) {
    var p = (round.plans || {})[id];
    var href = data.plan + "#plan-" + id.toLowerCase();
    if (!p) return el("p", { class: "hb-pl-gap-plan" }, [el("a", { href: href.split("#")[0] }, "วางแผนพัฒนาตัวชี้วัดนี้"), " (ยังไม่มีแผน)"]);
    var done = p.actions.filter(function (a) { return a.status === "done"; }).length;
    return el("p", { class: "hb-pl-gap-plan" }, [el("a", { href: href }, "แผนพัฒนาของ " + id), ": "
      + (p.owner && data.groups && data.groups[p.owner] ? data.groups[p.owner] : "ยังไม่กำหนดผู้รับผิดชอบ")
      + " · สิ่งที่จะทำ " + p.actions.length + " ข้อ เสร็จแล้ว " + done + " ข้อ"]);
  }

  /* The comparison is of two rounds of the same kind: one reader's rounds, or the team's. A person's round and a
   * team round are different measures (one view against an agreed one), never a "before" and an "after". */
  function sameKind(a, b) {
    return Stats.isTeam(a) === Stats.isTeam(b);
  }

  function fillCompareOptions(ctl) {
    var a = ctl.$("compare-a"), b = ctl.$("compare-b");
    var ids = ctl.state.rounds.map(function (r) { return r.id; });
    var cur = ctl.round().id;
    // Default: the current round against the one before it (or after it, when it is the first).
    var byId = function (id) { return ctl.state.rounds.filter(function (r) { return r.id === id; })[0]; };
    var bId = ids.indexOf(b.value) >= 0 ? b.value : cur;
    var kin = ids.filter(function (x) { return x !== bId && sameKind(byId(x), byId(bId)); });
    var before = kin.filter(function (x) { return ids.indexOf(x) < ids.indexOf(bId); });
    var aId = ids.indexOf(a.value) >= 0 && a.value !== bId ? a.value
      : (before[before.length - 1] || kin[0] || ids.filter(function (x) { return x !== bId; })[0] || bId);
    ctl.fillRoundOptions(a, aId);
    ctl.fillRoundOptions(b, bId);
  }

  function fillCompare(ctl) {
    var data = ctl.data;
    var box = ctl.$("compare");
    var byId = function (id) { return ctl.state.rounds.filter(function (r) { return r.id === id; })[0]; };
    var ra = byId(ctl.$("compare-a").value), rb = byId(ctl.$("compare-b").value);
    box.textContent = "";
    if (ctl.state.rounds.length < 2 || !ra || !rb) {
      append(box, el("p", {}, "ต้องมีอย่างน้อยสองรอบการประเมินจึงจะเปรียบเทียบได้ สร้างรอบใหม่ได้จากเมนูจัดการรอบการประเมินและข้อมูล"));
      return;
    }
    if (ra.id === rb.id) {
      append(box, el("p", {}, "โปรดเลือกสองรอบที่ต่างกัน"));
      return;
    }
    if (!sameKind(ra, rb)) {
      var team = Stats.isTeam(ra) ? ra : rb, own = Stats.isTeam(ra) ? rb : ra;
      append(box, el("p", { "data-hb": "compare-kinds" }, "รอบ “" + own.name + "” เป็นผลของผู้ประเมินคนเดียว ส่วนรอบ “" + team.name
        + "” เป็นระดับที่ทีมตกลงกัน สองรอบนี้วัดคนละแบบ จึงไม่เปรียบเทียบเป็นก่อนและหลัง เลือกสองรอบของทีม หรือสองรอบที่ประเมินคนเดียว"
        + " ถ้าต้องการดูว่าผลของท่านต่างจากทีมอย่างไร ดูที่หน้าประเมินเป็นทีม"));
      return;
    }
    var sa = Stats.summary(data, ra), sb = Stats.summary(data, rb);
    var head = function (cells) { return el("thead", {}, el("tr", {}, cells.map(function (t) { return el("th", { scope: "col" }, t); }))); };
    var avgText = function (avg) { return avg ? avg.text : "–"; };
    var avgValue = function (avg) { return avg ? Number(avg.text) : null; };
    var missionRows = sa.missions.map(function (x, k) {
      var y = sb.missions[k];
      return el("tr", { "data-mission": x.m.id }, [
        el("th", { scope: "row" }, x.m.number + ". " + x.m.title),
        el("td", {}, avgText(x.avg)), el("td", {}, avgText(y.avg)),
        el("td", { "data-hb": "change" }, Stats.change(avgValue(x.avg), avgValue(y.avg))),
      ]);
    });
    missionRows.push(el("tr", { "data-mission": "all", class: "hb-as-total" }, [
      el("th", { scope: "row" }, "ภาพรวม"), el("td", {}, avgText(sa.avg)), el("td", {}, avgText(sb.avg)),
      el("td", { "data-hb": "change" }, Stats.change(avgValue(sa.avg), avgValue(sb.avg))),
    ]));
    var indicatorRows = [];
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var la = Stats.levelOf(ra, id), lb = Stats.levelOf(rb, id);
        indicatorRows.push(el("tr", { "data-indicator": id }, [
          el("th", { scope: "row" }, [el("a", { href: data.indicators[id].url }, id), " " + data.indicators[id].title]),
          el("td", {}, la === null ? "–" : String(la)), el("td", {}, lb === null ? "–" : String(lb)),
          el("td", { "data-hb": "change" }, Stats.change(la, lb)),
        ]));
      });
    });
    append(box, [
      el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-as-table", "data-hb": "compare-missions" }, [
        el("caption", {}, "ค่าเฉลี่ยรายภารกิจ: “" + ra.name + "” เทียบกับ “" + rb.name + "”"),
        head(["ภารกิจ", ra.name, rb.name, "เปลี่ยนแปลง"]), el("tbody", {}, missionRows),
      ])),
      el("details", { class: "hb-as-compare-detail" }, [
        el("summary", {}, "ผลรายตัวชี้วัด"),
        el("div", { class: "hb-as-scroll" }, el("table", { class: "hb-as-table", "data-hb": "compare-indicators" }, [
          el("caption", {}, "ระดับรายตัวชี้วัด: “" + ra.name + "” เทียบกับ “" + rb.name + "”"),
          head(["ตัวชี้วัด", ra.name, rb.name, "เปลี่ยนแปลง"]), el("tbody", {}, indicatorRows),
        ])),
      ]),
    ]);
  }

  return { bind: bind, fill: fill };
});
