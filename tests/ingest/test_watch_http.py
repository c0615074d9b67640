"""`marsad watch` as a good citizen, against a real HTTP server on 127.0.0.1:
conditional GETs (ETag, Last-Modified), retries with backoff, and a log that
counts polls and feeds right."""
from __future__ import annotations

from email.utils import formatdate

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import FetchError
from marsad.ingest.fetch import RetryableFetchError, fetch, fetch_with_retries
from marsad.ingest.watch import poll_once
from marsad.store.feeds import FeedState
from tests.ingest import test_watch
from tests.ingest.test_watch import FAST, PUB, rss, story

store = test_watch.store      # the same fixtures: SQLite, and PostgreSQL when MARSAD_TEST_PG_URL is set
pipe = test_watch.pipe

MODIFIED = formatdate(1715594400, usegmt=True)


class ConditionalFeed:
    """A feed route that honours If-None-Match / If-Modified-Since and records what it was sent."""

    def __init__(self, body: str, etag: str | None = '"v1"', modified: str | None = MODIFIED):
        self.body, self.etag, self.modified = body.encode(), etag, modified
        self.asked: list[tuple[str | None, str | None]] = []

    def __call__(self, h) -> None:
        sent = (h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since"))
        self.asked.append(sent)
        unchanged = (self.etag and sent[0] == self.etag) or (not self.etag and self.modified
                                                              and sent[1] == self.modified)
        h.send_response(304 if unchanged else 200)
        if self.etag:
            h.send_header("ETag", self.etag)
        if self.modified:
            h.send_header("Last-Modified", self.modified)
        if unchanged:
            h.end_headers()
            return
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", str(len(self.body)))
        h.end_headers()
        h.wfile.write(self.body)


class Flaky:
    """Fails with `status` the first `n` times, then serves `body`."""

    def __init__(self, n: int, body: str, status: int = 503):
        self.n, self.body, self.status, self.calls = n, body.encode(), status, 0

    def __call__(self, h) -> None:
        self.calls += 1
        ok = self.calls > self.n
        data = self.body if ok else b"busy"
        h.send_response(200 if ok else self.status)
        h.send_header("Content-Type", "application/rss+xml" if ok else "text/plain")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)


@pytest.mark.parametrize(("etag", "modified"), [('"v1"', MODIFIED), ('"v1"', None), (None, MODIFIED)])
def test_conditional_get_reads_a_feed_once_until_it_changes(site, store, pipe, etag, modified):
    path = f"/cond-{bool(etag)}-{bool(modified)}.rss"
    route = ConditionalFeed(rss(site, [(f"c{path}", PUB, story(50))]), etag, modified)
    site.routes[path] = route
    state = FeedState(store.engine)
    first = poll_once([site.url(path)], pipe, state, FAST)
    second = poll_once([site.url(path)], pipe, state, FAST)
    assert first.new == 1 and first.feeds_unchanged == 0
    assert second.feeds == 1 and second.feeds_unchanged == 1 and second.read == 0 and second.skipped == 0
    assert route.asked == [(None, None), (etag, modified)]
    # the feed changes: a new validator, a full answer, the new item read
    route.body = rss(site, [(f"c{path}", PUB, story(50)), (f"d{path}", PUB, story(51))]).encode()
    route.etag = '"v2"' if etag else None
    route.modified = formatdate(1715680800, usegmt=True) if modified else None
    third = poll_once([site.url(path)], pipe, state, FAST)
    assert third.feeds_unchanged == 0 and third.new == 1 and third.skipped == 1


def test_fetch_passes_validators_and_reports_304(site):
    route = ConditionalFeed(rss(site, [("x", PUB, story(3))]))
    site.routes["/v.rss"] = route
    got = fetch(site.url("/v.rss"), FAST)
    assert got.etag == '"v1"' and got.last_modified == MODIFIED and not got.not_modified
    again = fetch(site.url("/v.rss"), FAST, etag=got.etag, last_modified=got.last_modified)
    assert again.not_modified and again.body == b""


def test_retries_back_off_then_succeed(site):
    site.routes["/flaky.rss"] = route = Flaky(2, rss(site, [("f", PUB, story(4))]))
    waits: list[float] = []
    got = fetch_with_retries(site.url("/flaky.rss"), FAST, attempts=3, backoff=0.5, sleep=waits.append)
    assert got.status == 200 and route.calls == 3 and waits == [0.5, 1.0]


def test_retries_give_up_and_permanent_errors_are_not_retried(site):
    site.routes["/down.rss"] = down = Flaky(10, "", status=503)
    waits: list[float] = []
    with pytest.raises(RetryableFetchError, match="503"):
        fetch_with_retries(site.url("/down.rss"), FAST, attempts=3, backoff=0.01, sleep=waits.append)
    assert down.calls == 3 and waits == [0.01, 0.02]
    site.routes["/gone.rss"] = gone = Flaky(10, "", status=404)
    with pytest.raises(FetchError, match="404"):
        fetch_with_retries(site.url("/gone.rss"), FAST, attempts=3, sleep=waits.append)
    assert gone.calls == 1


def test_a_feed_failing_once_is_read_within_the_same_poll(site, store, pipe):
    site.routes["/once.rss"] = route = Flaky(1, rss(site, [("o1", PUB, story(60))]))
    s = poll_once([site.url("/once.rss")], pipe, FeedState(store.engine), FAST)
    assert route.calls == 2 and s.new == 1 and s.failed == 0 and s.feeds_failed == 0


def test_log_counts_polls_and_feeds(tmp_path, site):
    site.routes["/log-a.rss"] = ConditionalFeed(rss(site, [("la", PUB, story(70))]), '"a"', None)
    site.serve("/log-b.rss", rss(site, [("lb", PUB, story(71)), ("lc", PUB, story(72))]), "application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("\n".join([site.url("/log-a.rss"), site.url("/log-b.rss"), site.url("/no-such.rss")]))
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = CliRunner().invoke(cli, ["watch", str(feeds), "--once", "--db", db], catch_exceptions=False)
    lines = [ln for ln in res.stderr.splitlines() if " poll " in ln]
    assert res.exit_code == 1 and len(lines) == 1                  # a feed failed: exit 1 with --once
    assert "poll 1: 3 feeds: 2 read, 0 unchanged, 1 failed; 3 articles read, 3 new" in lines[0]
    assert "0 items seen before" in lines[0] and "no-such.rss" in res.stderr
