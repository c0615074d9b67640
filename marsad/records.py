"""The typed records that flow between marsad's stages.

    source -> Article -> (extract) mentions -> Incident -> Event (with Place and Evidence) -> store

The extraction stages (marsad.extract) find *mentions* in an article - triggers,
actors, dates, casualty counts (places are `Place` records with offsets) - cut
its sentences into *incidents* (marsad.extract.segment), and code each incident
as an `Event` whose every field keeps the span it came from (`Evidence.role`).

Each stage is a plain function from one record to the next, so a stage can be
tested with records built by hand.  Character offsets always index into
``Article.text``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")     # their ACLED or marsad names
# The ACLED columns marsad writes, in ACLED's order, then marsad's own.
ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type",
    *ACTOR_COLUMNS,
    "country", "iso", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "source", "notes",
)
EXTRA_COLUMNS = ("injuries", "evidence_text", "evidence_start", "evidence_end")
# ACLED's other columns, from ACLED's codebook (marsad.acled). As in `marsad export`, actor1...
# of an extracted row give ACLED's names ("Military Forces of Mali (2021-)", "Civilians (Somalia)")
# and marsad_actor1... marsad's own short names (Event.actor1..., the keys of data/actors.csv).
ACLED_CODE_COLUMNS = ("event_id_cnty", "year", "disorder_type", "inter1", "inter2", "interaction",
                      "civilian_targeting", "region", "marsad_actor1", "marsad_assoc_actor_1", "marsad_actor2",
                      "marsad_assoc_actor_2")
EXTRACT_COLUMNS = ("doc_id",) + ACLED_COLUMNS + EXTRA_COLUMNS + ACLED_CODE_COLUMNS


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_hash(text: str) -> str:
    """A hash of an article's text that ignores whitespace differences."""
    return hashlib.sha256(_squash(text).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One news article, page chrome already stripped."""

    doc_id: str
    text: str
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    origin: str | None = None          # the path, URL or feed it was read from
    language: str = "en"

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)


@dataclass(slots=True)
class Evidence:
    """A span of the article that supports an event: the sentences that tell it (roles
    trigger, title, detail) and the words each field came from (roles in FIELD_ROLES)."""

    text: str
    start: int
    end: int
    role: str = "trigger"              # trigger | title | detail | one of FIELD_ROLES


# The fields whose words an event's evidence points to (Evidence.role).
FIELD_ROLES = ("date", "place", "actor1", "actor2", "fatalities", "type")
SENTENCE_ROLES = ("trigger", "title", "detail")


@dataclass(slots=True)
class Place:
    """A resolved location, ACLED style."""

    location: str                      # the name shown in ACLED's `location` column
    latitude: float | None = None
    longitude: float | None = None
    country: str = ""                  # country name, e.g. "Syria"
    iso: int | None = None             # ISO 3166-1 numeric, as ACLED's `iso` column (760 = Syria)
    country_code: str = ""             # ISO 3166-1 alpha-2, e.g. "SY"
    admin1: str = ""
    admin2: str = ""
    geo_precision: int = 3             # 1 the place itself, 2 near it / part of a region, 3 a larger region
    gazetteer_id: str | None = None    # e.g. "geonames:170794" or "user:12"
    mention: str = ""                  # the words in the article
    start: int | None = None           # offsets of those words in Article.text
    end: int | None = None
    why: str = ""                      # how the gazetteer chose it (shown to analysts)
    placed_at: str = ""                # a village the gazetteer lacks: the place named with it whose point it took


@dataclass(slots=True)
class Event:
    """One incident, coded as ACLED codes it, with the evidence it came from."""

    doc_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int = 1            # 1 day, 2 week, 3 month (ACLED)
    actor1: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    place: Place | None = None
    fatalities: int | None = None
    injuries: int | None = None
    source: str = ""
    notes: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    index: int = 0                     # position among the events of its article

    @property
    def event_id(self) -> str:
        """Stable id: the same article always yields the same ids."""
        return f"{self.doc_id}:{self.index}"

    def to_row(self) -> dict[str, object]:
        """The flat row of marsad's fields (`marsad.acled.extract_row` adds ACLED's codes to
        it: the row `marsad extract` writes)."""
        p = self.place or Place(location="")
        ev = self.evidence[0] if self.evidence else None
        return {
            "doc_id": self.doc_id,
            "event_date": self.event_date.isoformat() if self.event_date else "",
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "country": p.country,
            "iso": "" if p.iso is None else p.iso,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "location": p.location,
            "latitude": "" if p.latitude is None else round(p.latitude, 5),
            "longitude": "" if p.longitude is None else round(p.longitude, 5),
            "geo_precision": p.geo_precision if p.location else "",
            "fatalities": 0 if self.fatalities is None else self.fatalities,
            "source": self.source,
            "notes": self.notes,
            "injuries": "" if self.injuries is None else self.injuries,
            "evidence_text": ev.text if ev else "",
            "evidence_start": ev.start if ev else "",
            "evidence_end": ev.end if ev else "",
        }

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["event_date"] = self.event_date.isoformat() if self.event_date else None
        d["event_id"] = self.event_id
        return d


@dataclass(slots=True)
class UserPlaces:
    """The places and aliases a user added (rows of the store's user_places and
    user_aliases, each with its `source`, in the order they were added).  The store
    reads them (`marsad.store.places.read_user_places`) and the gazetteer receives
    them as data, so geocoding never opens the database itself."""

    places: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)


# -- mentions: what the extraction stages find in an article's text ---------------------------
# Each carries its span: ``text == Article.text[start:end]``.

@dataclass(slots=True)
class Trigger:
    """A word of marsad/data/triggers.csv that reports an act ("ambushed", "car bomb")."""

    start: int
    end: int
    text: str
    category: str
    strength: int


@dataclass(slots=True, frozen=True)
class ActorMention:
    """An actor named in the text (marsad/data/actors.csv)."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str
    parent: str
    source_only: bool
    alternatives: tuple[str, ...] = ()  # other actors the same words can name


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression."""

    start: int
    end: int
    text: str
    value: date | None
    precision: int  # 1 day, 2 week, 3 month, 4 year
    kind: str  # absolute | relative | weekday | vague | time
    year_explicit: bool = False
    lead: str = ""  # lower-cased word before it: "on", "in", "since", "until", ...
    offset_days: int | None = None  # for relative expressions: days from the date they count from


@dataclass(slots=True, frozen=True)
class CasualtyMention:
    """A count of people hurt."""

    start: int
    end: int
    count: int | None  # None: casualties of unknown number ("several", "a number of")
    kind: str  # killed | injured | captured | arrested | missing
    who: str  # the noun phrase counted: "SDF fighters", "civilians", "" if none
    text: str
    num_start: int = -1  # offsets of the number words themselves ("at least 13")
    num_end: int = -1


@dataclass(slots=True)
class Sentence:
    """A sentence (or a line) of the article."""

    start: int
    end: int
    paragraph: int
    is_title: bool = False


@dataclass(slots=True)
class Incident:
    """One incident as the article tells it (marsad.extract.segment), before its actors,
    numbers and type are coded; `date_span` is the date expression it was dated by
    (its own, or the one in scope), None when the date is the article's publication."""

    sentence: Sentence
    triggers: list[Trigger]
    place: Place | None
    place_own: bool                          # named in the incident's own sentence
    date_value: date | None
    time_precision: int
    date_explicit: bool                      # a date expression of its own (not the scope's)
    start: int                               # the clause's span in the article
    end: int
    details: list[tuple[int, int]] = field(default_factory=list)   # later sentences adding to it
    categories: set[str] = field(default_factory=set)
    also_at: list[Place] = field(default_factory=list)             # "clashes in X and Y": one incident each
    date_span: DateMention | None = None
    type_triggers: list[Trigger] = field(default_factory=list)     # follow-ups' triggers that add categories


class Unplaced(NamedTuple):
    """A clause reporting an act at no place marsad knows (marsad.extract.brief)."""

    sentence: Sentence
    triggers: list[Trigger]
    start: int
    end: int
    dates: list[DateMention]


@dataclass(slots=True)
class Candidate:
    """An incident coded as an event, before the incidents an article tells twice are
    merged (marsad.extract.article_merge): the event, the words its fields came from,
    and what the merge needs to know."""

    event: Event
    fields: dict[str, list[Evidence]] = field(default_factory=dict)   # "date", "fatalities", "type" -> words
    who: dict[str, Evidence] = field(default_factory=dict)      # each actor name -> the words naming it
    fresh: bool = False                # told in its own sentence, at its own place, pointing back at nothing
    also_at: list[Place] = field(default_factory=list)          # "clashes in X and Y": one event each
    claimed: int | None = None         # a party's own toll ("the group said it killed 30"), not the toll
