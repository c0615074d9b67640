"""CSV cells that a spreadsheet would run as formulas, made inert (OWASP's advice on
CSV injection): a text cell starting with =, +, -, @, a tab or a carriage return gets
a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text.
Numbers ("-33.5") are left alone.  Every CSV writer of marsad goes through
`SafeWriter`; `--csv-raw` writes cells as they are.

>>> neutralise('=HYPERLINK("http://evil.example","click")')
'\\'=HYPERLINK("http://evil.example","click")'
>>> neutralise("-33.5"), neutralise(-33.5), neutralise("Deir ez-Zor")
('-33.5', -33.5, 'Deir ez-Zor')
>>> restore(neutralise("@SUM(A1)"))
'@SUM(A1)'
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def neutralise(value: Any) -> Any:
    """`value` made inert if it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _is_number(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """The value as it was before `neutralise` (for reading marsad's own CSV back)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


class SafeWriter:
    """csv.writer / csv.DictWriter (given `fieldnames`) whose cells are neutralised
    unless raw=True."""

    def __init__(self, out: IO[str], fieldnames: Sequence[str] | None = None, *, raw: bool = False,
                 **kwargs: Any):
        self.raw = raw
        self._dict = fieldnames is not None
        self._w: Any = (csv.DictWriter(out, fieldnames=list(fieldnames), **kwargs) if fieldnames is not None
                        else csv.writer(out, **kwargs))

    def writeheader(self) -> None:
        self._w.writeheader()

    def writerow(self, row: Mapping[str, Any] | Iterable[Any]) -> None:
        if self.raw:
            self._w.writerow(row)
        elif self._dict:
            self._w.writerow({k: neutralise(v) for k, v in row.items()})  # type: ignore[union-attr]
        else:
            self._w.writerow([neutralise(v) for v in row])
