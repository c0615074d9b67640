"""The examples in the ingest modules' docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["checks", "language", "clean", "decode", "meta", "text", "page", "jsonl", "sources", "feeds", "fetch", "batch", "watch"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"marsad.ingest.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
