"""Actor matching: one table per behaviour, sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.extract.actors import KINDS, ActorMatcher


def names(matcher: ActorMatcher, text: str, **kw: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in matcher.find(text, **kw)]


CANONICAL = [
    ("Daesh fighters attacked the village.", [("Daesh fighters", "ISIS")]),
    ("Militants of the Islamic State group struck twice.", [("Islamic State group", "ISIS")]),
    ("IS militants ambushed a patrol.", [("IS militants", "ISIS")]),
    ("ISIL claimed it.", [("ISIL", "ISIS")]),
    ("Da'esh and Da\u2019esh are one group.", [("Da'esh", "ISIS"), ("Da\u2019esh", "ISIS")]),
    ("The Guardian writes Isis.", [("Isis", "ISIS")]),
    ("The Syrian Democratic Forces (SDF) said", [("Syrian Democratic Forces (SDF)", "SDF")]),
    ("QSD patrols and SDS units", [("QSD", "SDF"), ("SDS", "SDF")]),
    ("the Kurdish-led SDF", [("Kurdish-led SDF", "SDF")]),
    ("YPJ fighters", [("YPJ", "YPG")]),
    ("the Syrian Arab Army (SAA) shelled", [("Syrian Arab Army (SAA)", "Syrian regime forces")]),
    ("the Islamic State (ISIS) and the SDF", [("Islamic State (ISIS)", "ISIS"), ("SDF", "SDF")]),
    ("Islamic State (IS/ISIL)", [("Islamic State", "ISIS"), ("IS", "ISIS"), ("ISIL", "ISIS")]),
    ("ISIS (SDF)", [("ISIS", "ISIS"), ("SDF", "SDF")]),
    ("a truck belonging to the Syrian regime's forces", [("Syrian regime's forces", "Syrian regime forces")]),
    ("pro-government forces retreated", [("pro-government forces", "Syrian regime forces")]),
    ("the Russian-backed Fifth Corps", [("Russian-backed Fifth Corps", "Fifth Corps")]),
    ("the 5th Corps", [("5th Corps", "Fifth Corps")]),
    ("the National Defense Militia", [("National Defense Militia", "National Defense Forces")]),
    ("Usoud al-Sharqiya, a tribal militia", [("Usoud al-Sharqiya", "Usoud al-Sharqiya")]),
    (
        "Iranian militias and the IRGC",
        [("Iranian militias", "Iran-backed militias"), ("IRGC", "Iran-backed militias")],
    ),
    ("Kataib Hezbollah fired rockets", [("Kataib Hezbollah", "Kataib Hezbollah")]),  # ACLED codes it apart
    ("Hezbollah fighters", [("Hezbollah fighters", "Hezbollah")]),
    ("the Popular Mobilisation Units", [("Popular Mobilisation Units", "PMF")]),
    (
        "al-Hashd al-Shaabi and al Hashd al Shaabi",
        [("al-Hashd al-Shaabi", "PMF"), ("al Hashd al Shaabi", "PMF")],
    ),
    ("the Saladin Operations Command said", [("Saladin Operations Command", "Iraqi security forces")]),
    (
        "Iraqi soldiers and the Iraqi Air Force",
        [("Iraqi soldiers", "Iraqi army"), ("Iraqi Air Force", "Iraqi army")],
    ),
    ("federal police units", [("federal police", "Iraqi police")]),
    ("KRG forces and Peshmerga fighters", [("KRG forces", "Peshmerga"), ("Peshmerga fighters", "Peshmerga")]),
    ("a Turkish drone struck", [("Turkish drone", "Turkey")]),
    ("Turkish-backed factions shelled", [("Turkish-backed factions", "SNA")]),
    (
        "Hayat Tahrir al-Sham and Hurras al-Din",
        [("Hayat Tahrir al-Sham", "HTS"), ("Hurras al-Din", "Hurras al-Din")],
    ),
    (
        "the US-led coalition and CJTF-OIR",
        [("US-led coalition", "International Coalition"), ("CJTF-OIR", "International Coalition")],
    ),
    ("U.S. forces landed", [("U.S. forces", "International Coalition")]),
    ("Russian warplanes bombed", [("Russian warplanes", "Russia")]),
    ("the IDF said", [("IDF", "Israel")]),
    (
        "ISIS-K and ISWAP and al-Shabaab",
        [("ISIS-K", "ISKP"), ("ISWAP", "ISWAP"), ("al-Shabaab", "al-Shabaab")],
    ),
    ("the Islamic State West Africa Province", [("Islamic State West Africa Province", "ISWAP")]),
    (
        "Houthi rebels and the Saudi-led coalition",
        [("Houthi rebels", "Houthis"), ("Saudi-led coalition", "Saudi-led coalition")],
    ),
    ("the Rapid Support Forces attacked", [("Rapid Support Forces", "RSF")]),
    ("the Tatmadaw", [("Tatmadaw", "Myanmar military")]),
    ("unknown gunmen shot", [("unknown gunmen", "Unidentified Armed Group")]),
    ("masked men stormed", [("masked men", "Unidentified Armed Group")]),
    ("a woman and two children", [("a woman", "Civilians"), ("children", "Civilians")]),
    ("truffle hunters and shepherds", [("truffle hunters", "Civilians"), ("shepherds", "Civilians")]),
    ("a civil council member", [("civil council member", "Civilians")]),
    (
        "CJTF members and the Civilian Joint Task Force",
        [("CJTF members", "CJTF"), ("Civilian Joint Task Force", "CJTF")],
    ),
    ("hundreds of demonstrators", [("demonstrators", "Protesters")]),
    ("ISIS attacked a regime checkpoint", [("ISIS", "ISIS"), ("regime", "Syrian regime forces")]),
    ("the Iranian regime", [("Iranian regime", "Iran")]),
]


@pytest.mark.parametrize("text,expected", CANONICAL)
def test_canonical_names(matcher: ActorMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(matcher, text) == expected


TRAPS = [
    ("Is this the end? It is.", []),  # "IS" only in capitals
    ("anti-ISIS operations continued", []),
    ("counter-ISIS raids and non-SDF areas", []),
    ("the sdf said", []),  # all-caps alias, lower case text
    ("this is dis-ISIS", [("ISIS", "ISIS")]),  # only listed prefixes negate
    ("Crisis in Isisford", []),  # inside words
    ("The US said", []),  # bare US is not an actor
    ("He fled to Turkey; Russia and Israel protested.", []),  # country names are places, not forces
    ("a former rebel commander", []),  # no singular made from one-word "rebels"
    ("the Shekau faction of Boko Haram", [("Boko Haram", "Boko Haram")]),  # nor from "the factions"
]


@pytest.mark.parametrize("text,expected", TRAPS)
def test_traps(matcher: ActorMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(matcher, text) == expected


FORMS = [
    ("ISIS's fighters", [("ISIS", "ISIS")]),
    ("the SDF' positions", [("SDF", "SDF")]),
    ("ISIS-affiliated cells", [("ISIS", "ISIS")]),
    ("former ISIS-held territory", [("ISIS", "ISIS")]),
    ("\u201cISIS\u201d militants", [("ISIS", "ISIS")]),
    ("Syrian  Democratic\nForces", [("Syrian  Democratic\nForces", "SDF")]),
    ("ISIS militants", [("ISIS militants", "ISIS")]),  # the longest alias wins
    ("Islamic State fighter", [("Islamic State fighter", "ISIS")]),
    ("two civilians", [("civilians", "Civilians")]),  # automatic plural
]


@pytest.mark.parametrize("text,expected", FORMS)
def test_forms(matcher: ActorMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(matcher, text) == expected


def test_mention_fields_and_offsets(matcher: ActorMatcher) -> None:
    text = "Yesterday the Fifth Corps lost two men to ISIS, Amaq said."
    found = matcher.find(text)
    for m in found:
        assert text[m.start : m.end] == m.text
    fifth, isis, amaq = found
    assert (fifth.kind, fifth.country, fifth.parent, fifth.source_only) == (
        "state",
        "SY",
        "Syrian regime forces",
        False,
    )
    assert isis.kind == "rebel" and not isis.source_only
    assert (amaq.name, amaq.parent, amaq.source_only) == ("Amaq", "ISIS", True)


def test_start_end_window(matcher: ActorMatcher) -> None:
    text = "ISIS attacked. The SDF replied. Daesh fled."
    s = text.index("The")
    e = text.index("Daesh")
    assert [(m.text, m.name) for m in matcher.find(text, s, e)] == [("SDF", "SDF")]
    # a window that cuts an alias does not match past its end
    assert matcher.find(text, 0, 3) == []


def test_ambiguous_alias_uses_country(matcher: ActorMatcher) -> None:
    (default,) = matcher.find("ISF units arrested him")
    (iraq,) = matcher.find("ISF units arrested him", country="IQ")
    assert default.name == "Asayish" and "Iraqi security forces" in default.alternatives
    assert iraq.name == "Iraqi security forces" and "Asayish" in iraq.alternatives
    (gov,) = matcher.find("government forces", country="IQ")
    assert gov.name == "Iraqi security forces"
    (yemen,) = matcher.find("coalition warplanes struck", country="YE")  # a theatre, not its home
    assert yemen.name == "Saudi-led coalition"
    (syria,) = matcher.find("coalition warplanes struck", country="SY")
    assert syria.name == "International Coalition"
    assert matcher.get("International Coalition").operates_in("IQ")


def test_get_and_table_sanity(matcher: ActorMatcher) -> None:
    isis = matcher.get("ISIS")
    for alias in ("Islamic State", "IS", "ISIL", "Daesh", "Daish", "Da'esh", "ISIS cells"):
        assert alias in isis.aliases
    for name in (
        "ISIS",
        "SDF",
        "Syrian regime forces",
        "PMF",
        "Iraqi army",
        "Iraqi police",
        "Iraqi security forces",
        "Peshmerga",
        "Asayish",
        "International Coalition",
        "Russia",
        "Turkey",
        "Civilians",
        "Unidentified Armed Group",
    ):
        assert matcher.get(name).name == name
    with pytest.raises(KeyError):
        matcher.get("No Such Group")
    for actor in matcher.actors.values():
        assert actor.kind in KINDS, actor
        assert not actor.parent or actor.parent in matcher.actors, actor
        assert len(actor.country) in (0, 2), actor


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "# local additions\n"
        "name,kind,country,aliases,parent,source_only\n"
        "Jaysh al-Ababil,militia,SY,Ababil Army|JAA,Syrian regime forces,\n"
        "ISIS,,,Tanzim al-Dawla|-Dawla,,\n",
        encoding="utf-8",
    )
    m = ActorMatcher.load(extra_files=[extra])
    assert [(x.text, x.name) for x in m.find("the Ababil Army and JAA")] == [
        ("Ababil Army", "Jaysh al-Ababil"),
        ("JAA", "Jaysh al-Ababil"),
    ]
    assert [(x.text, x.name) for x in m.find("Tanzim al-Dawla cells")] == [("Tanzim al-Dawla", "ISIS")]
    assert m.find("the Dawla") == []
    assert m.get("ISIS").kind == "rebel"  # blank cells keep the packaged values
    # the packaged matcher is untouched
    assert ActorMatcher.load().find("Ababil Army") == []


@pytest.mark.parametrize(
    "content,needle",
    [
        ("name,kind\nX,warlord\n", "unknown kind"),
        ("alias,who\nX,Y\n", "header"),
        ("name,kind,aliases\n,state,A\n", "no name"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, needle: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ActorMatcher.load(extra_files=[bad])
    assert needle in str(info.value) and str(bad) in str(info.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ActorMatcher.load(extra_files=[tmp_path / "nope.csv"])
