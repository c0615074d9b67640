"""Cross-source merging: many reports of one incident become one canonical event.

Every stored report (a row of ``events``) points to a canonical event (a row of
``canonical_events``).  ``Store.save_article`` gives each new report a canonical
event of its own; :func:`merge_new` then compares each new report with the
reports already stored and, when one canonical event matches well enough,
moves the report into it, deletes the now empty singleton and writes a
``merge_links`` row saying why.  :func:`split` undoes a merge for good
(``merge_blocks``), and :func:`explain` shows an analyst what was merged and why.

How two reports are compared - vetoes (dates, distance, types, same article
kept apart by the extractor, a pair an analyst split) and a weighted score - is
in marsad/similarity.py (:func:`score_pair`, rules in marsad/data/merge_rules.toml).

A report joins the best-scoring canonical event if the score reaches the
threshold, no report already in that canonical event vetoes it (complete
linkage: a canonical event never holds two reports that could not be one
incident) and no other candidate scores within ``ambiguity_margin`` of it (an
ambiguous report stays apart rather than joining a guess).  Blocking: candidates come from indexed queries on the report's
date window, a latitude/longitude box (or its admin1 for region-level places)
and country, so each new report costs a few small queries, whatever the size
of the database.

Canonical fields are recomputed from all its reports (:func:`canonical_fields`):
the earliest date among the most precise ones, the most precise place, the most
frequent type and actors, and fatalities as UCDP reports them: low = the
smallest figure any source gives, high = the largest, best = the median of the
figures given (the lower middle value when there is an even number: the
conservative choice, as ACLED's).  A report giving no figure (0) does not count.
`source` lists each report's outlet and the sources it cites, once each, joined
by "; "; `n_sources` counts distinct articles (or imported rows).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from marsad import reprints
from marsad.errors import StoreError
from marsad.records import FIELD_ROLES
from marsad.similarity import (  # noqa: F401 - re-exported: marsad.merge is the public entry point
    MergeRules,
    PairScore,
    Report,
    default_rules,
    haversine_km,
    names_alike,
    norm_actor,
    norm_place,
    score_pair,
)
from marsad.store.schema import canonical_events, documents, events, evidence, merge_blocks, merge_links
from marsad.store.stored import StoredReport, stored_report

# The columns a report and its canonical event share.
EVENT_COLUMNS = tuple(c.name for c in canonical_events.columns if c.name in events.c and c.name != "id")
PLACE_COLUMNS = (
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "gazetteer_id",
    "country",
    "iso",
    "country_code",
    "admin1",
    "admin2",
)


@dataclass(slots=True)
class MergeDecision:
    """What merge_new did with one report."""

    event_id: int
    canonical_id: int  # the canonical event the report belongs to now
    merged: bool  # True if it joined another canonical event
    score: float = 0.0
    matched_event_id: int | None = None
    reasons: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- canonical fields


def _lower_median(values: Sequence[int]) -> int:
    s = sorted(values)
    return s[(len(s) - 1) // 2]


def _most_common(values: Iterable[str], avoid: Iterable[str] = ()) -> str:
    """Most frequent non-empty value; ties go to the first seen."""
    avoid = set(avoid)
    counts = Counter(v for v in values if v and v not in avoid)
    if not counts:
        return ""
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)


def canonical_fields(reports: Sequence[StoredReport], rules: MergeRules | None = None) -> dict[str, Any]:
    """The fields of a canonical event, from its reports (read back with
    marsad.store.stored.stored_report).  Reports are taken in id order."""
    rules = rules or default_rules()
    reps = sorted(reports, key=lambda r: r.id)
    out: dict[str, Any] = {c: getattr(reps[0], c) for c in EVENT_COLUMNS}

    dated = [(r.time_precision or 1, d) for r in reps if (d := r.event_date) is not None]
    if dated:
        tp = min(t for t, _ in dated)
        out["time_precision"] = tp
        out["event_date"] = min(d for t, d in dated if t == tp)
        out["date_low"] = min(d for _, d in dated)
        out["date_high"] = max(d for _, d in dated)
    else:
        out["date_low"] = out["date_high"] = None

    placed = [r for r in reps if r.location or r.latitude is not None]
    if placed:
        names = Counter(r.location for r in placed)
        best = min(placed, key=lambda r: (r.geo_precision or 3, -names[r.location], r.id))
        out.update({c: getattr(best, c) for c in PLACE_COLUMNS})

    out["event_type"] = _most_common(r.event_type for r in reps)
    out["sub_event_type"] = _most_common(
        r.sub_event_type for r in reps if r.event_type == out["event_type"]
    )

    def pick(col: str, avoid: Iterable[str] = ()) -> str:
        values = [getattr(r, col) for r in reps]
        specific = [v for v in values if norm_actor(v or "") not in rules.generic_actors]
        return _most_common(specific, avoid) or _most_common(values, avoid)

    out["actor1"] = pick("actor1")
    out["actor2"] = pick("actor2", avoid=[out["actor1"]])
    out["assoc_actor_1"] = pick("assoc_actor_1")
    out["assoc_actor_2"] = pick("assoc_actor_2")

    figures = [f for r in reps if (f := r.fatalities)]
    out["fatalities"] = _lower_median(figures) if figures else 0
    out["fatalities_low"] = min(figures) if figures else 0
    out["fatalities_high"] = max(figures) if figures else 0
    injured = [i for r in reps if (i := r.injuries)]
    out["injuries"] = _lower_median(injured) if injured else reps[0].injuries

    sources: list[str] = []
    for r in reps:  # each report's outlet, then whom it cites
        for s in [r.outlet or "", *(r.source or "").split(";")]:
            s = s.strip()
            if s and s.casefold() not in {x.casefold() for x in sources}:
                sources.append(s)
    out["source"] = "; ".join(sources)
    out["notes"] = next((r.notes for r in reps if r.notes), "")
    out["n_sources"] = len(
        {("d", r.document_id) if r.document_id is not None else ("e", r.id) for r in reps}
    )
    out["updated_at"] = datetime.now(UTC)
    return out


# --------------------------------------------------------------------------- database
# Statements are built once (bound parameters), so each merge costs a few cheap executions.

_P = sa.bindparam
_e = events.c
_REPORT_COLS = [_e.id, _e.canonical_id, _e.document_id, _e.event_uid, *(_e[c] for c in EVENT_COLUMNS)]
_WITH_OUTLET = events.outerjoin(documents, _e.document_id == documents.c.id)
_SIZE = (
    sa.select(sa.func.count())
    .select_from(_alias := events.alias("same_canonical"))
    .where(_alias.c.canonical_id == _e.canonical_id)
    .scalar_subquery()
)
_Q_REPORT = (
    sa.select(*_REPORT_COLS, documents.c.outlet, _SIZE.label("n_reports"))
    .select_from(_WITH_OUTLET)
    .where(_e.id == _P("id"))
)
_Q_GROUPS = (
    sa.select(*_REPORT_COLS, documents.c.outlet)
    .select_from(_WITH_OUTLET)
    .where(_e.canonical_id.in_(_P("ids", expanding=True)))
    .order_by(_e.id)
)
_NEAR = sa.or_(
    sa.and_(_e.latitude.between(_P("lat0"), _P("lat1")), _e.longitude.between(_P("lon0"), _P("lon1"))),
    sa.and_(_e.geo_precision >= 3, _e.admin1 == _P("admin1")),
    sa.and_(_e.latitude.is_(None), _e.location != ""),
)
# coalesce(...) keeps SQLite from picking the (unselective) country or admin1 index over
# the event_date one: every report of a country matches country = ?, few match the dates.
_REGION = sa.func.coalesce(_e.admin1, "") == _P("admin1")
_CANDIDATE_QUERIES: dict[tuple[str, int], sa.CompoundSelect] = {}


def _candidate_query(kind: str, n_windows: int) -> sa.CompoundSelect:
    """One statement for all of a report's blocking windows (and its own article):
    window 0 for every report, window i > 0 only for reports of the precisions in tps<i>."""
    key = (kind, n_windows)
    if key not in _CANDIDATE_QUERIES:
        space = _NEAR if kind == "near" else _REGION
        parts = [sa.select(_e.canonical_id).where(_e.document_id == _P("doc"))]
        for i in range(n_windows):
            cond = [
                _e.event_date.between(_P(f"d0_{i}"), _P(f"d1_{i}")),
                sa.func.coalesce(_e.country, "") == _P("country"),
                _e.id != _P("id"),
                space,
            ]
            if i:
                cond.append(_e.time_precision.in_(_P(f"tps_{i}", expanding=True)))
            parts.append(sa.select(_e.canonical_id).where(*cond))
        _CANDIDATE_QUERIES[key] = sa.union(*parts)
    return _CANDIDATE_QUERIES[key]


_U_MOVE = sa.update(events).where(_e.id == _P("eid")).values(canonical_id=_P("cid"))
_U_CANON = sa.update(canonical_events).where(canonical_events.c.id == _P("target_id"))
_D_CANON = sa.delete(canonical_events).where(canonical_events.c.id == _P("cid"))
_D_LINKS = sa.delete(merge_links).where(merge_links.c.canonical_id == _P("cid"))


def _reports_of(conn: sa.Connection, canonical_ids: Iterable[int]) -> dict[int, list[StoredReport]]:
    ids = sorted(set(canonical_ids))
    out: dict[int, list[StoredReport]] = {i: [] for i in ids}
    for chunk in _chunks(ids, 500):
        for row in conn.execute(_Q_GROUPS, {"ids": list(chunk)}).mappings():
            out[row["canonical_id"]].append(stored_report(row))
    return out


def _chunks(seq: Sequence[int], n: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _write_canonical(
    conn: sa.Connection, canonical_id: int | None, reports: Sequence[StoredReport], rules: MergeRules
) -> int:
    values = canonical_fields(reports, rules)
    if canonical_id is None:
        pk = conn.execute(sa.insert(canonical_events).values(**values)).inserted_primary_key
        assert pk is not None  # an INSERT into a table with a primary key returns it
        return int(pk[0])
    conn.execute(_U_CANON, {**values, "target_id": canonical_id})
    return canonical_id


def _candidate_canonicals(conn: sa.Connection, r: Report, rules: MergeRules) -> set[int]:
    """Blocking: canonical ids of the reports that could tell the same incident as `r`:
    same article; or same country, inside the date window, and inside a latitude/longitude
    box as wide as the largest distance limit (region-level reports: the same admin1)."""
    doc = -1 if r.document_id is None else r.document_id
    if (
        r.event_date is None
        or not r.has_place
        or (((r.geo_precision or 3) >= 3 or r.latitude is None or r.longitude is None) and not r.admin1)
    ):
        return set(conn.execute(_candidate_query("near", 0), {"doc": doc}).scalars()) - {r.canonical_id, None}
    params: dict[str, Any] = {"doc": doc, "country": r.country, "id": r.id, "admin1": r.admin1}
    if (r.geo_precision or 3) >= 3 or r.latitude is None or r.longitude is None:
        kind = "region"
    else:
        kind = "near"
        reach = max(rules.distance_km.values())
        dlat = reach / 111.0
        dlon = reach / (111.0 * max(0.2, math.cos(math.radians(r.latitude))))
        params.update(
            lat0=r.latitude - dlat, lat1=r.latitude + dlat, lon0=r.longitude - dlon, lon1=r.longitude + dlon
        )
    own = rules.window(r.time_precision)
    # the report's own window for every report, then wider windows for coarser reports only
    windows = [own, *sorted({w for w in rules.date_window_days.values() if w > own})]
    for i, days in enumerate(windows):
        params[f"d0_{i}"] = r.event_date - timedelta(days=days)
        params[f"d1_{i}"] = r.event_date + timedelta(days=days)
        if i:
            params[f"tps_{i}"] = [tp for tp, w in rules.date_window_days.items() if w >= days]
    return set(conn.execute(_candidate_query(kind, len(windows)), params).scalars()) - {r.canonical_id, None}


def _blocked_with(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {i: set() for i in event_ids}
    b = merge_blocks.c
    for chunk in _chunks(list(event_ids), 500):
        q = sa.select(b.event_a, b.event_b).where(sa.or_(b.event_a.in_(chunk), b.event_b.in_(chunk)))
        for a, c in conn.execute(q):
            if a in out:
                out[a].add(c)
            if c in out:
                out[c].add(a)
    return out


def merge_new(
    conn: sa.Connection, event_ids: list[int], *, rules: MergeRules | None = None
) -> list[MergeDecision]:
    """Merge each new report into the canonical event it belongs to, if any.

    Runs inside the caller's transaction (commit it).  Reports are taken in the
    order given; a report that already shares its canonical event with others is
    left where it is.  Returns one decision per report found.

        store = Store.open(url)
        res = store.save_article(article, events)
        with store.begin() as conn:
            decisions = merge_new(conn, res.event_ids)
    """
    rules = rules or default_rules()
    decisions: list[MergeDecision] = []
    blocked = _blocked_with(conn, event_ids)
    done = {d.event_id: d for d in _merge_reprints(conn, event_ids, blocked, rules)}
    for eid in event_ids:
        if eid in done:
            decisions.append(done[eid])
            continue
        found = conn.execute(_Q_REPORT, {"id": eid}).mappings().first()
        if found is None:
            continue
        row = stored_report(found)
        r = Report.from_stored(row)
        if r.canonical_id is None:  # a report stored without a canonical event
            r.canonical_id = _write_canonical(conn, None, [row], rules)
            row = replace(row, canonical_id=r.canonical_id)
            conn.execute(_U_MOVE, {"eid": eid, "cid": r.canonical_id})
        elif found["n_reports"] > 1:
            decisions.append(
                MergeDecision(
                    eid, r.canonical_id, False, reasons=[f"already part of canonical event {r.canonical_id}"]
                )
            )
            continue
        decisions.append(_merge_one(conn, r, row, blocked.get(eid, set()), rules))
    return decisions


def _merge_reprints(conn: sa.Connection, event_ids: list[int], blocked: dict[int, set[int]],
                    rules: MergeRules) -> list[MergeDecision]:
    """The reprint step of merge_new: new reports alone in their canonical events, by article."""
    by_doc: dict[int, list[StoredReport]] = {}
    for eid in event_ids:
        row = conn.execute(_Q_REPORT, {"id": eid}).mappings().first()
        if row is not None and row["document_id"] is not None and row["canonical_id"] is not None \
                and row["n_reports"] == 1 and row["event_date"] is not None:
            by_doc.setdefault(row["document_id"], []).append(stored_report(row))
    return [d for doc, rows in by_doc.items() for d in _merge_reprint(conn, doc, rows, blocked, rules)]


def _merge_one(
    conn: sa.Connection, r: Report, row: StoredReport, blocked: set[int], rules: MergeRules
) -> MergeDecision:
    groups = _reports_of(conn, _candidate_canonicals(conn, r, rules))
    ranked: list[tuple[float, int, int, list[str]]] = []
    closest_veto: str | None = None
    for cid, reps in groups.items():
        scores: list[tuple[PairScore, int]] = []
        vetoed = None
        for other in reps:
            if other.id in blocked:
                vetoed = f"an analyst split report {r.id} from report {other.id}"
                break
            ps = score_pair(r, Report.from_stored(other), rules)
            if ps.veto:
                vetoed = f"report {other.id}: {ps.veto}"
                break
            scores.append((ps, other.id))
        if vetoed or not scores:
            closest_veto = closest_veto or vetoed
            continue
        ps, matched = max(scores, key=lambda s: (s[0].score, -s[1]))
        ranked.append((ps.score, cid, matched, ps.reasons))
    ranked.sort(key=lambda t: (-t[0], t[1]))
    best = ranked[0] if ranked else None
    if best is None or best[0] < rules.threshold:
        why = [f"best candidate scored {best[0]:.2f} < {rules.threshold:.2f}"] if best else ["no candidate"]
        if closest_veto:
            why.append(f"kept apart: {closest_veto}")
        return MergeDecision(
            r.id, r.canonical_id or 0, False, best[0] if best else 0.0, best[2] if best else None, why
        )
    rivals = [t for t in ranked[1:] if t[0] >= rules.threshold and best[0] - t[0] < rules.ambiguity_margin]
    if rivals and _one_incident([groups[t[1]] for t in [best, *rivals]], blocked_pairs(conn, groups), rules):
        # the candidates are themselves one incident (told apart only because an earlier
        # run stopped before merging them): one match - they are folded into the best
        _fold(conn, best[1], [t[1] for t in rivals], groups, rules)
        rivals = []
    if rivals:
        why = [(f"ambiguous: events {', '.join(str(t[1]) for t in [best, *rivals])} score "
                f"{', '.join(f'{t[0]:.2f}' for t in [best, *rivals])}, within {rules.ambiguity_margin:.2f} "
                "of each other; kept apart")]
        return MergeDecision(r.id, r.canonical_id or 0, False, best[0], best[2], why)
    score, cid, matched, reasons = best
    reasons = reasons + [f"score {score:.2f} >= threshold {rules.threshold:.2f}"]
    return _join(conn, r, row, cid, groups[cid], matched, score, reasons, rules)


def _join(conn: sa.Connection, r: Report, row: StoredReport, cid: int, members: list[StoredReport],
          matched: int, score: float, reasons: list[str], rules: MergeRules) -> MergeDecision:
    """Move report `r` (alone in its canonical event) into canonical event `cid`."""
    old = r.canonical_id
    conn.execute(_U_MOVE, {"eid": r.id, "cid": cid})
    # the singleton is empty now; the undone links of an earlier split go with it
    conn.execute(_D_LINKS, {"cid": old})
    conn.execute(_D_CANON, {"cid": old})
    conn.execute(
        sa.insert(merge_links),
        {
            "canonical_id": cid,
            "event_id": r.id,
            "matched_event_id": matched,
            "score": score,
            "reasons": json.dumps(reasons),
            "decided_at": datetime.now(UTC),
            "undone": False,
        },
    )
    _write_canonical(conn, cid, [*members, replace(row, canonical_id=cid)], rules)
    return MergeDecision(r.id, cid, True, score, matched, reasons)


# --------------------------------------------------------------------------- reprints

_Q_EVIDENCE = sa.select(_e.id, _e.evidence_text).where(_e.id.in_(_P("ids", expanding=True)))
_Q_TEXTS = sa.select(documents.c.id, documents.c.text, documents.c.doc_id).where(
    documents.c.id.in_(_P("ids", expanding=True)))
_Q_DOC_REPORTS = (sa.select(*_REPORT_COLS, documents.c.outlet).select_from(_WITH_OUTLET)
                  .where(_e.document_id == _P("doc")).order_by(_e.id))


def _with_evidence(conn: sa.Connection, rows: list[StoredReport]) -> list[StoredReport]:
    ev = dict(conn.execute(_Q_EVIDENCE, {"ids": [r.id for r in rows]}).all()) if rows else {}
    return [replace(r, evidence_text=ev.get(r.id) or "") for r in rows]


def _merge_reprint(conn: sa.Connection, doc: int, rows: list[StoredReport], blocked: dict[int, set[int]],
                   rules: MergeRules) -> list[MergeDecision]:
    """If article `doc` reprints a stored article, its reports (`rows`, each alone in
    its canonical event) join the original's events one to one (marsad.reprints)."""
    texts = {i: (t, name) for i, t, name in conn.execute(_Q_TEXTS, {"ids": [doc]})}
    if len(reprints.shingles(texts[doc][0], rules.reprint_shingle)) < rules.reprint_min_shingles:
        return []                    # too short to tell a reprint from a bulletin: no queries spent
    cands = _reports_of(conn, {c for row in rows for c in _candidate_canonicals(conn, Report.from_stored(row), rules)})
    others = {d for reps in cands.values() for rep in reps if (d := rep.document_id) is not None} - {doc}
    if not others:
        return []
    texts.update({i: (t, name) for i, t, name in conn.execute(_Q_TEXTS, {"ids": sorted(others)})})
    found = reprints.find_original(texts[doc][0], {i: t for i, (t, _) in texts.items() if i != doc}, rules)
    if found is None:
        return []
    original, shared = found
    old = _with_evidence(conn, [stored_report(r) for r in conn.execute(_Q_DOC_REPORTS, {"doc": original}).mappings()])
    decisions = []
    for p in reprints.align(_with_evidence(conn, rows), old, rules, blocked):
        cid = p.old.canonical_id
        assert cid is not None  # the original's reports were found by their canonical events
        members = _reports_of(conn, [cid])[cid]
        if any(m.id in blocked.get(p.new.id, set()) for m in members):
            continue
        reasons = [(f"reprint of article {texts[original][1]} ({shared:.0%} of its word {rules.reprint_shingle}-"
                    f"shingles shared); paired one to one with its report {p.old.id}"), *p.reasons]
        decisions.append(_join(conn, Report.from_stored(p.new), p.new, cid, members, p.old.id, p.score, reasons,
                               rules))
    return decisions


