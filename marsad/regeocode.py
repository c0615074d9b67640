"""Re-geocode stored events after places or aliases were added (`marsad regeocode`).

Each stored report (a row of ``events``) of an article keeps its id, uid and
evidence; only its place columns change.  For each report marsad reads the
article's geographic context again (as the extractor does: the countries and
governorates it names, else the outlet's country, else its actors' theatre),
re-runs the Geocoder on the evidence spans of the article's reports (in text
order with one context, as the extractor reads the article sentence by sentence)
and finds the mention the report was placed by:

1. a place whose mention (or a run of its words) is the stored `location`
   ("Tindikoro", an unknown village kept at its region, now a place of its own),
   or the same place again;
2. else a place whose mention could have meant the stored gazetteer id (the
   stored place is among the mention's candidates: a namesake, now outranked
   by a user's place or alias).

A report whose mention is no longer found keeps its place.  Canonical events
stay consistent: a report that moved away from the other reports of its
incident (a merge veto, see marsad/similarity.py) leaves it for an incident of
its own; every touched canonical event takes its fields from its reports again
(marsad.merge.canonical_fields); a moved report alone in its incident is merged
again (marsad.merge.merge_new), as a new report would be.

    >>> res = regeocode("sqlite:///marsad.db", dry_run=True)          # doctest: +SKIP
    >>> res.checked, len(res.moved)                                      # doctest: +SKIP
    (412, 9)
"""
from __future__ import annotations

import copy
import logging
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from marsad.geo.gazetteer import km
from marsad.geo.normalize import fold
from marsad.records import Article, Evidence, Place, UserPlaces

if TYPE_CHECKING:
    from marsad.extract.actors import ActorMatcher
    from marsad.geo.context import GeoContext
    from marsad.geo.gazetteer import Gazetteer
    from marsad.geo.resolve import Geocoder
    from marsad.similarity import MergeRules
    from marsad.store.stored import StoredReport

log = logging.getLogger(__name__)

PLACE_COLUMNS = ("location", "latitude", "longitude", "geo_precision", "gazetteer_id",
                 "country", "iso", "country_code", "admin1", "admin2")
SAME_POINT_KM = 0.05        # the same gazetteer id this close: the report did not move
MAX_NAME_WORDS = 6


@dataclass(slots=True)
class Move:
    """One report whose place changed."""

    event_id: int
    event_uid: str
    old: dict[str, Any]         # PLACE_COLUMNS before
    new: dict[str, Any]         # ... and after
    km: float | None            # how far it moved (None: one of the two has no point)
    why: str                    # how the geocoder chose the new place
    words: Evidence | None = None   # the words of the article it was placed by now


@dataclass(slots=True)
class RegeocodeResult:
    """What `regeocode` did (or, with dry_run, would do)."""

    checked: int = 0            # reports of articles with a place
    unchanged: int = 0
    not_found: int = 0          # the mention of the stored place is not found again: kept
    skipped: int = 0            # imported rows, reports without a place or article text
    changed_meanwhile: int = 0  # changed by another process while this one ran: left alone
    moved: list[Move] = field(default_factory=list)
    canonical_updated: int = 0  # canonical events whose fields were recomputed
    detached: int = 0           # reports that left their incident (moved too far from its other reports)
    merged: int = 0             # moved reports merged into another incident
    dry_run: bool = False


def regeocode(db_url: str, *, dry_run: bool = False, gazetteer: Gazetteer | None = None,
              rules: MergeRules | None = None) -> RegeocodeResult:
    """Re-geocode every stored report of an article with the database's gazetteer
    (built-in places plus the user's).  With `dry_run` everything is computed and
    done inside a transaction that is rolled back: the result says what would move."""
    from marsad.extract.actors import ActorMatcher
    from marsad.geo import Gazetteer, Geocoder
    from marsad.store import Store
    from marsad.store.places import read_user_places

    store = Store.open(db_url, create=False)         # a missing SQLite file is an error, not a new one
    try:
        user = read_user_places(store.url)
        gaz = gazetteer if gazetteer is not None else Gazetteer.load(user)
        geo = Geocoder(gaz)
        actors = ActorMatcher.load()
        res = RegeocodeResult(dry_run=dry_run)
        with store.engine.connect() as conn:
            moves = list(_find_moves(conn, geo, actors, res, _user_alias_keys(user)))
        with store.engine.connect() as conn:
            conn.execution_options(marsad_write=True)
            trans = conn.begin()
            try:
                _apply(conn, moves, res, rules)
            except BaseException:
                trans.rollback()
                raise
            if dry_run:
                trans.rollback()
            else:
                trans.commit()
        return res
    finally:
        store.close()


