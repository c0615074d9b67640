"""Split undoes a merge for good; explain says why; rules and fields."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest
import sqlalchemy as sa

from marsad.errors import ConfigError, StoreError
from marsad.merge import (
    MergeRules,
    Report,
    canonical_fields,
    explain,
    merge_new,
    names_alike,
    score_pair,
    split,
)
from marsad.store.schema import canonical_events, events, merge_blocks, merge_links
from marsad.store.stored import stored_report
from tests.merge.conftest import canonical_of, ingest, make_store
from tests.merge.pairs import PAIRS, Doc

SUKHNAH = next(p for p in PAIRS if p.name == "sukhnah-ambush")

THIRD = Doc("p1c", "Homs Network", date(2024, 3, 12),
            "Regime soldiers were killed today in an ambush on their bus near Al-Sukhnah; the toll "
            "reached seven.",
            [{"type": "Battles", "sub": "Armed clash", "actor1": "ISIS", "actor2": "Military Forces of Syria",
                  "place": "Al-Sukhnah", "fatalities": 7,
                  "quote": "Regime soldiers were killed today in an ambush on their bus near Al-Sukhnah"}])


def _report_id(store, uid: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(events.c.id).where(events.c.event_uid == uid)).scalar_one()


def test_three_sources_fatalities_low_best_high(store):
    for d in (SUKHNAH.a, SUKHNAH.b, THIRD):
        ingest(store, d)
    cid = canonical_of(store, "p1a:0")
    assert canonical_of(store, "p1c:0") == cid
    with store.engine.connect() as conn:
        c = explain(conn, cid)["canonical"]
    assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (5, 7, 9)   # median of 5, 7, 9
    assert c["n_sources"] == 3
    assert c["source"] == "SANA; Syrian Observatory; Homs Network"


def test_split_stays_undone(any_store):
    store = any_store
    ingest(store, SUKHNAH.a)
    ingest(store, SUKHNAH.b)
    cid = canonical_of(store, "p1a:0")
    b_id = _report_id(store, "p1b:0")
    with store.begin() as conn:
        new = split(conn, b_id)
    assert new != cid
    assert canonical_of(store, "p1b:0") == new and canonical_of(store, "p1a:0") == cid
    with store.engine.connect() as conn:
        info = explain(conn, cid)
        assert [r["event_uid"] for r in info["reports"]] == ["p1a:0"]
        assert info["canonical"]["fatalities"] == 5 and info["canonical"]["n_sources"] == 1
        assert all(link["undone"] for link in explain(conn, new)["links"])
        assert conn.execute(sa.select(sa.func.count()).select_from(merge_blocks)).scalar_one() == 1
    # merging the split report again changes nothing...
    with store.begin() as conn:
        (d,) = merge_new(conn, [b_id])
    assert not d.merged and any("split" in r for r in d.reasons)
    # ...nor does a third source that matches both equally: ambiguous, it joins neither
    (d,) = ingest(store, THIRD)
    assert canonical_of(store, "p1a:0") != canonical_of(store, "p1b:0")
    assert not d.merged and d.reasons[0].startswith("ambiguous")
    # splitting a report that is alone is a no-op
    with store.begin() as conn:
        assert split(conn, _report_id(store, "p1b:0")) == canonical_of(store, "p1b:0")


def test_split_the_first_report_keeps_the_canonical_id_for_the_rest(store):
    for d in (SUKHNAH.a, SUKHNAH.b, THIRD):
        ingest(store, d)
    cid = canonical_of(store, "p1a:0")
    with store.begin() as conn:
        new = split(conn, _report_id(store, "p1a:0"))
    assert canonical_of(store, "p1b:0") == canonical_of(store, "p1c:0") == cid
    assert canonical_of(store, "p1a:0") == new
    with store.engine.connect() as conn:
        c = explain(conn, cid)["canonical"]
        assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (7, 7, 9)
        assert c["source"] == "Syrian Observatory; Homs Network"
        blocks = conn.execute(sa.select(merge_blocks.c.event_a, merge_blocks.c.event_b)).all()
    a = _report_id(store, "p1a:0")
    assert sorted(blocks) == sorted([(a, _report_id(store, "p1b:0")), (a, _report_id(store, "p1c:0"))])


def test_split_unknown_report_names_the_fix(store):
    with store.begin() as conn, pytest.raises(StoreError, match="no report with id 999"):
        split(conn, 999)
    with store.engine.connect() as conn, pytest.raises(StoreError, match="marsad events"):
        explain(conn, 999)


def test_merge_new_is_idempotent_and_skips_merged_reports(store):
    ingest(store, SUKHNAH.a)
    ingest(store, SUKHNAH.b)
    ids = [_report_id(store, "p1a:0"), _report_id(store, "p1b:0")]
    with store.begin() as conn:
        decisions = merge_new(conn, ids)
        assert [d.merged for d in decisions] == [False, False]
        assert conn.execute(sa.select(sa.func.count()).select_from(merge_links)).scalar_one() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(canonical_events)).scalar_one() == 1


def test_decision_says_why_it_kept_apart(store):
    pair = next(p for p in PAIRS if p.name == "hajin-vs-bahra")
    ingest(store, pair.a)
    (d,) = ingest(store, pair.b)
    assert not d.merged
    assert any("two places" in r and "km apart" in r for r in d.reasons)


def test_one_batch_two_reports_of_one_incident(store):
    """Both sources saved first, merged in one call (the pipeline's batch)."""
    ids = []
    for d in (SUKHNAH.a, SUKHNAH.b):
        art, evs = d.build()
        ids += store.save_article(art, evs).event_ids
    with store.begin() as conn:
        decisions = merge_new(conn, ids)
    assert [d.merged for d in decisions] == [True, False]     # the second is already in a shared event
    assert canonical_of(store, "p1a:0") == canonical_of(store, "p1b:0")


def _r(**kw) -> Report:
    base = {"id": 1, "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": date(2024, 1, 1),
                "location": "Hajin", "latitude": 34.69, "longitude": 40.83, "geo_precision": 1, "country": "Syria",
                "admin1": "Deir ez-Zor", "actor1": "ISIS", "actor2": "SDF"}
    base.update(kw)
    return Report(**base)


def test_score_pair_vetoes_and_scores():
    rules = MergeRules.load()
    assert score_pair(_r(), _r(id=2), rules).score == pytest.approx(0.925)    # no figures: 0.5 of 0.15
    assert "days apart" in score_pair(_r(), _r(id=2, event_date=date(2024, 1, 3))).veto
    # month precision widens the window to 31 days
    assert score_pair(_r(), _r(id=2, event_date=date(2024, 1, 25), time_precision=3)).veto is None
    assert "countries" in score_pair(_r(), _r(id=2, country="Iraq")).veto
    assert score_pair(_r(), _r(id=2, event_type="Riots")).veto.startswith("types cannot")
    # generic actors neither match nor clash
    generic = score_pair(_r(actor1="Unidentified Armed Group", actor2=""), _r(id=2))
    assert "actors not named by both" in generic.reasons
    # no place: never merged across articles, but fine within one article
    assert score_pair(_r(location="", latitude=None, longitude=None), _r(id=2)).veto == "no place to compare"
    same_doc = score_pair(_r(location="", latitude=None, longitude=None, document_id=7), _r(id=2, document_id=7))
    assert same_doc.veto is None and same_doc.score > rules.threshold
    assert "kept apart" in score_pair(_r(document_id=7), _r(id=2, document_id=7, event_type="Explosions/Remote "
                                                                                        "violence")).veto


def test_names_alike():
    assert names_alike("Deir ez-Zor", "Deir al-Zor")
    assert names_alike("Kafr Nabl", "Kafranbel")
    assert names_alike("Al-Tarmiyah", "al-Tarmiya")
    assert not names_alike("Hajin", "Al-Bahra")
    assert not names_alike("Jasim", "Tafas")


def test_canonical_fields_rules():
    rows = []
    for i, (f, tp, d, gp, loc) in enumerate([(0, 2, date(2024, 1, 1), 3, "Deir ez-Zor"),
                                             (4, 1, date(2024, 1, 3), 2, "Hajin"),
                                             (10, 1, date(2024, 1, 2), 1, "Hajin"),
                                             (6, 1, date(2024, 1, 2), 1, "Hajeen")], start=1):
        r = {c: None for c in ("iso", "latitude", "longitude", "gazetteer_id", "injuries")}
        r.update(id=i, fatalities=f, time_precision=tp, event_date=d, geo_precision=gp, location=loc,
                 event_type="Battles", sub_event_type="Armed clash", actor1="Unidentified Armed Group" if i == 1
                 else "ISIS", actor2="SDF", assoc_actor_1="", assoc_actor_2="", country="Syria",
                 country_code="SY", admin1="Deir ez-Zor", admin2="", source=f"outlet {i % 3}", notes="",
                 document_id=i)
        rows.append(stored_report(r))
    c = canonical_fields(rows)
    assert (c["event_date"], c["time_precision"]) == (date(2024, 1, 2), 1)   # earliest among day-precise
    assert (c["date_low"], c["date_high"]) == (date(2024, 1, 1), date(2024, 1, 3))
    assert (c["location"], c["geo_precision"]) == ("Hajin", 1)               # most precise, then most told
    assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (4, 6, 10)   # 0 = not given
    assert c["actor1"] == "ISIS" and c["actor2"] == "SDF"
    assert c["source"] == "outlet 1; outlet 2; outlet 0" and c["n_sources"] == 4


def test_rules_file_overrides_key_by_key(tmp_path):
    f = tmp_path / "rules.toml"
    f.write_text("threshold = 0.9\n[distance_km]\n1 = 5\n")
    rules = MergeRules.load(f)
    assert rules.threshold == 0.9 and rules.distance_km == {1: 5.0, 2: 25.0}
    assert rules.window(3) == 31
    f.write_text("threshold = [")
    with pytest.raises(ConfigError, match="rules.toml"):
        MergeRules.load(f)
    with store_rules_applied(tmp_path) as (store, rules):
        pair = next(p for p in PAIRS if p.name == "jasim-mukhtar")      # scores 0.77
        ingest_with(store, pair.a, rules)
        (d,) = ingest_with(store, pair.b, rules)
        assert not d.merged and "< 0.90" in d.reasons[0]



@contextmanager
def store_rules_applied(tmp_path):
    f = tmp_path / "strict.toml"
    f.write_text("threshold = 0.9\n")
    s = make_store(f"sqlite:///{tmp_path / 'strict.db'}")
    try:
        yield s, MergeRules.load(f)
    finally:
        s.close()


def ingest_with(store, doc, rules):
    art, evs = doc.build()
    res = store.save_article(art, evs)
    with store.begin() as conn:
        return merge_new(conn, res.event_ids, rules=rules)


def test_imported_rows_merge_with_articles_and_reports_without_a_canonical_event(store):
    """An ACLED-imported row (no document) and a report stored without a canonical event."""
    from datetime import UTC, datetime
    ingest(store, SUKHNAH.a)
    now = datetime.now(UTC)
    with store.begin() as conn:
        rid = conn.execute(sa.insert(events).returning(events.c.id), {
            "event_uid": "acled:SYR1", "origin": "acled-import", "canonical_id": None,
            "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": date(2024, 3, 12),
            "actor1": "ISIS", "actor2": "Military Forces of Syria", "country": "Syria", "admin1": "Homs",
            "location": "Al Sukhnah", "latitude": 34.886, "longitude": 38.87, "geo_precision": 1,
            "fatalities": 8, "source": "SOHR; SANA", "created_at": now}).scalar_one()
        (d,) = merge_new(conn, [rid])
    assert d.merged and d.canonical_id == canonical_of(store, "p1a:0")
    with store.engine.connect() as conn:
        c = explain(conn, d.canonical_id)["canonical"]
        n_canon = conn.execute(sa.select(sa.func.count()).select_from(canonical_events)).scalar_one()
    assert n_canon == 1                                       # no orphan canonical event left
    assert c["n_sources"] == 2 and c["source"] == "SANA; SOHR"
    assert (c["fatalities_low"], c["fatalities"], c["fatalities_high"]) == (5, 5, 8)


def test_reports_without_date_or_place_stay_apart(store):
    undated = Doc("u1", "Outlet", date(2024, 3, 12), "Fighting was reported near Al-Sukhnah.",
                  [{"type": "Battles", "sub": "Armed clash", "actor1": "ISIS", "place": "Al-Sukhnah", "date": None,
                        "quote": "Fighting was reported near Al-Sukhnah"}])
    ingest(store, SUKHNAH.a)
    (d,) = ingest(store, undated)
    assert not d.merged and d.reasons == ["no candidate"]


def test_merge_rules_from_the_environment(tmp_path, monkeypatch):
    import marsad.similarity as m
    f = tmp_path / "r.toml"
    f.write_text("threshold = 0.99\n")
    monkeypatch.setenv("MARSAD_MERGE_RULES", str(f))
    monkeypatch.setattr(m, "_DEFAULT_RULES", None)
    assert m.default_rules().threshold == 0.99
    monkeypatch.setattr(m, "_DEFAULT_RULES", None)