def remerge_alone(conn: sa.Connection, *, rules: MergeRules | None = None) -> list[MergeDecision]:
    """Merge again every marsad report that is alone in its canonical event, oldest first.

    For databases written before saving and merging were one transaction, where a
    killed ingest could leave reports never merged (and later reports "ambiguous"
    between them): each lone report is compared as a new one would be; candidates that
    are themselves one incident are folded together.  Runs in the caller's transaction;
    returns the decisions of the reports that were merged.
    """
    alone = (sa.select(_e.id).where(_e.origin == "marsad").where(_SIZE == 1).order_by(_e.id))
    merged = []
    for eid in conn.execute(alone).scalars().all():
        merged += [d for d in merge_new(conn, [eid], rules=rules) if d.merged]
    return merged


def blocked_pairs(conn: sa.Connection, groups: Mapping[int, Sequence[StoredReport]]) -> set[tuple[int, int]]:
    """The report pairs (smaller id first) an analyst split, among the reports of `groups`."""
    ids = [r.id for reps in groups.values() for r in reps]
    return {tuple(sorted((a, b))) for a, bs in _blocked_with(conn, ids).items() for b in bs}  # type: ignore[misc]


def _one_incident(groups: Sequence[Sequence[StoredReport]], blocked: set[tuple[int, int]],
                  rules: MergeRules) -> bool:
    """True if these canonical events could be one: no pair of their reports vetoes it
    (complete linkage) and every two groups have a pair scoring at least the threshold."""
    reports = [[Report.from_stored(r) for r in g] for g in groups]
    for i, a in enumerate(reports):
        for b in reports[i + 1:]:
            best = 0.0
            for x in a:
                for y in b:
                    ps = score_pair(x, y, rules)
                    if ps.veto or tuple(sorted((x.id, y.id))) in blocked:
                        return False
                    best = max(best, ps.score)
            if best < rules.threshold:
                return False
    return True


