"""The vendored front-end libraries are the pinned npm versions, and the
dashboard needs nothing from outside the package."""
from __future__ import annotations

import json
from pathlib import Path

import marsad.web

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(marsad.web.__file__).parent / "static"


def test_vendored_versions_match_the_pins():
    pins = json.loads((ROOT / "web/assets/package.json").read_text())["dependencies"]
    lock = json.loads((ROOT / "web/assets/package-lock.json").read_text())["packages"]
    vendored = json.loads((STATIC / "vendor/VERSIONS.json").read_text())
    for name, version in pins.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert vendored[name]["version"] == version
        assert vendored[name]["integrity"] == lock[f"node_modules/{name}"]["integrity"]


def test_pages_reference_only_local_assets():
    templates = Path(marsad.web.__file__).parent / "templates"
    for page in templates.glob("*.html"):
        text = page.read_text()
        assert "http://" not in text and "https://" not in text, page.name
    for rel in ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js",
                "vendor/topojson-client/topojson-client.min.js", "vendor/world-atlas/countries-110m.json",
                "vendor/leaflet/leaflet.css", "vendor/swagger-ui/swagger-ui-bundle.js",
                "vendor/swagger-ui/swagger-ui.css", "app.js", "app.css"):
        assert (STATIC / rel).stat().st_size > 1000, rel
