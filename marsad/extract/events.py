"""Article -> [Event]: the extractor.

    >>> ex = Extractor()
    >>> events = ex.extract(Article(doc_id="a", text="...", published=date(2020, 5, 21)))

Stages (each a plain function over the article's text and offsets):
incidents (marsad.extract.incidents) -> place, date, actors and their roles,
fatalities and injuries, attribution -> one Event per incident, incidents told
twice in one article merged.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from marsad import datafiles
from marsad.datafiles import class_regex
from marsad.extract import brief, roles
from marsad.extract import incidents as inc
from marsad.extract.nlp import load_nlp, load_sentencizer
from marsad.extract.notes import acled_note
from marsad.extract.roles import named_actor, of_country, unnamed_acted, weapon_owners
from marsad.extract.taxonomy import DEMONSTRATION_ORDER, WEAPONS, TriggerLexicon, classify
from marsad.extract.tolls import incident_toll
from marsad.records import Article, Event, Evidence, Place, UserPlaces

_SLUG_LOWER = frozenset([
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "near",
    "after", "before", "as", "its", "their", "his", "her", "is", "are", "was", "were", "be", "been",
    "kill", "kills", "killed", "killing", "wounded", "injured", "clashes", "clash", "attack", "attacks",
    "shelling", "shell", "shells", "bomb", "bombs", "raids", "raid", "airstrikes", "regime", "forces",
    "countryside", "city", "town", "village", "neighborhood", "western", "eastern", "northern",
    "southern", "east", "west", "north", "south"
])
_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")
_ATTRIB_AFTER = re.compile(
    r"^[\s,]*(?:\([^)]{0,40}\)\s*)?(?:(?:peacekeeping |security |military |press |media )?(?:force|mission|"
    r"spokesm[ae]n|spokesperson|spokeswoman|officials?|command|office)\s+)?"   # "MONUSCO's peacekeeping force said"
    rf"(?:has |have |had )?(?:also )?(?:{class_regex('attribution_verb', ' ')}|"
    r"claimed(?! responsibility| the (?:attack|bombing|lives))|claims(?! responsibility))\b",
    re.IGNORECASE)
_ATTRIB_BEFORE = re.compile(rf"(?:{class_regex('attribution_before', ' ')})\s+(?:the\s+)?(?:\w+\s+){{0,2}}$",
                            re.IGNORECASE)
_BY_BEFORE = re.compile(r"\b(?:by|claimed by|carried out by|launched by|conducted by|perpetrated by)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                        re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    rf"\b(?:{class_regex('target_before', ' ')})\s+"
    r"(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+|some\s+|\w+\s+)?(?:\w+\s+){0,1}$", re.IGNORECASE)
_TARGET_AFTER = re.compile(rf"^['’s]*\s*(?:[\w-]+\s+){{0,2}}(?:{class_regex('target_after', ' ')})\b", re.IGNORECASE)
_CIVILIAN_WORDS = re.compile(rf"\b(?:{class_regex('civilian', ' ')})\b", re.IGNORECASE)
_ARMED_VICTIM_WORDS = re.compile(rf"\b(?:{class_regex('armed_target', ' ')})\b", re.IGNORECASE)
_DIED_OF_WOUNDS = re.compile(
    r"\b(?:named|identified)\b[^.]{0,30}\b(?:dead|killed|victims?|fallen)\b|\bamong (?:the dead|those killed|the victims)\b|"
    r"\bthe (?:dead|victims) (?:were|included|include)\b|"
    r"\b(?:died|dies|passed away|succumbed)\b[^.]{0,40}\b(?:wounds|injuries|injury|wounded)\b|"
    r"\bsuccumbed to\b|\btoll (?:rose|has risen|climbed|increased)\b|\bhas risen to\b", re.IGNORECASE)
_RETALIATION = re.compile(
    r"\b(?:followed|follows|came after|comes after|in retaliation for|in response to|retaliat\w* for|to avenge|"
    r"avenging)\b[^.]{0,25}\b(?:killing|attack|attacks|death|deaths|bombing|assassination|downing)\b", re.IGNORECASE)
_PERSON_BEFORE = re.compile(
    r"\b(?:Lieutenant|Lt\.?|Sergeant|Sgt\.?|Colonel|Col\.?|Captain|Capt\.?|General|Gen\.?|Major|Brigadier|"
    r"Corporal|Private|Commander|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|Shaykh|Imam|Mullah|Abu|Umm|bin|ibn|"
    r"named|called|nicknamed|alias|aka|martyr|journalist|activist|spokesman|spokesperson|leader)\s+$")
_OWN_LOSSES = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:wounded\s+)?(?:fighters?|members?|troops|soldiers?|"
                         r"personnel|forces|officers?|men|elements|comrades|militiamen|commanders?|patrol|post|"
                         r"positions?|checkpoint|vehicle|base)\b", re.IGNORECASE)
_FINDERS = re.compile(r"\b(?:found|discovered|recovered|retrieved|located|identified|announced|said|reported)\b",
                      re.IGNORECASE)
_OWN_ACTION = re.compile(
    r"(?:\b(?:its|their|our)\s+(?:own\s+)?(?:warplanes?|forces|fighters|troops|units|jets|aircraft|drones?|artillery|"
    r"soldiers|men|air force|special forces)\s+(?:(?!(?:was|were|been|being|is|are)\b)\w+\s+)?|"   # not "were killed"
    r"^\W*(?:said|says|claimed|announced|stated)\s+(?:that\s+)?"
    r"(?:it|they)\s+(?:had\s+|have\s+|has\s+)?)(?:carried out|conducted|struck|hit|targeted|killed|attacked|"
    r"launched|shelled|bombed|destroyed|repelled|thwarted|foiled|arrested|captured|ambushed|raided|seized|"
    r"neutrali[sz]ed|eliminated|downed|shot down)\b", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(
    r"(?:^|\bthat\s+|,\s*|\band\s+)(?:it|they|the group|the organi[sz]ation|its (?:cells|fighters|militants|members)|"
    r"the (?:militants|jihadists|terrorists|extremists|insurgents|attackers|assailants))\b", re.IGNORECASE)
_UNKNOWN = re.compile(r"\b(?:unknown|unidentified|anonymous|masked)\s+(?:\w+\s+)?(?:gunmen|assailants|persons|"
                      r"attackers|men|people|individuals|armed men|group)\b", re.IGNORECASE)


# "ISIS also detonated a bomb on the road to X": a further incident, not a detail of the last one
_ANOTHER = re.compile(r"\b(?:also|another|separately|meanwhile|in addition|elsewhere|in a separate)\b", re.IGNORECASE)


_WORKER: Extractor | None = None


def _work(article: Article) -> tuple[Article, list[Event]]:
    assert _WORKER is not None
    return article, _WORKER._extract(article)


class Extractor:
    """Loads the language model, actor list, trigger lexicon and gazetteer once."""

    def __init__(self, options: Any = None, *, user_places: UserPlaces | None = None, gazetteer: Any = None,
                 nlp: Any = None, batch_prior: bool = False):
        """`user_places`: the places and aliases users added (marsad.store.places.read_user_places).
        `batch_prior`: an article that names no country and whose outlet is unknown takes
        the main country of the places found so far in this run (for batches of one-line
        reports from one theatre); off by default, so results do not depend on order."""
        from marsad.extract.actors import ActorMatcher
        from marsad.geo import Gazetteer, Geocoder

        self.options = options
        self.nlp = nlp or load_nlp()
        self.sentencizer = load_sentencizer()
        self.lexicon = TriggerLexicon.load()
        self.actors = ActorMatcher.load()
        if gazetteer is None:
            gazetteer = Gazetteer.load(user_places)
        self.gazetteer = gazetteer
        self.geocoder = Geocoder(gazetteer)
        self.batch_prior = batch_prior
        self._batch: dict[str, int] = {}             # countries of the places found so far in this run
        self._demonyms: dict[str, str] | None = None  # "russian" -> "RU", from the gazetteer's countries

    # -- public -----------------------------------------------------------------------------
    @staticmethod
    def prepare(article: Article) -> Article:
        """The text marsad reads: a bare URL becomes the words of its slug."""
        if _URL_ONLY.match(article.text):
            slug = re.sub(r"^https?://[^/]+/", "", article.text.strip())
            slug = re.sub(r"\b(?:19|20)\d\d/\d\d/\d\d\b|\.html?$|[/_-]+", " ", slug)
            words = [w if w in _SLUG_LOWER else w.capitalize() for w in re.sub(r"\s+", " ", slug).strip().split()]
            if words and words[0] in ("en", "ar", "fr"):
                words = words[1:]
            text = " ".join(words)
            return replace(article, text=text[:1].upper() + text[1:] if text else article.text)
        return article

    def extract(self, article: Article) -> list[Event]:
        return self._extract(self.prepare(article))

    def extract_many(self, articles: Iterable[Article], *, n_process: int = 1,
                     chunksize: int = 8) -> Iterator[tuple[Article, list[Event]]]:
        """Extract a stream of articles; with n_process > 1, forked workers share the
        loaded models (copy-on-write) and results come back in input order."""
        if n_process <= 1:
            for a in articles:
                a = self.prepare(a)
                yield a, self._extract(a)
            return
        import multiprocessing as mp

        global _WORKER
        _WORKER = self
        with mp.get_context("fork").Pool(n_process) as pool:
            yield from pool.imap(_work, (self.prepare(a) for a in articles), chunksize=chunksize)

    # -- the stages --------------------------------------------------------------------------
    def _parse(self, text: str, sentences: list[inc.Sentence], wanted: set[int]) -> dict[int, Any]:
        """Dependency parses of the sentences that may hold incidents, keyed by start offset."""
        first: dict[int, inc.Sentence] = {}
        for s in sentences:
            if s.start in wanted:
                first.setdefault(s.start, s)
        chosen = list(first.values())
        docs = self.nlp.pipe((text[s.start:s.end] for s in chosen), batch_size=64)
        return {s.start: d for s, d in zip(chosen, docs)}

    def _extract(self, article: Article) -> list[Event]:
        from marsad.extract.casualties import find_casualties
        from marsad.extract.dates import date_from_url, find_dates

        text = article.text
        published = article.published
        scope_date: tuple[date | None, int] = (published, 2)
        if published is None and (from_url := date_from_url(article.url)) is not None:
            published, prec = from_url                 # ".../2022/12/clash-in-panjshir/": a month
            scope_date = (published, max(2, prec))
        sentences = inc.split_sentences(text, self.sentencizer(text), article.title)
        triggers = self.lexicon.find(text)
        dates = find_dates(text, published)
        dates = sorted(dates + brief.earlier_dates(text, dates), key=lambda d: d.start)   # "came two days after ..."
        casualties = find_casualties(text)
        named = self.geocoder.context(text)          # what the article itself names (no priors)
        actor_mentions = self.actors.find(text, country=getattr(named, "main_country", None))
        ctx = self._context(article, named, actor_mentions)
        reference = published or max((d.value for d in dates if d.value and d.year_explicit), default=None)

        mentions: list[inc.Mention] = []
        scope_place: Place | None = None
        last_para_place: dict[int, Place] = {}
        unplaced: list[tuple[Any, ...]] = []        # incidents told without a place marsad knows
        for sent in sentences:
            s_trig = [t for t in triggers if sent.start <= t.start < sent.end]
            filed = [d for d in dates if sent.start <= d.start < sent.end and _in_dateline(text, sent, d)]
            if filed and not mentions and filed[0].value is not None and filed[0].precision == 1 \
                    and (published is None or filed[0].value <= published):
                scope_date = (filed[0].value, 1)      # "KABUL, June 19 (Reuters) -": the day it was filed
            s_dates = [_relative_to_scope(d, scope_date[0], published) for d in dates
                       if sent.start <= d.start < sent.end and not _in_dateline(text, sent, d)]
            s_cas = [c for c in casualties if sent.start <= c.start < sent.end]
            day_dates = [d for d in s_dates if d.value is not None and d.precision <= 2]
            background = any(inc.is_background(d.value, d.precision, reference) for d in s_dates
                             if d.value is not None) and not any(
                not inc.is_background(d.value, d.precision, reference) for d in day_dates)
            if any(d.precision >= 4 and d.kind != "vague" for d in s_dates) and not day_dates:
                background = True
            claim = bool(mentions) and bool(_CLAIM.search(text[sent.start:sent.end]))
            if (unplaced or mentions) and brief.is_roundup(text, sent):     # "The fallen districts are X, Y and Z"
                places = [p for p in self.geocoder.places_in(text, sent.start, sent.end, ctx) if p.latitude is not None]
                listed = brief.roundup_mentions(mentions, unplaced, places, sent, text, scope_date, published)
                mentions += listed
                if listed:
                    continue
            if not s_trig and not s_cas and not claim:
                if day_dates and not background and not sent.is_title:
                    scope_date = (day_dates[0].value, day_dates[0].precision)
                    if mentions and inc.refers_back(text, sent):
                        inc.date_from_follow_up(mentions[-1], day_dates, text, sent)   # "The incident took place on Thursday"
                continue
            s_act = [a for a in actor_mentions if sent.start <= a.start < sent.end]
            places = self.geocoder.places_in(text, sent.start, sent.end, ctx)
            places = [p for p in places if _place_ok(text, p, s_act, named)]
            # a weapon named with its user ("Turkish drone", "regime warplanes") still reports a strike
            s_trig = [t for t in s_trig if t.category in WEAPONS or t.category in ("protest", "riot", "mob")
                      or not any(a.start <= t.start < a.end for a in s_act)]       # "protesters" is both
            blocked = [(p.start, p.end) for p in places if p.start is not None and p.end is not None]
            blocked += [(d.start, d.end) for d in s_dates]
            live = inc.live_triggers(text, sent, s_trig, blocked, bool(day_dates))
            if background:
                continue
            if day_dates and not sent.is_title:
                scope_date = (day_dates[0].value, day_dates[0].precision)
            if places:
                usable = [p for p in places if p.latitude is not None]
                if usable:
                    last_para_place[sent.paragraph] = inc.best_place(text, usable) or usable[0]
            if mentions and _DIED_OF_WOUNDS.search(text[sent.start:sent.end]) and not inc.is_generic(text, sent):
                mentions[-1].details.append((sent.start, sent.end))
                continue
            if claim and _same_story(mentions[-1], sent) and _near(places, mentions[-1].place) and not any(
                    d.value != mentions[-1].date_value for d in day_dates) \
                    and not inc.claims_another_act(text, sent, places, mentions[-1].place):
                mentions[-1].details.append((sent.start, sent.end))       # "ISIS claimed the attack"
                continue
            if not live:
                if mentions and day_dates and inc.refers_back(text, sent):
                    inc.date_from_follow_up(mentions[-1], day_dates, text, sent)   # "The incident took place on Thursday"
                if mentions and _same_story(mentions[-1], sent) and not inc.is_generic(text, sent) and (
                        (s_cas and not places) or (claim and _near(places, mentions[-1].place))):
                    mentions[-1].details.append((sent.start, sent.end))   # toll, or who claimed it
                continue
            chains = inc.place_chains(text, places)
            groups = inc.group_triggers(text, live, chains)
            opened = False
            bounds = _clause_bounds(text, sent, groups, chains)
            for (trig, chain_idx), (c0, c1) in zip(groups, bounds):
                has_count = any(c.count for c in s_cas)
                if not inc.opens_event(trig, has_count, sent.is_title and chain_idx is not None):
                    continue
                place = inc.best_place(text, chains[chain_idx]) if chain_idx is not None else None
                own = place is not None and not inc.road_end(text, place)
                armed = [a for a in s_act if a.name != "Civilians" and a.kind != "civilians"]
                only_harm = all(t.category == "harm" for t in trig) and (
                    not armed or not any(t.text.lower().startswith("kill") for t in trig))
                if not own and (_RETALIATION.search(text[sent.start:sent.end]) or only_harm):
                    if only_harm and mentions and _same_story(mentions[-1], sent):
                        mentions[-1].details.append((sent.start, sent.end))
                    continue                                  # "the strikes followed the killing of ..."
                if not own:
                    road_place = place
                    new_day = any(d.value is not None and d.precision == 1 and d.value != mentions[-1].date_value
                                  for d in s_dates) if mentions else True
                    another = road_place is not None and bool(mentions) \
                        and bool(_ANOTHER.search(text[c0:trig[0].start])) \
                        and not _near([road_place], mentions[-1].place, km=10)
                    if mentions and not another and (
                            (_same_story(mentions[-1], sent) and not new_day) or inc.refers_back(text, sent)):
                        mentions[-1].details.append((sent.start, sent.end))
                        inc.date_from_follow_up(mentions[-1], day_dates, text, sent)   # "The attacks were carried out on Monday"
                        cats = {t.category for t in trig}
                        if inc.refers_back(text, sent):
                            cats.discard("attack")            # "claimed the attack" names no new act
                        mentions[-1].categories |= cats
                        continue
                    place = road_place or last_para_place.get(sent.paragraph) or scope_place
                    if place is None:
                        if not brief.is_policy(text[c0:c1]):
                            unplaced.append((sent, trig, c0, c1, s_dates))
                        continue
                elif mentions and place is not None and inc.refines(mentions[-1].place, place) and inc.refers_back(text, sent):
                    # "... in the west of Oromia. The attacks were carried out on Monday in Haro": where it was
                    mentions[-1].place = place
                    mentions[-1].details.append((sent.start, sent.end))
                    inc.date_from_follow_up(mentions[-1], day_dates, text, sent)
                    continue
                elif mentions and place is not None and _same_spot(mentions[-1].place, place) \
                        and inc.refers_back(text, sent) \
                        and not any(d.value is not None and not inc.reporting_date(text, d) for d in s_dates):
                    # "The attack on the patrol took place near Tongo Tongo": the incident before, told again
                    mentions[-1].details.append((sent.start, sent.end))
                    continue
                d_here = [d for d in s_dates if d.value is not None and not inc.reporting_date(text, d)]
                if d_here:
                    own_d = [d for d in d_here if c0 <= d.start < c1]    # "... on Monday and abducted ten in Y on Wednesday"
                    own_d = [d for d in own_d if not (d.kind == "relative" and any(     # "overnight on Monday": Monday
                        0 <= x.start - d.end <= 4 for x in own_d))] or own_d
                    dm = min(own_d or d_here, key=lambda d: abs(d.start - trig[0].start))
                    dval, dprec, explicit = dm.value, max(1, min(dm.precision, 3)), True
                else:
                    dval, dprec = scope_date
                    explicit = False
                    if dval is None and published is not None:
                        dval, dprec = published, 2
                m = inc.Mention(sent, trig, place, own, dval, dprec, explicit, c0, c1)
                m.categories = {t.category for t in trig}
                m = brief.adopt_unplaced(m, unplaced, text)
                if own and chain_idx is not None and place is not None:
                    m.also_at = inc.coordinated(text, chains[chain_idx], place)
                mentions.append(m)
                opened = True
            if opened and places:
                scope_place = mentions[-1].place
        if not mentions and unplaced and len(sentences) <= brief.BRIEF_SENTENCES:
            # a report of one incident at a place the gazetteer lacks is still an event, unplaced
            mentions.append(brief.unplaced_mention(unplaced, scope_date, published))
        self._last_perps: list[Any] = []
        self._air_owner = ""                          # who flew the article's earlier air strikes
        # parse only the sentences whose incidents name actors: roles come from the parse
        wanted = {m.sentence.start for m in mentions
                  if any(m.sentence.start <= a.start < m.sentence.end for a in actor_mentions)}
        parses = self._parse(text, [m.sentence for m in mentions], wanted)
        told = [(self._to_event(article, m, actor_mentions, casualties, i, ctx, parses.get(m.sentence.start)),
                 m.place_own and not inc.refers_back(text, m.sentence) and not m.sentence.is_title, m.also_at)
                for i, m in enumerate(mentions)]
        also = {id(e): at for e, _, at in told if e is not None and at}
        events = _merge_within_article([(e, fresh) for e, fresh, _ in told if e is not None])
        events = _one_per_location(events, also)
        for i, e in enumerate(events):
            e.index = i
            claims = re.findall(r"\[claimed toll: \d+\]", e.notes or "")      # a party's own figure stays
            e.notes = " ".join([acled_note(e), *claims])   # when, who, what, where, toll and its source
        self._learn_batch(events)
        return events

    def _context(self, article: Article, named: Any = None, actors: list[Any] | None = None) -> Any:
        """The article's geographic context (`article_context`), with the batch's main
        country as the last prior when `batch_prior` is on."""
        return article_context(self.geocoder, article, actors or [], self.actors.actors, named,
                               batch=self._batch_country() if self.batch_prior else None)

    def _batch_country(self) -> str | None:
        total = sum(self._batch.values())
        if total < 5:
            return None
        cc, n = max(self._batch.items(), key=lambda kv: kv[1])
        return cc if n / total >= 0.6 else None

    def _learn_batch(self, events: list[Event]) -> None:
        for e in events:
            if e.place is not None and e.place.country_code and e.place.geo_precision <= 2:
                self._batch[e.place.country_code] = self._batch.get(e.place.country_code, 0) + 1

    def _air_named_before(self, text: str, m: inc.Mention) -> str:
        """The state whose strikes the article named before this incident ("a series of Israeli air strikes")."""
        from marsad.extract.roles import find_state_weapons, state_mention

        here = m.place.country_code if m.place is not None else None
        for w in reversed(find_state_weapons(text, 0, m.start, self._demonyms or {})):
            if w.use == "strike" and not w.stopped and w.country_code and _AIR.search(text, w.start, w.end):
                a = state_mention(text, w, here, self.actors.actors, self.gazetteer.countries)
                return a.name if a is not None else ""
        return ""

    # -- one incident -> one Event ---------------------------------------------------------
    def _to_event(self, article: Article, m: inc.Mention, actor_mentions: list[Any], casualties: list[Any],
                  index: int, ctx: Any, doc: Any = None) -> Event | None:
        text = article.text
        sent = m.sentence
        spans = [(sent.start, sent.end)] + m.details
        clause = [(m.start, m.end)] + m.details
        s_act = [a for a in actor_mentions if any(a0 <= a.start < a1 for a0, a1 in clause)]
        if m.place is not None:                       # "the army" is the army of the event's country
            s_act = self.actors.localise(s_act, m.place.country_code)
        perps, victims, sources = _roles(text, sent, m, s_act, doc)
        perps, victims = roles.present_only(text, *roles.former_members(text, perps, victims))
        perps, victims = roles.named_behind(text, perps, victims, s_act, self.actors.actors)
        if self._demonyms is None:
            self._demonyms = {d.lower(): cc for cc, c in self.gazetteer.countries.items() for d in c.demonyms}
        perps, victims = weapon_owners(text, m.start, m.end, m.place, perps, victims,
                                       self._demonyms, self.actors.actors, self.gazetteer.countries)
        if not perps and self._last_perps and (_PRONOUN_SUBJ.search(text[m.start:m.end]) or m.start > sent.start
                                               or roles.ANAPHOR_SUBJECT.search(text[m.start:m.end])):
            perps = self._last_perps
        perps, victims = roles.anaphor_first(text, m.start, m.triggers[0].start, perps, victims, self._last_perps)
        if perps:
            self._last_perps = perps
        killed, injured, claimed = incident_toll(text, casualties, clause, m.categories)
        sent_text = text[sent.start:sent.end]
        force = None
        pre = text[m.start:m.triggers[0].start] if m.triggers[0].start >= m.start else ""
        state_told = _state_subject(pre) and not _SOURCE_ONLY.search(pre)
        if m.place is not None and m.place.country and not any(m.start <= p.start < m.triggers[0].start for p in perps) \
                and state_told:
            # "Army units advanced ...", "the army killed 15 terrorists": the state's forces acted
            force = f"Military Forces of {m.place.country}"
            victims, perps = _dedupe(perps + victims), []
        # "killed four soldiers and a civilian driver": an attack on the state's forces is a battle
        armed_dead = any(c.kind == "killed" and (_SOLDIERS.search(c.who) or _POLICE.search(c.who))
                         for c in casualties if any(a <= c.start < b for a, b in clause))
        if armed_dead and victims and all(v.name == "Civilians" or v.kind == "civilians" for v in victims):
            victims = []                              # the soldiers are the side attacked
        civilian_victims = bool(_CIVILIAN_WORDS.search(sent_text)) and not victims and not armed_dead
        if civilian_victims and not any(v.name == "Civilians" for v in victims):
            victim_kind = "civilians"
        elif victims:
            victim_kind = victims[0].kind or "state"
        elif armed_dead or _ARMED_VICTIM_WORDS.search(sent_text):
            victim_kind = "state"
        else:
            victim_kind = ""
        state_subject = force is not None or (m.place is None and not perps and state_told)
        actor1_kind = "state" if state_subject else perps[0].kind if perps else ""
        event_type, sub = classify(m.categories, actor1_kind=actor1_kind, victim_kind=victim_kind,
                                   actor1_state=actor1_kind in ("state", "external"))
        names1 = [force] if force else _names(perps)
        names2 = _names(victims)
        if not names1 and (sub == "Attack" or m.categories & {"ied", "explosion"}) and _UNKNOWN.search(sent_text):
            names1 = ["Unidentified Armed Group"]
        if not names1 and (unnamed_acted(sub, sent_text)):
            names1 = ["Unidentified Armed Group"]     # "militants attacked", "a suicide bomber struck"
        if event_type == "Violence against civilians" and "Civilians" not in names2 and victim_kind == "civilians":
            names2 = ["Civilians"] + names2
        elif event_type == "Explosions/Remote violence" and not names2 and victim_kind == "civilians":
            names2 = ["Civilians"]                    # "one person was killed in Russian shelling of the city"
        if not names2 and event_type in ("Battles", "Explosions/Remote violence") and m.place is not None:
            clause_text = text[m.start:m.end]
            told = [a for a in s_act if a.text in sources]      # "cited the army as saying": a source
            for p in perps + told:           # "Syrian army warplanes hit ...": that army is the one acting
                if m.start <= p.start < m.end:
                    clause_text = clause_text[:p.start - m.start] + " " * (p.end - p.start) + clause_text[p.end - m.start:]
            generic = _generic_state_force(clause_text, m.place)
            if generic and generic not in names1:
                names2 = [generic]
        if sub == "Peaceful protest":
            # the protesters act; what they protest against ("the regime") is no party to it
            names1 = ["Protesters"] + [n for n in names1 if n not in ("Protesters", "Rioters")]
            names2 = []
        if sub == "Air/drone strike":
            # only states and a few armed groups fly: "a series of Israeli air strikes ... an airstrike on X"
            owner = self._air_owner or self._air_named_before(text, m)
            if not names1 and owner and owner not in names2:
                names1 = [owner]
            elif names1 and not self._air_owner:
                self._air_owner = names1[0]
        names2 = [n for n in names2 if n not in names1]
        if m.place is not None and m.place.country:           # ACLED: "Unidentified Armed Group (Nigeria)"
            names1 = [of_country(n, m.place.country) for n in names1]
            names2 = [of_country(n, m.place.country) for n in names2]
        if not names1 and names2 and event_type == "Strategic developments" and sub != "Disrupted weapons use":
            names1, names2 = names2, []
        source = _source_line(article, sources)
        first_role = "title" if sent.is_title else "trigger"
        evidence = [Evidence(text[a:b], a, b, first_role if k == 0 else "detail") for k, (a, b) in enumerate(spans)]
        note = " ".join(text[a:b].strip() for a, b in spans)
        if claimed is not None:
            note = f"[claimed toll: {claimed}] " + note        # a party's own figure, not the toll
        if len(note) > 600:
            note = note[:597] + "..."
        return Event(
            doc_id=article.doc_id, event_type=event_type, sub_event_type=sub,
            event_date=m.date_value, time_precision=m.time_precision,
            actor1=names1[0] if names1 else "", assoc_actor_1="; ".join(names1[1:]),
            actor2=names2[0] if names2 else "", assoc_actor_2="; ".join(names2[1:]),
            place=m.place, fatalities=killed, injuries=injured, source=source, notes=note,
            evidence=evidence, index=index,
        )


@lru_cache(maxsize=1)
def _outlet_table() -> tuple[tuple[str, str], ...]:
    rows = []
    for ln in (ln for _, text in datafiles.texts("outlets.csv") for ln in text.splitlines()):
        if ln.strip() and not ln.startswith("#") and not ln.startswith("match,"):
            m, _, cc = ln.rpartition(",")
            rows.append((m.strip().lower(), cc.strip().upper()))
    return tuple(rows)


def article_context(geocoder: Any, article: Article, actors: list[Any], table: dict[str, Any],
                    named: Any = None, batch: str | None = None) -> Any:
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


def _actor_countries(actors: list[Any], table: dict[str, Any]) -> tuple[str, ...]:
    """Where the article's national armed actors fight: the country most of them belong
    to, with the wars it fights abroad ("Russian forces near Palmyra": Russia or Syria)."""
    counts: dict[str, int] = {}
    for a in actors:
        cc = getattr(a, "country", "") or ""
        if cc and not getattr(a, "source_only", False) and a.kind in ("state", "rebel", "militia"):
            counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return ()
    cc, n = max(counts.items(), key=lambda kv: kv[1])
    if n * 2 <= sum(counts.values()):
        return ()
    abroad: set[str] = set()
    for a in actors:
        if getattr(a, "country", "") == cc and a.name in table:
            abroad |= set(table[a.name].theatres)
    return (cc, *sorted(abroad - {cc}))


def _outlet_country(article: Article) -> str | None:
    hay = f"{article.outlet or ''} {article.url or ''}".lower()
    if not hay.strip():
        return None
    return next((cc for m, cc in _outlet_table() if m in hay), None)


_AGENCY_AFTER = re.compile(
    r"^['’s]*\s*(?:news\s+)?(?:agency|tv|television|channel|radio|newspaper|daily|outlet|website|news|network|"
    r"media|press|observatory|statement|correspondent|reporter)\b"
    r"|^['’s]*\s*(?:provincial\s+|governorate\s+)?(?:police|security|operations|military|health|civil defen[cs]e)\s+"
    r"(?:command|directorate|media|cell|spokesm[ae]n|office|source|sources|council|department|official)s?\b"
    r"[^.]{0,25}\b(?:said|says|reported|announced|stated|added|confirmed)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^[\s\W]*[A-Z][A-Za-z .'’-]{1,40},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                       r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-–—:]")
_EARLIER = re.compile(r"\b(?:earlier|before|previous|prior)\b", re.IGNORECASE)


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


def _place_ok(text: str, p: Place, actors: list[Any], ctx: Any) -> bool:
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


def _in_dateline(text: str, sent: inc.Sentence, d: Any) -> bool:
    """"BAGHDAD, Aug 3 (LNA) -": the date the story was filed, not when things happened."""
    return d.start - sent.start < 45 and bool(_DATELINE.match(text[sent.start:min(sent.end, d.end + 30)]))


def _relative_to_scope(d: Any, scope: date | None, published: date | None) -> Any:
    """"A day earlier" / "the next day" count from the date in scope, not from publication."""
    offset = getattr(d, "offset_days", None)
    if scope is None or d.kind != "relative":
        return d
    if d.value is None and offset is not None:
        return replace(d, value=scope + timedelta(days=offset), precision=1)
    if published is None or d.value is None or not _EARLIER.search(d.text) or scope >= published:
        return d
    return replace(d, value=scope - (published - d.value))


def _plausible_country(p: Place, ctx: Any) -> bool:
    """A country alone is context, not an incident's place (but a village the gazetteer
    lacks, named with its country, is kept there: "in Tindikoro, Mali"); a village in a
    country the article never hints at is a namesake, not the place."""
    if p.geo_precision >= 3 and not p.admin1 and p.location == p.country:
        return False
    countries = getattr(ctx, "countries", None) or {}
    if not countries or not p.country_code or max(countries.values()) < 1.0:
        return True                                   # no country named outright: no veto
    top = max(countries.values())
    allowed = {cc for cc, w in countries.items() if w >= 1.0 and w >= top / 4}
    allowed |= {cc for cc, _ in (getattr(ctx, "admin1", None) or {}) if countries.get(cc, 0) >= 0.5}
    return p.country_code in allowed or (p.geo_precision >= 2 and countries.get(p.country_code, 0) > 0)


# the state's men or the places it holds: "attacked government positions", "pro-government sites",
# "a military outpost", "an army checkpoint"
_SOLDIERS = re.compile(r"\b(?:soldiers?|troops|army|(?:military|(?:pro-)?government) (?:base|post|outpost|detachment|"
                       r"convoy|patrol|position|site|checkpoint|camp|barrack)s?|servicem[ae]n|conscripts?)\b",
                       re.IGNORECASE)
_POLICE = re.compile(r"\b(?:police(?:m[ae]n)?|gendarmes?|gendarmerie)\b", re.IGNORECASE)


# the unnamed army as the subject of a clause, before its verb ("Army units advanced", "the army killed")
_FORCE_SUBJECT = re.compile(
    r"(?:^|[.,;:]\s*|\b(?:the|our|syrian|iraqi|government|regime|national)\s+|^\W*[A-Z][\w-]+(?: [A-Z][\w-]+)?\s+)"
    r"(?:army|armed forces|army units|units of the army|army and armed forces|military units|troops|"
    r"security forces|government forces)\b(?!['’]s)", re.IGNORECASE)
_NON_STATE_AFTER = re.compile(r"\s+(?:fighters|rebels|militants|insurgents|militia)\b", re.IGNORECASE)  # "Arakan Army fighters"
_PASSIVE_END = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$|\b(?:\d+|two|three|four|five|six|"
                          r"seven|eight|nine|ten|several|dozens of|many)\s+(?:\w+\s+)?(?:soldiers|troops)\b", re.IGNORECASE)


def _state_subject(pre: str) -> bool:
    """The clause before the act names an unnamed state force as its subject ("the army ...")."""
    subject = _FORCE_SUBJECT.search(pre)
    return subject is not None and not _PASSIVE_END.search(pre) and not _NON_STATE_AFTER.match(pre[subject.end():]) \
        and not roles.NON_STATE_ARMY.search(pre[subject.start():subject.end()])
_AIR = re.compile(r"\b(?:air|drones?|warplanes?|jets?|aircraft|helicopters?|gunships?)\b", re.IGNORECASE)
# "The army said militants attacked ...": the army tells the story; "the army said its troops killed": it acted
_SOURCE_ONLY = re.compile(r"\b(?:army|military|forces|troops)\s+(?:has\s+|had\s+)?(?:said|says|reported|announced|"
                          r"stated|confirmed)\b(?!\s+(?:that\s+)?(?:it|its|their|they)\b)", re.IGNORECASE)


def _generic_state_force(clause: str, place: Place) -> str | None:
    """"killing seven soldiers" with no named army: the state forces of the place's country,
    named as ACLED names them ("Military Forces of Nigeria")."""
    if not place.country:
        return None
    if _SOLDIERS.search(clause):
        return f"Military Forces of {place.country}"
    if _POLICE.search(clause):
        return f"Police Forces of {place.country}"
    return None


def _clause_bounds(text: str, sent: inc.Sentence, groups: list[tuple[list[Any], int | None]],
                   chains: list[list[Place]]) -> list[tuple[int, int]]:
    """Each incident's clause: from the sentence start (or the previous clause's end) to the
    first ", and" / ";" / ", while" after its place chain (or the sentence end)."""
    bounds: list[tuple[int, int]] = []
    start = sent.start
    for k, (trig, chain_idx) in enumerate(groups):
        if k + 1 == len(groups):
            bounds.append((start, sent.end))
            break
        nxt = groups[k + 1][0][0].start
        after = max([t.end for t in trig] + ([chains[chain_idx][-1].end or 0] if chain_idx is not None else []))
        cut = nxt
        if after < nxt:
            for mm in re.finditer(r",?\s+and\b|;|,\s+while\b|,\s+as\b|,\s+whereas\b", text[after:nxt]):
                if "and" in mm.group() and re.search(r"\bbetween\s+(?:[^,;]*)$", text[after:after + mm.start()]):
                    continue                          # "fighting in X between the army and militants"
                cut = after + mm.start()
                break
        bounds.append((start, max(cut, start + 1)))
        start = cut
    return bounds


def _same_story(prev: inc.Mention, sent: inc.Sentence) -> bool:
    """A sentence soon after an incident, in the same or the next paragraph."""
    return (sent.paragraph - prev.sentence.paragraph) <= 1 and sent.start - prev.sentence.end < 700


ACTION_NOUNS = frozenset({
    "attack", "attacks", "ambush", "operation", "operations", "bombing", "offensive", "assault", "raid",
    "raids", "shelling", "strike", "strikes", "airstrike", "airstrikes", "infiltration", "cells", "cell",
    "fighters", "militants", "gunmen", "forces", "force", "members", "drone", "drones", "warplanes",
    "incursion", "advance", "campaign", "fire",
})
VICTIM_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "toward", "towards", "into"})
PASS_THROUGH = frozenset({"compound", "amod", "appos", "conj", "nmod", "nummod", "det", "cc", "npadvmod",
                          "punct", "quantmod", "case", "prep", "poss"})


_ACTION_VERB = re.compile(
    r"^(?:launch|carr|conduct|claim|detonat|plant|fir|target|attack|seiz|took|tak|captur|kidnap|abduct|kill|"
    r"ambush|storm|execut|behead|foil|repel|repuls|shell|bomb|struck|strik|hit|shot|shoot|assassinat|arrest|"
    r"detain|raid|clash|fought|fight|infiltrat|advanc|stormed|set|burn|destroy|blew|explod|overr|recaptur|"
    r"retook|regain|liberat|gain|intercept|down|thwart|defus|dismantl|wound|injur|escap|free|releas|"
    r"lob|hurl|throw|threw|open|exchang|engag|assault|push|drove|drive|besieg|surround|bombard|mortar|"
    r"neutrali|eliminat|target|hunt|pursu|chas)", re.IGNORECASE)
_TARGET_NOUN = re.compile(
    r"^(?:positions?|checkpoints?|posts?|bases?|vehicles?|patrols?|convoys?|members?|fighters?|soldiers?|"
    r"personnel|headquarters?|points?|barracks|officers?|commanders?|troops|units?|militiamen|elements?|"
    r"gatherings?|sites?|outposts?|cars?|trucks?|buses|bus|recruits|guards?|leaders?|ranks|locations?|"
    r"offices?|buildings?|compounds?|stations?|centers?|centres?|premises|homes?|houses?|"
    r"remnants|cells?|group|groups|force|forces|brigade|battalion|regiment|division|detachment|squad|team|"
    r"militants|gunmen|operatives|suspects?|emir|emirs|terrorists|jihadists|drone|drones|warplanes?|jets?|"
    r"aircraft|helicopters?|artillery|sniper|snipers)$", re.IGNORECASE)


_HARM_NOUN = re.compile(r"^(?:deaths?|killings?|injury|injuries|wounding|kidnapping|abduction|arrest|detention|"
                        r"execution|assassination|capture|murder|martyrdom|loss|losses|casualties)$", re.IGNORECASE)
# "backed by X" (an ally) and "manned by X" (the holder): X is on the side of the word they qualify
_ALLY_VERB = re.compile(r"^(?:backed|supported|assisted|aided|accompanied|helped|escorted|covered|"
                        r"manned|guarded|staffed|defended)$", re.IGNORECASE)
_LOSE_VERB = re.compile(r"^(?:abandon(?:ed|s)?|retreat(?:ed|s)?|withdr(?:ew|awn|aws?)|pulled|fled|evacuated|"
                        r"surrender(?:ed|s)?|los[te]s?)$", re.IGNORECASE)
_DIE_VERB = re.compile(r"^(?:die|dies|died|dying|perish\w*|succumb\w*|fell|killed|wounded|injured)$", re.IGNORECASE)


def _is_action(tok: Any, trigger_starts: set[int]) -> bool:
    return tok.idx in trigger_starts or bool(_ACTION_VERB.match(tok.lower_)) or tok.lower_ in ACTION_NOUNS


def role_from_parse(doc: Any, start: int, end: int, trigger_starts: set[int]) -> str | None:
    """'perp', 'victim' or 'other' (named but not a party) from the dependency path of an
    actor's words; None when the parse does not say.

    Subject of an action verb -> perp; object, passive subject, or the object of
    "on/against/targeting" -> victim; "by X" after an action -> perp; "X's attack" -> perp;
    "areas controlled by X", "outlets affiliated to X" -> other.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _token_role(span.root, trigger_starts)


