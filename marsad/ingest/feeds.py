"""RSS and Atom feeds.

`read_feed` parses a feed (URL or file) into FeedItems; `feed_articles` turns
items into Articles: an item with full content (content:encoded, Atom
<content>) is read as is, an item with only a summary has its linked page
fetched.  The item's date is the publication date unless the page has its
own; the feed's title is the outlet when the page names no site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from marsad.config import Options
from marsad.errors import FetchError, InputError
from marsad.ingest.clean import has_prose
from marsad.ingest.decode import read_file_bytes
from marsad.ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetched, fetch, make_client
from marsad.ingest.meta import host_of, parse_date, url_doc_id
from marsad.ingest.page import html_fragment_text, read_html
from marsad.records import Article

# Content shorter than this is a teaser, not the article: fetch the page instead.
MIN_CONTENT_WORDS = 60


@dataclass(slots=True)
class FeedItem:
    key: str  # guid/id, else link: what `marsad watch` remembers
    link: str | None
    title: str | None
    published: date | None
    content_html: str | None  # full content, if the feed carries it
    summary_html: str | None


@dataclass(slots=True)
class Feed:
    source: str  # URL or path it was read from
    title: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)


def _item_date(entry: dict[str, Any]) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return parse_date(entry[key])
    for key in ("published", "updated", "dc_date"):
        try:
            value = parse_date(entry.get(key))
        except ValueError:
            continue
        if value:
            return value
    return None


def _absolute(link: str | None, base: str) -> str | None:
    """An item's link as an absolute http(s) URL, or None (feedparser turns a bare guid into a "link")."""
    if not link:
        return None
    url = urljoin(base, link) if base.startswith(("http://", "https://")) else link
    return url if url.startswith(("http://", "https://")) else None


def parse_feed(data: bytes, source: str) -> Feed:
    """A Feed from raw bytes; InputError if they are not RSS/Atom."""
    import feedparser  # imported only when feeds are read

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise InputError("not an RSS or Atom feed", source, fix="give the URL or file of an RSS/Atom feed")
    feed = Feed(
        source=source, title=(parsed.feed.get("title") or "").strip() or None, link=parsed.feed.get("link")
    )
    for entry in parsed.entries:
        content = None
        for part in entry.get("content") or []:
            if part.get("value"):
                content = part["value"]
                break
        link = entry.get("link") or None
        if entry.get("guidislink") and link and not link.startswith(("http://", "https://")):
            link = None  # a bare guid that feedparser took for a link
        link = _absolute(link, parsed.feed.get("link") or source)
        key = (
            entry.get("id")
            or link
            or hashlib.sha256((entry.get("title", "") + entry.get("summary", "")).encode("utf-8")).hexdigest()
        )
        feed.items.append(
            FeedItem(
                key=key,
                link=link,
                title=(entry.get("title") or "").strip() or None,
                published=_item_date(entry),
                content_html=content,
                summary_html=entry.get("summary") or None,
            )
        )
    return feed


def read_feed(url_or_path: str, options: Options | None = None) -> Feed:
    """Fetch (http/https) or read (file) a feed and parse it.

    >>> feed = read_feed("tests/ingest/data/feed.rss")  # doctest: +SKIP
    >>> [item.title for item in feed.items]  # doctest: +SKIP
    """
    options = options or Options()
    if url_or_path.startswith(("http://", "https://")):
        got = fetch(url_or_path, options, accept=FEED_TYPES + PAGE_TYPES)
        return parse_feed(got.body, url_or_path)
    return parse_feed(read_file_bytes(Path(url_or_path), options.max_bytes), url_or_path)


def _hosts(url: str) -> set[str]:
    parts = urlsplit(url)
    return {parts.netloc.lower(), (parts.hostname or "").lower(), host_of(url)}


def item_article(item: FeedItem, feed: Feed, options: Options, client: httpx.Client | None = None) -> Article:
    """The Article of one feed item (fetching its page if the feed has only a summary)."""
    source = item.link or f"{feed.source}#{item.key}"
    text = html_fragment_text(item.content_html) if item.content_html else ""
    if text and (len(text.split()) >= MIN_CONTENT_WORDS or not item.link) and has_prose(text, 1):
        article = Article(doc_id="", text=text, url=item.link, title=item.title, origin=source)
    elif item.link:
        got: Fetched = fetch(item.link, options, accept=PAGE_TYPES, client=client)
        if got.content_type == "text/plain":
            from marsad.ingest.text import read_text

            article = read_text(got.text(), source)
        else:
            article = read_html(got.text(), url=got.final_url, source=source)
            if article.outlet and article.outlet.lower() in _hosts(got.final_url):
                article.outlet = None  # trafilatura's fallback, not a site name: the feed title is better
        article.url = item.link
    else:
        summary = html_fragment_text(item.summary_html or "")
        if not summary:
            raise InputError(
                "feed item has no content, summary or link",
                source,
                fix="this feed cannot be ingested item by item",
            )
        article = Article(doc_id="", text=summary, title=item.title, origin=source)
    article.published = article.published or item.published
    article.title = article.title or item.title
    article.outlet = article.outlet or feed.title
    article.origin = source
    if article.url:
        article.doc_id = url_doc_id(article.url)
    else:
        digest = hashlib.sha256(f"{feed.source}\n{item.key}".encode()).hexdigest()[:16]
        article.doc_id = f"feed-{digest}"
    return article


def feed_articles(feed: Feed, options: Options | None = None) -> Iterator[Article | InputError]:
    """Articles of every item; an item that fails is yielded as its InputError."""
    options = options or Options()
    with make_client(options) as client:
        for item in feed.items:
            try:
                yield item_article(item, feed, options, client)
            except (InputError, FetchError) as e:
                yield e
