/* marsad dashboard, first step: start the first view's API requests while the
 * map libraries are still downloading.  This file is loaded without `defer`;
 * app.js (deferred) builds its requests with the same function and takes over
 * any response already on its way.  Nothing from the responses is shown here.
 */
(function () {
  "use strict";

  var cfg = JSON.parse(document.getElementById("marsad-config").textContent);
  var FILTERS = ["since", "until", "country", "admin1", "type", "actor", "q"];
  var PAGE = 50;
  var early = {};

  /* The API URLs of one view of the dashboard: [table, weekly, actors, admin1, map]. */
  function viewUrls(filters, sort, offset) {
    function url(path, extra) {
      var p = new URLSearchParams(filters.toString());
      Object.keys(extra).forEach(function (k) { p.set(k, extra[k]); });
      var qs = p.toString();
      return cfg.api + path + (qs ? "?" + qs : "");
    }
    return [url("/events", { sort: sort, limit: String(PAGE), offset: String(offset) }),
            url("/counts", { by: "week" }),
            url("/counts", { by: "actor", limit: "10" }),
            url("/counts", { by: "admin1", limit: "10" }),
            url("/geojson", {})];
  }

  function fetchJSON(url) {
    var pending = early[url];
    if (pending) {
      delete early[url];
      return pending;
    }
    return fetch(url, { headers: { Accept: "application/json" } });
  }

  var u = new URLSearchParams(window.location.search), filters = new URLSearchParams();
  FILTERS.forEach(function (name) {
    var v = (u.get(name) || "").trim();
    if (v) filters.set(name, v);
  });
  var offset = Math.max(0, parseInt(u.get("offset") || "0", 10) || 0);
  viewUrls(filters, u.get("sort") || "-event_date", offset).forEach(function (url) {
    early[url] = fetch(url, { headers: { Accept: "application/json" } });
    early[url].catch(function () { /* app.js reports errors when it asks again */ });
  });

  window.marsadBoot = { viewUrls: viewUrls, fetchJSON: fetchJSON, PAGE: PAGE };
})();
