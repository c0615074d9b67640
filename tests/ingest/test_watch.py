"""`marsad watch` bookkeeping: new items only, restart-safe, failures handled.

The pipeline here is marsad's real Pipeline and Store (SQLite); only the
extraction stage is replaced by one that finds no events, so that these tests
exercise ingest's bookkeeping without loading the NLP models.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from marsad.config import Options
from marsad.errors import ConfigError, InputError
from marsad.ingest.watch import parse_every, poll_once, read_feeds_file, watch
from marsad.pipeline import Pipeline
from marsad.records import Article
from marsad.store import Store
from marsad.store.feeds import FeedState
from marsad.store.schema import documents, feed_items
from tests.store.backends import BACKENDS, pg_schema_url

FAST = Options(fetch_timeout=10)


class NoEvents:
    """The extraction stage, finding nothing (see the module docstring)."""

    def prepare(self, article: Article) -> Article:
        return article

    def extract(self, article: Article) -> list:
        return []


def rss(site, items: list[tuple[str, str | None, str]]) -> str:
    """An RSS feed; items are (guid, pubDate or None, body text)."""
    parts = []
    for guid, pub, body in items:
        pub_el = f"<pubDate>{pub}</pubDate>" if pub else ""
        parts.append(
            f"<item><title>{guid}</title><link>{site.base}/w/{guid}</link><guid>{guid}</guid>{pub_el}"
            f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Watch Test</title><link>{site.base}/</link>{''.join(parts)}</channel></rss>"
    )


def story(n: int) -> str:
    return (
        f"Gunmen attacked checkpoint number {n} on the road east of Palmyra on Monday, killing {n} soldiers "
        "and wounding several others, a local monitor said. The attackers withdrew towards the desert "
        "after a gunfight that lasted more than an hour, according to residents of nearby villages. "
        "No group claimed responsibility, but Islamic State cells have carried out similar attacks "
        "in the area in recent months, the monitor added in its daily report on the situation."
    )


PUB = "Mon, 13 May 2024 10:00:00 +0000"


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A migrated store on SQLite, and on PostgreSQL when MARSAD_TEST_PG_URL is set."""
    if request.param == "sqlite":
        s = Store.open(f"sqlite:///{tmp_path / 'watch.db'}")
        yield s
        s.close()
        return
    for url in pg_schema_url():
        s = Store.open(url)
        yield s
        s.close()


@pytest.fixture()
def pipe(store):
    return Pipeline(FAST, extractor=NoEvents(), store=store)


def count(store, table, *where):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_only_new_items_are_ingested(site, store, pipe):
    site.serve("/w1.rss", rss(site, [("a1", PUB, story(1)), ("a2", PUB, story(2))]), "application/rss+xml")
    state = FeedState(store.engine)
    first = poll_once([site.url("/w1.rss")], pipe, state, FAST)
    assert (first.read, first.new, first.skipped, first.failed) == (2, 2, 0, 0)
    second = poll_once([site.url("/w1.rss")], pipe, state, FAST)
    assert (second.read, second.skipped) == (0, 2)
    site.serve(
        "/w1.rss",
        rss(site, [("a3", PUB, story(3)), ("a1", PUB, story(1)), ("a2", PUB, story(2))]),
        "application/rss+xml",
    )
    third = poll_once([site.url("/w1.rss")], pipe, state, FAST)
    assert (third.read, third.new, third.skipped) == (1, 1, 2)
    assert count(store, documents) == 3
    assert count(store, feed_items, feed_items.c.status == "ok") == 3


def test_fetch_failures_are_retried_permanent_failures_are_not(site, store, pipe):
    feed = rss(site, [("ok1", PUB, story(4)), ("nodate", None, "Short teaser."), ("gone", PUB, "Teaser.")])
    site.serve(
        "/w2.rss", feed.replace(f"{site.base}/w/nodate", f"{site.base}/w/nodate-page"), "application/rss+xml"
    )
    # the page of "nodate" first fails with a server error, then exists but carries no date anywhere;
    # the page of "gone" is a 404: remembered as failed at once
    site.serve("/w/nodate-page", "<html><body>down</body></html>", status=503)
    state = FeedState(store.engine)
    errors: list[InputError] = []
    s1 = poll_once([site.url("/w2.rss")], pipe, state, FAST, report=errors.append)
    assert (s1.new, s1.failed) == (1, 2)
    assert "HTTP 503" in str(errors[0]) and "HTTP 404" in str(errors[1])
    assert count(store, feed_items) == 2  # the 503 is not remembered
    site.serve("/w/nodate-page", "<html><body><article><p>" + story(5) + "</p></article></body></html>")
    s2 = poll_once([site.url("/w2.rss")], pipe, state, FAST, report=errors.append)
    assert (s2.skipped, s2.failed) == (2, 1) and "no publication date found" in str(errors[2])
    assert count(store, feed_items, feed_items.c.status == "failed") == 2
    s3 = poll_once([site.url("/w2.rss")], pipe, state, FAST, report=errors.append)
    assert (s3.skipped, s3.failed) == (3, 0)


