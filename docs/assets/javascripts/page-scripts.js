/* page-scripts.js: load the scripts only some pages run (the self-assessment's), on those pages only.
 *
 * A page names them in <div hidden data-hb-scripts="url url"> inside its article (overrides/main.html, from
 * extra.page_scripts in mkdocs.yml): the article is what mkdocs-material's instant navigation swaps, and it runs no
 * script that a new page lists at the end of its body. Each URL is added once, in order (async = false keeps the
 * order of classic scripts); a loaded script starts itself on the theme's document$, which replays the current page.
 * Hand-written: a dozen lines, and no module loader runs from file:// (the offline edition).
 */
(function () {
  "use strict";
  var loaded = {};

  function loadPageScripts() {
    document.querySelectorAll("[data-hb-scripts]").forEach(function (holder) {
      holder.getAttribute("data-hb-scripts").split(/\s+/).forEach(function (src) {
        if (!src) return;
        var url = new URL(src, document.baseURI).href;
        if (loaded[url]) return;
        loaded[url] = true;
        var script = document.createElement("script");
        script.src = url;
        script.async = false;
        document.body.appendChild(script);
      });
    });
  }

  if (window.HBStorage && window.HBStorage.onEveryPage) window.HBStorage.onEveryPage(loadPageScripts);
})();