def _fold(conn: sa.Connection, into: int, others: Sequence[int],
          groups: dict[int, list[StoredReport]], rules: MergeRules) -> None:
    """Move every report of the canonical events `others` into `into`, with a merge link each."""
    now = datetime.now(UTC)
    anchor = groups[into][0].id
    for cid in others:
        for rep in groups[cid]:
            conn.execute(_U_MOVE, {"eid": rep.id, "cid": into})
            conn.execute(sa.insert(merge_links), {
                "canonical_id": into, "event_id": rep.id, "matched_event_id": anchor, "score": rules.threshold,
                "reasons": json.dumps([(f"canonical event {cid} and {into} both match a new report and "
                                       "each other: one incident")]),
                "decided_at": now, "undone": False})
        conn.execute(sa.update(merge_links).where(merge_links.c.canonical_id == cid).values(canonical_id=into))
        conn.execute(_D_CANON, {"cid": cid})
        groups[into].extend(replace(rep, canonical_id=into) for rep in groups.pop(cid))


def split(conn: sa.Connection, event_id: int, *, rules: MergeRules | None = None) -> int:
    """Detach report `event_id` into a canonical event of its own; returns its id.

    Every report it shared a canonical event with is recorded in merge_blocks, so
    merge_new never puts them together again.  Splitting a report that is alone
    changes nothing and returns its canonical id.  Runs in the caller's transaction.
    """
    rules = rules or default_rules()
    row = conn.execute(sa.select(events.c.id, events.c.canonical_id).where(events.c.id == event_id)).first()
    if row is None:
        raise StoreError(
            f"no report with id {event_id}",
            source=f"report {event_id}",
            fix="`marsad events show CANONICAL_ID` lists the reports of an event and their ids",
        )
    old = row.canonical_id
    reps = _reports_of(conn, [old])[old] if old is not None else []
    mine = [r for r in reps if r.id == event_id]
    others = [r for r in reps if r.id != event_id]
    if old is not None and not others:
        return int(old)
    if not mine:
        mine = [stored_report(conn.execute(_Q_REPORT, {"id": event_id}).mappings().one())]
    new = _write_canonical(conn, None, mine, rules)
    conn.execute(sa.update(events).where(events.c.id == event_id).values(canonical_id=new))
    now = datetime.now(UTC)
    existing = _blocked_with(conn, [event_id])[event_id]
    for o in others:
        if o.id not in existing:
            a, b = sorted((event_id, o.id))
            conn.execute(sa.insert(merge_blocks).values(event_a=a, event_b=b, created_at=now))
    ml = merge_links.c
    conn.execute(
        sa.update(merge_links)
        .where(ml.canonical_id == old)
        .where(sa.or_(ml.event_id == event_id, ml.matched_event_id == event_id))
        .values(undone=True)
    )
    if others:
        _write_canonical(conn, old, others, rules)
    return new


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (date, datetime)) else v


