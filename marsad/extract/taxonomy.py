"""ACLED's event taxonomy, the trigger lexicon (marsad/data/triggers.csv), and
the rule that turns what a clause says happened into an ACLED type.

    >>> lex = TriggerLexicon.load()
    >>> [t.category for t in lex.find("ISIS detonated an IED near the checkpoint")]
    ['explosion', 'ied']
    >>> classify({"ied", "explosion"}, actor1_kind="rebel", victim_kind="state")
    ('Explosions/Remote violence', 'Remote explosive/landmine/IED')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

# ACLED's 6 event types and 25 sub-event types.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_TO_TYPE = {sub: typ for typ, subs in TAXONOMY.items() for sub in subs}

# Categories that can open an event on their own; the others only add detail.
EVENT_CATEGORIES = frozenset({
    "suicide", "chemical", "air", "air_or_raid", "shelling", "grenade", "ied", "explosion",
    "clash", "raid", "attack", "attack_civilians", "abduction", "sexual", "arrest", "disrupted",
    "territory", "escape", "looting", "base", "protest", "riot",
})
WEAPONS = frozenset({"suicide", "chemical", "air", "shelling", "grenade", "ied", "explosion"})
ARMED_KINDS = frozenset({"state", "rebel", "militia", "external", "unidentified", "political_militia"})


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    text: str
    category: str
    strength: int


class TriggerLexicon:
    """Finds trigger words in text, one compiled pattern per category."""

    def __init__(self, rows: list[tuple[str, str, int]]):
        by_cat: dict[str, list[tuple[str, int]]] = {}
        for pattern, category, strength in rows:
            by_cat.setdefault(category, []).append((pattern, strength))
        self._patterns: list[tuple[re.Pattern[str], str, int]] = []
        for category, items in by_cat.items():
            for strength in sorted({s for _, s in items}, reverse=True):
                alts = "|".join(f"(?:{p})" for p, s in items if s == strength)
                self._patterns.append(
                    (re.compile(rf"(?<![\w-])(?:{alts})(?![\w])", re.IGNORECASE), category, strength))

    @classmethod
    def load(cls, extra: str | None = None) -> TriggerLexicon:
        text = resources.files("marsad.data").joinpath("triggers.csv").read_text(encoding="utf-8")
        if extra:
            with open(extra, encoding="utf-8") as f:
                text += "\n" + f.read()
        return cls(_parse_rows(text))

    def find(self, text: str) -> list[Trigger]:
        found = [
            Trigger(m.start(), m.end(), m.group(0), category, strength)
            for pat, category, strength in self._patterns
            for m in pat.finditer(text)
        ]
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        return found


def _parse_rows(text: str) -> list[tuple[str, str, int]]:
    rows = []
    for ln in text.splitlines():
        if not ln.strip() or ln.lstrip().startswith("#") or ln.startswith("category,"):
            continue
        category, strength, pattern = ln.split(",", 2)   # the pattern is the rest of the line
        re.compile(pattern)  # a bad row fails at load, naming the pattern
        rows.append((pattern.strip(), category.strip(), int(strength)))
    return rows


def classify(categories: set[str], *, actor1_kind: str = "", victim_kind: str = "",
             actor1_state: bool = False) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for what one clause says happened.

    `victim_kind` is the kind of the side that suffered ("civilians", "state",
    "rebel", ...); `actor1_state` says whether the perpetrator is a state force.
    """
    c = categories

    def sub(s: str) -> tuple[str, str]:
        return SUB_TO_TYPE[s], s

    if "protest" in c and not (c & {"clash", "air", "shelling", "ied", "suicide"}):
        if "harm" in c or "attack" in c:
            return sub("Excessive force against protesters")
        if "intervention" in c or "arrest" in c:
            return sub("Protest with intervention")
        return sub("Peaceful protest")
    if "riot" in c and not (c & {"air", "shelling", "ied", "suicide"}):
        return sub("Mob violence") if victim_kind == "civilians" else sub("Violent demonstration")
    if "suicide" in c:
        return sub("Suicide bomb")
    if "chemical" in c:
        return sub("Chemical weapon")
    if "air" in c:
        return sub("Air/drone strike")
    if "disrupted" in c and not (c & {"clash", "attack_civilians"}):
        return sub("Disrupted weapons use")
    if "shelling" in c and "clash" not in c:
        return sub("Shelling/artillery/missile attack")
    if "ied" in c:
        return sub("Remote explosive/landmine/IED")
    if "grenade" in c and not c & {"clash", "raid"}:
        return sub("Grenade")
    if "air_or_raid" in c and "arrest" not in c:
        return sub("Air/drone strike")
    if "territory" in c:
        return sub("Government regains territory") if actor1_state else sub("Non-state actor overtakes territory")
    if "abduction" in c:
        return sub("Abduction/forced disappearance")
    if "sexual" in c:
        return sub("Sexual violence")
    if "arrest" in c and not (c & {"clash", "attack_civilians", "attack"}):
        return sub("Arrests")
    if "explosion" in c and not (c & {"clash", "raid", "attack", "attack_civilians"}):
        return sub("Remote explosive/landmine/IED")
    if c & {"clash", "raid", "attack", "attack_civilians", "harm", "explosion"}:
        if victim_kind == "civilians" or ("attack_civilians" in c and victim_kind not in ARMED_KINDS):
            return sub("Attack")
        return sub("Armed clash")
    if "escape" in c:
        return sub("Other")
    if "looting" in c:
        return sub("Looting/property destruction")
    if "base" in c:
        return sub("Headquarters or base established")
    if "transfer" in c:
        return sub("Non-violent transfer of territory")
    if "agreement" in c:
        return sub("Agreement")
    return sub("Other")
