"""Golden place mentions (tests/geo/golden_places.py): point, tolerance and precision."""
import pytest

from marsad.geo.gazetteer import km
from tests.geo.golden_places import CASES


def _covering(places, text, mention):
    at = text.find(mention)
    assert at >= 0, f"{mention!r} not in {text!r}"
    return [p for p in places if p.start is not None and p.start <= at < p.end]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_golden(geo, text, expected):
    places = geo.places_in(text, 0, len(text), geo.context(text))
    for mention, lat, lon, tol, prec in expected:
        hits = _covering(places, text, mention)
        if lat is None:
            assert not hits, f"{mention!r} must not be a place: {hits}"
            continue
        assert hits, f"{mention!r} not found; got {[(p.mention, p.location) for p in places]}"
        p = hits[0]
        assert km(p.latitude, p.longitude, lat, lon) <= tol, (p.location, p.latitude, p.longitude, p.why)
        assert p.geo_precision == prec, (p.location, p.geo_precision, p.why)


def test_enough_golden_cases():
    assert sum(1 for _, exp in CASES for e in exp if e[1] is not None) >= 40


def test_place_fields_are_acled_style(geo):
    text = "Shelling hit Tikrit."
    (p,) = geo.places_in(text, 0, len(text), geo.context(text))
    assert (p.country, p.iso, p.country_code, p.admin1) == ("Iraq", 368, "IQ", "Salah al-Din")
    assert p.gazetteer_id.startswith("geonames:") and text[p.start:p.end] == p.mention == "Tikrit"


def test_offsets_index_the_whole_text(geo):
    text = "Intro sentence about nothing. Then clashes in Homs and Hama."
    start = text.index("Then")
    places = geo.places_in(text, start, len(text), geo.context(text))
    assert [text[p.start:p.end] for p in places] == ["Homs", "Hama"]
    assert geo.places_in(text, 0, start, geo.context(text)) == []


def test_between_gives_one_place_at_the_midpoint(geo):
    text = "Clashes between Homs and Hama."
    (p,) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p.location == "Homs" and p.geo_precision == 2 and p.why.startswith("between Homs and Hama")
    assert p.mention == "Homs and Hama"


def test_unknown_village_without_enclosing_place_takes_the_governorate(geo):
    text = "In Deir ez-Zor governorate, ISIS attacked Kharbat Zubayda village. Two men died."
    places = geo.places_in(text, text.index("ISIS"), len(text), geo.context(text))
    (p,) = [p for p in places if p.location == "Kharbat Zubayda"]
    assert p.geo_precision == 3 and p.admin1 == "Deir ez-Zor"


def test_unknown_name_without_cue_is_not_a_place(geo):
    text = "Kharbat Zubayda reported new clashes."
    assert geo.places_in(text, 0, len(text), geo.context(text)) == []


def test_resolve_a_dateline(geo):
    p = geo.resolve("QAMISHLI", geo.context("Kurdish forces said on Monday ..."))
    assert p is not None and p.location.endswith("Qamishli") and p.country_code == "SY"
    assert geo.resolve("Al", geo.context("")) is None


def test_priors_pick_namesakes(geo):
    text = "Shelling hit Madaya on Monday."
    plain = geo.places_in(text, 0, len(text), geo.context(text))
    syria = geo.places_in(text, 0, len(text), geo.context(text, countries=["SY"]))
    assert [p.country_code for p in syria] == ["SY"]
    assert plain == [] or plain[0].country_code != "SY" or plain[0] == syria[0]


def test_entity_hints_admit_lower_case_names(geo):
    text = "clashes were reported in manbij today, Syrian activists said."
    ents = [(text.index("manbij"), text.index("manbij") + 6, "GPE")]
    places = geo.places_in(text, 0, len(text), geo.context(text), ents=ents)
    assert [p.mention for p in places] == ["manbij"]


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "—", "al- el- Al-"])
def test_degenerate_text(geo, text):
    assert geo.places_in(text, 0, len(text), geo.context(text)) == []


def test_outlet_prior_through_the_geocoder(gaz):
    from marsad.geo import Geocoder
    geo = Geocoder(gaz, countries=["SY"])
    text = "Snipers wounded two people in Madaya."
    (p,) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p.country_code == "SY"