# --------------------------------------------------------------------------- finding moves

def _user_alias_keys(user: UserPlaces) -> frozenset[str]:
    from marsad.geo.lookup import user_sources
    return frozenset(user_sources(user)[1])


def _find_moves(conn: sa.Connection, geo: Geocoder, actors: ActorMatcher, res: RegeocodeResult,
                user_keys: frozenset[str] = frozenset()) -> Iterator[Move]:
    from marsad.store.schema import documents, events
    e = events.c
    rows = conn.execute(sa.select(e.id, e.event_uid, e.document_id, e.origin, e.evidence_start,
                                  e.evidence_end, *(e[c] for c in PLACE_COLUMNS))
                        .order_by(e.document_id, e.id)).mappings().all()
    by_doc: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        if row["document_id"] is None or row["latitude"] is None or not row["location"]:
            res.skipped += 1
            continue
        by_doc.setdefault(row["document_id"], []).append(dict(row))
    d = documents.c
    for doc_pk, reports in by_doc.items():
        doc = conn.execute(sa.select(d.doc_id, d.text, d.outlet, d.url, d.title, d.published)
                           .where(d.id == doc_pk)).mappings().first()
        if doc is None or not doc["text"]:
            res.skipped += len(reports)
            continue
        article = Article(doc_id=doc["doc_id"], text=doc["text"], published=doc["published"],
                          url=doc["url"], outlet=doc["outlet"], title=doc["title"])
        ctx = article_context(geo, actors, article)
        spans_of = _spans(conn, [r["id"] for r in reports])
        spans = {r["id"]: _own_spans(r, spans_of, len(article.text)) for r in reports}
        base = copy.deepcopy(ctx)      # read afresh for the whole-article fallback
        places = _replay(geo, article.text, ctx, spans.values())
        article_places = cache(partial(geo.places_in, article.text, 0, len(article.text), base))
        for r in reports:
            res.checked += 1
            found = [places[sp] for sp in spans[r["id"]]]
            move = _relocate(geo.gaz, article.text, found, article_places, r, user_keys)
            if move is None:
                res.not_found += 1
            elif move is _SAME:
                res.unchanged += 1
            else:
                yield move


def article_context(geo: Geocoder, actors: ActorMatcher, article: Article) -> GeoContext:
    """The article's geographic context as `Extractor._context` reads it: what the
    article names; if it names no country, its outlet's country, else its armed actors'
    (the extractor's batch prior is off by default and has no batch here)."""
    from marsad.extract.events import article_context as extractor_context
    named = geo.context(article.text)
    return extractor_context(geo, article, actors.find(article.text, country=named.main_country),
                             actors.actors, named)


def _own_spans(row: dict[str, Any], spans_of: dict[int, list[tuple[int, int]]], n: int) -> list[tuple[int, int]]:
    """A report's evidence spans (else its evidence_start/end), those inside the text."""
    own = spans_of.get(row["id"]) or ([(row["evidence_start"], row["evidence_end"])]
                                      if row["evidence_start"] is not None else [])
    return [(s, e) for s, e in own if s is not None and e is not None and 0 <= s < e <= n]


def _replay(geo: Geocoder, text: str, ctx: GeoContext,
            spans: Iterable[list[tuple[int, int]]]) -> dict[tuple[int, int], list[Place]]:
    """The places of every evidence span of an article, geocoded in text order with one
    context, as the extractor reads the article sentence by sentence (the context
    remembers the towns placed before: a namesake near them wins)."""
    out: dict[tuple[int, int], list[Place]] = {}
    for s, e in sorted({sp for own in spans for sp in own}):
        out[(s, e)] = geo.places_in(text, s, e, ctx)
    return out


