"""Poll RSS/Atom feeds and ingest their new items (`marsad watch`).

An item is recorded in ``feed_items`` only *after* its article has been saved
by the pipeline.  Stopped at any moment, a restart therefore never loses an
item; an item saved but not yet recorded is seen again, and the pipeline
recognises its article as already stored, so nothing is duplicated.

Items that fail for good (no text, no date, page gone) are recorded with
status "failed" and not retried; items whose page could not be fetched for a
reason that may pass (time-out, refused connection, server error) are not
recorded and are tried again at the next poll.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from marsad.config import Options
from marsad.errors import ConfigError, InputError
from marsad.ingest.batch import IngestSummary, Processor, process_one
from marsad.ingest.feeds import Feed, item_article, parse_feed, read_feed
from marsad.ingest.fetch import FEED_TYPES, PAGE_TYPES, RetryableFetchError, fetch_with_retries, make_client
from marsad.ingest.sources import finalize

log = logging.getLogger(__name__)


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs (or files), one per line; blank lines and # comments ignored.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "feeds.txt")
    >>> _ = open(p, "w").write("# news\\nhttps://example.org/rss  # main feed\\n\\n")
    >>> read_feeds_file(p)
    ['https://example.org/rss']
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such file", str(path), fix="give a file with one feed URL per line") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(
            f"cannot read ({e})", str(path), fix="give a UTF-8 text file, one feed URL per line"
        ) from None
    feeds = []
    for line in lines:
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if line and line not in feeds:
            feeds.append(line)
    if not feeds:
        raise InputError("no feeds listed", str(path), fix="put one RSS/Atom feed URL per line")
    return feeds


def parse_every(text: str) -> float:
    """Seconds from "90s", "15m", "2h", "1d" (a bare number means minutes).

    >>> parse_every("15m"), parse_every("90s"), parse_every("2")
    (900.0, 90.0, 120.0)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"not a polling interval: {text!r}", "--every", fix="write e.g. 30s, 15m, 2h or 1d")
    return float(m.group(1)) * {"s": 1, "": 60, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@dataclass(slots=True)
class PollSummary(IngestSummary):
    skipped: int = 0  # items seen at an earlier poll
    feeds: int = 0  # feeds asked for
    feeds_unchanged: int = 0  # answered 304 Not Modified: nothing to read
    feeds_failed: int = 0  # could not be read (after retries); counted in `failed` too

    def feeds_line(self) -> str:
        """How the feeds answered.

        >>> PollSummary(feeds=3, feeds_unchanged=1, feeds_failed=1).feeds_line()
        '3 feeds: 1 read, 1 unchanged, 1 failed'
        """
        read = self.feeds - self.feeds_unchanged - self.feeds_failed
        return (f"{self.feeds} feed{'' if self.feeds == 1 else 's'}: {read} read, "
                f"{self.feeds_unchanged} unchanged, {self.feeds_failed} failed")


class SeenItems(Protocol):
    """Which feed items were already handled (marsad.store.feeds.FeedState keeps them in
    the database's feed_items table) and the validators of each feed's last answer."""

    validators: dict[str, tuple[str | None, str | None]]

    def seen(self, feed_url: str, item_key: str) -> bool: ...

    def record(self, feed_url: str, item_key: str, status: str = "ok") -> None: ...


def poll_once(
    feeds: Iterable[str],
    pipe: Processor,
    state: SeenItems,
    options: Options | None = None,
    *,
    allow_undated: bool = False,
    stop: threading.Event | None = None,
    report: Callable[[InputError], None] | None = None,
) -> PollSummary:
    """Read each feed once and process its unseen items; returns the counts.

    Stops after the current item when `stop` is set.
    """
    options = options or Options()
    summary = PollSummary()
    with make_client(options) as client:
        for feed_url in feeds:
            if stop is not None and stop.is_set():
                break
            summary.feeds += 1
            try:
                feed = _read_feed(feed_url, state, options, client, stop)
            except InputError as e:
                summary.failed += 1
                summary.feeds_failed += 1
                if report:
                    report(e)
                continue
            if feed is None:
                summary.feeds_unchanged += 1
                continue
            for item in feed.items:
                if stop is not None and stop.is_set():
                    break
                if state.seen(feed_url, item.key):
                    summary.skipped += 1
                    continue
                try:
                    article = finalize(item_article(item, feed, options, client), allow_undated=allow_undated)
                    summary.add(process_one(pipe, article))
                except RetryableFetchError as e:  # may pass: not recorded, tried again next poll
                    summary.failed += 1
                    if report:
                        report(e)
                    continue
                except InputError as e:  # permanent: recorded as failed, not retried
                    summary.failed += 1
                    if report:
                        report(e)
                    state.record(feed_url, item.key, "failed")
                    continue
                state.record(feed_url, item.key, "ok")
    return summary


RETRIES = 3  # tries per feed within one poll (waits of 1 s, then 2 s)


def _read_feed(feed_url: str, state: SeenItems, options: Options, client: Any,
               stop: threading.Event | None) -> Feed | None:
    """The feed, or None when the server says it has not changed since the last poll
    (a conditional GET with the ETag / Last-Modified it sent then)."""
    if not feed_url.startswith(("http://", "https://")):
        return read_feed(feed_url, options)
    etag, modified = state.validators.get(feed_url, (None, None))
    wait = stop.wait if stop is not None else time.sleep
    got = fetch_with_retries(
        feed_url, options, attempts=RETRIES, sleep=wait, client=client, accept=FEED_TYPES + PAGE_TYPES,
        etag=etag, last_modified=modified,
        on_retry=lambda e, s: log.info("%s; trying again in %g s", e, s),
    )
    if got.not_modified:
        return None
    state.validators[feed_url] = (got.etag, got.last_modified)
    return parse_feed(got.body, feed_url)


def watch(
    feeds: list[str],
    pipe: Processor,
    state: SeenItems,
    options: Options | None = None,
    *,
    every: float = 900.0,
    once: bool = False,
    allow_undated: bool = False,
    stop: threading.Event | None = None,
    report: Callable[[InputError], None] | None = None,
    on_poll: Callable[[PollSummary], None] | None = None,
) -> int:
    """Poll until `stop` is set (or once); returns the number of polls made."""
    stop = stop or threading.Event()
    polls = 0
    while not stop.is_set():
        summary = poll_once(
            feeds, pipe, state, options, allow_undated=allow_undated, stop=stop, report=report
        )
        polls += 1
        if on_poll:
            on_poll(summary)
        if once or stop.wait(every):
            break
    return polls
