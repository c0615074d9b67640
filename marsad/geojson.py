"""One GeoJSON feature schema for `marsad export --format geojson` and the API's
``/api/geojson``: each Feature has an ``id`` (the canonical event's, or the
report's for a per-report export), a Point geometry (longitude, latitude rounded
to 5 decimals, about 1 m; null when the event has no coordinates) and
properties holding at least CORE, dates as ISO strings.

    >>> f = feature(7, 35.33333333, 40.1, {"event_date": date(2024, 3, 9), "fatalities": 2})
    >>> f["id"], f["geometry"]["coordinates"], f["properties"]["event_date"], f["properties"]["id"]
    (7, [40.1, 35.33333], '2024-03-09', 7)
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

# The properties every feature carries, whoever writes it.
CORE = ("id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
        "location", "geo_precision", "fatalities", "n_sources")


def _value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def feature(fid: int | str, latitude: Any, longitude: Any, properties: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature with id `fid`; properties get `id` too (for tools that drop feature ids)."""
    props = {k: _value(v) for k, v in properties.items() if k not in ("latitude", "longitude")}
    props["id"] = fid
    located = latitude not in (None, "") and longitude not in (None, "")
    geometry = ({"type": "Point", "coordinates": [round(float(longitude), 5), round(float(latitude), 5)]}
                if located else None)
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}
