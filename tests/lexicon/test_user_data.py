"""A user's own data files (marsad --data DIR, MARSAD_DATA) extend marsad's without
editing the package: the README's worked example, run through the real CLI."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import datafiles
from marsad.errors import ConfigError
from marsad.extract.taxonomy import TriggerLexicon
from marsad.similarity import MergeRules

# written for this test: a militia and a village no packaged file knows, and a verb
ARTICLE = {
    "doc_id": "wadi-1", "published": "2024-03-12",
    "text": ("Fighters of Ansar al-Wadi attacked a checkpoint of regime forces in the village of "
             "Kafr Sabil in Idlib province on Monday and liquidated four soldiers, a war monitor said."),
}
USER_FILES = {
    "actors.csv": "name,kind,country,aliases\nAnsar al-Wadi Brigade,militia,SY,Ansar al-Wadi|AWB\n",
    "geo_aliases.csv": "alias,place,country_code,latitude,longitude\nKafr Sabil,Kafr Sabil,SY,35.912,36.631\n",
    "word_classes.csv": 'class,term,note\ncasualty_active,liquidat(e|ed|es|ing),"""liquidated four soldiers"""\n',
}


def _marsad(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != datafiles.ENV} | {"PYTHONWARNINGS": "ignore"} | (env or {})
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, env=full, check=False,
                          capture_output=True, text=True, timeout=600)


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _events(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "a.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


def test_user_files_extend_the_packaged_ones_through_the_cli(tmp_path: Path, article: Path) -> None:
    mine = _write(tmp_path / "mydata", USER_FILES)
    plain = _marsad("extract", "-i", str(article), "-o", "plain.csv", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    (p,) = _events(tmp_path / "plain.csv")
    assert (p["actor1"], p["fatalities"], p["geo_precision"]) == ("", "0", "3")

    for how, args, env in (("--data", ["--data", str(mine)], None), ("MARSAD_DATA", [], {datafiles.ENV: str(mine)})):
        out = f"{how}.csv"
        run = _marsad(*args, "extract", "-i", str(article), "-o", out, cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr
        (e,) = _events(tmp_path / out)
        assert e["actor1"] == "Ansar al-Wadi Brigade", how                   # actors.csv
        assert (e["location"], e["latitude"], e["geo_precision"]) == ("Kafr Sabil", "35.912", "1"), how
        assert e["fatalities"] == "4", how                                   # word_classes.csv


@pytest.mark.parametrize(("name", "text", "says"), [
    ("actors.csv", "Ansar al-Wadi Brigade,militia,SY\n", "actor file needs a header line"),
    ("word_classes.csv", "word,kind\nliquidated,casualty_active\n", "lacks the column(s) class, term"),
    ("geo_aliases.csv", "alias,place,country_code,latitude,longitude\nKafr Sabil,Kafr Sabil,SY,north,36.6\n",
     "row 1: latitude 'north' is not a number"),
    ("triggers.csv", "category,strength,pattern\nclash,high,skirmish(ed)?\n", "line 2: invalid literal"),
])
def test_a_malformed_user_file_is_one_line_naming_it_and_the_fix(tmp_path: Path, article: Path, name: str,
                                                                  text: str, says: str) -> None:
    mine = _write(tmp_path / "mydata", {name: text})
    run = _marsad("--data", str(mine), "extract", "-i", str(article), "-o", "out.csv", cwd=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"error: {mine / name}: ") and says in errors[0] and " - " in errors[0], errors[0]
    assert not (tmp_path / "out.csv").exists()


def test_data_that_is_no_folder_is_refused(tmp_path: Path, article: Path) -> None:
    run = _marsad("--data", str(tmp_path / "nowhere"), "extract", "-i", str(article), "-o", "o.csv", cwd=tmp_path)
    assert run.returncode != 0 and "nowhere" in run.stderr and "Traceback" not in run.stderr
    run = _marsad("extract", "-i", str(article), "-o", "o.csv", cwd=tmp_path,
                  env={datafiles.ENV: str(tmp_path / "nowhere")})
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "MARSAD_DATA names" in run.stderr and "nowhere" in run.stderr


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(datafiles.ENV, str(tmp_path))
    datafiles.clear_cache()
    yield tmp_path
    monkeypatch.delenv(datafiles.ENV)
    datafiles.clear_cache()


def test_word_class_rows_add_and_remove_terms(user_dir: Path) -> None:
    assert "might" in datafiles.word_class("modal")
    _write(user_dir, {"word_classes.csv": "class,term\nmodal,-might\nmodal,is poised to\nvillage_after,kebele\n"})
    datafiles.clear_cache()
    assert "might" not in datafiles.word_class("modal")
    assert datafiles.word_class("modal")[-1] == "is poised to"
    assert "kebele" in datafiles.word_class("village_after")


def test_a_bad_term_names_the_file(user_dir: Path) -> None:
    _write(user_dir, {"word_classes.csv": "class,term\nmodal,is [poised] to\n"})
    datafiles.clear_cache()
    with pytest.raises(ConfigError, match="word_classes.csv: term 'is \\[poised\\] to'"):
        datafiles.word_classes()


def test_trigger_rows_replace_by_pattern_and_add(user_dir: Path) -> None:
    base = TriggerLexicon.load()
    assert [t.category for t in base.find("fighters skirmished with troops")] == []
    _write(user_dir, {"triggers.csv": "category,strength,pattern\nclash,2,skirmish(?:ed|es)?\n"})
    found = TriggerLexicon.load().find("fighters skirmished with troops")
    assert [(t.category, t.strength) for t in found] == [("clash", 2)]
    _write(user_dir, {"triggers.csv": "category,strength,pattern\nclash,0,skirmish(?:ed|es)?\n"})
    assert TriggerLexicon.load().find("fighters skirmished with troops") == []


def test_merge_rules_are_overridden_key_by_key(user_dir: Path) -> None:
    packaged = MergeRules.load()
    _write(user_dir, {"merge_rules.toml": "threshold = 0.9\n[place]\nsame_place_km = 5.0\n"})
    rules = MergeRules.load()
    assert (rules.threshold, rules.same_place_km) == (0.9, 5.0)
    assert rules.name_similarity == packaged.name_similarity and rules.weights == packaged.weights


def test_geo_alias_rows_replace_by_alias_and_country(user_dir: Path) -> None:
    from marsad.geo.gazetteer import _alias_rows

    packaged = {(r["alias"].lower(), r["country_code"]): r for r in _alias_rows()}
    key = next(iter(packaged))
    _write(user_dir, {"geo_aliases.csv": f"alias,place,country_code\n{key[0].upper()},Somewhere,{key[1]}\n"})
    datafiles.clear_cache()
    rows = _alias_rows()
    assert len(rows) == len(packaged)
    assert [r["place"] for r in rows if (r["alias"].lower(), r["country_code"]) == key] == ["Somewhere"]


def test_a_date_phrase_needs_an_anchor_word(tmp_path: Path, article: Path) -> None:
    mine = _write(tmp_path / "mydata", {"date_phrases.csv": "back,unit,precision,kind,offset,phrase\n"
                                        "1,day,1,relative,-1,the eve of the attack\n"})
    run = _marsad("--data", str(mine), "extract", "-i", str(article), "-o", "o.csv", cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
    (line,) = [ln for ln in run.stderr.splitlines() if ln.startswith("error: ")]
    assert line.startswith(f"error: {mine / 'date_phrases.csv'}: row 1: 'the eve of the attack'"), line
    assert "date_anchor" in line
