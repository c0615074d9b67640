"""Reprints: a syndicated copy of an article, with a spelling changed and a toll
updated, adds no event; each of its reports joins the original's one to one.

The article is written for this test in the style of a Syrian monitor's day of
attacks: several incidents in one governorate on one day, two of them placed only
"in the Deir Al-Zour countryside", so that report by report the copy's reports
tie between candidates (the ambiguity rule keeps such reports apart)."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from marsad.merge import explain
from marsad.records import Article
from marsad.reprints import align, containment, find_original, shingles
from marsad.similarity import default_rules
from marsad.store.schema import canonical_events, events
from marsad.store.stored import StoredReport, stored_report
from tests.merge.conftest import make_store

ORIGINAL = """Gunmen strike across the Euphrates valley in a day of attacks

DEIR AL-ZOUR, March 9 (Valley Wire) - Islamic State cells carried out several attacks in the Deir Al-Zour \
countryside on Saturday, local sources said.

Gunmen attacked an SDF checkpoint near Al-Shuhayl on Saturday morning, killing two fighters. Hours later, \
ISIS militants ambushed a regime forces convoy on the road near Al-Mayadin, leaving seven dead.

ISIS gunmen also attacked SDF positions in the eastern Deir Al-Zour countryside, killing two fighters. In the \
western Deir Al-Zour countryside, ISIS fighters clashed with SDF members, and two fighters were killed.

In a separate incident, an improvised explosive device struck an SDF vehicle in Hajin, wounding three members.

The SDF said it arrested four suspected ISIS members in Al-Busayrah after the attacks.
"""
REPRINT = (ORIGINAL.replace("Deir Al-Zour", "Deir ez-Zor").replace("DEIR AL-ZOUR", "DEIR EZ-ZOR")
           .replace("leaving seven dead", "leaving eight dead")
           .replace("(Valley Wire)", "(Valley Wire, republished by River Daily)"))
# Another outlet's own account of the same day: shares facts, not text.
OTHER = """Attacks in eastern Syria

March 10 (Plains Courier) - A roadside bomb hit a vehicle of the Syrian Democratic Forces in the town of \
Hajin on Saturday and three of its members were hurt, a spokesman said on Sunday.
"""


def _article(doc_id: str, text: str, day: int, outlet: str) -> Article:
    return Article(doc_id=doc_id, text=text, published=date(2024, 3, day), outlet=outlet,
                   url=f"https://{outlet.replace(' ', '').lower()}.example/{doc_id}")


def test_shingles_and_containment():
    assert containment(shingles(ORIGINAL, 3), shingles(REPRINT, 3)) > 0.8
    assert containment(shingles(ORIGINAL, 3), shingles(OTHER, 3)) < 0.2
    rules = default_rules()
    assert find_original(REPRINT, {1: OTHER, 2: ORIGINAL}, rules) is not None
    assert find_original(REPRINT, {1: OTHER}, rules) is None
    assert containment(frozenset(), shingles(OTHER, 3)) == 0.0


def _row(i: int, text: str, **kw: object) -> StoredReport:
    base = {"id": i, "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": date(2024, 3, 9),
            "time_precision": 1, "country": "Syria", "admin1": "Deir ez-Zor", "location": "Deir ez-Zor",
            "latitude": 35.33, "longitude": 40.14, "geo_precision": 3, "actor1": "ISIS", "actor2": "SDF",
            "fatalities": 2, "document_id": 1 if i < 10 else 2, "evidence_text": text}
    return stored_report({**base, **kw})


def test_align_pairs_by_sentence_one_to_one_and_respects_splits():
    east, west = ("ISIS gunmen attacked SDF positions in the east, killing two fighters.",
                  "In the west, ISIS fighters clashed with SDF members, and two fighters were killed.")
    old = [_row(1, east), _row(2, west)]
    new = [_row(11, west.replace("west", "western countryside")), _row(12, east)]
    pairs = align(new, old, default_rules(), {})
    assert sorted((p.new.id, p.old.id) for p in pairs) == [(11, 2), (12, 1)]
    pairs = align(new, old, default_rules(), {12: {1}})          # an analyst split 12 from 1
    assert (12, 1) not in [(p.new.id, p.old.id) for p in pairs]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory):
    from marsad.extract import Extractor
    from marsad.store.places import read_user_places

    url = f"sqlite:///{tmp_path_factory.mktemp('reprint') / 'gaz.db'}"
    make_store(url).close()
    return Extractor(user_places=read_user_places(url))


def _ingest(extractor, url: str, articles: list[Article]) -> list[dict]:
    from marsad.config import Options
    from marsad.pipeline import Pipeline

    store = make_store(url)
    with Pipeline(Options(db=url), extractor=extractor, store=store) as pipe:
        for a in articles:
            pipe.process(a)
        with store.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(canonical_events)).mappings()]
            for r in rows:
                r["explain"] = explain(conn, r["id"])
                r["docs"] = set(conn.execute(sa.select(events.c.document_id)
                                             .where(events.c.canonical_id == r["id"])).scalars())
    return rows


@pytest.mark.slow
def test_reprint_adds_no_event(extractor, tmp_path):
    alone = _ingest(extractor, f"sqlite:///{tmp_path / 'a.db'}", [_article("vw-1", ORIGINAL, 9, "Valley Wire")])
    both = _ingest(extractor, f"sqlite:///{tmp_path / 'b.db'}",
                   [_article("vw-1", ORIGINAL, 9, "Valley Wire"), _article("rd-7", REPRINT, 10, "River Daily")])
    assert len(alone) >= 4
    assert len(both) == len(alone)
    assert all(len(r["docs"]) == 2 and r["n_sources"] == 2 for r in both)     # each told by both
    convoy = [r for r in both if r["location"] == "Al Mayadin"]
    assert [(r["fatalities_low"], r["fatalities_high"]) for r in convoy] == [(7, 8)]
    reasons = [" ".join(ln["reasons"]) for ln in convoy[0]["explain"]["links"]]
    assert any("reprint of article vw-1" in why for why in reasons)


@pytest.mark.slow
def test_an_other_account_is_no_reprint(extractor, tmp_path):
    rows = _ingest(extractor, f"sqlite:///{tmp_path / 'c.db'}",
                   [_article("vw-1", ORIGINAL, 9, "Valley Wire"), _article("pc-3", OTHER, 10, "Plains Courier")])
    reasons = [" ".join(ln["reasons"]) for r in rows for ln in r["explain"]["links"]]
    assert not any("reprint" in why for why in reasons)


def test_one_line_bulletins_are_never_reprints():
    # a monitor's daily lines share most of their words and tell different incidents
    a = "ISIS gunmen attacked an SDF checkpoint in Thiban, killing two fighters."
    b = "ISIS gunmen attacked an SDF checkpoint in Diban, killing three fighters."
    assert containment(shingles(a, 3), shingles(b, 3)) > 0.5
    assert find_original(b, {1: a}, default_rules()) is None


def test_a_vetoed_pair_never_forms():
    text = "ISIS gunmen attacked SDF positions, killing two fighters."
    old = [_row(1, text)]
    new = [_row(11, text, event_date=date(2024, 3, 20))]          # the same words, days apart
    assert align(new, old, default_rules(), {}) == []
