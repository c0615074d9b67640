"""Place quality of marsad's geocoder on the UCDP/SOHR development lines.

    python bench/geocode_quality.py SHARED_DIR [--prior SY] [--show-misses N]

For each line of SHARED_DIR/dev/ucdp_articles.jsonl, resolve every place mention
(Geocoder.places_in over the whole line) and count the line as found when at
least one resolved place lies within the gold point's tol_km
(SHARED_DIR/dev/ucdp_gold.jsonl).  Run twice: with the built-in gazetteer alone,
then after `add-events` of the UCDP GED rows up to 2018-12-31
(SHARED_DIR/staging/ucdp-ged-syria/ucdp_ged_syria_2016_2018.csv) into a
temporary SQLite database.  Also prints how many resolved places lie > 50 km
from the gold point and how many lie outside the gold country (a watch on
precision: headlines name several places, so "far" is not always wrong, but a
place outside Syria almost always is).  Numbers go to stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from marsad.geo import Gazetteer, Geocoder
from marsad.geo.gazetteer import km
from marsad.store.places import add_events, read_user_places


def evaluate(gaz: Gazetteer, lines: list[tuple[str, dict]], prior: tuple[str, ...],
             show: int) -> dict[str, float]:
    geo = Geocoder(gaz)
    found = far = foreign = total_places = no_place = 0
    misses = []
    t0 = time.perf_counter()
    for text, gold in lines:
        ctx = geo.context(text, countries=prior)
        places = geo.places_in(text, 0, len(text), ctx)
        total_places += len(places)
        if not places:
            no_place += 1
        ok = False
        for p in places:
            d = km(p.latitude, p.longitude, gold["lat"], gold["lon"])
            if d <= gold["tol_km"]:
                ok = True
            if d > 50:
                far += 1
            if p.country_code != gold.get("country", p.country_code):
                foreign += 1
        found += ok
        if not ok:
            misses.append((text, gold["location"], [(p.mention, p.location, p.geo_precision) for p in places]))
    dt = time.perf_counter() - t0
    for text, loc, got in misses[:show]:
        print(f"  MISS gold={loc!r} got={got} :: {text[:140]}", file=sys.stderr)
    n = len(lines)
    return {"lines": n, "place_recall": round(found / n, 4), "places": total_places,
            "far_gt_50km": far, "far_share": round(far / max(1, total_places), 4),
            "outside_gold_country": foreign,
            "lines_without_place": no_place, "ms_per_line": round(1000 * dt / n, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared_dir")
    ap.add_argument("--prior", action="append", default=[],
                    help="country priors for every line (e.g. SY, as the outlet is Syrian)")
    ap.add_argument("--show-misses", type=int, default=0)
    a = ap.parse_args()
    shared = Path(a.shared_dir)
    arts = [json.loads(x) for x in (shared / "dev" / "ucdp_articles.jsonl").open(encoding="utf-8")]
    golds = {g["doc_id"]: g for g in map(json.loads, (shared / "dev" / "ucdp_gold.jsonl").open(encoding="utf-8"))}
    lines = [(x["text"], golds[x["doc_id"]]["events"][0]) for x in arts if x["doc_id"] in golds]
    prior = tuple(a.prior)
    res = evaluate(Gazetteer.load(), lines, prior, a.show_misses)
    print("built-in gazetteer:", json.dumps(res))
    csv_path = shared / "staging" / "ucdp-ged-syria" / "ucdp_ged_syria_2016_2018.csv"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/places.db"
        t0 = time.perf_counter()
        added = add_events(url, str(csv_path), until=date(2018, 12, 31))
        print(f"add-events: {added.places} places learnt, {added.skipped} rows skipped, "
              f"{time.perf_counter() - t0:.1f} s")
        res = evaluate(Gazetteer.load(read_user_places(url)), lines, prior, a.show_misses)
        print("with UCDP places:  ", json.dumps(res))


if __name__ == "__main__":
    main()
