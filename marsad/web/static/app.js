/* marsad dashboard: map, weekly timeline, top lists and event table.
 *
 * Article-derived strings are untrusted: this file only ever puts them into
 * the page with textContent / createTextNode, never innerHTML.  The filters
 * live in the URL (?since=&actor=...&sort=&offset=), so a view can be shared
 * and the back button works.
 */
(function () {
  "use strict";

  var cfg = JSON.parse(document.getElementById("marsad-config").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"];
  var COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#7b3294",
    "Protests": "#1f77b4",
    "Riots": "#2ca02c",
    "Strategic developments": "#8c8c8c"
  };
  var OTHER = "#444444";
  var FILTERS = ["since", "until", "country", "admin1", "type", "actor", "q"];
  var boot = window.marsadBoot;
  var PAGE = boot.PAGE;
  var state = { sort: "-event_date", offset: 0 };
  var form = document.getElementById("filters");
  var map = null, cluster = null, firstFit = true, seq = 0, countries = null;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function color(type) { return COLORS[type] || OTHER; }

  /* Build an element; string children become text nodes (never markup). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else if (k === "onclick") node.addEventListener("click", attrs[k]);
        else if (k === "background") node.style.background = attrs[k];   // CSSOM: allowed by the CSP
        else node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function setStatus(text, isError) {
    var s = document.getElementById("status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  // -- filters <-> URL --------------------------------------------------------
  function filterParams() {
    var p = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var v = (form.elements[name].value || "").trim();
      if (v) p.set(name, v);
    });
    return p;
  }

  function ensureOption(select, value) {
    if (!value) return;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return;
    select.appendChild(el("option", { value: value, text: value }));
  }

  function readUrl() {
    var u = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var field = form.elements[name], v = u.get(name) || "";
      if (field.tagName === "SELECT") ensureOption(field, v);
      field.value = v;
    });
    state.sort = u.get("sort") || "-event_date";
    state.offset = Math.max(0, parseInt(u.get("offset") || "0", 10) || 0);
  }

  function writeUrl(push) {
    var p = filterParams();
    if (state.sort !== "-event_date") p.set("sort", state.sort);
    if (state.offset) p.set("offset", String(state.offset));
    var qs = p.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function getJSON(path, params) {
    var qs = params ? params.toString() : "";
    return getURL(cfg.api + path + (qs ? "?" + qs : ""));
  }

  /* A response boot.js already asked for is taken over, else a new request. */
  function getURL(url) {
    return boot.fetchJSON(url)
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (!r.ok) {
            var msg = body && body.error ? body.error.message : r.status + " " + r.statusText;
            throw new Error(msg);
          }
          return body;
        });
      });
  }

  // -- filter menus -------------------------------------------------------------
  function fillSelect(name, values) {
    var select = form.elements[name], keep = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
    ensureOption(select, keep);
    select.value = keep;
  }

  function loadFacets() {
    return getJSON("/facets").then(function (f) {
      fillSelect("country", f.countries);
      fillSelect("admin1", f.admin1);
      fillSelect("type", f.types);
      var list = document.getElementById("actor-list");
      clear(list);
      f.actors.forEach(function (a) { list.appendChild(el("option", { value: a })); });
    });
  }

  // -- map ----------------------------------------------------------------------
  function initMap() {
    // Without map tiles nothing is gained past town level (zoom 14), and every zoom level
    // costs the marker clustering a pass over all the points.
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: cfg.tileUrl ? 18 : 14 }).setView([35, 38], 6);
    map.attributionControl.setPrefix(false);
    map.on("moveend", function () {           // the view, readable by tests and by people in devtools
      var c = map.getCenter();
      map.getContainer().setAttribute("data-view", map.getZoom() + "," + c.lat.toFixed(3) + "," + c.lng.toFixed(3));
    });
    if (cfg.tileUrl) {
      L.tileLayer(cfg.tileUrl, { maxZoom: 18, attribution: "map tiles: " + cfg.tileUrl.split("/")[2] }).addTo(map);
    }
    fetch(cfg.vendor + "/world-atlas/countries-110m.json")
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        var land = topojson.feature(topo, topo.objects.countries);
        var layer = L.geoJSON(land, {
          interactive: false,
          style: { color: "#9a9a9a", weight: 1, fillColor: "#f3f0e8", fillOpacity: cfg.tileUrl ? 0 : 1 }
        }).addTo(map);
        layer.bringToBack();
        countries = layer;
        if (form.elements.country.value) zoomToCountry(form.elements.country.value);
        document.body.setAttribute("data-borders", String(land.features.length));
      })
      .catch(function () { setStatus("country borders could not be loaded", true); });
    map.attributionControl.addAttribution("borders: Natural Earth via world-atlas");
    cluster = L.markerClusterGroup({ maxClusterRadius: 35, showCoverageOnHover: false, chunkedLoading: true });
    // one popup for the whole layer, filled from the clicked marker (not one per marker)
    cluster.on("click", function (ev) {
      if (!ev.layer || !ev.layer.marsadProps) return;
      L.popup().setLatLng(ev.layer.getLatLng()).setContent(popupFor(ev.layer.marsadProps)).openOn(map);
    });
    map.addLayer(cluster);
    var legend = document.getElementById("legend");
    TYPES.forEach(function (t) {
      legend.appendChild(el("span", { className: "legend-item" },
        el("span", { className: "dot", background: color(t) }), t));
    });
    legend.appendChild(el("span", { className: "legend-item muted" }, "size = fatalities"));
    legend.appendChild(el("span", { className: "legend-item muted" },
      el("span", { className: "cluster-key", text: "n" }), "n events close together (zoom in)"));
  }

  /* The country's borders fill the map (world-atlas names, e.g. "Syria"); false if unknown. */
  function zoomToCountry(name) {
    if (!countries || !name) return false;
    var want = name.toLowerCase(), found = null;
    countries.eachLayer(function (l) {
      var n = l.feature && l.feature.properties && l.feature.properties.name;
      if (n && n.toLowerCase() === want) found = l;
    });
    if (!found) return false;
    map.fitBounds(found.getBounds(), { padding: [10, 10], maxZoom: 8 });
    return true;
  }

  function radius(fatalities) {
    return Math.min(22, 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  function popupFor(p) {
    var box = el("div", { className: "popup" });
    box.appendChild(el("strong", null, p.event_type || "event"));
    box.appendChild(el("div", null, (p.event_date || "date unknown") + " \u00b7 " +
      (p.location || "place unknown") + (p.admin1 ? ", " + p.admin1 : "")));
    box.appendChild(el("div", null, (p.actor1 || "unnamed actor") + (p.actor2 ? " vs " + p.actor2 : "")));
    box.appendChild(el("div", null, "fatalities: " + p.fatalities + " \u00b7 sources: " + p.n_sources));
    box.appendChild(el("a", { href: "/events/" + encodeURIComponent(p.id), className: "open-event",
                              text: "Open event and its evidence \u2192" }));
    return box;
  }

  function drawMap(fc) {
    cluster.clearLayers();
    var markers = [];
    fc.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var m = L.circleMarker([c[1], c[0]], {
        radius: radius(p.fatalities), color: "#222", weight: 1, fillColor: color(p.event_type),
        fillOpacity: 0.85, className: "ev-marker ev-" + p.id
      });
      m.marsadProps = p;
      markers.push(m);
    });
    cluster.addLayers(markers);
    document.getElementById("map-note").textContent = fc.shown < fc.total
      ? "Map shows the newest " + fc.shown + " of " + fc.total + " geocoded events; narrow the filters to see the rest."
      : fc.total + " geocoded event" + (fc.total === 1 ? "" : "s") + " on the map.";
    if (firstFit && zoomToCountry(form.elements.country.value)) {
      firstFit = false;
    } else if (firstFit && markers.length) {
      // from the markers themselves: with chunkedLoading the cluster fills up later; zoom 7
      // at most, so a lone event still shows the borders around it
      var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 7 });
      firstFit = false;
    }
  }

  // -- timeline -------------------------------------------------------------------
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* Narrow the filters to the Monday-to-Sunday week starting on `monday`. */
  function showWeek(monday) {
    var end = new Date(Date.parse(monday + "T00:00:00Z") + 6 * 86400000).toISOString().slice(0, 10);
    form.elements.since.value = monday;
    form.elements.until.value = end;
    apply(true);
  }

  /* Weeks with no event still take their place on the time axis. */
  function fillWeeks(rows) {
    if (rows.length < 2) return rows;
    var byKey = {}, out = [], DAY = 86400000;
    rows.forEach(function (r) { byKey[r.key] = r; });
    var t = Date.parse(rows[0].key + "T00:00:00Z"), end = Date.parse(rows[rows.length - 1].key + "T00:00:00Z");
    if ((end - t) / (7 * DAY) > 2000) return rows;
    for (; t <= end; t += 7 * DAY) {
      var key = new Date(t).toISOString().slice(0, 10);
      out.push(byKey[key] || { key: key, n: 0, fatalities: 0, types: {} });
    }
    return out;
  }

  /* "Mar 2024" under the weeks where a month starts (every few months on a long span, the
     year alone past four years), never closer than 110 units: labels that do not collide. */
  function timeAxis(s, rows, bw, W, H, pad, font) {
    var span = rows.length, step = span > 208 ? 12 : span > 104 ? 6 : span > 52 ? 3 : 1, lastX = -1e9;
    rows.forEach(function (r, i) {
      var d = new Date(r.key + "T00:00:00Z"), prev = i ? new Date(rows[i - 1].key + "T00:00:00Z") : null;
      var month = d.getUTCMonth(), starts = i === 0 || month !== prev.getUTCMonth();
      if (!starts || month % step !== 0 && i !== 0) return;
      var x = 1 + i * bw;
      if (x - lastX < 110 || x > W - 80) return;
      lastX = x;
      s.appendChild(svg("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: H, y2: H + 4, "class": "tick" }));
      var label = svg("text", { x: x.toFixed(1), y: H + pad - 2, "font-size": font, fill: "#444", "class": "tick-label" });
      label.textContent = step === 12 ? String(d.getUTCFullYear()) : MONTHS[month] + " " + d.getUTCFullYear();
      s.appendChild(label);
    });
  }

  function drawTimeline(rows) {
    var box = document.getElementById("timeline");
    clear(box);
    rows = fillWeeks(rows);
    if (!rows.length) { box.appendChild(el("p", { className: "muted", text: "No dated events." })); return; }
    // a 600-unit wide drawing shown about 350 px wide: 20-unit text reads as 12 px
    var W = 600, H = 180, pad = 26, FONT = 20, head = 26;
    var max = Math.max.apply(null, rows.map(function (r) { return r.n; }));
    var bw = (W - 2) / rows.length;
    var s = svg("svg", { viewBox: "0 " + (-head) + " " + W + " " + (H + pad + head), role: "img",
                         "aria-label": "weekly events by type" });
    rows.forEach(function (r, i) {
      var y = H, types = Object.keys(r.types || {}).sort(function (a, b) {
        return (TYPES.indexOf(a) + 99) % 99 - (TYPES.indexOf(b) + 99) % 99;
      });
      types.forEach(function (t) {
        var h = (r.types[t] / max) * (H - 4);
        y -= h;
        var rect = svg("rect", { x: (1 + i * bw).toFixed(2), y: y.toFixed(2), width: Math.max(0.5, bw - 0.6).toFixed(2),
                                 height: h.toFixed(2), fill: color(t), "class": "week-bar" });
        var title = svg("title", {});
        title.textContent = "week of " + r.key + ": " + r.types[t] + " \u00d7 " + t + " (click to show that week)";
        rect.appendChild(title);
        rect.addEventListener("click", function () { showWeek(r.key); });
        s.appendChild(rect);
      });
    });
    timeAxis(s, rows, bw, W, H, pad, FONT);
    var top = svg("text", { x: 2, y: -6, "font-size": FONT, fill: "#555", "class": "scale-label" });
    top.textContent = max + " / week";
    s.appendChild(top);
    box.appendChild(s);
  }

  // -- lists and table ----------------------------------------------------------
  function drawTop(id, rows, filterName) {
    var list = document.getElementById(id);
    clear(list);
    rows.slice(0, 10).forEach(function (r) {
      var b = el("button", { type: "button", className: "linklike", text: r.key || "(unknown)",
        onclick: function () {
          var field = form.elements[filterName];
          if (field.tagName === "SELECT") ensureOption(field, r.key);
          field.value = r.key;
          apply(true);
        } });
      list.appendChild(el("li", null, b, " " + r.n + (r.n === 1 ? " event, " : " events, ") + r.fatalities + " dead"));
    });
    if (!rows.length) list.appendChild(el("li", { className: "muted", text: "none" }));
  }

  function drawSurges(s) {
    var box = document.getElementById("surges-box"), list = document.getElementById("surges");
    clear(list);
    var items = (s.items || []).filter(function (x) { return x.significant; });
    box.hidden = !s.available || !items.length;
    items.slice(0, 8).forEach(function (x) {
      var weeks = x.weeks || 4;
      list.appendChild(el("li", null, (x.key || "?") + ": " + x.recent + " events in " + weeks + " weeks, " +
        (x.recent / weeks).toFixed(1) + "/week against " + Number(x.baseline_mean).toFixed(1) + "/week before" +
        (x.ratio ? " (\u00d7" + Number(x.ratio).toFixed(1) + ")" : "")));
    });
  }

  function drawTable(page) {
    var body = document.querySelector("#events-table tbody");
    clear(body);
    page.items.forEach(function (e) {
      var link = el("a", { href: "/events/" + encodeURIComponent(e.id), className: "event-link",
                           text: e.event_date || "no date" });
      var type = el("td", null, el("span", { className: "dot", background: color(e.event_type) }),
                    e.event_type);
      body.appendChild(el("tr", { "data-id": String(e.id) },
        el("td", null, link), type,
        el("td", { className: "actors" }, (e.actor1 || "unnamed") + (e.actor2 ? " vs " + e.actor2 : "")),
        el("td", null, e.location || ""), el("td", null, e.admin1 || ""),
        el("td", { className: "num" }, String(e.fatalities)), el("td", { className: "num" }, String(e.n_sources))));
    });
    if (!page.items.length) body.appendChild(el("tr", null, el("td", { colspan: "7", className: "muted",
                                                                          text: "No events match these filters." })));
    document.getElementById("total").textContent = "(" + page.total + ")";
    var last = Math.min(page.total, page.offset + page.items.length);
    document.getElementById("page").textContent = page.total ? (page.offset + 1) + "\u2013" + last + " of " + page.total : "";
    document.getElementById("prev").disabled = page.offset <= 0;
    document.getElementById("next").disabled = last >= page.total;
    document.querySelectorAll("#events-table th[data-sort]").forEach(function (th) {
      var key = th.getAttribute("data-sort");
      th.setAttribute("aria-sort", state.sort === key ? "ascending" : state.sort === "-" + key ? "descending" : "none");
    });
  }

  // -- loading ----------------------------------------------------------------------
  function viewUrls() { return boot.viewUrls(filterParams(), state.sort, state.offset); }

  function loadTable(my) {
    return getURL(viewUrls()[0]).then(function (page) { if (my === seq) drawTable(page); return page; });
  }

  /* An empty database says how to fill it (not just an empty map and table). */
  function emptyHint(page) {
    var old = document.getElementById("empty-hint");
    if (old) old.parentNode.removeChild(old);
    var filtered = FILTERS.some(function (n) { return form.elements[n].value; });
    if (!page || page.total !== 0 || filtered) return;
    var hint = el("p", { id: "empty-hint", className: "empty-hint" },
      "No events in this database yet. Fill it with ", el("code", { text: "marsad ingest ARTICLES_OR_FEEDS --db DATABASE" }),
      " (or try ", el("code", { text: "marsad demo" }), "), then reload this page.");
    form.parentNode.insertBefore(hint, form.nextSibling);
  }

  function loadAll() {
    var my = ++seq, urls = viewUrls();
    setStatus("Loading\u2026");
    var weekly = getURL(urls[1]), actors = getURL(urls[2]), admin1 = getURL(urls[3]), geo = getURL(urls[4]);
    return Promise.all([loadTable(my), weekly, actors, admin1, geo]).then(function (res) {
      if (my !== seq) return;
      emptyHint(res[0]);
      drawTimeline(res[1].items);
      drawTop("top-actors", res[2].items, "actor");
      drawTop("top-admin1", res[3].items, "admin1");
      drawMap(res[4]);
      setStatus("");
      document.body.setAttribute("data-loaded", String(my));
    }).catch(function (err) { if (my === seq) setStatus(err.message, true); });
  }

  function apply(push) {
    state.offset = 0;
    firstFit = true;                    // new filters: fit the map to what they select
    writeUrl(push);
    loadAll();
  }

  function pageBy(delta) {
    state.offset = Math.max(0, state.offset + delta);
    writeUrl(false);
    loadTable(seq).catch(function (err) { setStatus(err.message, true); });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(true); });
  ["country", "admin1", "type", "since", "until"].forEach(function (n) {
    form.elements[n].addEventListener("change", function () { apply(true); });
  });
  document.getElementById("clear-filters").addEventListener("click", function () {
    FILTERS.forEach(function (n) { form.elements[n].value = ""; });
    apply(true);
  });
  document.getElementById("prev").addEventListener("click", function () { pageBy(-PAGE); });
  document.getElementById("next").addEventListener("click", function () { pageBy(PAGE); });
  document.querySelectorAll("#events-table th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      writeUrl(false);
      loadTable(seq).catch(function (err) { setStatus(err.message, true); });
    });
  });
  window.addEventListener("popstate", function () { readUrl(); loadAll(); });

  readUrl();
  initMap();
  // The filter lists and the surge panel wait for the first view: on a large
  // database they would otherwise compete with it for the server.
  function afterFirstView() {
    loadFacets().catch(function (err) { setStatus(err.message, true); });
    getJSON("/surges").then(drawSurges).catch(function () { /* optional panel */ });
  }
  loadAll().then(afterFirstView, afterFirstView);
})();
