from __future__ import annotations

import pytest

from marsad.errors import StoreError
from marsad.store.engine import create, safe_url
from marsad.store.rows import check, clean
from marsad.store.schema import documents


def test_clean_keeps_length_and_plain_text() -> None:
    assert clean("a\x00b\ud800c") == "a\ufffdb\ufffdc"
    text = "ordinary text, عربي، 🚀"
    assert clean(text) is text
    assert clean(None) is None and clean(3) == 3


def test_check_limits_come_from_the_schema() -> None:
    row = check(documents, {"doc_id": "x" * 300, "text": "y" * 100_000}, "src", "article")
    assert len(row["doc_id"]) == 300
    with pytest.raises(StoreError, match=r"article\.doc_id is 301 characters long; the limit is 300") as e:
        check(documents, {"doc_id": "x" * 301}, "src", "article")
    assert e.value.source == "src" and e.value.fix


def test_safe_url_hides_the_password() -> None:
    shown = safe_url("postgresql+psycopg://analyst:s3cret@db.example:5432/marsad")
    assert "s3cret" not in shown and "analyst" in shown and "db.example" in shown


def test_bad_urls_are_store_errors() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        create("::::")
    with pytest.raises(StoreError, match="no driver"):
        create("oracle+nosuchdriver://u@h/db")
