#!/usr/bin/env bash
# Reproduce marsad/web/static/vendor/ from the pinned npm packages in
# web/assets/package-lock.json.  The vendored copies are committed, so
# `pip install -e .` alone gives a working, offline dashboard; run this only
# to check or upgrade them (edit web/assets/package.json, `npm install`, rerun).
set -euo pipefail
cd "$(dirname "$0")/.."
ASSETS=web/assets
OUT=marsad/web/static/vendor
(cd "$ASSETS" && npm ci --no-audit --no-fund --silent)
NM=$ASSETS/node_modules
rm -rf "$OUT"
mkdir -p "$OUT/leaflet/images" "$OUT/leaflet.markercluster" "$OUT/topojson-client" "$OUT/world-atlas" \
         "$OUT/swagger-ui"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" "$OUT/leaflet/"
cp "$NM"/leaflet/dist/images/*.png "$OUT/leaflet/images/"
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$NM/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/leaflet.markercluster/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$NM/topojson-client/LICENSE" "$OUT/topojson-client/"
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/LICENSE" "$OUT/world-atlas/"
# the API docs page (/docs): Swagger UI's bundle and style, served by marsad, no CDN
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" \
   "$NM/swagger-ui-dist/LICENSE" "$NM/swagger-ui-dist/NOTICE" "$OUT/swagger-ui/"
# Record exactly what was vendored.
node -e '
const lock = require(process.argv[1]);
const out = {};
for (const [k, v] of Object.entries(lock.packages)) {
  if (k.startsWith("node_modules/") && !k.slice(13).includes("node_modules/")) {
    out[k.slice(13)] = {version: v.version, integrity: v.integrity};
  }
}
console.log(JSON.stringify(out, null, 2));
' "$PWD/$ASSETS/package-lock.json" > "$OUT/VERSIONS.json"
echo "vendored into $OUT:" >&2
(cd "$OUT" && find . -type f | sort) >&2
