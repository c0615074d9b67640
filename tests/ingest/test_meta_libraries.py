"""Publication dates (dateutil) and URL normalisation (courlan) keep marsad's
behaviour: one row per phrasing, nothing filled in from today."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest.meta import normalize_url, parse_date, url_doc_id

MAY_21 = date(2020, 5, 21)


@pytest.mark.parametrize("text", [
    "2020-05-21", "2020-05-21T23:30:00-05:00", "2020/05/21", "21 May 2020", "21 May, 2020", "May 21, 2020",
    "May 21st, 2020", "21st May 2020", "Thu, 21 May 2020 10:00:00 GMT", "Thu, 21 May 2020 10:00:00 +0300",
    "21.05.2020", "Thursday, May 21, 2020",
])
def test_dates(text):
    assert parse_date(text) == MAY_21


@pytest.mark.parametrize("text", ["May 2020", "Thursday", "yesterday", "no date here", "2020"])
def test_partial_or_no_dates_are_refused(text):
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


@pytest.mark.parametrize(("url", "norm"), [
    ("https://www.example.org/news/raqqa.html?utm_source=x&fbclid=1", "https://www.example.org/news/raqqa.html"),
    ("HTTPS://Example.ORG/a?b=1&cmpid=3&ocid=4#comments", "https://example.org/a?b=1"),
    ("https://example.org:443/a/?id=5&ref=home", "https://example.org/a/?id=5"),
    ("https://example.org", "https://example.org/"),
])
def test_url_normalisation(url, norm):
    assert normalize_url(url) == norm


def test_doc_ids_stay_stable():
    # ids stored by earlier versions: the same URL must keep its id
    assert url_doc_id("https://www.example.org/news/2020/05/21/raqqa-attack.html?utm_source=x") == \
        "example.org-raqqa-attack-998a87cf7c"
