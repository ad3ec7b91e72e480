/* rasid web UI: "paste a report". Debounced POST /api/extract on every edit; stale answers
 * (an older request finishing after a newer one) are dropped. Nothing is stored. */
(function () {
  "use strict";
  var R = window.Rasid;
  var ta = document.getElementById("paste-text");
  if (!ta) return;
  var pub = document.getElementById("paste-published");
  var outlet = document.getElementById("paste-outlet");
  var statusEl = document.getElementById("paste-status");
  var hl = document.getElementById("paste-highlight");
  var evBox = document.getElementById("paste-events");
  var seq = 0, timer = null;
  var mapDiv = document.getElementById("paste-map");
  var map = mapDiv && window.L ? R.makeMap(mapDiv) : null;
  var layer = map ? L.layerGroup().addTo(map) : null;

  function drawEvents(events) {
    if (!map) return;
    layer.clearLayers();
    var pts = [];
    events.forEach(function (ev) {
      var loc = ev.location || {};
      if (typeof loc.lat !== "number" || typeof loc.lon !== "number") return;
      var p = {
        event_type: ev.event_type, sub_event_type: ev.sub_event_type, event_date: ev.event_date,
        location: loc.name || loc.text, actor1: actorName(ev.actor1), notes: ev.notes
      };
      var mk = L.marker([loc.lat, loc.lon], { icon: R.eventIcon(ev.event_type), title: ev.sub_event_type || "" });
      mk.bindPopup(function () {
        var node = R.eventPopup(p);
        var link = node.querySelector("a.popup-link");
        if (link) link.removeAttribute("href");  // not stored: there is no event page to go to
        return node;
      });
      layer.addLayer(mk);
      pts.push([loc.lat, loc.lon]);
    });
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 8 });
  }

  function actorName(a) { return a ? (a.canonical || a.text || "") : ""; }

  function eventCard(ev, text) {
    var loc = ev.location || {};
    var rows = [
      ["Date", (ev.event_date || "?") + " (precision " + ev.time_precision + ")"],
      ["Actor 1", actorName(ev.actor1)],
      ["Associated", (ev.assoc_actor_1 || []).map(actorName).join("; ")],
      ["Actor 2", actorName(ev.actor2)],
      ["Location", (loc.name || loc.text || "") + (loc.admin1 ? " — " + loc.admin1 : "")],
      ["Fatalities", ev.fatalities === null || ev.fatalities === undefined ? "" : String(ev.fatalities)],
      ["Force", (ev.force || []).map(function (f) {
        return (f.count !== null && f.count !== undefined ? (f.approximate ? "~" : "") + f.count + " × " : "") + f.name;
      }).join("; ")],
      ["Movement", (ev.movement || []).map(function (m) {
        return m.role + ": " + ((m.location || {}).name || (m.location || {}).text || "");
      }).join("; ")],
      ["Modality", ev.modality],
      ["Confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : ""]
    ].filter(function (r) { return r[1]; });
    var table = R.el("table", { class: "fields" }, [R.el("tbody", {}, rows.map(function (r) {
      return R.el("tr", {}, [R.el("th", { scope: "row", text: r[0] }), R.el("td", {}, [R.el("bdi", { text: r[1] })])]);
    }))]);
    var evidence = R.el("div", { class: "report-text small", lang: "ar", dir: "rtl" });
    var spans = (ev.evidence || []).map(function (e) {
      var context = e.field === "sentence" || e.field === "context" || e.field === "clause";
      return { start: e.start, end: e.end, kind: context ? "context" : "evidence", title: "evidence for " + e.field };
    });
    // Show only the sentences the evidence is in, to keep the card short.
    var lo = Math.min.apply(null, spans.map(function (s) { return s.start; }).concat([text.length]));
    var hi = Math.max.apply(null, spans.map(function (s) { return s.end; }).concat([0]));
    if (spans.length && lo < hi) {
      var a = Math.max(0, text.lastIndexOf("\n", lo) + 1), b = text.indexOf("\n", hi);
      if (b < 0) b = text.length;
      R.renderHighlighted(evidence, text.slice(a, b), spans.map(function (s) {
        return { start: s.start - a, end: s.end - a, kind: s.kind, title: s.title };
      }));
    }
    return R.el("article", { class: "paste-event" }, [
      R.el("h3", {}, [
        R.el("span", { class: "dot t-" + R.typeCode(ev.event_type), "aria-hidden": "true" }),
        (ev.sub_event_type || "") + " (" + (ev.event_type || "") + ")"
      ]),
      ev.notes ? R.el("p", { class: "note", text: ev.notes }) : null,
      table,
      spans.length ? evidence : null
    ]);
  }

  function run() {
    var text = ta.value;
    var mine = ++seq;
    if (!text.trim()) {
      R.clear(hl); R.clear(evBox); statusEl.textContent = ""; drawEvents([]);
      return;
    }
    statusEl.textContent = "Reading…";
    var body = { text: text };
    if (pub.value) body.published = pub.value;
    if (outlet.value.trim()) body.outlet = outlet.value.trim();
    R.fetchJSON("/api/extract", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (x) {
      if (mine !== seq) return;
      R.renderHighlighted(hl, text, R.mentionSpans(x.mentions));
      R.clear(evBox);
      (x.events || []).forEach(function (ev) { evBox.appendChild(eventCard(ev, text)); });
      drawEvents(x.events || []);
      if (!(x.events || []).length) evBox.appendChild(R.el("p", { class: "muted", text: "No events found." }));
      var nm = (x.mentions || []).length, ne = (x.events || []).length;
      statusEl.textContent = nm + (nm === 1 ? " mention, " : " mentions, ") + ne + (ne === 1 ? " event" : " events") +
        ((x.warnings || []).length ? " · " + x.warnings.join("; ") : "");
      hl.setAttribute("data-done", String(mine));
    }).catch(function (err) {
      if (mine !== seq) return;
      statusEl.textContent = "Error: " + err.message;
    });
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(run, 350); }
  ta.addEventListener("input", schedule);
  pub.addEventListener("change", schedule);
  outlet.addEventListener("input", schedule);
  if (ta.value.trim()) run();
})();
