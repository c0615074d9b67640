"""ingest -> extract -> store -> merge, one article at a time.

    from marsad.pipeline import Pipeline
    with Pipeline(options) as pipe:
        result = pipe.process(article)      # ProcessResult(doc_id, created, event_ids)

An article already stored (same URL, same text or same doc_id) is recognised
before extraction and changes nothing.  An article not in English is stored with
its language and no events (marsad codes English only; ProcessResult.coded False).  Each article is saved in one
transaction together with the merging of its reports into the stored
incidents, so a batch killed at any point leaves every article either saved and
merged, or not saved at all (a re-run then processes it again).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from marsad.config import Options
from marsad.ingest.language import detect_language
from marsad.records import Article, Event

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from marsad.extract.events import Extractor
    from marsad.store import Store


@dataclass(slots=True)
class ProcessResult:
    doc_id: str
    created: bool
    event_ids: list[int] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    coded: bool = True              # False: stored without extraction (not English)


class Pipeline:
    def __init__(self, options: Options | None = None, *, extractor: Extractor | None = None,
                 store: Store | None = None) -> None:
        from marsad.store import Store

        self.options = options or Options()
        self.store = store or Store.open(self.options.db)
        if extractor is None:
            from marsad.extract import Extractor
            from marsad.store.places import read_user_places
            extractor = Extractor(self.options, user_places=read_user_places(self.options.db))
        self.extractor = extractor

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def already_stored(self, article: Article) -> bool:
        keys = [("doc_id", article.doc_id), ("content_hash", article.content_hash)]
        if article.url:
            keys.append(("url", article.url))
        return any(self.store.find_document(**{k: v}) is not None for k, v in keys)

    def process(self, article: Article) -> ProcessResult:
        article = self.extractor.prepare(article)
        if self.already_stored(article):
            return ProcessResult(article.doc_id, False)
        if article.language in (None, "", "en"):
            article.language = detect_language(article.text)
        if article.language != "en":            # marsad codes English only: kept, not coded
            saved = self.store.save_article(article, [])
            return ProcessResult(article.doc_id, saved.created, coded=False)
        events = self.extractor.extract(article)
        saved = self.store.save_article(article, events, then=self._merge)
        return ProcessResult(article.doc_id, saved.created, list(saved.event_ids), events)

    @staticmethod
    def _merge(conn: Connection, event_ids: list[int]) -> None:
        """Merge the new reports, inside save_article's transaction."""
        from marsad.merge import merge_new

        merge_new(conn, event_ids)