def _add_field_words(conn: sa.Connection, reports: list[dict[str, Any]]) -> None:
    """Each report's evidence for its fields as ``fields`` (role, text, start, end), in text order."""
    v = evidence.c
    out: dict[int, list[dict[str, Any]]] = {}
    if reports:
        q = sa.select(v.event_id, v.role, v.text, v.start, v.end).where(
            v.event_id.in_([r["id"] for r in reports]), v.role.in_(FIELD_ROLES)).order_by(v.event_id, v.start, v.id)
        for eid, role, text, start, end in conn.execute(q):
            out.setdefault(eid, []).append({"role": role, "text": text, "start": start, "end": end})
    for r in reports:
        r["fields"] = out.get(r["id"], [])


def explain(conn: sa.Connection, canonical_id: int) -> dict[str, Any]:
    """A canonical event, each report that tells it and why they were merged (JSON-ready).

    Keys: canonical (its fields), fatalities (low/best/high and the rule), reports
    (each with its own date, place, numbers, outlet, url, evidence), links (score,
    reasons, undone), blocks (pairs an analyst split).
    """
    row = (
        conn.execute(sa.select(canonical_events).where(canonical_events.c.id == canonical_id))
        .mappings()
        .first()
    )
    if row is None:
        raise StoreError(
            f"no canonical event with id {canonical_id}",
            source=f"event {canonical_id}",
            fix="list events with `marsad events`",
        )
    e, d = events.c, documents.c
    q = (
        sa.select(
            e.id,
            e.event_uid,
            e.origin,
            *(e[c] for c in EVENT_COLUMNS),
            e.evidence_text,
            d.doc_id,
            d.outlet,
            d.url,
            d.title,
            d.published,
        )
        .select_from(_WITH_OUTLET)
        .where(e.canonical_id == canonical_id)
        .order_by(e.id)
    )
    reports = [{k: _jsonable(v) for k, v in r.items()} for r in conn.execute(q).mappings()]
    ids = [r["id"] for r in reports]
    _add_field_words(conn, reports)
    ml = merge_links.c
    links = [
        {
            "event_id": m.event_id,
            "matched_event_id": m.matched_event_id,
            "score": m.score,
            "reasons": json.loads(m.reasons or "[]"),
            "decided_at": _jsonable(m.decided_at),
            "undone": bool(m.undone),
        }
        for m in conn.execute(
            sa.select(merge_links)
            .where(sa.or_(ml.canonical_id == canonical_id, ml.event_id.in_(ids or [-1])))
            .order_by(ml.id)
        )
    ]
    blocks = (
        sorted(
            {(a, b) for i, bs in _blocked_with(conn, ids).items() for a, b in (sorted((i, x)) for x in bs)}
        )
        if ids
        else []
    )
    canonical = {k: _jsonable(v) for k, v in row.items()}
    return {
        "canonical": canonical,
        "fatalities": {
            "low": row["fatalities_low"],
            "best": row["fatalities"],
            "high": row["fatalities_high"],
            "rule": "low/high: smallest/largest figure any report gives; best: their median "
            "(lower middle value if even); reports giving no figure are not counted",
        },
        "reports": reports,
        "links": links,
        "blocks": [{"event_a": a, "event_b": b} for a, b in blocks],
    }
