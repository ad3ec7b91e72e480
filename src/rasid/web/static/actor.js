/* rasid web UI: an actor's page. Events over time (timeline without brushing), events on a
 * clustered map, and the actor's latest known positions as square markers. */
(function () {
  "use strict";
  var R = window.Rasid;
  var div = document.getElementById("map");
  if (!div) return;
  var actorId = div.getAttribute("data-actor") || "";
  var map = R.makeMap(div);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(cluster);
  var statusEl = document.getElementById("status");
  var posList = document.getElementById("positions");
  var bounds = [];

  function fit() { if (bounds.length) map.fitBounds(L.latLngBounds(bounds).pad(0.4), { maxZoom: 7 }); }

  R.fetchJSON("/api/events?format=geojson&limit=5000&actor=" + encodeURIComponent(actorId)).then(function (gj) {
    var feats = (gj.features || []).filter(function (f) { return f && f.geometry && f.properties; });
    feats.forEach(function (f) {
      var p = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var mk = L.marker(ll, { icon: R.eventIcon(p.event_type), title: p.sub_event_type || "" });
      mk.bindPopup(function () { return R.eventPopup(p); });
      cluster.addLayer(mk);
      bounds.push(ll);
    });
    statusEl.textContent = (gj.total || feats.length) + " event(s) involving this actor or its sub-groups.";
    R.timeline(document.getElementById("timeline"), feats.map(function (f) {
      return { date: f.properties.event_date, type: f.properties.event_type };
    }), { height: 110 });
    fit();
    div.setAttribute("data-loaded", String(feats.length));
  }).catch(function (err) { statusEl.textContent = "Could not load events: " + err.message; });

  R.fetchJSON("/api/actors/" + encodeURIComponent(actorId)).then(function (a) {
    var positions = a.positions || [];
    if (!positions.length) posList.appendChild(R.el("li", { class: "muted", text: "No reported positions." }));
    positions.forEach(function (r) {
      var strength = (r.strength || []).map(function (s) {
        return (s.count !== null && s.count !== undefined ? s.count + " × " : "") + s.name;
      }).join(", ");
      var status = String(r.status || "").replace(/_/g, " ") + (r.reduced ? " (reduced)" : "");
      posList.appendChild(R.el("li", {}, [
        r.actor_id && r.actor_id !== actorId ? R.el("a", { href: R.actorHref(r.actor_id), text: r.actor || r.actor_id }) : (r.actor || ""),
        " at ", R.el("bdi", { text: r.place || "?" }), ": " + status + " (last reported " + (r.last_reported || "?") + ")",
        strength ? " — " + strength : ""
      ]));
      if (typeof r.latitude === "number" && typeof r.longitude === "number") {
        var mk = L.marker([r.latitude, r.longitude], {
          icon: L.divIcon({ className: "pos-marker g0" + (r.present === false ? " withdrawn" : ""), html: "", iconSize: [14, 14], iconAnchor: [7, -4] }),
          title: (r.place || "") + ": " + status
        });
        mk.bindPopup(function () {
          return R.el("div", { class: "popup" }, [
            R.el("div", { class: "popup-type" }, [(r.actor || "") + " at ", R.el("bdi", { text: r.place || "?" })]),
            R.el("div", { text: "Status: " + status }),
            strength ? R.el("div", { text: "Strength: " + strength }) : null
          ]);
        });
        mk.addTo(map);
        bounds.push([r.latitude, r.longitude]);
      }
    });
    fit();
  }).catch(function () {});
})();
