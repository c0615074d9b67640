"""The trigger lexicon and the rule from what happened to ACLED's type."""
from __future__ import annotations

import re

import pytest

from marsad.errors import ConfigError
from marsad.extract.taxonomy import SUB_TO_TYPE, TAXONOMY, TriggerLexicon, classify


def test_taxonomy_has_acled_six_types_and_25_subtypes():
    assert len(TAXONOMY) == 6
    assert sum(len(v) for v in TAXONOMY.values()) == 25
    assert SUB_TO_TYPE["Air/drone strike"] == "Explosions/Remote violence"


@pytest.fixture(scope="module")
def lex():
    return TriggerLexicon.load()


@pytest.mark.parametrize("text, category", [
    ("ISIS detonated an IED near the checkpoint", "ied"),
    ("a Turkish drone struck a car", "air"),
    ("Russian warplanes pounded the town", "air"),
    ("regime forces shelled the village", "shelling"),
    ("gunmen kidnapped three teachers", "abduction"),
    ("police arrested five suspects", "arrest"),
    ("the SDF defused a bomb", "disrupted"),
    ("ISIS seized control of the town", "territory"),
    ("seven prisoners escaped from Al-Hawl prison", "escape"),
    ("hundreds protested in the square", "protest"),
    ("a suicide bomber blew himself up", "suicide"),
])
def test_lexicon_finds_category(lex, text, category):
    assert category in {t.category for t in lex.find(text)}


def test_lexicon_offsets_slice_the_text(lex):
    text = "Clashes erupted after an ambush; a mortar shell hit the market."
    for t in lex.find(text):
        assert text[t.start:t.end] == t.text


def test_user_trigger_file_extends_the_lexicon(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("category,strength,pattern\nshelling,3,thermobaric rockets?\n", encoding="utf-8")
    lex = TriggerLexicon.load(str(extra))
    assert next(t.category for t in lex.find("a thermobaric rocket hit")) == "shelling"


def test_bad_pattern_fails_at_load(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("clash,3,(unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.csv: line 1: missing \)") as e:
        TriggerLexicon.load(str(bad))
    assert isinstance(e.value.__cause__, re.error)


@pytest.mark.parametrize("cats, kw, want", [
    ({"ied", "explosion"}, {}, "Remote explosive/landmine/IED"),
    ({"air", "harm"}, {}, "Air/drone strike"),
    ({"clash", "shelling"}, {}, "Armed clash"),
    ({"shelling"}, {}, "Shelling/artillery/missile attack"),
    ({"raid", "arrest"}, {}, "Arrests"),
    ({"arrest", "attack"}, {}, "Armed clash"),
    ({"attack_civilians"}, {"victim_kind": "civilians"}, "Attack"),
    ({"attack"}, {"victim_kind": "state"}, "Armed clash"),
    ({"territory"}, {"actor1_state": True}, "Government regains territory"),
    ({"territory"}, {"actor1_state": False}, "Non-state actor overtakes territory"),
    ({"protest"}, {}, "Peaceful protest"),
    ({"protest", "intervention"}, {}, "Protest with intervention"),
    ({"disrupted", "ied"}, {}, "Disrupted weapons use"),
    ({"grenade", "clash"}, {}, "Armed clash"),
    ({"escape"}, {}, "Other"),
])
def test_classify(cats, kw, want):
    assert classify(set(cats), **kw)[1] == want
