/* Checklist forms (hpo_handbook/templates/checklist.html): keep ticks and fields in localStorage.
 *
 * Hand-written because no library does this small job. One JSON value per checklist, under the scoped key the
 * page names (data-storage-key, from hpo_handbook/storage.py), kept by the shared store (hb-storage.js: scope,
 * copy from the old unscoped key, backup of an unreadable value, Thai messages). Shape:
 *   {"done": {"<action key>": true}, "fields": {"<action key>": {"owner": "", "due": "", "note": ""}}}
 * Action keys are the data-action attributes (indicator id + hash of the action's text), so reordering
 * keeps ticks. A reworded or moved action lists its earlier keys in data-was ([storage key, action key]
 * pairs, from `was:` and `replaces:` in the data): their ticks and fields are copied to the new key once,
 * never moved, so an older page or another copy still finds them. Saving keeps entries of actions that
 * are not on the page, and an emptied checklist is saved as empty (not removed), so the old unscoped key
 * is not copied back in.
 *
 * mkdocs-material's instant navigation swaps the page without reloading scripts, so setup runs on
 * every emission of the theme's document$ observable (falls back to DOMContentLoaded without it).
 * The pure parts (parseState, copyEarlier) load in Node for tests/js/.
 */
(function (root, factory) {
  var api = factory(typeof require === "function" ? require("./hb-storage.js") : root.HBStorage);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else api.start();
})(this, function (HBStorage) {
  "use strict";

  var FIELDS = ["owner", "due", "note"];
  var WHAT = "ข้อมูลแบบตรวจสอบ";
  var MESSAGES = {
    fresh: "จึงเริ่มแบบตรวจสอบใหม่",
    unsaved: "บันทึกไม่สำเร็จ (พื้นที่เก็บข้อมูลของเบราว์เซอร์เต็มหรือถูกปิด) เครื่องหมายที่ทำจะหายเมื่อปิดหน้า",
    cleared: "ล้างเครื่องหมายและข้อความในแบบตรวจสอบนี้แล้ว",
    confirmClear: "ล้างเครื่องหมายและข้อความทั้งหมดในแบบตรวจสอบนี้หรือไม่ (ย้อนกลับไม่ได้)",
  };

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function bad(reason) {
    var e = new Error(reason);
    e.thai = true;
    return e;
  }

  /* Validate the stored shape strictly: anything unexpected counts as unreadable (and is backed up). */
  function parseState(raw) {
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      throw bad("ไม่ใช่ JSON");
    }
    if (!isPlainObject(data) || !isPlainObject(data.done) || !isPlainObject(data.fields)) {
      throw bad("รูปแบบข้อมูลไม่ถูกต้อง");
    }
    Object.keys(data.done).forEach(function (key) {
      if (data.done[key] !== true) throw bad("เครื่องหมายของรายการ " + key.slice(0, 40) + " ไม่ถูกต้อง");
    });
    Object.keys(data.fields).forEach(function (key) {
      var f = data.fields[key];
      if (!isPlainObject(f)) throw bad("ข้อความของรายการ " + key.slice(0, 40) + " ไม่ถูกต้อง");
      Object.keys(f).forEach(function (name) {
        if (FIELDS.indexOf(name) < 0 || typeof f[name] !== "string") {
          throw bad("ช่อง " + name.slice(0, 20) + " ของรายการ " + key.slice(0, 40) + " ไม่ถูกต้อง");
        }
      });
    });
    return data;
  }

  function emptyState() {
    return { done: {}, fields: {} };
  }

  /**
   * Copy ticks and fields saved under earlier keys into `state`, for actions that have nothing yet.
   * `moves` is [{action, was: [[storage key, old action key], …]}]; `peek(storage key)` gives that key's
   * state (or null). Nothing is removed anywhere. Returns whether anything was copied.
   */
  function copyEarlier(state, moves, ownKey, peek) {
    var copied = false;
    var stores = {};
    moves.forEach(function (move) {
      var action = move.action;
      (move.was || []).forEach(function (pair) {
        if (state.done[action] || state.fields[action]) return; // the current key already has data
        var storeKey = pair[0];
        var oldAction = pair[1];
        if (!(storeKey in stores)) stores[storeKey] = storeKey === ownKey ? state : peek(storeKey);
        var old = stores[storeKey];
        if (!old) return;
        if (old.done[oldAction] === true) state.done[action] = true;
        if (old.fields[oldAction]) state.fields[action] = Object.assign({}, old.fields[oldAction]);
        copied = copied || state.done[action] === true || !!state.fields[action];
      });
    });
    return copied;
  }

  // ── The page (browser only) ───────────────────────────────────────────────────────────────

  function showStatus(form, text) {
    var status = form.querySelector("[data-checklist-status]");
    if (!status || !text) return;
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

  function storeFor(form) {
    return new HBStorage.Store({
      key: form.dataset.storageKey,
      scope: form.dataset.storageScope,
      legacy: form.dataset.storageLegacy,
      parse: function (raw) { return { state: parseState(raw), migrated: false }; },
      empty: emptyState,
    });
  }

  /* The earlier keys of every action on the page (data-was); an unreadable attribute counts as none. */
  function moves(form) {
    var list = [];
    form.querySelectorAll('input[type="checkbox"][data-was]').forEach(function (input) {
      try {
        list.push({ action: input.dataset.action, was: JSON.parse(input.dataset.was) });
      } catch (e) { /* built by Python: cannot happen, and losing a migration hint loses no data */ }
    });
    return list;
  }

  /* Update the saved state from the form; entries of actions not on this page (an earlier edition's) stay. */
  function save(form, store) {
    var loaded = store.load();
    var state = loaded.state || emptyState();
    form.querySelectorAll("input[data-action]").forEach(function (input) {
      var action = input.dataset.action;
      var field = input.dataset.field;
      if (field === "done") {
        if (input.checked) state.done[action] = true;
        else delete state.done[action];
      } else if (FIELDS.indexOf(field) >= 0) {
        var f = state.fields[action] || {};
        if (input.value !== "") f[field] = input.value;
        else delete f[field];
        if (Object.keys(f).length) state.fields[action] = f;
        else delete state.fields[action];
      }
    });
    if (!store.save(state)) showStatus(form, store.blocked ? HBStorage.message(loaded, WHAT, MESSAGES.fresh) : MESSAGES.unsaved);
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
    var store = storeFor(form);
    var loaded = store.load();
    var state = loaded.state || emptyState();
    var migrated = copyEarlier(state, moves(form), store.key, function (key) { return store.peek(key); });
    apply(form, state);
    if (migrated) save(form, store);
    updateProgress(form);
    showStatus(form, HBStorage.message(loaded, WHAT, MESSAGES.fresh));

    form.addEventListener("change", function (event) {
      if (!event.target.matches("input[data-action]")) return;
      save(form, store);
      updateProgress(form);
    });
    form.addEventListener("input", function (event) {
      if (!event.target.matches('input[type="text"][data-action]')) return;
      mirror(event.target);
      save(form, store);
    });

    var tools = form.querySelector(".hb-checklist-tools");
    if (tools) tools.hidden = false;
    var print = form.querySelector("[data-checklist-print]");
    if (print) print.addEventListener("click", function () { window.HBFonts.print(); });
    var clear = form.querySelector("[data-checklist-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm(MESSAGES.confirmClear)) return;
        apply(form, emptyState());
        save(form, store); // clears this page's actions; an earlier edition's entries stay
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

  /* A link to an indicator that a later edition merged into another (#ld-06) goes on to its successor. */
  function followMovedAnchor() {
    if (!window.location.hash) return;
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var to = target && target.getAttribute("data-moved-to");
    if (to) window.location.replace(new URL(to, window.location.href).href);
  }

  /* A wide table that scrolls sideways (on a phone, or inside an example box) must be reachable by keyboard:
   * give its scrolling wrapper focus and a name, as WCAG's "scrollable region" rule asks. */
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "ตาราง (เลื่อนดูด้านข้างได้)");
      }
    });
  }

  function init() {
    document.querySelectorAll(".hb-checklist[data-storage-key]").forEach(setup);
    focusableScrollers();
    markExternalLinks();
    followMovedAnchor();
  }

  function start() {
    HBStorage.onEveryPage(init);
  }

  return { parseState: parseState, copyEarlier: copyEarlier, emptyState: emptyState, start: start };
});