def test_a_bad_feed_does_not_stop_the_others(site, store, pipe, closed_port_url):
    site.serve("/w3.rss", rss(site, [("c1", PUB, story(6))]), "application/rss+xml")
    errors: list[InputError] = []
    s = poll_once(
        [closed_port_url, site.url("/missing-feed"), site.url("/w3.rss")],
        pipe,
        FeedState(store.engine),
        FAST,
        report=errors.append,
    )
    assert (s.new, s.failed) == (1, 2)
    assert "cannot connect" in str(errors[0]) and "HTTP 404" in str(errors[1])


class StopAfter:
    """A pipeline wrapper that raises a stop request after n articles (like SIGTERM would)."""

    def __init__(self, pipe, n, stop):
        self.pipe, self.n, self.stop = pipe, n, stop

    def process(self, article):
        result = self.pipe.process(article)
        self.n -= 1
        if self.n == 0:
            self.stop.set()
        return result


def test_stop_finishes_the_current_item_and_restart_goes_on(site, store, pipe):
    site.serve("/w4.rss", rss(site, [(f"d{i}", PUB, story(10 + i)) for i in range(4)]), "application/rss+xml")
    state = FeedState(store.engine)
    stop = threading.Event()
    s1 = poll_once([site.url("/w4.rss")], StopAfter(pipe, 1, stop), state, FAST, stop=stop)
    assert s1.new == 1 and count(store, feed_items) == 1 and count(store, documents) == 1
    s2 = poll_once([site.url("/w4.rss")], pipe, state, FAST)
    assert (s2.new, s2.skipped) == (3, 1)
    assert count(store, documents) == 4 and count(store, feed_items) == 4


class DieAfterSave:
    """Saves the article, then dies before watch can record the item (a kill at the worst moment)."""

    def __init__(self, pipe):
        self.pipe = pipe

    def process(self, article):
        self.pipe.process(article)
        raise KeyboardInterrupt


def test_killed_between_save_and_record_neither_loses_nor_duplicates(site, store, pipe):
    site.serve("/w5.rss", rss(site, [("e1", PUB, story(20)), ("e2", PUB, story(21))]), "application/rss+xml")
    state = FeedState(store.engine)
    with pytest.raises(KeyboardInterrupt):
        poll_once([site.url("/w5.rss")], DieAfterSave(pipe), state, FAST)
    assert count(store, documents) == 1 and count(store, feed_items) == 0
    s = poll_once([site.url("/w5.rss")], pipe, state, FAST)
    assert (s.read, s.new, s.known) == (2, 1, 1)  # e1 again: recognised as already stored
    assert count(store, documents) == 2 and count(store, feed_items) == 2


def test_watch_loop_polls_until_stopped(site, store, pipe):
    site.serve("/w6.rss", rss(site, [("f1", PUB, story(30))]), "application/rss+xml")
    stop = threading.Event()
    seen = []

    def on_poll(summary):
        seen.append(summary)
        if len(seen) == 3:
            stop.set()

    polls = watch(
        [site.url("/w6.rss")], pipe, FeedState(store.engine), FAST, every=0.05, stop=stop, on_poll=on_poll
    )
    assert polls == 3 and [s.new for s in seen] == [1, 0, 0] and seen[2].skipped == 1
    assert watch([site.url("/w6.rss")], pipe, FeedState(store.engine), FAST, once=True) == 1


def test_feed_item_dates_and_outlet(site, store, pipe):
    site.serve("/w7.rss", rss(site, [("g1", PUB, story(40))]), "application/rss+xml")
    poll_once([site.url("/w7.rss")], pipe, FeedState(store.engine), FAST)
    with store.engine.connect() as conn:
        row = conn.execute(select(documents.c.published, documents.c.outlet, documents.c.url)).one()
    assert row.published == date(2024, 5, 13) and row.outlet == "Watch Test" and row.url == site.url("/w/g1")


def test_feeds_file(tmp_path):
    p = tmp_path / "feeds.txt"
    p.write_text(
        "# Syria\nhttps://a.example/rss\n\nhttps://b.example/atom.xml   # Iraq\nhttps://a.example/rss\n"
    )
    assert read_feeds_file(p) == ["https://a.example/rss", "https://b.example/atom.xml"]
    (tmp_path / "empty.txt").write_text("# nothing yet\n")
    with pytest.raises(InputError, match="no feeds listed"):
        read_feeds_file(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="no such file"):
        read_feeds_file(tmp_path / "none.txt")


@pytest.mark.parametrize(
    "text, seconds", [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), ("5", 300), ("0.5s", 0.5)]
)
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "15 minutes", "m"])
def test_parse_every_refuses(text):
    with pytest.raises(ConfigError):
        parse_every(text)
