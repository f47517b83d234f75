/* fonts.js: Sarabun on screen from the reader's second page on; on paper always.
 *
 * A reader's first page shows its text in the device's own Thai font (every phone and desktop has one), so that
 * nothing is fetched for the fonts before the page is up and the page is never laid out twice: a face that arrives
 * after the first layout makes the browser lay out every line again, which a phone feels on the long pages (the
 * chapters, the 56-indicator form) and Lighthouse measured as most of the handbook's lag behind plain
 * mkdocs-material. Once the page has loaded, this script fetches the four Sarabun files into the browser's cache
 * (plain requests: the fonts are not applied, so nothing is laid out again) and notes it in localStorage; the
 * inline script in overrides/main.html then shows Sarabun from the first paint of every later page. On a page
 * change without reload (instant navigation), the new page takes Sarabun at once.
 *
 * Print sets Sarabun always (print.css). A face not loaded yet when the browser prints is printed in another font,
 * so the print buttons call HBFonts.print, which loads every face first; Ctrl+P starts the loading too. The PDFs
 * come from tools/export_pdf.py, which loads every face and reads each PDF back.
 *
 * Hand-written: no library keeps fonts off the first page and on the next ones.
 */
(function () {
  "use strict";
  var fonts = window.HBFonts || { urls: [], key: "hb-fonts" }; // set by overrides/main.html's inline script
  var root = document.documentElement;

  function noted() {
    try {
      return localStorage.getItem(fonts.key) === fonts.urls.join(" ");
    } catch (e) {
      return false;
    }
  }

  /* Fetch the files into the cache (through the offline worker when it runs) and note it once all arrived. */
  function warmCache() {
    if (!fonts.urls.length || root.classList.contains("hb-sarabun") || noted() || !window.fetch) return;
    Promise.all(fonts.urls.map(function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.arrayBuffer(); // read to the end: the cache keeps only whole responses
      });
    })).then(function () {
      try { localStorage.setItem(fonts.key, fonts.urls.join(" ")); } catch (e) { /* storage off: next time */ }
    }, function () { /* offline or blocked: the device's font stays, and the next page tries again */ });
  }

  /* Load every Sarabun face declared in fonts.css; resolves when all are ready (or failed). */
  function loadFaces() {
    var loading = [];
    if (!document.fonts || !document.fonts.forEach) return Promise.resolve();
    document.fonts.forEach(function (face) {
      if (face.family.replace(/["']/g, "") === "Sarabun") loading.push(face.load().catch(function () {}));
    });
    return Promise.all(loading).then(function () { return document.fonts.ready; });
  }

  /* Print once every face is loaded, so the paper is in Sarabun even on a reader's first page. */
  function print() {
    loadFaces().then(function () { window.print(); }, function () { window.print(); });
  }

  if (document.readyState === "complete") warmCache();
  else window.addEventListener("load", warmCache);
  window.addEventListener("beforeprint", loadFaces);
  if (window.HBStorage && window.HBStorage.onEveryPage) {
    window.HBStorage.onEveryPage(function () {
      if (!root.classList.contains("hb-sarabun") && noted()) root.classList.add("hb-sarabun");
    });
  }

  window.HBFonts = { urls: fonts.urls, key: fonts.key, print: print, loadFaces: loadFaces };
})();
