/* assessment-model.js: the saved self-assessment's shape, with no DOM: validation and migration of a stored value
 * or an imported file, new rounds, carrying ratings of merged indicators, merging an import without losing newer
 * work, and turning members' files into a team round's raters. Loads in Node for tests/js/.
 *
 * The state (format and version come from the page, written by hpo_handbook/assessment.py):
 *   {format, version, current: <round id>, rater?: <this browser's rater name>, role?: executive|director|staff,
 *    raterId?: <random, set on the first export: tells two members of one name apart>, rounds: [round]}
 *   round = {id, name, created, updated (ISO), target: 3|4|5, ratings: {<indicator id>: {level: 1-5|null, notes}},
 *            raters?: [{name, role?, id?, source, updated, ratings}],  (raters: a team round; its ratings are the agreed ones)
 *            start, planYear, plans}                                  (the plan: assessment-plan.js)
 * Version 3 added the plan and the rater's role; version 2 is version 3 without them (it migrates by adding an
 * empty plan); version 1 had no raters; version 0 (pre-release) kept one flat set of ratings.
 */
(function (root, factory) {
  var api = factory(function () {
    // assessment-plan.js checks a round's plan; looked up when first needed, so the load order of the two
    // classic scripts does not matter.
    return typeof require === "function" ? require("./assessment-plan.js") : root.HBAssessmentPlan;
  });
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentModel = api;
})(this, function (planApi) {
  "use strict";

  var MAX_ROUNDS = 50;
  var MAX_RATERS = 30;
  var MAX_NAME = 80;
  var MAX_NOTES = 5000;
  var ID_RE = /^[A-Z]{2}-\d{2}$/;
  var ROUND_ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
  var RATER_ID_RE = /^[a-z0-9]{6,40}$/;
  var ROLES = ["executive", "director", "staff"];

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  /** A reason the data cannot be used, in Thai for the reader. */
  function Invalid(message) {
    this.message = message;
  }
  Invalid.prototype = Object.create(Error.prototype);
  Invalid.prototype.name = "Invalid";

  /** The Thai fiscal year (พ.ศ.) of a day: 1 Oct – 30 Sep, named after the year in which it ends. */
  function fiscalYear(day) {
    return day.getFullYear() + 543 + (day.getMonth() >= 9 ? 1 : 0);
  }

  function newRoundId() {
    return "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  function newRound(name, now) {
    var day = now || new Date();
    var stamp = day.toISOString();
    var Plan = planApi();
    var start = Plan.localDate(day);
    return { id: newRoundId(), name: name, created: stamp, updated: stamp, target: 3, ratings: {},
      start: start, planYear: Plan.fiscalYearOf(start), plans: {} };
  }

  function freshState(spec, now) {
    var round = newRound("ปีงบประมาณ " + fiscalYear(now || new Date()), now);
    return { format: spec.format, version: spec.version, current: round.id, rounds: [round] };
  }

  /** Older shapes -> the current one. Version 0 kept one flat set of ratings; version 1 is version 2 without raters. */
  function migrate(obj, spec) {
    if (obj.version === 0) {
      var round = newRound(typeof obj.name === "string" && obj.name.trim() ? obj.name : "ผลการประเมินเดิม");
      var ratings = isObject(obj.ratings) ? obj.ratings : {};
      var notes = isObject(obj.notes) ? obj.notes : {};
      Object.keys(ratings).forEach(function (id) {
        round.ratings[id] = { level: ratings[id], notes: typeof notes[id] === "string" ? notes[id] : "" };
      });
      return { format: spec.format, version: spec.version, current: round.id, rounds: [round] };
    }
    return obj;
  }

  function checkRatings(ratings, where) {
    if (!isObject(ratings)) throw new Invalid(where + " ไม่มีผลการประเมิน (ratings)");
    var out = {};
    Object.keys(ratings).forEach(function (id) {
      var x = ratings[id];
      if (!ID_RE.test(id)) throw new Invalid(where + ": รหัสตัวชี้วัด “" + id.slice(0, 20) + "” ไม่ถูกต้อง");
      if (!isObject(x)) throw new Invalid(where + ": ผลของตัวชี้วัด " + id + " ไม่อยู่ในรูปแบบที่ถูกต้อง");
      var level = x.level === undefined ? null : x.level;
      if (level !== null && [1, 2, 3, 4, 5].indexOf(level) < 0) {
        throw new Invalid(where + ": ระดับของตัวชี้วัด " + id + " ต้องเป็น 1 ถึง 5");
      }
      var notes = x.notes === undefined ? "" : x.notes;
      if (typeof notes !== "string" || notes.length > MAX_NOTES) {
        throw new Invalid(where + ": บันทึกของตัวชี้วัด " + id + " ไม่ใช่ข้อความหรือยาวเกิน " + MAX_NOTES + " ตัวอักษร");
      }
      if (level !== null || notes) out[id] = { level: level, notes: notes };
    });
    return out;
  }

  function checkName(name, where, what) {
    if (typeof name !== "string" || !name.trim() || name.length > MAX_NAME) {
      throw new Invalid(where + " ไม่มี" + what + " หรือ" + what + "ยาวเกิน " + MAX_NAME + " ตัวอักษร");
    }
    return name.trim();
  }

  function checkRaters(raters, where) {
    if (!Array.isArray(raters)) throw new Invalid(where + ": รายชื่อผู้ประเมิน (raters) ไม่อยู่ในรูปแบบที่ถูกต้อง");
    if (raters.length > MAX_RATERS) throw new Invalid(where + " มีผู้ประเมินมากเกิน " + MAX_RATERS + " คน");
    var names = {};
    return raters.map(function (x, n) {
      var at = where + " ผู้ประเมินคนที่ " + (n + 1);
      if (!isObject(x)) throw new Invalid(at + " ไม่อยู่ในรูปแบบที่ถูกต้อง");
      var name = checkName(x.name, at, "ชื่อ");
      if (names[name]) throw new Invalid(where + " มีผู้ประเมินชื่อ “" + name + "” ซ้ำ");
      names[name] = true;
      return {
        name: name,
        source: typeof x.source === "string" ? x.source.slice(0, 200) : "",
        updated: typeof x.updated === "string" ? x.updated : "",
        role: ROLES.indexOf(x.role) >= 0 ? x.role : "",
        id: typeof x.id === "string" && RATER_ID_RE.test(x.id) ? x.id : "",
        ratings: checkRatings(x.ratings, at),
      };
    });
  }

  /**
   * A checked, normalised copy of a state object ({state, migrated}), or throws Invalid with a Thai reason.
   * `spec` = {format, version}: what this edition of the handbook reads and writes.
   */
  function validate(obj, spec) {
    if (!isObject(obj) || obj.format !== spec.format) {
      throw new Invalid("ข้อมูลนี้ไม่ใช่ผลการประเมินตนเองจากคู่มือนี้");
    }
    if (typeof obj.version !== "number" || obj.version % 1 !== 0 || obj.version < 0) {
      throw new Invalid("ไม่พบรุ่นของข้อมูล (version) ที่ถูกต้อง");
    }
    if (obj.version > spec.version) {
      throw new Invalid("ข้อมูลนี้มาจากคู่มือรุ่นใหม่กว่า (รุ่น " + obj.version + ") โปรดใช้คู่มือฉบับล่าสุด");
    }
    var migrated = obj.version < spec.version;
    obj = migrate(obj, spec);
    if (!Array.isArray(obj.rounds) || obj.rounds.length === 0) {
      throw new Invalid("ไม่พบรอบการประเมินในข้อมูล");
    }
    if (obj.rounds.length > MAX_ROUNDS) {
      throw new Invalid("มีรอบการประเมินมากเกิน " + MAX_ROUNDS + " รอบ");
    }
    var seen = {};
    var rounds = obj.rounds.map(function (r, n) {
      var where = "รอบที่ " + (n + 1);
      if (!isObject(r)) throw new Invalid(where + " ไม่อยู่ในรูปแบบที่ถูกต้อง");
      if (typeof r.id !== "string" || !ROUND_ID_RE.test(r.id) || seen[r.id]) {
        throw new Invalid(where + " มีรหัสรอบ (id) ไม่ถูกต้องหรือซ้ำ");
      }
      seen[r.id] = true;
      var name = checkName(r.name, where, "ชื่อรอบ");
      var ratings = checkRatings(r.ratings, where);
      var target = [3, 4, 5].indexOf(r.target) >= 0 ? r.target : 3;
      var created = typeof r.created === "string" ? r.created : new Date().toISOString();
      var updated = typeof r.updated === "string" ? r.updated : created;
      var round = { id: r.id, name: name, created: created, updated: updated, target: target, ratings: ratings };
      if (r.raters !== undefined) round.raters = checkRaters(r.raters, where);
      var plan = planApi().checkRound(r, where, Invalid, created);
      round.start = plan.start;
      round.planYear = plan.planYear;
      round.plans = plan.plans;
      return round;
    });
    var current = seen[obj.current] ? obj.current : rounds[0].id;
    var state = { format: spec.format, version: spec.version, current: current, rounds: rounds };
    if (typeof obj.rater === "string" && obj.rater.trim()) state.rater = obj.rater.trim().slice(0, MAX_NAME);
    if (ROLES.indexOf(obj.role) >= 0) state.role = obj.role;
    if (typeof obj.raterId === "string" && RATER_ID_RE.test(obj.raterId)) state.raterId = obj.raterId;
    return { state: state, migrated: migrated };
  }

  /* A rating saved under an indicator that a later edition merged into another (replaced: old id -> new id) is
   * copied to the successor when the successor has no rating of its own. The old entry stays (copy, never
   * move), so an older copy of the handbook still shows it. Raters' ratings are carried the same way. */
  function carryReplaced(state, replaced) {
    var changed = false;
    function carry(ratings) {
      Object.keys(replaced).forEach(function (old) {
        var next = replaced[old];
        if (ratings[old] && !ratings[next]) {
          ratings[next] = { level: ratings[old].level, notes: ratings[old].notes };
          changed = true;
        }
      });
    }
    state.rounds.forEach(function (r) {
      carry(r.ratings);
      (r.raters || []).forEach(function (x) { carry(x.ratings); });
      if (planApi().carryPlans(r, replaced)) changed = true;
    });
    return changed;
  }

  function time(stamp) {
    var t = Date.parse(stamp);
    return isNaN(t) ? 0 : t;
  }

  function sameContent(a, b) {
    var strip = function (r) {
      return JSON.stringify([r.name, r.target, r.ratings, r.raters || null, r.start, r.planYear, r.plans || {}]);
    };
    return strip(a) === strip(b);
  }

  /**
   * Merge imported rounds into stored ones, never replacing newer work with older. Per incoming round:
   *   not stored                      -> added
   *   stored, same content            -> unchanged
   *   stored, incoming updated later  -> replaces the stored round ("replaced")
   *   stored, incoming not later      -> the stored round stays and the incoming one is kept beside it as a
   *                                      separate round with a new id and a name saying so ("keptBoth")
   * Returns {rounds, added, replaced, keptBoth, unchanged} (lists of round names), or throws Invalid when the
   * result would hold too many rounds (then nothing changes).
   */
  function mergeRounds(stored, incoming, label) {
    var rounds = stored.slice();
    var out = { added: [], replaced: [], keptBoth: [], unchanged: [], ids: {} };
    var names = rounds.map(function (r) { return r.name; });
    incoming.forEach(function (x) {
      var at = -1;
      rounds.forEach(function (r, n) { if (r.id === x.id) at = n; });
      if (at < 0) {
        rounds.push(x);
        out.added.push(x.name);
        out.ids[x.id] = x.id;
      } else if (sameContent(rounds[at], x)) {
        out.unchanged.push(x.name);
        out.ids[x.id] = x.id;
      } else if (time(x.updated) > time(rounds[at].updated)) {
        rounds[at] = x;
        out.replaced.push(x.name);
        out.ids[x.id] = x.id;
      } else {
        var copy = JSON.parse(JSON.stringify(x));
        copy.id = newRoundId();
        copy.name = uniqueName(names, (x.name + " (" + label + ")").slice(0, MAX_NAME));
        names.push(copy.name);
        rounds.push(copy);
        out.keptBoth.push({ kept: rounds[at].name, added: copy.name });
        out.ids[x.id] = copy.id;
      }
    });
    if (rounds.length > MAX_ROUNDS) throw new Invalid("รวมแล้วมีรอบการประเมินมากเกิน " + MAX_ROUNDS + " รอบ");
    out.rounds = rounds;
    return out;
  }

  function uniqueName(taken, name) {
    if (taken.indexOf(name) < 0) return name;
    for (var n = 2; ; n++) if (taken.indexOf(name + " (" + n + ")") < 0) return name + " (" + n + ")";
  }

  /**
   * One team member's file as a rater: the ratings of the round that was open when the file was exported.
   * Named by the file's `rater` field, else by the file name. Ratings of merged indicators go to their successor;
   * ids this edition does not know are left out and listed in `skipped`. Throws Invalid when the file cannot be
   * used at all (not an assessment, newer edition, broken, or no indicator this edition knows).
   *   -> {rater: {name, source, updated, ratings}, skipped: [ids], round: <its round's name>}
   */
  function raterFromFile(obj, fileName, spec, knownIds, replaced) {
    var state = validate(obj, spec).state;
    var round = state.rounds.filter(function (r) { return r.id === state.current; })[0] || state.rounds[0];
    var name = state.rater || String(fileName || "").replace(/\.json$/i, "").trim() || round.name;
    var ratings = {};
    var skipped = [];
    Object.keys(round.ratings).forEach(function (id) {
      var to = knownIds.indexOf(id) >= 0 ? id : replaced[id];
      if (to && knownIds.indexOf(to) >= 0) {
        if (!ratings[to] || to === id) ratings[to] = round.ratings[id];
      } else {
        skipped.push(id);
      }
    });
    if (!Object.keys(ratings).length) {
      throw new Invalid(skipped.length
        ? "ไม่มีตัวชี้วัดในไฟล์ที่คู่มือฉบับนี้รู้จัก (" + skipped.slice(0, 5).join(", ") + ") ไฟล์นี้อาจมาจากคู่มือฉบับอื่น"
        : "ไฟล์นี้ยังไม่มีผลการประเมินในรอบ “" + round.name + "”");
    }
    return {
      rater: { name: name.slice(0, MAX_NAME), role: state.role || "", id: state.raterId || "",
        source: String(fileName || "").slice(0, 200), updated: round.updated, ratings: ratings },
      skipped: skipped,
      round: round.name,
    };
  }

  /**
   * Add a rater to a team round. Same name already there: the newer file (by its round's `updated`) stays, as a
   * member sending a newer file. Two members of one name are told apart by the browser id in their files
   * (`raterId`): the second is refused with a Thai message asking one of them to change the name, and nothing
   * already imported changes. -> "added" | "replaced" | "kept" (the stored one is newer or the same);
   * throws Invalid when full or when the name is another member's.
   */
  function addRater(round, rater) {
    round.raters = round.raters || [];
    var at = -1;
    round.raters.forEach(function (x, n) { if (x.name === rater.name) at = n; });
    if (at >= 0 && rater.id && round.raters[at].id && rater.id !== round.raters[at].id) {
      throw new Invalid("มีผลของผู้ประเมินชื่อ “" + rater.name + "” อยู่แล้ว (จากไฟล์ " + (round.raters[at].source || "ที่นำเข้าก่อนหน้า")
        + ") แต่ไฟล์นี้ส่งออกจากเครื่องของอีกคนหนึ่ง จึงไม่นำเข้าแทน ให้ผู้ประเมินคนใดคนหนึ่งเปลี่ยนชื่อผู้ประเมิน"
        + " (เช่น เติมนามสกุลหรือชื่อกลุ่ม) แล้วส่งออกไฟล์ใหม่");
    }
    if (at < 0) {
      if (round.raters.length >= MAX_RATERS) throw new Invalid("รอบนี้มีผู้ประเมินครบ " + MAX_RATERS + " คนแล้ว");
      round.raters.push(rater);
      return "added";
    }
    if (time(rater.updated) > time(round.raters[at].updated)) {
      round.raters[at] = rater;
      return "replaced";
    }
    return "kept";
  }

  return {
    MAX_ROUNDS: MAX_ROUNDS,
    MAX_NAME: MAX_NAME,
    MAX_NOTES: MAX_NOTES,
    ROLES: ROLES,
    Invalid: Invalid,
    isObject: isObject,
    fiscalYear: fiscalYear,
    newRound: newRound,
    freshState: freshState,
    validate: validate,
    carryReplaced: carryReplaced,
    mergeRounds: mergeRounds,
    uniqueName: uniqueName,
    raterFromFile: raterFromFile,
    addRater: addRater,
  };
});
