"""The golden scorer follows the development scorer's matching rules."""
from __future__ import annotations

from tests.golden.scoring import actor_hit, describe, field_accuracy, match_case, norm, totals


def gold(i, lat=35.0, lon=40.0, tol=25, date=("2020-05-17", "2020-05-17"), optional=False, **fields):
    g = {"id": f"e{i}", "optional": optional, "date": list(date) if date else None,
         "lat": lat, "lon": lon, "tol_km": tol, "location": f"place{i}"}
    g.update(fields)
    return g


def pred(lat=35.0, lon=40.0, date="2020-05-17", **fields):
    return {"event_date": date, "latitude": lat, "longitude": lon, **fields}


def test_date_slack_is_two_days_either_side():
    g = [gold(1)]
    assert len(match_case("d", g, [pred(date="2020-05-19")]).matched) == 1
    assert len(match_case("d", g, [pred(date="2020-05-15")]).matched) == 1
    r = match_case("d", g, [pred(date="2020-05-20")])
    assert r.missed == g and len(r.spurious) == 1


def test_null_window_accepts_any_date_but_a_point_is_required():
    g = [gold(1, date=None)]
    assert len(match_case("d", g, [pred(date="")]).matched) == 1
    assert match_case("d", g, [pred(lat="", lon="")]).missed == g


def test_tolerance_is_in_kilometres():
    g = [gold(1, tol=10)]
    assert len(match_case("d", g, [pred(lat=35.08)]).matched) == 1     # ~8.9 km
    assert match_case("d", g, [pred(lat=35.1)]).missed == g             # ~11.1 km


def test_required_events_are_matched_before_optional_ones_then_nearest():
    g = [gold(1, optional=True), gold(2, lat=35.05)]
    r = match_case("d", g, [pred()])
    assert [m.gold["id"] for m in r.matched] == ["e2"] and not r.optional_matched
    g = [gold(1), gold(2, lat=35.05)]
    r = match_case("d", g, [pred(lat=35.04), pred()])
    assert sorted((m.gold["id"], m.pred["latitude"]) for m in r.matched) == [("e1", 35.0), ("e2", 35.04)]


def test_matched_optional_event_counts_neither_way():
    g = [gold(1), gold(2, lat=36.0, optional=True)]
    r = match_case("d", g, [pred(), pred(lat=36.0)])
    assert totals([r])["tp"] == 1 and not r.spurious and len(r.optional_matched) == 1
    assert match_case("d", g, [pred()]).missed == []


def test_field_hits():
    g = [gold(1, event_type=["Battles"], sub_event_type=["Armed clash"], fatalities=[7, 8],
              actors=[["ISIS", "Daesh"], ["Syrian regime forces", "Fifth Corps"]])]
    p = pred(date="2020-05-18", lat=35.1, event_type="Battles", sub_event_type="Attack", fatalities="8",
             actor1="Daesh militants", actor2="Russian-backed Fifth Corps")
    hits = match_case("d", g, [p]).matched[0].hits
    assert hits == {"within_10km": False, "event_type": True, "sub_event_type": False, "actors": True,
                    "fatalities": True, "date_exact": False}
    assert field_accuracy([match_case("d", g, [p])])["sub_event_type"] == (0, 1)


def test_null_fatalities_accept_zero_or_empty_only():
    g = [gold(1, fatalities=None)]
    assert match_case("d", g, [pred(fatalities="")]).matched[0].hits["fatalities"]
    assert match_case("d", g, [pred(fatalities=0)]).matched[0].hits["fatalities"]
    assert not match_case("d", g, [pred(fatalities=2)]).matched[0].hits["fatalities"]


def test_actor_aliases_match_whole_words_ignoring_case_and_articles():
    assert norm("Al-Hashd al-Shaabi") == "hashd shaabi"
    assert actor_hit(["Islamic State (Syria)"], ["Islamic State"])
    assert actor_hit(["the PMF"], ["pmf"])
    assert not actor_hit(["ISIS"], ["IS"])
    assert not actor_hit(["Unidentified Armed Group"], ["ISIS"])


def test_describe_names_misses_extras_and_evidence():
    g = [gold(1, event_type=["Battles"], note="ISIS attack on Kabajib"), gold(2, lat=36.0)]
    extra = pred(lat=33.0, event_type="Protests", evidence_text="Hundreds protested in the square.")
    ok = pred(event_type="Riots", evidence_text="ISIS attacked positions near Kabajib.")
    text = describe(match_case("doc", g, [ok, extra]))
    assert "MISSED   e2" in text
    assert "SPURIOUS" in text and "Hundreds protested in the square." in text
    assert "WRONG    e1" in text and "'Riots' not in ['Battles']" in text
