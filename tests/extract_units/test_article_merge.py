"""Merging one incident told twice in an article, on records built by hand; its limits are
merge_rules.toml's [within_article] table, which an analyst's file overrides key by key."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.extract.article_merge import WithinRules, merge_within_article, one_per_location, within_rules
from marsad.records import Candidate, Event, Evidence, Place


def _cand(start: int, lat: float, lon: float, *, role: str = "trigger", dead: int | None = None,
          day: int = 6, actor1: str = "ISIS", words: str = "") -> Candidate:
    place = Place(location=f"P{lat}", latitude=lat, longitude=lon, geo_precision=1, country="Syria", start=start,
                  end=start + 3)
    e = Event(doc_id="d", event_type="Battles", sub_event_type="Armed clash", event_date=date(2024, 5, day),
              actor1=actor1, place=place, fatalities=dead, evidence=[Evidence("s", start, start + 50, role)])
    fields = {"fatalities": [Evidence(words, start + 10, start + 10 + len(words), "fatalities")]} if dead else {}
    return Candidate(e, fields, {actor1: Evidence(actor1, start, start + len(actor1), "actor")})


def test_limits_come_from_the_rules_file(tmp_path: Path) -> None:
    assert within_rules() == WithinRules()             # the packaged table holds the defaults
    user = tmp_path / "rules.toml"
    user.write_text("[within_article]\nsame_place_km = 12\n", encoding="utf-8")
    mine = within_rules(str(user))
    assert mine.same_place_km == 12.0 and mine.near_km == WithinRules().near_km
    # two incidents ~5.5 km apart, told in their own sentences: two by default, one within 12 km
    a, b = _cand(0, 35.00, 40.00), _cand(100, 35.05, 40.00)
    assert len(merge_within_article([a, b])) == 2
    assert len(merge_within_article([_cand(0, 35.00, 40.00), _cand(100, 35.05, 40.00)], mine)) == 1


def test_a_bad_rules_file_names_itself_and_the_fix(tmp_path: Path) -> None:
    user = tmp_path / "rules.toml"
    user.write_text("[within_article]\nsame_place_km = 'near'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        within_rules(str(user))
    assert str(user) in str(err.value) and "merge_rules.toml" in str(err.value)


def test_the_headline_takes_the_body_toll_with_its_words() -> None:
    head = _cand(0, 35.0, 40.0, role="title", dead=5, words="Five killed")
    body = _cand(60, 35.0, 40.0, dead=7, words="killing seven")
    (one,) = merge_within_article([head, body])
    assert one.event.fatalities == 7 and [w.text for w in one.fields["fatalities"]] == ["killing seven"]
    assert [v.role for v in one.event.evidence] == ["trigger", "title"]      # the body's sentence first


def test_a_copy_per_place_drops_the_toll_and_its_words() -> None:
    c = _cand(0, 35.0, 40.0, dead=3, words="three dead")
    c.also_at = [Place(location="Q", latitude=36.0, longitude=41.0, geo_precision=1, start=20, end=21)]
    first, copy = one_per_location([c])
    assert copy.event.place is not None and copy.event.place.location == "Q"
    assert copy.event.fatalities is None and "fatalities" not in copy.fields and first.fields["fatalities"]
