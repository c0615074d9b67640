"""Lookups in the built-in gazetteer, and the admin1 data file checked against GeoNames."""
import csv
from importlib import resources

import pytest

from marsad.geo.gazetteer import km
from marsad.geo.normalize import fold


def test_lookup_variants_find_the_same_city(gaz):
    ids = {gaz.lookup(n, country="SY", limit=3)[0].gazetteer_id for n in ("Deir Ezzor", "Dayr az-Zawr", "Deir al-Zour")}
    assert len(ids) == 1


def test_lookup_says_why(gaz):
    c = next(c for c in gaz.lookup("Kamishli") if c.country_code == "SY")
    assert "kamishli" in c.why and c.feature == "city" and c.admin1 == "Al-Hasakeh"


def test_country_argument_ranks_namesakes(gaz):
    assert gaz.lookup("Tripoli", country="LB")[0].country_code == "LB"
    assert gaz.lookup("Tripoli", country="LY")[0].country_code == "LY"


def test_unknown_name_and_fuzzy(gaz):
    assert gaz.lookup("Qwxzv") == []
    assert gaz.lookup("Manbejj", country="SY", fuzzy=True)[0].name == "Manbij"


def test_country_and_admin1_entries(gaz):
    sy = next(c for c in gaz.lookup("Syria") if c.feature == "country")
    assert km(sy.latitude, sy.longitude, 33.51, 36.29) < 10             # at the capital
    a = next(c for c in gaz.lookup("Salahuddin") if c.feature == "admin1")
    assert a.name == "Salah al-Din" and a.country_code == "IQ"
    assert gaz.countries["SY"].iso == 760


def _admin1_rows():
    path = resources.files("marsad") / "data" / "admin1.csv"
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_admin1_codes_match_geonames_cities(gaz):
    """Each row's code is the admin1code of its capital city in GeoNames."""
    idx = gaz.cities
    for r in _admin1_rows():
        rows = [x for x in idx.rows(fold(r["capital"])) if idx.cc[x] == r["country_code"]]
        assert any(idx.admin1[x] == r["code"] for x in rows), r


@pytest.mark.parametrize("city,cc,admin1", [
    ("Tikrit", "IQ", "Salah al-Din"), ("Baqubah", "IQ", "Diyala"), ("Mosul", "IQ", "Ninewa"),
    ("Al Qamishli", "SY", "Al-Hasakeh"), ("Manbij", "SY", "Aleppo"), ("Duma", "SY", "Rural Damascus"),
    ("Maiduguri", "NG", "Borno"), ("Kandahar", "AF", "Kandahar"), ("Goma", "CD", "Nord-Kivu"),
])
def test_cities_carry_acled_admin1_names(gaz, city, cc, admin1):
    c = gaz.lookup(city, country=cc)[0]
    assert (c.country_code, c.admin1) == (cc, admin1)


def test_every_syrian_and_iraqi_governorate_is_covered(gaz):
    for cc, n in (("SY", 14), ("IQ", 19)):
        codes = {r["code"] for r in _admin1_rows() if r["country_code"] == cc}
        assert len(codes) == n
        used = {gaz.cities.admin1[r] for k in gaz.cities.keys_of_country(cc) for r in gaz.cities.rows(k)
                if gaz.cities.cc[r] == cc}
        assert used <= codes, used - codes
