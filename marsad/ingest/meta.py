"""Article metadata helpers: publication dates, stable doc ids, outlet names.

>>> parse_date("2020-05-21T08:30:00+03:00")
datetime.date(2020, 5, 21)
>>> url_doc_id("https://www.example.org/news/2020/05/21/raqqa-attack.html?utm_source=x")
'example.org-raqqa-attack-998a87cf7c'
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.IGNORECASE)


# Dates written day first with dots ("21.05.2020"), as European and Arabic outlets do.
_DAY_FIRST = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def parse_date(value: object) -> date | None:
    """A publication date from a date, datetime, struct_time or string; None if blank.

    Strings are read by dateutil: ISO 8601 (date or date-time; the date as
    written, whatever the zone), "2020/05/21", "21 May 2020", "May 21st, 2020",
    RFC 822 ("Thu, 21 May 2020 10:00:00 GMT"), "21.05.2020" (day first).  A
    string without a full date ("May 2020", "Thursday") raises ValueError, as
    does one that is no date: nothing is filled in from today.

    >>> parse_date("Thu, 21 May 2020 10:00:00 GMT"), parse_date("21.05.2020")
    (datetime.date(2020, 5, 21), datetime.date(2020, 5, 21))
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DAY.match(text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    return _dateutil_day(text)


def _dateutil_day(text: str) -> date:
    from dateutil import parser

    first = bool(_DAY_FIRST.match(text))
    try:
        # two different defaults: a field the text leaves out shows up as a difference
        a = parser.parse(text, default=datetime(2001, 1, 1), dayfirst=first)
        b = parser.parse(text, default=datetime(2002, 2, 2), dayfirst=first)
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(f"not a date: {text!r}") from None
    if a.date() != b.date():
        raise ValueError(f"not a full date: {text!r}")
    return a.date()


def normalize_url(url: str) -> str:
    """The URL without fragment and tracking parameters, host lower-cased.

    courlan normalises (case, default ports, percent-encoding, the common tracking
    parameters); marsad then drops the fragment and the few trackers it leaves.
    """
    from courlan import normalize_url as courlan_normalize

    parts = urlsplit(courlan_normalize(url.strip(), strict=False))
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def _slug(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def host_of(url: str) -> str:
    """The host of a URL without "www." (used as outlet when a page names none)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def url_doc_id(url: str) -> str:
    """A stable doc id for an article known by its URL: host, last path word, hash."""
    norm = normalize_url(url)
    parts = urlsplit(norm)
    last = [p for p in parts.path.split("/") if p]
    stem = _slug(re.sub(r"\.(s?html?|php|aspx?)$", "", last[-1]) if last else "", 50)
    digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()[:10]
    return "-".join(p for p in (host_of(norm), stem, digest) if p)


def file_doc_id(path: str | Path, content_hash: str) -> str:
    """A stable doc id for a file without one: file name and text hash.

    The same text in the same-named file gets the same id wherever it lives.
    """
    stem = _slug(Path(path).stem, 50) or "doc"
    return f"{stem}-{content_hash[:12]}"
