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

from marsad import datafiles
from marsad.errors import ConfigError
from marsad.records import Trigger

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
    "mob", "excessive", "pact", "surrender", "change_group", "transfer", "regain", "seizure", "withdrawal", "other",
    "intervention",
})
WEAPONS = frozenset({"suicide", "chemical", "air", "shelling", "grenade", "ied", "explosion"})
# Phrases whose weapon words name what was seized or stopped, not a weapon used:
# "seized 20 rockets", "intercepted a drone".
HOLDERS = frozenset({"seizure", "disrupted", "pact"})
# Weapons that make an event remote violence whatever else the clause says.
HEAVY = frozenset({"air", "shelling", "ied", "suicide", "chemical"})
# Words of a fight or of harm done: with them, a strategic development is not what happened.
FIGHTING = frozenset({"clash", "raid", "attack", "attack_civilians", "harm"})
NON_STATE_KINDS = frozenset({"rebel", "militia", "political_militia", "unidentified", "identity"})
# Strategic developments told without violence, in the order they win.
STRATEGIC = (
    ("surrender", "Agreement"), ("base", "Headquarters or base established"),
    ("change_group", "Change to group/activity"), ("withdrawal", "Change to group/activity"),
    ("looting", "Looting/property destruction"),
)
ARMED_KINDS = frozenset({"state", "rebel", "militia", "external", "unidentified", "political_militia"})


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
        """The packaged triggers.csv with the user's (``marsad --data DIR``, ``MARSAD_DATA``)
        and ``extra`` on top: a row with a pattern already there replaces it (strength 0
        drops it), a new pattern is added."""
        sources = datafiles.texts("triggers.csv")
        if extra:
            try:
                with open(extra, encoding="utf-8") as f:
                    sources.append((extra, f.read()))
            except OSError as e:
                raise ConfigError(f"cannot read it: {e.strerror}", source=extra,
                                  fix="give the path of a trigger file (category,strength,pattern)") from e
        merged: dict[str, tuple[str, str, int]] = {}
        for source, text in sources:
            for pattern, category, strength in _parse_rows(text, source):
                merged.pop(pattern, None) if strength == 0 else merged.__setitem__(
                    pattern, (pattern, category, strength))
        return cls(list(merged.values()))

    def find(self, text: str) -> list[Trigger]:
        found = [
            Trigger(m.start(), m.end(), m.group(0), category, strength)
            for pat, category, strength in self._patterns
            for m in pat.finditer(text)
        ]
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        holders = [t for t in found if t.category in HOLDERS]
        return [t for t in found if t.category in HOLDERS or not any(
            h.start < t.end and t.start < h.end for h in holders)]


def _parse_rows(text: str, source: str = "marsad/data/triggers.csv") -> list[tuple[str, str, int]]:
    rows = []
    for n, ln in enumerate(text.splitlines(), 1):
        if not ln.strip() or ln.lstrip().startswith("#") or ln.startswith("category,"):
            continue
        try:
            category, strength, pattern = ln.split(",", 2)   # the pattern is the rest of the line
            re.compile(pattern)  # a bad row fails at load, naming the pattern
            rows.append((pattern.strip(), category.strip(), int(strength)))
        except (ValueError, re.error) as e:
            raise ConfigError(f"line {n}: {e}", source=source,
                              fix="write category,strength,pattern (strength 0-3, pattern a regular expression)") from e
    return rows


