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

_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d.%m.%Y",
    "%a, %d %b %Y %H:%M:%S %z",
    "%a, %d %b %Y %H:%M:%S %Z",
)
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.IGNORECASE)


def parse_date(value: object) -> date | None:
    """A publication date from a date, datetime, struct_time or string; None if blank.

    Strings: ISO 8601 (date or date-time), "2020/05/21", "21 May 2020",
    "May 21, 2020", RFC 822 ("Thu, 21 May 2020 10:00:00 GMT").  Raises
    ValueError for a non-blank value it cannot read.
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
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    squashed = re.sub(r"\s+", " ", text.replace(",", ", ")).replace(" ,", ",").replace(",,", ",")
    squashed = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", squashed)
    for fmt in _FORMATS:
        for candidate in (text, squashed):
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    raise ValueError(f"not a date: {text!r}")


def normalize_url(url: str) -> str:
    """The URL without fragment and tracking parameters, host lower-cased."""
    parts = urlsplit(url.strip())
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
