"""The compact GeoNames index: built from a small cities JSON written here."""
import json
import pickle

import pytest

from marsad.geo.index import CityIndex
from marsad.geo.normalize import fold

CITIES = {
    "1": {"geonameid": 1, "name": "Dayr az Zawr", "latitude": 35.33, "longitude": 40.14, "countrycode": "SY",
          "population": 240000, "timezone": "Asia/Damascus", "admin1code": "07",
          "alternatenames": ["Deir ez-Zor", "DEZ", "دير الزور", "Deir Ezzor"]},
    "2": {"geonameid": 2, "name": "Tripoli", "latitude": 34.43, "longitude": 35.84, "countrycode": "LB",
          "population": 229000, "timezone": "Asia/Beirut", "admin1code": "09", "alternatenames": []},
    "3": {"geonameid": 3, "name": "Tripoli", "latitude": 32.89, "longitude": 13.19, "countrycode": "LY",
          "population": 1300000, "timezone": "Africa/Tripoli", "admin1code": "77",
          "alternatenames": ["Tarabulus", "Trablous"]},
    "4": {"geonameid": 4, "name": "Ibb", "latitude": 13.97, "longitude": 44.18, "countrycode": "YE",
          "population": 234000, "timezone": "Asia/Aden", "admin1code": "23", "alternatenames": ["Ib 2"]},
}


@pytest.fixture
def cities_file(tmp_path):
    p = tmp_path / "cities.json"
    p.write_text(json.dumps(CITIES), encoding="utf-8")
    return p


@pytest.mark.parametrize("workers", [1, 2])
def test_build_keys_rows_and_countries(cities_file, workers):
    idx = CityIndex.build(cities_file, "test", workers=workers)
    assert len(idx) == 4
    assert [idx.name[r] for r in idx.rows(fold("Deir ez-Zor"))] == ["Dayr az Zawr"]
    assert sorted(idx.cc[r] for r in idx.rows(fold("Tripoli"))) == ["LB", "LY"]
    assert [idx.name[r] for r in idx.rows(fold("Ibb"))] == ["Ibb"]           # short main names are kept
    assert idx.rows(fold("DEZ")) == ()                                       # codes are not names
    assert idx.rows(fold("Tarabulus")) and idx.rows(fold("Nowhere")) == ()
    assert fold("Deir Ezzor") in idx.keys_of_country("SY")


def test_pickle_round_trip_keeps_everything(cities_file):
    idx = CityIndex.build(cities_file, "test", workers=1)
    back = pickle.loads(pickle.dumps(idx))
    assert back.rows(fold("Tripoli")) == idx.rows(fold("Tripoli"))
    assert back.name == idx.name and back.cc == idx.cc and back.admin1 == idx.admin1
    assert list(back.pop) == list(idx.pop) and back.keys_of_country("LY") == idx.keys_of_country("LY")


def test_cache_is_written_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = CityIndex.build.__func__

    def small_build(cls, path=None, version="", workers=None):
        calls.append(path)
        return real(cls, tmp_path / "cities.json", version, workers=1)

    (tmp_path / "cities.json").write_text(json.dumps(CITIES), encoding="utf-8")
    monkeypatch.setattr(CityIndex, "build", classmethod(small_build))
    first = CityIndex.load()
    assert len(calls) == 1 and list((tmp_path / "cache").glob("cities500-*.pickle"))
    second = CityIndex.load()
    assert len(calls) == 1 and second.rows(fold("Tripoli")) == first.rows(fold("Tripoli"))


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cities.json").write_text(json.dumps(CITIES), encoding="utf-8")
    real = CityIndex.build.__func__
    monkeypatch.setattr(CityIndex, "build", classmethod(
        lambda cls, path=None, version="", workers=None: real(cls, tmp_path / "cities.json", version, workers=1)))
    CityIndex.load()
    (cache,) = (tmp_path / "cache").glob("cities500-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert CityIndex.load().rows(fold("Ibb"))
