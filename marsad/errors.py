"""marsad's errors.  The library raises these; only the CLI turns them into
one-line messages.  Every message names the input and says how to fix it."""
from __future__ import annotations


class MarsadError(Exception):
    """Base error.  `source` names the input (a path, URL, doc_id or line)."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, source: str | None = None, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.fix = fix

    def __str__(self) -> str:
        parts = []
        if self.source:
            parts.append(f"{self.source}:")
        parts.append(self.message)
        if self.fix:
            parts.append(f"- {self.fix}")
        return " ".join(parts)


class InputError(MarsadError):
    """An input could not be read as an article (empty, binary, malformed...)."""

    code = "E100"


class FetchError(InputError):
    """A URL or feed could not be fetched (HTTP error, time-out, refused)."""

    code = "E110"


class NoDateError(InputError):
    """No publication date anywhere: not in metadata, page, text or options."""

    code = "E120"


class GazetteerError(MarsadError):
    """A gazetteer file (GeoNames dump, event dataset, alias file) is unusable."""

    code = "E200"


class StoreError(MarsadError):
    """The database cannot be opened, migrated or written."""

    code = "E300"


class RecordError(StoreError):
    """One record cannot be stored as it is (a value longer than its column): the
    input's fault, not the database's, so a batch reports it and goes on."""

    code = "E310"


class ConfigError(MarsadError):
    """An option or setting is invalid."""

    code = "E400"
