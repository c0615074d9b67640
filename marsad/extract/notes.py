"""An event's notes in ACLED's style: when, who did what to whom, where, and the toll
with its source, in one or two sentences (templates: marsad/data/note_templates.csv).

    >>> from datetime import date
    >>> from marsad.records import Event, Place
    >>> ev = Event("d", "Battles", "Armed clash", date(2024, 3, 9), 1, "al-Shabaab", "",
    ...            "Military Forces of Somalia", "", Place("Awdheegle", admin1="Lower Shabelle",
    ...            admin2="Afgooye"), fatalities=3, source="Radio Example")
    >>> acled_note(ev)
    'On 9 March 2024, al-Shabaab clashed with Military Forces of Somalia in Awdheegle (Afgooye, Lower Shabelle). 3 people were reported killed, according to Radio Example.'
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from marsad import datafiles
from marsad.records import Event

# how a few of marsad's actor names read inside a sentence
_IN_SENTENCE = {"Unidentified Armed Group": "an unidentified armed group", "Civilians": "civilians",
                "Protesters": "protesters", "Rioters": "rioters"}


@lru_cache(maxsize=1)
def _templates() -> dict[str, tuple[str, str, str]]:
    return {r["sub_event_type"]: (r["both"], r["alone"], r["none"]) for r in datafiles.rows("note_templates.csv")}


def _when(d: date | None, precision: int) -> str:
    if d is None:
        return ""
    day = f"{d.day} {d:%B %Y}"
    if precision >= 3:
        return f"In {d:%B %Y}, "
    if precision == 2:
        return f"Around {day}, "
    return f"On {day}, "


def _who(name: str) -> str:
    if name.startswith("Unidentified Armed Group ("):
        name = "Unidentified Armed Group"           # its country is the event's: said by "in <place>"
    return _IN_SENTENCE.get(name, name)


def _what(ev: Event) -> str:
    both, alone, none = _templates().get(ev.sub_event_type, ("{a1} and {a2}: " + ev.sub_event_type.lower(),
                                                             "{a1}: " + ev.sub_event_type.lower(),
                                                             ev.sub_event_type.lower()))
    a1, a2 = _who(ev.actor1), _who(ev.actor2)
    if a2 and not a1:
        a1 = "unidentified actors"
    return (both if a2 else alone if a1 else none).format(a1=a1, a2=a2)


def _where(ev: Event) -> str:
    p = ev.place
    if p is None or not p.location:
        return ""
    around = [x for x in dict.fromkeys((p.admin2, p.admin1)) if x and x != p.location]
    return f" in {p.location}" + (f" ({', '.join(around)})" if around else "")


def _toll(ev: Event) -> str:
    n = ev.fatalities or 0
    killed = f"{n} {'person was' if n == 1 else 'people were'} reported killed" if n else "No fatalities were reported"
    hurt = f" and {ev.injuries} injured" if n and ev.injuries else ""
    by = f", according to {ev.source}" if ev.source and n else ""
    return f"{killed}{hurt}{by}."


def acled_note(ev: Event) -> str:
    """One or two sentences: '<When>, <who did what to whom> in <place>. <Toll, source>.'"""
    head = _when(ev.event_date, ev.time_precision) + _what(ev) + _where(ev)
    return f"{head[:1].upper()}{head[1:]}. {_toll(ev)}"
