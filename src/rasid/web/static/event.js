/* rasid web UI: an event's small map: its location, and for convoys and shipments the
 * movement (origin → via → destination) as a line. Data from /api/events/{id}. */
(function () {
  "use strict";
  var R = window.Rasid;
  var div = document.getElementById("event-map");
  if (!div) return;
  var id = div.getAttribute("data-event-id") || "";
  var map = R.makeMap(div);
  var ROLE_ORDER = { origin: 0, via: 1, destination: 2 };

  R.fetchJSON("/api/events/" + encodeURIComponent(id)).then(function (ev) {
    var pts = [];
    if (typeof ev.latitude === "number" && typeof ev.longitude === "number") {
      var mk = L.marker([ev.latitude, ev.longitude], { icon: R.eventIcon(ev.event_type), title: ev.location || "" });
      mk.bindTooltip(R.el("bdi", { text: ev.location || "" }), { permanent: true, direction: "right", offset: [8, 0] });
      mk.addTo(map);
      pts.push([ev.latitude, ev.longitude]);
    }
    var legs = (ev.movement || []).filter(function (m) {
      var loc = m.location || {};
      return typeof loc.lat === "number" && typeof loc.lon === "number";
    }).sort(function (a, b) { return (ROLE_ORDER[a.role] || 0) - (ROLE_ORDER[b.role] || 0); });
    var line = legs.map(function (m) { return [m.location.lat, m.location.lon]; });
    legs.forEach(function (m) {
      var c = L.circleMarker([m.location.lat, m.location.lon], { radius: 5, color: "#14212b", weight: 2, fillColor: "#fff", fillOpacity: 1 });
      c.bindTooltip(R.el("span", {}, [m.role + ": ", R.el("bdi", { text: m.location.name || m.location.text || "" })]), { direction: "top" });
      c.addTo(map);
      pts.push([m.location.lat, m.location.lon]);
    });
    if (line.length > 1) L.polyline(line, { color: "#14212b", weight: 2, dashArray: "6 4" }).addTo(map);
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.6), { maxZoom: 8 });
    div.setAttribute("data-loaded", String(pts.length));
  }).catch(function () { div.setAttribute("data-loaded", "error"); });
})();
