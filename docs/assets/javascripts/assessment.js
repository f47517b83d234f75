/*
 * Self-assessment in the browser: the page controller. It keeps the state (rounds of ratings) through the shared
 * store (hb-storage.js: a key scoped to this handbook, the old unscoped key copied in, a backup of anything
 * unreadable), wires the round tools, export and import, and the rating form, and hands the report page to
 * assessment-report.js, the team page to assessment-team.js and the plan page to assessment-plan-ui.js. The state's
 * shape and its checks are in assessment-model.js (the plan's in assessment-plan.js), the numbers in
 * assessment-stats.js. Nothing is sent anywhere: no fetch, no XHR;
 * downloads are blob: URLs.
 *
 * Written by hand because no library does this handbook-specific job; plain DOM code with no dependencies, as
 * classic scripts (the offline edition runs from file://, where ES modules are refused). The indicator data,
 * the state's format and version come from the <script type="application/json"> block written by
 * hpo_handbook/assessment.py; the storage key and scope from the root element's data-storage-* attributes.
 *
 * mkdocs-material's instant navigation swaps the page without reloading scripts, so the set-up runs on every
 * page load through the theme's `document$` observable. Listeners are attached to elements of the page being
 * shown, which are thrown away on the next navigation, so none pile up.
 */
(function (root, factory) {
  if (typeof module !== "undefined" && module.exports) return; // browser only: the pure parts load on their own
  factory(root.HBStorage, root.HBAssessmentModel, root.HBAssessmentStats, root.HBAssessmentDom,
    root.HBAssessmentReport, root.HBAssessmentTeam, root.HBAssessmentPlan, root.HBAssessmentPlanUi);
})(this, function (HBStorage, Model, Stats, Dom, Report, Team, Plan, PlanUi) {
  "use strict";

  var el = Dom.el, append = Dom.append;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var WHAT = "ข้อมูลการประเมิน";
  var FRESH = "จึงเริ่มแบบประเมินใหม่ หากมีไฟล์ที่ส่งออกไว้ให้นำเข้าไฟล์นั้น";

  function Assessment(root, data) {
    this.root = root;
    this.page = root.getAttribute("data-hb-assessment");
    this.scope = root.closest("article") || document.body;
    this.data = data;
    this.spec = { format: data.format, version: data.version };
    this.ids = Stats.allIds(data);
    this.storeScope = root.getAttribute("data-storage-scope") || "";
    var spec = this.spec;
    this.store = new HBStorage.Store({
      key: root.getAttribute("data-storage-key"),
      scope: this.storeScope,
      legacy: root.getAttribute("data-storage-legacy"),
      parse: function (raw) {
        var obj;
        try {
          obj = JSON.parse(raw);
        } catch (e) {
          throw new Model.Invalid("รูปแบบข้อมูลไม่ถูกต้อง");
        }
        return Model.validate(obj, spec);
      },
      empty: function () { return Model.freshState(spec); },
    });
    this.load(true);
  }

  /* Read the saved state; on first load say what happened (copied, migrated, reset, unavailable). */
  Assessment.prototype.load = function (announce) {
    var loaded = this.store.load();
    this.state = loaded.state || Model.freshState(this.spec);
    if (Model.carryReplaced(this.state, this.data.replaced || {})) this.store.save(this.state);
    if (!announce) return;
    var text = HBStorage.message(loaded, WHAT, FRESH);
    var orphans = this.orphans(this.state.rounds);
    if (orphans) text = (text ? text + " " : "") + orphans;
    if (/^(corrupt|unavailable)/.test(loaded.status)) this.alert(text);
    else if (text) this.status(text);
  };

  /* A plan saved for an indicator this edition no longer has (and no successor took it): kept, and said so. */
  Assessment.prototype.orphans = function (rounds) {
    var self = this;
    var found = [];
    rounds.forEach(function (r) {
      Plan.orphanPlans(r, self.ids, self.data.replaced || {}).forEach(function (id) {
        if (found.indexOf(id) < 0) found.push(id);
      });
    });
    return found.length
      ? "มีแผนของตัวชี้วัดที่คู่มือฉบับนี้ไม่มีแล้ว (" + found.join(", ") + ") หน้าแผนพัฒนาจึงไม่แสดงแผนเหล่านี้ แต่ยังเก็บไว้ครบและไปกับไฟล์ JSON ที่ส่งออก"
      : "";
  };

  Assessment.prototype.$ = function (name) {
    return this.scope.querySelector('[data-hb="' + name + '"]');
  };

  Assessment.prototype.round = function () {
    var id = this.state.current;
    return this.state.rounds.filter(function (r) { return r.id === id; })[0] || this.state.rounds[0];
  };

  Assessment.prototype.write = function () {
    if (this.store.save(this.state)) return true;
    this.alert(this.store.blocked
      ? "ข้อมูลการประเมินเดิมในเบราว์เซอร์นี้อ่านไม่ได้และยังไม่มีสำเนา จึงไม่บันทึกทับ โปรดส่งออกไฟล์ JSON เก็บไว้"
      : "บันทึกผลไม่สำเร็จ (พื้นที่เก็บข้อมูลของเบราว์เซอร์เต็มหรือถูกปิด) โปรดส่งออกไฟล์ JSON เก็บไว้");
    return false;
  };

  /* A change to the current round's content: stamp it, so an import can tell newer work from older. */
  Assessment.prototype.save = function () {
    this.round().updated = new Date().toISOString();
    this.write();
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
    if (this.page === "report") { Report.bind(this); PlanUi.bindForm(this); }
    if (this.page === "team") Team.bind(this);
    if (this.page === "plan") PlanUi.bind(this);
    this.refresh();
    if (this.page === "form") layOutWhenIdle(this.scope.querySelectorAll("fieldset.hb-as-indicator"), this.root);
  };

  /* The form's 58 indicators start skipped while off screen (content-visibility in assessment.css): laying out
   * every level's Thai text at once blocks a phone for seconds. Once the page is up, lay them out one per idle
   * moment (one indicator is a short task even on a slow phone; a few in a row are not), so that the whole form is
   * laid out without a long task: hit-testing (what a tap, and accessibility checkers, rely on) then works
   * everywhere. Written by hand: a dozen lines, and no library does it. */
  function layOutWhenIdle(blocks, root) {
    var i = 0;
    var idle = window.requestIdleCallback || function (step) { return setTimeout(step, 30); };
    function step() {
      if (!root.isConnected) return; // the reader has moved on (instant navigation)
      blocks[i].classList.add("hb-as-shown");
      blocks[i++].getBoundingClientRect(); // lay this one out now, inside the idle time it was given
      if (i < blocks.length) idle(step, { timeout: 2000 });
      else root.setAttribute("data-hb-laid-out", "1");
    }
    if (blocks.length) idle(step, { timeout: 2000 });
  }

  Assessment.prototype.refresh = function () {
    this.fillToolbar();
    if (this.page === "form") this.fillForm();
    if (this.page === "report") { Report.fill(this); PlanUi.fillReport(this); }
    if (this.page === "team") Team.fill(this);
    if (this.page === "plan") PlanUi.fill(this);
  };

  // ── Toolbar: rounds, export, import ────────────────────────────────────────────────────────

  Assessment.prototype.fillRoundOptions = function (select, selectedId) {
    select.textContent = "";
    this.state.rounds.forEach(function (r) {
      var option = el("option", { value: r.id }, r.name + (Stats.isTeam(r) ? " (ทีม)" : ""));
      option.selected = r.id === selectedId;
      select.appendChild(option);
    });
  };

  Assessment.prototype.fillToolbar = function () {
    this.fillRoundOptions(this.$("round-select"), this.round().id);
    this.$("round-name").value = this.round().name;
    var rater = this.$("rater-name");
    if (rater) rater.value = this.state.rater || "";
    var role = this.$("rater-role");
    if (role) role.value = this.state.role || "";
    var note = this.$("team-note");
    if (note) {
      var round = this.round();
      note.hidden = !Stats.isTeam(round);
      note.textContent = Stats.isTeam(round)
        ? "รอบนี้ประเมินเป็นทีม (ผู้ประเมิน " + round.raters.length + " คน) ระดับที่เลือกในหน้านี้คือระดับที่ทีมตกลงกัน ดูผลของแต่ละคนได้ที่หน้าประเมินเป็นทีม"
        : "";
    }
  };

  Assessment.prototype.uniqueName = function (name, exceptId) {
    var taken = this.state.rounds.filter(function (r) { return r.id !== exceptId; }).map(function (r) { return r.name; });
    return Model.uniqueName(taken, name);
  };

  Assessment.prototype.bindToolbar = function () {
    var self = this;
    this.$("round-select").addEventListener("change", function (e) {
      self.state.current = e.target.value;
      self.write();
      self.refresh();
      self.status("เปลี่ยนเป็นรอบ “" + self.round().name + "”");
    });
    this.$("rename-round").addEventListener("click", function () {
      var input = self.$("round-name");
      var name = input.value.trim();
      if (!name) { self.alert("โปรดพิมพ์ชื่อรอบการประเมิน"); input.focus(); return; }
      if (name !== self.uniqueName(name, self.round().id)) { self.alert("มีรอบชื่อ “" + name + "” อยู่แล้ว โปรดใช้ชื่ออื่น"); input.focus(); return; }
      self.round().name = name.slice(0, Model.MAX_NAME);
      self.save();
      self.refresh();
      self.status("เปลี่ยนชื่อรอบเป็น “" + self.round().name + "” แล้ว");
    });
    var rater = this.$("rater-name");
    if (rater) {
      rater.addEventListener("change", function () {
        var name = rater.value.trim().slice(0, Model.MAX_NAME);
        if (name) self.state.rater = name;
        else delete self.state.rater;
        self.write();
        self.status(name ? "ไฟล์ JSON ที่ส่งออกจะระบุชื่อผู้ประเมิน “" + name + "”" : "ไฟล์ JSON ที่ส่งออกจะไม่ระบุชื่อผู้ประเมิน");
      });
    }
    var role = this.$("rater-role");
    if (role) {
      role.addEventListener("change", function () {
        if (Model.ROLES.indexOf(role.value) >= 0) self.state.role = role.value;
        else delete self.state.role;
        self.write();
        self.status(self.state.role
          ? "ไฟล์ JSON ที่ส่งออกจะระบุบทบาท “" + role.options[role.selectedIndex].text + "”"
          : "ไฟล์ JSON ที่ส่งออกจะไม่ระบุบทบาท หน้าประเมินเป็นทีมจะไม่นับผลนี้ในการเทียบผู้บริหารกับบุคลากร");
      });
    }
    this.$("new-round").addEventListener("click", function () {
      if (self.state.rounds.length >= Model.MAX_ROUNDS) { self.alert("มีรอบการประเมินครบ " + Model.MAX_ROUNDS + " รอบแล้ว โปรดลบรอบเก่าก่อน"); return; }
      var round = Model.newRound(self.uniqueName("ปีงบประมาณ " + Model.fiscalYear(new Date())));
      self.state.rounds.push(round);
      self.state.current = round.id;
      self.write();
      self.refresh();
      self.status("สร้างรอบ “" + round.name + "” แล้ว เปลี่ยนชื่อรอบได้ในช่องชื่อรอบนี้");
      self.$("round-name").focus();
    });
    this.$("delete-round").addEventListener("click", function () {
      var round = self.round();
      if (!window.confirm("ลบรอบ “" + round.name + "” และผลการประเมินทั้งหมดในรอบนี้หรือไม่")) return;
      self.state.rounds = self.state.rounds.filter(function (r) { return r.id !== round.id; });
      if (!self.state.rounds.length) self.state.rounds.push(Model.newRound("ปีงบประมาณ " + Model.fiscalYear(new Date())));
      self.state.current = self.state.rounds[self.state.rounds.length - 1].id;
      self.write();
      self.refresh();
      self.status("ลบรอบ “" + round.name + "” แล้ว");
    });
    this.$("clear-all").addEventListener("click", function () {
      if (!window.confirm("ล้างผลการประเมินทุกรอบในเบราว์เซอร์นี้หรือไม่ (ควรส่งออกไฟล์ JSON เก็บไว้ก่อน)")) return;
      self.state = Model.freshState(self.spec);
      self.write();
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
    if (print) print.addEventListener("click", function () { window.HBFonts.print(); });
  };

  /** Today in Buddhist Era for file names, like the pages' dates: "2569-12-06". */
  function stamp() {
    var day = Plan.localDate(new Date());
    return (Number(day.slice(0, 4)) + 543) + day.slice(4);
  }

  Assessment.prototype.fileStamp = stamp;

  Assessment.prototype.exportJson = function () {
    var out = {
      format: this.spec.format,
      version: this.spec.version,
      exported: new Date().toISOString(),
      // Which handbook wrote the file: a team importing members' files can tell one from another office's.
      handbook: { scope: this.storeScope, office: this.data.office || "" },
      current: this.state.current,
      rounds: this.state.rounds,
    };
    if (this.state.rater) out.rater = this.state.rater;
    if (this.state.role) out.role = this.state.role;
    // Tells two members of one name apart on the team page; made once per browser, kept with the state.
    if (!this.state.raterId) {
      this.state.raterId = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
      this.write();
    }
    out.raterId = this.state.raterId;
    var name = this.state.rater ? "hpo-assessment-" + this.state.rater.replace(/[\\/:*?"<>|\s]+/g, "-") + "-" : "hpo-assessment-";
    Dom.download(name + stamp() + ".json", JSON.stringify(out, null, 2) + "\n", "application/json");
    this.status("ส่งออกไฟล์ JSON ทุกรอบแล้ว");
  };

  Assessment.prototype.exportCsv = function () {
    var round = this.round();
    Dom.download("hpo-assessment-" + stamp() + ".csv", Stats.csvText(Stats.csvRows(this.data, round)), "text/csv;charset=utf-8");
    this.status("ส่งออกไฟล์ CSV ของรอบ “" + round.name + "” แล้ว");
  };

  /* A whole backup file: rounds merged by Model.mergeRounds, so older work never replaces newer. */
  Assessment.prototype.importFile = function (file) {
    var self = this;
    var fail = function (reason) {
      self.alert("นำเข้าไฟล์ “" + file.name + "” ไม่ได้: " + reason + " ข้อมูลเดิมยังอยู่ครบ");
    };
    if (file.size > MAX_IMPORT_BYTES) {
      fail("ไฟล์ใหญ่ " + (file.size / 1048576).toFixed(1) + " MB เกินขนาดที่รับได้ (" + MAX_IMPORT_BYTES / 1048576
        + " MB) ไฟล์ผลการประเมินและแผนที่ส่งออกจากคู่มือมีขนาดไม่เกินไม่กี่ร้อย KB โปรดตรวจว่าเลือกไฟล์ถูก");
      return;
    }
    file.text().then(function (text) {
      var parsed;
      try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (e) {
        fail("ไฟล์นี้ไม่ใช่ JSON ที่อ่านได้ อาจเสียหายหรือไม่ครบ โปรดใช้ไฟล์ที่ส่งออกจากปุ่มส่งออก JSON");
        return;
      }
      var result, merged;
      try {
        result = Model.validate(parsed, self.spec);
        Model.carryReplaced(result.state, self.data.replaced || {});
        merged = Model.mergeRounds(self.state.rounds, result.state.rounds, "ฉบับเก่ากว่าจากไฟล์ " + file.name);
      } catch (e) {
        if (!(e instanceof Model.Invalid)) throw e;
        fail(e.message + ".");
        return;
      }
      self.state.rounds = merged.rounds;
      self.state.current = merged.ids[result.state.current] || self.state.current;
      self.write();
      self.refresh();
      var said = [];
      if (merged.added.length) said.push("เพิ่ม " + merged.added.length + " รอบ");
      if (merged.replaced.length) said.push("แทนรอบ " + quote(merged.replaced) + " ด้วยฉบับในไฟล์ซึ่งใหม่กว่า");
      if (merged.unchanged.length) said.push("รอบ " + quote(merged.unchanged) + " มีอยู่แล้วและตรงกัน");
      merged.keptBoth.forEach(function (x) {
        said.push("รอบ “" + x.kept + "” ในเครื่องนี้ใหม่กว่าหรือแก้ไว้ต่างจากในไฟล์ จึงคงไว้ และเก็บฉบับในไฟล์แยกเป็นรอบ “" + x.added + "”");
      });
      var orphans = self.orphans(result.state.rounds);
      if (orphans) said.push(orphans);
      self.status("นำเข้าผลการประเมินจากไฟล์ “" + file.name + "” แล้ว: " + said.join(" · "));
    }, function () {
      fail("เบราว์เซอร์อ่านไฟล์ไม่ได้");
    });
  };

  function quote(names) {
    return names.map(function (n) { return "“" + n + "”"; }).join(", ");
  }

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
      self.rating(id).notes = area.value.slice(0, Model.MAX_NOTES);
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

  Assessment.prototype.fillProgress = function () {
    var self = this;
    var round = this.round();
    var n = Stats.rated(round, this.ids).length;
    var total = this.ids.length;
    var text = "ประเมินแล้ว " + n + " จาก " + total + " ตัวชี้วัด";
    var bar = this.$("progress");
    bar.max = total;
    bar.value = n;
    bar.setAttribute("aria-valuetext", text);
    this.$("progress-text").textContent = text;
    this.data.missions.forEach(function (m) {
      var k = Stats.rated(round, m.indicators).length;
      self.scope.querySelectorAll('[data-mission="' + m.id + '"][data-hb="mission-progress"]').forEach(function (x) {
        x.textContent = "ประเมินแล้ว " + k + " จาก " + m.indicators.length + " ตัวชี้วัด";
      });
      self.scope.querySelectorAll('[data-mission="' + m.id + '"][data-hb="mission-count"]').forEach(function (x) {
        x.textContent = "(" + k + "/" + m.indicators.length + ")";
      });
    });
  };

  // ── Start on every page load ───────────────────────────────────────────────────────────────

  var active = null;

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
  window.addEventListener("storage", function (event) {
    if (!active || event.key !== active.store.key || !active.root.isConnected) return;
    active.load(false);
    active.refresh();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); // mkdocs-material: fires on first load and after each instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
});