def _token_role(t: Any, trigger_starts: set[int], nested: bool = False) -> str | None:
    for _ in range(8):
        dep = t.dep_
        head = t.head
        if head is t:
            return None
        if dep == "nsubj":
            if _DIE_VERB.match(head.lower_) and not any(c.dep_ == "dobj" for c in head.children):
                return "victim"
            if _LOSE_VERB.match(head.lower_):
                return "victim"                               # "troops abandoned the district": they lost it
            light = any(c.dep_ == "dobj" and c.idx in trigger_starts for c in head.children)
            return "perp" if light or _is_action(head, trigger_starts) else "other"   # "X made an airdrop"
        if dep == "nsubjpass":
            return "victim" if _is_action(head, trigger_starts) else "other"
        if dep in ("dobj", "dative", "oprd"):
            return "victim" if _is_action(head, trigger_starts) else "other"
        if dep == "pobj":
            prep = head.lower_
            gov = head.head
            if prep == "by" or head.dep_ == "agent":
                if _ALLY_VERB.match(gov.lower_):
                    # "the coalition, backed by the SDF, raided ...": the SDF is on the coalition's side;
                    # "attacked a checkpoint backed by Russian forces": on the checkpoint's
                    side = None if nested or gov.head is gov else _token_role(gov.head, trigger_starts, True)
                    return "victim" if side == "victim" else "ally" if side == "perp" else "other"
                return "perp" if _is_action(gov, trigger_starts) else "other"
            if prep in VICTIM_PREPS and _is_action(gov, trigger_starts):
                return "victim"
            if prep == "between":
                return "perp"                                 # "fighting (in X) between Y and Z": Y is actor1
            if prep == "of" and _HARM_NOUN.match(gov.lower_):
                return "victim"                               # "the death of two SDF members"
            if gov is head or not (_TARGET_NOUN.match(gov.lower_) or _is_action(gov, trigger_starts)):
                return "other"
            t = gov
            continue
        if dep == "poss":
            if head.lower_ in ACTION_NOUNS or head.idx in trigger_starts:
                return "perp"
            t = head
            continue
        if dep == "agent":
            return "perp"
        if dep in ("compound", "amod") and (head.lower_ in ACTION_NOUNS - {"forces", "force", "members", "fighters"}
                                            or head.idx in trigger_starts):
            return "perp"                                     # "an ISIS attack", "ISIS-claimed bombing"
        if dep in ("compound", "amod", "appos", "conj", "nmod", "nummod", "det", "punct", "quantmod", "cc"):
            t = head
            continue
        return None
    return None


