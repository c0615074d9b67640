"""What an article must be before any work is done on it: a plausible publication date,
text the language model can take, and fields that fit the store.  `ingest`, `extract`
and the API check every article here, so a bad one gets one clear line (naming the
input and the fix) and the batch goes on, instead of a traceback later or an article
stored half processed.

>>> from marsad.records import Article
>>> check_article(Article(doc_id="a", text="x", published=date(9999, 12, 31), origin="b.jsonl:3"))
Traceback (most recent call last):
...
marsad.errors.InputError: b.jsonl:3: publication date 9999-12-31 is not plausible (1900-01-01 to ...) - ...
"""
from __future__ import annotations

from datetime import date, timedelta

from marsad.errors import InputError
from marsad.records import Article

# The language model's limit on one text (marsad.extract.nlp sets spaCy's max_length to it).
MAX_TEXT_CHARS = 2_000_000
EARLIEST = date(1900, 1, 1)
# the store's column sizes (marsad/store/schema.py, documents)
FIELD_LIMITS = {"doc_id": 300, "url": 2000, "outlet": 300}


def latest_plausible(today: date | None = None) -> date:
    """Two days after today: a publication date in another time zone, never the future."""
    return (today or date.today()) + timedelta(days=2)


def check_date(value: date | None, source: str | None, what: str = "publication date") -> None:
    """InputError if `value` is outside EARLIEST .. latest_plausible()."""
    if value is None:
        return
    last = latest_plausible()
    if not EARLIEST <= value <= last:
        raise InputError(f"{what} {value.isoformat()} is not plausible ({EARLIEST} to {last})", source,
                         fix="correct the date (YYYY-MM-DD), or leave it out and pass --published")


def check_article(article: Article) -> Article:
    """The article itself if it can be processed, else InputError naming it and the fix."""
    source = article.origin or article.doc_id
    check_date(article.published, source)
    if len(article.text) > MAX_TEXT_CHARS:
        raise InputError(f"article text is {len(article.text):,} characters, above the "
                         f"{MAX_TEXT_CHARS:,} the language model takes", source,
                         fix="split it into its articles (one per file or JSONL line)")
    for name, limit in FIELD_LIMITS.items():
        value = getattr(article, name) or ""
        if len(value) > limit:
            raise InputError(f"{name} is {len(value):,} characters long; the limit is {limit}", source,
                             fix=f"shorten {name} to {limit} characters or fewer")
    return article
