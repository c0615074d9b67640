"""Plain-text articles (.txt).

A text file may start with header lines, then a blank line, then the body::

    Title: Three killed in an ambush near Mayadin
    Published: 2024-05-19
    Outlet: Example Monitor
    URL: https://example.org/news/ambush-mayadin
    ID: mayadin-ambush

    Three men were killed on Sunday when gunmen ...

Recognised keys (case-insensitive): Title, Published (or Date), URL (or Link),
Outlet (or Source, Site), ID (or Doc-ID).  Other "Key: value" lines in the
header (Author, Tags ...) are allowed and ignored.  The block counts as a
header only when every one of its lines is "Key: value" and at least one key
is recognised, so a body that starts "Beirut: ..." is never mistaken for one.
Without a header, a short first line followed by a blank line is the title
(it stays in the text too: it often is the only place an event is summed up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.errors import InputError
from marsad.ingest.clean import strip_chrome
from marsad.ingest.meta import parse_date
from marsad.records import Article

_KEYS = {
    "title": "title",
    "headline": "title",
    "published": "published",
    "date": "published",
    "publication date": "published",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "id": "doc_id",
    "doc-id": "doc_id",
    "doc_id": "doc_id",
    "docid": "doc_id",
}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z _-]{0,24}):[ \t]*(.*)")


@dataclass(slots=True)
class Header:
    fields: dict[str, str]
    body: str


def split_header(text: str) -> Header:
    """Split the "Key: value" header block (if any) from the body.

    >>> split_header("Title: A\\nPublished: 2024-05-19\\n\\nBody.").fields
    {'title': 'A', 'published': '2024-05-19'}
    >>> split_header("Beirut: clashes erupted.\\n\\nMore.").fields
    {}
    """
    stripped = text.lstrip("\ufeff\n\r\t ")
    block, sep, rest = stripped.partition("\n\n")
    lines = [ln.strip() for ln in block.replace("\r", "").split("\n")]
    fields: dict[str, str] = {}
    known = False
    for line in lines:
        m = _HEADER_LINE.fullmatch(line)
        if not m:
            return Header({}, text)
        key = _KEYS.get(m.group(1).strip().lower())
        if key:
            known = True
            fields[key] = m.group(2).strip()
    if not known:
        return Header({}, text)
    return Header(fields, rest if sep else "")


def _first_line_title(body: str) -> str | None:
    lines = body.split("\n")
    first = lines[0].strip()
    if (
        len(lines) >= 3
        and not lines[1].strip()
        and 3 <= len(first) <= 160
        and not re.search(r"[.:;,]$", first)
    ):
        return first
    return None


def read_text(text: str, source: str) -> Article:
    """One article from plain text (header convention above); chrome stripped.

    doc_id is left empty unless the header gives one (the caller derives it).
    """
    head = split_header(text)
    body = strip_chrome(head.body)
    if not body:
        raise InputError(
            "no article text", source, fix="put the article body after the header and a blank line"
        )
    try:
        published = parse_date(head.fields.get("published"))
    except ValueError:
        raise InputError(
            f"header 'Published: {head.fields['published']}' is not a date",
            source,
            fix="write it as YYYY-MM-DD",
        ) from None
    return Article(
        doc_id=head.fields.get("doc_id", ""),
        text=body,
        published=published,
        url=head.fields.get("url") or None,
        outlet=head.fields.get("outlet") or None,
        title=head.fields.get("title") or _first_line_title(body),
        origin=source,
    )
