/* rasid web UI: the timeline, a hand-written SVG chart of events per day (or per N days over
 * long ranges), stacked by type.
 *
 * Rasid.timeline(container, items, {onBrush}) with items [{date: "YYYY-MM-DD", type}].
 * Dragging across the chart selects a date range and calls onBrush({from, to}); a click
 * without a drag clears it (onBrush(null)). No library: ~150 lines are easier to audit.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) n.textContent = String(text);
    return n;
  }
  var parseDay = function (s) { return window.Rasid.parseDay(s); };
  function fmtDay(d) { return new Date(d * DAY).toISOString().slice(0, 10); }

  function timeline(container, items, opts) {
    opts = opts || {};
    var R = window.Rasid;
    R.clear(container);
    var days = [];
    items.forEach(function (it) { var d = parseDay(it.date); if (d !== null) days.push({ d: d, type: it.type }); });
    if (!days.length) {
      container.appendChild(R.el("p", { class: "muted", text: "No dated events to chart." }));
      return { setRange: function () {} };
    }
    var lo = Math.min.apply(null, days.map(function (x) { return x.d; }));
    var hi = Math.max.apply(null, days.map(function (x) { return x.d; }));
    if (hi - lo < 6) { lo -= Math.floor((6 - (hi - lo)) / 2); hi = lo + 6; }
    var ndays = hi - lo + 1;
    // Long ranges are binned (one bar per `bin` days) so that bars stay visible and brushable.
    var bin = Math.max(1, Math.ceil(ndays / 150));
    var nb = Math.ceil(ndays / bin);
    function binOf(d) { return Math.floor((d - lo) / bin); }
    function binStart(b) { return lo + b * bin; }
    function binEnd(b) { return Math.min(hi, lo + (b + 1) * bin - 1); }
    function binLabel(b) { return bin === 1 ? fmtDay(binStart(b)) : fmtDay(binStart(b)) + " – " + fmtDay(binEnd(b)); }
    var counts = {};  // bin -> {type: n}
    days.forEach(function (x) {
      var c = counts[binOf(x.d)] || (counts[binOf(x.d)] = {});
      c[x.type] = (c[x.type] || 0) + 1;
    });
    var max = 1;
    Object.keys(counts).forEach(function (b) {
      var total = 0; Object.keys(counts[b]).forEach(function (t) { total += counts[b][t]; });
      if (total > max) max = total;
    });

    var W = Math.max(320, container.clientWidth || 900), H = opts.height || 130;
    var m = { l: 34, r: 12, t: bin > 1 ? 18 : 8, b: 22 };
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    var bw = iw / nb;
    var unit = bin === 1 ? "per day" : "per " + bin + " days";
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", class: "timeline-svg", "data-bin-days": bin });
    root.appendChild(svg("title", {}, "Events " + unit + " by type, " + fmtDay(lo) + " to " + fmtDay(hi)));
    var g = svg("g", { transform: "translate(" + m.l + "," + m.t + ")" });
    root.appendChild(g);
    g.appendChild(svg("line", { x1: 0, x2: iw, y1: ih, y2: ih, class: "axis" }));
    g.appendChild(svg("text", { x: -6, y: 8, class: "tick", "text-anchor": "end" }, max));
    g.appendChild(svg("text", { x: -6, y: ih, class: "tick", "text-anchor": "end" }, 0));
    if (bin > 1) g.appendChild(svg("text", { x: iw, y: -6, class: "tick", "text-anchor": "end" }, "bars: " + unit));
    var nticks = Math.min(6, nb);
    for (var k = 0; k < nticks; k++) {
      var b = Math.round(k * (nb - 1) / Math.max(1, nticks - 1));
      var anchor = nticks > 1 && k === 0 ? "start" : (nticks > 1 && k === nticks - 1 ? "end" : "middle");
      var x = anchor === "start" ? b * bw : (anchor === "end" ? (b + 1) * bw : (b + 0.5) * bw);
      g.appendChild(svg("text", { x: x, y: ih + 15, class: "tick", "text-anchor": anchor }, fmtDay(binStart(b))));
    }
    var order = R.TYPE_ORDER.concat(["other"]);
    Object.keys(counts).forEach(function (bk) {
      var b = +bk, y = ih;
      var c = counts[bk];
      var types = Object.keys(c).sort(function (a, z) { return order.indexOf(R.typeCode(a)) - order.indexOf(R.typeCode(z)); });
      types.forEach(function (t) {
        var h = c[t] / max * ih;
        y -= h;
        var rect = svg("rect", {
          x: b * bw + Math.min(1, bw * 0.1), y: y, width: Math.max(1.5, bw - Math.min(2, bw * 0.2)), height: h,
          class: "bar t-" + R.typeCode(t), "data-day": fmtDay(binStart(b))
        });
        rect.appendChild(svg("title", {}, binLabel(b) + " · " + t + ": " + c[t]));
        g.appendChild(rect);
      });
    });

    var brush = svg("rect", { x: 0, y: 0, width: 0, height: ih, class: "brush", visibility: "hidden" });
    g.appendChild(brush);
    var overlay = svg("rect", { x: 0, y: 0, width: iw, height: ih, class: "overlay" });
    g.appendChild(overlay);
    container.appendChild(root);

    function binAt(clientX) {
      var box = overlay.getBoundingClientRect();
      var rel = Math.min(Math.max(clientX - box.left, 0), box.width - 0.01);
      return Math.floor(rel / box.width * nb);
    }
    function show(a, b) {
      brush.setAttribute("x", a * bw);
      brush.setAttribute("width", (b - a + 1) * bw);
      brush.setAttribute("visibility", "visible");
    }
    var start = null, moved = false;
    if (opts.onBrush) {
      overlay.addEventListener("pointerdown", function (ev) {
        start = binAt(ev.clientX); moved = false;
        overlay.setPointerCapture(ev.pointerId);
        ev.preventDefault();
      });
      overlay.addEventListener("pointermove", function (ev) {
        if (start === null) return;
        var cur = binAt(ev.clientX);
        if (cur !== start) moved = true;
        if (moved) show(Math.min(start, cur), Math.max(start, cur));
      });
      overlay.addEventListener("pointerup", function (ev) {
        if (start === null) return;
        var cur = binAt(ev.clientX), a = Math.min(start, cur), b = Math.max(start, cur);
        start = null;
        if (!moved) { brush.setAttribute("visibility", "hidden"); opts.onBrush(null); return; }
        show(a, b);
        opts.onBrush({ from: fmtDay(binStart(a)), to: fmtDay(binEnd(b)) });
      });
    }
    return {
      setRange: function (range) {
        if (!range) { brush.setAttribute("visibility", "hidden"); return; }
        var a = parseDay(range.from), b = parseDay(range.to);
        if (a !== null && b !== null) show(binOf(Math.max(a, lo)), binOf(Math.min(b, hi)));
      }
    };
  }

  window.Rasid.timeline = timeline;
})();
