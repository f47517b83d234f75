/* assessment-dom.js: the small DOM helpers the self-assessment's pages share (elements, SVG, downloads, Thai
 * dates). Text is always added as text nodes, never as HTML, so notes and YAML text cannot inject markup. */
(function (root, factory) {
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentDom = api;
})(this, function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    });
  }

  function append(node, children) {
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
  }

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

  /** Save `text` as a file through a blob: URL; nothing leaves the browser. */
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /** "25 พฤศจิกายน 2569": Buddhist Era with Thai month names, from the browser's Intl. */
  function thaiDate(day) {
    return new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { day: "numeric", month: "long", year: "numeric" })
      .format(day);
  }

  return { el: el, svg: svg, append: append, download: download, thaiDate: thaiDate };
});
