"""One options object, built once and handed down.  Defaults, then the
environment (MARSAD_DB, MARSAD_API_KEY, ...), then command-line flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "sqlite:///marsad.db"


def db_url(value: str | None = None) -> str:
    """Turn `--db` / MARSAD_DB into an SQLAlchemy URL; a bare path means SQLite."""
    value = value or os.environ.get("MARSAD_DB") or DEFAULT_DB
    if "://" not in value:
        value = "sqlite:///" + str(Path(value).expanduser())
    if value.startswith("postgresql://"):
        value = "postgresql+psycopg://" + value[len("postgresql://"):]
    if value.startswith("postgres://"):
        value = "postgresql+psycopg://" + value[len("postgres://"):]
    return value


@dataclass(slots=True)
class Options:
    db: str = field(default_factory=db_url)
    api_key: str | None = field(default_factory=lambda: os.environ.get("MARSAD_API_KEY") or None)
    tile_url: str | None = field(default_factory=lambda: os.environ.get("MARSAD_TILE_URL") or None)
    n_process: int = 1
    batch_size: int = 32
    fetch_timeout: float = 20.0
    max_bytes: int = 20_000_000
    encoding: str | None = None        # --encoding: the inputs' text encoding, instead of detecting it
    # the largest request body the API accepts (MARSAD_MAX_BODY_MB; serve --max-body-mb)
    max_body_bytes: int = field(default_factory=lambda: int(float(os.environ.get("MARSAD_MAX_BODY_MB") or 20) * 1e6))

    def with_(self, **changes: Any) -> Options:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
