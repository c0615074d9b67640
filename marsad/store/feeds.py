"""The feed_items table: which feed items `marsad watch` already handled.

The store owns the database; `marsad.ingest.watch` polls feeds and asks a
`FeedState` (any object with the same methods) whether an item is new.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from marsad.store.schema import feed_items

_KEY_MAX = 2000


def _key(item_key: str) -> str:
    if len(item_key) <= _KEY_MAX:
        return item_key
    return "sha256:" + hashlib.sha256(item_key.encode("utf-8")).hexdigest()


class FeedState:
    """The feed_items table: which items were already handled."""

    def __init__(self, engine: Engine):
        self.engine = engine
        # feed URL -> (ETag, Last-Modified) of its last answer, for conditional GETs.  Kept in
        # memory: after a restart the first poll of each feed is a plain GET.
        self.validators: dict[str, tuple[str | None, str | None]] = {}

    def seen(self, feed_url: str, item_key: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(feed_items.c.id).where(
                    feed_items.c.feed_url == feed_url[:_KEY_MAX], feed_items.c.item_key == _key(item_key)
                )
            ).first()
        return row is not None

    def record(self, feed_url: str, item_key: str, status: str = "ok") -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(feed_items).values(
                        feed_url=feed_url[:_KEY_MAX],
                        item_key=_key(item_key),
                        status=status,
                        seen_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:  # another watcher recorded it first
            pass