def classify(categories: set[str], *, actor1_kind: str = "", victim_kind: str = "",
             actor1_state: bool = False) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for what one clause says happened.

    `victim_kind` is the kind of the side that suffered ("civilians", "state",
    "rebel", ...); `actor1_state` says whether the perpetrator is a state force.
    The order follows ACLED's codebook: rape is sexual violence whatever else
    went on; a demonstration is coded by how it went; an agreement made is the
    news even beside the fighting it ends; a weapon kept from use is not its use;
    the weapon names the remote violence; territory that changed hands names the
    battle; other strategic developments are coded only where no violence is
    told with them.
    """
    c = categories
    return _sub(_sexual(c) or _demonstration(c) or _pact(c) or _remote(c) or _territory(c, actor1_kind, actor1_state)
                or _one_sided(c) or _strategic(c) or _violence(c, victim_kind) or _development(c))


# A demonstration told in several clauses is coded by its worst turn.
DEMONSTRATION_ORDER = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                       "Violent demonstration")


def _sub(s: str) -> tuple[str, str]:
    return SUB_TO_TYPE[s], s


def _demonstration(c: set[str]) -> str | None:
    if c & HEAVY:
        return None
    if "protest" in c:
        if "riot" in c:
            return "Violent demonstration"          # the demonstrators themselves turned violent
        if "clash" in c and "excessive" not in c:
            return "Violent demonstration"          # "protesters clashed with the police"
        if "excessive" in c or "harm" in c or "attack" in c:
            return "Excessive force against protesters"
        if c & {"intervention", "arrest"}:
            return "Protest with intervention"
        return "Peaceful protest"
    if "intervention" in c and not c & (FIGHTING | {"arrest", "riot", "mob"}):
        return "Protest with intervention"          # "police fired tear gas to disperse the crowd"
    if "mob" in c:
        return "Mob violence"
    if "riot" in c:
        return "Violent demonstration"
    return None


def _sexual(c: set[str]) -> str | None:
    """Rape is coded as sexual violence whatever else was going on (a protest dispersed, a raid)."""
    return "Sexual violence" if "sexual" in c and not c & HEAVY else None


def _pact(c: set[str]) -> str | None:
    """An agreement made is the news even where the fighting it ends is told with it."""
    return "Agreement" if "pact" in c and not c & HEAVY else None


def _remote(c: set[str]) -> str | None:
    if "disrupted" in c and not c & {"clash", "attack_civilians"}:
        return "Disrupted weapons use"
    if "seizure" in c and not c & (HEAVY | {"clash", "attack", "attack_civilians", "harm", "grenade"}):
        return "Disrupted weapons use"              # a cache seized in a raid
    for cat, sub in (("suicide", "Suicide bomb"), ("chemical", "Chemical weapon"), ("air", "Air/drone strike")):
        if cat in c:
            return sub
    if "shelling" in c and "clash" not in c:
        return "Shelling/artillery/missile attack"
    if "ied" in c:
        return "Remote explosive/landmine/IED"
    if "grenade" in c and not c & {"clash", "raid"}:
        return "Grenade"
    if "air_or_raid" in c and "arrest" not in c:
        return "Air/drone strike"
    return None


def _territory(c: set[str], actor1_kind: str, actor1_state: bool) -> str | None:
    if "regain" in c:
        non_state = actor1_kind in NON_STATE_KINDS and not actor1_state
        return "Non-state actor overtakes territory" if non_state else "Government regains territory"
    if ("transfer" in c or "withdrawal" in c and "territory" in c) and not c & FIGHTING:
        return "Non-violent transfer of territory"  # handed over, or taken after the other side left
    if "territory" in c:
        return "Government regains territory" if actor1_state else "Non-state actor overtakes territory"
    return None


def _one_sided(c: set[str]) -> str | None:
    if "abduction" in c:
        return "Abduction/forced disappearance"
    if "arrest" in c and not (c & {"clash", "attack_civilians", "attack"}):
        return "Arrests"
    if "explosion" in c and not (c & {"clash", "raid", "attack_civilians"}):
        return "Remote explosive/landmine/IED"      # "militants detonated a bomb targeting ..."
    return None


def _strategic(c: set[str]) -> str | None:
    if "looting" in c and not c & {"clash", "attack_civilians", "harm"}:
        return "Looting/property destruction"       # property destroyed in an attack that hurt nobody
    if c & FIGHTING:
        return None
    for cat, sub in STRATEGIC:
        if cat in c:
            return sub
    return None


def _violence(c: set[str], victim_kind: str) -> str | None:
    if c & {"clash", "raid", "attack", "attack_civilians", "harm", "explosion"}:
        if victim_kind == "civilians" or ("attack_civilians" in c and victim_kind not in ARMED_KINDS):
            return "Attack"
        return "Armed clash"
    return None


def _development(c: set[str]) -> str:
    for cat, sub in (("escape", "Other"), ("other", "Other"), ("looting", "Looting/property destruction"),
                     ("base", "Headquarters or base established"), ("transfer", "Non-violent transfer of territory"),
                     ("deployment", "Change to group/activity"), ("agreement", "Agreement")):
        if cat in c:
            return sub
    return "Other"
