/* rasid web UI: the map page. Server-side filters come from the URL (the filter form is a
 * plain GET form); the timeline brush filters the already loaded events client-side. */
(function () {
  "use strict";
  var R = window.Rasid;
  var div = document.getElementById("map");
  if (!div) return;
  var LIMIT = 5000;
  var map = R.makeMap(div);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(cluster);
  var statusEl = document.getElementById("status");
  var listEl = document.getElementById("event-list");
  var brushLabel = document.getElementById("brush-label");
  var brushClear = document.getElementById("brush-clear");
  var features = [];
  var markers = [];
  var meta = { total: 0, unlocated: 0 };
  var chart = null;
  var fitted = false;

  function inRange(p, range) {
    if (!range) return true;
    return typeof p.event_date === "string" && p.event_date.slice(0, 10) >= range.from && p.event_date.slice(0, 10) <= range.to;
  }

  function render(range) {
    cluster.clearLayers();
    var shown = [];
    features.forEach(function (f, i) {
      if (inRange(f.properties, range)) { shown.push(f); cluster.addLayer(markers[i]); }
    });
    var msg = shown.length + " event" + (shown.length === 1 ? "" : "s") + " on the map";
    if (range) msg += " between " + range.from + " and " + range.to;
    if (meta.unlocated) msg += "; " + meta.unlocated + " without coordinates";
    if (meta.total > features.length + meta.unlocated) msg += " (first " + LIMIT + " of " + meta.total + ")";
    statusEl.textContent = msg + ".";
    R.clear(listEl);
    shown.slice().sort(function (a, b) {
      return String(b.properties.event_date || "").localeCompare(String(a.properties.event_date || ""));
    }).slice(0, 300).forEach(function (f) {
      var p = f.properties;
      listEl.appendChild(R.el("li", { class: "event-item" }, [
        R.el("span", { class: "dot t-" + R.typeCode(p.event_type), "aria-hidden": "true" }),
        R.el("a", { href: R.eventHref(p.id), class: "event-link", text: p.sub_event_type || p.event_type || "Event" }),
        R.el("span", { class: "meta" }, [" " + (p.event_date || "undated") + " · ", R.el("bdi", { text: p.location || "?" })])
      ]));
    });
    if (shown.length && !fitted) {  // fit once; a brush filters without moving the map
      fitted = true;
      var b = L.latLngBounds(shown.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; }));
      if (b.isValid()) map.fitBounds(b.pad(0.2), { maxZoom: 8 });
    }
    brushLabel.textContent = range ? ("Showing " + range.from + " → " + range.to) : "";
    brushClear.hidden = !range;
  }

  var q = div.getAttribute("data-api-query") || "";
  R.fetchJSON("/api/events?format=geojson&limit=" + LIMIT + (q ? "&" + q : "")).then(function (gj) {
    features = (gj.features || []).filter(function (f) {
      return f && f.geometry && Array.isArray(f.geometry.coordinates) && f.properties;
    });
    meta.total = gj.total || features.length;
    meta.unlocated = gj.unlocated || 0;
    markers = features.map(function (f) {
      var p = f.properties;
      var mk = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        icon: R.eventIcon(p.event_type), title: (p.sub_event_type || p.event_type || "") + " " + (p.event_date || ""),
        keyboard: true
      });
      mk.bindPopup(function () { return R.eventPopup(p); });
      return mk;
    });
    chart = R.timeline(document.getElementById("timeline"), features.map(function (f) {
      return { date: f.properties.event_date, type: f.properties.event_type };
    }), { onBrush: render });
    render(null);
    addGovernorates(features);
    div.setAttribute("data-loaded", String(features.length));
  }).catch(function (err) {
    statusEl.textContent = "Could not load events: " + err.message;
    div.setAttribute("data-loaded", "error");
  });

  /* The governorate list also offers every admin1 the loaded events use, spelt as stored. */
  function addGovernorates(feats) {
    var list = document.getElementById("gov-list");
    if (!list) return;
    var have = {};
    Array.prototype.forEach.call(list.options, function (o) { have[o.value] = true; });
    feats.forEach(function (f) {
      var a = f.properties.admin1;
      if (a && !have[a]) { have[a] = true; list.appendChild(R.el("option", { value: a })); }
    });
  }

  brushClear.addEventListener("click", function () { if (chart) chart.setRange(null); render(null); });

  var datalist = document.getElementById("actor-list");
  if (datalist) {
    R.fetchJSON("/api/actors").then(function (body) {
      (body.actors || []).slice(0, 500).forEach(function (a) {
        var name = a.name || a.canonical || a.id;
        if (name) datalist.appendChild(R.el("option", { value: name }));
      });
    }).catch(function () {});
  }
})();
