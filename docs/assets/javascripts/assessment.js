/*
 * Self-assessment in the browser: saves ratings to localStorage, manages named rounds, draws the
 * report (averages, radar chart, gaps with an action plan, comparison of two rounds) and exports or
 * imports the data as files. Nothing is sent anywhere: no fetch, no XHR; downloads are blob: URLs.
 *
 * Written by hand because no library does this handbook-specific job; it is plain DOM code with no
 * dependencies so that it stays small on slow connections. The indicator data comes from the
 * <script type="application/json"> block written by hpo_handbook/assessment.py.
 *
 * mkdocs-material's instant navigation swaps the page without reloading scripts, so the set-up runs
 * on every page load through the theme's `document$` observable. Listeners are attached to elements
 * of the page being shown, which are thrown away on the next navigation, so none pile up.
 */
(function () {
  "use strict";

  var KEY = "hpo-handbook:v1:assessment";
  var BACKUP_KEY = KEY + ":backup";
  var FORMAT = "hpo-handbook-assessment";
  var VERSION = 1;
  var MAX_ROUNDS = 50;
  var MAX_NAME = 80;
  var MAX_NOTES = 5000;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var ID_RE = /^[A-Z]{2}-\d{2}$/;
  var ROUND_ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
  var SVG_NS = "http://www.w3.org/2000/svg";

  // ── Small helpers ──────────────────────────────────────────────────────────────────────────

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    });
  }

  // Text is always added as text nodes, never as HTML, so notes and YAML text cannot inject markup.
  function append(node, children) {
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  /** Average of integers rounded half up to two decimals: exact, so tests can recompute it. */
  function average(levels) {
    if (!levels.length) return null;
    var sum = levels.reduce(function (a, b) { return a + b; }, 0);
    return { value: sum / levels.length, text: (Math.round((sum * 100) / levels.length) / 100).toFixed(2) };
  }

  /** The Thai fiscal year (พ.ศ.) of a day: 1 Oct – 30 Sep, named after the year in which it ends. */
  function fiscalYear(day) {
    return day.getFullYear() + 543 + (day.getMonth() >= 9 ? 1 : 0);
  }

  /** "25 พฤศจิกายน 2569": Buddhist Era with Thai month names, from the browser's Intl. */
  function thaiDate(day) {
    return new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { day: "numeric", month: "long", year: "numeric" })
      .format(day);
  }

  function newRoundId() {
    return "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  function newRound(name) {
    var now = new Date().toISOString();
    return { id: newRoundId(), name: name, created: now, updated: now, target: 3, ratings: {} };
  }

  function freshState() {
    var round = newRound("ปีงบประมาณ " + fiscalYear(new Date()));
    return { format: FORMAT, version: VERSION, current: round.id, rounds: [round] };
  }

  // ── Validation and migration (shared by the stored value and imported files) ──────────────

  function Invalid(message) {
    this.message = message;
  }

  /** Older shapes -> the current one. Version 0 (pre-release) kept one flat set of ratings. */
  function migrate(obj) {
    if (obj.version === 0) {
      var round = newRound(typeof obj.name === "string" && obj.name.trim() ? obj.name : "ผลการประเมินเดิม");
      var ratings = isObject(obj.ratings) ? obj.ratings : {};
      var notes = isObject(obj.notes) ? obj.notes : {};
      Object.keys(ratings).forEach(function (id) {
        round.ratings[id] = { level: ratings[id], notes: typeof notes[id] === "string" ? notes[id] : "" };
      });
      return { format: FORMAT, version: 1, current: round.id, rounds: [round] };
    }
    return obj;
  }

  /** A checked, normalised copy of a state object, or throws Invalid with a Thai reason. */
  function validate(obj) {
    if (!isObject(obj) || obj.format !== FORMAT) {
      throw new Invalid("ข้อมูลนี้ไม่ใช่ผลการประเมินตนเองจากคู่มือนี้");
    }
    if (typeof obj.version !== "number" || obj.version % 1 !== 0 || obj.version < 0) {
      throw new Invalid("ไม่พบรุ่นของข้อมูล (version) ที่ถูกต้อง");
    }
    if (obj.version > VERSION) {
      throw new Invalid("ข้อมูลนี้มาจากคู่มือรุ่นใหม่กว่า (รุ่น " + obj.version + ") โปรดใช้คู่มือฉบับล่าสุด");
    }
    var migrated = obj.version < VERSION;
    obj = migrate(obj);
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
      if (typeof r.name !== "string" || !r.name.trim() || r.name.length > MAX_NAME) {
        throw new Invalid(where + " ไม่มีชื่อรอบ หรือชื่อยาวเกิน " + MAX_NAME + " ตัวอักษร");
      }
      if (!isObject(r.ratings)) throw new Invalid(where + " ไม่มีผลการประเมิน (ratings)");
      var ratings = {};
      Object.keys(r.ratings).forEach(function (id) {
        var x = r.ratings[id];
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
        if (level !== null || notes) ratings[id] = { level: level, notes: notes };
      });
      var target = [3, 4, 5].indexOf(r.target) >= 0 ? r.target : 3;
      var created = typeof r.created === "string" ? r.created : new Date().toISOString();
      var updated = typeof r.updated === "string" ? r.updated : created;
      return { id: r.id, name: r.name.trim(), created: created, updated: updated, target: target, ratings: ratings };
    });
    var current = seen[obj.current] ? obj.current : rounds[0].id;
    return { state: { format: FORMAT, version: VERSION, current: current, rounds: rounds }, migrated: migrated };
  }

  // ── Storage ────────────────────────────────────────────────────────────────────────────────

  function storage() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (e) {
      return null; // blocked (private mode, policy): work in memory and say so
    }
  }

  /** The saved state and a message for the reader when it had to be migrated or reset. */
  function loadState() {
    var s = storage();
    if (!s) {
      return { state: freshState(), error: "เบราว์เซอร์นี้ไม่อนุญาตให้บันทึกข้อมูลในเครื่อง ผลการประเมินจะหายเมื่อปิดหน้านี้ โปรดส่งออกไฟล์ JSON เก็บไว้" };
    }
    var raw = s.getItem(KEY);
    if (raw === null) return { state: freshState() };
    try {
      var result = validate(JSON.parse(raw));
      if (result.migrated) {
        writeState(result.state);
        return { state: result.state, info: "ปรับข้อมูลการประเมินที่บันทึกไว้จากคู่มือรุ่นก่อนให้ใช้กับรุ่นนี้แล้ว" };
      }
      return { state: result.state };
    } catch (e) {
      // Keep the damaged value so nothing is lost for good, then start clean.
      try { s.setItem(BACKUP_KEY, raw); } catch (ignored) { /* quota: the reset still proceeds */ }
      var state = freshState();
      writeState(state);
      return {
        state: state,
        error: "ข้อมูลการประเมินที่บันทึกไว้ในเบราว์เซอร์นี้เสียหายหรืออ่านไม่ได้ ("
          + (e instanceof Invalid ? e.message : "รูปแบบข้อมูลไม่ถูกต้อง")
          + ") จึงเริ่มแบบประเมินใหม่ สำเนาข้อมูลเดิมเก็บไว้ในเบราว์เซอร์ หากมีไฟล์ที่ส่งออกไว้ให้นำเข้าไฟล์นั้น",
      };
    }
  }

  function writeState(state) {
    var s = storage();
    if (!s) return false;
    try {
      s.setItem(KEY, JSON.stringify(state));
      return true;
    } catch (e) {
      return false;
    }
  }

  // ── The page controller ────────────────────────────────────────────────────────────────────

  function Assessment(root, data) {
    this.root = root;
    this.page = root.getAttribute("data-hb-assessment");
    this.scope = root.closest("article") || document.body;
    this.data = data;
    this.ids = [];
    var self = this;
    data.missions.forEach(function (m) { self.ids = self.ids.concat(m.indicators); });
    var loaded = loadState();
    this.state = loaded.state;
    if (loaded.error) this.alert(loaded.error);
    else if (loaded.info) this.status(loaded.info);
  }

  Assessment.prototype.$ = function (name) {
    return this.scope.querySelector('[data-hb="' + name + '"]');
  };

  Assessment.prototype.round = function () {
    var id = this.state.current;
    return this.state.rounds.filter(function (r) { return r.id === id; })[0] || this.state.rounds[0];
  };

  Assessment.prototype.save = function () {
    this.round().updated = new Date().toISOString();
    if (!writeState(this.state)) {
      this.alert("บันทึกผลไม่สำเร็จ (พื้นที่เก็บข้อมูลของเบราว์เซอร์เต็มหรือถูกปิด) โปรดส่งออกไฟล์ JSON เก็บไว้");
    }
  };

  Assessment.prototype.alert = function (text) {
    this.message("alert", text);
  };

  Assessment.prototype.status = function (text) {
    this.message("status", text);
  };

  Assessment.prototype.message = function (kind, text) {
    var box = this.$(kind);
    var other = this.$(kind === "alert" ? "status" : "alert");
    if (other) other.textContent = "";
    if (!box) return;
    box.textContent = "";
    var self = this;
    var close = el("button", { type: "button", class: "hb-as-close" }, "ปิดข้อความ");
    close.addEventListener("click", function () { box.textContent = ""; self.$("round-select").focus(); });
    append(box, [el("p", {}, text), close]);
  };

  Assessment.prototype.start = function () {
    this.$("toolbar").hidden = false;
    this.bindToolbar();
    if (this.page === "form") this.bindForm();
    if (this.page === "report") this.bindReport();
    this.refresh();
  };

  Assessment.prototype.refresh = function () {
    this.fillToolbar();
    if (this.page === "form") this.fillForm();
    if (this.page === "report") this.fillReport();
  };

  // ── Toolbar: rounds, export, import ────────────────────────────────────────────────────────

  Assessment.prototype.fillRoundOptions = function (select, selectedId) {
    select.textContent = "";
    this.state.rounds.forEach(function (r) {
      var option = el("option", { value: r.id }, r.name);
      option.selected = r.id === selectedId;
      select.appendChild(option);
    });
  };

  Assessment.prototype.fillToolbar = function () {
    this.fillRoundOptions(this.$("round-select"), this.round().id);
    this.$("round-name").value = this.round().name;
  };

  Assessment.prototype.uniqueName = function (name, exceptId) {
    var taken = this.state.rounds.filter(function (r) { return r.id !== exceptId; }).map(function (r) { return r.name; });
    if (taken.indexOf(name) < 0) return name;
    for (var n = 2; ; n++) if (taken.indexOf(name + " (" + n + ")") < 0) return name + " (" + n + ")";
  };

  Assessment.prototype.bindToolbar = function () {
    var self = this;
    this.$("round-select").addEventListener("change", function (e) {
      self.state.current = e.target.value;
      writeState(self.state);
      self.refresh();
      self.status("เปลี่ยนเป็นรอบ “" + self.round().name + "”");
    });
    this.$("rename-round").addEventListener("click", function () {
      var input = self.$("round-name");
      var name = input.value.trim();
      if (!name) { self.alert("โปรดพิมพ์ชื่อรอบการประเมิน"); input.focus(); return; }
      if (name !== self.uniqueName(name, self.round().id)) { self.alert("มีรอบชื่อ “" + name + "” อยู่แล้ว โปรดใช้ชื่ออื่น"); input.focus(); return; }
      self.round().name = name.slice(0, MAX_NAME);
      self.save();
      self.refresh();
      self.status("เปลี่ยนชื่อรอบเป็น “" + self.round().name + "” แล้ว");
    });
    this.$("new-round").addEventListener("click", function () {
      if (self.state.rounds.length >= MAX_ROUNDS) { self.alert("มีรอบการประเมินครบ " + MAX_ROUNDS + " รอบแล้ว โปรดลบรอบเก่าก่อน"); return; }
      var round = newRound(self.uniqueName("ปีงบประมาณ " + fiscalYear(new Date())));
      self.state.rounds.push(round);
      self.state.current = round.id;
      writeState(self.state);
      self.refresh();
      self.status("สร้างรอบ “" + round.name + "” แล้ว เปลี่ยนชื่อรอบได้ในช่องชื่อรอบนี้");
      self.$("round-name").focus();
    });
    this.$("delete-round").addEventListener("click", function () {
      var round = self.round();
      if (!window.confirm("ลบรอบ “" + round.name + "” และผลการประเมินทั้งหมดในรอบนี้หรือไม่")) return;
      self.state.rounds = self.state.rounds.filter(function (r) { return r.id !== round.id; });
      if (!self.state.rounds.length) self.state.rounds.push(newRound("ปีงบประมาณ " + fiscalYear(new Date())));
      self.state.current = self.state.rounds[self.state.rounds.length - 1].id;
      writeState(self.state);
      self.refresh();
      self.status("ลบรอบ “" + round.name + "” แล้ว");
    });
    this.$("clear-all").addEventListener("click", function () {
      if (!window.confirm("ล้างผลการประเมินทุกรอบในเบราว์เซอร์นี้หรือไม่ (ควรส่งออกไฟล์ JSON เก็บไว้ก่อน)")) return;
      self.state = freshState();
      writeState(self.state);
      self.refresh();
      self.status("ล้างข้อมูลการประเมินในเบราว์เซอร์นี้แล้ว");
    });
    this.$("export-json").addEventListener("click", function () { self.exportJson(); });
    this.$("export-csv").addEventListener("click", function () { self.exportCsv(); });
    var file = this.$("import-file");
    this.$("import").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      file.value = ""; // choosing the same file again fires change again
      if (chosen) self.importFile(chosen);
    });
    var print = this.$("print");
    if (print) print.addEventListener("click", function () { window.print(); });
  };

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function stamp() {
    return new Date().toISOString().slice(0, 10);
  }

  Assessment.prototype.exportJson = function () {
    var out = {
      format: FORMAT,
      version: VERSION,
      exported: new Date().toISOString(),
      current: this.state.current,
      rounds: this.state.rounds,
    };
    download("hpo-assessment-" + stamp() + ".json", JSON.stringify(out, null, 2) + "\n", "application/json");
    this.status("ส่งออกไฟล์ JSON ทุกรอบแล้ว");
  };

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    // A cell starting with = + - @ would run as a formula in a spreadsheet: make it plain text.
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  Assessment.prototype.exportCsv = function () {
    var round = this.round();
    var data = this.data;
    var rows = [["ภารกิจ", "รหัสตัวชี้วัด", "ตัวชี้วัด", "ระดับ", "บันทึกหลักฐาน", "รอบการประเมิน"]];
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var r = round.ratings[id] || {};
        rows.push([m.number + ". " + m.title, id, data.indicators[id].title, r.level || "", r.notes || "", round.name]);
      });
    });
    // The byte-order mark makes Excel read the file as UTF-8, so Thai shows correctly.
    var text = "\uFEFF" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    download("hpo-assessment-" + stamp() + ".csv", text, "text/csv;charset=utf-8");
    this.status("ส่งออกไฟล์ CSV ของรอบ “" + round.name + "” แล้ว");
  };

  Assessment.prototype.importFile = function (file) {
    var self = this;
    var fail = function (reason) {
      self.alert("นำเข้าไฟล์ “" + file.name + "” ไม่ได้: " + reason + " ข้อมูลเดิมยังอยู่ครบ");
    };
    if (file.size > MAX_IMPORT_BYTES) { fail("ไฟล์ใหญ่เกินกว่าไฟล์ผลการประเมิน"); return; }
    file.text().then(function (text) {
      var parsed;
      try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (e) {
        fail("ไฟล์นี้ไม่ใช่ JSON ที่อ่านได้ อาจเสียหายหรือไม่ครบ โปรดใช้ไฟล์ที่ส่งออกจากปุ่มส่งออก JSON");
        return;
      }
      var result;
      try {
        result = validate(parsed);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        fail(e.message + ".");
        return;
      }
      // Imported rounds replace rounds with the same id and are added otherwise.
      var incoming = result.state.rounds;
      var kept = self.state.rounds.filter(function (r) {
        return !incoming.some(function (x) { return x.id === r.id; });
      });
      if (kept.length + incoming.length > MAX_ROUNDS) { fail("รวมแล้วมีรอบการประเมินมากเกิน " + MAX_ROUNDS + " รอบ"); return; }
      self.state.rounds = kept.concat(incoming);
      self.state.current = result.state.current;
      writeState(self.state);
      self.refresh();
      self.status("นำเข้าผลการประเมิน " + incoming.length + " รอบจากไฟล์ “" + file.name + "” แล้ว");
    }, function () {
      fail("เบราว์เซอร์อ่านไฟล์ไม่ได้");
    });
  };

  // ── The form ───────────────────────────────────────────────────────────────────────────────

  Assessment.prototype.rating = function (id) {
    var round = this.round();
    if (!round.ratings[id]) round.ratings[id] = { level: null, notes: "" };
    return round.ratings[id];
  };

  Assessment.prototype.tidy = function (id) {
    var r = this.round().ratings[id];
    if (r && r.level === null && !r.notes) delete this.round().ratings[id];
  };

  Assessment.prototype.bindForm = function () {
    var self = this;
    this.scope.addEventListener("change", function (e) {
      var input = e.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
      var box = input.closest("[data-indicator]");
      if (!box || !box.classList.contains("hb-as-indicator")) return;
      var id = box.getAttribute("data-indicator");
      self.rating(id).level = input.value ? Number(input.value) : null;
      self.tidy(id);
      self.save();
      self.fillProgress();
    });
    this.scope.addEventListener("input", function (e) {
      var area = e.target;
      if (!(area instanceof HTMLTextAreaElement) || area.getAttribute("data-hb") !== "notes") return;
      var id = area.closest("[data-indicator]").getAttribute("data-indicator");
      self.rating(id).notes = area.value.slice(0, MAX_NOTES);
      self.tidy(id);
      self.save();
    });
  };

  Assessment.prototype.fillForm = function () {
    var ratings = this.round().ratings;
    this.scope.querySelectorAll("fieldset.hb-as-indicator").forEach(function (box) {
      var r = ratings[box.getAttribute("data-indicator")] || {};
      var value = r.level ? String(r.level) : "";
      box.querySelectorAll('input[type="radio"]').forEach(function (input) {
        input.checked = input.value === value;
      });
      box.querySelector('[data-hb="notes"]').value = r.notes || "";
    });
    this.fillProgress();
  };

  Assessment.prototype.rated = function (round, ids) {
    return ids.filter(function (id) { return round.ratings[id] && round.ratings[id].level; });
  };

  Assessment.prototype.fillProgress = function () {
    var self = this;
    var round = this.round();
    var n = this.rated(round, this.ids).length;
    var total = this.ids.length;
    var text = "ประเมินแล้ว " + n + " จาก " + total + " ตัวชี้วัด";
    var bar = this.$("progress");
    bar.max = total;
    bar.value = n;
    bar.setAttribute("aria-valuetext", text);
    this.$("progress-text").textContent = text;
    this.data.missions.forEach(function (m) {
      var k = self.rated(round, m.indicators).length;
      self.scope.querySelectorAll('[data-mission="' + m.id + '"][data-hb="mission-progress"]').forEach(function (x) {
        x.textContent = "ประเมินแล้ว " + k + " จาก " + m.indicators.length + " ตัวชี้วัด";
      });
      self.scope.querySelectorAll('[data-mission="' + m.id + '"][data-hb="mission-count"]').forEach(function (x) {
        x.textContent = "(" + k + "/" + m.indicators.length + ")";
      });
    });
  };

  // ── The report ─────────────────────────────────────────────────────────────────────────────

  Assessment.prototype.bindReport = function () {
    var self = this;
    this.$("target").addEventListener("change", function (e) {
      self.round().target = Number(e.target.value);
      self.save();
      self.fillGaps();
    });
    ["compare-a", "compare-b"].forEach(function (name) {
      self.$(name).addEventListener("change", function () { self.fillCompare(); });
    });
  };

  /** Per mission and overall: the levels rated in `round`, their average and the level reached. */
  Assessment.prototype.summary = function (round) {
    var self = this;
    var all = [];
    var missions = this.data.missions.map(function (m) {
      var levels = self.rated(round, m.indicators).map(function (id) { return round.ratings[id].level; });
      all = all.concat(levels);
      return { m: m, levels: levels, avg: average(levels) };
    });
    return { missions: missions, levels: all, avg: average(all) };
  };

  Assessment.prototype.levelLabel = function (avg) {
    if (!avg) return "ยังไม่ประเมิน";
    var n = Math.max(1, Math.floor(avg.value));
    return "ระดับ " + n + " " + this.data.levelNames[String(n)];
  };

  Assessment.prototype.fillReport = function () {
    var self = this;
    var round = this.round();
    var s = this.summary(round);
    this.scope.querySelectorAll('[data-hb="report-round"]').forEach(function (x) { x.textContent = round.name; });
    this.scope.querySelectorAll('[data-hb="report-date"]').forEach(function (x) { x.textContent = thaiDate(new Date()); });
    this.$("overall-rated").textContent = s.levels.length + " จาก " + this.ids.length + " ตัวชี้วัด";
    this.$("overall-average").textContent = s.avg ? s.avg.text : "–";
    this.$("overall-level").textContent = this.levelLabel(s.avg);
    var table = this.$("profile-table");
    var rows = s.missions.map(function (x) { return { id: x.m.id, n: x.levels.length, total: x.m.indicators.length, avg: x.avg }; });
    rows.push({ id: "all", n: s.levels.length, total: this.ids.length, avg: s.avg });
    rows.forEach(function (row) {
      var tr = table.querySelector('tr[data-mission="' + row.id + '"]');
      if (!tr) return;
      tr.querySelector('[data-hb="rated"]').textContent = row.n + "/" + row.total;
      tr.querySelector('[data-hb="average"]').textContent = row.avg ? row.avg.text : "–";
      tr.querySelector('[data-hb="level"]').textContent = self.levelLabel(row.avg);
    });
    this.drawRadar(this.$("radar"), s, round);
    this.$("target").value = String(round.target || 3);
    this.fillGaps();
    this.fillCompareOptions();
    this.fillCompare();
  };

  /*
   * The radar chart of the eight missions, as inline SVG built here (a charting library would add
   * far more weight than this one chart needs). Axis k points up and turns clockwise; radius is
   * proportional to the average level (0 = not rated, at the centre).
   */
  Assessment.prototype.drawRadar = function (figure, s, round) {
    // Wider than tall: the mission labels at the left and right need room beside the chart.
    var width = 480, height = 400, cx = width / 2, cy = height / 2, r = 140, max = 5;
    var n = s.missions.length;
    function point(k, value) {
      var angle = -Math.PI / 2 + (2 * Math.PI * k) / n;
      return [cx + Math.cos(angle) * r * (value / max), cy + Math.sin(angle) * r * (value / max)];
    }
    function poly(values) {
      return values.map(function (v, k) { var p = point(k, v); return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
    }
    var desc = s.missions.map(function (x) {
      return "ภารกิจที่ " + x.m.number + " " + x.m.title + " " + (x.avg ? x.avg.text : "ยังไม่ประเมิน");
    }).join("; ");
    var chart = svg("svg", {
      viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "hb-as-radar-title hb-as-radar-desc",
      class: "hb-as-radar-svg",
    }, [
      svg("title", { id: "hb-as-radar-title" }, "แผนภูมิเรดาร์ค่าเฉลี่ยระดับคุณภาพแปดภารกิจ รอบ " + round.name),
      svg("desc", { id: "hb-as-radar-desc" }, desc),
    ]);
    for (var level = 1; level <= max; level++) {
      chart.appendChild(svg("polygon", { points: poly(s.missions.map(function () { return level; })), class: "hb-as-radar-ring" }));
      var tick = point(0, level);
      chart.appendChild(svg("text", { x: tick[0] + 4, y: tick[1] - 2, class: "hb-as-radar-tick" }, String(level)));
    }
    s.missions.forEach(function (x, k) {
      var end = point(k, max);
      chart.appendChild(svg("line", { x1: cx, y1: cy, x2: end[0], y2: end[1], class: "hb-as-radar-axis" }));
    });
    chart.appendChild(svg("polygon", {
      points: poly(s.missions.map(function (x) { return x.avg ? x.avg.value : 0; })), class: "hb-as-radar-area",
    }));
    s.missions.forEach(function (x, k) {
      if (x.avg) {
        var p = point(k, x.avg.value);
        chart.appendChild(svg("circle", { cx: p[0], cy: p[1], r: 4, class: "hb-as-radar-dot" }));
      }
      var label = point(k, max + 0.6);
      var anchor = Math.abs(label[0] - cx) < 1 ? "middle" : label[0] > cx ? "start" : "end";
      chart.appendChild(svg("text", { x: label[0], y: label[1], "text-anchor": anchor, class: "hb-as-radar-label" }, [
        // Two lines: above the tip for upper axes, below it for lower ones, centred on the sides.
        svg("tspan", { x: label[0], dy: label[1] < cy - 20 ? "-1.1em" : label[1] > cy + 20 ? "0.9em" : "-0.2em" }, "ภารกิจ " + x.m.number),
        svg("tspan", { x: label[0], dy: "1.2em", class: "hb-as-radar-value" }, x.avg ? x.avg.text : "–"),
      ]));
    });
    figure.textContent = "";
    append(figure, [chart, el("figcaption", {}, "ค่าเฉลี่ยระดับ 1–5 ของแต่ละภารกิจ รอบ “" + round.name + "” (ตัวเลขเดียวกันอยู่ในตารางด้านล่าง)")]);
  };

  /** Gaps: rated indicators below the round's target level, each with its next level and actions. */
  Assessment.prototype.fillGaps = function () {
    var data = this.data;
    var round = this.round();
    var target = round.target || 3;
    var box = this.$("gaps");
    box.textContent = "";
    var rated = this.rated(round, this.ids);
    var unrated = this.ids.length - rated.length;
    if (!rated.length) {
      append(box, el("p", {}, ["ยังไม่มีผลการประเมินในรอบนี้ ", el("a", { href: data.missions[0].form.split("#")[0] }, "เริ่มประเมินที่หน้าแบบประเมิน")]));
      return;
    }
    var gaps = 0;
    data.missions.forEach(function (m) {
      var items = m.indicators.filter(function (id) {
        var r = round.ratings[id];
        return r && r.level && r.level < target;
      });
      if (!items.length) return;
      gaps += items.length;
      var list = el("ol", { class: "hb-as-plan" });
      items.forEach(function (id) {
        var i = data.indicators[id];
        var level = round.ratings[id].level;
        var next = level + 1;
        list.appendChild(el("li", { class: "hb-as-gap", "data-indicator": id, "data-level": level }, [
          el("h4", {}, [el("a", { href: i.url }, id), " " + i.title]),
          el("p", {}, ["ตอนนี้: ระดับ " + level + " " + data.levelNames[String(level)] + " · เป้าหมาย: ระดับ " + target]),
          el("p", { class: "hb-as-next" }, [el("strong", {}, "ระดับถัดไป (ระดับ " + next + " " + data.levelNames[String(next)] + "): "), i.levels[String(next)]]),
          el("p", { class: "hb-as-label" }, "สิ่งที่ควรทำ"),
          el("ul", {}, i.actions.map(function (a) { return el("li", {}, a); })),
          i.owners && i.owners.length ? el("p", { class: "hb-as-owners" }, "ผู้รับผิดชอบหลัก: " + i.owners.join(" · ")) : null,
        ]));
      });
      append(box, [el("h3", {}, "ภารกิจที่ " + m.number + " " + m.title + " (" + items.length + " ตัวชี้วัด)"), list]);
    });
    box.insertBefore(el("p", { "data-hb": "gap-count" }, gaps
      ? "ตัวชี้วัดที่ต่ำกว่าระดับ " + target + " มี " + gaps + " ตัวชี้วัด" + (unrated ? " และยังไม่ประเมินอีก " + unrated + " ตัวชี้วัด" : "")
      : "ไม่มีตัวชี้วัดที่ประเมินแล้วต่ำกว่าระดับ " + target + (unrated ? " (ยังไม่ประเมิน " + unrated + " ตัวชี้วัด)" : "")), box.firstChild);
  };

  Assessment.prototype.fillCompareOptions = function () {
    var a = this.$("compare-a"), b = this.$("compare-b");
    var rounds = this.state.rounds;
    var ids = rounds.map(function (r) { return r.id; });
    var cur = this.round().id;
    // Default: the current round against the one before it (or after it, when it is the first).
    var bId = ids.indexOf(b.value) >= 0 ? b.value : cur;
    var aId = ids.indexOf(a.value) >= 0 && a.value !== bId ? a.value
      : (ids[ids.indexOf(bId) - 1] || ids.filter(function (x) { return x !== bId; })[0] || bId);
    this.fillRoundOptions(a, aId);
    this.fillRoundOptions(b, bId);
  };

  function change(a, b) {
    if (a === null || b === null) return "–";
    var d = Math.round((b - a) * 100) / 100;
    var text = Number.isInteger(d) ? String(d) : d.toFixed(2);
    return d > 0 ? "+" + text : d < 0 ? "−" + text.slice(1) : "0";
  }

  Assessment.prototype.fillCompare = function () {
    var self = this;
    var data = this.data;
    var box = this.$("compare");
    var byId = function (id) { return self.state.rounds.filter(function (r) { return r.id === id; })[0]; };
    var ra = byId(this.$("compare-a").value), rb = byId(this.$("compare-b").value);
    box.textContent = "";
    if (this.state.rounds.length < 2 || !ra || !rb) {
      append(box, el("p", {}, "ต้องมีอย่างน้อยสองรอบการประเมินจึงจะเปรียบเทียบได้ สร้างรอบใหม่ได้จากเมนูจัดการรอบการประเมินและข้อมูล"));
      return;
    }
    if (ra.id === rb.id) {
      append(box, el("p", {}, "โปรดเลือกสองรอบที่ต่างกัน"));
      return;
    }
    var sa = this.summary(ra), sb = this.summary(rb);
    var head = function (cells) { return el("thead", {}, el("tr", {}, cells.map(function (t) { return el("th", { scope: "col" }, t); }))); };
    var avgText = function (avg) { return avg ? avg.text : "–"; };
    var avgValue = function (avg) { return avg ? Number(avg.text) : null; };
    var missionRows = sa.missions.map(function (x, k) {
      var y = sb.missions[k];
      return el("tr", { "data-mission": x.m.id }, [
        el("th", { scope: "row" }, x.m.number + ". " + x.m.title),
        el("td", {}, avgText(x.avg)), el("td", {}, avgText(y.avg)),
        el("td", { "data-hb": "change" }, change(avgValue(x.avg), avgValue(y.avg))),
      ]);
    });
    missionRows.push(el("tr", { "data-mission": "all", class: "hb-as-total" }, [
      el("th", { scope: "row" }, "ภาพรวม"), el("td", {}, avgText(sa.avg)), el("td", {}, avgText(sb.avg)),
      el("td", { "data-hb": "change" }, change(avgValue(sa.avg), avgValue(sb.avg))),
    ]));
    var level = function (round, id) { var r = round.ratings[id]; return r && r.level ? r.level : null; };
    var indicatorRows = [];
    data.missions.forEach(function (m) {
      m.indicators.forEach(function (id) {
        var a = level(ra, id), b = level(rb, id);
        indicatorRows.push(el("tr", { "data-indicator": id }, [
          el("th", { scope: "row" }, [el("a", { href: data.indicators[id].url }, id), " " + data.indicators[id].title]),
          el("td", {}, a === null ? "–" : String(a)), el("td", {}, b === null ? "–" : String(b)),
          el("td", { "data-hb": "change" }, change(a, b)),
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
  };

  // ── Start on every page load ───────────────────────────────────────────────────────────────

  function init() {
    var root = document.querySelector("[data-hb-assessment]");
    if (!root || root.getAttribute("data-hb-ready")) return;
    root.setAttribute("data-hb-ready", "1");
    var data;
    try {
      // Found by its wrapper: after instant navigation the theme has re-created the <script> without
      // its id (see hpo_handbook/templates/assessment_data.html). The JSON is a one-item array.
      data = JSON.parse(document.querySelector(".hb-as-data > script").textContent)[0];
      if (!data || !Array.isArray(data.missions)) throw new Error("no data");
    } catch (e) {
      var box = root.querySelector('[data-hb="alert"]');
      if (box) box.textContent = "โหลดข้อมูลตัวชี้วัดของแบบประเมินไม่ได้ โปรดโหลดหน้านี้ใหม่";
      return;
    }
    active = new Assessment(root, data);
    active.start();
  }

  // A closed <details> prints nothing inside it: open the comparison's detail table for paper.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".hb-as-compare-detail").forEach(function (d) { d.open = true; });
  });

  // Rated in another tab while this page is open: show the same data. One listener for the whole
  // visit; it serves whichever page is showing.
  var active = null;
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY || !active || !active.root.isConnected) return;
    active.state = loadState().state;
    active.refresh();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); // mkdocs-material: fires on first load and after each instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
