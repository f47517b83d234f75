/* hb-storage.js: the one store behind the checklists and the self-assessment (classic script, no modules:
 * the offline edition runs from file://, where browsers refuse ES modules).
 *
 * Keys are scoped to the handbook's identity: hpo_handbook/storage.py hashes the configured site_url and the
 * office's name into a scope ("hpo-handbook@3f2a9c01b7de") and writes the scoped key and the scope into the page.
 * Two offices' handbooks on one host (or two offline editions, which share the file:// origin) therefore
 * never read each other's data, and a new deploy or a ZIP unzipped elsewhere still finds it.
 *
 * What the store promises:
 * - Old unscoped keys ("hpo-handbook:v1:…", written before the scope) are COPIED into the scoped key when that
 *   key is empty, never moved or deleted: the first of two handbooks opened must not take the other's data.
 * - A value it cannot read is kept under "<key>:backup" (":backup:2", … when taken) before anything is written
 *   over it; when even the backup cannot be written, nothing is saved over the value (save() refuses).
 * - Every outcome has a Thai message (message()), so the page can say what happened.
 *
 * Loads in Node too (module.exports), where tests pass a Map-like storage object.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBStorage = api;
})(this, function () {
  "use strict";

  var MAX_BACKUPS = 5;

  /** window.localStorage, or null when the browser blocks it (private mode, policy, file:// in some browsers). */
  function localStore() {
    try {
      var s = window.localStorage;
      s.getItem("hpo-handbook:probe");
      return s;
    } catch (e) {
      return null;
    }
  }

  /** The key an earlier, unscoped edition used for `key`: "<legacy>:<name>" for "<scope>:<name>". */
  function legacyKey(key, scope, legacy) {
    var prefix = scope + ":";
    return scope && legacy && key.indexOf(prefix) === 0 ? legacy + ":" + key.slice(prefix.length) : null;
  }

  /** Keep `raw` under a free backup key (an identical copy already kept counts); the key used, or null. */
  function backup(storage, key, raw) {
    for (var n = 1; n <= MAX_BACKUPS; n++) {
      var name = key + ":backup" + (n === 1 ? "" : ":" + n);
      var held = storage.getItem(name);
      if (held === raw) return name;
      if (held === null) {
        try {
          storage.setItem(name, raw);
          return name;
        } catch (e) {
          return null; // quota: the caller must not write over the unreadable value
        }
      }
    }
    return null; // every backup slot holds something else: keep them all, write nothing over the value
  }

  /**
   * A store for one key. `options`:
   *   key      the scoped key (from the page), scope and legacy (the old prefix "hpo-handbook") to find the old key
   *   parse    raw string -> {state, migrated}; throws (with a Thai `message`) when the value is unusable
   *   empty    () -> a fresh state, written over an unreadable value once it is backed up
   *   storage  optional: a Storage-like object (tests); defaults to window.localStorage
   */
  function Store(options) {
    this.key = options.key;
    this.scope = options.scope || "";
    this.legacy = options.legacy || "";
    this.parse = options.parse;
    this.empty = options.empty;
    this.storage = "storage" in options ? options.storage : localStore();
    this.blocked = false; // true while an unreadable value could not be backed up
  }

  Store.prototype.legacyKeyOf = function (key) {
    return legacyKey(key, this.scope, this.legacy);
  };

  /**
   * The saved state and what happened: {state, status, reason, backupKey}. status is one of
   * "ok", "empty" (nothing saved: state is null), "copied" (taken from the old unscoped key), "migrated"
   * (an older shape brought up to date), "corrupt" (kept as a backup, state is fresh), "corrupt-kept"
   * (could not back it up: the value stays and nothing is saved), "unavailable" (no storage at all).
   */
  Store.prototype.load = function () {
    var s = this.storage;
    if (!s) return { state: null, status: "unavailable" };
    var raw;
    try {
      raw = s.getItem(this.key);
    } catch (e) {
      return { state: null, status: "unavailable" };
    }
    if (raw === null) return this.copyLegacy();
    try {
      var parsed = this.parse(raw);
      this.blocked = false;
      if (parsed.migrated) this.save(parsed.state);
      return { state: parsed.state, status: parsed.migrated ? "migrated" : "ok" };
    } catch (e) {
      var reason = e && e.message ? e.message : "";
      var kept = backup(s, this.key, raw);
      if (!kept) {
        this.blocked = true;
        return { state: null, status: "corrupt-kept", reason: reason };
      }
      this.blocked = false;
      this.save(this.empty());
      return { state: null, status: "corrupt", reason: reason, backupKey: kept };
    }
  };

  /* Nothing under the scoped key: copy what an unscoped edition saved, leaving the old key as it is (another
   * handbook on this origin may still use it). An unreadable old value is left alone and ignored. */
  Store.prototype.copyLegacy = function () {
    var old = this.legacyKeyOf(this.key);
    var raw = old ? this.storage.getItem(old) : null;
    if (raw === null) return { state: null, status: "empty" };
    try {
      var parsed = this.parse(raw);
      this.save(parsed.state);
      return { state: parsed.state, status: "copied" };
    } catch (e) {
      return { state: null, status: "empty" };
    }
  };

  /** Write `state`; false when storage is missing, full, or holds an unreadable value without a backup. */
  Store.prototype.save = function (state) {
    if (!this.storage || this.blocked) return false;
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
      return true;
    } catch (e) {
      return false;
    }
  };

  /** Another key's state for migration (its old unscoped key when it has none); null when there is nothing usable. */
  Store.prototype.peek = function (key) {
    if (!this.storage) return null;
    var keys = [key, this.legacyKeyOf(key)];
    for (var n = 0; n < keys.length; n++) {
      var raw = keys[n] ? this.storage.getItem(keys[n]) : null;
      if (raw === null) continue;
      try {
        return this.parse(raw).state;
      } catch (e) {
        return null;
      }
    }
    return null;
  };

  /**
   * The Thai sentence for a load result, or "" when there is nothing to say. `what` names the data, e.g.
   * "ข้อมูลแบบตรวจสอบ"; `fresh` says what the page does instead, e.g. "จึงเริ่มแบบตรวจสอบใหม่".
   */
  function message(result, what, fresh) {
    var reason = result.reason ? " (" + result.reason + ")" : "";
    switch (result.status) {
      case "unavailable":
        return "เบราว์เซอร์นี้ไม่อนุญาตให้บันทึกข้อมูลในเครื่อง " + what + "จะหายเมื่อปิดหน้านี้";
      case "copied":
        return "คัดลอก" + what + "ที่บันทึกไว้กับคู่มือรุ่นก่อนมาใช้แล้ว ข้อมูลชุดเดิมยังอยู่ครบ";
      case "migrated":
        return "ปรับ" + what + "ที่บันทึกไว้จากคู่มือรุ่นก่อนให้ใช้กับรุ่นนี้แล้ว";
      case "corrupt":
        return what + "ที่บันทึกไว้ในเบราว์เซอร์นี้เสียหายหรืออ่านไม่ได้" + reason + " " + fresh
          + " สำเนาข้อมูลเดิมเก็บไว้ในเบราว์เซอร์แล้ว (" + result.backupKey + ") ไม่มีข้อมูลใดถูกลบ";
      case "corrupt-kept":
        return what + "ที่บันทึกไว้ในเบราว์เซอร์นี้เสียหายหรืออ่านไม่ได้" + reason
          + " และเบราว์เซอร์ไม่มีที่เก็บสำเนา จึงไม่บันทึกทับข้อมูลเดิม สิ่งที่ทำในหน้านี้จะไม่ถูกบันทึก";
      default:
        return "";
    }
  }

  /* Run `init` on every page: mkdocs-material's instant navigation swaps pages without reloading scripts and
   * announces each one on its document$ observable; without it, once the document is ready. Shared by the
   * handbook's page scripts (checklist.js, office-year.js). */
  function onEveryPage(init) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  return { Store: Store, legacyKey: legacyKey, backup: backup, message: message, MAX_BACKUPS: MAX_BACKUPS,
    onEveryPage: onEveryPage };
});
