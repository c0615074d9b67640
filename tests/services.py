"""Services some tests need (PostgreSQL, Chromium, Spark with Java): when one is
missing a test is skipped, except under MARSAD_REQUIRE_SERVICES=1 (as .ci/run
sets it), where it fails, so CI cannot pass by skipping."""
from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str, fix: str) -> NoReturn:
    if os.environ.get("MARSAD_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} but MARSAD_REQUIRE_SERVICES=1: {fix}")
    pytest.skip(what)