def _roles(text: str, sent: inc.Sentence, m: inc.Mention, mentions: list[Any],
           doc: Any = None) -> tuple[list[Any], list[Any], list[str]]:
    perps: list[Any] = []
    victims: list[Any] = []
    sources: list[str] = []
    others: list[Any] = []
    allies: list[Any] = []
    first_trigger = m.triggers[0].start
    trigger_starts = {t.start for t in m.triggers}
    for a in mentions:
        after = text[a.end:a.end + 60]
        before = text[max(sent.start, a.start - 60):a.start]
        if not getattr(a, "source_only", False) and a.kind not in ("civilians", "unidentified") \
                and _CLAIMED_FIRST.match(re.split(r"[.;!?]", after, maxsplit=1)[0]):
            perps.append(a)                           # "JNIM said it was behind", "the Taliban claimed the killing"
            continue
        if getattr(a, "source_only", False) or _ATTRIB_AFTER.match(after) or _ATTRIB_BEFORE.search(before):
            sources.append(a.name if getattr(a, "source_only", False) else a.text)
            if not getattr(a, "source_only", False):
                told = text[a.end:next((b for s, b in m.details if s <= a.start < b), m.end)]   # its own sentence
                if _OWN_ACTION.search(told):
                    perps.append(a)                   # "the coalition said its warplanes struck ..."
                elif _OWN_LOSSES.search(told):
                    victims.append(a)                 # "the SDF said one of its fighters was killed"
            continue
        role = None
        if a.name == "Civilians":
            role = "victim"
        elif a.kind == "unidentified":
            role = "perp"
        elif doc is not None and sent.start <= a.start < sent.end:
            rel = {t - sent.start for t in trigger_starts}
            role = role_from_parse(doc, a.start - sent.start, a.end - sent.start, rel)
        if role == "other":
            others.append(a)
            continue
        if role == "ally":
            allies.append(a)
            continue
        if role is None and (_BY_BEFORE.search(before) or _CLAIMED_AFTER.match(after)):
            role = "perp"
        if role is None:
            if _TARGET_BEFORE.search(before) or (a.start > first_trigger and _TARGET_AFTER.match(after)):
                role = "victim"
            elif a.start < first_trigger:
                role = "perp"
            else:
                role = "victim"
        (perps if role == "perp" else victims).append(a)
    if not perps and not victims and others and not _FINDERS.search(text[sent.start:sent.end]):
        perps, victims = others[:1], others[1:2]
    perps = _dedupe(perps)
    victims = [v for v in _dedupe(victims) if v.name not in {p.name for p in perps}]
    if perps and perps[0].kind == "unidentified":
        named = _named_behind(text, perps[0], mentions)
        if named is not None:
            perps = [named] + [p for p in perps[1:] if p.name != named.name]
            victims = [v for v in victims if v.name != named.name]
    if len(perps) > 1 and not victims:
        perps, victims = perps[:1], perps[1:]
    if not perps and len(victims) > 1 and victims[0].name != "Civilians":
        perps, victims = victims[:1], victims[1:]
    if perps:                                         # allies of the side that acted: associated actors
        perps = perps + [a for a in _dedupe(allies) if a.name not in {p.name for p in perps + victims}]
    return perps, victims, sources


