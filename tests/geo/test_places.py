"""The built-in village-level places: the build script, the cached index, the shipped file.

The fixtures are a few rows written for these tests in the two formats (Who's On
First's export as ../shared/staging/places has it, and marsad's compact file)."""
from __future__ import annotations

import gzip
import importlib.util
import lzma
from pathlib import Path

import pytest

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.normalize import fold
from marsad.geo.places import PlaceIndex, places_file

ROOT = Path(__file__).resolve().parents[2]
HEAD = ("cc\tplacetype\twof_id\tgeonameid\tfeature_code\tname\tlat\tlon\tpopulation\tadmin1\tadmin2\t"
        "gn_admin1_code\tis_current\tdeprecated\talt_names")
WOF_ROWS = [
    # a village with Arabic and Latin alternates
    ("SY\tlocality\t1\t900001\tPPL\tKhirbat Zaytun\t35.10001\t40.20002\t0\tDeir ez-Zor\tAl Mayadin\t7.0\t-1\t\t"
     "خربة زيتون|Khirbet Zeitoun|Kherbet Zaitoun|Tokyo"),
    # the same GeoNames place twice: the deprecated record's names join the current one's
    "SY\tlocality\t2\t900002\tPPL\tTall Hamis\t36.7\t41.1\t0\tAl-Hasakeh\tQamishli\t1.0\t0\t2018-01-01\tTal Hamees",
    "SY\tlocality\t3\t900002\tPPL\tTall Hamis\t36.7\t41.1\t1200\tAl-Hasakeh\tQamishli\t1.0\t1\t\tTel Hamis",
    # abandoned: left out
    "SY\tlocality\t4\t900003\tPPLQ\tKhirbat Qadimah\t35.2\t40.3\t0\tDeir ez-Zor\t\t7.0\t0\t\t",
    # a preferred name in Arabic script takes its first Latin alternate
    "IQ\tlocality\t5\t900004\tPPL\tالبو حمدان\t34.1\t43.9\t0\tSalah ad Din\tSamarra\t18.0\t-1\t\tAl Bu Hamdan",
    # a district with no GeoNames id
    "ML\tcounty\t6\t\t\tTominian\t13.2\t-4.4\t0\tSegou\t\t\t1\t\tCercle de Tominian",
]


def _build_script():
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "scripts" / "build_places.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def built(tmp_path: Path) -> Path:
    src = tmp_path / "places.tsv.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write(HEAD + "\n" + "\n".join(WOF_ROWS) + "\n")
    out = tmp_path / "places.tsv.xz"
    assert _build_script().main([str(src), "-o", str(out)]) == 0
    return out


def _rows(path: Path) -> dict[str, list[str]]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        lines = [ln.rstrip("\n").split("\t") for ln in f if not ln.startswith("#")]
    head = lines[0]
    return {r[head.index("name")]: r for r in lines[1:]}


def test_build_keeps_current_places_with_latin_names(built: Path) -> None:
    rows = _rows(built)
    assert set(rows) == {"Khirbat Zaytun", "Tall Hamis", "Al Bu Hamdan", "Tominian"}
    alts = rows["Khirbat Zaytun"][9].split("|")
    assert "Khirbet Zeitoun" in alts and "خربة زيتون" not in alts
    assert "Tokyo" not in alts                      # an alternate that spells another name
    hamis = rows["Tall Hamis"]
    assert hamis[5] == "1200" and set(hamis[9].split("|")) == {"Tal Hamees", "Tel Hamis"}
    assert rows["Khirbat Zaytun"][6] == "07"          # GeoNames admin1 code, zero-padded
    assert rows["Tominian"][0] == "w6" and rows["Tominian"][2] == "A2"


def test_a_missing_source_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build_script().main([str(tmp_path / "nope.tsv.gz"), "-o", str(tmp_path / "x.xz")]) == 1
    assert "nope.tsv.gz does not exist" in capsys.readouterr().err


def test_index_built_once_then_opened_from_the_cache(built: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    idx = PlaceIndex.load(built)
    assert "building the places index" in capsys.readouterr().err      # a cold run says what it does
    (r,) = idx.rows(fold("Kherbet Zaitoun"))
    assert (idx.name(r), idx.cc(r), idx.admin1(r), idx.admin2(r)) == ("Khirbat Zaytun", "SY", "07", "Al Mayadin")
    assert idx.gid(r) == "geonames:900001" and abs(idx.lat(r) - 35.1) < 1e-3
    assert idx.rows(fold("Tokyo")) == () and idx.rows(fold("Nowhere")) == ()
    # look-alike search: towns by spelling, every place by consonant skeleton
    assert idx.keys_of_country("SY") == [fold("Tel Hamis")]
    from marsad.geo.normalize import skeleton
    assert fold("Kherbet Zaitoun") in idx.same_skeleton("SY", skeleton(fold("Khirbat Zeitun")))
    again = PlaceIndex.load(built)
    assert capsys.readouterr().err == ""                                 # warm: no rebuild
    assert again.rows(fold("Tel Hamis")) == idx.rows(fold("Tel Hamis")) != ()
    built.touch()                                                        # a new file: rebuilt
    PlaceIndex.load(built)
    assert "building" in capsys.readouterr().err


def test_the_shipped_file_is_small_and_attributed() -> None:
    path = places_file()
    assert path.exists() and path.stat().st_size < 15_000_000
    with lzma.open(path, "rt", encoding="utf-8") as f:
        first = f.readline()
    assert "GeoNames" in first and "Who's On First" in first
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "Who's On First" in notice and "CC BY 4.0" in notice


def test_gazetteer_candidates_carry_admin2_and_their_source(gaz: Gazetteer) -> None:
    (c,) = [c for c in gaz.lookup("Aitaroun") if c.country_code == "LB"]
    assert c.source == "places" and c.admin2 == "Bent Jbeil" and c.admin1
    city = gaz.lookup("Aleppo", country="SY")[0]
    # a city cities500 also has keeps its English name and point, and gains its district
    assert city.name == "Aleppo" and city.source == "cities500" and city.admin2
    assert gaz.known(fold("Aitaroun")) and not gaz.known(fold("Qwzxv"))


def test_a_namesake_near_the_places_named_before_wins(geo) -> None:
    # Salma is a village in Lattakia, Idlib and Hasakah: the one near Kinsabba, named first
    text = "Syrian regime forces shelled Kinsabba on Monday. Later, jets struck Salma, killing two."
    ctx = geo.context(text)
    cut = text.index("Later")
    first = geo.places_in(text, 0, cut, ctx)
    (salma,) = geo.places_in(text, cut, len(text), ctx)
    assert [p.admin1 for p in first] == ["Lattakia"]
    assert salma.admin1 == "Lattakia" and "km from a place named before" in salma.why


def test_a_users_namesake_in_another_governorate_does_not_win(gaz: Gazetteer) -> None:
    from marsad.geo.resolve import Geocoder
    g = Gazetteer.load(cities=gaz.cities, places=gaz.places)
    g.add_user_place({"id": 1, "name": "Madaya", "latitude": 35.47, "longitude": 36.58,
                      "country_code": "SY", "admin1": "Idleb"})
    geo = Geocoder(g)
    text = "Regime shells hit Madaya in Rural Damascus on Monday."
    (p, _) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p.admin1 == "Rural Damascus", p.why
    text = "Regime shells hit Madaya in Idlib on Monday."
    (p, _) = geo.places_in(text, 0, len(text), geo.context(text))
    assert p.admin1 == "Idleb" and p.gazetteer_id.startswith("user:"), p.why
