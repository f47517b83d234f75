/* assessment-radar.js: the report's radar chart of the eight missions, as inline SVG built here (a charting
 * library would add far more weight than this one chart needs). */
(function (root, factory) {
  var api = factory(typeof require === "function" ? require("./assessment-dom.js") : root.HBAssessmentDom);
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HBAssessmentRadar = api;
})(this, function (Dom) {
  "use strict";

  var el = Dom.el, svg = Dom.svg, append = Dom.append;

  /*
   * `s` is HBAssessmentStats.summary(); `none` is what a mission without a level says. Axis k points up and
   * turns clockwise; radius is proportional to the average level (0 = no level, at the centre).
   */
  function draw(figure, s, round, none) {
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
      return "ภารกิจที่ " + x.m.number + " " + x.m.title + " " + (x.avg ? x.avg.text : none);
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
  }

  return { draw: draw };
});
