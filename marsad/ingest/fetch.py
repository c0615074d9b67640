"""Fetch pages and feeds over HTTP(S) with httpx.

One overall deadline per fetch (Options.fetch_timeout: a server that trickles
bytes cannot hold a batch forever), a size cap (Options.max_bytes, checked on
Content-Length and while streaming), at most 5 redirects, and a content-type
check.  Every failure becomes a FetchError whose message names the URL and
says what to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from marsad import __version__
from marsad.config import Options
from marsad.errors import FetchError
from marsad.ingest.decode import decode_bytes, html_charset, megabytes

USER_AGENT = f"marsad/{__version__} (conflict event monitor; +https://github.com/marsad)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
MAX_REDIRECTS = 5


class RetryableFetchError(FetchError):
    """A failure that may pass (time-out, refused connection, 5xx, 429): worth trying again later."""


@dataclass(slots=True)
class Fetched:
    """What a URL returned."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type only, lower-cased ("text/html")
    charset: str | None
    body: bytes
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """HTTP 304: the resource is unchanged since the validators sent (body empty)."""
        return self.status == 304

    @property
    def is_feed(self) -> bool:
        """RSS/Atom by content type, or by the first tag when served as XML, HTML or text."""
        if self.content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
            return True
        head = self.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(b"<?xml"):
            head = head[head.find(b"?>") + 2 :].lstrip()
            while head.startswith((b"<!--", b"<?")):  # comments, stylesheets
                head = head[head.find(b">") + 1 :].lstrip()
        return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))

    def text(self) -> str:
        """The body decoded: the declared charset (header, else HTML <meta>) if it works, else guessed."""
        declared = self.charset or (html_charset(self.body) if "html" in self.content_type else None)
        return decode_bytes(self.body, self.url, declared)


def make_client(options: Options) -> httpx.Client:
    timeout = httpx.Timeout(options.fetch_timeout, connect=min(options.fetch_timeout, 10.0))
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,"
            "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        },
    )


def fetch(
    url: str,
    options: Options | None = None,
    *,
    accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET a page or feed; FetchError on HTTP errors, time-outs, oversize or wrong type.

    With `etag` / `last_modified` (from an earlier Fetched) the GET is conditional:
    an unchanged resource answers 304 and comes back with ``not_modified`` and no body.

    >>> fetch("http://127.0.0.1:9/")  # doctest: +SKIP
    FetchError: http://127.0.0.1:9/: cannot connect ... - check the address and your network
    """
    options = options or Options()
    own = client is None
    client = client or make_client(options)
    deadline = time.monotonic() + options.fetch_timeout
    try:
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304 and headers:
                return Fetched(url, str(response.url), 304, "", None, b"", etag or None, last_modified or None)
            if response.status_code >= 400:
                kind = (
                    RetryableFetchError
                    if response.status_code >= 500 or response.status_code in (408, 429)
                    else FetchError
                )
                raise kind(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    url,
                    fix=_status_fix(response.status_code),
                )
            ctype, _, params = response.headers.get("content-type", "").partition(";")
            ctype = ctype.strip().lower()
            if ctype and ctype not in accept:
                raise FetchError(
                    f"unsupported content type {ctype}",
                    url,
                    fix="give the URL of an article page or an RSS/Atom feed",
                )
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > options.max_bytes:
                raise FetchError(
                    f"response is {megabytes(int(length))}, above the {megabytes(options.max_bytes)} limit",
                    url,
                    fix="check the URL",
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise FetchError(
                        f"response is larger than the {megabytes(options.max_bytes)} limit",
                        url,
                        fix="check the URL",
                    )
                if time.monotonic() > deadline:
                    raise RetryableFetchError(
                        f"no complete answer within {options.fetch_timeout:g} s", url, fix="try again later"
                    )
                chunks.append(chunk)
            charset = None
            for param in params.split(";"):
                key, _, value = param.partition("=")
                if key.strip().lower() == "charset" and value.strip():
                    charset = value.strip().strip("\"'")
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                content_type=ctype,
                charset=charset,
                body=b"".join(chunks),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except httpx.TimeoutException:
        raise RetryableFetchError(
            f"no answer within {options.fetch_timeout:g} s", url, fix="try again later"
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(
            f"more than {MAX_REDIRECTS} redirects",
            url,
            fix="open the URL in a browser and give the address it ends on",
        ) from None
    except httpx.ConnectError as e:
        raise RetryableFetchError(
            f"cannot connect ({_reason(e)})", url, fix="check the address and your network"
        ) from None
    except httpx.UnsupportedProtocol:
        raise FetchError("not an http(s) URL", url, fix="give an http:// or https:// address") from None
    except httpx.HTTPError as e:
        raise RetryableFetchError(
            f"request failed ({type(e).__name__}: {_reason(e)})", url, fix="try again later"
        ) from None
    finally:
        if own:
            client.close()


def fetch_with_retries(
    url: str,
    options: Options | None = None,
    *,
    attempts: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], object] = time.sleep,
    on_retry: Callable[[RetryableFetchError, float], object] | None = None,
    **kwargs: Any,
) -> Fetched:
    """`fetch`, tried again after a failure that may pass (time-out, refused
    connection, 5xx, 429): up to `attempts` tries, waiting `backoff` seconds, then
    twice as long each time.  Permanent failures (404, wrong type) raise at once."""
    for attempt in range(1, attempts + 1):
        try:
            return fetch(url, options, **kwargs)
        except RetryableFetchError as e:
            if attempt == attempts:
                raise
            wait = backoff * 2 ** (attempt - 1)
            if on_retry:
                on_retry(e, wait)
            sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _reason(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text.split("] ", 1)[-1][:120]


def _status_fix(status: int) -> str:
    if status in (401, 403):
        return "the site refuses automated access: save the page from a browser and ingest the file"
    if status in (404, 410):
        return "check the URL (the page may have been removed)"
    if status == 429:
        return "the site is rate-limiting: wait and try again"
    if status >= 500:
        return "the server failed: try again later"
    return "check the URL"
