/* rasid web UI: shared helpers.
 *
 * Everything shown here comes from reports and is untrusted. Rules kept throughout:
 * text goes into the page with textContent only, never innerHTML; Leaflet popups and
 * tooltips get DOM elements, never strings (Leaflet would parse a string as HTML);
 * links are built from our own paths with encodeURIComponent.
 */
(function () {
  "use strict";

  var TYPE_CODES = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions",
    "Violence against civilians": "vac",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic"
  };
  var TYPE_ORDER = Object.keys(TYPE_CODES);

  function typeCode(t) { return TYPE_CODES[t] || "other"; }

  /* el("a", {href: "/x", class: "y"}, ["text", childNode]) */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else node.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function eventHref(id) { return "/events/" + encodeURIComponent(String(id)); }
  function reportHref(id) { return "/reports/" + encodeURIComponent(String(id)); }
  function actorHref(id) { return "/actors/" + encodeURIComponent(String(id)); }

  function fetchJSON(url, options) {
    return fetch(url, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var detail = body && body.detail;
          if (Array.isArray(detail)) detail = detail.map(function (d) { return d.msg || JSON.stringify(d); }).join("; ");
          var err = new Error(detail ? String(detail) : ("HTTP " + r.status));
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  /* A Leaflet map centred on Syria and Iraq. With data-tiles set, that tile server is used;
   * otherwise the offline fallback: a plain background with governorate outlines. */
  function makeMap(div) {
    var map = L.map(div, { zoomControl: true, minZoom: 3, maxZoom: 18 });
    map.setView([34.8, 40.0], 6);
    map.attributionControl.setPrefix("Leaflet");
    var tiles = div.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, {
        maxZoom: 18,
        attribution: div.getAttribute("data-tiles-attribution") || ""
      }).addTo(map);
    } else {
      div.classList.add("offline");
    }
    fetchJSON("/api/outlines").then(function (gj) {
      if (!gj || !gj.features || !gj.features.length) return;
      var layer = L.geoJSON(gj, {
        interactive: false,
        style: function () {
          return { color: "#7a8793", weight: 1, fill: !tiles, fillColor: "#faf8f3", fillOpacity: 1 };
        }
      }).addTo(map);
      layer.bringToBack();
      if (gj.attribution) map.attributionControl.addAttribution(gj.attribution.replace(/[<>&"]/g, ""));
    }).catch(function () { /* no outlines: plain background */ });
    return map;
  }

  function eventIcon(etype) {
    return L.divIcon({ className: "ev-marker t-" + typeCode(etype), html: "", iconSize: [14, 14], iconAnchor: [7, 7] });
  }

  /* A popup's content for an event feature, as DOM. */
  function eventPopup(p) {
    return el("div", { class: "popup" }, [
      el("div", { class: "popup-type" }, [
        el("span", { class: "dot t-" + typeCode(p.event_type), "aria-hidden": "true" }),
        el("a", { href: eventHref(p.id), class: "popup-link", text: p.sub_event_type || p.event_type || "Event" })
      ]),
      el("div", { class: "popup-meta" }, [
        (p.event_date || "undated") + (p.location ? " · " : ""),
        p.location ? el("bdi", { text: p.location }) : null
      ]),
      p.actor1 ? el("div", { class: "popup-meta" }, ["Actor: ", el("bdi", { text: p.actor1 })]) : null,
      p.notes ? el("p", { class: "popup-note", text: p.notes }) : null
    ]);
  }

  /* Cut text at span boundaries (same algorithm as rasid/web/highlight.py) and append the
   * pieces to `container`: plain pieces as text nodes, covered pieces as <mark> elements. */
  function renderHighlighted(container, text, spans) {
    clear(container);
    var n = text.length;
    var valid = (spans || []).filter(function (s) {
      return typeof s.start === "number" && typeof s.end === "number" && s.start < s.end && s.start < n && s.end > 0;
    }).map(function (s) { return { start: Math.max(0, s.start), end: Math.min(n, s.end), kind: String(s.kind || "x"), title: s.title || "" }; });
    var cuts = [0, n];
    valid.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (a >= b) continue;
      var covering = valid.filter(function (s) { return s.start <= a && b <= s.end; });
      var piece = text.slice(a, b);
      if (!covering.length) { container.appendChild(document.createTextNode(piece)); continue; }
      covering.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
      var kinds = Array.from(new Set(covering.map(function (s) { return s.kind.replace(/[^a-z0-9_-]/gi, "-"); })));
      var titles = Array.from(new Set(covering.map(function (s) { return s.title; }).filter(Boolean)));
      container.appendChild(el("mark", {
        class: "hl " + kinds.map(function (k) { return "hl-" + k; }).join(" "),
        "data-kind": covering[0].kind,
        title: titles.join(" · "),
        tabindex: "0",
        text: piece
      }));
    }
  }

  function mentionSpans(mentions) {
    return (mentions || []).map(function (m) {
      var title = m.kind + (m.canonical ? ": " + m.canonical : "");
      if (m.kind === "place" && typeof m.lat === "number" && typeof m.lon === "number") {
        title += " (" + m.lat.toFixed(4) + ", " + m.lon.toFixed(4) + ")";
      }
      return { start: m.start, end: m.end, kind: m.kind, title: title };
    });
  }

  /* "YYYY-MM-DD…" → days since 1970-01-01 (UTC), or null. */
  function parseDay(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
    var t = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
    return isNaN(t) ? null : Math.floor(t / 86400000);
  }

  window.Rasid = {
    parseDay: parseDay,
    TYPE_ORDER: TYPE_ORDER, typeCode: typeCode, el: el, clear: clear, fetchJSON: fetchJSON,
    eventHref: eventHref, reportHref: reportHref, actorHref: actorHref,
    makeMap: makeMap, eventIcon: eventIcon, eventPopup: eventPopup,
    renderHighlighted: renderHighlighted, mentionSpans: mentionSpans
  };
})();
