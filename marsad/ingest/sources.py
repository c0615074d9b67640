"""`read_sources`: any mix of files, folders, JSONL batches, URLs and feeds -> Articles.

Every input is read on its own: a bad one is yielded as its InputError (one
line naming it and the fix) and the batch goes on.

Publication date, first found wins: the input's own metadata (JSONL field,
text header, page markup, feed item date), then ``published`` (--published),
then a dateline near the top of the text (marsad.text.dates.find_dateline).
No date -> NoDateError unless ``allow_undated``.

doc_id: given (JSONL field, ``ID:`` header), else derived from the URL, else
from the file name and the text's hash; the same input always gets the same id.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from marsad.config import Options
from marsad.errors import InputError, NoDateError
from marsad.ingest.checks import check_article
from marsad.ingest.decode import decode_bytes, html_charset, looks_binary, megabytes, read_file_bytes
from marsad.ingest.meta import file_doc_id, host_of, url_doc_id
from marsad.records import Article
from marsad.text.dates import find_dateline

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


def check_scheme(source: str) -> None:
    """InputError for a URL marsad cannot fetch (ftp://, file://, s3:// ...).

    >>> check_scheme("ftp://example.org/a.txt")
    Traceback (most recent call last):
    ...
    marsad.errors.InputError: ftp://example.org/a.txt: unsupported URL scheme 'ftp' - ...
    """
    m = _SCHEME.match(source)
    if m and not is_url(source):
        raise InputError(f"unsupported URL scheme '{m.group(1).lower()}'", source,
                         fix="marsad fetches http:// and https:// only: download the file and ingest it")


def expand_sources(sources: Iterable[str]) -> Iterator[str | InputError]:
    """Each source as given, folders replaced by their article files (recursive, sorted).

    A folder's hidden files and files of other types are skipped; a folder
    with no article files is an InputError.
    """
    for source in sources:
        if source == "-" or is_url(source) or not os.path.isdir(source):
            yield source
            continue
        found = []
        for root, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [
                os.path.join(root, f)
                for f in sorted(files)
                if not f.startswith(".") and f.lower().endswith(FOLDER_SUFFIXES)
            ]
        if not found:
            yield InputError(
                "folder holds no .txt, .html or .jsonl files",
                source,
                fix="check the folder, or give the files themselves",
            )
        yield from found


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def _read_bytes_as(kind: str, data: bytes, source: str, options: Options) -> Iterator[Article | InputError]:
    from marsad.ingest.feeds import feed_articles, parse_feed

    if kind == "feed":
        yield from feed_articles(parse_feed(data, source), options)
        return
    if kind == "jsonl":
        from marsad.ingest.jsonl import article_from_line

        for lineno, line in enumerate(data.splitlines(), 1):
            if line.strip():
                try:
                    yield article_from_line(line, f"{source}:{lineno}", source, options.encoding)
                except InputError as e:
                    yield e
        return
    text = decode_bytes(data, source, html_charset(data) if kind == "html" else None, options.encoding)
    if kind == "html":
        from marsad.ingest.page import read_html

        yield read_html(text, source=source)
    else:
        from marsad.ingest.text import read_text

        yield read_text(text, source)


def read_source(source: str, options: Options) -> Iterator[Article | InputError]:
    """The raw articles of one input (no date policy applied).  Raises InputError
    when the whole input is unusable; yields one for each bad part (line, item)."""
    if is_url(source):
        yield from _read_url(source, options)
        return
    check_scheme(source)
    if source == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise InputError(
                f"standard input is above the {megabytes(options.max_bytes)} limit",
                "-",
                fix="split it into files",
            )
        yield from _read_bytes_as(_sniff(data), data, "<stdin>", options)
        return
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        from marsad.ingest.jsonl import read_jsonl

        yield from read_jsonl(path, options.max_bytes, options.encoding)
        return
    if not path.exists():
        raise InputError("no such file or folder", source, fix="check the path")
    data = read_file_bytes(path, options.max_bytes)
    if suffix in TEXT_SUFFIXES:
        kind = "text"
    elif suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in FEED_SUFFIXES:
        kind = "feed" if _sniff(data) == "feed" else "html"
    else:
        if looks_binary(data):
            raise InputError(
                f"binary data, not an article ({suffix or 'no extension'})",
                source,
                fix="give .txt, .html, .jsonl files, URLs or feeds",
            )
        kind = _sniff(data)
    for item in _read_bytes_as(kind, data, source, options):
        if isinstance(item, Article) and kind != "jsonl" and not item.doc_id and not item.url:
            item.doc_id = file_doc_id(path, item.content_hash)
        yield item


def _read_url(url: str, options: Options) -> Iterator[Article | InputError]:
    from marsad.ingest.feeds import feed_articles, parse_feed
    from marsad.ingest.fetch import fetch

    got = fetch(url, options)
    if got.is_feed:
        yield from feed_articles(parse_feed(got.body, url), options)
        return
    if got.content_type == "text/plain":
        from marsad.ingest.text import read_text

        article = read_text(got.text(), url)
    else:
        from marsad.ingest.page import read_html

        article = read_html(got.text(), url=got.final_url, source=url)
    article.url = url
    article.outlet = article.outlet or host_of(got.final_url)
    yield article


def _dateline(text: str) -> date | None:
    try:
        return find_dateline(text)
    except Exception:  # a heuristic that fails must not lose the article
        log.warning("find_dateline failed; treating the article as having no dateline", exc_info=True)
        return None


def finalize(
    article: Article, *, published: date | None = None, allow_undated: bool = False, outlet: str | None = None
) -> Article:
    """Apply the date policy, fill doc_id and outlet; NoDateError if no date at all,
    InputError if the article cannot be processed (marsad.ingest.checks)."""
    article.published = article.published or published or _dateline(article.text)
    if article.published is None and not allow_undated:
        raise NoDateError(
            "no publication date found",
            article.origin or article.doc_id,
            fix="pass --published YYYY-MM-DD or add a `published` field",
        )
    if not article.outlet:
        article.outlet = outlet or (host_of(article.url) if article.url else None)
    if not article.doc_id:
        if article.url:
            article.doc_id = url_doc_id(article.url)
        else:
            article.doc_id = file_doc_id(article.origin or "doc", article.content_hash)
    return check_article(article)


def read_sources(
    sources: Iterable[str],
    options: Options | None = None,
    *,
    published: date | None = None,
    allow_undated: bool = False,
    outlet: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles from files, folders, JSONL, URLs and feeds; bad inputs as InputError items.

    Never raises for one bad input: the error is yielded and reading goes on.

    >>> from marsad.config import Options
    >>> for item in read_sources(["examples/"], Options(), allow_undated=True):  # doctest: +SKIP
    ...     print(item.doc_id if isinstance(item, Article) else f"error: {item}")
    """
    options = options or Options()
    for source in expand_sources(sources):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            for item in read_source(source, options):
                if isinstance(item, InputError):
                    yield item
                    continue
                try:
                    yield finalize(item, published=published, allow_undated=allow_undated, outlet=outlet)
                except InputError as e:
                    yield e
        except InputError as e:
            yield e
        except Exception as e:  # one input must not end the batch; the traceback is logged
            log.debug("unexpected failure reading %s", source, exc_info=True)
            yield InputError(
                f"could not be read ({type(e).__name__}: {e})",
                source,
                fix="report this input to the marsad maintainers",
            )