# claiming an incident: "claimed responsibility", "took full responsibility", "claimed the attack"
_CLAIMS = (r"(?:claimed|claims|claiming|took|takes|admitted|announced|bears?|bore)\s+(?:full\s+|its\s+)?responsibility|"
           r"claimed (?:the|this|that|both) (?:attacks?|bombings?|assault|operation|ambush|blast|explosion|killings?)|"
           r"(?:was|were) behind the (?:attack|bombing|blast|explosion|ambush|assault)")
# a sentence that only says who claimed the incident before it
_CLAIM = re.compile(rf"\b(?:{_CLAIMS})\b", re.IGNORECASE)


def _near(places: list[Place], last: Place | None, km: float = 30.0) -> bool:
    """No place named, or only places at (or within `km` of) the incident's own."""
    for p in places:
        if last is None or p.latitude is None or last.latitude is None:
            return False
        if _km(p.latitude, p.longitude or 0.0, last.latitude, last.longitude or 0.0) > km \
                and not (p.admin1 and p.admin1 == last.admin1 and p.geo_precision >= 3):
            return False
    return True


# "ISIS claimed responsibility for the attack" (often a sentence after the incident's own)
_CLAIMED_AFTER = re.compile(
    r"^['’s]*\W{0,3}(?:[\w-]+\s+){0,3}?(?:has\s+|had\s+|have\s+|later\s+|quickly\s+)?"
    rf"(?:{_CLAIMS}|claimed|claims|claiming|"
    r"said (?:it|its fighters|its members|its cells|they) (?:carried out|were behind|was behind|had carried out))",
    re.IGNORECASE)