def _spans(conn: sa.Connection, event_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    from marsad.records import SENTENCE_ROLES
    from marsad.store.schema import evidence
    v = evidence.c
    out: dict[int, list[tuple[int, int]]] = {}
    # the sentences that tell each report, not the words of its fields (roles date, place...)
    q = sa.select(v.event_id, v.start, v.end).where(v.event_id.in_(event_ids),
                                                    v.role.in_(SENTENCE_ROLES)).order_by(v.id)
    for eid, s, e in conn.execute(q):
        out.setdefault(eid, []).append((s, e))
    return out


_SAME = Move(0, "", {}, {}, None, "")       # marker: found again, at the same place


def _relocate(gaz: Gazetteer, text: str, found: list[list[Place]], article: Callable[[], list[Place]],
              row: dict[str, Any], user_keys: frozenset[str] = frozenset()) -> Move | None:
    """The report's place found again among the places of its evidence spans (`found`),
    else among those of the whole article: _SAME, a Move, or None when its mention is
    not found."""
    from marsad.extract.incidents import road_end
    hit = _pick(gaz, found, article, row, user_keys)
    if hit is None:
        return None
    p = _users_village(text, *hit, user_keys) or hit[0]
    if (p.gazetteer_id == row["gazetteer_id"] or p.location == row["location"]) and p.latitude is not None \
            and km(p.latitude, p.longitude or 0.0, row["latitude"], row["longitude"]) < SAME_POINT_KM:
        return _SAME        # the same place, or a place of the same name at the same point
    if road_end(text, p):       # as incidents.best_place places a road's end
        p = replace(p, geo_precision=max(2, p.geo_precision))
    new = place_columns(p)
    dist = None if p.latitude is None or p.longitude is None else \
        km(row["latitude"], row["longitude"], p.latitude, p.longitude)
    words = Evidence(text[p.start:p.end], p.start, p.end, "place") if p.start is not None and p.end is not None \
        else None
    return Move(row["id"], row["event_uid"], {c: row[c] for c in PLACE_COLUMNS}, new, dist, p.why, words)


def _users_village(text: str, p: Place, places: list[Place], user_keys: frozenset[str]) -> Place | None:
    """A place the user added, named with the stored one ("Kafr X, east of Homs": only
    Homs was known), that the extractor now takes as the more precise place of the pair
    (incidents.best_place over the chain of places named together)."""
    from marsad.extract.incidents import best_place, place_chains
    chain = next((ch for ch in place_chains(text, places) if any(q is p for q in ch)), [p])
    best = best_place(text, chain)
    if best is None or best is p or best.location == p.location:
        return None
    return best if _added(best, user_keys) else None


def _pick(gaz: Gazetteer, found: list[list[Place]], article: Callable[[], list[Place]],
          row: dict[str, Any], user_keys: frozenset[str]) -> tuple[Place, list[Place]] | None:
    """The place the stored one was made from, with the places named with it: each test
    in turn, in the report's evidence first, then anywhere in the article."""
    key, gid, loc = fold(row["location"]), row["gazetteer_id"], row["location"]
    tests: tuple[Callable[[Place], bool], ...] = (
        lambda p: p.location == loc and (p.gazetteer_id == gid or _same_point(p, row)),   # the same place
        lambda p: key in (fold(p.mention), fold(p.location)),                  # the same name, placed anew
        lambda p: _added(p, user_keys) and key in _runs(p.mention),            # a longer name the user added
        lambda p: bool(gid) and _was_candidate(gaz, p, gid, key),              # a namesake now outranked
    )
    for test in tests:
        for places in (*found, None):
            places = article() if places is None else places
            p = next((q for q in places if q.latitude is not None and test(q)), None)
            if p is not None:
                return p, places
    return None


def _same_point(p: Place, row: dict[str, Any]) -> bool:
    return p.latitude is not None and p.longitude is not None and \
        km(p.latitude, p.longitude, row["latitude"], row["longitude"]) < SAME_POINT_KM


def _added(p: Place, user_keys: frozenset[str]) -> bool:
    """A place the user added (a place of their own, or reached through their alias)."""
    return (p.gazetteer_id or "").startswith(("user:", "user-alias:")) or fold(p.mention) in user_keys


def _was_candidate(gaz: Gazetteer, p: Place, gid: str, key: str) -> bool:
    """The stored place (its id, under its own name) is a candidate of p's mention."""
    return any(c.gazetteer_id == gid and key in (fold(c.name), fold(gaz.location_name(c)))
               for k in _runs(p.mention) for c in gaz.candidates_for_key(k))


def _runs(mention: str) -> set[str]:
    """The folded runs of words of a mention: "Tal Qassab al-Jadid" -> {"tal qassab", ...}."""
    words = mention.split()[:MAX_NAME_WORDS * 2]
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
            k = fold(" ".join(words[i:j]))
            if k:
                out.add(k)
    return out


def place_columns(p: Place) -> dict[str, Any]:
    """The place columns of a report, from a Place (as marsad.store.rows.event_fields)."""
    return {"location": p.location or "", "latitude": p.latitude, "longitude": p.longitude,
            "geo_precision": p.geo_precision if p.location else None, "gazetteer_id": p.gazetteer_id,
            "country": p.country or "", "iso": p.iso, "country_code": p.country_code or "",
            "admin1": p.admin1 or "", "admin2": p.admin2 or ""}


# --------------------------------------------------------------------------- writing

def _apply(conn: sa.Connection, moves: list[Move], res: RegeocodeResult, rules: MergeRules | None) -> None:
    from marsad.store.rows import check
    from marsad.store.schema import events, evidence
    e = events.c
    done: list[int] = []
    for m in moves:
        now = conn.execute(sa.select(*(e[c] for c in PLACE_COLUMNS)).where(e.id == m.event_id)).mappings().first()
        if now is None or dict(now) != m.old:
            res.changed_meanwhile += 1          # another process moved or deleted it meanwhile
            continue
        values = check(events, m.new, m.event_uid, "event")
        conn.execute(sa.update(events).where(e.id == m.event_id).values(**values))
        if m.words is not None:         # the place's evidence follows it (a report stored with one)
            conn.execute(sa.update(evidence).where(evidence.c.event_id == m.event_id, evidence.c.role == "place")
                         .values(start=m.words.start, end=m.words.end, text=m.words.text))
        res.moved.append(m)
        done.append(m.event_id)
    if done:
        res.canonical_updated, res.detached, res.merged = settle(conn, done, rules)


def settle(conn: sa.Connection, moved: list[int], rules: MergeRules | None = None) -> tuple[int, int, int]:
    """Keep the canonical events of moved reports consistent; returns (canonical events
    updated, reports detached, reports merged).  A moved report that a merge rule now
    keeps apart from another report of its incident gets an incident of its own (its
    merge links are marked undone; no merge block, so it may merge again later); each
    touched incident takes its fields from its reports again; moved reports then alone
    are merged again as new reports are."""
    from marsad.merge import merge_new
    from marsad.similarity import Report, default_rules, score_pair
    from marsad.store.schema import events, merge_links
    rules = rules or default_rules()
    e, ml = events.c, merge_links.c
    mine = set(moved)
    cids = dict(conn.execute(sa.select(e.id, e.canonical_id).where(e.id.in_(moved))).all())
    groups = _reports(conn, {c for c in cids.values() if c is not None})
    detached: list[StoredReport] = []
    for cid, reps in groups.items():
        keep = list(reps)
        for r in [x for x in reps if x.id in mine and len(reps) > 1]:
            rest = [o for o in keep if o.id != r.id]
            if any(score_pair(Report.from_stored(r), Report.from_stored(o), rules).veto for o in rest):
                keep = rest
                detached.append(r)
                conn.execute(sa.update(merge_links).where(ml.canonical_id == cid).where(
                    sa.or_(ml.event_id == r.id, ml.matched_event_id == r.id)).values(undone=True))
        _write(conn, cid, keep, rules)
    for r in detached:
        cid = _write(conn, None, [r], rules)
        conn.execute(sa.update(events).where(e.id == r.id).values(canonical_id=cid))
    alone = [r.id for r in detached] + [r.id for reps in groups.values() if len(reps) == 1
                                           for r in reps] + [i for i, c in cids.items() if c is None]
    merged = sum(d.merged for d in merge_new(conn, sorted(alone), rules=rules))
    return len(groups), len(detached), merged


def _reports(conn: sa.Connection, cids: set[int]) -> dict[int, list[StoredReport]]:
    """The reports of canonical events (the rows marsad.merge.canonical_fields reads)."""
    from marsad.merge import EVENT_COLUMNS
    from marsad.store.schema import documents, events
    from marsad.store.stored import stored_report
    e = events.c
    q = (sa.select(e.id, e.canonical_id, e.document_id, *(e[c] for c in EVENT_COLUMNS), documents.c.outlet)
         .select_from(events.outerjoin(documents, e.document_id == documents.c.id))
         .where(e.canonical_id.in_(sorted(cids))).order_by(e.id))
    out: dict[int, list[StoredReport]] = {c: [] for c in sorted(cids)}
    for row in conn.execute(q).mappings():
        out[row["canonical_id"]].append(stored_report(row))
    return out


def _write(conn: sa.Connection, cid: int | None, reps: list[StoredReport], rules: MergeRules) -> int:
    from marsad.merge import canonical_fields
    from marsad.store.schema import canonical_events
    values = canonical_fields(reps, rules)
    if cid is None:
        pk = conn.execute(sa.insert(canonical_events).values(**values)).inserted_primary_key
        assert pk is not None  # an INSERT into a table with a primary key returns it
        return int(pk[0])
    conn.execute(sa.update(canonical_events).where(canonical_events.c.id == cid).values(**values))
    return cid


# --------------------------------------------------------------------------- summary

def summary(res: RegeocodeResult, verbose: bool = False) -> list[str]:
    """What moved, for people: counts, how far, from what to what (each report with verbose)."""
    n = len(res.moved)
    lines = [f"{res.checked} events checked: {n} moved, {res.unchanged} unchanged, "
             f"{res.not_found} kept (their place's name is not found again)"
             + (f", {res.changed_meanwhile} changed meanwhile (left alone)" if res.changed_meanwhile else "")
             + (f"; {res.skipped} without an article or place skipped" if res.skipped else "")]
    dists = sorted(m.km for m in res.moved if m.km is not None)
    if dists:
        finer = sum(1 for m in res.moved if (m.new["geo_precision"] or 3) < (m.old["geo_precision"] or 3))
        lines.append(f"distance moved: median {statistics.median(dists):.1f} km, max {dists[-1]:.1f} km; "
                     f"{finer} more precise than before")
    pairs = Counter((_label(m.old), _label(m.new)) for m in res.moved)
    for (a, b), k in pairs.most_common(20 if not verbose else None):
        far = [m.km for m in res.moved if (_label(m.old), _label(m.new)) == (a, b) and m.km is not None]
        lines.append(f"  {k} x {a} -> {b}" + (f" ({max(far):.1f} km)" if far else ""))
    if len(pairs) > 20 and not verbose:
        lines.append(f"  ... {len(pairs) - 20} more (--verbose lists every event)")
    if n:
        lines.append(f"canonical events: {res.canonical_updated} updated, {res.detached} reports left an "
                     f"incident they no longer fit, {res.merged} merged into another incident")
    if verbose:
        for m in res.moved:
            dist = f"{m.km:.1f} km" if m.km is not None else "?"
            lines.append(f"event {m.event_id} ({m.event_uid}): {_label(m.old)} -> {_label(m.new)}, {dist}; {m.why}")
    if res.dry_run:
        lines.append("dry run: nothing was written")
    return lines


def _label(cols: dict[str, Any]) -> str:
    where = ", ".join(x for x in (cols.get("admin1"), cols.get("country_code")) if x)
    return f"{cols['location']} ({where}; precision {cols['geo_precision']})" if where else \
        f"{cols['location']} (precision {cols['geo_precision']})"
