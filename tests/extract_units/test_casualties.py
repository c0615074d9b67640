"""Casualty counts: parse_count on count phrases, find_casualties on sentences."""

from __future__ import annotations

import pytest

from marsad.extract.casualties import find_casualties, parse_count

COUNTS = [
    ("seven", 7),
    ("11", 11),
    ("at least 13", 13),
    ("dozens", 12),
    ("dozens of", 12),
    ("a dozen", 12),
    ("two dozen", 24),
    ("scores", 20),
    ("several", None),
    ("a number of", None),
    ("some", None),
    ("two brothers and a woman", 3),
    ("one", 1),
    ("a", 1),
    ("an", 1),
    ("more than 50", 50),
    ("nearly 30", 30),
    ("20 to 25", 20),
    ("20-25", 20),
    ("between 20 and 25", 20),
    ("two or three", 2),
    ("hundreds", 100),
    ("1,200", 1200),
    ("twenty-three", 23),
    ("twenty three", 23),
    ("two hundred and fifty", 250),
    ("a hundred", 100),
    ("both", 2),
    ("all five", 5),
    ("3 SDF fighters", 3),
    ("some 20", 20),
    ("up to 40", 40),
    ("an estimated 1,500", 1500),
    ("another two", 2),
    ("a man, two women and three children", 6),
    ("", None),
    ("none", None),
    ("many", None),
    ("thousands of", 1000),
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_parse_count(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


def found(text: str) -> list[tuple[int | None, str, str]]:
    return [(c.count, c.kind, c.who) for c in find_casualties(text)]


SENTENCES = [
    ("ISIS attacked the post, killing 11 and wounding two.", [(11, "killed", ""), (2, "injured", "")]),
    ("The toll was seven dead and at least 13 wounded.", [(7, "killed", ""), (13, "injured", "")]),
    ("The gunmen killed three people near the well.", [(3, "killed", "people")]),
    ("Three people, two brothers and a woman, were killed in the ambush.", [(3, "killed", "people")]),
    ("2 ISIS militants killed in a raid", [(2, "killed", "ISIS militants")]),
    ("One soldier was killed and two others wounded.", [(1, "killed", "soldier"), (2, "injured", "")]),
    ("The mine blast left seven others wounded.", [(7, "injured", "")]),
    ("The attack claimed the lives of 3 SDF fighters.", [(3, "killed", "SDF fighters")]),
    ("Later the death toll rose to 28.", [(28, "killed", "")]),
    ("bringing the losses to seven dead", [(7, "killed", "")]),
    ("A woman travelling with them was also killed.", [(1, "killed", "woman")]),
    ("They killed all five members of a family.", [(5, "killed", "members")]),
    ("11 killed as car bomb hits market", [(11, "killed", "")]),
    ("the number of fighters killed has risen to four", [(4, "killed", "fighters")]),
    ("a blast injuring two", [(2, "injured", "")]),
    ("the shrapnel lightly injured two of them", [(2, "injured", "")]),
    ("A man was shot dead outside his home.", [(1, "killed", "man")]),
    ("Militants beheaded a shepherd.", [(1, "killed", "shepherd")]),
    ("The cell kidnapped three members of a militia.", [(3, "captured", "members")]),
    ("Police arrested ten suspects.", [(10, "arrested", "suspects")]),
    ("Two fishermen went missing after the shelling.", [(2, "missing", "fishermen")]),
    ("Dozens of civilians were killed.", [(12, "killed", "civilians")]),
    ("Several soldiers were wounded.", [(None, "injured", "soldiers")]),
    ("A gunman shot and killed a teacher.", [(1, "killed", "teacher")]),
    ("a roadside bomb killed two soldiers", [(2, "killed", "soldiers")]),
    ("killing 20 to 25 fighters", [(20, "killed", "fighters")]),
    ("3 killed, 5 wounded in attack", [(3, "killed", ""), (5, "injured", "")]),
    ("The bodies of four men were found.", [(4, "killed", "men")]),
    ("a 30-year-old man was killed", [(1, "killed", "30-year-old man")]),
    ("ISIS wounded two other PMF members.", [(2, "injured", "PMF members")]),
    ("They shot him dead; killing him.", [(1, "killed", "")]),
    ("A Turkish drone strike killed twenty-three people.", [(23, "killed", "people")]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_find_casualties(text: str, expected: list[tuple[int | None, str, str]]) -> None:
    assert found(text) == expected


NOT_CASUALTIES = [
    "He was 30-year-old and lived in the town.",
    "On May 17 ISIS attacked.",
    "Fighters of Brigade 23 were killed.",  # a unit, not a count (no count at all here)
    "Between 20,000 and 25,000 ISIS fighters remain.",
    "The siege lasted two days.",
    "Five vehicles were destroyed.",
    "Call +963 944 123 456 if killed",
    "He was killed 3 km from the town.",
    "They were killed in 2019.",
    "the 23rd Brigade killed",
    "a roadside bomb killed",
    "The killing of its leader has not stopped them.",
    "Among the dead were Ahmad, Omar and Ali.",
    "The group captured two villages.",
    "ISIS fired 12 rockets; five mortars were launched.",
]


@pytest.mark.parametrize("text", NOT_CASUALTIES)
def test_not_casualties(text: str) -> None:
    assert found(text) == []


def test_offsets_and_window() -> None:
    text = "Intro. A blast killed 4 soldiers. Later 2 civilians died."
    cs = find_casualties(text)
    for c in cs:
        assert text[c.start : c.end] == c.text
        assert text[c.num_start : c.num_end] in c.text
    assert [(c.count, c.text) for c in cs] == [(4, "killed 4 soldiers"), (2, "2 civilians died")]
    s = text.index("Later")
    assert [c.count for c in find_casualties(text, s)] == [2]
    assert [c.count for c in find_casualties(text, 0, s)] == [4]


SINGULAR = [
    ("ISIS member was killed during an attack", [(1, "killed", "ISIS member")]),
    ("The driver was shot dead at the checkpoint.", [(1, "killed", "driver")]),
    ("a mercenary who was part of the group was killed", [(1, "killed", "mercenary")]),
    ("An Iraqi woman was found dead in the camp.", [(1, "killed", "Iraqi woman")]),
    ("one of their troops was injured by an IED", [(1, "injured", "")]),
    ("four fighters of which were \u201cmartyred,\u201d the SDF said", [(4, "killed", "fighters")]),
    ("the clash led to the injury of two soldiers", [(2, "injured", "soldiers")]),
    ("Two members of the SDF were killed by a landmine", [(2, "killed", "members")]),
]

SINGULAR_TRAPS = [
    "No one was killed in the blast.",
    "The town was captured by the SDF.",
    "Hajin was captured in 2018.",
    "The checkpoint was attacked.",
    "Not a single civilian was hurt.",
]


@pytest.mark.parametrize("text,expected", SINGULAR)
def test_singular_and_passive(text: str, expected: list[tuple[int | None, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", SINGULAR_TRAPS)
def test_singular_traps(text: str) -> None:
    assert found(text) == []


MIXED = [
    ("Russian airstrikes kill and wound dozens of civilians", [(None, "killed", "civilians")]),
    ("The attack left 13 killed and wounded.", [(None, "killed", "")]),
    ("Seventeen martyrs and dozens wounded in shelling", [(17, "killed", ""), (12, "injured", "")]),
    ("3 martyrs, including a colonel pilot", [(3, "killed", "")]),
    (
        "the martyrdom of a child in Douma and the injury of a young man",
        [(1, "killed", "child"), (1, "injured", "young man")],
    ),
]


@pytest.mark.parametrize("text,expected", MIXED)
def test_mixed_and_nouns(text: str, expected: list[tuple[int | None, str, str]]) -> None:
    assert found(text) == expected


MORE = [
    (
        "Gunmen fired on a car, killing its driver and wounding two passengers.",
        [(1, "killed", "driver"), (2, "injured", "passengers")],
    ),
    (
        "The explosion killed a child and injured his mother.",
        [(1, "killed", "child"), (1, "injured", "mother")],
    ),
    ("ISIS raided the farm, killing its owners.", [(None, "killed", "owners")]),
    ("Four soldiers were reported killed.", [(4, "killed", "soldiers")]),
    ("12 regime soldiers and allied militiamen had been killed", [(12, "killed", "regime soldiers")]),
    ("killing 2 soldiers and a civilian", [(3, "killed", "soldiers")]),
    ("3 soldiers and 2 civilians were killed", [(5, "killed", "soldiers")]),
    (
        "The blast killed 3 soldiers and 2 civilians were wounded.",
        [(3, "killed", "soldiers"), (2, "injured", "civilians")],
    ),
    (
        "Security forces arrested 5 ISIS suspects and killed 2 others.",
        [(5, "arrested", "ISIS suspects"), (2, "killed", "")],
    ),
    ("killing at least 10 and wounding more than 20 others", [(10, "killed", ""), (20, "injured", "")]),
    ("leaving five people dead and 12 wounded", [(5, "killed", "people"), (12, "injured", "")]),
    (
        "resulting in the death of three soldiers and the injury of five others",
        [(3, "killed", "soldiers"), (5, "injured", "")],
    ),
    ("In 2019, 300 people were killed.", [(300, "killed", "people")]),
    ("two dozen soldiers were killed", [(24, "killed", "soldiers")]),
    (
        "They stormed the house, killing him, two of his sons, and another two of his relatives.",
        [(5, "killed", "")],
    ),
    ("killing him, two days after his release", [(1, "killed", "")]),
    ("A man and a woman were murdered.", [(2, "killed", "man")]),
]


@pytest.mark.parametrize("text,expected", MORE)
def test_lists_and_determiners(text: str, expected: list[tuple[int | None, str, str]]) -> None:
    assert found(text) == expected


ATTRIBUTION_AND_SUBSETS = [
    ("A bomb killed a farmer and his son.", [(2, "killed", "farmer")]),
    ("killing a man and his sons", [(None, "killed", "man")]),
    ("gunmen shot dead six traders, a local official said", [(6, "killed", "traders")]),
    (
        "The group said it killed 23 soldiers, a figure that could not be verified.",
        [(23, "killed", "soldiers")],
    ),
    ("Police arrested three suspects, a security source said.", [(3, "arrested", "suspects")]),
    ("after an hour-long firefight two of the assailants were killed", [(2, "killed", "")]),
    ("The toll rose to eight; two of the dead were officers.", [(8, "killed", "")]),
    ("Three of the wounded died later in hospital.", [(3, "killed", "")]),
    ("Two of the injured were children.", []),
    ("An SDF fighter who was wounded in the attack died of his wounds.", [(1, "killed", "SDF fighter")]),
]


@pytest.mark.parametrize("text,expected", ATTRIBUTION_AND_SUBSETS)
def test_attribution_and_subsets(text: str, expected: list[tuple[int | None, str, str]]) -> None:
    assert found(text) == expected


def test_offsets_survive_unicode_case_folding() -> None:
    text = "\u0130stanbul bureau: a blast killed 3 soldiers; later 2 civilians were killed."
    assert [(c.count, text[c.start : c.end]) for c in find_casualties(text)] == [
        (3, "killed 3 soldiers"),
        (2, "2 civilians were killed"),
    ]