# a claim of the incident itself, before any reading of "X said/claimed" as a source
_CLAIMED_FIRST = re.compile(
    r"^['’s]*\W{0,3}(?:[\w-]+\s+){0,3}?(?:has\s+|had\s+|have\s+|later\s+|quickly\s+)?"
    rf"(?:{_CLAIMS}|said (?:it|its fighters|its members|its cells|they) (?:carried out|were behind|was behind|"
    r"had carried out)|said (?:that )?(?:the|its|their) (?:\w+\s+)?(?:attacks?|operations?|bombings?|ambush|assault|"
    r"raid|strike)\W{0,3}(?:was|were|had been) (?:carried out|conducted|launched))", re.IGNORECASE)


_BELONG = re.compile(r"\b(?:belong(?:s|ing)?|affiliated|linked|loyal|believed to be|suspected|members of|of the)\b",
                     re.IGNORECASE)


def _named_behind(text: str, unknown: Any, mentions: list[Any]) -> Any:
    """"Gunmen believed to belong to ISIS" -> ISIS."""
    for a in mentions:
        if a.kind not in ("unidentified", "civilians") and a.name != "Civilians" and 0 <= a.start - unknown.end < 60 \
                and _BELONG.search(text[unknown.end:a.start]):
            return a
    return None


def _dedupe(ms: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for a in ms:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def _names(ms: list[Any]) -> list[str]:
    """ACLED-style names; a unit with a parent is coded as its parent, the unit as associate."""
    out: list[str] = []
    for a in ms:
        parent = getattr(a, "parent", "") or ""
        for n in ([parent, a.name] if parent else [a.name]):
            if n and n not in out:
                out.append(n)
    return out


def _source_line(article: Article, sources: list[str]) -> str:
    out: list[str] = []
    for s in [article.outlet or ""] + sources:
        s = s.strip(" ,.")
        if s and s.lower() not in {o.lower() for o in out}:
            out.append(s)
    return "; ".join(out)


def _one_per_location(events: list[Event], also: dict[int, list[Place]]) -> list[Event]:
    """An incident reported at several places joined by "and" becomes one event per place."""
    out = list(events)
    for e in events:
        for q in also.get(id(e), []):
            if any(o.place is not None and o.place.location == q.location and _family(o) == _family(e) for o in out):
                continue
            out.append(replace(e, place=q, fatalities=None, injuries=None, evidence=list(e.evidence),
                               notes=e.notes))
    return out


def _merge_within_article(events: list[tuple[Event, bool]]) -> list[Event]:
    """The same incident told twice in one article (headline and body, summary and detail).

    `fresh` marks an incident told in its own sentence with a place of its own and no
    word pointing back ("the attack", "the toll"): it joins an earlier one only at the
    very same place with the same toll."""
    out: list[Event] = []
    for e, fresh in events:
        target = next((o for o in out if _same_incident(o, e, fresh)), None)
        if target is None:
            out.append(e)
            continue
        _absorb(target, e)
    return out


def _family(e: Event) -> str:
    if e.sub_event_type in DEMONSTRATION_ORDER:
        return "demonstration"
    if e.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians") \
            or e.sub_event_type in ("Disrupted weapons use", "Looting/property destruction"):
        return "violence"
    return e.sub_event_type


def _same_incident(a: Event, b: Event, fresh: bool = False) -> bool:
    if _family(a) != _family(b):
        return False
    if a.evidence and b.evidence and a.evidence[0].start == b.evidence[0].start and a.place and b.place \
            and a.place.location != b.place.location:
        return False                  # clauses of one sentence kept apart for their own places
    if fresh and a.evidence and a.evidence[0].role != "title" and a.evidence[0].start != b.evidence[0].start:
        precise = a.place and b.place and max(a.place.geo_precision, b.place.geo_precision) <= 2
        same_toll_here = bool(a.fatalities and a.fatalities == b.fatalities and a.place and b.place
                              and _km(a.place.latitude or 0, a.place.longitude or 0,
                                      b.place.latitude or 0, b.place.longitude or 0) < 60)
        if precise and not same_toll_here:
            return False
    titled_a = bool(a.evidence) and a.evidence[0].role == "title"
    if a.event_date and b.event_date and abs((a.event_date - b.event_date).days) > 1 and not titled_a:
        return False
    pa, pb = a.place, b.place
    if pa is None or pb is None or pa.latitude is None or pb.latitude is None \
            or pa.longitude is None or pb.longitude is None:
        return False
    d = _km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)
    coarse = max(pa.geo_precision, pb.geo_precision)
    titled = any(v.role == "title" for v in a.evidence[:1] + b.evidence[:1])
    same_toll = bool(a.fatalities) and a.fatalities == b.fatalities
    a1, b1 = named_actor(a.actor1), named_actor(b.actor1)       # "Unidentified" conflicts with no one
    conflict = bool(a1 and b1 and a1 != b1 and a1 != b.actor2 and b1 != a.actor2)
    if conflict:
        return False
    if d < 3:
        return True
    within = coarse >= 3 and bool(pa.admin1 and pa.admin1 == pb.admin1)   # "in Abyan" ... "in Ahwar"
    if titled or same_toll:
        return d < 100 or within
    if coarse >= 3:
        return d < 100 or bool(pa.admin1 and pa.admin1 == pb.admin1)
    return False


