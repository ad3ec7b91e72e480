/* rasid web UI: a report's events on a small map (data from the page's data-events JSON). */
(function () {
  "use strict";
  var R = window.Rasid;
  var div = document.getElementById("report-map");
  if (!div) return;
  var events = [];
  try { events = JSON.parse(div.getAttribute("data-events") || "[]"); } catch (e) { events = []; }
  var map = R.makeMap(div);
  // Several events of one report often share a place: cluster them, spiderfied on click.
  var layer = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 30 }).addTo(map);
  var pts = [];
  events.forEach(function (p) {
    if (typeof p.latitude !== "number" || typeof p.longitude !== "number") return;
    var mk = L.marker([p.latitude, p.longitude], { icon: R.eventIcon(p.event_type), title: p.sub_event_type || "" });
    mk.bindPopup(function () { return R.eventPopup(p); });
    layer.addLayer(mk);
    pts.push([p.latitude, p.longitude]);
  });
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.6), { maxZoom: 8, animate: false });
  div.setAttribute("data-loaded", String(pts.length));
})();
