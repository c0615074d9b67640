"""Article -> [Event]: the extractor, the extraction stages in order.

    >>> ex = Extractor()
    >>> events = ex.extract(Article(doc_id="a", text="...", published=date(2020, 5, 21)))

    mentions      triggers (taxonomy), dates, casualty counts, actors, places (marsad.records)
    segment       sentences -> incidents, a state machine over the scope (segment.py)
    parties       who acted, who was hit, who told it (parties.py, roles.py)
    coding        incident -> candidate event: type, sub-type, actors, toll, each with its words (coding.py)
    merge         one incident told twice in the article is one event (article_merge.py)
    finish        one event per place, ACLED's note, the words of every field as evidence

Nothing about one article is kept on the extractor: each article gets its own
`Scope` (segment) and `ArticleMemory` (coding).  With `batch_prior` on, the
countries of a run's earlier events are the one thing carried from article to article.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from marsad.extract import brief
from marsad.extract import incidents as inc
from marsad.extract.article_merge import merge_within_article, one_per_location, within_rules
from marsad.extract.coding import ArticleMemory, Coder, words_at
from marsad.extract.context import article_context
from marsad.extract.nlp import load_nlp, load_sentencizer
from marsad.extract.notes import acled_note
from marsad.extract.segment import Dated, Finds, Scope, segment
from marsad.extract.taxonomy import TriggerLexicon
from marsad.records import ActorMention, Article, Candidate, Event, Evidence, Incident, Sentence, UserPlaces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from marsad.config import Options
    from marsad.geo import Gazetteer, GeoContext

__all__ = ["Extractor", "article_context"]

_SLUG_LOWER = frozenset([
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "near",
    "after", "before", "as", "its", "their", "his", "her", "is", "are", "was", "were", "be", "been",
    "kill", "kills", "killed", "killing", "wounded", "injured", "clashes", "clash", "attack", "attacks",
    "shelling", "shell", "shells", "bomb", "bombs", "raids", "raid", "airstrikes", "regime", "forces",
    "countryside", "city", "town", "village", "neighborhood", "western", "eastern", "northern",
    "southern", "east", "west", "north", "south"
])
_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")

_WORKER: Extractor | None = None


def _work(article: Article) -> tuple[Article, list[Event]]:
    assert _WORKER is not None
    return article, _WORKER._extract(article)


class Extractor:
    """Loads the language model, actor list, trigger lexicon and gazetteer once."""

    def __init__(self, options: Options | None = None, *, user_places: UserPlaces | None = None,
                 gazetteer: Gazetteer | None = None, nlp: Language | None = None, batch_prior: bool = False) -> None:
        """`user_places`: the places and aliases users added (marsad.store.places.read_user_places).
        `batch_prior`: an article that names no country and whose outlet is unknown takes
        the main country of the places found so far in this run (for batches of one-line
        reports from one theatre); off by default, so results do not depend on order."""
        from marsad.extract.actors import ActorMatcher
        from marsad.geo import Gazetteer, Geocoder

        self.options = options
        self.nlp: Language = nlp or load_nlp()
        self.sentencizer: Language = load_sentencizer()
        self.lexicon = TriggerLexicon.load()
        self.actors = ActorMatcher.load()
        if gazetteer is None:
            gazetteer = Gazetteer.load(user_places)
        self.gazetteer = gazetteer
        self.geocoder = Geocoder(gazetteer)
        self.coder = Coder(self.actors, gazetteer)
        self.batch_prior = batch_prior
        self._batch: dict[str, int] = {}             # countries of the places found so far in this run

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
    def read(self, article: Article) -> tuple[Finds, Scope]:
        """The article's mentions and the incidents they make (`Scope.incidents`), with the
        transition each sentence and clause took (`Scope.trace`); `article` as `prepare` left it."""
        finds, dated = self._find(article)
        scope = Scope(dated)
        segment(finds, self.geocoder, within_rules(), scope)
        return finds, scope

    def _extract(self, article: Article) -> list[Event]:
        finds, scope = self.read(article)
        cands = self._code(article, finds, scope.incidents)
        events = _finish(article.text, one_per_location(merge_within_article(cands)))
        self._learn_batch(events)
        return events

    def _find(self, article: Article) -> tuple[Finds, Dated]:
        """The mentions of one article, and the date in scope before its first sentence."""
        from marsad.extract.casualties import find_casualties
        from marsad.extract.dates import date_from_url, find_dates

        text = article.text
        published = article.published
        dated = Dated(published, 2)
        if published is None and (from_url := date_from_url(article.url)) is not None:
            published, prec = from_url                 # ".../2022/12/clash-in-panjshir/": a month
            dated = Dated(published, max(2, prec))
        sentences = inc.split_sentences(text, self.sentencizer(text), article.title)
        triggers = self.lexicon.find(text)
        dates = find_dates(text, published)
        dates = sorted(dates + brief.earlier_dates(text, dates), key=lambda d: d.start)   # "came two days after ..."
        casualties = find_casualties(text)
        named = self.geocoder.context(text)          # what the article itself names (no priors)
        actor_mentions = self.actors.find(text, country=named.main_country)
        ctx = self._context(article, named, actor_mentions)
        reference = published or max((d.value for d in dates if d.value and d.year_explicit), default=None)
        return Finds(text, published, reference, sentences, triggers, dates, casualties, actor_mentions,
                     named, ctx), dated

    def _code(self, article: Article, f: Finds, incidents: list[Incident]) -> list[Candidate]:
        """Each incident coded, its roles read off the parse of its sentence."""
        memory = ArticleMemory()
        # parse only the sentences whose incidents name actors: roles come from the parse
        wanted = {m.sentence.start for m in incidents
                  if any(m.sentence.start <= a.start < m.sentence.end for a in f.actors)}
        parses = self._parse(f.text, [m.sentence for m in incidents], wanted)
        out = []
        for m in incidents:
            c = self.coder.code(article, m, f.actors, f.casualties, memory, parses.get(m.sentence.start))
            c.fresh = m.place_own and not inc.refers_back(f.text, m.sentence) and not m.sentence.is_title
            c.also_at = m.also_at
            out.append(c)
        return out

    def _parse(self, text: str, sentences: list[Sentence], wanted: set[int]) -> dict[int, Doc]:
        """Dependency parses of the sentences that may hold incidents, keyed by start offset."""
        chosen = list({s.start: s for s in sentences if s.start in wanted}.values())   # each sentence once
        docs = self.nlp.pipe((text[s.start:s.end] for s in chosen), batch_size=64)
        return {s.start: d for s, d in zip(chosen, docs)}

    def _context(self, article: Article, named: GeoContext | None = None,
                 actors: list[ActorMention] | None = None) -> GeoContext:
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


def _finish(text: str, cands: list[Candidate]) -> list[Event]:
    """Number the events, write ACLED's note, and add the words of every field to the evidence."""
    events = []
    for i, c in enumerate(cands):
        e = c.event
        e.index = i
        claims = [f"[claimed toll: {c.claimed}]"] if c.claimed is not None else []   # a party's own figure stays
        e.notes = " ".join([acled_note(e), *claims])   # when, who, what, where, toll and its source
        e.evidence = e.evidence + field_evidence(text, c)
        events.append(e)
    return events


def field_evidence(text: str, c: Candidate) -> list[Evidence]:
    """The words each field of the candidate's event came from (Evidence.role: the field)."""
    e = c.event
    out: list[Evidence] = []
    if e.place is not None and e.place.start is not None and e.place.end is not None:
        out.append(Evidence(text[e.place.start:e.place.end], e.place.start, e.place.end, "place"))
    for role, name in (("actor1", e.actor1), ("actor2", e.actor2)):
        if name:
            w = c.who.get(name) or words_at(text, e.evidence[0].start, e.evidence[0].end, role)
            out.append(Evidence(w.text, w.start, w.end, role))
    for role in ("date", "fatalities", "type"):
        if role == "fatalities" and not e.fatalities:
            continue
        out.extend(Evidence(w.text, w.start, w.end, role) for w in c.fields.get(role, []))
    return out
