"""Run inputs through the pipeline (extract, store, merge) and count what happened.

from marsad.ingest.batch import ingest
with Pipeline(options) as pipe:
    summary = ingest(["examples/"], pipe, options, report=print)
print(summary.line())   # "12 articles read, 10 new, 2 already stored, 31 events, 0 inputs failed"
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from marsad.config import Options
from marsad.errors import InputError, MarsadError, RecordError, StoreError
from marsad.ingest.sources import expand_sources, read_sources
from marsad.records import Article

log = logging.getLogger(__name__)


class Processor(Protocol):
    """What ingest needs from marsad.pipeline.Pipeline."""

    def process(self, article: Article) -> Any: ...


@dataclass(slots=True)
class IngestSummary:
    read: int = 0  # articles read
    new: int = 0  # stored now
    known: int = 0  # already stored before
    events: int = 0  # events created
    failed: int = 0  # inputs (files, URLs, JSONL lines, feed items) that failed
    not_coded: int = 0  # stored now without events: not English

    def line(self) -> str:
        """One line for humans.

        >>> IngestSummary(12, 10, 2, 31, 1).line()
        '12 articles read, 10 new, 2 already stored, 31 events, 1 input failed'
        >>> IngestSummary(3, 3, 0, 2, 0, not_coded=1).line()
        '3 articles read, 3 new, 0 already stored, 2 events, 0 inputs failed; 1 of the new stored but not coded: not English (marsad codes English only)'
        """

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        line = (
            f"{n(self.read, 'article')} read, {self.new} new, {self.known} already stored, "
            f"{n(self.events, 'event')}, {n(self.failed, 'input')} failed"
        )
        if self.not_coded:
            line += (f"; {self.not_coded} of the new stored but not coded: not English "
                     "(marsad codes English only)")
        return line

    def add(self, result: Any) -> None:
        """Count one ProcessResult (doc_id, created, event_ids)."""
        self.read += 1
        if result.created:
            self.new += 1
            self.events += len(result.event_ids)
            self.not_coded += not getattr(result, "coded", True)
        else:
            self.known += 1


def process_one(pipe: Processor, article: Article) -> Any:
    """pipe.process(article); a failure of this article becomes an InputError naming it.

    A StoreError (the database itself is unusable) propagates: the batch cannot go on;
    a RecordError (this article cannot be stored as it is) is the article's own.
    """
    try:
        return pipe.process(article)
    except StoreError as e:
        if not isinstance(e, RecordError):
            raise
        raise InputError(e.message, article.origin or e.source or article.doc_id, fix=e.fix) from e
    except MarsadError as e:
        if not e.source:
            e.source = article.origin or article.doc_id
        raise InputError(e.message, e.source, fix=e.fix) from e
    except Exception as e:  # one article must not end the batch; the traceback is logged
        log.debug("processing %s failed", article.doc_id, exc_info=True)
        raise InputError(
            f"processing failed ({type(e).__name__}: {e})",
            article.origin or article.doc_id,
            fix="report this article to the marsad maintainers",
        ) from e


def ingest(
    sources: Iterable[str],
    pipe: Processor,
    options: Options | None = None,
    *,
    published: date | None = None,
    allow_undated: bool = False,
    outlet: str | None = None,
    report: Callable[[InputError], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read every input and process its articles; errors go to `report` and the batch goes on.

    `progress(source)` is called after each input (file, URL, folder member).
    """
    options = options or Options()
    summary = IngestSummary()
    for source in expand_sources(sources):
        if isinstance(source, InputError):
            summary.failed += 1
            if report:
                report(source)
            continue
        for item in read_sources(
            [source], options, published=published, allow_undated=allow_undated, outlet=outlet
        ):
            if isinstance(item, Article):
                try:
                    summary.add(process_one(pipe, item))
                    continue
                except InputError as e:
                    item = e
            summary.failed += 1
            if report:
                report(item)
        if progress:
            progress(source)
    return summary
