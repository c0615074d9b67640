"""The examples in the modules' docstrings are part of their contract."""

from __future__ import annotations

import doctest

import pytest

import marsad.extract.actors
import marsad.extract.casualties
import marsad.extract.dates
import marsad.extract.roles
import marsad.extract.tolls


@pytest.mark.parametrize("module", [marsad.extract.actors, marsad.extract.dates, marsad.extract.casualties,
                                    marsad.extract.roles, marsad.extract.tolls])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
