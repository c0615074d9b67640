"""Where an article is: its geographic context, and which place words are an incident's place.

An article that names no country takes its outlet's country (marsad/data/outlets.csv),
else the country of the armed actors it names; a place word inside an actor's, a
person's or an outlet's name, a river, a street or a dateline is not a place of the
incident, nor a namesake in a country the article never names.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad import datafiles
from marsad.records import ActorMention, Article, Place

if TYPE_CHECKING:
    from marsad.extract.actors import Actor
    from marsad.geo import Geocoder, GeoContext


@lru_cache(maxsize=1)
def _outlet_table() -> tuple[tuple[str, str], ...]:
    rows = []
    for ln in (ln for _, text in datafiles.texts("outlets.csv") for ln in text.splitlines()):
        if ln.strip() and not ln.startswith("#") and not ln.startswith("match,"):
            m, _, cc = ln.rpartition(",")
            rows.append((m.strip().lower(), cc.strip().upper()))
    return tuple(rows)


def article_context(geocoder: Geocoder, article: Article, actors: list[ActorMention], table: dict[str, Actor],
                    named: GeoContext | None = None, batch: str | None = None) -> GeoContext:
    """The article's geographic context; an article that names no country gets its
    outlet's country (marsad/data/outlets.csv), else the country of the armed actors it
    names (the SDF fight in Syria), else `batch` (a batch's main country)."""
    ctx = named if named is not None else geocoder.context(article.text)
    if not ctx.countries or max(ctx.countries.values()) < 1.0:
        outlet = _outlet_country(article)
        priors: tuple[str, ...] = (outlet,) if outlet else _actor_countries(actors, table)
        if not priors and batch:
            priors = (batch,)
        if priors:
            ctx = geocoder.context(article.text, countries=priors)
    return ctx


def _actor_countries(actors: list[ActorMention], table: dict[str, Actor]) -> tuple[str, ...]:
    """Where the article's national armed actors fight: the country most of them belong
    to, with the wars it fights abroad ("Russian forces near Palmyra": Russia or Syria)."""
    counts: dict[str, int] = {}
    for a in actors:
        cc = a.country
        if cc and not a.source_only and a.kind in ("state", "rebel", "militia"):
            counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return ()
    cc, n = max(counts.items(), key=lambda kv: kv[1])
    if n * 2 <= sum(counts.values()):
        return ()
    abroad: set[str] = set()
    for a in actors:
        if a.country == cc and a.name in table:
            abroad |= set(table[a.name].theatres)
    return (cc, *sorted(abroad - {cc}))


def _outlet_country(article: Article) -> str | None:
    hay = f"{article.outlet or ''} {article.url or ''}".lower()
    if not hay.strip():
        return None
    return next((cc for m, cc in _outlet_table() if m in hay), None)


_PERSON_BEFORE = re.compile(
    r"\b(?:Lieutenant|Lt\.?|Sergeant|Sgt\.?|Colonel|Col\.?|Captain|Capt\.?|General|Gen\.?|Major|Brigadier|"
    r"Corporal|Private|Commander|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|Shaykh|Imam|Mullah|Abu|Umm|bin|ibn|"
    r"named|called|nicknamed|alias|aka|martyr|journalist|activist|spokesman|spokesperson|leader)\s+$")
_AGENCY_AFTER = re.compile(
    r"^['’s]*\s*(?:news\s+)?(?:agency|tv|television|channel|radio|newspaper|daily|outlet|website|news|network|"
    r"media|press|observatory|statement|correspondent|reporter)\b"
    r"|^['’s]*\s*(?:provincial\s+|governorate\s+)?(?:police|security|operations|military|health|civil defen[cs]e)\s+"
    r"(?:command|directorate|media|cell|spokesm[ae]n|office|source|sources|council|department|official)s?\b"
    r"[^.]{0,25}\b(?:said|says|reported|announced|stated|added|confirmed)\b", re.IGNORECASE)
_STREET_AFTER = re.compile(r"^\s+(?:street|st\.|avenue|ave\.|boulevard|blvd\.?|lane|alley)\b", re.IGNORECASE)
_RIVER_AFTER = re.compile(r"^\s+(?:river|rivers)\b", re.IGNORECASE)
# a place named only to say where the incident's place lies: "across the river from X",
# "Nyala, the capital of South Darfur"
_LANDMARK_BEFORE = re.compile(r"\b(?:across\s+(?:the\s+)?(?:\w+\s+)?(?:river|border|lake|bay|strait)\s+from|"
                              r",\s+the\s+(?:provincial\s+|regional\s+|state\s+)?capital\s+of)\s+"
                              r"(?:the\s+)?(?:(?:occupied|besieged|nearby|neighbouring|neighboring)\s+)?$",
                              re.IGNORECASE)


_ORIGIN_BEFORE = re.compile(r"\b(?:jets?|aircraft|planes?|warplanes?|helicopters?|gunships?|drones?)\s+(?:\w+\s+){0,2}?"
                            r"(?:launched|took\s+off|taking\s+off|flying\s+in|flown\s+in|departed|departing)"
                            r"\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)


def place_ok(text: str, p: Place, actors: list[ActorMention], ctx: GeoContext) -> bool:
    """Drop place words that are part of an actor's name, a person's name or an outlet's
    name ("the Saba news agency"), and namesakes in countries the article never names."""
    a0, a1 = p.start or 0, p.end or 0
    if any(a.start <= a0 < a.end for a in actors):
        return False
    if _PERSON_BEFORE.search(text[max(0, a0 - 30):a0]) or _AGENCY_AFTER.match(text[a1:a1 + 30]):
        return False
    if _RIVER_AFTER.match(text[a1:a1 + 20]) or _LANDMARK_BEFORE.search(text[max(0, a0 - 40):a0]):
        return False                                  # "the Dnipro River"; "across the river from X"
    if _ORIGIN_BEFORE.search(text[max(0, a0 - 40):a0]):
        return False                                  # "jets launched from Maiduguri": where they flew from
    if _STREET_AFTER.match(text[a1:a1 + 20]):
        return False                                  # "Tal Abyad street" in Raqqa is not the town of Tal Abyad
    line_start = text.rfind("\n", 0, a0) + 1
    if not text[line_start:a0].strip() and p.mention.isupper() and re.match(r"^\s*(?:,[^,\n]{0,30})?\s*(?:\(|[—–-]|,)", text[a1:a1 + 40]):
        return False                                  # "SULAIMANI —", "QAMISHLI, Syria (North Press) –": a dateline
    return _plausible_country(p, ctx)


def _plausible_country(p: Place, ctx: GeoContext) -> bool:
    """A country alone is context, not an incident's place (but a village the gazetteer
    lacks, named with its country, is kept there: "in Tindikoro, Mali"); a village in a
    country the article never hints at is a namesake, not the place."""
    if p.geo_precision >= 3 and not p.admin1 and p.location == p.country:
        return False
    countries = ctx.countries
    if not countries or not p.country_code or max(countries.values()) < 1.0:
        return True                                   # no country named outright: no veto
    top = max(countries.values())
    allowed = {cc for cc, w in countries.items() if w >= 1.0 and w >= top / 4}
    allowed |= {cc for cc, _ in ctx.admin1 if countries.get(cc, 0) >= 0.5}
    return p.country_code in allowed or (p.geo_precision >= 2 and countries.get(p.country_code, 0) > 0)
