"""Ingest: turn inputs into `marsad.records.Article` (page chrome stripped).

    from marsad.ingest import read_sources
    for item in read_sources(["examples/", "https://example.org/feed.xml"], options):
        ...  # an Article, or an InputError for an input that could not be read

Readers: ``.txt`` (optional "Title:/Published:/URL:/Outlet:" header, see
marsad.ingest.text), ``.html``/``.htm`` (trafilatura), ``.jsonl`` (one article
per line), folders (recursive), http(s) pages, RSS/Atom feeds (URL or file).
"""

from __future__ import annotations

from marsad.ingest.clean import strip_chrome
from marsad.ingest.feeds import Feed, FeedItem, feed_articles, read_feed
from marsad.ingest.fetch import Fetched, fetch
from marsad.ingest.jsonl import article_from_record, read_jsonl
from marsad.ingest.page import read_html
from marsad.ingest.sources import expand_sources, finalize, read_sources
from marsad.ingest.text import read_text

__all__ = [
    "Feed",
    "FeedItem",
    "Fetched",
    "article_from_record",
    "expand_sources",
    "feed_articles",
    "fetch",
    "finalize",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_sources",
    "read_text",
    "strip_chrome",
]
