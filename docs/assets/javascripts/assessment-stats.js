/* assessment-stats.js: the report's numbers, with no DOM: averages, levels reached, changes between rounds, the
 * team's spread of levels per indicator, and the CSV export's rows and cells. Loads in Node for tests/js/.
 *
 * `data` is the page's indicator data (hpo_handbook/assessment.py: missions in order, levelNames, indicators);
 * a round's `ratings` are its levels (in a team round: the levels the team agreed on).
 */
(function (root, factory) {
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentStats = api;
})(this, function () {
  "use strict";

  /** Average of integers rounded half up to two decimals: exact, so tests can recompute it. */
  function average(levels) {
    if (!levels.length) return null;
    var sum = levels.reduce(function (a, b) { return a + b; }, 0);
    return { value: sum / levels.length, text: (Math.round((sum * 100) / levels.length) / 100).toFixed(2) };
  }

  function levelOf(round, id) {
    var r = round.ratings[id];
    return r && r.level ? r.level : null;
  }

  /** The ids among `ids` that have a level in `round`. */
  function rated(round, ids) {
    return ids.filter(function (id) { return levelOf(round, id) !== null; });
  }

  function allIds(data) {
    return data.missions.reduce(function (all, m) { return all.concat(m.indicators); }, []);
  }

  /**
   * Per mission and overall: the levels in `round`, their average and the count. An indicator without a level
   * (not rated, or in a team round not agreed yet) is left out: never filled in with a mean of the raters.
   */
  function summary(data, round) {
    var all = [];
    var missions = data.missions.map(function (m) {
      var levels = rated(round, m.indicators).map(function (id) { return round.ratings[id].level; });
      all = all.concat(levels);
      return { m: m, levels: levels, avg: average(levels) };
    });
    return { missions: missions, levels: all, avg: average(all) };
  }

  function isTeam(round) {
    return Array.isArray(round.raters);
  }

  /** "ระดับ 2 พัฒนา" for the level reached (rounded down); what to say when nothing counts yet. */
  function levelLabel(avg, levelNames, team) {
    if (!avg) return team ? "ยังไม่สรุป" : "ยังไม่ประเมิน";
    var n = Math.max(1, Math.floor(avg.value));
    return "ระดับ " + n + " " + levelNames[String(n)];
  }

  /** A change between two numbers as the comparison shows it: "+1", "−0.50", "0", or "–" when one is missing. */
  function change(a, b) {
    if (a === null || b === null) return "–";
    var d = Math.round((b - a) * 100) / 100;
    var text = Number.isInteger(d) ? String(d) : d.toFixed(2);
    return d > 0 ? "+" + text : d < 0 ? "−" + text.slice(1) : "0";
  }

  /**
   * The team's view of each indicator: every rater's level and note, the lowest and highest level given, the
   * spread (highest − lowest) and the agreed level. Ordered widest disagreement first (so the meeting spends its
   * time where it matters), then in the handbook's order; indicators no rater rated come last.
   */
  function consensus(data, round) {
    var raters = round.raters || [];
    var ids = allIds(data);
    var rows = ids.map(function (id, order) {
      var given = raters.map(function (x) {
        var r = x.ratings[id];
        return { rater: x.name, level: r && r.level ? r.level : null, notes: r && r.notes ? r.notes : "" };
      });
      var levels = given.map(function (g) { return g.level; }).filter(function (l) { return l !== null; });
      var min = levels.length ? Math.min.apply(null, levels) : null;
      var max = levels.length ? Math.max.apply(null, levels) : null;
      return {
        id: id, order: order, given: given, count: levels.length,
        min: min, max: max, spread: levels.length ? max - min : null,
        agreed: levelOf(round, id),
      };
    });
    rows.sort(function (a, b) {
      if ((a.spread === null) !== (b.spread === null)) return a.spread === null ? 1 : -1;
      if (a.spread !== b.spread) return b.spread - a.spread;
      return a.order - b.order;
    });
    return rows;
  }

  /** "2–4" (lowest–highest level given), "3" when everyone gave the same, "–" when nobody rated. */
  function spreadText(row) {
    if (row.spread === null) return "–";
    return row.min === row.max ? String(row.min) : row.min + "–" + row.max;
  }

  /** One CSV cell: quoted when needed; a cell starting with = + - @ is made plain text, not a spreadsheet formula. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /**
   * The CSV export of one round, header first. A team round adds the spread and each rater's level after the
   * agreed level ("ระดับ"), so the meeting's record shows who gave what.
   */
  function csvRows(data, round) {
    var raters = round.raters || [];
    var team = isTeam(round);
    var head = ["ภารกิจ", "รหัสตัวชี้วัด", "ตัวชี้วัด", "ระดับ", "บันทึกหลักฐาน", "รอบการประเมิน"];
    if (team) head = head.concat(["ต่ำสุด–สูงสุด"], raters.map(function (x) { return "ระดับของ " + x.name; }));
    var byId = {};
    if (team) consensus(data, round).forEach(function (row) { byId[row.id] = row; });
    var rows = [head];
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var r = round.ratings[id] || {};
        var row = [m.number + ". " + m.title, id, data.indicators[id].title, r.level || "", r.notes || "", round.name];
        if (team) {
          row.push(spreadText(byId[id]));
          byId[id].given.forEach(function (g) { row.push(g.level || ""); });
        }
        rows.push(row);
      });
    });
    return rows;
  }

  /** The CSV file's text: a byte-order mark (Excel then reads UTF-8, so Thai shows) and CRLF line ends. */
  function csvText(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  return {
    average: average,
    levelOf: levelOf,
    rated: rated,
    allIds: allIds,
    summary: summary,
    isTeam: isTeam,
    levelLabel: levelLabel,
    change: change,
    consensus: consensus,
    spreadText: spreadText,
    csvCell: csvCell,
    csvRows: csvRows,
    csvText: csvText,
  };
});
