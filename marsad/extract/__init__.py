"""Extraction: Article -> [Event].  `Extractor` loads its models once.

    from marsad.extract import Extractor
    events = Extractor().extract(article)
"""
from __future__ import annotations

from typing import Any

__all__ = ["Extractor"]


def __getattr__(name: str) -> Any:  # loaded lazily: importing marsad.extract stays cheap
    if name == "Extractor":
        from marsad.extract.events import Extractor
        return Extractor
    raise AttributeError(name)
