"""Match the events marsad extracts from one article to its hand-coded golden events.

The rules are those of the development scorer (bench/score.py in the shared data):

* a predicted row is *compatible* with a gold event when its date lies in the gold
  window widened by 2 days (a gold window of ``null`` accepts any date) and its point
  lies within ``tol_km`` of the gold point;
* compatible pairs are taken greedily, required gold events before optional ones,
  nearest pairs first; each gold event and each prediction is used at most once;
* a matched optional gold event counts neither way; an unmatched prediction is spurious;
* field accuracies (event type, sub-event type, actors, fatalities, exact date,
  within 10 km) are computed over matched *required* gold events.

Predictions are the flat rows of ``Event.to_row()``.

    >>> gold = [{"id": "e1", "date": ["2020-05-17", "2020-05-17"], "lat": 35.0, "lon": 40.0,
    ...          "tol_km": 25, "event_type": ["Battles"], "fatalities": 7}]
    >>> pred = [{"event_date": "2020-05-18", "latitude": 35.05, "longitude": 40.0,
    ...          "event_type": "Battles", "fatalities": 7}]
    >>> r = match_case("doc", gold, pred)
    >>> (len(r.matched), r.missed, r.spurious, r.matched[0].hits["date_exact"])
    (1, [], [], False)

Run it as a script to print the golden scores of the current extractor:

    python tests/golden/scoring.py
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

DATE_SLACK = timedelta(days=2)
FIELDS = ("event_type", "sub_event_type", "actors", "fatalities", "date_exact", "within_10km")
_STOP = {"al", "el", "the"}

Row = dict[str, Any]


def norm(name: str | None) -> str:
    """Lower-case, punctuation to spaces, Arabic articles dropped: 'Al-Sukhnah' -> 'sukhnah'."""
    words = re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).split()
    return " ".join(w for w in words if w not in _STOP)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _fatalities(value: Any) -> int | None:
    if value in (None, ""):
        return 0
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def gold_window(g: Row) -> tuple[date, date] | None:
    """The accepted dates widened by the slack; None when the text gives no date."""
    d = g.get("date")
    if d is None:
        return None
    lo, hi = (d, d) if isinstance(d, str) else d
    lo_d, hi_d = parse_date(lo), parse_date(hi)
    if lo_d is None or hi_d is None:
        raise ValueError(f"gold event {g.get('id')}: bad date window {d!r}")
    return lo_d - DATE_SLACK, hi_d + DATE_SLACK


def distance_if_compatible(p: Row, g: Row) -> float | None:
    """Distance in km when prediction `p` can match gold event `g`, else None."""
    lat, lon = _float(p.get("latitude")), _float(p.get("longitude"))
    if lat is None or lon is None:
        return None
    window = gold_window(g)
    if window is not None:
        d = parse_date(p.get("event_date"))
        if d is None or not window[0] <= d <= window[1]:
            return None
    dist = km(lat, lon, g["lat"], g["lon"])
    return dist if dist <= g.get("tol_km", 25) else None


def actor_hit(pred_names: list[str], aliases: list[str]) -> bool:
    """True when one alias equals, or is contained word-wise in, one predicted actor name."""
    names = [norm(n) for n in pred_names if n]
    for alias in aliases:
        a = norm(alias)
        if a and any(a == n or f" {a} " in f" {n} " for n in names):
            return True
    return False


def field_hits(g: Row, p: Row, dist: float) -> dict[str, bool]:
    """Which fields of a matched prediction are right; a field absent from gold is not scored."""
    hits = {"within_10km": dist <= 10}
    if "event_type" in g:
        hits["event_type"] = p.get("event_type") in g["event_type"]
    if "sub_event_type" in g:
        hits["sub_event_type"] = p.get("sub_event_type") in g["sub_event_type"]
    if g.get("actors"):
        names = [str(p.get(k) or "") for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")]
        hits["actors"] = all(actor_hit(names, aliases) for aliases in g["actors"])
    if "fatalities" in g:
        want = g["fatalities"]
        accepted = want if isinstance(want, list) else [0 if want is None else want]
        hits["fatalities"] = _fatalities(p.get("fatalities")) in accepted
    window = gold_window(g)
    if window is not None:
        d = parse_date(p.get("event_date"))
        hits["date_exact"] = d is not None and window[0] + DATE_SLACK <= d <= window[1] - DATE_SLACK
    return hits


@dataclass(slots=True)
class Match:
    gold: Row
    pred: Row
    dist: float
    hits: dict[str, bool]


@dataclass(slots=True)
class CaseResult:
    """The outcome of one article: matched required events, misses and extras."""

    name: str
    matched: list[Match] = field(default_factory=list)          # required gold events only
    optional_matched: list[Match] = field(default_factory=list)
    missed: list[Row] = field(default_factory=list)             # required gold events left over
    spurious: list[Row] = field(default_factory=list)           # predictions left over


def match_case(name: str, gold_events: list[Row], preds: list[Row]) -> CaseResult:
    """Pair predictions with gold events: required first, then nearest first."""
    pairs = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(preds):
            dist = distance_if_compatible(p, g)
            if dist is not None:
                pairs.append((bool(g.get("optional")), dist, gi, pi))
    pairs.sort()
    result = CaseResult(name)
    g_used: set[int] = set()
    p_used: set[int] = set()
    for optional, dist, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        g, p = gold_events[gi], preds[pi]
        m = Match(g, p, dist, field_hits(g, p, dist))
        (result.optional_matched if optional else result.matched).append(m)
    result.missed = [g for gi, g in enumerate(gold_events) if gi not in g_used and not g.get("optional")]
    result.spurious = [p for pi, p in enumerate(preds) if pi not in p_used]
    return result


def field_accuracy(results: list[CaseResult]) -> dict[str, tuple[int, int]]:
    """(right, scored) per field over the matched required events of all cases."""
    acc = {k: (0, 0) for k in FIELDS}
    for r in results:
        for m in r.matched:
            for k, hit in m.hits.items():
                right, total = acc[k]
                acc[k] = (right + hit, total + 1)
    return acc


def totals(results: list[CaseResult]) -> dict[str, float]:
    tp = sum(len(r.matched) for r in results)
    fp = sum(len(r.spurious) for r in results)
    fn = sum(len(r.missed) for r in results)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}


# ---- readable diffs -------------------------------------------------------------------------

def _pred_line(p: Row) -> str:
    actors = " / ".join(str(p.get(k)) for k in ("actor1", "actor2") if p.get(k))
    ev = str(p.get("evidence_text") or "").strip().replace("\n", " ")
    if len(ev) > 160:
        ev = ev[:157] + "..."
    return (f'{p.get("event_date") or "?"} {p.get("event_type")}/{p.get("sub_event_type")} '
            f'[{actors}] @ {p.get("location") or "?"} ({p.get("latitude")}, {p.get("longitude")}) '
            f'fatalities={p.get("fatalities")}\n        evidence: "{ev}"')


def _gold_line(g: Row) -> str:
    d = g.get("date")
    d = d[0] if isinstance(d, list) and d[0] == d[1] else d
    return (f'{g["id"]} {d} {"|".join(g.get("event_type", []))}/{"|".join(g.get("sub_event_type", []))} '
            f'@ {g.get("location")} ({g["lat"]}, {g["lon"]}, tol {g.get("tol_km", 25)} km) '
            f'fatalities={g.get("fatalities", "-")}\n        gold note: {g.get("note", "")}')


def _wrong_fields(m: Match) -> list[str]:
    out = []
    g, p = m.gold, m.pred
    for k, hit in m.hits.items():
        if hit:
            continue
        if k == "event_type":
            out.append(f'event_type {p.get("event_type")!r} not in {g["event_type"]}')
        elif k == "sub_event_type":
            out.append(f'sub_event_type {p.get("sub_event_type")!r} not in {g["sub_event_type"]}')
        elif k == "actors":
            names = [p.get(x) for x in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2") if p.get(x)]
            out.append(f'actors {names} lack one of {[a[0] for a in g["actors"]]}')
        elif k == "fatalities":
            out.append(f'fatalities {p.get("fatalities")!r}, want {g["fatalities"]}')
        elif k == "date_exact":
            out.append(f'date {p.get("event_date")}, want {g["date"]}')
        elif k == "within_10km":
            out.append(f'point {m.dist:.0f} km from gold')
    return out


def describe(result: CaseResult) -> str:
    """A readable account of one case: misses, extras and wrong fields, with evidence."""
    lines = [(f"== {result.name}: {len(result.matched)} matched, {len(result.missed)} missed, "
             f"{len(result.spurious)} spurious")]
    for g in result.missed:
        lines.append("  MISSED   " + _gold_line(g))
    for p in result.spurious:
        lines.append("  SPURIOUS " + _pred_line(p))
    for m in result.matched:
        wrong = _wrong_fields(m)
        if wrong:
            lines.append(f'  WRONG    {m.gold["id"]} {m.gold.get("location")}: ' + "; ".join(wrong))
            lines.append("        " + _pred_line(m.pred).split("\n")[1].strip())
    return "\n".join(lines)


def describe_accuracy(results: list[CaseResult]) -> str:
    acc = field_accuracy(results)
    parts = [f"{k}={right}/{total}" for k, (right, total) in acc.items() if total]
    return "field accuracy on matched required events: " + ", ".join(parts) + f"  | {totals(results)}"


def _main() -> None:  # pragma: no cover - a convenience for tuning the extractor
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from marsad.extract import Extractor
    from tests.golden.cases_io import load_cases, read_case_article

    extractor = Extractor()
    results = []
    for case in load_cases():
        article = read_case_article(case)
        rows = [e.to_row() for e in extractor.extract(article)]
        result = match_case(case["name"], case["events"], rows)
        results.append(result)
        print(describe(result))
    print(describe_accuracy(results))


if __name__ == "__main__":
    _main()
