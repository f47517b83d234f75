/* Checklist forms (hpo_handbook/templates/checklist.html): keep ticks and fields in localStorage.
 *
 * Hand-written because no library does this small job: one JSON value per checklist under a
 * versioned key (data-storage-key, e.g. "hpo-handbook:v1:checklist:leadership"), shaped
 *   {"done": {"<action key>": true}, "fields": {"<action key>": {"owner": "", "due": "", "note": ""}}}
 * Action keys are the data-action attributes (indicator id + hash of the action's text), so a
 * reworded action starts unticked and reordering keeps ticks. A value that does not parse or has
 * the wrong shape is removed and a visible Thai message says so; the page stays usable.
 *
 * mkdocs-material's instant navigation swaps the page without reloading scripts, so setup runs on
 * every emission of the theme's document$ observable (falls back to DOMContentLoaded without it).
 */
(function () {
  "use strict";

  var FIELDS = ["owner", "due", "note"];
  var MESSAGES = {
    corrupt: "ข้อมูลแบบตรวจสอบที่บันทึกไว้ในเบราว์เซอร์นี้อ่านไม่ได้ จึงล้างและเริ่มแบบตรวจสอบใหม่",
    unavailable: "เบราว์เซอร์นี้ไม่อนุญาตให้บันทึกข้อมูล เครื่องหมายที่ทำจะหายเมื่อปิดหน้า",
    cleared: "ล้างเครื่องหมายและข้อความในแบบตรวจสอบนี้แล้ว",
    confirmClear: "ล้างเครื่องหมายและข้อความทั้งหมดในแบบตรวจสอบนี้หรือไม่ (ย้อนกลับไม่ได้)",
  };

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Validate the stored shape strictly: anything unexpected counts as corrupt. */
  function parseState(raw) {
    var data = JSON.parse(raw);
    if (!isPlainObject(data) || !isPlainObject(data.done) || !isPlainObject(data.fields)) {
      throw new Error("bad shape");
    }
    Object.keys(data.done).forEach(function (key) {
      if (data.done[key] !== true) throw new Error("bad tick");
    });
    Object.keys(data.fields).forEach(function (key) {
      var f = data.fields[key];
      if (!isPlainObject(f)) throw new Error("bad fields");
      Object.keys(f).forEach(function (name) {
        if (FIELDS.indexOf(name) < 0 || typeof f[name] !== "string") throw new Error("bad field");
      });
    });
    return data;
  }

  function emptyState() {
    return { done: {}, fields: {} };
  }

  function showStatus(form, text) {
    var status = form.querySelector("[data-checklist-status]");
    if (!status) return;
    status.textContent = text;
    status.hidden = false;
  }

  /* Mirror a text field into the span that print.css shows instead of the input (it wraps). */
  function mirror(input) {
    var span = input.nextElementSibling;
    if (span && span.classList.contains("hb-print-value")) span.textContent = input.value;
  }

  function updateProgress(form) {
    var out = form.querySelector("[data-checklist-progress]");
    if (!out) return;
    var boxes = form.querySelectorAll('input[type="checkbox"][data-action]');
    var ticked = form.querySelectorAll('input[type="checkbox"][data-action]:checked').length;
    out.textContent = "ทำแล้ว " + ticked + " จาก " + boxes.length + " รายการ";
  }

  function load(form, key) {
    var raw;
    try {
      raw = window.localStorage.getItem(key);
    } catch (e) {
      showStatus(form, MESSAGES.unavailable);
      return emptyState();
    }
    if (raw === null) return emptyState();
    try {
      return parseState(raw);
    } catch (e) {
      try {
        window.localStorage.removeItem(key);
      } catch (ignored) { /* storage went away: nothing to reset */ }
      showStatus(form, MESSAGES.corrupt);
      return emptyState();
    }
  }

  /* Rebuild the state from the form: actions no longer on the page drop out. */
  function save(form, key) {
    var state = emptyState();
    form.querySelectorAll("input[data-action]").forEach(function (input) {
      var action = input.dataset.action;
      var field = input.dataset.field;
      if (field === "done") {
        if (input.checked) state.done[action] = true;
      } else if (FIELDS.indexOf(field) >= 0 && input.value !== "") {
        (state.fields[action] = state.fields[action] || {})[field] = input.value;
      }
    });
    try {
      if (Object.keys(state.done).length || Object.keys(state.fields).length) {
        window.localStorage.setItem(key, JSON.stringify(state));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) {
      showStatus(form, MESSAGES.unavailable);
    }
  }

  function apply(form, state) {
    form.querySelectorAll("input[data-action]").forEach(function (input) {
      var action = input.dataset.action;
      var field = input.dataset.field;
      if (field === "done") {
        input.checked = state.done[action] === true;
      } else {
        var f = state.fields[action];
        input.value = f && typeof f[field] === "string" ? f[field] : "";
        mirror(input);
      }
    });
  }

  function setup(form) {
    if (form.dataset.checklistReady) return;
    form.dataset.checklistReady = "true";
    var key = form.dataset.storageKey;
    apply(form, load(form, key));
    updateProgress(form);

    form.addEventListener("change", function (event) {
      if (!event.target.matches("input[data-action]")) return;
      save(form, key);
      updateProgress(form);
    });
    form.addEventListener("input", function (event) {
      if (!event.target.matches('input[type="text"][data-action]')) return;
      mirror(event.target);
      save(form, key);
    });

    var tools = form.querySelector(".hb-checklist-tools");
    if (tools) tools.hidden = false;
    var print = form.querySelector("[data-checklist-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    var clear = form.querySelector("[data-checklist-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm(MESSAGES.confirmClear)) return;
        try {
          window.localStorage.removeItem(key);
        } catch (e) { /* nothing stored */ }
        apply(form, emptyState());
        updateProgress(form);
        showStatus(form, MESSAGES.cleared);
      });
    }
  }

  /* Print helper for every page: mark links to other hosts, so print.css can print their URL.
   * CSS alone cannot tell them apart: instant navigation rewrites internal hrefs to absolute URLs. */
  function markExternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.hostname && a.hostname !== window.location.hostname) a.classList.add("hb-ext");
    });
  }

  function init() {
    document.querySelectorAll(".hb-checklist[data-storage-key]").forEach(setup);
    markExternalLinks();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
