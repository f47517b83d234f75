/*
 * Thai search, query side: cut the reader's query into Thai words before mkdocs-material's search worker sees it.
 *
 * The build hook hpo_handbook/search_index.py cuts the Thai text of the search index into words with ICU. Here the query
 * is cut the same way with Intl.Segmenter (ICU as well), so both sides agree: "แผนปฏิบัติราชการ" typed without
 * spaces becomes "แผน^1 ปฏิบัติ^1 ราชการ" (whole words exactly, the last one as a prefix: see exactParts), and the
 * theme's own query handling does the rest.
 *
 * Why a shim around Worker.prototype.postMessage: mkdocs-material 9 removed its hooks for query transforms and
 * custom search workers. The theme's bundle creates the worker before this script runs and sends each query as
 * { type: 2 (QUERY), data: "<text>" } through worker.postMessage, which is looked up on the prototype at call
 * time; patching it changes only the query text sent, never the index, the input box or the page. It also works
 * with the iframe-worker shim that the offline edition uses instead of a real Worker on file://.
 *
 * Written by hand because no library does this step; the segmentation itself is the browser's Intl.Segmenter.
 * The query side is pure and exported for Node's tests (tests/js/thai-search.test.js); only the browser patches
 * the worker and sets window.thaiSearch.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else if (api) {
    root.thaiSearch = { segmentQuery: api.segmentQuery, prepareQuery: api.prepareQuery,
                        setAbbreviations: api.setAbbreviations }; // for tests and the benchmark
    api.patchWorker(root.Worker);
  }
})(this, function () {
  "use strict";

  var SETUP = 0, QUERY = 2; // SearchMessageType in mkdocs-material's integrations/search/worker/message
  var THAI = /[\u0E00-\u0E7F]/;
  // Letter-dot chains (ก.ค.ศ., พ.ศ.) are one word; the glossary's abbreviations (สพป., ผอ.สพป.) arrive with the
  // index as config.thai_abbr. Same rules as hpo_handbook/search_index.py.
  var CHAIN = "(?:[ก-ฮ]\\.){2,}";
  var protect = new RegExp(CHAIN, "g");

  if (typeof Intl === "undefined" || typeof Intl.Segmenter !== "function") return null; // old browser: stock search
  // Made at the first query, not on every page load: building a Thai word segmenter loads ICU's dictionary
  // break engine, about 20 ms on a laptop and four times that on a low-end phone (most of this script's cost).
  var segmenter = null;

  function words(text) {
    if (!segmenter) segmenter = new Intl.Segmenter("th", { granularity: "word" });
    return segmenter.segment(text);
  }

  function isThai(ch) {
    return THAI.test(ch);
  }

  function isSpace(ch) {
    return /\s/.test(ch);
  }

  function setAbbreviations(list) {
    var escaped = (list || []).map(function (a) { return a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    protect = new RegExp(escaped.concat([CHAIN]).join("|"), "g");
  }

  /* Word boundaries (mirrors boundaries() in hpo_handbook/search_index.py): Intl.Segmenter's, run separately on the
     pieces between abbreviations and dots, plus every change between Thai and other letters ("ใช้PLCใน"). */
  function boundaries(text) {
    var spans = [], m, cuts = new Set(), pos = 0;
    protect.lastIndex = 0;
    while ((m = protect.exec(text)) !== null) {
      if (!m[0].length) { protect.lastIndex++; continue; }
      spans.push([m.index, m.index + m[0].length]);
    }
    spans.concat([[text.length, text.length]]).forEach(function (span) {
      var gap = text.slice(pos, span[0]), re = /[^.]+\.?|\./g, piece;
      while ((piece = re.exec(gap)) !== null) {
        var at = pos + piece.index;
        for (var seg of words(piece[0])) cuts.add(at + seg.index);
        cuts.add(at + piece[0].length);
      }
      cuts.add(span[0]);
      cuts.add(span[1]);
      pos = span[1];
    });
    cuts.forEach(function (c) { if (text[c] === ".") cuts.delete(c); }); // a dot stays on its word: ผอ.
    for (var i = 1; i < text.length; i++)
      if (isThai(text[i - 1]) !== isThai(text[i]) && text[i] !== ".") cuts.add(i);
    spans.forEach(function (span) {
      cuts.forEach(function (c) { if (c > span[0] && c < span[1]) cuts.delete(c); });
    });
    return Array.from(cuts).filter(function (c) { return c > 0 && c < text.length; })
      .sort(function (a, b) { return a - b; });
  }

  /* Put a space at each boundary that touches a Thai letter (mirrors segment_text in hpo_handbook/search_index.py). */
  function segmentQuery(text) {
    if (!THAI.test(text)) return text;
    var out = "", prev = 0;
    boundaries(text).forEach(function (cut) {
      var left = text[cut - 1], right = text[cut];
      if ((isThai(left) || isThai(right) || left === ".") && !isSpace(left) && !isSpace(right)) {
        out += text.slice(prev, cut) + " ";
        prev = cut;
      }
    });
    return out + text.slice(prev);
  }

  /* "O-NET", "LD-01": the theme's query parser splits at the hyphen into an OR of "o*" and "net*", which finds
     every word starting with o. Require every part instead, the last one as a prefix so typing still works. */
  function joinHyphenated(query) {
    return query.split(/\s+/).map(function (term) {
      if (!/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+$/.test(term)) return term;
      var parts = term.split("-");
      return parts.map(function (p, i) { return "+" + p + (i === parts.length - 1 ? "*" : ""); }).join(" ");
    }).join(" ");
  }

  /* Thai function words and the nominalisers การ/ความ ("-tion", "-ness") stand in front of almost every noun
     phrase, so with the theme's any-word matching they pull in pages that merely share them ("การจัดการความรู้"
     ranked a page full of การ and ความ above the knowledge-management chapter). Leave them out of the query,
     unless nothing else is left. The index keeps them, so nothing becomes unfindable. */
  var THAI_STOP = new Set(["การ", "ความ", "ที่", "และ", "ของ", "ใน", "ให้", "มี", "เป็น", "ได้", "จะ", "ไม่",
    "กับ", "แก่", "โดย", "เพื่อ", "หรือ", "ซึ่ง", "นี้", "นั้น", "แต่", "ว่า", "ก็", "อย่าง", "จาก", "ด้วย",
    "ตาม", "คือ"]);

  function dropThaiStopWords(query) {
    var terms = query.split(/\s+/).filter(Boolean);
    var kept = terms.filter(function (t) { return !THAI_STOP.has(t); });
    return kept.length ? kept.join(" ") : query;
  }

  /* The theme appends * to every term, so a finished Thai part such as ข้อ or ผล also matched ข้อมูล, ผลผลิต, ...
     and a page full of those outranked the page with the whole phrase. Every Thai part but the last is a whole
     word (both sides cut it the same way), so ask for it exactly: "ข้อ^1" (boost 1 = no change) is left without
     the * by the theme. The last part keeps its * so that a word still being typed is found. */
  var WHOLE_THAI = /^[\u0E00-\u0E7F]+$/;

  function exactParts(query) {
    var terms = query.split(/\s+/).filter(Boolean);
    return terms.map(function (t, i) {
      return i < terms.length - 1 && WHOLE_THAI.test(t) ? t + "^1" : t;
    }).join(" ");
  }

  function prepareQuery(text) {
    return exactParts(joinHyphenated(dropThaiStopWords(segmentQuery(text))));
  }

  /* The shim: the abbreviations from the index's config on SETUP, each QUERY's text prepared; nothing else. */
  function patchWorker(WorkerClass) {
    var proto = typeof WorkerClass === "function" && WorkerClass.prototype;
    if (!proto || proto.postMessage.__thai) return; // no workers, or already patched (instant navigation)
    var post = proto.postMessage;
    var patched = function (message) {
      if (message && message.type === SETUP && message.data && message.data.config)
        setAbbreviations(message.data.config.thai_abbr);
      if (message && message.type === QUERY && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = { type: QUERY, data: prepareQuery(message.data) };
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
    patched.__thai = true;
    proto.postMessage = patched;
  }

  return {
    segmentQuery: segmentQuery, prepareQuery: prepareQuery, setAbbreviations: setAbbreviations,
    boundaries: boundaries, joinHyphenated: joinHyphenated, dropThaiStopWords: dropThaiStopWords,
    exactParts: exactParts, patchWorker: patchWorker,
  };
});
