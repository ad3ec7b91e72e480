/* rasid web UI: the posture map. Who is where as of the slider's date, one colour per actor
 * group (the top of the actor hierarchy: Fatemiyoun and the IRGC are both "Iran"). */
(function () {
  "use strict";
  var R = window.Rasid;
  var div = document.getElementById("map");
  if (!div) return;
  var DAY = 86400000;
  var map = R.makeMap(div);
  var layer = L.layerGroup().addTo(map);
  var slider = document.getElementById("asof");
  var label = document.getElementById("asof-label");
  var groupSel = document.getElementById("group");
  var legend = document.getElementById("group-legend");
  var statusEl = document.getElementById("status");
  var listEl = document.getElementById("posture-list");
  var groups = [];  // [{id, name}] in colour order
  var lo = 0, seq = 0, timer = null, fitted = false;

  function day(s) { return R.parseDay(s); }
  function fmt(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function groupIndex(id) {
    for (var i = 0; i < groups.length; i++) if (groups[i].id === id) return i;
    return -1;
  }
  function colourClass(id) { var i = groupIndex(id); return "g" + (i < 0 ? 7 : i % 8); }

  function strengthText(items) {
    return (items || []).map(function (s) {
      return (s.count !== null && s.count !== undefined ? (s.approximate ? "~" : "") + s.count + " × " : "") + s.name;
    }).join(", ");
  }
  function statusText(r) {
    var s = String(r.status || "").replace(/_/g, " ");
    if (r.reduced) s += " (reduced)";
    return s;
  }

  function popup(r) {
    var strength = strengthText(r.strength);
    return R.el("div", { class: "popup" }, [
      R.el("div", { class: "popup-type" }, [
        r.actor_id ? R.el("a", { href: R.actorHref(r.actor_id), text: r.actor || r.actor_id }) : (r.actor || "?")
      ]),
      R.el("div", { class: "popup-meta" }, ["at ", R.el("bdi", { text: r.place || "?" }), r.admin1 ? " (" + r.admin1 + ")" : ""]),
      R.el("div", {}, ["Status: " + statusText(r)]),
      strength ? R.el("div", {}, ["Strength: " + strength]) : null,
      r.note ? R.el("div", { class: "popup-meta", text: r.note }) : null,
      R.el("div", { class: "popup-meta", text: "Reported " + (r.first_reported || "?") + " – " + (r.last_reported || "?") }),
      (r.changes || []).length > 1 ? R.el("ol", { class: "changes" }, (r.changes || []).map(function (c) {
        var st = strengthText(c.strength);
        return R.el("li", { text: (c.date || "undated") + ": " + String(c.status || "").replace(/_/g, " ") +
          (c.reduced ? " (reduced)" : "") + (st ? " — " + st : "") });
      })) : null,
      (r.sources || []).length ? R.el("div", {}, ["Sources: "].concat((r.sources || []).slice(0, 8).map(function (id, i) {
        return R.el("span", {}, [i ? ", " : "", R.el("a", { href: R.reportHref(id), class: "report-link", text: id })]);
      }))) : null
    ]);
  }

  function draw(records, asOf) {
    layer.clearLayers();
    R.clear(listEl);
    var byPlace = {};
    records.forEach(function (r) {
      if (typeof r.latitude !== "number" || typeof r.longitude !== "number") return;
      var key = r.latitude.toFixed(4) + "," + r.longitude.toFixed(4);
      (byPlace[key] = byPlace[key] || []).push(r);
    });
    var bounds = [];
    Object.keys(byPlace).forEach(function (key) {
      var here = byPlace[key];
      here.forEach(function (r, k) {
        var n = here.length, ang = 2 * Math.PI * k / n, rad = n > 1 ? 11 : 0;
        var dx = Math.round(rad * Math.cos(ang)), dy = Math.round(rad * Math.sin(ang));
        var cls = "pos-marker " + colourClass(r.group_id) + (r.present === false ? " withdrawn" : "") + (r.reduced ? " reduced" : "");
        var mk = L.marker([r.latitude, r.longitude], {
          icon: L.divIcon({ className: cls, html: "", iconSize: [14, 14], iconAnchor: [7 - dx, 7 - dy] }),
          title: (r.actor || "") + " — " + statusText(r)
        });
        mk.bindPopup(function () { return popup(r); });
        layer.addLayer(mk);
        bounds.push([r.latitude, r.longitude]);
      });
    });
    records.slice().sort(function (a, b) {
      return String(a.group || "").localeCompare(String(b.group || "")) || String(a.actor).localeCompare(String(b.actor));
    }).forEach(function (r) {
      var strength = strengthText(r.strength);
      listEl.appendChild(R.el("li", { class: "posture-item" + (r.present === false ? " gone" : "") }, [
        R.el("span", { class: "swatch " + colourClass(r.group_id), "aria-hidden": "true" }),
        r.actor_id ? R.el("a", { href: R.actorHref(r.actor_id), text: r.actor || r.actor_id }) : (r.actor || "?"),
        " — ", R.el("bdi", { text: r.place || "?" }), ": " + statusText(r),
        strength ? R.el("div", { class: "meta", text: strength }) : null
      ]));
    });
    statusEl.textContent = records.length + " position" + (records.length === 1 ? "" : "s") + " as of " + asOf + ".";
    if (bounds.length && !fitted) { map.fitBounds(L.latLngBounds(bounds).pad(0.5), { maxZoom: 7 }); fitted = true; }
    div.setAttribute("data-loaded", String(records.length));
  }

  function refresh() {
    var asOf = fmt(lo + (+slider.value));
    label.textContent = asOf;
    var mine = ++seq;
    var url = "/api/posture?as_of=" + encodeURIComponent(asOf);
    var group = groupSel.value;
    R.fetchJSON(url).then(function (body) {
      // Grouping is by the top of the hierarchy, as in the legend, so filter here.
      var records = (body.posture || []).filter(function (r) {
        return !group || (r.group_id || r.actor_id || r.actor) === group;
      });
      if (mine === seq) draw(records, asOf);
    }).catch(function (err) { statusEl.textContent = "Could not load posture: " + err.message; });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(refresh, 120); }

  R.fetchJSON("/api/posture").then(function (body) {
    var all = body.posture || [];
    var days = [];
    var seen = {};
    all.forEach(function (r) {
      [r.first_reported, r.last_reported].concat((r.changes || []).map(function (c) { return c.date; })).forEach(function (s) {
        var d = day(s); if (d !== null) days.push(d);
      });
      var gid = r.group_id || r.actor_id || r.actor;
      if (gid && !seen[gid]) { seen[gid] = true; groups.push({ id: gid, name: r.group || r.actor || gid }); }
    });
    groups.sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); });
    groups.forEach(function (g) {
      groupSel.appendChild(R.el("option", { value: g.id, text: g.name }));
      legend.appendChild(R.el("li", {}, [R.el("span", { class: "swatch " + colourClass(g.id), "aria-hidden": "true" }), g.name]));
    });
    var today = Math.floor(Date.now() / DAY);
    lo = days.length ? Math.min.apply(null, days) - 14 : today - 30;
    var hi = days.length ? Math.max.apply(null, days) + 7 : today;
    slider.min = "0";
    slider.max = String(Math.max(1, hi - lo));
    var wanted = day(div.getAttribute("data-as-of") || "");
    slider.value = String(wanted !== null ? Math.min(Math.max(wanted - lo, 0), hi - lo) : hi - lo);
    var pre = div.getAttribute("data-actor");
    if (pre && groupIndex(pre) >= 0) groupSel.value = pre;
    if (!all.length) statusEl.textContent = "No posture records yet: ingest reinforcement, deployment or withdrawal reports.";
    refresh();
  }).catch(function (err) { statusEl.textContent = "Could not load posture: " + err.message; });

  slider.addEventListener("input", schedule);
  groupSel.addEventListener("change", refresh);
})();