def _same_spot(a: Place | None, b: Place) -> bool:
    """Two mentions of one place (within 3 km)."""
    return bool(a is not None and a.latitude is not None and a.longitude is not None
                and b.latitude is not None and b.longitude is not None
                and _km(a.latitude, a.longitude, b.latitude, b.longitude) < 3)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _absorb(into: Event, e: Event) -> None:
    pi, pe = into.place, e.place
    into_title = bool(into.evidence) and into.evidence[0].role == "title"
    if pe is not None and (pi is None or pe.geo_precision < pi.geo_precision or into_title):
        into.place = pe                           # the body's place over the headline's
    if into_title and e.evidence:
        into.evidence = e.evidence + into.evidence
    if into_title:
        # the body's toll over the headline's: a headline may add up several incidents
        # ("Five killed in ISIS attacks") or misstate one ("one officer and four others killed")
        into.fatalities = e.fatalities if e.fatalities else into.fatalities
        into.injuries = e.injuries if e.injuries else into.injuries
    else:
        into.fatalities = max(into.fatalities or 0, e.fatalities or 0) or into.fatalities or e.fatalities
        into.injuries = max(into.injuries or 0, e.injuries or 0) or into.injuries or e.injuries
    if e.time_precision < into.time_precision and e.event_date:
        into.event_date, into.time_precision = e.event_date, e.time_precision
    if into_title and named_actor(e.actor1) and e.actor1 != into.actor1:
        # the body names who acted: its roles over the headline's ("ISIS member killed ..." then
        # "... killed during an ISIS attack on an army checkpoint")
        into.actor1, into.assoc_actor_1 = e.actor1, e.assoc_actor_1
        if e.actor2 or into.actor2 == e.actor1:
            into.actor2, into.assoc_actor_2 = e.actor2, e.assoc_actor_2
    for f, other in (("actor1", "actor2"), ("actor2", "actor1")):
        mine, theirs = getattr(into, f), getattr(e, f)
        if theirs and theirs != getattr(into, other) and (not mine or not named_actor(mine) and named_actor(theirs)):
            setattr(into, f, getattr(e, f))
    if into.event_type != e.event_type and e.event_type == "Explosions/Remote violence":
        into.event_type, into.sub_event_type = e.event_type, e.sub_event_type
    if _family(into) == "demonstration" and \
            DEMONSTRATION_ORDER.index(e.sub_event_type) > DEMONSTRATION_ORDER.index(into.sub_event_type):
        into.event_type, into.sub_event_type = e.event_type, e.sub_event_type   # "... and some smashed windows"
    if not into_title:
        into.evidence.extend(e.evidence)
